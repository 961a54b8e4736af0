// Ladder building blocks: arrows from monitor events, lifelines, evidence marks, excerpts.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "demo_report.h"
#include "report/ladder_from_events.h"
#include "report/ladder_marks.h"
#include "report/ladder_svg.h"
#include "report/monitor_findings.h"

namespace concur::report {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

MessageLadder numbered_ladder(std::size_t n) {
  MessageLadder l;
  l.roles = {"eNB1", "MME"};
  for (std::size_t i = 1; i <= n; ++i)
    l.messages.push_back(LadderMessage{i, std::nullopt, std::chrono::milliseconds(i), "eNB1", "MME", "M", "", false});
  return l;
}

TEST(LadderFromEvents, an_arrow_keeps_the_event_index_frame_time_roles_and_the_monitor_detail) {
  const auto events = test::r3_violation_trace();
  const monitor::Event& ho = events.at(test::offending_index() - 1);
  const LadderMessage m = ladder_message_of(ho);
  EXPECT_EQ(m.index, test::offending_index());
  EXPECT_EQ(m.frame, ho.frame);
  EXPECT_EQ(m.time, ho.time);
  EXPECT_EQ(m.from, "MME");
  EXPECT_EQ(m.to, "eNB3");
  EXPECT_EQ(m.name, "HANDOVER REQUEST");
  EXPECT_THAT(m.detail, HasSubstr("NCC=1"));
}

TEST(LadderFromEvents, given_roles_keep_their_order_and_unnamed_ones_follow_in_order_of_appearance) {
  const MessageLadder l = ladder_of(test::r3_violation_trace(), {"MME"});
  EXPECT_THAT(l.roles, ElementsAre("MME", "eNB1", "eNB2", "eNB3"));
  EXPECT_EQ(l.messages.size(), test::r3_violation_trace().size());
}

TEST(LadderSvg, a_message_naming_an_unlisted_role_gets_a_lifeline_on_the_right) {
  MessageLadder l = numbered_ladder(1);
  l.messages[0].to = "MME-peer";
  EXPECT_THAT(lifeline_roles(l), ElementsAre("eNB1", "MME", "MME-peer"));
}

TEST(LadderMarks, the_last_evidence_event_of_a_fail_is_offending_and_the_earlier_ones_related) {
  const TestCaseResult tc = test::judged_test_case(test::r3_violation_trace(), {monitor::Rule::r3});
  const LadderMarks marks = marks_of(tc);
  EXPECT_THAT(marks.offending, ElementsAre(test::offending_index()));
  EXPECT_FALSE(marks.related.empty());
  EXPECT_FALSE(marks.related.count(test::offending_index()));
  ASSERT_EQ(marks.notes.count(test::offending_index()), 1u);
  const auto& note = marks.notes.at(test::offending_index());
  EXPECT_THAT(note.at(0), HasSubstr("R3 fail: "));
  EXPECT_THAT(note, ::testing::Contains(HasSubstr("expected: ")));
  EXPECT_THAT(note, ::testing::Contains(HasSubstr("seen: HANDOVER REQUEST: NCC 1")));
}

TEST(LadderMarks, a_passing_case_marks_nothing) {
  const TestCaseResult tc = test::judged_test_case(test::r3_conformant_trace(), {monitor::Rule::r3});
  ASSERT_EQ(tc.verdict, monitor::Verdict::pass);
  const LadderMarks marks = marks_of(tc);
  EXPECT_TRUE(marks.offending.empty());
  EXPECT_TRUE(marks.related.empty());
  EXPECT_TRUE(marks.notes.empty());
}

TEST(LadderMarks, a_message_the_runner_flags_as_evidence_is_offending_without_a_finding) {
  TestCaseResult tc;
  tc.ladder = numbered_ladder(3);
  tc.ladder.messages[1].evidence = true;
  EXPECT_THAT(marks_of(tc).offending, ElementsAre(2u));
}

TEST(LadderExcerpt, keeps_the_context_around_each_kept_message_and_folds_the_rest_into_gaps) {
  const MessageLadder l = numbered_ladder(20);
  const auto rows = excerpt_rows(l, {10}, 2);
  // gap(7) 8 9 10 11 12 gap(8)
  ASSERT_EQ(rows.size(), 7u);
  EXPECT_EQ(rows[0].message, nullptr);
  EXPECT_EQ(rows[0].skipped, 7u);
  for (std::size_t k = 1; k <= 5; ++k) EXPECT_EQ(rows[k].message->index, 7 + k);
  EXPECT_EQ(rows[6].message, nullptr);
  EXPECT_EQ(rows[6].skipped, 8u);
}

TEST(LadderExcerpt, kept_messages_at_the_edges_and_close_together_leave_no_empty_gaps) {
  const MessageLadder l = numbered_ladder(6);
  const auto rows = excerpt_rows(l, {1, 3, 6}, 1);
  ASSERT_EQ(rows.size(), 6u);  // every message is within one of a kept one
  for (const LadderRow& r : rows) EXPECT_NE(r.message, nullptr);
}

TEST(LadderExcerpt, one_or_two_left_out_messages_are_drawn_rather_than_folded_into_a_gap) {
  const MessageLadder l = numbered_ladder(13);
  // Kept 4 and 10 with context 1: 3-5 and 9-11 shown; 1-2 and 6-8 and 12-13 left out.
  const auto rows = excerpt_rows(l, {4, 10}, 1);
  std::vector<std::size_t> drawn, gaps;
  for (const LadderRow& r : rows) {
    if (r.message)
      drawn.push_back(r.message->index);
    else
      gaps.push_back(r.skipped);
  }
  EXPECT_THAT(drawn, ElementsAre(1, 2, 3, 4, 5, 9, 10, 11, 12, 13));
  EXPECT_THAT(gaps, ElementsAre(3u));
}

TEST(LadderSvg, draws_one_lifeline_per_role_and_one_arrow_group_per_message) {
  const MessageLadder l = numbered_ladder(5);
  const std::string svg = render_ladder_svg(lifeline_roles(l), all_rows(l), LadderMarks{});
  auto count = [&](const std::string& needle) {
    std::size_t n = 0;
    for (std::size_t at = svg.find(needle); at != std::string::npos; at = svg.find(needle, at + 1)) ++n;
    return n;
  };
  EXPECT_EQ(count("<g class=\"role\">"), 2u);
  EXPECT_EQ(count("<g class=\"msg\""), 5u);
  EXPECT_EQ(count("class=\"msg offending\""), 0u);
}

}  // namespace
}  // namespace concur::report

