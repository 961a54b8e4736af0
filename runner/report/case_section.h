// One test case's part of the HTML report: purpose, clause, findings with their evidence, the
// tester's error if any, and the message ladder (an excerpt around the evidence when it is long).
#pragma once

#include <cstddef>
#include <string>

#include "report/report_model.h"

namespace concur::report {

/// The <section> of the test case at position i (its anchor is test_case_anchor(i)).
std::string render_case_section(const TestCaseResult& test_case, std::size_t i);

/// class="verdict v-fail" badge with the verdict's name.
std::string verdict_badge(monitor::Verdict v);

}  // namespace concur::report
