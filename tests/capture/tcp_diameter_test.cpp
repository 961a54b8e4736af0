// Diameter over TCP (RFC 6733, port 3868): messages split over segments, several per segment,
// retransmitted and out-of-order segments, a capture that starts mid-stream, lost framing.
#include <gtest/gtest.h>

#include "capture/link_layer.h"
#include "packet_builder.h"

namespace concur::capture {
namespace {

using namespace testing;

struct Segment {
  std::uint32_t seq;
  Bytes payload;
  std::uint8_t flags = kAck | kPsh;
};

/// MME 10.0.0.2:40000 -> HSS 10.0.0.9:3868, one Ethernet frame per segment.
Bytes mme_to_hss(const std::vector<Segment>& segments) {
  std::vector<Frame> frames;
  std::int64_t t = 0;
  for (const auto& s : segments)
    frames.emplace_back(t += 1'000'000, ethernet(0x0800, ipv4("10.0.0.2", "10.0.0.9", kTcp, tcp(40000, 3868, s.seq, s.flags, s.payload))));
  return pcap_file(linktype::ethernet, frames);
}

Bytes cat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}
Bytes part(const Bytes& b, std::size_t from, std::size_t n) {
  return Bytes(b.begin() + static_cast<std::ptrdiff_t>(from), b.begin() + static_cast<std::ptrdiff_t>(std::min(b.size(), from + n)));
}

const Bytes kAir = diameter_message(316, true, 240, 1);   // Update-Location-Request
const Bytes kUla = diameter_message(316, false, 180, 1);
const Bytes kAia = diameter_message(318, false, 400, 2);  // Authentication-Information-Answer

TEST(TcpDiameter, a_message_split_over_three_segments_is_one_message_of_the_last_frame) {
  const ReadResult r = read_capture(mme_to_hss({{1000, {}, kSyn}, {1001, part(kAia, 0, 3)}, {1004, part(kAia, 3, 200)},
                                                {1204, part(kAia, 203, 197)}}));
  ASSERT_EQ(r.messages.size(), 1u);
  EXPECT_EQ(r.messages[0].bytes, kAia);
  EXPECT_EQ(r.messages[0].frame_number, 4u);
  EXPECT_EQ(r.messages[0].transport, Transport::tcp);
  EXPECT_EQ(r.messages[0].protocol, Protocol::diameter);
  EXPECT_EQ(r.messages[0].dst.to_string(), "10.0.0.9:3868");
}

TEST(TcpDiameter, three_messages_in_one_segment_are_three_messages) {
  const ReadResult r = read_capture(mme_to_hss({{1000, {}, kSyn}, {1001, cat({kAir, kUla, kAia})}}));
  ASSERT_EQ(r.messages.size(), 3u);
  EXPECT_EQ(r.messages[0].bytes, kAir);
  EXPECT_EQ(r.messages[1].bytes, kUla);
  EXPECT_EQ(r.messages[2].bytes, kAia);
}

TEST(TcpDiameter, a_segment_boundary_inside_the_second_message_completes_it_in_the_next_frame) {
  const Bytes stream = cat({kAir, kUla});
  const ReadResult r = read_capture(mme_to_hss({{1, part(stream, 0, 300)}, {301, part(stream, 300, 120)}}));
  ASSERT_EQ(r.messages.size(), 2u);
  EXPECT_EQ(r.messages[0].frame_number, 1u);
  EXPECT_EQ(r.messages[1].frame_number, 2u);
  EXPECT_EQ(r.messages[1].bytes, kUla);
}

TEST(TcpDiameter, a_retransmitted_segment_is_used_once) {
  const ReadResult r = read_capture(mme_to_hss({{1000, {}, kSyn}, {1001, kAir}, {1001, kAir}, {1241, kUla}}));
  ASSERT_EQ(r.messages.size(), 2u);
  EXPECT_EQ(r.stats.tcp.retransmitted_segments, 1u);
}

TEST(TcpDiameter, a_retransmission_overlapping_new_data_contributes_only_the_new_octets) {
  const Bytes stream = cat({kAir, kUla});
  const ReadResult r = read_capture(mme_to_hss({{1000, {}, kSyn}, {1001, part(stream, 0, 200)}, {1001, part(stream, 0, 300)},
                                                {1301, part(stream, 300, 120)}}));
  ASSERT_EQ(r.messages.size(), 2u);
  EXPECT_EQ(r.messages[0].bytes, kAir);
  EXPECT_EQ(r.messages[1].bytes, kUla);
}

TEST(TcpDiameter, out_of_order_segments_are_held_until_the_gap_is_filled) {
  const ReadResult r = read_capture(mme_to_hss({{1000, {}, kSyn}, {1101, part(kAir, 100, 140)}, {1001, part(kAir, 0, 100)}}));
  ASSERT_EQ(r.messages.size(), 1u);
  EXPECT_EQ(r.messages[0].bytes, kAir);
  EXPECT_EQ(r.messages[0].frame_number, 3u);
}

TEST(TcpDiameter, a_capture_starting_mid_message_waits_for_a_segment_that_starts_a_message) {
  const ReadResult r = read_capture(mme_to_hss({{5000, part(kAia, 100, 300)}, {5300, kAir}, {5540, kUla}}));
  ASSERT_EQ(r.messages.size(), 2u);
  EXPECT_EQ(r.messages[0].bytes, kAir);
  EXPECT_EQ(r.stats.tcp.unsynchronised_segments, 1u);
}

TEST(TcpDiameter, a_broken_header_in_the_stream_is_a_warning_and_framing_restarts) {
  Bytes broken = kAir;
  broken[0] = 7;  // version 7
  const ReadResult r = read_capture(mme_to_hss({{1000, {}, kSyn}, {1001, broken}, {1241, kUla}}));
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0].frame, 2u);
  EXPECT_EQ(r.warnings[0].error.field, "diameter.header");
  ASSERT_EQ(r.messages.size(), 1u);
  EXPECT_EQ(r.messages[0].bytes, kUla);
}

TEST(TcpDiameter, sequence_numbers_wrapping_around_zero_keep_the_stream_whole) {
  const Bytes stream = cat({kAir, kUla});
  const ReadResult r = read_capture(mme_to_hss({{0xFFFFFF00u, {}, kSyn}, {0xFFFFFF01u, part(stream, 0, 255)},
                                                {0x00000000u, part(stream, 255, 165)}}));
  ASSERT_EQ(r.messages.size(), 2u);
  EXPECT_EQ(r.messages[1].bytes, kUla);
}

TEST(TcpDiameter, tcp_on_other_ports_is_not_read_as_diameter) {
  std::vector<Frame> frames;
  frames.emplace_back(0, ethernet(0x0800, ipv4("10.0.0.2", "10.0.0.9", kTcp, tcp(40000, 80, 1, kAck, kAir))));
  EXPECT_TRUE(read_capture(pcap_file(linktype::ethernet, frames)).messages.empty());
}

TEST(TcpDiameter, a_tcp_data_offset_below_five_words_is_a_warning) {
  Bytes segment = tcp(40000, 3868, 1, kAck, kAir);
  segment[12] = 0x40;
  std::vector<Frame> frames;
  frames.emplace_back(0, ethernet(0x0800, ipv4("10.0.0.2", "10.0.0.9", kTcp, segment)));
  const ReadResult r = read_capture(pcap_file(linktype::ethernet, frames));
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0].error.field, "tcp.data_offset");
}

}  // namespace
}  // namespace concur::capture
