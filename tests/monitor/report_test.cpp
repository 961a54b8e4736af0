// The verdict summary and the plain-text report `concur replay` / `concur run` print.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "trace_builder.h"

namespace concur::monitor::test {
namespace {

using ::testing::HasSubstr;

TEST(Verdicts, aggregate_fail_over_error_over_pass_over_inconc_over_none) {
  EXPECT_EQ(combine(Verdict::pass, Verdict::fail), Verdict::fail);
  EXPECT_EQ(combine(Verdict::error, Verdict::pass), Verdict::error);
  EXPECT_EQ(combine(Verdict::fail, Verdict::error), Verdict::fail);
  EXPECT_EQ(combine(Verdict::inconc, Verdict::pass), Verdict::pass);
  EXPECT_EQ(combine(Verdict::none, Verdict::inconc), Verdict::inconc);
}

TEST(Verdicts, every_rule_cites_its_sentence_of_clause_7_2_10) {
  EXPECT_THAT(std::string(rule_text(Rule::r6)), HasSubstr("or initiating an inter-RAT handover."));
  EXPECT_THAT(std::string(rule_text(Rule::r7)), HasSubstr("(successful or unsuccessful) completion"));
  for (Rule r : all_rules) EXPECT_FALSE(rule_text(r).empty()) << rule_name(r);
}

TEST(Report, lists_every_rule_with_its_verdict_and_the_count_per_verdict) {
  const Leg a{"eNB1", 1, 1, "001010000000011"};
  const Leg b{"eNB1", 2, 2, "001010000000022"};
  Trace t;
  t.attach(b, 0, key_of(2));
  t.up(a, NasInitialRequest{});
  t.down(a, SecurityModeCommand{0, {}});
  t.down(a, InitialContextSetupRequest{key_of(1)});
  const Judged j = judge(t);
  EXPECT_THAT(j.report, HasSubstr("TS 33.401 clause 7.2.10 rule monitor: fail\n"));
  EXPECT_THAT(j.report, HasSubstr("R1 fail  (pass 1, fail 1, inconc 0, error 0, none 0)\n"));
  EXPECT_THAT(j.report, HasSubstr("R4 none  (pass 0, fail 0, inconc 0, error 0, none 2)\n"));
  EXPECT_THAT(j.report, HasSubstr("R5 none"));
  for (Rule r : all_rules) EXPECT_THAT(j.report, HasSubstr(rule_name(r) + " ")) << rule_name(r);
}

TEST(Report, a_fail_shows_the_rule_text_reason_expectation_and_evidence_with_frames_and_times) {
  const Leg a{"eNB1", 1, 1, std::nullopt};
  Trace t;
  t.up(a, NasInitialRequest{});                                // #1
  t.down(a, SecurityModeCommand{0, NasAlgorithms{2, 2}});      // #2
  t.down(a, InitialContextSetupRequest{key_of(1)});            // #3
  const Judged j = judge(t);
  EXPECT_THAT(j.report, HasSubstr("  rule: MME shall not initiate any of the S1 procedures Initial Context Setup"));
  EXPECT_THAT(j.report, HasSubstr("  UE1: fail\n"));
  EXPECT_THAT(j.report, HasSubstr("      reason: Initial Context Setup initiated while the NAS Security Mode Command "
                                  "eKSI 0 was ongoing"));
  EXPECT_THAT(j.report, HasSubstr("      expected: no Initial Context Setup until the SMC completes"));
  EXPECT_THAT(j.report, HasSubstr("        #2 (frame 102, t=0.020000 s) MME->eNB1 SECURITY MODE COMMAND eKSI=0 EEA2 EIA2\n"));
  EXPECT_THAT(j.report, HasSubstr("        #3 (frame 103, t=0.030000 s) MME->eNB1 INITIAL CONTEXT SETUP REQUEST\n"));
}

TEST(Report, an_inconc_shows_which_situation_never_arose) {
  Trace t;
  t.attach(Leg{"eNB1", 1, 1, std::nullopt}, 0, key_of(1));
  const Judged j = judge(t);
  EXPECT_THAT(j.report, HasSubstr("R7 inconc"));
  EXPECT_THAT(j.report, HasSubstr("  situation not met: an inter-MME handover request during a UE Context "
                                  "Modification with a new KeNB\n"));
  EXPECT_THAT(j.report, HasSubstr("reason: no inter-MME HANDOVER REQUIRED arrived while a UE Context Modification "
                                  "with a new KeNB was ongoing"));
}

TEST(Report, a_trace_out_of_order_is_an_error_of_the_tester) {
  Monitor m(MonitorConfig{});
  Event e;
  e.index = 5;
  e.from = "eNB1";
  e.to = "MME";
  e.ids.s1 = S1UeIds{"eNB1", 1, 1};
  e.body = NasInitialRequest{};
  m.feed(e);
  e.index = 3;
  e.body = AuthenticationResponse{};
  m.feed(e);
  const auto summary = m.summary();
  EXPECT_EQ(summary[0].verdict, Verdict::error);
  EXPECT_THAT(format_report(summary), HasSubstr("trace out of order: index 3 after 5"));
  EXPECT_EQ(overall_verdict(summary), Verdict::error);
}

TEST(Report, an_empty_trace_is_inconclusive_for_applicable_rules_and_none_for_the_others) {
  Monitor m(MonitorConfig{});
  const auto summary = m.summary();
  EXPECT_EQ(summary[0].verdict, Verdict::inconc);
  EXPECT_EQ(summary[3].verdict, Verdict::none);  // R4: the UE's rule
  EXPECT_EQ(summary[4].verdict, Verdict::none);  // R5: the SUT is an MME
  EXPECT_THAT(format_report(summary), HasSubstr("the trace holds no UE-associated message"));
}

TEST(Report, an_event_after_finish_is_an_error) {
  Monitor m(MonitorConfig{});
  m.finish();
  Event e;
  e.index = 1;
  e.ids.s1 = S1UeIds{"eNB1", 1, 1};
  e.body = NasInitialRequest{};
  m.feed(e);
  EXPECT_EQ(m.verdict(Rule::r1, 0).verdict, Verdict::error);
}

}  // namespace
}  // namespace concur::monitor::test
