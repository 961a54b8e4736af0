// What concur's own pcap writer records reads back, message for message, through the reader:
// the two halves of runner/capture agree on SCTP fragmentation, TCP streams and UDP.
#include <gtest/gtest.h>

#include <filesystem>

#include "capture/pcap_writer.h"
#include "packet_builder.h"

namespace concur::capture {
namespace {

using namespace testing;

TEST(WriterRoundTrip, s1ap_large_and_small_diameter_and_gtpv2c_written_by_the_pcap_writer_read_back_identically) {
  const std::string path = ::testing::TempDir() + "concur_writer_round_trip.pcap";
  const PcapWriter::Clock::time_point t0{std::chrono::seconds(1'700'000'000)};
  const Bytes small = s1ap_pdu(12, 40), large = s1ap_pdu(9, 5000, 0x3c);
  const Bytes ulr = diameter_message(316, true, 3000, 1), gtp = gtpv2c_message(32, 7, 100);
  {
    PcapWriter w(path);
    const TransportAddress enb = TransportAddress::from_text("10.1.0.1", 36412),
                           mme = TransportAddress::from_text("10.1.0.2", 36412),
                           hss = TransportAddress::from_text("10.1.0.9", 3868),
                           mme_s6a = TransportAddress::from_text("10.1.0.2", 40000);
    w.sctp_data(t0, enb, mme, 1, 18, small);
    w.sctp_data(t0 + std::chrono::milliseconds(1), mme, enb, 1, 18, large);  // fragments over 4 packets
    w.tcp(t0 + std::chrono::milliseconds(2), mme_s6a, hss, ulr);             // handshake, then 3 segments
    w.udp(t0 + std::chrono::milliseconds(3), TransportAddress::from_text("2001:db8::2", 2123),
          TransportAddress::from_text("2001:db8::3", 2123), gtp);
  }
  const ReadResult r = read_capture_file(path);
  std::filesystem::remove(path);
  ASSERT_FALSE(r.error) << r.error->to_string();
  for (const auto& w : r.warnings) ADD_FAILURE() << w.to_string();
  ASSERT_EQ(r.messages.size(), 4u);
  EXPECT_EQ(r.messages[0].bytes, small);
  EXPECT_EQ(r.messages[1].bytes, large);
  EXPECT_GT(r.messages[1].sctp.fragments, 1u);
  EXPECT_EQ(r.messages[1].src.to_string(), "10.1.0.2:36412");
  EXPECT_EQ(r.messages[2].bytes, ulr);
  EXPECT_EQ(r.messages[2].protocol, Protocol::diameter);
  EXPECT_EQ(r.messages[3].bytes, gtp);
  EXPECT_EQ(r.messages[3].dst.to_string(), "[2001:db8::3]:2123");
  EXPECT_EQ(r.messages[3].timestamp_ns, 1'700'000'000'003'000'000);
}

}  // namespace
}  // namespace concur::capture
