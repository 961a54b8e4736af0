// The reference MME's security procedures, checked by an emulated UE that computes every key
// itself (TS 33.401 Annex A): attach, S1 handover and X2 path switch {NCC, NH} (7.2.8.4),
// re-authentication in ECM-CONNECTED with UE CONTEXT MODIFICATION (7.2.9.2) and rules 2 and 3
// of 7.2.10. Real sockets, the MME in its own process.
#include <gtest/gtest.h>

#include "emulators.h"
#include "mme_process.h"
#include "security/kdf.h"

namespace concur::reference::testing {
namespace {

using namespace std::chrono_literals;

/// NH_step of the chain grown from the KeNB of `kasme` and `uplink_count` (TS 33.401 A.4).
s1ap::Key256 nh_at(const security::Key256& kasme, std::uint32_t uplink_count, unsigned step) {
  security::Key256 sync = security::derive_kenb(kasme, uplink_count);
  for (unsigned s = 0; s < step; ++s) sync = security::derive_nh(kasme, sync);
  return to_s1ap(sync);
}

class ReferenceMmeSecurity : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(mme.started()) << mme.transcript();
    enb_a = std::make_unique<TestEnb>(mme, 1, 1);
    enb_b = std::make_unique<TestEnb>(mme, 2, 2);
    ASSERT_TRUE(enb_a->setup());
    ASSERT_TRUE(enb_b->setup());
  }
  void TearDown() override {
    if (HasFailure()) std::cerr << "MME transcript:\n" << mme.transcript();
  }

  void uplink(TestEnb& enb, std::uint32_t mme_id, std::uint32_t enb_id, const Bytes& nas_pdu) {
    s1ap::UplinkNasTransport ul;
    ul.mme_ue_s1ap_id = mme_id;
    ul.enb_ue_s1ap_id = enb_id;
    ul.nas_pdu = nas_pdu;
    ul.eutran_cgi = enb.ecgi;
    ul.tai = enb.tai;
    enb.send(ul);
  }

  template <class T>
  std::optional<T> downlink_nas(TestEnb& enb) {
    auto dl = enb.expect<s1ap::DownlinkNasTransport>();
    if (!dl) return std::nullopt;
    auto m = ue.read_downlink(view_of(dl->nas_pdu));
    if (!m || !std::holds_alternative<T>(*m)) {
      ADD_FAILURE() << "UE expected " << typeid(T).name();
      return std::nullopt;
    }
    return std::get<T>(*m);
  }

  /// reauth over the control socket, AKA and SMC answered by the UE; returns the UCM request.
  std::optional<s1ap::UeContextModificationRequest> reauthenticate(TestEnb& enb, const AttachedUe& a) {
    mme.wait_for_status("registered=1 connected=1");  // ATTACH COMPLETE and ICS RESPONSE processed
    const auto reply = mme.control(std::string("reauth ") + kImsi);
    if (!reply || reply->rfind("ok reauth", 0) != 0) {
      ADD_FAILURE() << "reauth refused: " << reply.value_or("(no reply)");
      return std::nullopt;
    }
    auto auth = downlink_nas<nas::AuthenticationRequest>(enb);
    if (!auth) return std::nullopt;
    uplink(enb, a.mme_ue_s1ap_id, a.enb_ue_s1ap_id, ue.answer_authentication(*auth));
    auto smc = downlink_nas<nas::SecurityModeCommand>(enb);
    if (!smc) return std::nullopt;
    EXPECT_NE(smc->nas_ksi.ksi, a.eksi) << "the new context needs a new eKSI";
    uplink(enb, a.mme_ue_s1ap_id, a.enb_ue_s1ap_id, ue.answer_security_mode_command(*smc));
    return enb.expect<s1ap::UeContextModificationRequest>();
  }

