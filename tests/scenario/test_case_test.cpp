// The test-case language: the shipped cases load, and a mistake in a case is refused with the
// file, the line and the field instead of becoming a test that silently checks less.
#include <gtest/gtest.h>

#include "profile/sut_profile.h"
#include "scenario/engine.h"
#include "scenario/test_case.h"

namespace concur::scenario {
namespace {

std::string case_with(const std::string& steps, const std::string& attrs = "rules=\"R3\" clause=\"TS 33.401 7.2.10 rule 3\"") {
  return "<testcase id=\"t\" " + attrs + ">\n" +                               // line 1
         "  <purpose>p</purpose>\n" +                                           // 2
         "  <roles><enb name=\"source\"/><ue name=\"ue\" enb=\"source\"/></roles>\n" +  // 3
         "  <steps>\n" + steps + "  </steps>\n</testcase>\n";                   // 4, 5..
}

std::string error_of(const std::string& text) {
  try {
    parse_test_case(text, "case.xml");
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(TestCaseLanguage, every_shipped_case_loads_and_rules_r1_to_r3_each_have_cases) {
  const auto cases = load_test_cases(std::string(CONCUR_TESTCASES_DIR));
  ASSERT_GE(cases.size(), 10u);
  for (const char* rule : {"R1", "R2", "R3"}) {
    std::size_t n = 0;
    for (const auto& tc : cases) n += matches_filter(tc, rule);
    EXPECT_GE(n, 2u) << rule;
  }
  const auto profile = profile::load_profile(std::string(CONCUR_TESTCASES_DIR) + "/profiles/reference.xml");
  const auto enb_profile = profile::load_profile(std::string(CONCUR_TESTCASES_DIR) + "/profiles/reference-enb.xml");
  for (const auto& tc : cases) {
    if (tc.sut_is_enb()) {
      EXPECT_FALSE(not_applicable(tc, enb_profile)) << tc.id << " should apply to the reference eNB";
      EXPECT_TRUE(not_applicable(tc, profile)) << tc.id << " tests an eNB, not the MME";
    } else {
      EXPECT_FALSE(not_applicable(tc, profile)) << tc.id << " should apply to the reference MME";
      EXPECT_TRUE(not_applicable(tc, enb_profile)) << tc.id << " tests an MME, not the eNB";
    }
  }
}

std::string enb_case_with(const std::string& steps) {
  return "<testcase id=\"t\" rules=\"R5\" clause=\"TS 33.401 7.2.10 rule 5\">\n" +  // line 1
         std::string("  <purpose>p</purpose>\n") +                                  // 2
         "  <roles><mme name=\"mme\"/><ue name=\"ue\"/></roles>\n" +                // 3
         "  <steps>\n" + steps + "  </steps>\n</testcase>\n";                          // 4, 5..
}

TEST(TestCaseLanguage, rule_5_has_cases_for_an_enb_sut_with_the_runner_as_mme) {
  const auto cases = load_test_cases(std::string(CONCUR_TESTCASES_DIR));
  std::size_t r5 = 0;
  for (const auto& tc : cases)
    if (matches_filter(tc, "R5")) {
      ++r5;
      EXPECT_TRUE(tc.sut_is_enb()) << tc.id;
      EXPECT_TRUE(tc.enb_names().empty()) << tc.id << ": the eNB is the SUT, the case has none of its own";
    }
  EXPECT_GE(r5, 4u);
}

TEST(TestCaseLanguage, rule_5_cases_are_none_for_an_enb_without_a_trigger_saying_which_pics_is_missing) {
  const auto enb_without_trigger = profile::parse_profile(
      "<sut-profile name=\"lab-enb\">\n  <sut><enb listen-address=\"127.0.0.1\"/></sut>\n"
      "  <ran mcc=\"001\" mnc=\"01\" tacs=\"1\"/>\n"
      "  <subscriber imsi=\"001010000000001\" k=\"465b5ce8b199b49faa5f0a2ee238a6bc\" opc=\"cd63cb71954a9f4e48a5994e37a02baf\"/>\n"
      "  <capabilities s1-handover=\"true\"/>\n  <enb-trigger kind=\"none\"/>\n</sut-profile>\n",
      "lab-enb.xml");
  std::size_t r5 = 0;
  for (const auto& tc : load_test_cases(std::string(CONCUR_TESTCASES_DIR))) {
    if (!tc.sut_is_enb()) continue;
    ++r5;
    const auto why = not_applicable(tc, enb_without_trigger);
    ASSERT_TRUE(why) << tc.id;
    EXPECT_NE(why->find("'enb-trigger'"), std::string::npos) << *why;
  }
  EXPECT_GE(r5, 4u);
}

TEST(TestCaseLanguage, an_enb_sut_case_reads_mme_sends_and_enb_triggers) {
  const auto tc = parse_test_case(enb_case_with("    <trigger action=\"handover\" ue=\"ue\"/>\n"
                                                "    <send from=\"mme\" message=\"UEContextModificationRequest\" ue=\"ue\"/>\n"
                                                "    <expect at=\"mme\" message=\"UEContextModificationFailure\" rule=\"R5\"/>\n"),
                                  "case.xml");
  EXPECT_TRUE(tc.sut_is_enb());
  ASSERT_EQ(tc.body.size(), 3u);
  EXPECT_EQ(tc.body[0].action, "handover");
  EXPECT_EQ(tc.body[1].role, "mme");
  EXPECT_EQ(tc.body[2].rule, "R5");
}

TEST(TestCaseLanguage, an_enb_sut_case_refuses_mme_sut_steps_messages_and_triggers_with_file_line_field) {
  EXPECT_EQ(error_of(enb_case_with("    <hold at=\"mme\" message=\"HandoverRequired\"/>\n")),
            "case.xml:5: hold: not a step of an eNB-SUT case (attach, detach, send, expect, expect-none, trigger)");
  EXPECT_NE(error_of(enb_case_with("    <send from=\"mme\" message=\"HandoverRequest\" ue=\"ue\"/>\n"))
                .find("case.xml:5: send@message: 'HandoverRequest' cannot be sent by the MME"),
            std::string::npos);
  EXPECT_NE(error_of(enb_case_with("    <trigger action=\"reauth\" ue=\"ue\"/>\n")).find("case.xml:5: trigger@action: 'reauth' is not handover"),
            std::string::npos);
  EXPECT_NE(error_of("<testcase id=\"t\" rules=\"R5\" clause=\"c\">\n  <purpose>p</purpose>\n"
                     "  <roles><mme name=\"mme\"/><enb name=\"e\"/></roles>\n  <steps><expect at=\"mme\" message=\"*\"/></steps>\n</testcase>\n")
                .find("case.xml:3: roles: a case with an <mme> tests an eNB"),
            std::string::npos);
}

TEST(TestCaseLanguage, an_expect_with_field_matchers_reads_into_a_pattern) {
  const auto tc = parse_test_case(case_with("    <expect at=\"source\" message=\"HandoverRequest\" rule=\"R3\" timeout-ms=\"2000\">\n"
                                            "      <field name=\"nh-from\" value=\"old\"/>\n    </expect>\n"),
                                  "case.xml");
  ASSERT_EQ(tc.body.size(), 1u);
  const Step& s = tc.body[0];
  EXPECT_EQ(s.kind, StepKind::expect);
  EXPECT_EQ(s.role, "source");
  EXPECT_EQ(s.rule, "R3");
  EXPECT_EQ(s.timeout, std::chrono::milliseconds(2000));
  ASSERT_EQ(s.pattern.fields.size(), 1u);
  EXPECT_EQ(s.pattern.fields[0].name, "nh-from");
  EXPECT_TRUE(tc.default_postamble);
}

TEST(TestCaseLanguage, a_misspelt_message_names_file_line_and_field) {
  EXPECT_EQ(error_of(case_with("    <expect at=\"source\" message=\"HandoverRequets\"/>\n")),
            "case.xml:5: expect@message: unknown message 'HandoverRequets'");
}

TEST(TestCaseLanguage, a_role_that_is_not_declared_or_of_the_wrong_kind_is_refused) {
  EXPECT_EQ(error_of(case_with("    <hold at=\"target\" message=\"HandoverRequest\"/>\n")), "case.xml:5: hold@at: no role 'target' in <roles>");
  EXPECT_EQ(error_of(case_with("    <attach ue=\"source\"/>\n")), "case.xml:5: attach@ue: 'source' must be a <ue>");
}

TEST(TestCaseLanguage, a_field_the_message_does_not_have_is_refused) {
  EXPECT_NE(error_of(case_with("    <expect at=\"source\" message=\"HandoverRequest\"><field name=\"kenb\" value=\"x\"/></expect>\n"))
                .find("field@name: 'kenb' is not a field the engine can match on HandoverRequest"),
            std::string::npos);
}

TEST(TestCaseLanguage, unknown_pics_bad_rules_and_impossible_answers_are_refused) {
  EXPECT_NE(error_of(case_with("    <trigger action=\"reauth\" ue=\"ue\"/>\n", "rules=\"R3\" clause=\"c\" pics=\"teleport\""))
                .find("testcase@pics: unknown PICS 'teleport'"),
            std::string::npos);
  EXPECT_NE(error_of(case_with("    <trigger action=\"reauth\" ue=\"ue\"/>\n", "rules=\"R10\" clause=\"c\"")).find("'R10' is not R1..R9"),
            std::string::npos);
  EXPECT_NE(error_of(case_with("    <answer at=\"ue\" message=\"SecurityModeCommand\" with=\"AttachComplete\"/>\n"))
                .find("answer@with: cannot answer SecurityModeCommand with AttachComplete"),
            std::string::npos);
  EXPECT_NE(error_of(case_with("    <expect at=\"source\" message=\"*\" timeout-ms=\"soon\"/>\n")).find("expect@timeout-ms: 'soon'"),
            std::string::npos);
}

TEST(TestCaseLanguage, a_case_without_steps_or_purpose_is_refused) {
  EXPECT_NE(error_of("<testcase id=\"t\" rules=\"R1\" clause=\"c\"><roles><enb name=\"a\"/></roles></testcase>").find("purpose: missing"),
            std::string::npos);
  EXPECT_NE(error_of(case_with("")).find("steps: missing or empty"), std::string::npos);
}

TEST(TestCaseLanguage, filters_select_by_glob_on_the_id_or_by_rule) {
  const auto tc = parse_test_case(case_with("    <trigger action=\"reauth\" ue=\"ue\"/>\n"), "case.xml");
  EXPECT_TRUE(matches_filter(tc, ""));
  EXPECT_TRUE(matches_filter(tc, "R3"));
  EXPECT_FALSE(matches_filter(tc, "R1"));
  EXPECT_TRUE(matches_filter(tc, "t*"));
  EXPECT_FALSE(matches_filter(tc, "x*"));
}

TEST(TestCaseLanguage, verdicts_order_error_over_fail_over_inconc_over_pass) {
  EXPECT_EQ(worse(Verdict::pass, Verdict::fail), Verdict::fail);
  EXPECT_EQ(worse(Verdict::error, Verdict::fail), Verdict::error);
  EXPECT_EQ(worse(Verdict::inconc, Verdict::pass), Verdict::inconc);
  EXPECT_EQ(worse(Verdict::none, Verdict::pass), Verdict::pass);
}

}  // namespace
}  // namespace concur::scenario
