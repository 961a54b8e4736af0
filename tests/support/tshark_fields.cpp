#include "support/tshark_fields.h"

#include <chrono>
#include <sstream>
#include <stdexcept>

#include "support/subprocess.h"

namespace concur::test {
namespace {

constexpr auto kTsharkLimit = std::chrono::seconds(120);

std::vector<std::string> split(const std::string& s, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t at = s.find(separator, start);
    parts.push_back(s.substr(start, at == std::string::npos ? std::string::npos : at - start));
    if (at == std::string::npos) return parts;
    start = at + 1;
  }
}

}  // namespace

std::optional<std::vector<std::vector<std::string>>> tshark_fields(const std::filesystem::path& path,
                                                                   const std::string& filter,
                                                                   const std::vector<std::string>& fields) {
  std::vector<std::string> argv = {"tshark", "-n", "-r", path.string(), "-Y", filter, "-T", "fields",
                                   "-E", "occurrence=a", "-E", "aggregator=,", "-E", "separator=/t"};
  for (const auto& f : fields) {
    argv.push_back("-e");
    argv.push_back(f);
  }
  const ProcessResult r = run_process(argv, kTsharkLimit);
  if (r.exit_code != 0) return std::nullopt;
  std::vector<std::vector<std::string>> rows;
  std::istringstream lines(r.out);
  std::string line;
  while (std::getline(lines, line)) rows.push_back(split(line, '\t'));
  return rows;
}

std::vector<std::string> split_occurrences(const std::string& column) {
  if (column.empty()) return {};
  return split(column, ',');
}

std::vector<TsharkS1apPdu> tshark_s1ap_pdus(const std::filesystem::path& file) {
  // -d ...,data: tshark hands over the raw SCTP user data (reassembled) instead of dissecting it.
  const ProcessResult r = run_process(
      {"tshark", "-n", "-r", file.string(), "-o", "sctp.reassembly:TRUE", "-d", "sctp.ppi==18,data", "-Y",
       "sctp.data_payload_proto_id==18", "-T", "fields", "-e", "frame.number", "-e", "data.data"},
      kTsharkLimit);
  if (r.exit_code != 0) throw std::runtime_error("tshark failed on " + file.string() + ": " + r.err);
  std::vector<TsharkS1apPdu> out;
  std::istringstream lines(r.out);
  std::string line;
  while (std::getline(lines, line)) {
    const auto tab = line.find('\t');
    if (tab == std::string::npos) continue;
    int k = 0;
    for (const std::string& hex : split_occurrences(line.substr(tab + 1))) {
      if (hex.empty()) continue;
      out.push_back({file.filename().string() + " frame " + line.substr(0, tab) + "#" + std::to_string(k++),
                     from_hex(hex)});
    }
  }
  return out;
}

}  // namespace concur::test
