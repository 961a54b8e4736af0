// Bad input from an eNB: unknown UE ids, messages only an MME sends, answers to procedures that
// are not running, messages before S1 SETUP. Each gets the protocol's error response (TS 36.413
// 10: ERROR INDICATION or the procedure's failure message) and the MME goes on serving the UE
// that is attached in the same test.
#include <gtest/gtest.h>

#include "emulators.h"
#include "mme_process.h"
#include "procedures.h"

namespace concur::reference::testing {
namespace {

// TS 36.413 9.2.1.3: CauseRadioNetwork and CauseProtocol values.
const s1ap::Cause kUnknownMmeUeS1apId{s1ap::CauseGroup::radio_network, 13};
const s1ap::Cause kUnknownEnbUeS1apId{s1ap::CauseGroup::radio_network, 14};
// CauseProtocol ::= ENUMERATED (TS 36.413 9.2.1.3): the fourth value, 3.
const s1ap::Cause kMessageNotCompatibleWithReceiverState{s1ap::CauseGroup::protocol, 3};

class ReferenceMmeBadInput : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(mme.started()) << mme.transcript();
    enb_a = std::make_unique<TestEnb>(mme, 1, 1);
    enb_b = std::make_unique<TestEnb>(mme, 2, 2);
    ASSERT_TRUE(enb_a->setup());
    ASSERT_TRUE(enb_b->setup());
    attached = attach(*enb_a, ue, 11);
    ASSERT_TRUE(attached);
    ASSERT_TRUE(mme.wait_for_status("registered=1 connected=1"));
  }
  void TearDown() override {
    if (!HasFailure()) return;
    while (mme.child().read_line(std::chrono::milliseconds(200))) {  // the decision lines not read yet
    }
    std::cerr << "MME transcript:\n" << mme.transcript();
  }

  /// The attached UE is still served: a path switch to eNB B gets its acknowledge with NCC 2.
  void attached_ue_still_served() {
    enb_b->send(path_switch_request(*attached, *enb_b, 61));
    const auto ack = enb_b->expect<s1ap::PathSwitchRequestAcknowledge>();
    ASSERT_TRUE(ack) << "the MME stopped serving the attached UE";
    EXPECT_EQ(ack->security_context.next_hop_chaining_count, 2);
    EXPECT_EQ(ack->security_context.next_hop, nh_at(attached->kasme, attached->kenb_uplink_count, 2));
  }

  MmeProcess mme;
  std::unique_ptr<TestEnb> enb_a;
  std::unique_ptr<TestEnb> enb_b;
  TestUe ue;
  std::optional<AttachedUe> attached;
};

TEST_F(ReferenceMmeBadInput, uplink_nas_with_an_unknown_mme_ue_s1ap_id_gets_error_indication_naming_that_id) {
  uplink_nas(*enb_a, 9999, 12, {0x07, 0x43});
  const auto e = enb_a->expect<s1ap::ErrorIndication>();
  ASSERT_TRUE(e);
  EXPECT_EQ(e->cause, kUnknownMmeUeS1apId);
  EXPECT_EQ(e->mme_ue_s1ap_id, 9999u);
  EXPECT_EQ(e->enb_ue_s1ap_id, 12u);
  attached_ue_still_served();
}

TEST_F(ReferenceMmeBadInput, a_known_mme_ue_s1ap_id_with_a_wrong_enb_ue_s1ap_id_gets_unknown_enb_ue_s1ap_id) {
  s1ap::UeContextReleaseRequest r;
  r.mme_ue_s1ap_id = attached->mme_ue_s1ap_id;
  r.enb_ue_s1ap_id = attached->enb_ue_s1ap_id + 100;
  r.cause = {s1ap::CauseGroup::radio_network, 20};  // user-inactivity
  enb_a->send(r);
  const auto e = enb_a->expect<s1ap::ErrorIndication>();
  ASSERT_TRUE(e);
  EXPECT_EQ(e->cause, kUnknownEnbUeS1apId);
  EXPECT_EQ(e->enb_ue_s1ap_id, attached->enb_ue_s1ap_id + 100);
  attached_ue_still_served();  // and the wrong-id release did not release it
}

