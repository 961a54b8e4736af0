// TS 33.401 7.2.10 rule 5 on the reference eNB, conformant and fault-injected (--violate R5):
// "The source eNB shall reject an S1 UE Context Modification Request when the eNB has initiated,
// but not yet completed, an inter-eNB handover. When a RRCConnectionReconfiguration procedure
// triggered by a UE Context Modification is ongoing the source eNB shall wait for the completion
// of this procedure before initiating any further handover procedure."
// The test plays the MME over real SCTP; the eNB is its own process.
#include <gtest/gtest.h>

#include "harness.h"
#include "security/kdf.h"

namespace concur::reference::enb::testing {
namespace {

using namespace std::chrono_literals;

/// No S1AP arrives within this window: the eNB is judged to have sent nothing. Long enough for
/// a loaded 2-core machine to have delivered a message the eNB sent at once.
constexpr auto kQuietWindow = 700ms;

s1ap::UeContextModificationRequest ucm_with_new_kenb(std::uint32_t mme_id, std::uint32_t enb_id, const s1ap::Key256& k) {
  s1ap::UeContextModificationRequest m;
  m.mme_ue_s1ap_id = mme_id;
  m.enb_ue_s1ap_id = enb_id;
  m.security_key = k;
  return m;
}

struct Session {
  explicit Session(const EnbOptions& o = {}) : enb(mme, o) {}
  TestMme mme;
  EnbProcess enb;
};

TEST(ReferenceEnbRule5, initial_context_setup_is_answered_and_its_kenb_stored) {
  Session s;
  ASSERT_TRUE(s1_setup(s.mme, s.enb)) << s.enb.transcript();
  const auto ue = connected_ue(s.mme, s.enb, 10, key_of(0x11));
  ASSERT_TRUE(ue) << s.enb.transcript();
  const auto status = s.enb.wait_for_status("kenb=" + fingerprint(key_of(0x11)));
  ASSERT_TRUE(status);
  EXPECT_NE(status->find("kenb=" + fingerprint(key_of(0x11))), std::string::npos) << *status;
  EXPECT_NE(status->find("mme_ue_s1ap_id=10 context=1"), std::string::npos) << *status;
}

TEST(ReferenceEnbRule5, ucm_with_a_new_kenb_is_accepted_when_no_handover_is_ongoing) {
  Session s;
  ASSERT_TRUE(s1_setup(s.mme, s.enb)) << s.enb.transcript();
  const auto ue = connected_ue(s.mme, s.enb, 10, key_of(0x11));
  ASSERT_TRUE(ue);
  s.mme.send(ucm_with_new_kenb(10, *ue, key_of(0x33)));
  const auto r = s.mme.expect<s1ap::UeContextModificationResponse>();
  ASSERT_TRUE(r) << s.enb.transcript();
  EXPECT_EQ(r->enb_ue_s1ap_id, *ue);
  EXPECT_TRUE(s.enb.wait_for_status("kenb=" + fingerprint(key_of(0x33)))->find(fingerprint(key_of(0x33))) !=
              std::string::npos);
}

TEST(ReferenceEnbRule5, conformant_enb_rejects_ucm_while_its_own_handover_is_ongoing) {
  Session s;
  ASSERT_TRUE(s1_setup(s.mme, s.enb)) << s.enb.transcript();
  const auto ue = connected_ue(s.mme, s.enb, 10, key_of(0x11));
  ASSERT_TRUE(ue);
  ASSERT_EQ(s.enb.control("handover " + std::to_string(*ue) + " 2 1").value_or(""), "ok handover ue=1 required");
  const auto required = s.mme.expect<s1ap::HandoverRequired>();
  ASSERT_TRUE(required);
  EXPECT_EQ(required->handover_type, s1ap::HandoverType::intralte);
  ASSERT_TRUE(std::holds_alternative<s1ap::TargetEnb>(required->target_id));
  EXPECT_EQ(std::get<s1ap::TargetEnb>(required->target_id).global_enb_id.id, 2u);

  s.mme.send(ucm_with_new_kenb(10, *ue, key_of(0x33)));
  const auto f = s.mme.expect<s1ap::UeContextModificationFailure>();
  ASSERT_TRUE(f) << s.enb.transcript();
  EXPECT_EQ(f->cause, (s1ap::Cause{s1ap::CauseGroup::radio_network, 33}));  // s1-intra-system-handover-triggered
  // The old KeNB stays in use.
  const auto st = s.enb.control("status").value_or("");
  EXPECT_NE(st.find("kenb=" + fingerprint(key_of(0x11))), std::string::npos) << st;

  // Still rejected once prepared (HANDOVER COMMAND received), until the context is released.
  s1ap::HandoverCommand command;
  command.mme_ue_s1ap_id = 10;
  command.enb_ue_s1ap_id = *ue;
  command.target_to_source_container = {0x00, 0x00};
  s.mme.send(command);
  const auto status_transfer = s.mme.expect<s1ap::EnbStatusTransfer>();
  ASSERT_TRUE(status_transfer) << s.enb.transcript();
  ASSERT_EQ(status_transfer->bearers.size(), 1u);
  EXPECT_EQ(status_transfer->bearers[0].e_rab_id, 5);
  ASSERT_TRUE(s.enb.wait_for_status("handover=prepared"));
  s.mme.send(ucm_with_new_kenb(10, *ue, key_of(0x44)));
  ASSERT_TRUE(s.mme.expect<s1ap::UeContextModificationFailure>());

  s1ap::UeContextReleaseCommand release;
  release.mme_ue_s1ap_id = 10;
  release.enb_ue_s1ap_id = *ue;
  release.cause = {s1ap::CauseGroup::radio_network, 2};  // successful-handover
  s.mme.send(release);
  const auto complete = s.mme.expect<s1ap::UeContextReleaseComplete>();
  ASSERT_TRUE(complete);
  EXPECT_EQ(complete->enb_ue_s1ap_id, *ue);
  EXPECT_TRUE(s.enb.wait_for_status("ues=0"));
}

TEST(ReferenceEnbRule5, ucm_is_accepted_again_once_the_handover_preparation_failed) {
  Session s;
  ASSERT_TRUE(s1_setup(s.mme, s.enb)) << s.enb.transcript();
  const auto ue = connected_ue(s.mme, s.enb, 10, key_of(0x11));
  ASSERT_TRUE(ue);
  ASSERT_EQ(s.enb.control("handover 1 2 1").value_or(""), "ok handover ue=1 required");
  ASSERT_TRUE(s.mme.expect<s1ap::HandoverRequired>());
  s1ap::HandoverPreparationFailure failure;
  failure.mme_ue_s1ap_id = 10;
  failure.enb_ue_s1ap_id = *ue;
  failure.cause = {s1ap::CauseGroup::radio_network, 7};  // ho-target-not-allowed
  s.mme.send(failure);
  ASSERT_TRUE(s.enb.wait_for_status("handover=none"));
  s.mme.send(ucm_with_new_kenb(10, *ue, key_of(0x33)));
  EXPECT_TRUE(s.mme.expect<s1ap::UeContextModificationResponse>()) << s.enb.transcript();
}

TEST(ReferenceEnbRule5, faulty_variant_accepts_ucm_during_its_own_handover) {
  EnbOptions o;
  o.violate_r5 = true;
  Session s(o);
  ASSERT_TRUE(s1_setup(s.mme, s.enb)) << s.enb.transcript();
  const auto ue = connected_ue(s.mme, s.enb, 10, key_of(0x11));
  ASSERT_TRUE(ue);
  ASSERT_EQ(s.enb.control("handover 1 2 1").value_or(""), "ok handover ue=1 required");
  ASSERT_TRUE(s.mme.expect<s1ap::HandoverRequired>());
  s.mme.send(ucm_with_new_kenb(10, *ue, key_of(0x33)));
  // The offending message: a UCM RESPONSE while the handover is ongoing.
  EXPECT_TRUE(s.mme.expect<s1ap::UeContextModificationResponse>()) << s.enb.transcript();
  EXPECT_NE(s.enb.control("status").value_or("").find("handover=preparing"), std::string::npos);
}

TEST(ReferenceEnbRule5, conformant_enb_queues_a_handover_until_the_ucm_reconfiguration_ends) {
  EnbOptions o;
  o.hold_reconfiguration = true;
  Session s(o);
  ASSERT_TRUE(s1_setup(s.mme, s.enb)) << s.enb.transcript();
  const auto ue = connected_ue(s.mme, s.enb, 10, key_of(0x11));
  ASSERT_TRUE(ue);
  s.mme.send(ucm_with_new_kenb(10, *ue, key_of(0x33)));
  ASSERT_TRUE(s.enb.wait_for_status("reconfiguration=1")) << s.enb.transcript();

  EXPECT_EQ(s.enb.control("handover 1 2 1").value_or(""), "ok handover ue=1 queued: reconfiguration ongoing");
  std::string why;
  const auto early = s.mme.receive(kQuietWindow, &why);
  EXPECT_FALSE(early.has_value()) << "the eNB sent something (variant index " << (early ? early->index() : 0)
                                  << ") while the reconfiguration was ongoing";

  EXPECT_EQ(s.enb.control("reconfiguration-complete 1").value_or(""), "ok reconfiguration-complete ue=1");
  // First the UCM answer, then the handover that waited for it.
  ASSERT_TRUE(s.mme.expect<s1ap::UeContextModificationResponse>()) << s.enb.transcript();
  const auto required = s.mme.expect<s1ap::HandoverRequired>();
  ASSERT_TRUE(required) << s.enb.transcript();
  EXPECT_EQ(required->mme_ue_s1ap_id, 10u);
}

TEST(ReferenceEnbRule5, queued_handover_is_abandoned_when_the_reconfiguration_outlasts_its_guard) {
  EnbOptions o;
  o.hold_reconfiguration = true;
  o.handover_queue = 300ms;
  Session s(o);
  ASSERT_TRUE(s1_setup(s.mme, s.enb)) << s.enb.transcript();
  const auto ue = connected_ue(s.mme, s.enb, 10, key_of(0x11));
  ASSERT_TRUE(ue);
  s.mme.send(ucm_with_new_kenb(10, *ue, key_of(0x33)));
  ASSERT_TRUE(s.enb.wait_for_status("reconfiguration=1"));
  ASSERT_EQ(s.enb.control("handover 1 2 1").value_or(""), "ok handover ue=1 queued: reconfiguration ongoing");
  ASSERT_TRUE(s.enb.wait_for_line("enb rule 5: ue 1: queued handover abandoned")) << s.enb.transcript();
  EXPECT_EQ(s.enb.control("reconfiguration-complete 1").value_or(""), "ok reconfiguration-complete ue=1");
  ASSERT_TRUE(s.mme.expect<s1ap::UeContextModificationResponse>());
  std::string why;
  const auto late = s.mme.receive(kQuietWindow, &why);
  EXPECT_FALSE(late.has_value()) << "an abandoned handover was still started";
}

TEST(ReferenceEnbRule5, faulty_variant_starts_a_handover_during_the_ucm_reconfiguration) {
  EnbOptions o;
  o.violate_r5 = true;
  o.hold_reconfiguration = true;
  Session s(o);
  ASSERT_TRUE(s1_setup(s.mme, s.enb)) << s.enb.transcript();
  const auto ue = connected_ue(s.mme, s.enb, 10, key_of(0x11));
  ASSERT_TRUE(ue);
  s.mme.send(ucm_with_new_kenb(10, *ue, key_of(0x33)));
  ASSERT_TRUE(s.enb.wait_for_status("reconfiguration=1"));
  EXPECT_EQ(s.enb.control("handover 1 2 1").value_or(""), "ok handover ue=1 required");
  // The offending message: HANDOVER REQUIRED before the UCM RESPONSE.
  EXPECT_TRUE(s.mme.expect<s1ap::HandoverRequired>()) << s.enb.transcript();
}

TEST(ReferenceEnbRule5, timed_reconfiguration_answers_the_ucm_by_itself_and_releases_the_queued_handover) {
  EnbOptions o;
  o.reconfiguration = 400ms;
  Session s(o);
  ASSERT_TRUE(s1_setup(s.mme, s.enb)) << s.enb.transcript();
  const auto ue = connected_ue(s.mme, s.enb, 10, key_of(0x11));
  ASSERT_TRUE(ue);
  s.mme.send(ucm_with_new_kenb(10, *ue, key_of(0x33)));
  ASSERT_TRUE(s.enb.wait_for_status("reconfiguration=1"));
  const auto reply = s.enb.control("handover 1 2 1").value_or("");
  if (reply == "ok handover ue=1 required") GTEST_SKIP() << "the machine was too slow: the reconfiguration ended first";
  ASSERT_EQ(reply, "ok handover ue=1 queued: reconfiguration ongoing");
  ASSERT_TRUE(s.mme.expect<s1ap::UeContextModificationResponse>()) << s.enb.transcript();
  EXPECT_TRUE(s.mme.expect<s1ap::HandoverRequired>()) << s.enb.transcript();
}

TEST(ReferenceEnbRule5, as_target_the_enb_derives_kenb_star_from_nh_and_notifies_on_command) {
  Session s;
  ASSERT_TRUE(s1_setup(s.mme, s.enb)) << s.enb.transcript();
  s1ap::HandoverRequest hr;
  hr.mme_ue_s1ap_id = 40;
  hr.cause = {s1ap::CauseGroup::radio_network, 16};
  hr.ue_ambr = {100000000, 50000000};
  s1ap::ERabToBeSetup bearer;
  bearer.e_rab_id = 5;
  bearer.transport_layer_address = {127, 0, 0, 2};
  bearer.gtp_teid = 0x2000;
  hr.e_rabs.push_back(bearer);
  hr.source_to_target_container = {0x00};
  hr.ue_security_capabilities = {0xC000, 0xC000};
  hr.security_context = {3, key_of(0x22)};
  s.mme.send(hr);
  const auto ack = s.mme.expect<s1ap::HandoverRequestAcknowledge>();
  ASSERT_TRUE(ack) << s.enb.transcript();
  EXPECT_EQ(ack->mme_ue_s1ap_id, 40u);
  ASSERT_EQ(ack->e_rabs_admitted.size(), 1u);
  EXPECT_EQ(ack->e_rabs_admitted[0].e_rab_id, 5);
  EXPECT_FALSE(ack->target_to_source_container.empty());

  // TS 33.401 7.2.8.4.3 / A.5: KeNB* = KDF(NH, PCI, EARFCN-DL), computed here independently.
  const auto kenb_star =
      security::derive_kenb_star(security::Key256(key_of(0x22)), kPci, kEarfcnDl);
  const auto st = s.enb.wait_for_status("kenb=" + kenb_star.fingerprint());
  ASSERT_TRUE(st);
  EXPECT_NE(st->find("kenb=" + kenb_star.fingerprint() + " ncc=3"), std::string::npos) << *st;

  const std::string ue = std::to_string(ack->enb_ue_s1ap_id);
  EXPECT_EQ(s.enb.control("handover-notify " + ue).value_or(""), "ok handover-notify ue=" + ue);
  const auto notify = s.mme.expect<s1ap::HandoverNotify>();
  ASSERT_TRUE(notify);
  EXPECT_EQ(notify->mme_ue_s1ap_id, 40u);
  EXPECT_EQ(notify->eutran_cgi, (s1ap::Ecgi{kPlmn, kEnbId << 8 | 1}));
}

TEST(ReferenceEnbRule5, cancelled_handover_ends_and_ucm_is_accepted_after_the_acknowledge) {
  Session s;
  ASSERT_TRUE(s1_setup(s.mme, s.enb)) << s.enb.transcript();
  const auto ue = connected_ue(s.mme, s.enb, 10, key_of(0x11));
  ASSERT_TRUE(ue);
  ASSERT_EQ(s.enb.control("handover 1 2 1").value_or(""), "ok handover ue=1 required");
  ASSERT_TRUE(s.mme.expect<s1ap::HandoverRequired>());
  EXPECT_EQ(s.enb.control("handover-cancel 1").value_or(""), "ok handover-cancel ue=1");
  const auto cancel = s.mme.expect<s1ap::HandoverCancel>();
  ASSERT_TRUE(cancel);
  // Until the MME acknowledges, the handover is still ongoing: UCM rejected.
  s.mme.send(ucm_with_new_kenb(10, *ue, key_of(0x33)));
  ASSERT_TRUE(s.mme.expect<s1ap::UeContextModificationFailure>());
  s1ap::HandoverCancelAcknowledge ack;
  ack.mme_ue_s1ap_id = 10;
  ack.enb_ue_s1ap_id = *ue;
  s.mme.send(ack);
  ASSERT_TRUE(s.enb.wait_for_status("handover=none"));
  s.mme.send(ucm_with_new_kenb(10, *ue, key_of(0x33)));
  EXPECT_TRUE(s.mme.expect<s1ap::UeContextModificationResponse>());
}

}  // namespace
}  // namespace concur::reference::enb::testing
