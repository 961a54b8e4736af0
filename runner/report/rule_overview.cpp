#include "report/rule_overview.h"

#include <algorithm>

namespace concur::report {

bool counts_ue_contexts(const RunReport& report) { return !report.rule_summaries.empty(); }

std::vector<RuleOverview> rule_overview(const RunReport& report) {
  std::vector<RuleOverview> rows;
  for (monitor::Rule r : monitor::all_rules) {
    RuleOverview row;
    row.rule = r;
    for (std::size_t i = 0; i < report.test_cases.size(); ++i) {
      const TestCaseResult& tc = report.test_cases[i];
      if (std::find(tc.rules.begin(), tc.rules.end(), r) == tc.rules.end()) continue;
      row.test_cases.push_back(i);
      if (!counts_ue_contexts(report)) {
        row.verdict = monitor::combine(row.verdict, tc.verdict);
        ++row.count_by_verdict[static_cast<std::size_t>(tc.verdict)];
      }
    }
    if (counts_ue_contexts(report)) {
      for (const monitor::RuleSummary& s : report.rule_summaries) {
        if (s.rule != r) continue;
        row.verdict = monitor::combine(row.verdict, s.verdict);
        for (std::size_t v = 0; v < row.count_by_verdict.size(); ++v) row.count_by_verdict[v] += s.count_by_verdict[v];
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

monitor::Verdict overall_verdict(const RunReport& report) {
  monitor::Verdict v = monitor::Verdict::none;
  for (const TestCaseResult& tc : report.test_cases) v = monitor::combine(v, tc.verdict);
  for (const monitor::RuleSummary& s : report.rule_summaries) v = monitor::combine(v, s.verdict);
  return v;
}

}  // namespace concur::report
