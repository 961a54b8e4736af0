// JUnit XML of the monitor's verdicts, for CI (`concur replay --junit`, `concur run`): one
// <testsuite> per rule, one <testcase> per rule per UE context; fail -> <failure> carrying the
// evidence, error -> <error>, inconc and none -> <skipped message="reason">, pass -> nothing.
// The shape follows the common JUnit schema (testsuites > testsuite > testcase) that Jenkins,
// GitLab and `ctest --output-junit` read.
#pragma once

#include <string>
#include <vector>

#include "monitor/verdict.h"

namespace concur::report {

struct JunitRun {
  std::string name = "concur";  ///< <testsuites name>, and the first part of each classname
  double seconds = 0;           ///< how long the run or replay took
};

/// The XML document as text.
std::string junit_xml(const std::vector<monitor::RuleSummary>& rules, const JunitRun& run);
/// Writes junit_xml() to `path`. Throws std::runtime_error naming the path when it cannot.
void write_junit(const std::string& path, const std::vector<monitor::RuleSummary>& rules, const JunitRun& run);

/// One finding as the text of a <failure>/<error> element: reason, expected, seen, evidence.
std::string finding_text(const monitor::Finding& f);

}  // namespace concur::report
