// Rules 6 and 7 of TS 33.401 7.2.10: an inter-MME / inter-RAT relocation waits for an ongoing NAS
// SMC (new KASME) and for an ongoing UE Context Modification with a new KeNB.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "trace_builder.h"

namespace concur::monitor::test {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

const std::string kImsi = "001010000000002";
const Leg ue{"eNB1", 5, 50, kImsi};

ForwardRelocationRequest plain_s10() { return s10_relocation(0, key_of(0xa0), NhNcc{2, key_of(0xb2)}); }
/// What a rule-8-conformant MME sends after the SMC for eKSI 1 completed: the new context and the old.
ForwardRelocationRequest s10_after_the_smc() {
  return s10_relocation(1, key_of(0xee), std::nullopt, OldEpsSecurityContext{0, key_of(0xa0), NhNcc{2, key_of(0xb2)}});
}

ForwardRelocationRequest s3_relocation() {
  return ForwardRelocationRequest{GtpInterface::s3, std::nullopt, UmtsMmContext{0, {}, {}}};
}

TEST(Rule6, s10_relocation_sent_while_smc_for_new_kasme_is_ongoing_fails_with_smc_required_and_relocation) {
  Trace t;
  t.attach(ue, 0, key_of(1));
  const std::size_t smc = t.reauthenticate(ue, 1);
  const std::size_t required = t.handover_required_to_other_mme(ue);
  const std::size_t frr = t.relocation_out(plain_s10(), 100, kImsi);
  const Judged j = judge(t);
  ASSERT_EQ(j.verdict(Rule::r6), Verdict::fail);
  const Finding& f = j.first(Rule::r6, Verdict::fail);
  EXPECT_THAT(indices(f), ElementsAre(smc, required, frr));
  EXPECT_THAT(f.reason, HasSubstr("S10 FORWARD RELOCATION REQUEST sent while the NAS SMC for a new KASME (eKSI 1, #" +
                                  std::to_string(smc) + ") was ongoing"));
}

TEST(Rule6, relocation_after_security_mode_complete_passes) {
  Trace t;
  t.attach(ue, 0, key_of(1));
  const std::size_t smc = t.reauthenticate(ue, 1);
  const std::size_t required = t.handover_required_to_other_mme(ue);
  const std::size_t complete = t.up(ue, SecurityModeComplete{});
  const std::size_t frr = t.relocation_out(s10_after_the_smc(), 100, kImsi);
  t.finish_relocation_out(ue, 100);
  const Judged j = judge(t);
  ASSERT_EQ(j.verdict(Rule::r6), Verdict::pass) << j.report;
  EXPECT_THAT(indices(j.first(Rule::r6, Verdict::pass)), ElementsAre(smc, required, complete, frr));
}

TEST(Rule6, security_mode_reject_completes_the_smc_for_the_waiting_relocation) {
  Trace t;
  t.attach(ue, 0, key_of(1));
  t.reauthenticate(ue, 1);
  t.handover_required_to_other_mme(ue);
  t.up(ue, SecurityModeReject{});
  t.relocation_out(plain_s10(), 100, kImsi);
  EXPECT_EQ(judge(t).verdict(Rule::r6), Verdict::pass);
}

TEST(Rule6, s3_relocation_of_an_inter_rat_handover_during_the_smc_fails) {
  Trace t;
  t.attach(ue, 0, key_of(1));
  t.reauthenticate(ue, 1);
  t.up(ue, HandoverRequired{HandoverType::lte_to_utran, std::nullopt, HandoverTargetCore::unknown});
  const std::size_t frr = t.relocation_out(s3_relocation(), 100, kImsi);
  const Judged j = judge(t);
  ASSERT_EQ(j.verdict(Rule::r6), Verdict::fail);
  EXPECT_EQ(j.first(Rule::r6, Verdict::fail).events.back().index, frr);
  EXPECT_THAT(j.first(Rule::r6, Verdict::fail).reason, HasSubstr("S3 FORWARD RELOCATION REQUEST"));
}

TEST(Rule6, inter_rat_handover_command_during_the_smc_fails_even_when_s3_is_not_captured) {
  Trace t;
  t.attach(ue, 0, key_of(1));
  t.reauthenticate(ue, 1);
  t.up(ue, HandoverRequired{HandoverType::lte_to_geran, std::nullopt, HandoverTargetCore::unknown});
  const std::size_t command = t.down(ue, HandoverCommand{});
  const Judged j = judge(t);
  ASSERT_EQ(j.verdict(Rule::r6), Verdict::fail);
  EXPECT_EQ(j.first(Rule::r6, Verdict::fail).events.back().index, command);
  EXPECT_THAT(j.first(Rule::r6, Verdict::fail).reason, HasSubstr("HANDOVER COMMAND of an inter-RAT handover"));
}

TEST(Rule6, a_target_tai_the_mme_does_not_serve_makes_the_handover_inter_mme) {
  Trace t;
  t.attach(ue, 0, key_of(1));
  t.reauthenticate(ue, 1);
  t.up(ue, HandoverRequired{HandoverType::intra_lte, TrackingAreaId{"00101", 2}, HandoverTargetCore::unknown});
  t.up(ue, SecurityModeComplete{});
  t.relocation_out(s10_after_the_smc(), 100, kImsi);
  MonitorConfig c;
  c.sut.served_tais = {TrackingAreaId{"00101", 1}};
  EXPECT_EQ(judge(t, c).verdict(Rule::r6), Verdict::pass);
}

TEST(Rule6, a_target_tai_the_mme_serves_keeps_the_handover_intra_mme) {
  Trace t;
  t.attach(ue, 0, key_of(1));
  t.reauthenticate(ue, 1);
  t.up(ue, HandoverRequired{HandoverType::intra_lte, TrackingAreaId{"00101", 1}, HandoverTargetCore::unknown});
  t.handover_request("eNB2", 6, NhNcc{2, key_of(2)});
  MonitorConfig c;
  c.sut.served_tais = {TrackingAreaId{"00101", 1}};
  EXPECT_EQ(judge(t, c).verdict(Rule::r6), Verdict::inconc);
}

TEST(Rule6, intra_mme_handover_during_the_smc_is_not_the_rules_situation) {
  Trace t;
  t.attach(ue, 0, key_of(1));
  t.reauthenticate(ue, 1);
  t.s1_handover(ue, Leg{"eNB2", 6, 60, std::nullopt}, NhNcc{2, key_of(2)});
  const Judged j = judge(t);
  EXPECT_EQ(j.verdict(Rule::r6), Verdict::inconc);
  EXPECT_EQ(j.first(Rule::r6, Verdict::inconc).reason,
            "no inter-MME or inter-RAT HANDOVER REQUIRED arrived while a NAS SMC for a new KASME was ongoing");
}

TEST(Rule6, smc_that_keeps_the_kasme_does_not_hold_back_a_relocation) {
  Trace t;
  t.attach(ue, 0, key_of(1));
  t.down(ue, SecurityModeCommand{0, NasAlgorithms{1, 1}});  // same eKSI, no authentication: no new KASME
  t.handover_required_to_other_mme(ue);
  t.relocation_out(plain_s10(), 100, kImsi);
  EXPECT_EQ(judge(t).verdict(Rule::r6), Verdict::inconc);
}

TEST(Rule6, handover_refused_during_the_smc_is_inconclusive_and_says_so) {
  Trace t;
  t.attach(ue, 0, key_of(1));
  const std::size_t smc = t.reauthenticate(ue, 1);
  const std::size_t required = t.handover_required_to_other_mme(ue);
  t.down(ue, HandoverPreparationFailure{});
  t.up(ue, SecurityModeComplete{});
  const Judged j = judge(t);
  ASSERT_EQ(j.verdict(Rule::r6), Verdict::inconc);
  const Finding& f = j.first(Rule::r6, Verdict::inconc);
  EXPECT_THAT(f.reason, HasSubstr("but no relocation followed"));
  EXPECT_THAT(indices(f), ElementsAre(smc, required));
}

TEST(Rule6, does_not_apply_to_an_mme_without_s10_and_inter_rat) {
  Trace t;
  t.attach(ue, 0, key_of(1));
  MonitorConfig c;
  c.sut.s10 = false;
  c.sut.inter_rat = false;
  const Judged j = judge(t, c);
  EXPECT_EQ(j.verdict(Rule::r6), Verdict::none);
  EXPECT_EQ(j.verdict(Rule::r7), Verdict::none);
  EXPECT_EQ(j.verdict(Rule::r8), Verdict::none);
  EXPECT_EQ(j.verdict(Rule::r9), Verdict::none);
}

TEST(Rule7, s10_relocation_sent_while_ucm_with_new_kenb_is_ongoing_fails_with_ucm_required_and_relocation) {
  Trace t;
  t.attach(ue, 0, key_of(1));
  const std::size_t ucm = t.down(ue, UeContextModificationRequest{key_of(2)});
  const std::size_t required = t.handover_required_to_other_mme(ue);
  const std::size_t frr = t.relocation_out(plain_s10(), 100, kImsi);
  const Judged j = judge(t);
  ASSERT_EQ(j.verdict(Rule::r7), Verdict::fail);
  const Finding& f = j.first(Rule::r7, Verdict::fail);
  EXPECT_THAT(indices(f), ElementsAre(ucm, required, frr));
  EXPECT_THAT(f.reason, HasSubstr("while the UE Context Modification with a new KeNB (#" + std::to_string(ucm) +
                                  ") was ongoing"));
}

TEST(Rule7, relocation_after_ucm_response_passes) {
  Trace t;
  t.attach(ue, 0, key_of(1));
  const std::size_t ucm = t.down(ue, UeContextModificationRequest{key_of(2)});
  const std::size_t required = t.handover_required_to_other_mme(ue);
  const std::size_t response = t.up(ue, UeContextModificationResponse{});
  const std::size_t frr = t.relocation_out(plain_s10(), 100, kImsi);
  const Judged j = judge(t);
  ASSERT_EQ(j.verdict(Rule::r7), Verdict::pass);
  EXPECT_THAT(indices(j.first(Rule::r7, Verdict::pass)), ElementsAre(ucm, required, response, frr));
}

TEST(Rule7, ucm_failure_is_an_unsuccessful_completion_and_releases_the_relocation) {
  Trace t;
  t.attach(ue, 0, key_of(1));
  t.down(ue, UeContextModificationRequest{key_of(2)});
  t.handover_required_to_other_mme(ue);
  t.up(ue, UeContextModificationFailure{});
  t.relocation_out(plain_s10(), 100, kImsi);
  EXPECT_EQ(judge(t).verdict(Rule::r7), Verdict::pass);
}

// Crossing on the S1 link: the MME sent the UCM before it took in the HANDOVER REQUIRED the
// observer saw first. Both were in the MME's hands at once: rule 7's situation.
TEST(Rule7, ucm_crossing_a_pending_handover_required_then_relocation_after_the_response_passes) {
  Trace t;
  t.attach(ue, 0, key_of(1));
  const std::size_t required = t.handover_required_to_other_mme(ue);
  const std::size_t ucm = t.down(ue, UeContextModificationRequest{key_of(2)});
  const std::size_t response = t.up(ue, UeContextModificationResponse{});
  const std::size_t frr = t.relocation_out(plain_s10(), 100, kImsi);
  const Judged j = judge(t);
  ASSERT_EQ(j.verdict(Rule::r7), Verdict::pass);
  EXPECT_THAT(indices(j.first(Rule::r7, Verdict::pass)), ElementsAre(required, ucm, response, frr));
}

TEST(Rule7, ucm_crossing_a_pending_handover_required_then_relocation_before_the_response_fails) {
  Trace t;
  t.attach(ue, 0, key_of(1));
  t.handover_required_to_other_mme(ue);
  t.down(ue, UeContextModificationRequest{key_of(2)});
  t.relocation_out(plain_s10(), 100, kImsi);
  EXPECT_EQ(judge(t).verdict(Rule::r7), Verdict::fail);
}

TEST(Rule7, ucm_after_the_relocation_went_out_is_not_the_rules_situation) {
  Trace t;
  t.attach(ue, 0, key_of(1));
  t.handover_required_to_other_mme(ue);
  t.relocation_out(plain_s10(), 100, kImsi);
  t.down(ue, UeContextModificationRequest{key_of(2)});
  t.up(ue, UeContextModificationResponse{});
  EXPECT_EQ(judge(t).verdict(Rule::r7), Verdict::inconc);
}

TEST(Rule7, ucm_without_security_key_does_not_hold_back_a_relocation) {
  Trace t;
  t.attach(ue, 0, key_of(1));
  t.down(ue, UeContextModificationRequest{std::nullopt});
  t.handover_required_to_other_mme(ue);
  t.relocation_out(plain_s10(), 100, kImsi);
  const Judged j = judge(t);
  EXPECT_EQ(j.verdict(Rule::r7), Verdict::inconc);
  EXPECT_EQ(j.first(Rule::r7, Verdict::inconc).reason,
            "no inter-MME HANDOVER REQUIRED arrived while a UE Context Modification with a new KeNB was ongoing");
}

}  // namespace
}  // namespace concur::monitor::test
