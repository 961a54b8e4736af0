// Every supported link type, with and without VLAN tags, delivers the same S1AP message with
// the right addresses; frames that carry no IP are passed over without a warning.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

#include "capture/link_layer.h"
#include "packet_builder.h"

namespace concur::capture {
namespace {

using namespace testing;

struct LinkCase {
  std::string name;
  std::uint32_t linktype;
  std::function<Bytes(std::uint16_t ethertype, const Bytes& ip)> frame;
};

void PrintTo(const LinkCase& c, std::ostream* os) { *os << c.name; }

std::vector<LinkCase> link_cases() {
  return {
      {"ethernet", linktype::ethernet, [](auto et, const Bytes& ip) { return ethernet(et, ip); }},
      {"ethernet_8021q", linktype::ethernet, [](auto et, const Bytes& ip) { return ethernet(et, ip, {0x8100}); }},
      {"ethernet_qinq_8021ad", linktype::ethernet, [](auto et, const Bytes& ip) { return ethernet(et, ip, {0x88A8, 0x8100}); }},
      {"ethernet_qinq_9100", linktype::ethernet, [](auto et, const Bytes& ip) { return ethernet(et, ip, {0x9100, 0x8100}); }},
      {"linux_cooked_v1", linktype::linux_sll, [](auto et, const Bytes& ip) { return linux_sll(et, ip); }},
      {"linux_cooked_v1_vlan", linktype::linux_sll, [](auto et, const Bytes& ip) {
         // SLL protocol 0x8100, then TCI (VLAN 100) and the inner EtherType
         Bytes tagged(4 + ip.size());
         tagged[1] = 100;
         tagged[2] = static_cast<std::uint8_t>(et >> 8);
         tagged[3] = static_cast<std::uint8_t>(et);
         std::copy(ip.begin(), ip.end(), tagged.begin() + 4);
         return linux_sll(0x8100, tagged);
       }},
      {"linux_cooked_v2", linktype::linux_sll2, [](auto et, const Bytes& ip) { return linux_sll2(et, ip); }},
      {"raw_ip_101", linktype::raw, [](auto, const Bytes& ip) { return ip; }},
      {"raw_ip_12", linktype::raw_12, [](auto, const Bytes& ip) { return ip; }},
      {"raw_ip_14", linktype::raw_14, [](auto, const Bytes& ip) { return ip; }},
      {"ipv4_or_ipv6_228_229", 0, nullptr},  // link type chosen by version below
      {"bsd_null_little_endian", linktype::null_bsd,
       [](auto et, const Bytes& ip) { return null_header(et == 0x0800 ? 2 : 30, true, ip); }},
      {"bsd_null_big_endian", linktype::null_bsd,
       [](auto et, const Bytes& ip) { return null_header(et == 0x0800 ? 2 : 24, false, ip); }},
      {"openbsd_loop", linktype::loop, [](auto et, const Bytes& ip) { return null_header(et == 0x0800 ? 2 : 24, false, ip); }},
  };
}

class EveryLinkType : public ::testing::TestWithParam<std::tuple<LinkCase, bool>> {};

TEST_P(EveryLinkType, yields_the_s1ap_message_with_its_addresses_ports_and_stream) {
  const auto& [link, over_ipv6] = GetParam();
  const Bytes pdu = s1ap_pdu(17, 40);
  const Bytes sctp = sctp_packet(36412, 36412, 0xCAFE, {sctp_data(7, 1, 0, 18, pdu)});
  const Bytes ip = over_ipv6 ? ipv6("2001:db8::1", "2001:db8::2", kSctp, sctp) : ipv4("10.0.0.1", "10.0.0.2", kSctp, sctp);
  const std::uint16_t et = over_ipv6 ? 0x86DD : 0x0800;
  std::uint32_t lt = link.linktype;
  Bytes frame;
  if (!link.frame) {
    lt = over_ipv6 ? linktype::ipv6 : linktype::ipv4;
    frame = ip;
  } else {
    frame = link.frame(et, ip);
  }
  const ReadResult r = read_capture(pcap_file(lt, {{1'700'000'000'123'456'000, frame}}));
  ASSERT_FALSE(r.error) << r.error->to_string();
  EXPECT_TRUE(r.warnings.empty()) << r.warnings.front().to_string();
  ASSERT_EQ(r.messages.size(), 1u);
  const CapturedMessage& m = r.messages.front();
  EXPECT_EQ(m.protocol, Protocol::s1ap);
  EXPECT_EQ(m.bytes, pdu);
  EXPECT_EQ(m.frame_number, 1u);
  EXPECT_EQ(m.timestamp_ns, 1'700'000'000'123'456'000);
  EXPECT_EQ(m.transport, Transport::sctp);
  EXPECT_EQ(m.sctp.stream_id, 1);
  EXPECT_EQ(m.sctp.ppid, 18u);
  EXPECT_EQ(m.src.to_string(), over_ipv6 ? "[2001:db8::1]:36412" : "10.0.0.1:36412");
  EXPECT_EQ(m.dst.to_string(), over_ipv6 ? "[2001:db8::2]:36412" : "10.0.0.2:36412");
}

INSTANTIATE_TEST_SUITE_P(Links, EveryLinkType, ::testing::Combine(::testing::ValuesIn(link_cases()), ::testing::Bool()),
                         [](const auto& p) {
                           return std::get<0>(p.param).name + (std::get<1>(p.param) ? "_ipv6" : "_ipv4");
                         });

TEST(LinkLayer, arp_and_llc_frames_are_passed_over_without_a_warning) {
  const Bytes arp = ethernet(0x0806, Bytes(28, 0));
  Bytes llc = ethernet(0, Bytes(40, 0xAA));
  llc[12] = 0x00, llc[13] = 40;  // 802.3 length field instead of an EtherType
  const ReadResult r = read_capture(pcap_file(linktype::ethernet, {{0, arp}, {0, llc}}));
  EXPECT_FALSE(r.error);
  EXPECT_TRUE(r.warnings.empty());
  EXPECT_EQ(r.stats.non_ip_frames, 2u);
}

TEST(LinkLayer, an_unsupported_link_type_is_a_warning_per_frame_naming_it) {
  const ReadResult r = read_capture(pcap_file(147, {{0, Bytes(30, 0)}}));
  EXPECT_FALSE(r.error);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].to_string().find("unsupported link type 147"), std::string::npos);
  EXPECT_EQ(r.stats.unsupported_link_frames, 1u);
}

