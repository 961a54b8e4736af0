// SCTP as TS 36.412 carries S1AP: several DATA chunks bundled in one packet, a large message in
// fragments (B/E bits, RFC 9260 6.9), unordered delivery, retransmissions, I-DATA (RFC 8260),
// UDP encapsulation (RFC 6951) and malformed chunks.
#include <gtest/gtest.h>

#include "capture/link_layer.h"
#include "packet_builder.h"

namespace concur::capture {
namespace {

using namespace testing;

constexpr std::uint32_t kS1apPpid = 18;

/// One Ethernet/IPv4 frame per SCTP packet, eNB 10.0.0.1 -> MME 10.0.0.2, 1 ms apart.
Bytes enb_to_mme(const std::vector<Bytes>& sctp_packets, const std::string& src = "10.0.0.1") {
  std::vector<Frame> frames;
  std::int64_t t = 1'000'000'000;
  for (const auto& p : sctp_packets) frames.emplace_back(t += 1'000'000, ethernet(0x0800, ipv4(src, "10.0.0.2", kSctp, p)));
  return pcap_file(linktype::ethernet, frames);
}

Bytes slice(const Bytes& b, std::size_t from, std::size_t n) {
  return Bytes(b.begin() + static_cast<std::ptrdiff_t>(from), b.begin() + static_cast<std::ptrdiff_t>(std::min(b.size(), from + n)));
}

TEST(Sctp, three_bundled_data_chunks_in_one_packet_are_three_messages_of_that_frame_in_chunk_order) {
  const Bytes a = s1ap_pdu(12, 30, 1), b = s1ap_pdu(13, 50, 2), c = s1ap_pdu(9, 70, 3);
  const ReadResult r = read_capture(enb_to_mme({sctp_packet(36412, 36412, 7, {
      sctp_sack(99), sctp_data(100, 1, 0, kS1apPpid, a), sctp_data(101, 2, 0, kS1apPpid, b), sctp_data(102, 1, 1, kS1apPpid, c)})}));
  ASSERT_EQ(r.messages.size(), 3u);
  EXPECT_EQ(r.messages[0].bytes, a);
  EXPECT_EQ(r.messages[1].bytes, b);
  EXPECT_EQ(r.messages[2].bytes, c);
  EXPECT_EQ(r.messages[1].sctp.stream_id, 2);
  for (const auto& m : r.messages) EXPECT_EQ(m.frame_number, 1u);
  EXPECT_TRUE(r.warnings.empty());
}

TEST(Sctp, a_message_in_three_fragments_over_three_packets_is_one_message_of_the_last_frame) {
  const Bytes pdu = s1ap_pdu(9, 3000, 0x77);
  const ReadResult r = read_capture(enb_to_mme({
      sctp_packet(36412, 36412, 7, {sctp_data(500, 3, 4, kS1apPpid, slice(pdu, 0, 1000), kBegin)}),
      sctp_packet(36412, 36412, 7, {sctp_data(501, 3, 4, kS1apPpid, slice(pdu, 1000, 1000), 0)}),
      sctp_packet(36412, 36412, 7, {sctp_data(502, 3, 4, kS1apPpid, slice(pdu, 2000, 1000), kEnd)})}));
  ASSERT_EQ(r.messages.size(), 1u);
  EXPECT_EQ(r.messages[0].bytes, pdu);
  EXPECT_EQ(r.messages[0].frame_number, 3u);
  EXPECT_EQ(r.messages[0].sctp.first_tsn, 500u);
  EXPECT_EQ(r.messages[0].sctp.fragments, 3u);
  EXPECT_EQ(r.messages[0].sctp.stream_id, 3);
}

TEST(Sctp, fragments_arriving_out_of_tsn_order_are_joined_in_tsn_order) {
  const Bytes pdu = s1ap_pdu(9, 300, 0x11);
  const ReadResult r = read_capture(enb_to_mme({
      sctp_packet(36412, 36412, 7, {sctp_data(12, 0, 1, kS1apPpid, slice(pdu, 200, 100), kEnd)}),
      sctp_packet(36412, 36412, 7, {sctp_data(10, 0, 1, kS1apPpid, slice(pdu, 0, 100), kBegin)}),
      sctp_packet(36412, 36412, 7, {sctp_data(11, 0, 1, kS1apPpid, slice(pdu, 100, 100), 0)})}));
  ASSERT_EQ(r.messages.size(), 1u);
  EXPECT_EQ(r.messages[0].bytes, pdu);
  EXPECT_EQ(r.messages[0].frame_number, 3u);
}

TEST(Sctp, fragments_of_two_streams_interleaved_in_tsn_order_complete_both_messages) {
  // Ordered messages on different streams cannot interleave within TSNs in one association,
  // but unordered ones can follow an ordered one: the TSN runs stay separate per message.
  const Bytes p1 = s1ap_pdu(9, 200, 0x21), p2 = s1ap_pdu(13, 200, 0x22);
  const ReadResult r = read_capture(enb_to_mme({
      sctp_packet(36412, 36412, 7, {sctp_data(1, 1, 0, kS1apPpid, slice(p1, 0, 100), kBegin),
                                    sctp_data(2, 1, 0, kS1apPpid, slice(p1, 100, 100), kEnd),
                                    sctp_data(3, 2, 0, kS1apPpid, slice(p2, 0, 100), kBegin | kUnordered)}),
      sctp_packet(36412, 36412, 7, {sctp_data(4, 2, 9, kS1apPpid, slice(p2, 100, 100), kEnd | kUnordered)})}));
  ASSERT_EQ(r.messages.size(), 2u);
  EXPECT_EQ(r.messages[0].bytes, p1);
  EXPECT_EQ(r.messages[0].frame_number, 1u);
  EXPECT_EQ(r.messages[1].bytes, p2);
  EXPECT_TRUE(r.messages[1].sctp.unordered) << "the U bit is reported";
  EXPECT_EQ(r.messages[1].frame_number, 2u);
}

TEST(Sctp, a_fragment_with_another_ssn_does_not_join_an_ordered_message) {
  const Bytes pdu = s1ap_pdu(9, 200);
  const ReadResult r = read_capture(enb_to_mme({
      sctp_packet(36412, 36412, 7, {sctp_data(1, 1, 5, kS1apPpid, slice(pdu, 0, 100), kBegin),
                                    sctp_data(2, 1, 6, kS1apPpid, slice(pdu, 100, 100), kEnd)})}));
  EXPECT_TRUE(r.messages.empty());
}

TEST(Sctp, a_retransmitted_tsn_is_delivered_once) {
  const Bytes pdu = s1ap_pdu(12, 40);
  const Bytes packet = sctp_packet(36412, 36412, 7, {sctp_data(42, 0, 0, kS1apPpid, pdu)});
  const ReadResult r = read_capture(enb_to_mme({packet, packet, packet}));
  ASSERT_EQ(r.messages.size(), 1u);
  EXPECT_EQ(r.messages[0].frame_number, 1u);
  EXPECT_EQ(r.stats.sctp.duplicate_tsns, 2u);
}

TEST(Sctp, a_retransmitted_fragment_does_not_disturb_reassembly) {
  const Bytes pdu = s1ap_pdu(9, 200, 0x44);
  const Bytes first = sctp_packet(36412, 36412, 7, {sctp_data(7, 0, 0, kS1apPpid, slice(pdu, 0, 100), kBegin)});
  const Bytes last = sctp_packet(36412, 36412, 7, {sctp_data(8, 0, 0, kS1apPpid, slice(pdu, 100, 100), kEnd)});
  const ReadResult r = read_capture(enb_to_mme({first, first, last, last}));
  ASSERT_EQ(r.messages.size(), 1u);
  EXPECT_EQ(r.messages[0].bytes, pdu);
  EXPECT_EQ(r.messages[0].frame_number, 3u);
}

TEST(Sctp, the_same_tsn_from_two_associations_is_two_messages) {
  const Bytes pdu = s1ap_pdu(12, 40);
  const Bytes packet = sctp_packet(36412, 36412, 7, {sctp_data(42, 0, 0, kS1apPpid, pdu)});
  std::vector<Frame> frames;
  frames.emplace_back(1, ethernet(0x0800, ipv4("10.0.0.1", "10.0.0.2", kSctp, packet)));
  frames.emplace_back(2, ethernet(0x0800, ipv4("10.0.0.3", "10.0.0.2", kSctp, packet)));
  EXPECT_EQ(read_capture(pcap_file(linktype::ethernet, frames)).messages.size(), 2u);
}

TEST(Sctp, tsns_that_wrap_around_zero_are_still_new_and_still_joined) {
  const Bytes pdu = s1ap_pdu(9, 200, 0x55);
  const ReadResult r = read_capture(enb_to_mme({
      sctp_packet(36412, 36412, 7, {sctp_data(0xFFFFFFFF, 0, 0, kS1apPpid, slice(pdu, 0, 100), kBegin)}),
      sctp_packet(36412, 36412, 7, {sctp_data(0, 0, 0, kS1apPpid, slice(pdu, 100, 100), kEnd)}),
      sctp_packet(36412, 36412, 7, {sctp_data(1, 0, 1, kS1apPpid, s1ap_pdu(12))})}));
  ASSERT_EQ(r.messages.size(), 2u);
  EXPECT_EQ(r.messages[0].bytes, pdu);
}

TEST(Sctp, a_chunk_length_overrunning_the_packet_is_a_warning_with_its_file_offset_and_earlier_chunks_are_kept) {
  const Bytes good = s1ap_pdu(12, 40);
  Bytes packet = sctp_packet(36412, 36412, 7, {sctp_data(1, 0, 0, kS1apPpid, good), sctp_data(2, 0, 1, kS1apPpid, s1ap_pdu(13, 40))});
  const std::size_t second_chunk = 12 + 56;
  packet[second_chunk + 2] = 0x01;  // length 0x0138 = 312 > the 56 octets left
  const ReadResult r = read_capture(enb_to_mme({packet, sctp_packet(36412, 36412, 7, {sctp_data(3, 0, 2, kS1apPpid, good)})}));
  ASSERT_EQ(r.messages.size(), 2u) << "the chunk before the fault and the next frame still count";
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0].frame, 1u);
  EXPECT_EQ(r.warnings[0].error.field, "sctp.chunk.length");
  // pcap header 24 + record header 16 + Ethernet 14 + IPv4 20 + chunk offset + 2 (the length field)
  EXPECT_EQ(r.warnings[0].error.offset, 24u + 16 + 14 + 20 + second_chunk + 2);
  EXPECT_EQ(r.stats.malformed_frames, 1u);
}

