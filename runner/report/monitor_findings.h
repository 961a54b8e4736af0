// A test case's verdict and findings from the monitor's summary of its trace: the rules the test
// case names decide, and only their findings are shown (a rule-3 test case says nothing about
// rule 5 even when the monitor judged it).
#pragma once

#include <vector>

#include "report/report_model.h"

namespace concur::report {

/// Sets test_case.verdict (the combination over its rules; `none` when the summary has none of
/// them) and appends every finding of those rules, UE context by UE context. A test case naming
/// no rule takes all nine.
void take_monitor_results(TestCaseResult& test_case, const std::vector<monitor::RuleSummary>& summary);

}  // namespace concur::report
