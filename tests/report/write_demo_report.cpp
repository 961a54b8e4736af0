// Writes the demo report (rule-3 violations judged by the monitor, one among 40 other UEs) to the path given, so a
// person can open it: write_demo_report /tmp/concur-demo.html
#include <cstdio>
#include <exception>

#include "demo_report.h"
#include "report/html_report.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OUTPUT.html\n", argv[0]);
    return 2;
  }
  try {
    // The two cases of the tests, plus a large one to see how hundreds of messages read.
    concur::report::RunReport report = concur::report::test::demo_run_report();
    report.test_cases.push_back(concur::report::test::demo_large_test_case(40));
    concur::report::write_html_report(report, argv[1]);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
  return 0;
}
