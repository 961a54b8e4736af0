// The faulty variants of the reference MME (`--violate Rn`) against the conformant one, each in
// the same script: the variant must send the message its rule forbids in that window, the
// conformant MME must not. This is how the suite knows its own verdicts can fail (DESIGN.md
// "Reference SUT"). Keys are checked with the emulated UE's own derivations (TS 33.401 Annex A).
#include <gtest/gtest.h>

#include "emulators.h"
#include "idle_ue.h"
#include "mme_process.h"
#include "procedures.h"

namespace concur::reference::testing {
namespace {

using namespace std::chrono_literals;

/// How long a window is watched for a message the rule forbids. The MME answers a stimulus in
/// well under 50 ms on loopback; a forbidden message would come with the one that opened the window.
constexpr auto kWindow = 500ms;

class ReferenceMmeVariant : public ::testing::Test {
 protected:
  void start(std::vector<std::string> arguments) {
    MmeOptions o;
    o.arguments = std::move(arguments);
    mme = std::make_unique<MmeProcess>(o);
    ASSERT_TRUE(mme->started()) << mme->transcript();
    enb_a = std::make_unique<TestEnb>(*mme, 1, 1);
    enb_b = std::make_unique<TestEnb>(*mme, 2, 2);
    ASSERT_TRUE(enb_a->setup());
    ASSERT_TRUE(enb_b->setup());
  }
  void TearDown() override {
    if (!HasFailure() || !mme) return;
    while (mme->child().read_line(std::chrono::milliseconds(200))) {  // the decision lines not read yet
    }
    std::cerr << "MME transcript:\n" << mme->transcript();
  }

  std::optional<AttachedUe> attach_settled() {
    auto a = attach(*enb_a, ue, 11);
    if (a && !mme->wait_for_status("registered=1 connected=1")) ADD_FAILURE() << "MME did not report the UE registered";
    return a;
  }

  /// reauth over the control socket and AKA answered; returns the SMC the UE read (not answered).
  std::optional<nas::SecurityModeCommand> reauthenticate_until_smc(const AttachedUe& a) {
    const auto reply = mme->control(std::string("reauth ") + kImsi);
    if (!reply || reply->rfind("ok reauth", 0) != 0) {
      ADD_FAILURE() << "reauth refused: " << reply.value_or("(no reply)");
      return std::nullopt;
    }
    auto auth = expect_downlink_nas<nas::AuthenticationRequest>(*enb_a, ue);
    if (!auth) return std::nullopt;
    uplink_nas(*enb_a, a.mme_ue_s1ap_id, a.enb_ue_s1ap_id, ue.answer_authentication(*auth));
    return expect_downlink_nas<nas::SecurityModeCommand>(*enb_a, ue);
  }

  /// Whatever the MME sends to eNB A within the window (nullopt: nothing).
  std::optional<s1ap::S1apMessage> sent_within_window() { return enb_a->receive(kWindow); }

