// How the rule monitor's judgement of a live case combines with the case's own verdict: a monitor
// fail of one of the case's rules fails the case; a tester error stays an error.
#include <gtest/gtest.h>

#include "cli/run_judging.h"

namespace concur::cli {
namespace {

scenario::CaseResult result_with(scenario::Verdict v, const std::string& reason = "") {
  scenario::CaseResult r;
  r.id = "R3-case";
  r.verdict = v;
  r.reason = reason;
  return r;
}

CaseJudgement monitor_fail() {
  CaseJudgement j;
  j.text = "rule monitor: R3 fail; fail: NH at NCC 2 derived from the new KASME\n";
  j.failed = true;
  j.failed_rule = "R3";
  j.reason = "rule monitor: R3 fail: NH at NCC 2 derived from the new KASME";
  return j;
}

TEST(RunJudging, a_monitor_fail_turns_a_passing_case_into_a_fail_naming_the_rule) {
  auto r = result_with(scenario::Verdict::pass);
  apply_judgement(r, monitor_fail());
  EXPECT_EQ(r.verdict, scenario::Verdict::fail);
  EXPECT_EQ(r.rule, "R3");
  EXPECT_NE(r.reason.find("derived from the new KASME"), std::string::npos);
  ASSERT_FALSE(r.timeline.empty());
  EXPECT_EQ(r.timeline.back().role, "monitor");
}

TEST(RunJudging, a_monitor_fail_adds_its_reason_to_a_case_that_already_failed) {
  auto r = result_with(scenario::Verdict::fail, "HandoverRequest at target: field nh-from is 'new KASME chain'");
  apply_judgement(r, monitor_fail());
  EXPECT_EQ(r.verdict, scenario::Verdict::fail);
  EXPECT_NE(r.reason.find("field nh-from"), std::string::npos);
  EXPECT_NE(r.reason.find("rule monitor: R3 fail"), std::string::npos);
}

TEST(RunJudging, a_tester_error_stays_an_error_and_a_monitor_pass_changes_nothing) {
  auto broke = result_with(scenario::Verdict::error, "interrupted by the user");
  apply_judgement(broke, monitor_fail());
  EXPECT_EQ(broke.verdict, scenario::Verdict::error);
  auto passed = result_with(scenario::Verdict::pass);
  CaseJudgement ok;
  ok.text = "rule monitor: R3 pass\n";
  apply_judgement(passed, ok);
  EXPECT_EQ(passed.verdict, scenario::Verdict::pass);
  EXPECT_EQ(passed.timeline.size(), 1u);
}

}  // namespace
}  // namespace concur::cli