TEST(Sctp, a_chunk_length_below_four_is_a_warning) {
  Bytes packet = sctp_packet(36412, 36412, 7, {sctp_data(1, 0, 0, kS1apPpid, s1ap_pdu(12))});
  packet[12 + 2] = 0, packet[12 + 3] = 2;
  const ReadResult r = read_capture(enb_to_mme({packet}));
  EXPECT_TRUE(r.messages.empty());
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].error.reason.find("< 4"), std::string::npos);
}

TEST(Sctp, a_data_chunk_shorter_than_its_header_is_a_warning) {
  Bytes chunk{0x00, 0x03, 0x00, 0x08, 0, 0, 0, 1};
  const ReadResult r = read_capture(enb_to_mme({sctp_packet(36412, 36412, 7, {chunk})}));
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0].error.field, "sctp.data.length");
}

TEST(Sctp, i_data_fragments_are_joined_by_message_id_and_fsn) {
  const Bytes pdu = s1ap_pdu(9, 300, 0x66);
  const ReadResult r = read_capture(enb_to_mme({
      sctp_packet(36412, 36412, 7, {sctp_idata(20, 4, 77, kS1apPpid, slice(pdu, 0, 100), kBegin)}),
      sctp_packet(36412, 36412, 7, {sctp_idata(22, 4, 77, 2, slice(pdu, 200, 100), kEnd)}),
      sctp_packet(36412, 36412, 7, {sctp_idata(21, 4, 77, 1, slice(pdu, 100, 100), 0)})}));
  ASSERT_EQ(r.messages.size(), 1u);
  EXPECT_EQ(r.messages[0].bytes, pdu);
  EXPECT_EQ(r.messages[0].sctp.ppid, kS1apPpid) << "the PPID comes from the first fragment";
  EXPECT_EQ(r.messages[0].sctp.fragments, 3u);
  EXPECT_EQ(r.messages[0].frame_number, 3u);
}

