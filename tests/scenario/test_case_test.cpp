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

TEST(TestCaseLanguage, a_case_file_that_cannot_be_read_is_refused_with_its_path_and_the_system_reason) {
  try {
    load_test_case("/nonexistent-concur-dir/case.xml");
    FAIL() << "no error";
  } catch (const ScenarioError& e) {
    EXPECT_STREQ(e.what(), "/nonexistent-concur-dir/case.xml: file: cannot be opened: No such file or directory");
  }
}

TEST(TestCaseLanguage, every_shipped_case_loads_and_rules_r1_to_r3_and_r6_to_r8_each_have_cases) {
  const auto cases = load_test_cases(std::string(CONCUR_TESTCASES_DIR));
  ASSERT_GE(cases.size(), 10u);
  for (const char* rule : {"R1", "R2", "R3", "R6", "R7"}) {
    std::size_t n = 0;
    for (const auto& tc : cases) n += matches_filter(tc, rule);
    EXPECT_GE(n, 2u) << rule;
  }
  std::size_t r8 = 0;
  for (const auto& tc : cases) r8 += matches_filter(tc, "R8");
  EXPECT_GE(r8, 1u);
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

std::string gtp_case_with(const std::string& steps, const std::string& pics = "s10 s3") {
  return "<testcase id=\"t\" rules=\"R6\" clause=\"TS 33.401 7.2.10 rule 6\" pics=\"" + pics + "\">\n" +  // line 1
         "  <purpose>p</purpose>\n" +                                                                    // 2
         "  <roles><enb name=\"source\"/><peer-mme name=\"mme2\"/><sgsn name=\"sgsn\"/>\n" +           // 3
         "         <ue name=\"ue\" enb=\"source\"/></roles>\n" +                                          // 4
         "  <steps>\n" + steps + "  </steps>\n</testcase>\n";                                            // 5, 6..
}

TEST(TestCaseLanguage, peer_mme_and_sgsn_roles_are_gtp_roles_a_handover_can_target_and_an_expect_can_match) {
  const auto tc = parse_test_case(
      gtp_case_with("    <send from=\"source\" message=\"HandoverRequired\" ue=\"ue\" target=\"sgsn\" rat=\"geran\"/>\n"
                    "    <expect-none at=\"mme2\" message=\"ForwardRelocationRequest\" on-arrival=\"inconc\"/>\n"
                    "    <expect at=\"mme2\" message=\"ForwardRelocationRequest\"><field name=\"osci\" value=\"1\"/></expect>\n"
                    "    <hold at=\"mme2\" message=\"ForwardRelocationResponse\"/>\n"
                    "    <send from=\"mme2\" message=\"ForwardRelocationCompleteNotification\" ue=\"ue\"/>\n"),
      "case.xml");
  EXPECT_EQ(tc.enb_names(), (std::vector<std::string>{"source"}));
  EXPECT_EQ(tc.gtp_names(), (std::vector<std::string>{"mme2", "sgsn"}));
  ASSERT_EQ(tc.body.size(), 5u);
  EXPECT_EQ(tc.body[0].target, "sgsn");
  EXPECT_EQ(tc.body[0].rat, "geran");
  EXPECT_TRUE(tc.body[1].inconc_on_arrival);
  EXPECT_EQ(tc.body[2].pattern.fields.at(0).name, "osci");
}

TEST(TestCaseLanguage, gtp_role_mistakes_name_file_line_and_field) {
  EXPECT_EQ(error_of(gtp_case_with("    <expect at=\"ue\" message=\"SecurityModeCommand\"/>\n", "s3")),
            "case.xml:3: peer-mme: a <peer-mme> needs PICS 's10' in testcase@pics");
  EXPECT_EQ(error_of(gtp_case_with("    <send from=\"source\" message=\"HandoverRequired\" ue=\"ue\" target=\"sgsn\"/>\n")),
            "case.xml:6: send@rat: missing");
  EXPECT_EQ(error_of(gtp_case_with("    <send from=\"source\" message=\"HandoverRequired\" ue=\"ue\" target=\"mme2\" rat=\"utran\"/>\n")),
            "case.xml:6: send@rat: only a handover to an <sgsn> names the radio access technology");
  EXPECT_EQ(error_of(gtp_case_with("    <send from=\"mme2\" message=\"HandoverRequired\" ue=\"ue\" target=\"source\"/>\n")),
            "case.xml:6: send@message: a <peer-mme> sends ForwardRelocationCompleteNotification or ForwardRelocationRequest, not 'HandoverRequired'");
  EXPECT_EQ(error_of(gtp_case_with("    <s1-setup enb=\"mme2\"/>\n")), "case.xml:6: s1-setup@enb: 'mme2' must be an <enb>");
  EXPECT_EQ(error_of(gtp_case_with("    <expect at=\"mme2\" message=\"ForwardRelocationRequest\" on-arrival=\"inconc\"/>\n")),
            "case.xml:6: expect@on-arrival: only <expect-none> has on-arrival");
  EXPECT_EQ(error_of(gtp_case_with("    <expect at=\"mme2\" message=\"ForwardRelocationRequest\"><field name=\"eksi\" value=\"1\"/></expect>\n")),
            "case.xml:6: field@name: 'eksi' is not a field the engine can match on ForwardRelocationRequest");
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

TEST(TestCaseLanguage, a_parallel_reads_its_branches_in_order_as_one_step) {
  const auto tc = parse_test_case(case_with("    <parallel>\n"                                                  // 5
                                            "      <branch><expect at=\"ue\" message=\"SecurityModeCommand\"/></branch>\n"  // 6
                                            "      <branch>\n"                                                   // 7
                                            "        <send from=\"source\" message=\"PathSwitchRequest\" ue=\"ue\"/>\n"  // 8
                                            "        <expect-none at=\"*\" message=\"UEContextModificationRequest\"/>\n"  // 9
                                            "      </branch>\n"
                                            "    </parallel>\n"
                                            "    <trigger action=\"reauth\" ue=\"ue\"/>\n"),
                                  "case.xml");
  ASSERT_EQ(tc.body.size(), 2u);
  const Step& p = tc.body.front();
  EXPECT_EQ(p.kind, StepKind::parallel);
  EXPECT_EQ(p.line, 5u);
  ASSERT_EQ(p.branches.size(), 2u);
  ASSERT_EQ(p.branches[0].size(), 1u);
  EXPECT_EQ(p.branches[0][0].kind, StepKind::expect);
  EXPECT_EQ(p.branches[0][0].line, 6u);
  ASSERT_EQ(p.branches[1].size(), 2u);
  EXPECT_EQ(p.branches[1][0].kind, StepKind::send);
  EXPECT_EQ(p.branches[1][1].kind, StepKind::expect_none);
  EXPECT_EQ(p.branches[1][1].line, 9u);
  EXPECT_EQ(tc.body.back().kind, StepKind::trigger);
}

TEST(TestCaseLanguage, parallel_mistakes_name_file_line_and_field) {
  const std::string one = "<branch><trigger action=\"reauth\" ue=\"ue\"/></branch>";
  EXPECT_EQ(error_of(case_with("    <parallel>" + one + "<branch>\n</branch></parallel>\n")),
            "case.xml:5: branch: empty: a branch needs at least one step");
  EXPECT_EQ(error_of(case_with("    <parallel>" + one + "</parallel>\n")), "case.xml:5: parallel: needs two or more <branch> children");
  EXPECT_EQ(error_of(case_with("    <parallel>" + one + "<step/></parallel>\n")), "case.xml:5: step: only <branch> may appear in <parallel>");
  EXPECT_EQ(error_of(case_with("    <parallel>" + one + "<branch><preamble/></branch></parallel>\n")),
            "case.xml:5: preamble: <preamble> cannot be nested in a step list");
  EXPECT_EQ(error_of(case_with("    <parallel>" + one + "<branch><parallel/></branch></parallel>\n")).substr(0, 20),
            "case.xml:5: parallel");
  EXPECT_EQ(error_of(case_with("    <parallel>" + one + "<branch><attach ue=\"ue\"/></branch></parallel>\n")),
            "case.xml:5: attach: cannot run in a <branch>: it waits alone; put it before or after the <parallel>");
  EXPECT_EQ(error_of(case_with("    <parallel mode=\"x\">" + one + one + "</parallel>\n")), "case.xml:5: parallel@mode: unknown attribute");
  // Only the case's own steps run branches: not the preamble, not an eNB-SUT case.
  EXPECT_NE(error_of("<testcase id=\"t\" rules=\"R3\" clause=\"c\"><purpose>p</purpose><roles><enb name=\"source\"/>"
                     "<ue name=\"ue\" enb=\"source\"/></roles><preamble><parallel>" + one + one + "</parallel></preamble>"
                     "<steps><trigger action=\"reauth\" ue=\"ue\"/></steps></testcase>")
                .find("parallel: a <parallel> stands directly in the <steps> of an MME-SUT case"),
            std::string::npos);
  EXPECT_NE(error_of(enb_case_with("    <parallel>" + one + one + "</parallel>\n")).find("case.xml:5: parallel: "), std::string::npos);
}

TEST(TestCaseLanguage, an_enb_asks_for_a_release_and_a_ue_comes_back_with_a_service_request) {
  const auto tc = parse_test_case(case_with("    <send from=\"source\" message=\"UEContextReleaseRequest\" ue=\"ue\"/>\n"
                                            "    <send from=\"source\" message=\"ServiceRequest\" ue=\"ue\"/>\n"
                                            "    <expect at=\"source\" message=\"InitialContextSetupRequest\">"
                                            "<field name=\"kenb-from\" value=\"nas-kasme\"/></expect>\n"),
                                  "case.xml");
  ASSERT_EQ(tc.body.size(), 3u);
  EXPECT_EQ(tc.body[0].pattern.name, "UEContextReleaseRequest");
  EXPECT_EQ(tc.body[1].pattern.name, "ServiceRequest");
  ASSERT_EQ(tc.body[2].pattern.fields.size(), 1u);
  EXPECT_EQ(tc.body[2].pattern.fields[0].name, "kenb-from");
  EXPECT_NE(error_of(case_with("    <send from=\"source\" message=\"UEContextReleaseCommand\" ue=\"ue\"/>\n"))
                .find("case.xml:5: send@message: 'UEContextReleaseCommand' cannot be sent"),
            std::string::npos);
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