  std::unique_ptr<MmeProcess> mme;
  std::unique_ptr<TestEnb> enb_a;
  std::unique_ptr<TestEnb> enb_b;
  TestUe ue;
};

// --- the command line ---------------------------------------------------------------------------

/// Runs concur-reference-mme with `arguments` (no config needed: the flags are checked first).
std::pair<std::optional<int>, std::string> run_mme(std::vector<std::string> arguments) {
  arguments.insert(arguments.begin(), CONCUR_REFERENCE_MME);
  transport::testing::ChildProcess p(arguments);
  const auto status = p.wait_exit(10s);
  while (p.read_line(100ms)) {
  }
  return {status, p.transcript()};
}

TEST(ReferenceMmeCommandLine, violate_r4_is_refused_with_exit_2_because_r4_is_the_ues_rule) {
  const auto [status, output] = run_mme({"--violate", "R4", "--config", "unused.xml"});
  ASSERT_TRUE(status) << output;
  EXPECT_EQ(*status, 2);
  EXPECT_NE(output.find("R4 is the UE's rule"), std::string::npos) << output;
}

TEST(ReferenceMmeCommandLine, violate_r5_is_refused_because_it_belongs_to_the_enb) {
  const auto [status, output] = run_mme({"--violate", "R5", "--config", "unused.xml"});
  ASSERT_TRUE(status) << output;
  EXPECT_EQ(*status, 2);
  EXPECT_NE(output.find("R5 is the eNB's rule"), std::string::npos) << output;
}

TEST(ReferenceMmeCommandLine, unknown_rule_names_in_a_comma_list_are_refused_with_exit_2) {
  const auto [status, output] = run_mme({"--violate", "R1,R12", "--config", "unused.xml"});
  ASSERT_TRUE(status) << output;
  EXPECT_EQ(*status, 2);
  EXPECT_NE(output.find("not 'R12'"), std::string::npos) << output;
}

TEST(ReferenceMmeCommandLine, help_documents_each_registered_variant_in_one_line) {
  const auto [status, output] = run_mme({"--help"});
  ASSERT_TRUE(status) << output;
  EXPECT_EQ(*status, 0);
  for (const char* rule : {"  R1  ", "  R2  ", "  R3  "}) EXPECT_NE(output.find(rule), std::string::npos) << output;
}

TEST(ReferenceMmeCommandLine, a_variant_announces_the_rule_it_breaks_before_listening) {
  MmeOptions o;
  o.arguments = {"--violate", "R1,R3"};
  MmeProcess mme(o);
  ASSERT_TRUE(mme.started()) << mme.transcript();
  EXPECT_NE(mme.transcript().find("faulty variant: breaks R1"), std::string::npos) << mme.transcript();
  EXPECT_NE(mme.transcript().find("faulty variant: breaks R3"), std::string::npos) << mme.transcript();
}

// --- R1: no UE CONTEXT MODIFICATION with a new KeNB while the NAS SMC is outstanding ----------

TEST_F(ReferenceMmeVariant, r1_variant_sends_the_new_kenb_in_a_ucm_while_the_smc_is_outstanding) {
  start({"--violate", "R1"});
  const auto a = attach_settled();
  ASSERT_TRUE(a);
  const auto smc = reauthenticate_until_smc(*a);
  ASSERT_TRUE(smc);
  const auto m = sent_within_window();
  ASSERT_TRUE(m) << "the R1 variant sent nothing while the SMC was outstanding";
  const auto* ucm = std::get_if<s1ap::UeContextModificationRequest>(&*m);
  ASSERT_TRUE(ucm) << "expected UE CONTEXT MODIFICATION REQUEST, got variant index " << m->index();
  ASSERT_TRUE(ucm->security_key);
  // The KeNB of the NEW KASME (the UE's own AKA result) with the COUNT the SMC COMPLETE will have.
  ASSERT_TRUE(ue.last_aka);
  const auto* ctx = ue.nas.find(smc->nas_ksi.ksi);
  ASSERT_TRUE(ctx);
  EXPECT_EQ(*ucm->security_key,
            to_s1ap(security::derive_kenb(ue.last_aka->second, ctx->next_count(security::Direction::uplink))));
}

TEST_F(ReferenceMmeVariant, conformant_mme_holds_the_ucm_until_security_mode_complete) {
  start({});
  const auto a = attach_settled();
  ASSERT_TRUE(a);
  const auto smc = reauthenticate_until_smc(*a);
  ASSERT_TRUE(smc);
  const auto m = sent_within_window();
  EXPECT_FALSE(m) << "the conformant MME sent variant index " << m->index() << " while the SMC was outstanding";
  uplink_nas(*enb_a, a->mme_ue_s1ap_id, a->enb_ue_s1ap_id, ue.answer_security_mode_command(*smc));
  const auto ucm = enb_a->expect<s1ap::UeContextModificationRequest>();
  ASSERT_TRUE(ucm);
  ASSERT_TRUE(ucm->security_key);
  EXPECT_EQ(*ucm->security_key, to_s1ap(security::derive_kenb(ue.last_aka->second, ue.smc_complete_uplink_count)));
}

/// Attach, release to ECM-IDLE, SERVICE REQUEST with a KSI the MME does not hold: AKA answered,
/// the SMC of the re-authentication read by the UE and held back. The SMC, if it came.
std::optional<nas::SecurityModeCommand> service_request_until_smc(MmeProcess& mme, TestEnb& enb, TestUe& ue,
                                                                  AttachedUe& a) {
  const auto reply = mme.control(std::string("release ") + kImsi);
  if (!reply || reply->rfind("ok release", 0) != 0) return std::nullopt;
  const auto command = enb.expect<s1ap::UeContextReleaseCommand>();
  if (!command) return std::nullopt;
  s1ap::UeContextReleaseComplete done;
  done.mme_ue_s1ap_id = a.mme_ue_s1ap_id;
  done.enb_ue_s1ap_id = a.enb_ue_s1ap_id;
  enb.send(done);
  if (!mme.wait_for_status("connected=0")) return std::nullopt;
  const std::uint8_t wrong_ksi = static_cast<std::uint8_t>((a.eksi + 3) % 7);
  a.enb_ue_s1ap_id = 81;
  enb.send(initial_ue_message(enb, 81, service_request(ue, wrong_ksi), s1ap::STmsi{a.guti.mme_code, a.guti.m_tmsi}));
  const auto auth = expect_downlink_nas<nas::AuthenticationRequest>(enb, ue);
  if (!auth) return std::nullopt;
  uplink_nas(enb, a.mme_ue_s1ap_id, 81, ue.answer_authentication(*auth));
  return expect_downlink_nas<nas::SecurityModeCommand>(enb, ue);
}

TEST_F(ReferenceMmeVariant, r1_variant_sends_the_initial_context_setup_of_a_service_request_while_its_smc_is_outstanding) {
  start({"--violate", "R1"});
  auto a = attach_settled();
  ASSERT_TRUE(a);
  const auto smc = service_request_until_smc(*mme, *enb_a, ue, *a);
  ASSERT_TRUE(smc);
  const auto m = sent_within_window();
  ASSERT_TRUE(m) << "the R1 variant sent nothing while the SMC was outstanding";
  const auto* ics = std::get_if<s1ap::InitialContextSetupRequest>(&*m);
  ASSERT_TRUE(ics) << "expected INITIAL CONTEXT SETUP REQUEST, got variant index " << m->index();
  const auto* ctx = ue.nas.find(smc->nas_ksi.ksi);
  ASSERT_TRUE(ctx);
  EXPECT_EQ(ics->security_key,
            to_s1ap(security::derive_kenb(ue.last_aka->second, ctx->next_count(security::Direction::uplink))));
}

TEST_F(ReferenceMmeVariant, conformant_mme_holds_the_initial_context_setup_of_a_service_request_until_smc_complete) {
  start({});
  auto a = attach_settled();
  ASSERT_TRUE(a);
  const auto smc = service_request_until_smc(*mme, *enb_a, ue, *a);
  ASSERT_TRUE(smc);
  const auto m = sent_within_window();
  EXPECT_FALSE(m) << "the conformant MME sent variant index " << m->index() << " while the SMC was outstanding";
  uplink_nas(*enb_a, a->mme_ue_s1ap_id, 81, ue.answer_security_mode_command(*smc));
  const auto ics = enb_a->expect<s1ap::InitialContextSetupRequest>();
  ASSERT_TRUE(ics);
  EXPECT_EQ(ics->security_key, to_s1ap(security::derive_kenb(ue.last_aka->second, ue.smc_complete_uplink_count)));
}

// --- R2: no NAS SMC while an INITIAL CONTEXT SETUP with a KeNB is outstanding ------------------

class ReferenceMmeVariantR2 : public ReferenceMmeVariant {
 protected:
  /// Attach with the ICS held back (ATTACH COMPLETE sent), then `reauth`; the reply.
  std::optional<std::string> reauth_during_initial_context_setup() {
    std::uint32_t attached = 0;
    if (!attach_until_initial_context_setup(*enb_a, ue, 11, attached)) return std::nullopt;
    mme_id = attached;
    uplink_nas(*enb_a, attached, 11, ue.protect_uplink(nas::AttachComplete{}));
    if (!mme->wait_for_status("registered=1")) ADD_FAILURE() << "MME did not report the UE registered";
    return mme->control(std::string("reauth ") + kImsi);
  }
  std::uint32_t mme_id = 0;
};

TEST_F(ReferenceMmeVariantR2, r2_variant_sends_the_smc_while_the_initial_context_setup_is_outstanding) {
  start({"--violate", "R2"});
  const auto reply = reauth_during_initial_context_setup();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->rfind("ok reauth", 0), 0u) << *reply;
  const auto auth = expect_downlink_nas<nas::AuthenticationRequest>(*enb_a, ue);
  ASSERT_TRUE(auth) << "the R2 variant did not start the re-authentication";
  uplink_nas(*enb_a, mme_id, 11, ue.answer_authentication(*auth));
  // The ICS RESPONSE has still not been sent: this SMC is what rule 2 forbids.
  const auto smc = expect_downlink_nas<nas::SecurityModeCommand>(*enb_a, ue);
  ASSERT_TRUE(smc);
  EXPECT_EQ(smc->nas_ksi.ksi, ue.last_aka->first);
}

TEST_F(ReferenceMmeVariantR2, conformant_mme_queues_the_reauthentication_while_the_initial_context_setup_is_outstanding) {
  start({});
  const auto reply = reauth_during_initial_context_setup();
  ASSERT_TRUE(reply);
  EXPECT_NE(reply->find("queued (rule R2)"), std::string::npos) << *reply;
  const auto m = sent_within_window();
  EXPECT_FALSE(m) << "the conformant MME sent variant index " << m->index() << " while the ICS was outstanding";
}

// --- R3: old-KASME {NCC, NH} in HANDOVER REQUEST until the UCM completed ------------------------

class ReferenceMmeVariantR3 : public ReferenceMmeVariant {
 protected:
  /// Attach, re-authenticate through SMC COMPLETE (UCM left unanswered), HANDOVER REQUIRED to B.
  std::optional<s1ap::HandoverRequest> handover_in_rule_3_window() {
    attached = attach_settled();
    if (!attached) return std::nullopt;
    const auto smc = reauthenticate_until_smc(*attached);
    if (!smc) return std::nullopt;
    uplink_nas(*enb_a, attached->mme_ue_s1ap_id, attached->enb_ue_s1ap_id, ue.answer_security_mode_command(*smc));
    if (!enb_a->expect<s1ap::UeContextModificationRequest>()) return std::nullopt;
    enb_a->send(handover_required(*attached, *enb_b));
    return enb_b->expect<s1ap::HandoverRequest>();
  }
  /// The UE keeps both chains (rule 4): the old one its AS uses, the new one of the last AKA.
  s1ap::Key256 old_chain_nh(unsigned step) const {
    return nh_at(attached->kasme, attached->kenb_uplink_count, step);
  }
  s1ap::Key256 new_chain_nh(unsigned step) const {
    return nh_at(ue.last_aka->second, ue.smc_complete_uplink_count, step);
  }
  /// As above, but the UE arrives at eNB B by X2: PATH SWITCH REQUEST in the rule-3 window.
  std::optional<s1ap::PathSwitchRequestAcknowledge> path_switch_in_rule_3_window() {
    attached = attach_settled();
    if (!attached) return std::nullopt;
    const auto smc = reauthenticate_until_smc(*attached);
    if (!smc) return std::nullopt;
    uplink_nas(*enb_a, attached->mme_ue_s1ap_id, attached->enb_ue_s1ap_id, ue.answer_security_mode_command(*smc));
    if (!enb_a->expect<s1ap::UeContextModificationRequest>()) return std::nullopt;
    enb_b->send(path_switch_request(*attached, *enb_b, 51));
    return enb_b->expect<s1ap::PathSwitchRequestAcknowledge>();
  }
  std::optional<AttachedUe> attached;
};

TEST_F(ReferenceMmeVariantR3, r3_variant_sends_the_new_kasme_chain_in_handover_request_before_the_ucm_completed) {
  start({"--violate", "R3"});
  const auto request = handover_in_rule_3_window();
  ASSERT_TRUE(request);
  // NCC reset to the new chain: its NH_2, derived from the new KASME — not the old chain's NH_2.
  EXPECT_EQ(request->security_context.next_hop_chaining_count, 2);
  EXPECT_EQ(request->security_context.next_hop, new_chain_nh(2));
  EXPECT_NE(request->security_context.next_hop, old_chain_nh(2));
}

TEST_F(ReferenceMmeVariantR3, conformant_mme_sends_the_old_kasme_chain_in_handover_request_before_the_ucm_completed) {
  start({});
  const auto request = handover_in_rule_3_window();
  ASSERT_TRUE(request);
  EXPECT_EQ(request->security_context.next_hop_chaining_count, 2);
  EXPECT_EQ(request->security_context.next_hop, old_chain_nh(2));
  EXPECT_NE(request->security_context.next_hop, new_chain_nh(2));
}

TEST_F(ReferenceMmeVariantR3, r3_variant_sends_the_new_kasme_chain_in_path_switch_acknowledge_before_the_ucm_completed) {
  start({"--violate", "R3"});
  const auto ack = path_switch_in_rule_3_window();
  ASSERT_TRUE(ack);
  EXPECT_EQ(ack->security_context.next_hop_chaining_count, 2);
  EXPECT_EQ(ack->security_context.next_hop, new_chain_nh(2));
  EXPECT_NE(ack->security_context.next_hop, old_chain_nh(2));
}

TEST_F(ReferenceMmeVariantR3, conformant_mme_sends_the_old_kasme_chain_in_path_switch_acknowledge_before_the_ucm_completed) {
  start({});
  const auto ack = path_switch_in_rule_3_window();
  ASSERT_TRUE(ack);
  EXPECT_EQ(ack->security_context.next_hop_chaining_count, 2);
  EXPECT_EQ(ack->security_context.next_hop, old_chain_nh(2));
}

// Once the eNB confirms the UCM, the R3 variant's early chain (stepped by the path switch in the
// window) becomes the only one: the next path switch continues it (NCC 3), not a fresh chain.
TEST_F(ReferenceMmeVariantR3, r3_variant_continues_its_early_chain_after_the_ucm_is_answered) {
  start({"--violate", "R3"});
  const auto ack = path_switch_in_rule_3_window();
  ASSERT_TRUE(ack);
  ASSERT_EQ(ack->security_context.next_hop, new_chain_nh(2));
  // The UE is at eNB B now; B answers the UCM the MME sent for it.
  s1ap::UeContextModificationResponse r;
  r.mme_ue_s1ap_id = attached->mme_ue_s1ap_id;
  r.enb_ue_s1ap_id = 51;
  enb_b->send(r);
  const auto closed = mme->wait_for_status("rule3_window=0");
  ASSERT_TRUE(closed && closed->find("rule3_window=0") != std::string::npos) << closed.value_or("");
  enb_a->send(path_switch_request(*attached, *enb_a, 52));
  const auto next = enb_a->expect<s1ap::PathSwitchRequestAcknowledge>();
  ASSERT_TRUE(next);
  EXPECT_EQ(next->security_context.next_hop_chaining_count, 3);
  EXPECT_EQ(next->security_context.next_hop, new_chain_nh(3));
}

// The R3 variant breaks rule 3 and nothing else: the UCM it owes for the new KASME still goes,
// also when it had to wait for an S1 handover (the source eNB would refuse it, rule 5).
TEST_F(ReferenceMmeVariantR3, r3_variant_still_sends_the_ucm_queued_behind_a_handover_once_the_handover_completes) {
  start({"--violate", "R3"});
  attached = attach_settled();
  ASSERT_TRUE(attached);
  const auto smc = reauthenticate_until_smc(*attached);
  ASSERT_TRUE(smc);
  enb_a->send(handover_required(*attached, *enb_b));
  const auto request = enb_b->expect<s1ap::HandoverRequest>();
  ASSERT_TRUE(request);
  // SECURITY MODE COMPLETE while the handover is in preparation: the UCM waits for it to end.
  uplink_nas(*enb_a, attached->mme_ue_s1ap_id, attached->enb_ue_s1ap_id, ue.answer_security_mode_command(*smc));
  const auto early = sent_within_window();
  EXPECT_FALSE(early) << "sent variant index " << early->index() << " to the source eNB during the handover";

  s1ap::HandoverRequestAcknowledge ack;
  ack.mme_ue_s1ap_id = request->mme_ue_s1ap_id;
  ack.enb_ue_s1ap_id = 31;
  s1ap::ERabAdmitted admitted;
  admitted.e_rab_id = 5;
  admitted.transport_layer_address = {127, 0, 0, 20};
  admitted.gtp_teid = 0x7100;
  ack.e_rabs_admitted.push_back(admitted);
  ack.target_to_source_container = {0x0A, 0x0B};
  enb_b->send(ack);
  ASSERT_TRUE(enb_a->expect<s1ap::HandoverCommand>());
  s1ap::HandoverNotify notify;
  notify.mme_ue_s1ap_id = attached->mme_ue_s1ap_id;
  notify.enb_ue_s1ap_id = 31;
  notify.eutran_cgi = enb_b->ecgi;
  notify.tai = enb_b->tai;
  enb_b->send(notify);
  ASSERT_TRUE(enb_a->expect<s1ap::UeContextReleaseCommand>());
  const auto ucm = enb_b->expect<s1ap::UeContextModificationRequest>();
  ASSERT_TRUE(ucm) << "the UCM queued behind the handover never went";
  EXPECT_EQ(ucm->enb_ue_s1ap_id, 31u);
  ASSERT_TRUE(ucm->security_key);
  // The KeNB the R3 variant's own chain restarted from: new KASME, SECURITY MODE COMPLETE's COUNT.
  EXPECT_EQ(*ucm->security_key, nh_at(ue.last_aka->second, ue.smc_complete_uplink_count, 0));
}

}  // namespace
}  // namespace concur::reference::testing
