// Messages leave the reader in capture-time order even when the file is not (pcapng from
// several interfaces), within a bounded window; with the window at 0 they keep file order.
#include <gtest/gtest.h>

#include "capture/link_layer.h"
#include "packet_builder.h"

namespace concur::capture {
namespace {

using namespace testing;

Bytes gtp_frame(std::uint8_t type, std::uint32_t seq) {
  return ethernet(0x0800, ipv4("10.0.0.2", "10.0.0.3", kUdp, udp(2123, 2123, gtpv2c_message(type, seq, 8))));
}

/// Frames written as a two-interface capture flushes them: interface 1's frames late.
Bytes late_interface_capture() {
  const std::int64_t s = 1'000'000'000;
  return pcap_file(linktype::ethernet, {{10 * s, gtp_frame(32, 1)}, {12 * s, gtp_frame(33, 1)},
                                        {11 * s, gtp_frame(34, 2)}, {11 * s, gtp_frame(35, 2)}, {20 * s, gtp_frame(36, 3)}});
}

std::vector<int> types(const ReadResult& r) {
  std::vector<int> t;
  for (const auto& m : r.messages) t.push_back(m.bytes[1]);
  return t;
}

TEST(TimeOrder, frames_written_late_are_yielded_in_capture_time_order_ties_in_file_order) {
  const ReadResult r = read_capture(late_interface_capture());
  EXPECT_EQ(types(r), (std::vector<int>{32, 34, 35, 33, 36}));
  EXPECT_EQ(r.messages[1].frame_number, 3u) << "frame numbers stay those of the file";
  EXPECT_EQ(r.stats.frames_out_of_time_order, 2u);
}

TEST(TimeOrder, a_zero_window_keeps_file_order) {
  CaptureOptions o;
  o.reorder_window_ns = 0;
  EXPECT_EQ(types(read_capture(late_interface_capture(), o)), (std::vector<int>{32, 33, 34, 35, 36}));
}

TEST(TimeOrder, the_window_and_the_message_bound_limit_how_far_a_late_frame_can_overtake) {
  CaptureOptions o;
  o.reorder_window_ns = 500'000'000;  // 0.5 s: the 1 s late frames come after frame 2
  EXPECT_EQ(types(read_capture(late_interface_capture(), o)), (std::vector<int>{32, 34, 35, 33, 36}))
      << "frame 2 (12 s) is held until a frame at 12.5 s is read, so frames 3-4 (11 s) still overtake it";
  o.reorder_max_messages = 0;  // the bound forces every message out at once: file order again
  EXPECT_EQ(types(read_capture(late_interface_capture(), o)), (std::vector<int>{32, 33, 34, 35, 36}));
}

TEST(TimeOrder, held_messages_are_yielded_before_a_file_error_is_reported) {
  Bytes file = late_interface_capture();
  file.resize(file.size() - 5);  // cut inside the last record
  const ReadResult r = read_capture(file);
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->frame, 5u);
  EXPECT_EQ(types(r), (std::vector<int>{32, 34, 35, 33}));
}

}  // namespace
}  // namespace concur::capture
