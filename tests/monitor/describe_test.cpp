// describe() names every event in evidence; its time is formatted by integer arithmetic on the
// hot path and must read exactly as the "%.6f" it replaced.
#include <gtest/gtest.h>

#include <cstdio>
#include <limits>
#include <random>
#include <string>

#include "monitor/event.h"

namespace concur::monitor {
namespace {

std::string with_printf(std::chrono::nanoseconds t) {
  char when[48];
  std::snprintf(when, sizeof when, "t=%.6f s", static_cast<double>(t.count()) / 1e9);
  return when;
}

std::string time_part(const Event& e) {
  const std::string d = describe(e);
  const auto open = d.find("t=");
  return d.substr(open, d.find(')', open) - open);
}

TEST(Describe, writes_the_time_as_printf_with_six_decimals_did_for_edge_and_random_times) {
  std::vector<std::int64_t> times = {0, 1, 499, 500, 501, 999, 1000, 1499, 1500, 999'999'499, 999'999'500, 999'999'501,
                                     1'000'000'000, 86'400'123'456'789, -1, -1'500, -2'000'000'001};
  std::mt19937_64 rng(6);
  for (int i = 0; i < 20000; ++i) times.push_back(static_cast<std::int64_t>(rng() % 100'000'000'000'000ull));
  for (std::int64_t ns : times) {
    Event e;
    e.time = std::chrono::nanoseconds(ns);
    e.body = UeContextReleaseComplete{};
    EXPECT_EQ(time_part(e), with_printf(e.time)) << ns << " ns";
  }
}

TEST(Describe, writes_the_largest_representable_time_without_overflow) {
  // Found by fuzz_monitor_trace: rounding by adding 500 ns first overflowed at INT64_MAX.
  Event e;
  e.time = std::chrono::nanoseconds(std::numeric_limits<std::int64_t>::max());
  e.body = UeContextReleaseComplete{};
  EXPECT_EQ(time_part(e), "t=9223372036.854776 s");
}

}  // namespace
}  // namespace concur::monitor