  s1ap::HandoverRequired handover_required(const AttachedUe& a, const TestEnb& target) {
    s1ap::HandoverRequired r;
    r.mme_ue_s1ap_id = a.mme_ue_s1ap_id;
    r.enb_ue_s1ap_id = a.enb_ue_s1ap_id;
    r.handover_type = s1ap::HandoverType::intralte;
    r.cause = {s1ap::CauseGroup::radio_network, 16};  // handover-desirable-for-radio-reason
    r.target_id = s1ap::TargetEnb{target.id, target.tai};
    r.source_to_target_container = {0x01, 0x02, 0x03};
    return r;
  }

  /// Attach on eNB A, then wait until the MME processed the ICS RESPONSE and ATTACH COMPLETE:
  /// what eNB B sends next travels on another association and may otherwise overtake them.
  std::optional<AttachedUe> attach_settled() {
    auto a = attach(*enb_a, ue, 11);
    if (a && !mme.wait_for_status("registered=1 connected=1")) ADD_FAILURE() << "MME did not report the UE registered";
    return a;
  }

  MmeProcess mme;
  std::unique_ptr<TestEnb> enb_a;
  std::unique_ptr<TestEnb> enb_b;
  TestUe ue;
};

TEST_F(ReferenceMmeSecurity, attach_delivers_a_kenb_the_ue_recomputes_from_its_own_aka_and_smc_complete_count) {
  const auto a = attach_settled();
  ASSERT_TRUE(a);
  // TS 33.401 A.3: KeNB = KDF(KASME, uplink NAS COUNT of the SECURITY MODE COMPLETE).
  EXPECT_EQ(a->kenb, to_s1ap(security::derive_kenb(a->kasme, a->kenb_uplink_count)));
  const auto status = mme.wait_for_status("registered=1 connected=1");
  ASSERT_TRUE(status);
  EXPECT_NE(status->find("registered=1 connected=1"), std::string::npos) << *status;
}

TEST_F(ReferenceMmeSecurity, path_switches_carry_ncc_2_then_3_with_the_nh_the_ue_computes) {
  const auto a = attach_settled();
  ASSERT_TRUE(a);
  std::uint32_t enb_id = 21;
  for (std::uint8_t expected_ncc : {2, 3}) {
    TestEnb& target = expected_ncc == 2 ? *enb_b : *enb_a;
    s1ap::PathSwitchRequest p;
    p.enb_ue_s1ap_id = enb_id;
    p.e_rabs_to_switch_dl.push_back({5, {127, 0, 0, 20}, 0x7000});
    p.source_mme_ue_s1ap_id = a->mme_ue_s1ap_id;
    p.eutran_cgi = target.ecgi;
    p.tai = target.tai;
    p.ue_security_capabilities = {0xC000, 0xC000};
    target.send(p);
    const auto ack = target.expect<s1ap::PathSwitchRequestAcknowledge>();
    ASSERT_TRUE(ack);
    EXPECT_EQ(ack->enb_ue_s1ap_id, enb_id);
    // TS 33.401 7.2.8.4.2: NCC + 1 and the next NH of the chain (NH_1 at NCC 1 stays in the MME).
    EXPECT_EQ(ack->security_context.next_hop_chaining_count, expected_ncc);
    EXPECT_EQ(ack->security_context.next_hop, nh_at(a->kasme, a->kenb_uplink_count, expected_ncc));
    ++enb_id;
  }
}