TEST(LinkLayer, a_frame_cut_inside_the_ethernet_header_is_a_warning_and_the_next_frame_is_read) {
  const Bytes good = ethernet(0x0800, ipv4("10.0.0.1", "10.0.0.2", kSctp,
                                           sctp_packet(1, 36412, 1, {sctp_data(1, 0, 0, 18, s1ap_pdu(9))})));
  const ReadResult r = read_capture(pcap_file(linktype::ethernet, {{0, Bytes(10, 0)}, {1000, good}}));
  EXPECT_FALSE(r.error);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0].frame, 1u);
  EXPECT_EQ(r.warnings[0].error.field, "eth.addresses");
  EXPECT_EQ(r.warnings[0].error.offset, 24u + 16u) << "absolute file offset of the frame's first octet";
  ASSERT_EQ(r.messages.size(), 1u);
  EXPECT_EQ(r.messages[0].frame_number, 2u);
}

TEST(LinkLayer, an_ethernet_frame_check_sequence_announced_in_the_pcap_header_is_removed) {
  Bytes frame = ethernet(0x0800, ipv4("10.0.0.1", "10.0.0.2", kUdp, udp(2123, 2123, gtpv2c_message(32, 1, 20))));
  frame.insert(frame.end(), {0xDE, 0xAD, 0xBE, 0xEF});
  // pcap-savefile(5): bit 26 = FCS length valid, bits 28-31 = FCS length in 16-bit words (2 = 4 octets).
  const ReadResult r = read_capture(pcap_file(linktype::ethernet | 0x04000000u | (2u << 28), {{0, frame}}));
  ASSERT_EQ(r.messages.size(), 1u);
  EXPECT_EQ(r.messages[0].protocol, Protocol::gtpv2c);
}

}  // namespace
}  // namespace concur::capture
