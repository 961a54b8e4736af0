#include "report/html_report.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <system_error>

#include "report/case_section.h"
#include "report/html_escape.h"
#include "report/report_text.h"
#include "report/rule_overview.h"

namespace concur::report {
namespace {

std::string esc(std::string_view s) { return escape_text(s); }

// No '<' or '&' in here: the document must stay well-formed XML.
constexpr const char* kStyle = R"css(
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 14px; color: #212121; margin: 24px; max-width: 1600px; }
h1 { font-size: 22px; margin-bottom: 4px; }
h2 { font-size: 18px; margin-top: 28px; border-bottom: 1px solid #cfd8dc; }
h4 { font-size: 14px; margin: 12px 0 4px 0; }
table { border-collapse: collapse; margin: 8px 0; }
th, td { border: 1px solid #cfd8dc; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #eceff1; }
table.facts th, table.meta th { width: 9em; }
td.count { text-align: right; font-variant-numeric: tabular-nums; }
td.rule-text { font-size: 12px; color: #455a64; max-width: 640px; }
.verdict { display: inline-block; min-width: 4.5em; text-align: center; border-radius: 3px; padding: 1px 6px; font-weight: bold; color: #ffffff; }
.v-fail { background: #c62828; }
.v-error { background: #6a1b9a; }
.v-pass { background: #2e7d32; }
.v-inconc { background: #f9a825; color: #212121; }
.v-none { background: #90a4ae; }
section.case { border: 1px solid #cfd8dc; border-radius: 4px; margin: 12px 0; padding: 6px 12px; }
section.c-fail { border-left: 6px solid #c62828; }
section.c-error { border-left: 6px solid #6a1b9a; }
section.c-inconc { border-left: 6px solid #f9a825; }
summary { cursor: pointer; font-size: 15px; padding: 4px 0; }
.case-id { font-family: "DejaVu Sans Mono", monospace; font-weight: bold; }
.purpose { font-style: italic; }
.finding { margin: 6px 0; padding: 4px 8px; border-left: 3px solid #b0bec5; }
.finding p { margin: 2px 0; }
.f-fail { border-left-color: #c62828; background: #fff8f8; }
.f-error { border-left-color: #6a1b9a; }
.f-inconc { border-left-color: #f9a825; }
.note { color: #6d4c41; }
ol.evidence { font-family: "DejaVu Sans Mono", monospace; font-size: 12px; margin: 4px 0; }
pre.error { background: #f3e5f5; padding: 6px; white-space: pre-wrap; }
.ladder-box { overflow-x: auto; }
svg.ladder { display: block; background: #ffffff; }
)css";

std::string render_metadata(const RunReport& report) {
  const RunMetadata& m = report.metadata;
  std::string out = "<table class=\"meta\">";
  auto row = [&](const char* k, const std::string& v) {
    out += "<tr><th>" + std::string(k) + "</th><td>" + v + "</td></tr>";
  };
  row("verdict", verdict_badge(overall_verdict(report)));
  row("system under test", esc(m.sut_name));
  row("profile", esc(m.profile_file.empty() ? "built-in reference profile" : m.profile_file));
  if (m.violate) row("fault injected", esc("--violate " + *m.violate));
  row("concur version", esc(m.concur_version));
  row("started", esc(m.start_time));
  row("duration", esc(format_duration(m.duration)));
  row("test cases", std::to_string(report.test_cases.size()));
  out += "</table>\n";
  return out;
}

std::string render_rule_table(const RunReport& report) {
  const std::string unit = counts_ue_contexts(report) ? "UE contexts" : "test cases";
  std::string out = "<table class=\"rules\"><tr><th>rule</th><th>verdict</th>";
  for (monitor::Verdict v : {monitor::Verdict::fail, monitor::Verdict::error, monitor::Verdict::pass,
                             monitor::Verdict::inconc, monitor::Verdict::none})
    out += "<th>" + std::string(monitor::to_string(v)) + "</th>";
  out += "<th>test cases</th><th>TS 33.401 7.2.10</th></tr>\n";
  for (const RuleOverview& r : rule_overview(report)) {
    out += "<tr id=\"rule-" + monitor::rule_name(r.rule) + "\"><td><b>" + monitor::rule_name(r.rule) + "</b></td><td>" +
           verdict_badge(r.verdict) + "</td>";
    for (monitor::Verdict v : {monitor::Verdict::fail, monitor::Verdict::error, monitor::Verdict::pass,
                               monitor::Verdict::inconc, monitor::Verdict::none})
      out += "<td class=\"count\">" + std::to_string(r.count_by_verdict[static_cast<std::size_t>(v)]) + "</td>";
    out += "<td>";
    for (std::size_t k = 0; k < r.test_cases.size(); ++k) {
      const std::size_t i = r.test_cases[k];
      out += (k ? ", " : "") + std::string("<a href=\"#") + test_case_anchor(i) + "\">" + esc(report.test_cases[i].id) +
             "</a>";
    }
    out += "</td><td class=\"rule-text\">" + esc(monitor::rule_text(r.rule)) + "</td></tr>\n";
  }
  out += "</table><p class=\"note\">Counts are " + unit + " per verdict.</p>\n";
  return out;
}

std::string render_case_table(const RunReport& report) {
  std::string out =
      "<table class=\"cases\"><tr><th>test case</th><th>title</th><th>rules</th><th>verdict</th><th>duration</th>"
      "<th>capture</th></tr>\n";
  for (std::size_t i = 0; i < report.test_cases.size(); ++i) {
    const TestCaseResult& tc = report.test_cases[i];
    std::string rules;
    for (monitor::Rule r : tc.rules) rules += (rules.empty() ? "" : ", ") + monitor::rule_name(r);
    out += "<tr><td><a href=\"#" + test_case_anchor(i) + "\">" + esc(tc.id) + "</a></td><td>" + esc(tc.title) +
           "</td><td>" + esc(rules) + "</td><td>" + verdict_badge(tc.verdict) + "</td><td>" +
           esc(format_duration(tc.duration)) + "</td><td>";
    if (!tc.pcap_file.empty())
      out += "<a href=\"" + esc(escape_url_path(tc.pcap_file)) + "\">" + esc(tc.pcap_file) + "</a>";
    out += "</td></tr>\n";
  }
  out += "</table>\n";
  return out;
}

}  // namespace

std::string test_case_anchor(std::size_t i) { return "tc-" + std::to_string(i + 1); }

std::string render_html_report(const RunReport& report) {
  std::string out =
      "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
      "<title>" +
      esc("concur report: " + report.metadata.sut_name) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n";
  out += "<h1>concur: TS 33.401 7.2.10, concurrent security procedures</h1>\n";
  out += render_metadata(report);
  out += "<h2 id=\"rules\">Rules</h2>\n" + render_rule_table(report);
  out += "<h2 id=\"test-cases\">Test cases</h2>\n" + render_case_table(report);
  out += "<h2 id=\"details\">Details</h2>\n";
  for (std::size_t i = 0; i < report.test_cases.size(); ++i) out += render_case_section(report.test_cases[i], i);
  out += "</body>\n</html>\n";
  return out;
}

void write_html_report(const RunReport& report, const std::filesystem::path& path) {
  const std::string html = render_html_report(report);
  std::filesystem::path tmp = path;
  tmp += ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) throw std::runtime_error("cannot write HTML report " + tmp.string() + ": " + std::strerror(errno));
    f.write(html.data(), static_cast<std::streamsize>(html.size()));
    f.flush();
    if (!f) throw std::runtime_error("cannot write HTML report " + tmp.string() + ": " + std::strerror(errno));
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    throw std::runtime_error("cannot write HTML report " + path.string() + ": " + ec.message());
  }
}

}  // namespace concur::report
