// The human report of a run: one self-contained HTML file (inline CSS and SVG, no scripts, no
// external resources) that a person opens in any browser, mails, or attaches to a ticket. It
// holds a summary per rule (R1–R9), a table of the test cases, and per test case its findings and
// a message ladder with the offending message highlighted and the evidence beside it. The
// document is also well-formed XHTML, so tests and tools can parse it as XML.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

#include "report/report_model.h"

namespace concur::report {

/// Ladders longer than this show an excerpt around the evidence, the full ladder collapsed.
inline constexpr std::size_t kLargeLadder = 60;
/// Messages shown either side of each evidence message in such an excerpt.
inline constexpr std::size_t kExcerptContext = 4;

/// The whole document.
std::string render_html_report(const RunReport& report);

/// Writes render_html_report() to `path` (through a temporary file renamed into place, so an
/// interrupted run never leaves half a report). Throws std::runtime_error naming the path.
void write_html_report(const RunReport& report, const std::filesystem::path& path);

/// The anchor of the test case at position i of RunReport::test_cases ("tc-1", ...).
std::string test_case_anchor(std::size_t i);

}  // namespace concur::report
