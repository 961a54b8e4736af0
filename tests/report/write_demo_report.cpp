// Writes the demo report (a rule-3 violation judged by the monitor) to the path given, so a
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
    concur::report::write_html_report(concur::report::test::demo_run_report(), argv[1]);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
  return 0;
}