TEST_F(ReferenceMmeSecurity, s1_handover_request_carries_ncc_2_and_the_handover_completes_with_notify) {
  const auto a = attach_settled();
  ASSERT_TRUE(a);
  enb_a->send(handover_required(*a, *enb_b));
  const auto request = enb_b->expect<s1ap::HandoverRequest>();
  ASSERT_TRUE(request);
  EXPECT_EQ(request->security_context.next_hop_chaining_count, 2);
  EXPECT_EQ(request->security_context.next_hop, nh_at(a->kasme, a->kenb_uplink_count, 2));
  EXPECT_EQ(request->source_to_target_container, (Bytes{0x01, 0x02, 0x03}));

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
  const auto command = enb_a->expect<s1ap::HandoverCommand>();
  ASSERT_TRUE(command);
  EXPECT_EQ(command->enb_ue_s1ap_id, a->enb_ue_s1ap_id);
  EXPECT_EQ(command->target_to_source_container, (Bytes{0x0A, 0x0B}));

  s1ap::EnbStatusTransfer status;
  status.mme_ue_s1ap_id = a->mme_ue_s1ap_id;
  status.enb_ue_s1ap_id = a->enb_ue_s1ap_id;
  status.bearers.push_back({5, 100, 1, 200, 2, std::nullopt});
  enb_a->send(status);
  const auto relayed = enb_b->expect<s1ap::MmeStatusTransfer>();
  ASSERT_TRUE(relayed);
  EXPECT_EQ(relayed->enb_ue_s1ap_id, 31u);
  EXPECT_EQ(relayed->bearers, status.bearers);

  s1ap::HandoverNotify notify;
  notify.mme_ue_s1ap_id = a->mme_ue_s1ap_id;
  notify.enb_ue_s1ap_id = 31;
  notify.eutran_cgi = enb_b->ecgi;
  notify.tai = enb_b->tai;
  enb_b->send(notify);
  const auto release = enb_a->expect<s1ap::UeContextReleaseCommand>();
  ASSERT_TRUE(release);
  EXPECT_EQ(release->enb_ue_s1ap_id, a->enb_ue_s1ap_id);

  // The UE now lives on eNB B: a path switch back to A gets NCC 3 of the same chain.
  s1ap::PathSwitchRequest p;
  p.enb_ue_s1ap_id = 41;
  p.e_rabs_to_switch_dl.push_back({5, {127, 0, 0, 20}, 0x7000});
  p.source_mme_ue_s1ap_id = a->mme_ue_s1ap_id;
  p.eutran_cgi = enb_a->ecgi;
  p.tai = enb_a->tai;
  p.ue_security_capabilities = {0xC000, 0xC000};
  enb_a->send(p);
  const auto psa = enb_a->expect<s1ap::PathSwitchRequestAcknowledge>();
  ASSERT_TRUE(psa);
  EXPECT_EQ(psa->security_context.next_hop_chaining_count, 3);
  EXPECT_EQ(psa->security_context.next_hop, nh_at(a->kasme, a->kenb_uplink_count, 3));
}

TEST_F(ReferenceMmeSecurity, reauthentication_ends_in_a_ucm_whose_kenb_derives_from_the_new_kasme) {
  const auto a = attach_settled();
  ASSERT_TRUE(a);
  const auto ucm = reauthenticate(*enb_a, *a);
  ASSERT_TRUE(ucm);
  ASSERT_TRUE(ucm->security_key);
  ASSERT_TRUE(ue.last_aka);
  EXPECT_NE(ue.last_aka->first, a->eksi);
  // TS 33.401 7.2.9.2 / A.3: KeNB of the NEW KASME with the SMC COMPLETE's uplink NAS COUNT.
  EXPECT_EQ(*ucm->security_key, to_s1ap(security::derive_kenb(ue.last_aka->second, ue.smc_complete_uplink_count)));
  EXPECT_NE(*ucm->security_key, a->kenb);

  s1ap::UeContextModificationResponse r;
  r.mme_ue_s1ap_id = a->mme_ue_s1ap_id;
  r.enb_ue_s1ap_id = a->enb_ue_s1ap_id;
  enb_a->send(r);
  // The path switch comes from another association: wait until the MME took the UCM response.
  const auto closed = mme.wait_for_status("rule3_window=0");
  ASSERT_TRUE(closed && closed->find("rule3_window=0") != std::string::npos) << closed.value_or("");
  // After the UCM the new KASME's chain is the AS chain: the next path switch gets its NCC 2.
  s1ap::PathSwitchRequest p;
  p.enb_ue_s1ap_id = 51;
  p.e_rabs_to_switch_dl.push_back({5, {127, 0, 0, 20}, 0x7000});
  p.source_mme_ue_s1ap_id = a->mme_ue_s1ap_id;
  p.eutran_cgi = enb_b->ecgi;
  p.tai = enb_b->tai;
  p.ue_security_capabilities = {0xC000, 0xC000};
  enb_b->send(p);
  const auto ack = enb_b->expect<s1ap::PathSwitchRequestAcknowledge>();
  ASSERT_TRUE(ack);
  EXPECT_EQ(ack->security_context.next_hop_chaining_count, 2);
  EXPECT_EQ(ack->security_context.next_hop, nh_at(ue.last_aka->second, ue.smc_complete_uplink_count, 2));
}