TEST_F(ReferenceMmeBadInput, a_message_only_an_mme_sends_gets_error_indication_message_not_compatible) {
  s1ap::DownlinkNasTransport wrong_direction;
  wrong_direction.mme_ue_s1ap_id = attached->mme_ue_s1ap_id;
  wrong_direction.enb_ue_s1ap_id = attached->enb_ue_s1ap_id;
  wrong_direction.nas_pdu = {0x07, 0x5D};
  enb_a->send(wrong_direction);
  const auto e = enb_a->expect<s1ap::ErrorIndication>();
  ASSERT_TRUE(e);
  EXPECT_EQ(e->cause, kMessageNotCompatibleWithReceiverState);
  attached_ue_still_served();
}

TEST_F(ReferenceMmeBadInput, initial_context_setup_response_without_a_request_gets_error_indication) {
  s1ap::InitialContextSetupResponse again;  // the attach's ICS was answered already
  again.mme_ue_s1ap_id = attached->mme_ue_s1ap_id;
  again.enb_ue_s1ap_id = attached->enb_ue_s1ap_id;
  again.e_rabs_setup.push_back({5, {127, 0, 0, 10}, 0x5000});
  enb_a->send(again);
  const auto e = enb_a->expect<s1ap::ErrorIndication>();
  ASSERT_TRUE(e);
  EXPECT_EQ(e->cause, kMessageNotCompatibleWithReceiverState);
  EXPECT_EQ(e->mme_ue_s1ap_id, attached->mme_ue_s1ap_id);
  attached_ue_still_served();
}

TEST_F(ReferenceMmeBadInput, ue_context_modification_response_without_a_request_gets_error_indication) {
  s1ap::UeContextModificationResponse unasked;
  unasked.mme_ue_s1ap_id = attached->mme_ue_s1ap_id;
  unasked.enb_ue_s1ap_id = attached->enb_ue_s1ap_id;
  enb_a->send(unasked);
  const auto e = enb_a->expect<s1ap::ErrorIndication>();
  ASSERT_TRUE(e);
  EXPECT_EQ(e->cause, kMessageNotCompatibleWithReceiverState);
  EXPECT_EQ(e->enb_ue_s1ap_id, attached->enb_ue_s1ap_id);
  attached_ue_still_served();
}

TEST_F(ReferenceMmeBadInput, path_switch_for_an_unknown_ue_fails_with_unknown_mme_ue_s1ap_id) {
  AttachedUe stranger = *attached;
  stranger.mme_ue_s1ap_id = 4242;
  enb_b->send(path_switch_request(stranger, *enb_b, 71));
  const auto f = enb_b->expect<s1ap::PathSwitchRequestFailure>();
  ASSERT_TRUE(f);
  EXPECT_EQ(f->cause, kUnknownMmeUeS1apId);
  EXPECT_EQ(f->enb_ue_s1ap_id, 71u);
  attached_ue_still_served();
}

TEST_F(ReferenceMmeBadInput, a_ue_message_before_s1_setup_gets_error_indication_and_the_enb_can_set_up_after) {
  TestEnb late(mme, 3, 1);
  ASSERT_TRUE(late.up());
  s1ap::InitialUeMessage early;
  early.enb_ue_s1ap_id = 1;
  early.nas_pdu = ue.attach_request();
  early.tai = late.tai;
  early.eutran_cgi = late.ecgi;
  late.send(early);
  const auto e = late.expect<s1ap::ErrorIndication>();
  ASSERT_TRUE(e);
  EXPECT_EQ(e->cause, kMessageNotCompatibleWithReceiverState);
  EXPECT_TRUE(late.setup());
  attached_ue_still_served();
}

}  // namespace
}  // namespace concur::reference::testing
