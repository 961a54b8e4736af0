#include "report/report_text.h"

#include <cstdint>
#include <cstdio>

namespace concur::report {
namespace {

bool is_continuation(char c) { return (static_cast<std::uint8_t>(c) & 0xC0) == 0x80; }

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += is_continuation(c) ? 0 : 1;
  return n;
}

/// Byte length of the first `count` code points of s.
std::size_t prefix_bytes(std::string_view s, std::size_t count) {
  std::size_t i = 0;
  for (std::size_t seen = 0; i < s.size(); ++i) {
    if (!is_continuation(s[i])) {
      if (seen == count) break;
      ++seen;
    }
  }
  return i;
}

}  // namespace

std::string format_seconds(std::chrono::nanoseconds t) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.3f s", static_cast<double>(t.count()) / 1e9);
  return buf;
}

std::string format_duration(std::chrono::milliseconds d) {
  char buf[48];
  const long long ms = d.count();
  if (ms < 1000)
    std::snprintf(buf, sizeof buf, "%lld ms", ms);
  else if (ms < 60'000)
    std::snprintf(buf, sizeof buf, "%.1f s", static_cast<double>(ms) / 1000.0);
  else
    std::snprintf(buf, sizeof buf, "%lld min %02lld s", ms / 60'000, (ms / 1000) % 60);
  return buf;
}

std::vector<std::string> wrap_words(std::string_view text, std::size_t width) {
  std::vector<std::string> lines;
  if (width == 0) width = 1;
  std::string line;
  std::size_t line_len = 0;
  auto flush = [&] {
    if (!line.empty()) lines.push_back(std::move(line));
    line.clear();
    line_len = 0;
  };
  while (!text.empty()) {
    const std::size_t space = text.find(' ');
    std::string_view word = text.substr(0, space);
    text = space == std::string_view::npos ? std::string_view{} : text.substr(space + 1);
    if (word.empty()) continue;
    while (code_points(word) > width) {  // a word longer than a line: cut it
      flush();
      const std::size_t cut = prefix_bytes(word, width);
      lines.emplace_back(word.substr(0, cut));
      word.remove_prefix(cut);
    }
    if (word.empty()) continue;
    const std::size_t n = code_points(word);
    if (line_len > 0 && line_len + 1 + n > width) flush();
    if (line_len > 0) {
      line += ' ';
      ++line_len;
    }
    line.append(word);
    line_len += n;
  }
  flush();
  return lines;
}

}  // namespace concur::report