TEST(Sctp, sctp_in_udp_on_port_9899_is_read_like_native_sctp) {
  const Bytes pdu = s1ap_pdu(17, 60);
  const Bytes inner = sctp_packet(36412, 36412, 9, {sctp_data(1, 0, 0, kS1apPpid, pdu)});
  std::vector<Frame> frames;
  frames.emplace_back(5, ethernet(0x0800, ipv4("10.0.0.1", "10.0.0.2", kUdp, udp(9899, 9899, inner))));
  const ReadResult r = read_capture(pcap_file(linktype::ethernet, frames));
  ASSERT_EQ(r.messages.size(), 1u);
  EXPECT_EQ(r.messages[0].bytes, pdu);
  EXPECT_TRUE(r.messages[0].sctp.over_udp);
  EXPECT_EQ(r.messages[0].src.port, 36412) << "the SCTP port, not the UDP tunnel port";
}

TEST(Sctp, s1ap_is_recognised_by_ppid_18_on_any_port_and_by_port_36412_with_ppid_0) {
  const ReadResult r = read_capture(enb_to_mme({
      sctp_packet(40000, 40001, 7, {sctp_data(1, 0, 0, kS1apPpid, s1ap_pdu(12))}),
      sctp_packet(40000, 36412, 8, {sctp_data(1, 0, 0, 0, s1ap_pdu(13))})}));
  ASSERT_EQ(r.messages.size(), 2u);
  EXPECT_EQ(r.messages[0].protocol, Protocol::s1ap);
  EXPECT_EQ(r.messages[1].protocol, Protocol::s1ap);
}

