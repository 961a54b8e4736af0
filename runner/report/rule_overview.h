// The per-rule summary a report opens with: R1–R9, each with its verdict, counts per verdict and
// the test cases that check it. Taken from the monitor's RuleSummary values when the run has
// them (counts per UE context), otherwise aggregated from the test cases (counts per test case).
#pragma once

#include <array>
#include <cstddef>
#include <vector>

#include "report/report_model.h"

namespace concur::report {

struct RuleOverview {
  monitor::Rule rule = monitor::Rule::r1;
  monitor::Verdict verdict = monitor::Verdict::none;
  std::array<std::size_t, 5> count_by_verdict{};  ///< indexed by monitor::Verdict
  std::vector<std::size_t> test_cases;            ///< positions in RunReport::test_cases
};

/// One entry per rule, R1 to R9 in order.
std::vector<RuleOverview> rule_overview(const RunReport& report);
/// Whether rule_overview() counted UE contexts (the monitor's summaries) rather than test cases.
bool counts_ue_contexts(const RunReport& report);

/// The run's verdict: every test case's and every rule summary's verdict combined.
monitor::Verdict overall_verdict(const RunReport& report);

}  // namespace concur::report
