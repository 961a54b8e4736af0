// Which messages of a test case's ladder are evidence, and what is written beside them. A fail
// finding's evidence runs in trace order and ends with the message the rule judged (the
// offending one); the earlier ones are the context that made it a violation (the SMC that
// opened the window, the key it should have chained from).
#pragma once

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "report/report_model.h"

namespace concur::report {

struct LadderMarks {
  std::set<std::size_t> offending;  ///< message indices drawn in the offending colour
  std::set<std::size_t> related;    ///< other evidence of a fail, drawn in a second colour
  /// Evidence text per offending message index: one entry per finding, each "R3 fail: reason",
  /// "expected: ...", "seen: ..." as separate paragraphs.
  std::map<std::size_t, std::vector<std::string>> notes;
};

/// Marks of one test case: its fail findings' evidence plus messages flagged `evidence`.
LadderMarks marks_of(const TestCaseResult& test_case);

}  // namespace concur::report
