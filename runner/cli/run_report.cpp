#include "cli/run_report.h"

#include <ctime>
#include <iomanip>
#include <map>
#include <optional>
#include <ostream>
#include <sstream>

namespace concur::cli {
namespace {

std::string xml_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        // XML 1.0 forbids most control characters even escaped.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r') out += '?';
        else out += c;
    }
  }
  return out;
}

std::string seconds(std::chrono::milliseconds d) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(3) << static_cast<double>(d.count()) / 1000.0;
  return s.str();
}

/// When a case started (its first timeline entry), if it ran at all.
std::optional<std::chrono::system_clock::time_point> started(const RanCase& r) {
  if (r.result.timeline.empty()) return std::nullopt;
  return r.result.timeline.front().time;
}

/// ` timestamp="2026-11-28T06:12:56Z"`: when the earliest of `cases` started, UTC; "" when none ran.
std::string timestamp_attribute(const std::vector<const RanCase*>& cases) {
  std::optional<std::chrono::system_clock::time_point> first;
  for (const auto* r : cases)
    if (const auto t = started(*r); t && (!first || *t < *first)) first = t;
  if (!first) return "";
  const auto tt = std::chrono::system_clock::to_time_t(*first);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  std::ostringstream s;
  s << " timestamp=\"" << std::put_time(&tm, "%Y-%m-%dT%H:%M:%SZ") << "\"";
  return s.str();
}

/// The suite a case reports under: the rule a fail was about, else the case's first rule.
std::string suite_of(const RanCase& r) {
  if (!r.result.rule.empty()) return r.result.rule;
  return r.test_case->rules.empty() ? "other" : r.test_case->rules.front();
}

}  // namespace

std::string timeline_text(const scenario::CaseResult& r) {
  std::ostringstream out;
  for (const auto& e : r.timeline) {
    const auto t = std::chrono::system_clock::to_time_t(e.time);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(e.time.time_since_epoch()).count() % 1000;
    std::tm tm{};
    gmtime_r(&t, &tm);
    out << std::put_time(&tm, "%H:%M:%S") << "." << std::setw(3) << std::setfill('0') << ms << std::setfill(' ') << " "
        << std::left << std::setw(8) << e.role << " " << std::setw(12) << scenario::to_string(e.kind) << " " << e.text << "\n";
  }
  return out.str();
}

void write_junit(std::ostream& out, const std::vector<RanCase>& ran, const std::string& run_name) {
  std::map<std::string, std::vector<const RanCase*>> suites;
  for (const auto& r : ran) suites[suite_of(r)].push_back(&r);
  std::size_t tests = 0, failures = 0, errors = 0, skipped = 0;
  std::chrono::milliseconds total{0};
  std::vector<const RanCase*> all;
  for (const auto& r : ran) {
    all.push_back(&r);
    ++tests;
    total += r.result.duration;
    failures += r.result.verdict == scenario::Verdict::fail;
    errors += r.result.verdict == scenario::Verdict::error;
    skipped += r.result.verdict == scenario::Verdict::inconc || r.result.verdict == scenario::Verdict::none;
  }
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<testsuites name=\"" << xml_escape(run_name) << "\" tests=\"" << tests << "\" failures=\"" << failures << "\" errors=\""
      << errors << "\" skipped=\"" << skipped << "\" time=\"" << seconds(total) << "\"" << timestamp_attribute(all) << ">\n";
  for (const auto& [rule, cases] : suites) {
    std::size_t f = 0, e = 0, s = 0;
    std::chrono::milliseconds t{0};
    for (const auto* r : cases) {
      t += r->result.duration;
      f += r->result.verdict == scenario::Verdict::fail;
      e += r->result.verdict == scenario::Verdict::error;
      s += r->result.verdict == scenario::Verdict::inconc || r->result.verdict == scenario::Verdict::none;
    }
    out << "  <testsuite name=\"" << xml_escape(rule) << "\" tests=\"" << cases.size() << "\" failures=\"" << f << "\" errors=\"" << e
        << "\" skipped=\"" << s << "\" time=\"" << seconds(t) << "\"" << timestamp_attribute(cases) << ">\n";
    for (const auto* r : cases) {
      const auto& res = r->result;
      out << "    <testcase name=\"" << xml_escape(res.id) << "\" classname=\"concur." << xml_escape(rule) << "\" time=\""
          << seconds(res.duration) << "\">\n";
      const std::string message = std::string(scenario::to_string(res.verdict)) + ": " + res.reason;
      switch (res.verdict) {
        case scenario::Verdict::fail:
          out << "      <failure message=\"" << xml_escape(message) << "\" type=\"" << xml_escape(res.rule) << "\">"
              << xml_escape(r->test_case->clause + ": " + r->test_case->purpose) << "</failure>\n";
          break;
        case scenario::Verdict::error:
          out << "      <error message=\"" << xml_escape(message) << "\" type=\"tester\"/>\n";
          break;
        case scenario::Verdict::inconc:
        case scenario::Verdict::none:
          out << "      <skipped message=\"" << xml_escape(message) << "\"/>\n";
          break;
        case scenario::Verdict::pass:
          break;
      }
      out << "      <system-out>" << xml_escape((r->pcap.empty() ? "" : "capture: " + r->pcap + "\n") + timeline_text(res))
          << "</system-out>\n";
      out << "    </testcase>\n";
    }
    out << "  </testsuite>\n";
  }
  out << "</testsuites>\n";
}

void write_summary(std::ostream& out, const std::vector<RanCase>& ran) {
  std::map<scenario::Verdict, std::size_t> counts;
  for (const auto& r : ran) {
    ++counts[r.result.verdict];
    out << std::left << std::setw(7) << scenario::to_string(r.result.verdict) << " " << r.result.id;
    if (!r.result.reason.empty()) out << " — " << r.result.reason;
    out << "\n";
  }
  out << ran.size() << " test cases:";
  for (auto v : {scenario::Verdict::pass, scenario::Verdict::fail, scenario::Verdict::inconc, scenario::Verdict::none, scenario::Verdict::error})
    out << " " << counts[v] << " " << scenario::to_string(v);
  out << "\n";
}

}  // namespace concur::cli