namespace concur::report {
namespace {

TEST(LargeLadder, a_violation_among_hundreds_of_messages_stays_marked_with_its_evidence_note) {
  const TestCaseResult tc = test::demo_large_test_case(40);
  ASSERT_EQ(tc.verdict, monitor::Verdict::fail);
  ASSERT_GT(tc.ladder.messages.size(), 280u);
  const LadderMarks marks = marks_of(tc);
  ASSERT_EQ(marks.offending.size(), 1u);
  const auto rows = excerpt_rows(tc.ladder, marks.offending, 4);
  std::size_t drawn = 0;
  for (const LadderRow& r : rows) drawn += r.message ? 1 : 0;
  EXPECT_EQ(drawn, 9u);
  const std::string svg = render_ladder_svg(lifeline_roles(tc.ladder), rows, marks);
  EXPECT_THAT(svg, HasSubstr("class=\"msg offending\" data-index=\"" + std::to_string(*marks.offending.begin())));
  EXPECT_THAT(svg, HasSubstr("class=\"evidence-note\""));
}

}  // namespace
}  // namespace concur::report

namespace concur::report {
namespace {

monitor::RuleSummary summary_of(monitor::Rule r, monitor::Verdict v, std::string reason) {
  monitor::RuleSummary s;
  s.rule = r;
  s.verdict = v;
  monitor::UeRuleVerdict u;
  u.verdict = v;
  monitor::Finding f;
  f.rule = r;
  f.verdict = v;
  f.reason = std::move(reason);
  u.findings.push_back(f);
  s.per_ue.push_back(u);
  return s;
}

TEST(MonitorFindings, a_test_case_takes_the_verdict_and_findings_of_its_own_rules_only) {
  TestCaseResult tc;
  tc.rules = {monitor::Rule::r3};
  take_monitor_results(tc, {summary_of(monitor::Rule::r3, monitor::Verdict::pass, "old chain kept"),
                            summary_of(monitor::Rule::r5, monitor::Verdict::fail, "not this case's rule")});
  EXPECT_EQ(tc.verdict, monitor::Verdict::pass);
  ASSERT_EQ(tc.findings.size(), 1u);
  EXPECT_EQ(tc.findings[0].reason, "old chain kept");
}

TEST(MonitorFindings, a_test_case_naming_no_rule_takes_all_of_them) {
  TestCaseResult tc;
  take_monitor_results(tc, {summary_of(monitor::Rule::r3, monitor::Verdict::pass, "a"),
                            summary_of(monitor::Rule::r5, monitor::Verdict::fail, "b")});
  EXPECT_EQ(tc.verdict, monitor::Verdict::fail);
  EXPECT_EQ(tc.findings.size(), 2u);
}

}  // namespace
}  // namespace concur::report
