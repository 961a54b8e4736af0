// Rule 5 of TS 33.401 7.2.10, eNB as SUT: UE Context Modification versus the eNB's own handover.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "trace_builder.h"

namespace concur::monitor::test {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

const Leg ue{"eNB1", 3, 30, std::nullopt};

MonitorConfig enb_under_test() {
  MonitorConfig c;
  c.sut.role = SutRole::enb;
  c.sut.node = "eNB1";
  return c;
}

/// The runner (as MME) set the UE up on the eNB under test.
void connected(Trace& t) {
  t.up(ue, NasInitialRequest{});
  t.down(ue, InitialContextSetupRequest{key_of(1)});
  t.up(ue, InitialContextSetupResponse{});
}

TEST(Rule5, enb_accepting_ucm_during_its_own_handover_fails_with_required_request_and_response) {
  Trace t;
  connected(t);
  const std::size_t required = t.up(ue, HandoverRequired{});
  const std::size_t request = t.down(ue, UeContextModificationRequest{key_of(2)});
  const std::size_t response = t.up(ue, UeContextModificationResponse{});
  const Judged j = judge(t, enb_under_test());
  ASSERT_EQ(j.verdict(Rule::r5), Verdict::fail);
  const Finding& f = j.first(Rule::r5, Verdict::fail);
  EXPECT_THAT(indices(f), ElementsAre(required, request, response));
  EXPECT_THAT(f.reason, HasSubstr("accepted a UE Context Modification while its own handover (HANDOVER REQUIRED #" +
                                  std::to_string(required) + ") was initiated and not completed"));
  EXPECT_EQ(f.expected, "UE CONTEXT MODIFICATION FAILURE");
}

TEST(Rule5, enb_rejecting_ucm_during_its_own_handover_passes) {
  Trace t;
  connected(t);
  t.up(ue, HandoverRequired{});
  t.down(ue, UeContextModificationRequest{key_of(2)});
  t.up(ue, UeContextModificationFailure{});
  EXPECT_EQ(judge(t, enb_under_test()).verdict(Rule::r5), Verdict::pass);
}

TEST(Rule5, any_ucm_request_must_be_rejected_during_the_handover_not_only_one_with_a_key) {
  Trace t;
  connected(t);
  t.up(ue, HandoverRequired{});
  t.down(ue, UeContextModificationRequest{std::nullopt});
  t.up(ue, UeContextModificationResponse{});
  EXPECT_EQ(judge(t, enb_under_test()).verdict(Rule::r5), Verdict::fail);
}

TEST(Rule5, ucm_after_the_handover_preparation_failed_may_be_accepted) {
  Trace t;
  connected(t);
  t.up(ue, HandoverRequired{});
  t.down(ue, HandoverPreparationFailure{});
  t.down(ue, UeContextModificationRequest{key_of(2)});
  t.up(ue, UeContextModificationResponse{});
  EXPECT_NE(judge(t, enb_under_test()).verdict(Rule::r5), Verdict::fail);
}

TEST(Rule5, ucm_after_the_handover_was_cancelled_may_be_accepted) {
  Trace t;
  connected(t);
  t.up(ue, HandoverRequired{});
  t.up(ue, HandoverCancel{});
  t.down(ue, HandoverCancelAcknowledge{});
  t.down(ue, UeContextModificationRequest{key_of(2)});
  t.up(ue, UeContextModificationResponse{});
  EXPECT_NE(judge(t, enb_under_test()).verdict(Rule::r5), Verdict::fail);
}

TEST(Rule5, release_of_the_source_leg_completes_the_handover_for_a_later_connection) {
  Trace t;
  connected(t);
  t.up(ue, HandoverRequired{});
  t.down(ue, HandoverCommand{});
  t.down(ue, UeContextReleaseCommand{});
  t.up(ue, UeContextReleaseComplete{});
  const Leg again{"eNB1", 4, 31, std::nullopt};
  t.up(again, NasInitialRequest{});
  t.down(again, InitialContextSetupRequest{key_of(3)});
  t.down(again, UeContextModificationRequest{key_of(4)});
  t.up(again, UeContextModificationResponse{});
  EXPECT_NE(judge(t, enb_under_test()).verdict(Rule::r5), Verdict::fail);
}

TEST(Rule5, handover_required_while_the_ucm_reconfiguration_is_ongoing_fails) {
  Trace t;
  connected(t);
  const std::size_t request = t.down(ue, UeContextModificationRequest{key_of(2)});
  const std::size_t required = t.up(ue, HandoverRequired{});
  t.up(ue, UeContextModificationResponse{});
  const Judged j = judge(t, enb_under_test());
  ASSERT_EQ(j.verdict(Rule::r5), Verdict::fail);
  EXPECT_THAT(indices(j.first(Rule::r5, Verdict::fail)), ElementsAre(request, required));
  EXPECT_THAT(j.first(Rule::r5, Verdict::fail).reason,
              HasSubstr("initiated a handover while the RRC reconfiguration of the UE Context Modification"));
}

TEST(Rule5, handover_just_after_the_ucm_response_is_fine) {
  Trace t;
  connected(t);
  t.down(ue, UeContextModificationRequest{key_of(2)});
  const std::size_t response = t.up(ue, UeContextModificationResponse{});
  const std::size_t required = t.up(ue, HandoverRequired{});
  const Judged j = judge(t, enb_under_test());
  ASSERT_EQ(j.verdict(Rule::r5), Verdict::pass);
  EXPECT_THAT(indices(j.first(Rule::r5, Verdict::pass)), ElementsAre(response, required));
}

TEST(Rule5, no_ucm_meeting_a_handover_is_inconclusive_and_says_so) {
  Trace t;
  connected(t);
  t.up(ue, HandoverRequired{});
  t.down(ue, HandoverCommand{});
  const Judged j = judge(t, enb_under_test());
  ASSERT_EQ(j.verdict(Rule::r5), Verdict::inconc);
  EXPECT_THAT(j.first(Rule::r5, Verdict::inconc).reason,
              HasSubstr("no UE Context Modification Request reached the eNB during its own handover"));
}

TEST(Rule5, does_not_apply_when_the_sut_is_an_mme) {
  Trace t;
  connected(t);
  const Judged j = judge(t);
  EXPECT_EQ(j.verdict(Rule::r5), Verdict::none);
  EXPECT_THAT(j.of(Rule::r5, 0).findings.at(0).reason, HasSubstr("the SUT is an MME"));
}

}  // namespace
}  // namespace concur::monitor::test
