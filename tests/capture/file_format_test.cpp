// pcap and pcapng files as field tools write them: both byte orders, micro- and nanosecond
// pcap, pcapng sections with several interfaces of their own link type and time resolution,
// simple packet blocks, blocks the reader does not need, and libpcap's own pcap_dump output.
#include <gtest/gtest.h>
#include <pcap/pcap.h>

#include <cstdio>
#include <filesystem>

#include "capture/capture_file.h"
#include "capture/link_layer.h"
#include "packet_builder.h"

namespace concur::capture {
namespace {

using namespace testing;

Bytes s1ap_frame(std::uint8_t procedure, std::uint32_t tsn) {
  return ethernet(0x0800, ipv4("10.0.0.1", "10.0.0.2", kSctp,
                               sctp_packet(36412, 36412, 1, {sctp_data(tsn, 0, 0, 18, s1ap_pdu(procedure))})));
}
Bytes s1ap_raw(std::uint8_t procedure, std::uint32_t tsn) {
  return ipv4("10.0.0.1", "10.0.0.2", kSctp, sctp_packet(36412, 36412, 1, {sctp_data(tsn, 0, 0, 18, s1ap_pdu(procedure))}));
}

class PcapStyles : public ::testing::TestWithParam<std::tuple<bool, bool>> {};

TEST_P(PcapStyles, pcap_in_either_byte_order_and_resolution_gives_the_same_messages_and_times) {
  const auto [nano, big] = GetParam();
  const std::int64_t t1 = 1'600'000'000'000'000'000 + 123'456'789, t2 = t1 + 1'000'000'001;
  const Bytes file = pcap_file(linktype::ethernet, {{t1, s1ap_frame(12, 1)}, {t2, s1ap_frame(13, 2)}}, {nano, big});
  const ReadResult r = read_capture(file);
  ASSERT_FALSE(r.error);
  ASSERT_EQ(r.messages.size(), 2u);
  EXPECT_EQ(r.messages[0].timestamp_ns, nano ? t1 : t1 / 1000 * 1000);
  EXPECT_EQ(r.messages[1].timestamp_ns, nano ? t2 : t2 / 1000 * 1000);
  EXPECT_EQ(r.messages[1].bytes[1], 13);
}
INSTANTIATE_TEST_SUITE_P(ByteOrderAndResolution, PcapStyles, ::testing::Combine(::testing::Bool(), ::testing::Bool()),
                         [](const auto& p) {
                           return std::string(std::get<0>(p.param) ? "nanoseconds" : "microseconds") +
                                  (std::get<1>(p.param) ? "_big_endian" : "_little_endian");
                         });

TEST(Pcapng, interfaces_with_their_own_link_type_and_time_resolution_are_all_read) {
  const std::int64_t t = 1'700'000'000'000'000'000;
  const std::vector<PcapngInterface> itfs = {
      {linktype::ethernet, std::nullopt, std::nullopt},         // microseconds (default)
      {linktype::raw, std::uint8_t{9}, std::nullopt},           // nanoseconds
      {linktype::linux_sll, std::uint8_t{0x80 | 20}, std::nullopt},  // 2^-20 s
      {linktype::raw, std::uint8_t{3}, std::int64_t{1'000'000}},     // milliseconds, +1e6 s offset
  };
  for (bool big : {false, true}) {
    const Bytes file = pcapng_file(itfs, {{t + 1'000, s1ap_frame(1, 1), 0},
                                          {t + 2'000'000'001, s1ap_raw(2, 2), 1},
                                          {t + 3'000'000'000, linux_sll(0x0800, s1ap_raw(3, 3)), 2},
                                          {t + 4'000'000'000, s1ap_raw(4, 4), 3}}, big);
    const ReadResult r = read_capture(file, {}, big ? "big.pcapng" : "little.pcapng");
    ASSERT_FALSE(r.error) << r.error->to_string();
    ASSERT_EQ(r.messages.size(), 4u);
    EXPECT_EQ(r.messages[0].timestamp_ns, t + 1'000);
    EXPECT_EQ(r.messages[1].timestamp_ns, t + 2'000'000'001);
    EXPECT_NEAR(static_cast<double>(r.messages[2].timestamp_ns - t), 3e9, 1000.0) << "2^-20 s resolution";
    EXPECT_EQ(r.messages[3].timestamp_ns, t + 4'000'000'000);
    for (int i = 0; i < 4; ++i) EXPECT_EQ(r.messages[static_cast<std::size_t>(i)].bytes[1], i + 1);
  }
}

TEST(Pcapng, a_timestamp_beyond_2116_is_clamped_and_reading_goes_on) {
  // if_tsresol 0 = whole seconds: INT64_MAX ns written as 9.2e9 s, beyond what the reader keeps.
  const Bytes file = pcapng_file({{linktype::ethernet, std::uint8_t{0}, std::nullopt}, {linktype::ethernet, std::nullopt, std::nullopt}},
                                 {{INT64_MAX, s1ap_frame(1, 1), 0}, {1'000'000'000, s1ap_frame(2, 2), 1}});
  const ReadResult r = read_capture(file);
  ASSERT_FALSE(r.error) << r.error->to_string();
  ASSERT_EQ(r.messages.size(), 2u);
  EXPECT_EQ(r.messages[0].bytes[1], 2) << "the sane timestamp comes first";
  EXPECT_EQ(r.messages[1].timestamp_ns, (std::int64_t{1} << 62) - 1);
}

TEST(Pcapng, a_simple_packet_block_uses_the_first_interface) {
  const Bytes file = pcapng_file({{linktype::ethernet, std::nullopt, std::nullopt}}, {{0, s1ap_frame(9, 1), UINT32_MAX}});
  const ReadResult r = read_capture(file);
  ASSERT_FALSE(r.error) << r.error->to_string();
  ASSERT_EQ(r.messages.size(), 1u);
}

TEST(Pcapng, unknown_blocks_between_packets_are_skipped) {
  Bytes file = pcapng_file({{linktype::ethernet, std::nullopt, std::nullopt}}, {{0, s1ap_frame(9, 1)}});
  const Bytes custom{0xAD, 0x0B, 0x00, 0x00, 16, 0, 0, 0, 1, 2, 3, 4, 16, 0, 0, 0};  // type 0xBAD, length 16, little-endian
  const Bytes second = pcapng_file({{linktype::ethernet, std::nullopt, std::nullopt}}, {{0, s1ap_frame(12, 2)}});
  file.insert(file.end(), custom.begin(), custom.end());
  file.insert(file.end(), second.begin(), second.end());  // a second section, restating its interface
  const ReadResult r = read_capture(file);
  ASSERT_FALSE(r.error) << r.error->to_string();
  ASSERT_EQ(r.messages.size(), 2u);
  EXPECT_EQ(r.messages[1].frame_number, 2u);
}

TEST(Pcapng, a_packet_naming_an_undescribed_interface_is_a_file_error) {
  const Bytes file = pcapng_file({{linktype::ethernet, std::nullopt, std::nullopt}},
                                 {{0, s1ap_frame(9, 1)}, {0, s1ap_frame(9, 2), 0}});
  Bytes bad = file;
  // Second EPB: find it from the end (its length is the last 4 octets) and set interface id 5.
  const std::uint32_t last_len = bad[bad.size() - 4] | (bad[bad.size() - 3] << 8);
  const std::size_t epb = bad.size() - last_len;
  bad[epb + 8] = 5;
  const ReadResult r = read_capture(bad, {}, "two.pcapng");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->offset, epb);
  EXPECT_EQ(r.error->frame, 2u);
  EXPECT_NE(r.error->reason.find("interface 5"), std::string::npos);
  EXPECT_EQ(r.messages.size(), 1u);
}

TEST(Pcap, a_file_written_by_libpcap_pcap_dump_is_read) {
  const std::string path = ::testing::TempDir() + "concur_capture_pcap_dump.pcap";
  pcap_t* dead = pcap_open_dead(DLT_EN10MB, 65535);
  ASSERT_NE(dead, nullptr);
  pcap_dumper_t* dumper = pcap_dump_open(dead, path.c_str());
  ASSERT_NE(dumper, nullptr) << pcap_geterr(dead);
  for (std::uint32_t i = 0; i < 3; ++i) {
    const Bytes frame = s1ap_frame(static_cast<std::uint8_t>(10 + i), i);
    pcap_pkthdr h{};
    h.ts.tv_sec = 1000 + i;
    h.caplen = h.len = static_cast<bpf_u_int32>(frame.size());
    pcap_dump(reinterpret_cast<u_char*>(dumper), &h, frame.data());
  }
  pcap_dump_close(dumper);
  pcap_close(dead);
  const ReadResult r = read_capture_file(path);
  std::filesystem::remove(path);
  ASSERT_FALSE(r.error) << r.error->to_string();
  ASSERT_EQ(r.messages.size(), 3u);
  EXPECT_EQ(r.messages[2].bytes[1], 12);
  EXPECT_EQ(r.messages[2].timestamp_ns, 1002'000'000'000);
}

TEST(CaptureFile, frames_report_their_record_and_data_offsets_in_the_file) {
  const Bytes f1 = s1ap_frame(1, 1), f2 = s1ap_frame(2, 2);
  const Bytes file = pcap_file(linktype::ethernet, {{0, f1}, {0, f2}});
  CaptureFile cf(fmemopen(const_cast<std::uint8_t*>(file.data()), file.size(), "rb"), "offsets.pcap");
  const RawFrame* a = cf.next();
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->record_offset, 24u);
  EXPECT_EQ(a->data_offset, 40u);
  EXPECT_EQ(a->record_end, 40u + f1.size());
  const RawFrame* b = cf.next();
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->number, 2u);
  EXPECT_EQ(b->record_offset, 40u + f1.size());
  EXPECT_EQ(cf.next(), nullptr);
  EXPECT_FALSE(cf.error());
  EXPECT_EQ(cf.format(), CaptureFormat::pcap);
}

}  // namespace
}  // namespace concur::capture
