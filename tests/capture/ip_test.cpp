// IPv4 and IPv6 as field captures carry them: fragments in any order, duplicates, IPv6
// extension headers, and malformed headers reported per frame while reading goes on.
#include <gtest/gtest.h>

#include <algorithm>

#include "capture/link_layer.h"
#include "packet_builder.h"

namespace concur::capture {
namespace {

using namespace testing;

Bytes raw_capture(const std::vector<Bytes>& ip_packets, std::int64_t step_ns = 1'000'000) {
  std::vector<Frame> frames;
  std::int64_t t = 0;
  for (const auto& p : ip_packets) frames.emplace_back(t += step_ns, p);
  return pcap_file(linktype::raw, frames);
}

Bytes big_s1ap_sctp(const Bytes& pdu) { return sctp_packet(36412, 36412, 1, {sctp_data(1, 0, 0, 18, pdu)}); }

TEST(Ipv4, fragments_in_order_are_reassembled_into_one_sctp_packet) {
  const Bytes pdu = s1ap_pdu(9, 3000, 0x31);
  const auto frags = ipv4_fragments("10.0.0.1", "10.0.0.2", kSctp, big_s1ap_sctp(pdu), 77, 1480);
  ASSERT_EQ(frags.size(), 3u);
  const ReadResult r = read_capture(raw_capture(frags));
  ASSERT_EQ(r.messages.size(), 1u);
  EXPECT_EQ(r.messages[0].bytes, pdu);
  EXPECT_EQ(r.messages[0].frame_number, 3u);
  EXPECT_EQ(r.stats.ip.datagrams_reassembled, 1u);
  EXPECT_TRUE(r.warnings.empty());
}

TEST(Ipv4, fragments_in_reverse_order_with_a_duplicate_are_reassembled_once) {
  const Bytes pdu = s1ap_pdu(9, 3000, 0x32);
  auto frags = ipv4_fragments("10.0.0.1", "10.0.0.2", kSctp, big_s1ap_sctp(pdu), 78, 1000);
  std::reverse(frags.begin(), frags.end());
  frags.insert(frags.begin() + 1, frags.front());
  const ReadResult r = read_capture(raw_capture(frags));
  ASSERT_EQ(r.messages.size(), 1u);
  EXPECT_EQ(r.messages[0].bytes, pdu);
  EXPECT_EQ(r.stats.ip.overlapping_fragments, 1u);
}

TEST(Ipv4, fragments_of_two_datagrams_with_different_ids_interleave) {
  const Bytes p1 = s1ap_pdu(9, 2000, 1), p2 = s1ap_pdu(13, 2000, 2);
  const auto a = ipv4_fragments("10.0.0.1", "10.0.0.2", kSctp, sctp_packet(36412, 36412, 1, {sctp_data(1, 0, 0, 18, p1)}), 1, 1200);
  const auto b = ipv4_fragments("10.0.0.1", "10.0.0.2", kSctp, sctp_packet(36412, 36412, 1, {sctp_data(2, 0, 1, 18, p2)}), 2, 1200);
  const ReadResult r = read_capture(raw_capture({a[0], b[0], b[1], a[1]}));
  ASSERT_EQ(r.messages.size(), 2u);
  EXPECT_EQ(r.messages[0].bytes, p2);
  EXPECT_EQ(r.messages[1].bytes, p1);
}

TEST(Ipv4, an_incomplete_datagram_expires_after_the_timeout_with_a_warning) {
  CaptureOptions o;
  o.ip.timeout_ns = 1'000'000'000;
  const auto frags = ipv4_fragments("10.0.0.1", "10.0.0.2", kSctp, big_s1ap_sctp(s1ap_pdu(9, 3000)), 79, 1480);
  const Bytes later = ipv4("10.0.0.1", "10.0.0.2", kSctp, sctp_packet(36412, 36412, 1, {sctp_data(9, 0, 0, 18, s1ap_pdu(12))}));
  const ReadResult r = read_capture(raw_capture({frags[0], later, frags[1], frags[2]}, 2'000'000'000), o);
  // Frames 2 s apart with a 1 s timeout: every fragment outlives the one before it.
  ASSERT_EQ(r.messages.size(), 1u) << "only the unfragmented packet";
  EXPECT_EQ(r.stats.ip.datagrams_expired, 2u) << "the first fragment, then the second one alone";
  ASSERT_FALSE(r.warnings.empty());
  EXPECT_NE(r.warnings[0].error.reason.find("timed out"), std::string::npos);
}

TEST(Ipv4, datagrams_in_reassembly_are_bounded_and_the_oldest_is_evicted) {
  CaptureOptions o;
  o.ip.max_datagrams = 4;
  std::vector<Bytes> firsts;
  for (std::uint16_t id = 0; id < 10; ++id)
    firsts.push_back(ipv4_fragments("10.0.0.1", "10.0.0.2", kSctp, big_s1ap_sctp(s1ap_pdu(9, 3000)), id, 1480)[0]);
  const ReadResult r = read_capture(raw_capture(firsts), o);
  EXPECT_EQ(r.stats.ip.datagrams_evicted, 6u);
  EXPECT_EQ(r.warnings.size(), 6u);
}

TEST(Ipv4, a_header_length_below_20_is_a_warning_naming_the_field_and_the_next_frame_is_read) {
  Bytes bad = ipv4("10.0.0.1", "10.0.0.2", kSctp, big_s1ap_sctp(s1ap_pdu(12)));
  bad[0] = 0x44;
  const Bytes good = ipv4("10.0.0.1", "10.0.0.2", kSctp, big_s1ap_sctp(s1ap_pdu(13)));
  const ReadResult r = read_capture(raw_capture({bad, good}));
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0].frame, 1u);
  EXPECT_EQ(r.warnings[0].error.field, "ipv4.ihl");
  ASSERT_EQ(r.messages.size(), 1u);
  EXPECT_EQ(r.messages[0].frame_number, 2u);
}

TEST(Ipv4, a_total_length_beyond_the_captured_octets_is_a_warning_at_the_length_field) {
  Bytes bad = ipv4("10.0.0.1", "10.0.0.2", kSctp, big_s1ap_sctp(s1ap_pdu(12)));
  bad[2] = 0x0F;
  const ReadResult r = read_capture(raw_capture({bad}));
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0].error.field, "ipv4.total_length");
  EXPECT_EQ(r.warnings[0].error.offset, 24u + 16 + 2);
}

