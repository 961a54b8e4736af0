// The report as a person sees it: Debian's chromium renders it headless, and a probe script the
// test appends (the report itself has none) writes layout facts into the DOM that --dump-dom
// prints (tests/support/chromium_probe.*). Proves the failing case's ladder was laid out with the
// offending arrow highlighted and its evidence beside it, which parsing the markup alone cannot:
// for a hand-made report, and for the report `concur run` writes when the reference MME,
// violating rule 3, fails a case.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "demo_report.h"
#include "report/html_report.h"
#include "support/chromium_probe.h"
#include "support/subprocess.h"

namespace concur::report {
namespace {

using ::concur::test::Box;
using ::concur::test::box_of;
using ::testing::HasSubstr;

class ChromiumRender : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(::concur::test::kChromium))
      GTEST_SKIP() << "Debian's chromium is not installed (" << ::concur::test::kChromium << "); scripts/setup.sh installs it";
    char tmpl[] = "/tmp/concur-chromium-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override {
    std::error_code ec;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
  }
  /// Renders `html` (with the probe of section `section_id`) headless; the probe's facts.
  std::map<std::string, std::string> render(const std::string& html, const std::string& section_id) {
    const std::string probed = ::concur::test::with_layout_probe(html, section_id);
    EXPECT_FALSE(probed.empty()) << "the report has no </body>";
    const auto page = dir_ / "probed-report.html";
    std::ofstream(page, std::ios::binary) << probed;
    const auto d = ::concur::test::dump_dom(page, dir_);
    EXPECT_EQ(d.error, "");
    return ::concur::test::layout_facts(d.dom);
  }
  std::filesystem::path dir_;
};

/// The offending arrow is drawn in the fail colour and the evidence note is laid out beside it,
/// every line of it with a width.
void expect_highlighted_arrow_with_evidence_beside_it(const std::map<std::string, std::string>& facts) {
  ASSERT_FALSE(facts.empty()) << "the probe wrote nothing: the page did not load";
  const Box row = box_of(facts.at("offending"));
  const Box line = box_of(facts.at("offending_line"));
  const Box head = box_of(facts.at("offending_head"));
  const Box note = box_of(facts.at("note"));
  EXPECT_GT(row.width, 50) << facts.at("offending");
  EXPECT_GT(row.height, 5) << facts.at("offending");
  EXPECT_GT(line.width, 50) << "the offending arrow is not drawn: " << facts.at("offending_line");
  EXPECT_GT(head.width, 0) << facts.at("offending_head");
  EXPECT_GT(head.height, 0) << facts.at("offending_head");
  EXPECT_GT(note.width, 100) << facts.at("note");
  EXPECT_GT(note.height, 10) << facts.at("note");
  // Beside: right of the arrow's right end, starting at the height of the arrow.
  EXPECT_GE(note.left, line.left + line.width) << facts.at("note") << " vs " << facts.at("offending_line");
  EXPECT_LT(note.top, line.top + 20);
  EXPECT_GT(note.top + note.height, line.top);

  std::istringstream lines(facts.at("note_lines"));
  int total = 0, laid_out = 0;
  lines >> total >> laid_out;
  EXPECT_GE(total, 3);  // reason, expected, seen
  EXPECT_EQ(laid_out, total) << "some evidence lines have no rendered width";

  EXPECT_EQ(facts.at("offending_stroke"), "rgb(198,40,40)");
  EXPECT_NE(facts.at("normal_stroke"), facts.at("offending_stroke"));
  EXPECT_THAT(facts.at("note_text"), HasSubstr("R3 fail:"));
}

TEST_F(ChromiumRender, failing_case_ladder_renders_the_highlighted_arrow_with_its_evidence_laid_out_beside_it) {
  const auto facts = render(render_html_report(test::demo_run_report()), "tc-1");
  expect_highlighted_arrow_with_evidence_beside_it(facts);
  if (HasFailure()) return;
  EXPECT_THAT(facts.at("note_text"), HasSubstr("seen: HANDOVER REQUEST: NCC 1"));
}

TEST_F(ChromiumRender, concur_runs_own_report_of_a_failing_case_shows_its_ladder_with_the_offending_message_and_evidence) {
  // The reference MME violating rule 3 restarts the NH chain from the new KASME in the HANDOVER
  // REQUEST after the SMC completed: the monitor fails the case with that message as evidence.
  const auto out = dir_ / "run";
  const auto r = ::concur::test::run_process({CONCUR_BINARY, "run", "--reference", "--violate", "R3", "--filter",
                                              "R3-handover-after-smc-complete", "--out", out.string()},
                                             std::chrono::seconds(300));
  ASSERT_FALSE(r.timed_out) << r.out << r.err;
  ASSERT_EQ(r.exit_code, 1) << "the case did not fail\n" << r.out << r.err;
  std::ifstream f(out / "report.html", std::ios::binary);
  std::stringstream html;
  html << f.rdbuf();
  ASSERT_NE(html.str().find("R3-handover-after-smc-complete"), std::string::npos) << html.str();

  const auto facts = render(html.str(), "tc-1");
  expect_highlighted_arrow_with_evidence_beside_it(facts);
  if (HasFailure()) return;
  EXPECT_THAT(facts.at("note_text"), HasSubstr("HANDOVER REQUEST"));
}

}  // namespace
}  // namespace concur::report
