// GTPv2-C on UDP 2123 (TS 29.274 4.2.1, 5.5.1): one message per datagram or a triggered
// response with a piggybacked message; GTPv1-C on the same port is not GTPv2-C.
#include <gtest/gtest.h>

#include "capture/link_layer.h"
#include "packet_builder.h"

namespace concur::capture {
namespace {

using namespace testing;

Bytes s11(const std::vector<Bytes>& udp_payloads, std::uint16_t port = 2123) {
  std::vector<Frame> frames;
  std::int64_t t = 0;
  for (const auto& p : udp_payloads)
    frames.emplace_back(t += 1'000'000, ethernet(0x0800, ipv4("10.0.0.2", "10.0.0.3", kUdp, udp(port, port, p))));
  return pcap_file(linktype::ethernet, frames);
}

Bytes cat(const Bytes& a, const Bytes& b) {
  Bytes out = a;
  out.insert(out.end(), b.begin(), b.end());
  return out;
}

TEST(Gtpv2c, one_message_per_datagram_on_port_2123) {
  const Bytes csr = gtpv2c_message(32, 1, 40);  // Create Session Request
  const ReadResult r = read_capture(s11({csr}));
  ASSERT_EQ(r.messages.size(), 1u);
  EXPECT_EQ(r.messages[0].protocol, Protocol::gtpv2c);
  EXPECT_EQ(r.messages[0].transport, Transport::udp);
  EXPECT_EQ(r.messages[0].bytes, csr);
}

TEST(Gtpv2c, a_piggybacked_message_after_a_response_with_the_p_flag_is_a_second_message) {
  const Bytes csr_response = gtpv2c_message(33, 1, 30, true), cbr = gtpv2c_message(95, 2, 20);
  const ReadResult r = read_capture(s11({cat(csr_response, cbr)}));
  ASSERT_EQ(r.messages.size(), 2u);
  EXPECT_EQ(r.messages[0].bytes, csr_response);
  EXPECT_EQ(r.messages[1].bytes, cbr);
  EXPECT_EQ(r.messages[1].frame_number, 1u);
}

TEST(Gtpv2c, gtpv1_c_on_port_2123_is_not_gtpv2_c_and_not_a_warning) {
  Bytes v1 = gtpv2c_message(16, 1, 20);
  v1[0] = 0x32;  // version 1
  const ReadResult r = read_capture(s11({v1}));
  EXPECT_TRUE(r.messages.empty());
  EXPECT_TRUE(r.warnings.empty());
}

TEST(Gtpv2c, a_length_beyond_the_datagram_is_a_warning_at_the_length_field) {
  Bytes bad = gtpv2c_message(32, 1, 40);
  bad[3] = 0xF0;
  const ReadResult r = read_capture(s11({bad}));
  EXPECT_TRUE(r.messages.empty());
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0].error.field, "gtpv2.length");
  EXPECT_EQ(r.warnings[0].error.offset, 24u + 16 + 14 + 20 + 8 + 2);
}

TEST(Gtpv2c, ports_are_configurable) {
  CaptureOptions o;
  o.classify.gtpv2c_ports = {12123};
  EXPECT_TRUE(read_capture(s11({gtpv2c_message(32, 1, 4)}), o).messages.empty());
  EXPECT_EQ(read_capture(s11({gtpv2c_message(32, 1, 4)}, 12123), o).messages.size(), 1u);
}

TEST(Gtpv2c, a_udp_length_beyond_the_ip_payload_is_a_warning) {
  Bytes datagram = udp(2123, 2123, gtpv2c_message(32, 1, 4));
  datagram[5] = 0xFF;
  std::vector<Frame> frames;
  frames.emplace_back(0, ethernet(0x0800, ipv4("10.0.0.2", "10.0.0.3", kUdp, datagram)));
  const ReadResult r = read_capture(pcap_file(linktype::ethernet, frames));
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0].error.field, "udp.length");
}

}  // namespace
}  // namespace concur::capture