TEST(Ipv4, a_fragment_reaching_beyond_65535_octets_is_a_warning) {
  const Bytes frag = ipv4("10.0.0.1", "10.0.0.2", kSctp, Bytes(800, 0), 5, 65000, true);
  const ReadResult r = read_capture(raw_capture({frag}));
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].error.reason.find("beyond 65535"), std::string::npos);
}

TEST(Ipv6, extension_headers_before_sctp_are_skipped) {
  const Bytes pdu = s1ap_pdu(17, 64);
  const Bytes packet = ipv6("2001:db8::1", "2001:db8::2", kSctp, big_s1ap_sctp(pdu),
                            {{0, Bytes(6, 0)}, {60, Bytes(14, 0)}, {43, Bytes{0, 0, 0, 0, 0, 0}}, {51, Bytes(10, 0)}});
  const ReadResult r = read_capture(raw_capture({packet}));
  ASSERT_EQ(r.messages.size(), 1u);
  EXPECT_EQ(r.messages[0].bytes, pdu);
  EXPECT_EQ(r.messages[0].src.address.to_string(), "2001:db8::1");
}

TEST(Ipv6, fragments_are_reassembled_and_the_next_header_comes_from_the_fragment_header) {
  const Bytes pdu = s1ap_pdu(9, 4000, 0x61);
  auto frags = ipv6_fragments("2001:db8::1", "2001:db8::2", kSctp, big_s1ap_sctp(pdu), 0xABCDEF01, 1232);
  ASSERT_EQ(frags.size(), 4u);
  std::swap(frags[0], frags[2]);
  const ReadResult r = read_capture(raw_capture(frags));
  ASSERT_EQ(r.messages.size(), 1u);
  EXPECT_EQ(r.messages[0].bytes, pdu);
  EXPECT_EQ(r.messages[0].frame_number, 4u);
  EXPECT_TRUE(r.warnings.empty());
}

TEST(Ipv6, an_atomic_fragment_is_a_whole_datagram) {
  const Bytes pdu = s1ap_pdu(12, 40);
  auto frags = ipv6_fragments("2001:db8::1", "2001:db8::2", kSctp, big_s1ap_sctp(pdu), 9, 4000);
  ASSERT_EQ(frags.size(), 1u);  // offset 0, M = 0 (RFC 6946)
  const ReadResult r = read_capture(raw_capture(frags));
  ASSERT_EQ(r.messages.size(), 1u);
  EXPECT_EQ(r.stats.ip.fragments, 0u);
}

TEST(Ipv6, a_payload_length_beyond_the_capture_is_a_warning) {
  Bytes packet = ipv6("2001:db8::1", "2001:db8::2", kSctp, big_s1ap_sctp(s1ap_pdu(12)));
  packet[4] = 0x40;
  const ReadResult r = read_capture(raw_capture({packet}));
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0].error.field, "ipv6.payload_length");
}

TEST(Ipv6, an_extension_header_running_past_the_payload_is_a_warning) {
  Bytes packet = ipv6("2001:db8::1", "2001:db8::2", kSctp, Bytes{}, {{60, Bytes(6, 0)}});
  packet[41] = 9;  // destination options claiming 80 octets in an 8-octet payload
  const ReadResult r = read_capture(raw_capture({packet}));
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0].error.field, "ipv6.ext.data");
}

TEST(Ipv6, ip_addresses_print_in_rfc5952_form) {
  EXPECT_EQ(IpAddress::v6(Bytes{0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1}).to_string(), "2001:db8::1:0:0:1");
  EXPECT_EQ(IpAddress::v6(Bytes(16, 0)).to_string(), "::");
  EXPECT_EQ(IpAddress::v4(Bytes{192, 168, 1, 254}).to_string(), "192.168.1.254");
}

}  // namespace
}  // namespace concur::capture
