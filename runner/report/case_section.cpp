#include "report/case_section.h"

#include "report/html_escape.h"
#include "report/html_report.h"
#include "report/ladder_marks.h"
#include "report/ladder_svg.h"
#include "report/report_text.h"

namespace concur::report {
namespace {

std::string esc(std::string_view s) { return escape_text(s); }

/// The rules as links to their rows of the rule table.
std::string rule_links(const std::vector<monitor::Rule>& rules) {
  std::string s;
  for (monitor::Rule r : rules) {
    const std::string name = monitor::rule_name(r);
    s += (s.empty() ? "" : ", ") + std::string("<a href=\"#rule-") + name + "\">" + name + "</a>";
  }
  return s;
}

std::string render_finding(const monitor::Finding& f) {
  const std::string v(monitor::to_string(f.verdict));
  std::string out = "<div class=\"finding f-" + v + "\">";
  out += "<p>" + verdict_badge(f.verdict) + " <b>" + esc(monitor::rule_name(f.rule)) + "</b> " + esc(f.reason);
  if (f.without_keys) out += " <span class=\"note\">[structural check, without keys]</span>";
  out += "</p>";
  if (!f.expected.empty()) out += "<p class=\"expected\"><b>expected:</b> " + esc(f.expected) + "</p>";
  if (!f.seen.empty()) out += "<p class=\"seen\"><b>seen:</b> " + esc(f.seen) + "</p>";
  if (!f.events.empty()) {
    out += "<ol class=\"evidence\">";
    for (const monitor::EventRef& e : f.events) out += "<li>" + esc(e.what) + "</li>";
    out += "</ol>";
  }
  out += "</div>";
  return out;
}

std::string render_ladder(const TestCaseResult& tc) {
  const MessageLadder& ladder = tc.ladder;
  if (ladder.messages.empty()) return "<p class=\"no-ladder\">No messages were recorded for this test case.</p>";
  const LadderMarks marks = marks_of(tc);
  const auto roles = lifeline_roles(ladder);
  const std::string count = std::to_string(ladder.messages.size()) + " messages";
  std::string out = "<div class=\"ladder-box\">";
  if (ladder.messages.size() <= kLargeLadder) {
    out += "<h4>Message ladder (" + count + ")</h4>";
    out += render_ladder_svg(roles, all_rows(ladder), marks);
  } else {
    std::set<std::size_t> keep = marks.offending;
    keep.insert(marks.related.begin(), marks.related.end());
    if (!keep.empty()) {
      out += "<h4>Message ladder around the evidence (" + count + " in all)</h4>";
      out += render_ladder_svg(roles, excerpt_rows(ladder, keep, kExcerptContext), marks);
    }
    out += "<details class=\"full-ladder\"><summary>Full message ladder (" + count + ")</summary>";
    out += render_ladder_svg(roles, all_rows(ladder), marks);
    out += "</details>";
  }
  out += "</div>";
  return out;
}

}  // namespace

std::string verdict_badge(monitor::Verdict v) {
  const std::string name(monitor::to_string(v));
  return "<span class=\"verdict v-" + name + "\">" + name + "</span>";
}

std::string render_case_section(const TestCaseResult& tc, std::size_t i) {
  const std::string verdict(monitor::to_string(tc.verdict));
  // Cases that need a person's attention are open; passes and n/a fold to their summary line.
  const bool open = tc.verdict == monitor::Verdict::fail || tc.verdict == monitor::Verdict::error ||
                    tc.verdict == monitor::Verdict::inconc;
  std::string out = "<section class=\"case c-" + verdict + "\" id=\"" + test_case_anchor(i) + "\">";
  out += std::string("<details") + (open ? " open=\"open\"" : "") + "><summary>";
  out += verdict_badge(tc.verdict) + " <span class=\"case-id\">" + esc(tc.id) + "</span> " + esc(tc.title);
  out += "</summary>";
  // A title that is the purpose already (`concur run` has no other) is not said twice.
  if (!tc.purpose.empty() && tc.purpose != tc.title) out += "<p class=\"purpose\">" + esc(tc.purpose) + "</p>";
  out += "<table class=\"facts\">";
  if (!tc.clause.empty()) out += "<tr><th>clause</th><td>" + esc(tc.clause) + "</td></tr>";
  if (!tc.rules.empty()) out += "<tr><th>rules</th><td>" + rule_links(tc.rules) + "</td></tr>";
  out += "<tr><th>duration</th><td>" + esc(format_duration(tc.duration)) + "</td></tr>";
  if (!tc.pcap_file.empty()) {
    out += "<tr><th>capture</th><td><a href=\"" + esc(escape_url_path(tc.pcap_file)) + "\">" + esc(tc.pcap_file) +
           "</a></td></tr>";
  }
  out += "</table>";
  if (!tc.error.empty()) out += "<pre class=\"error\">" + esc(tc.error) + "</pre>";
  if (!tc.findings.empty()) {
    out += "<div class=\"findings\">";
    for (const monitor::Finding& f : tc.findings) out += render_finding(f);
    out += "</div>";
  }
  out += render_ladder(tc);
  out += "</details></section>\n";
  return out;
}

}  // namespace concur::report
