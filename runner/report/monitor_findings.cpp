#include "report/monitor_findings.h"

#include <algorithm>

namespace concur::report {

void take_monitor_results(TestCaseResult& tc, const std::vector<monitor::RuleSummary>& summary) {
  const auto counts = [&](monitor::Rule r) {
    return tc.rules.empty() || std::find(tc.rules.begin(), tc.rules.end(), r) != tc.rules.end();
  };
  tc.verdict = monitor::Verdict::none;
  for (const monitor::RuleSummary& s : summary) {
    if (!counts(s.rule)) continue;
    tc.verdict = monitor::combine(tc.verdict, s.verdict);
    for (const monitor::UeRuleVerdict& u : s.per_ue)
      tc.findings.insert(tc.findings.end(), u.findings.begin(), u.findings.end());
  }
}

}  // namespace concur::report