TEST_F(ReferenceMmeSecurity, rule_3_handover_between_smc_complete_and_ucm_response_carries_the_old_chain_ncc_nh) {
  const auto a = attach_settled();
  ASSERT_TRUE(a);
  const auto ucm = reauthenticate(*enb_a, *a);  // UCM not answered: the rule-3 window is open
  ASSERT_TRUE(ucm);
  enb_a->send(handover_required(*a, *enb_b));
  const auto request = enb_b->expect<s1ap::HandoverRequest>();
  ASSERT_TRUE(request);
  // TS 33.401 7.2.10 rule 3: {NCC, NH} from the OLD KASME's chain, the next step of it.
  EXPECT_EQ(request->security_context.next_hop_chaining_count, 2);
  EXPECT_EQ(request->security_context.next_hop, nh_at(a->kasme, a->kenb_uplink_count, 2));
  EXPECT_NE(request->security_context.next_hop, nh_at(ue.last_aka->second, ue.smc_complete_uplink_count, 2));
  // The UE's rule-4 view agrees: its AS chain is still the old KASME's.
  security::UeKeyState ue_keys;
  ue_keys.initial_as_security(a->eksi, a->kasme, a->kenb_uplink_count);
  ue_keys.new_kasme_in_nas(ue.last_aka->first, ue.last_aka->second);
  EXPECT_EQ(ue_keys.as_eksi(), a->eksi);
}

TEST_F(ReferenceMmeSecurity, rule_2_reauthentication_waits_for_the_initial_context_setup_response) {
  // Attach up to the INITIAL CONTEXT SETUP REQUEST, which the eNB holds back.
  s1ap::InitialUeMessage initial;
  initial.enb_ue_s1ap_id = 11;
  initial.nas_pdu = ue.attach_request();
  initial.tai = enb_a->tai;
  initial.eutran_cgi = enb_a->ecgi;
  enb_a->send(initial);
  auto dl = enb_a->expect<s1ap::DownlinkNasTransport>();
  ASSERT_TRUE(dl);
  const std::uint32_t mme_id = dl->mme_ue_s1ap_id;
  auto auth = ue.read_downlink(view_of(dl->nas_pdu));
  ASSERT_TRUE(auth && std::holds_alternative<nas::AuthenticationRequest>(*auth));
  uplink(*enb_a, mme_id, 11, ue.answer_authentication(std::get<nas::AuthenticationRequest>(*auth)));
  auto smc = downlink_nas<nas::SecurityModeCommand>(*enb_a);
  ASSERT_TRUE(smc);
  uplink(*enb_a, mme_id, 11, ue.answer_security_mode_command(*smc));
  ASSERT_TRUE(enb_a->expect<s1ap::InitialContextSetupRequest>());
  uplink(*enb_a, mme_id, 11, ue.protect_uplink(nas::AttachComplete{}));  // registered, ICS still open
  ASSERT_TRUE(mme.wait_for_status("registered=1"));

  const auto reply = mme.control(std::string("reauth ") + kImsi);
  ASSERT_TRUE(reply);
  EXPECT_NE(reply->find("queued (rule R2)"), std::string::npos) << *reply;
  std::string why;
  EXPECT_FALSE(enb_a->receive(300ms, &why)) << "the MME started AKA/SMC while the ICS was open";

  s1ap::InitialContextSetupResponse response;
  response.mme_ue_s1ap_id = mme_id;
  response.enb_ue_s1ap_id = 11;
  response.e_rabs_setup.push_back({5, {127, 0, 0, 10}, 0x5000});
  enb_a->send(response);
  EXPECT_TRUE(downlink_nas<nas::AuthenticationRequest>(*enb_a)) << "queued re-authentication did not resume";
}

}  // namespace
}  // namespace concur::reference::testing