TEST(Sctp, ngap_ppid_60_is_not_s1ap_and_is_yielded_only_when_asked) {
  const Bytes packet = sctp_packet(38412, 38412, 7, {sctp_data(1, 0, 0, 60, s1ap_pdu(21))});
  EXPECT_TRUE(read_capture(enb_to_mme({packet})).messages.empty());
  CaptureOptions keep;
  keep.keep_unclassified = true;
  const ReadResult r = read_capture(enb_to_mme({packet}), keep);
  ASSERT_EQ(r.messages.size(), 1u);
  EXPECT_EQ(r.messages[0].protocol, Protocol::unclassified);
  EXPECT_EQ(r.messages[0].sctp.ppid, 60u);
}

TEST(Sctp, s1ap_ports_and_ppids_are_configurable) {
  CaptureOptions o;
  o.classify.s1ap_ppids = {};
  o.classify.s1ap_ports = {5000};
  const ReadResult r = read_capture(enb_to_mme({
      sctp_packet(36412, 36412, 7, {sctp_data(1, 0, 0, kS1apPpid, s1ap_pdu(12))}),
      sctp_packet(5000, 6000, 7, {sctp_data(1, 0, 0, 0, s1ap_pdu(13))})}), o);
  ASSERT_EQ(r.messages.size(), 1u);
  EXPECT_EQ(r.messages[0].bytes[1], 13);
}

TEST(Sctp, diameter_over_sctp_is_recognised_by_ppid_46_or_port_3868) {
  const ReadResult r = read_capture(enb_to_mme({
      sctp_packet(3868, 40000, 7, {sctp_data(1, 0, 0, 0, diameter_message(316, true, 64, 1))}),
      sctp_packet(40000, 40001, 7, {sctp_data(1, 0, 0, 46, diameter_message(318, false, 64, 2))})}));
  ASSERT_EQ(r.messages.size(), 2u);
  EXPECT_EQ(r.messages[0].protocol, Protocol::diameter);
  EXPECT_EQ(r.messages[1].protocol, Protocol::diameter);
}

TEST(Sctp, incomplete_fragments_beyond_the_memory_bound_are_dropped_with_a_warning) {
  CaptureOptions o;
  o.sctp.max_pending_octets = 1000;
  std::vector<Bytes> packets;
  for (std::uint32_t tsn = 0; tsn < 20; tsn += 2)  // only B fragments: nothing ever completes
    packets.push_back(sctp_packet(36412, 36412, 7, {sctp_data(tsn, 0, static_cast<std::uint16_t>(tsn), kS1apPpid, Bytes(200, 1), kBegin)}));
  const ReadResult r = read_capture(enb_to_mme(packets), o);
  EXPECT_TRUE(r.messages.empty());
  EXPECT_GT(r.stats.sctp.fragments_dropped, 0u);
  ASSERT_FALSE(r.warnings.empty());
  EXPECT_NE(r.warnings[0].error.reason.find("dropped"), std::string::npos);
}

TEST(Sctp, incomplete_fragments_time_out_in_capture_time) {
  CaptureOptions o;
  o.sctp.fragment_timeout_ns = 2'000'000'000;
  std::vector<Frame> frames;
  auto frame = [](const Bytes& sctp) { return ethernet(0x0800, ipv4("10.0.0.1", "10.0.0.2", kSctp, sctp)); };
  frames.emplace_back(0, frame(sctp_packet(36412, 36412, 7, {sctp_data(1, 0, 0, kS1apPpid, Bytes(100, 1), kBegin)})));
  frames.emplace_back(10'000'000'000, frame(sctp_packet(36412, 36412, 7, {sctp_data(3, 0, 1, kS1apPpid, Bytes(100, 1), kBegin)})));
  // The end of the first message arrives after its start timed out: it cannot complete.
  frames.emplace_back(10'001'000'000, frame(sctp_packet(36412, 36412, 7, {sctp_data(2, 0, 0, kS1apPpid, Bytes(100, 1), kEnd)})));
  const ReadResult r = read_capture(pcap_file(linktype::ethernet, frames), o);
  EXPECT_TRUE(r.messages.empty());
  EXPECT_EQ(r.stats.sctp.fragments_dropped, 1u);
}

}  // namespace
}  // namespace concur::capture
