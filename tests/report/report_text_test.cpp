// Times, durations and word wrapping as the report prints them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "report/report_text.h"

namespace concur::report {
namespace {

using ::testing::ElementsAre;

TEST(ReportText, times_print_in_seconds_with_milliseconds) {
  EXPECT_EQ(format_seconds(std::chrono::milliseconds(1250)), "1.250 s");
  EXPECT_EQ(format_seconds(std::chrono::nanoseconds(0)), "0.000 s");
}

TEST(ReportText, durations_pick_a_unit_a_person_reads_at_a_glance) {
  EXPECT_EQ(format_duration(std::chrono::milliseconds(850)), "850 ms");
  EXPECT_EQ(format_duration(std::chrono::milliseconds(12400)), "12.4 s");
  EXPECT_EQ(format_duration(std::chrono::milliseconds(185'000)), "3 min 05 s");
}

TEST(ReportText, wrapping_breaks_at_spaces_within_the_width) {
  EXPECT_THAT(wrap_words("NH at NCC 2 derived from the new KASME", 12),
              ElementsAre("NH at NCC 2", "derived from", "the new", "KASME"));
}

TEST(ReportText, a_word_longer_than_a_line_is_cut_on_code_point_boundaries) {
  EXPECT_THAT(wrap_words("abcdefgh", 3), ElementsAre("abc", "def", "gh"));
  // Three two-octet characters, two per line: no line may end inside a character.
  EXPECT_THAT(wrap_words("\xC3\xA4\xC3\xB6\xC3\xBC", 2), ElementsAre("\xC3\xA4\xC3\xB6", "\xC3\xBC"));
}

TEST(ReportText, wrapping_empty_or_blank_text_gives_no_lines) {
  EXPECT_TRUE(wrap_words("", 10).empty());
  EXPECT_TRUE(wrap_words("   ", 10).empty());
}

}  // namespace
}  // namespace concur::report
