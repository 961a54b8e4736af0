// Small text helpers the report writers share: times and durations as people read them, and
// word wrapping for SVG text (SVG does not wrap by itself).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace concur::report {

/// "1.250 s" (milliseconds precision; a ladder's times are since the start of the test case).
std::string format_seconds(std::chrono::nanoseconds t);
/// "850 ms", "12.4 s", "3 min 05 s".
std::string format_duration(std::chrono::milliseconds d);
/// Splits at spaces into lines of at most `width` characters (code points); a longer word is cut.
std::vector<std::string> wrap_words(std::string_view text, std::size_t width);

}  // namespace concur::report
