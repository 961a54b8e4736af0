// Plain-text verdict report: per rule the aggregated verdict, the count per verdict, and for every
// fail, error and inconc the reason and evidence. `concur replay` / `concur run` print it and the
// reports layer turns the same RuleSummary values into JUnit XML.
#pragma once

#include <string>
#include <vector>

#include "monitor/verdict.h"

namespace concur::monitor {

std::string format_report(const std::vector<RuleSummary>& summary);

/// The aggregated verdict over all rules (fail > error > pass > inconc > none).
Verdict overall_verdict(const std::vector<RuleSummary>& summary);

}  // namespace concur::monitor
