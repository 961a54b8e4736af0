// Rules 1 and 2 of TS 33.401 7.2.10: a NAS SMC and an S1 procedure with a new KeNB never overlap.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "trace_builder.h"

namespace concur::monitor::test {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

const Leg ue{"eNB1", 7, 70, "001010000000001"};

TEST(Rule1, ucm_with_new_kenb_sent_while_smc_is_ongoing_fails_with_the_smc_and_the_ucm_as_evidence) {
  Trace t;
  t.attach(ue, 0, key_of(0xa0));
  const std::size_t smc = t.reauthenticate(ue, 1);
  const std::size_t ucm = t.down(ue, UeContextModificationRequest{key_of(0xa1)});
  t.up(ue, SecurityModeComplete{});
  const Judged j = judge(t);
  ASSERT_EQ(j.verdict(Rule::r1), Verdict::fail);
  const Finding& f = j.first(Rule::r1, Verdict::fail);
  EXPECT_THAT(indices(f), ElementsAre(smc, ucm));
  EXPECT_THAT(f.reason, HasSubstr("UE Context Modification with a new KeNB initiated while the NAS Security Mode "
                                  "Command eKSI 1 was ongoing"));
  EXPECT_THAT(f.events[1].what, HasSubstr("UE CONTEXT MODIFICATION REQUEST with SecurityKey"));
  EXPECT_THAT(j.report, HasSubstr("R1 fail"));
  EXPECT_THAT(j.report, HasSubstr("MME shall not initiate any of the S1 procedures"));
}

TEST(Rule1, initial_context_setup_sent_before_security_mode_complete_fails) {
  Trace t;
  t.up(ue, NasInitialRequest{});
  const std::size_t smc = t.down(ue, SecurityModeCommand{0, {}});
  const std::size_t ics = t.down(ue, InitialContextSetupRequest{key_of(1)});
  t.up(ue, SecurityModeComplete{});
  const Judged j = judge(t);
  ASSERT_EQ(j.verdict(Rule::r1), Verdict::fail);
  EXPECT_THAT(indices(j.first(Rule::r1, Verdict::fail)), ElementsAre(smc, ics));
  EXPECT_THAT(j.first(Rule::r1, Verdict::fail).reason, HasSubstr("Initial Context Setup initiated while"));
}

TEST(Rule1, initial_context_setup_after_security_mode_complete_passes) {
  Trace t;
  t.attach(ue, 0, key_of(1));
  const Judged j = judge(t);
  EXPECT_EQ(j.verdict(Rule::r1), Verdict::pass);
  // Evidence of the pass: the SMC's end (index 5) and the ICS (index 6).
  EXPECT_THAT(indices(j.first(Rule::r1, Verdict::pass)), ElementsAre(5u, 6u));
}

// T3460 expired while the UE's COMPLETE was in flight: the MME resent the same COMMAND, then took
// the COMPLETE and set up the context. The SMC had ended; the copy does not reopen it.
TEST(Rule1, a_retransmitted_smc_crossing_the_complete_does_not_reopen_the_smc) {
  Trace t;
  t.up(ue, NasInitialRequest{});
  t.down(ue, SecurityModeCommand{0, {2, 2}});
  t.up(ue, SecurityModeComplete{});
  t.down(ue, SecurityModeCommand{0, {2, 2}});  // the retransmission
  t.down(ue, InitialContextSetupRequest{key_of(1)});
  t.up(ue, SecurityModeComplete{});  // the UE's answer to the copy
  EXPECT_EQ(judge(t).verdict(Rule::r1), Verdict::pass);
}

TEST(Rule1, an_smc_with_other_algorithms_after_the_complete_is_a_new_procedure) {
  Trace t;
  t.up(ue, NasInitialRequest{});
  t.down(ue, SecurityModeCommand{0, {2, 2}});
  t.up(ue, SecurityModeComplete{});
  const std::size_t smc = t.down(ue, SecurityModeCommand{0, {1, 2}});
  const std::size_t ics = t.down(ue, InitialContextSetupRequest{key_of(1)});
  const Judged j = judge(t);
  ASSERT_EQ(j.verdict(Rule::r1), Verdict::fail);
  EXPECT_THAT(indices(j.first(Rule::r1, Verdict::fail)), ElementsAre(smc, ics));
}

TEST(Rule1, ucm_without_security_key_during_smc_is_allowed) {
  Trace t;
  t.attach(ue, 0, key_of(1));
  t.reauthenticate(ue, 1);
  t.down(ue, UeContextModificationRequest{std::nullopt});
  t.up(ue, UeContextModificationResponse{});
  t.up(ue, SecurityModeComplete{});
  EXPECT_EQ(judge(t).verdict(Rule::r1), Verdict::pass);
}

TEST(Rule1, security_mode_reject_ends_the_smc_so_a_later_ucm_with_new_kenb_passes) {
  Trace t;
  t.attach(ue, 0, key_of(1));
  t.reauthenticate(ue, 1);
  const std::size_t reject = t.up(ue, SecurityModeReject{});
  const std::size_t ucm = t.down(ue, UeContextModificationRequest{key_of(2)});
  const Judged j = judge(t);
  EXPECT_EQ(j.verdict(Rule::r1), Verdict::pass);
  EXPECT_THAT(indices(j.of(Rule::r1, 0).findings.back()), ElementsAre(reject, ucm));
}

TEST(Rule1, ue_context_release_ends_the_smc_so_the_next_connection_may_set_up_a_context) {
  Trace t;
  t.attach(ue, 0, key_of(1));
  t.reauthenticate(ue, 1);
  t.down(ue, UeContextReleaseCommand{});
  t.up(ue, UeContextReleaseComplete{});
  const Leg again{"eNB1", 8, 71, "001010000000001"};
  t.up(again, NasInitialRequest{NasRequestKind::service, 0});
  t.down(again, InitialContextSetupRequest{key_of(3)});
  const Judged j = judge(t);
  EXPECT_EQ(j.verdict(Rule::r1), Verdict::pass);
  ASSERT_EQ(j.ues.size(), 1u) << "IMSI links the new connection to the same UE context";
}

TEST(Rule1, trace_without_any_smc_is_inconclusive_and_says_why) {
  Trace t;
  t.down(ue, InitialContextSetupRequest{key_of(1)});
  t.up(ue, InitialContextSetupResponse{});
  const Judged j = judge(t);
  EXPECT_EQ(j.verdict(Rule::r1), Verdict::inconc);
  EXPECT_EQ(j.first(Rule::r1, Verdict::inconc).reason, "no NAS Security Mode Command was observed");
  EXPECT_THAT(j.report, HasSubstr("no NAS Security Mode Command was observed"));
}

TEST(Rule1, does_not_apply_when_the_sut_is_an_enb) {
  Trace t;
  t.attach(ue, 0, key_of(1));
  MonitorConfig c;
  c.sut.role = SutRole::enb;
  c.sut.node = "eNB1";
  const Judged j = judge(t, c);
  EXPECT_EQ(j.verdict(Rule::r1), Verdict::none);
  EXPECT_THAT(j.of(Rule::r1, 0).findings.at(0).reason, HasSubstr("binds the MME"));
}

TEST(Rule2, smc_sent_while_ucm_with_new_kenb_is_ongoing_fails_with_both_messages_as_evidence) {
  Trace t;
  t.attach(ue, 0, key_of(1));
  const std::size_t ucm = t.down(ue, UeContextModificationRequest{key_of(2)});
  t.down(ue, AuthenticationRequest{1});
  t.up(ue, AuthenticationResponse{});
  const std::size_t smc = t.down(ue, SecurityModeCommand{1, {}});
  t.up(ue, UeContextModificationResponse{});
  const Judged j = judge(t);
  ASSERT_EQ(j.verdict(Rule::r2), Verdict::fail);
  const Finding& f = j.first(Rule::r2, Verdict::fail);
  EXPECT_THAT(indices(f), ElementsAre(ucm, smc));
  EXPECT_THAT(f.reason, HasSubstr("while the UE Context Modification with a new KeNB was ongoing"));
}

TEST(Rule2, smc_sent_while_initial_context_setup_is_ongoing_fails) {
  Trace t;
  t.up(ue, NasInitialRequest{});
  t.down(ue, SecurityModeCommand{0, {}});
  t.up(ue, SecurityModeComplete{});
  const std::size_t ics = t.down(ue, InitialContextSetupRequest{key_of(1)});
  const std::size_t smc = t.down(ue, SecurityModeCommand{1, {}});
  const Judged j = judge(t);
  ASSERT_EQ(j.verdict(Rule::r2), Verdict::fail);
  EXPECT_THAT(indices(j.first(Rule::r2, Verdict::fail)), ElementsAre(ics, smc));
}

TEST(Rule2, smc_after_ucm_failure_passes_because_failure_ends_the_procedure) {
  Trace t;
  t.attach(ue, 0, key_of(1));
  t.down(ue, UeContextModificationRequest{key_of(2)});
  const std::size_t failure = t.up(ue, UeContextModificationFailure{});
  const std::size_t smc = t.reauthenticate(ue, 1);
  const Judged j = judge(t);
  EXPECT_EQ(j.verdict(Rule::r2), Verdict::pass);
  EXPECT_THAT(indices(j.first(Rule::r2, Verdict::pass)), ElementsAre(failure, smc));
}

TEST(Rule2, smc_during_ucm_without_security_key_is_allowed) {
  Trace t;
  t.attach(ue, 0, key_of(1));
  t.down(ue, UeContextModificationRequest{std::nullopt});
  t.reauthenticate(ue, 1);
  t.up(ue, UeContextModificationResponse{});
  EXPECT_EQ(judge(t).verdict(Rule::r2), Verdict::pass);
}

TEST(Rule2, trace_without_s1_procedure_with_new_kenb_is_inconclusive_and_says_why) {
  Trace t;
  t.up(ue, NasInitialRequest{});
  t.down(ue, SecurityModeCommand{0, {}});
  t.up(ue, SecurityModeComplete{});
  const Judged j = judge(t);
  EXPECT_EQ(j.verdict(Rule::r2), Verdict::inconc);
  EXPECT_THAT(j.first(Rule::r2, Verdict::inconc).reason,
              HasSubstr("no Initial Context Setup or UE Context Modification with a new KeNB was observed"));
}

TEST(Rule2, smc_in_a_new_connection_after_release_during_ics_is_not_a_violation) {
  Trace t;
  t.up(ue, NasInitialRequest{});
  t.down(ue, SecurityModeCommand{0, {}});
  t.up(ue, SecurityModeComplete{});
  t.down(ue, InitialContextSetupRequest{key_of(1)});
  t.down(ue, UeContextReleaseCommand{});
  t.up(ue, UeContextReleaseComplete{});
  const Leg again{"eNB1", 9, 72, "001010000000001"};
  t.up(again, NasInitialRequest{NasRequestKind::service, 0});
  t.down(again, SecurityModeCommand{0, {}});
  const Judged j = judge(t);
  EXPECT_NE(j.verdict(Rule::r2), Verdict::fail);
}

}  // namespace
}  // namespace concur::monitor::test
