#include "monitor/report.h"

#include <sstream>

namespace concur::monitor {
namespace {

void print_finding(std::ostringstream& o, const Finding& f) {
  o << "      reason: " << f.reason << (f.without_keys ? " [without keys]" : "") << "\n";
  if (!f.expected.empty()) o << "      expected: " << f.expected << "\n";
  if (!f.seen.empty()) o << "      seen: " << f.seen << "\n";
  if (!f.events.empty()) {
    o << "      evidence:\n";
    for (const EventRef& ev : f.events) o << "        " << ev.what << "\n";
  }
}

}  // namespace

Verdict overall_verdict(const std::vector<RuleSummary>& summary) {
  Verdict v = Verdict::none;
  for (const RuleSummary& s : summary) v = combine(v, s.verdict);
  return v;
}

std::string format_report(const std::vector<RuleSummary>& summary) {
  std::ostringstream o;
  o << "TS 33.401 clause 7.2.10 rule monitor: " << to_string(overall_verdict(summary)) << "\n";
  for (const RuleSummary& s : summary) {
    o << rule_name(s.rule) << " " << to_string(s.verdict) << "  (";
    bool first = true;
    for (Verdict v : {Verdict::pass, Verdict::fail, Verdict::inconc, Verdict::error, Verdict::none}) {
      o << (first ? "" : ", ") << to_string(v) << " " << s.count(v);
      first = false;
    }
    o << ")\n";
    if (s.verdict == Verdict::fail || s.verdict == Verdict::error) o << "  rule: " << rule_text(s.rule) << "\n";
    if (s.verdict == Verdict::inconc) o << "  situation not met: " << rule_situation(s.rule) << "\n";
    for (const UeRuleVerdict& u : s.per_ue) {
      o << "  " << u.ue << ": " << to_string(u.verdict);
      if (u.verdict == Verdict::pass || u.verdict == Verdict::none) {
        // One line is enough when nothing is wrong: the first reason.
        for (const Finding& f : u.findings) {
          if (f.verdict == u.verdict) {
            o << " - " << f.reason << (f.without_keys ? " [without keys]" : "");
            break;
          }
        }
        o << "\n";
        continue;
      }
      o << "\n";
      for (const Finding& f : u.findings) {
        if (f.verdict != u.verdict) continue;
        o << "    " << to_string(f.verdict) << "\n";
        print_finding(o, f);
      }
    }
  }
  return o.str();
}

}  // namespace concur::monitor
