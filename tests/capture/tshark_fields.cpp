#include "tshark_fields.h"

#include <cstdio>
#include <cstdlib>
#include <memory>

namespace concur::capture::testing {
namespace {

std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

}  // namespace

std::string real_captures_dir() {
  const char* env = std::getenv("CONCUR_SHARED_DIR");
  return std::string(env && *env ? env : CONCUR_SHARED_DIR) + "/captures/real";
}

bool tshark_available() {
  static const bool available = std::system("tshark -v >/dev/null 2>&1") == 0;
  return available;
}

std::optional<std::vector<std::vector<std::string>>> tshark_fields(const std::string& path, const std::string& filter,
                                                                   const std::vector<std::string>& fields) {
  std::string cmd = "tshark -n -r " + shell_quote(path) + " -Y " + shell_quote(filter) +
                    " -T fields -E occurrence=a -E aggregator=, -E separator=/t";
  for (const auto& f : fields) cmd += " -e " + shell_quote(f);
  cmd += " 2>/dev/null";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), &pclose);
  if (!pipe) return std::nullopt;
  std::vector<std::vector<std::string>> rows;
  std::string line;
  char buf[4096];
  while (std::fgets(buf, sizeof buf, pipe.get())) {
    line += buf;
    if (line.empty() || line.back() != '\n') continue;
    line.pop_back();
    std::vector<std::string> row;
    std::size_t start = 0;
    for (;;) {
      const std::size_t tab = line.find('\t', start);
      row.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
      if (tab == std::string::npos) break;
      start = tab + 1;
    }
    rows.push_back(std::move(row));
    line.clear();
  }
  if (pclose(pipe.release()) != 0) return std::nullopt;
  return rows;
}

std::vector<std::string> split_occurrences(const std::string& column) {
  std::vector<std::string> out;
  if (column.empty()) return out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = column.find(',', start);
    out.push_back(column.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

}  // namespace concur::capture::testing
