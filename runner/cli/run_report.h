// What `concur run` writes besides the pcaps: JUnit XML (one testsuite per rule, one testcase per
// test case; fail -> <failure>, error -> <error>, inconc and none -> <skipped> with the reason,
// the case's timeline in <system-out>) and a plain-text summary.
#pragma once
#include <iosfwd>
#include <string>
#include <vector>

#include "scenario/engine.h"
#include "scenario/test_case.h"

namespace concur::cli {

struct RanCase {
  const scenario::TestCase* test_case = nullptr;
  scenario::CaseResult result;
  std::string pcap;  ///< path relative to the output folder, "" when none was written
};

/// JUnit XML of the cases that ran (common schema: testsuites/testsuite/testcase).
void write_junit(std::ostream& out, const std::vector<RanCase>& ran, const std::string& run_name);
/// One line per case and the totals per verdict.
void write_summary(std::ostream& out, const std::vector<RanCase>& ran);
/// "12:03:04.123 source   received HandoverRequest NCC 2 ..." lines.
std::string timeline_text(const scenario::CaseResult& r);

}  // namespace concur::cli
