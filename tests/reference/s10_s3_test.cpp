// The reference MME on S10 and S3 (TS 29.274 over real UDP on loopback) and rules 6-9 of TS 33.401
// 7.2.10, with each faulty variant (--violate R6..R9) shown to send the offending message that
// the conformant MME holds back. The test plays eNB + UE on S1 (emulators.h) and the peer MME or
// SGSN on GTPv2-C (gtp_peer.h); every key is recomputed here from the UE's own AKA.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "emulators.h"
#include "gtp_peer.h"
#include "mme_process.h"
#include "security/kdf.h"
#include "support/subprocess.h"
#include "support/tshark_judge.h"

namespace concur::reference::testing {
namespace {

using namespace std::chrono_literals;

constexpr std::uint16_t kPeerTac = 3;  ///< served by the peer MME, not by the MME under test
constexpr auto kQuiet = 600ms;         ///< how long "nothing is sent" is watched for

/// SourceeNB-ToTargeteNB-TransparentContainer (TS 36.413 9.2.1.56), aligned PER, hand-encoded so
/// tshark dissects it: RRC container = HandoverPreparationInformation with criticalExtensionsFuture
/// (80), target cell 001/01 cell 0x0004D01, UE history of one E-UTRAN cell (medium, 10 s).
const Bytes kSourceToTarget = from_hex("00 01 80 00 00f110 0004d0 10 00 00f110 0004d0 11 00 000a");
/// TargeteNB-ToSourceeNB-TransparentContainer (9.2.1.57): RRC HandoverCommand, criticalExtensionsFuture.
const Bytes kTargetToSource = from_hex("00 01 80");

gtpv2::Key256 gtp_key(const security::Key256& k) {
  gtpv2::Key256 out{};
  std::copy(k.data(), k.data() + out.size(), out.begin());
  return out;
}

/// NH at `step` of the chain grown from the KeNB of `kasme` and `uplink_count` (TS 33.401 A.4).
security::Key256 nh_at(const security::Key256& kasme, std::uint32_t uplink_count, unsigned step) {
  security::Key256 sync = security::derive_kenb(kasme, uplink_count);
  for (unsigned s = 0; s < step; ++s) sync = security::derive_nh(kasme, sync);
  return sync;
}

class ReferenceMmeRelocation : public ::testing::Test {
 protected:
  void start(std::vector<std::string> arguments = {}) {
    MmeOptions o;
    o.extra_xml = gtpc_config(peer_mme, kPeerTac, sgsn);
    o.arguments = std::move(arguments);
    if (timers) o.timers = *timers;
    mme = std::make_unique<MmeProcess>(o);
    ASSERT_TRUE(mme->started()) << mme->transcript();
    const auto g = gtpc_address(*mme);
    ASSERT_TRUE(g) << "no 'gtpc listening' line:\n" << mme->transcript();
    mme_gtpc = *g;
    enb = std::make_unique<TestEnb>(*mme, 1, 1);
    ASSERT_TRUE(enb->setup());
  }
  void TearDown() override {
    if (HasFailure() && mme) std::cerr << "MME transcript:\n" << mme->transcript();
  }

  void uplink(const Bytes& nas_pdu) {
    s1ap::UplinkNasTransport ul;
    ul.mme_ue_s1ap_id = attached.mme_ue_s1ap_id;
    ul.enb_ue_s1ap_id = attached.enb_ue_s1ap_id;
    ul.nas_pdu = nas_pdu;
    ul.eutran_cgi = enb->ecgi;
    ul.tai = enb->tai;
    enb->send(ul);
  }

  template <class T>
  std::optional<T> downlink_nas() {
    auto dl = enb->expect<s1ap::DownlinkNasTransport>();
    if (!dl) return std::nullopt;
    auto m = ue.read_downlink(view_of(dl->nas_pdu));
    if (!m || !std::holds_alternative<T>(*m)) {
      ADD_FAILURE() << "UE expected " << typeid(T).name();
      return std::nullopt;
    }
    return std::get<T>(*m);
  }

  void attach_settled() {
    auto a = attach(*enb, ue, 11);
    ASSERT_TRUE(a);
    attached = *a;
    ASSERT_TRUE(mme->wait_for_status("registered=1 connected=1"));
  }

  /// Re-authentication up to the SECURITY MODE COMMAND, which the UE holds back (SMC ongoing).
  std::optional<nas::SecurityModeCommand> reauth_until_smc() {
    const auto reply = mme->control(std::string("reauth ") + kImsi);
    if (!reply || reply->rfind("ok reauth", 0) != 0) {
      ADD_FAILURE() << "reauth refused: " << reply.value_or("(no reply)");
      return std::nullopt;
    }
    auto auth = downlink_nas<nas::AuthenticationRequest>();
    if (!auth) return std::nullopt;
    uplink(ue.answer_authentication(*auth));
    return downlink_nas<nas::SecurityModeCommand>();
  }

  s1ap::HandoverRequired to_peer_mme() const {
    s1ap::HandoverRequired r;
    r.mme_ue_s1ap_id = attached.mme_ue_s1ap_id;
    r.enb_ue_s1ap_id = attached.enb_ue_s1ap_id;
    r.handover_type = s1ap::HandoverType::intralte;
    r.cause = {s1ap::CauseGroup::radio_network, 16};
    r.target_id = s1ap::TargetEnb{{kPlmn, s1ap::EnbIdKind::macro, 77}, {kPlmn, kPeerTac}};
    r.source_to_target_container = kSourceToTarget;
    return r;
  }

  s1ap::HandoverRequired to_utran() const {
    s1ap::HandoverRequired r = to_peer_mme();
    r.handover_type = s1ap::HandoverType::ltetoutran;
    s1ap::TargetRnc rnc;
    rnc.lai = {kPlmn, 100};
    rnc.rac = 1;
    rnc.rnc_id = 5;
    r.target_id = rnc;
    return r;
  }

  /// The FORWARD RELOCATION REQUEST the peer got, parsed; failures are test failures.
  std::optional<std::pair<GtpReceived, gtpv2::ForwardRelocationRequest>> expect_relocation(TestGtpPeer& peer) {
    auto r = peer.receive_request(kWait);
    if (!r) {
      ADD_FAILURE() << "no FORWARD RELOCATION REQUEST arrived";
      return std::nullopt;
    }
    auto v = gtpv2::parse_forward_relocation_request(r->message);
    if (!v) {
      ADD_FAILURE() << "not a valid FORWARD RELOCATION REQUEST: " << v.error().to_string();
      return std::nullopt;
    }
    return std::make_pair(std::move(*r), std::move(*v));
  }

  /// The peer accepts: FORWARD RELOCATION RESPONSE with its F-TEID and a container.
  void accept(TestGtpPeer& peer, const GtpReceived& request, const gtpv2::ForwardRelocationRequest& v,
              gtpv2::FContainer container, std::uint32_t own_teid = 0xABC) {
    gtpv2::ForwardRelocationResponse r;
    r.cause.value = 16;
    r.sender_control_fteid = gtpv2::FTeid{gtpv2::interface_type::s10_mme, own_teid, gtpv2::Ipv4{127, 0, 0, 1}, std::nullopt};
    if (container.container_type == 3) r.eutran_container = container;
    else if (container.container_type == 1) r.utran_container = container;
    else r.bss_container = container;
    peer.reply(request.from, gtpv2::build(r, v.sender_control_fteid.teid, request.message.header.sequence));
  }

  /// Rule 8 window: HANDOVER REQUIRED during the SMC, SECURITY MODE COMPLETE, the FORWARD
  /// RELOCATION REQUEST goes and the UCM is held for it, past the UCM queue's own guard.
  std::optional<std::pair<GtpReceived, gtpv2::ForwardRelocationRequest>> relocation_holding_the_ucm_past_its_guard() {
    const auto smc = reauth_until_smc();
    if (!smc) return std::nullopt;
    enb->send(to_peer_mme());
    uplink(ue.answer_security_mode_command(*smc));
    auto got = expect_relocation(peer_mme);
    if (!got) return std::nullopt;
    const std::string ue_line = "mme ue " + std::to_string(attached.mme_ue_s1ap_id) + ": ";
    if (!mme->child().wait_for_line(ue_line + "queued UE CONTEXT MODIFICATION", 4s)) {
      ADD_FAILURE() << "the UCM queue's guard did not run out during the relocation";
      return std::nullopt;
    }
    return got;
  }
  /// The UCM that takes the new KASME into use: KeNB = KDF(new KASME, SMC COMPLETE's COUNT).
  void expect_ucm_with_the_new_kasme(std::chrono::milliseconds timeout = kWait) {
    const auto ucm = enb->expect<s1ap::UeContextModificationRequest>(timeout);
    ASSERT_TRUE(ucm) << "the UCM held for the relocation was not sent after it ended";
    ASSERT_TRUE(ucm->security_key);
    const security::Key256 kenb = security::derive_kenb(ue.last_aka->second, ue.smc_complete_uplink_count);
    EXPECT_TRUE(std::equal(kenb.data(), kenb.data() + 32, ucm->security_key->begin()));
  }

  /// Rule 6 then rule 8: HANDOVER REQUIRED during the SMC holds the relocation; after SECURITY
  /// MODE COMPLETE the MM Context carries the new NAS context and the old KASME with the {NH, NCC}
  /// of its chain (OSCI = 1), and no UCM goes to the source eNB meanwhile.
  void expect_relocation_in_rule_8_window_with_old_and_new_context() {
    const auto smc = reauth_until_smc();
    ASSERT_TRUE(smc);
    enb->send(to_peer_mme());
    EXPECT_FALSE(peer_mme.receive_request(kQuiet)) << "rule 6: FORWARD RELOCATION REQUEST while the SMC is ongoing";

    uplink(ue.answer_security_mode_command(*smc));
    auto got = expect_relocation(peer_mme);
    ASSERT_TRUE(got);
    const auto* mm = std::get_if<gtpv2::EpsSecurityContext>(&got->second.mm_context);
    ASSERT_TRUE(mm);
    // Rule 8: the full new NAS context ...
    EXPECT_EQ(mm->ksi_asme, ue.last_aka->first);
    EXPECT_EQ(mm->kasme, gtp_key(ue.last_aka->second));
    EXPECT_NE(mm->ksi_asme, attached.eksi);
    // ... and the old KASME with its eKSI and the {NH, NCC} of its chain.
    ASSERT_TRUE(mm->old_context) << "OSCI = 0 in the rule-8 window";
    EXPECT_EQ(mm->old_context->ksi_asme, attached.eksi);
    EXPECT_EQ(mm->old_context->kasme, gtp_key(attached.kasme));
    ASSERT_TRUE(mm->old_context->nh) << "NHI_old = 0";
    EXPECT_EQ(mm->old_context->ncc, 2);
    EXPECT_EQ(*mm->old_context->nh, gtp_key(nh_at(attached.kasme, attached.kenb_uplink_count, 2)));
    std::string why;
    EXPECT_FALSE(enb->receive(300ms, &why)) << "a UCM went to the source eNB during the relocation";
  }

  std::optional<std::string> timers;  ///< <timers .../> instead of MmeProcess's default
  TestGtpPeer peer_mme;
  TestGtpPeer sgsn;
  std::unique_ptr<MmeProcess> mme;
  transport::SocketAddress mme_gtpc;
  std::unique_ptr<TestEnb> enb;
  TestUe ue;
  AttachedUe attached;
};

// --- source MME over S10 -------------------------------------------------------------------------

TEST_F(ReferenceMmeRelocation, source_mme_hands_the_eps_context_over_s10_and_releases_the_source_after_completion) {
  ASSERT_NO_FATAL_FAILURE(start());
  ASSERT_NO_FATAL_FAILURE(attach_settled());
  enb->send(to_peer_mme());
  auto got = expect_relocation(peer_mme);
  ASSERT_TRUE(got);
  auto& [request, v] = *got;
  ASSERT_TRUE(v.imsi);
  EXPECT_EQ(v.imsi->digits, kImsi);
  const auto* mm = std::get_if<gtpv2::EpsSecurityContext>(&v.mm_context);
  ASSERT_TRUE(mm) << "MM Context is not type 107";
  EXPECT_EQ(mm->ksi_asme, attached.eksi);
  EXPECT_EQ(mm->kasme, gtp_key(attached.kasme));
  ASSERT_TRUE(mm->next_hop) << "NHI = 0";
  // TS 33.401 7.2.8.4.3: the source steps the chain once: NCC 2 (NCC 1 stayed in the MME at attach).
  EXPECT_EQ(mm->next_hop->ncc, 2);
  EXPECT_EQ(mm->next_hop->nh, gtp_key(nh_at(attached.kasme, attached.kenb_uplink_count, 2)));
  EXPECT_FALSE(mm->old_context) << "OSCI = 1 outside the rule-8 window";
  ASSERT_TRUE(v.eutran_container);
  EXPECT_EQ(v.eutran_container->container, kSourceToTarget);
  ASSERT_TRUE(v.target && v.target->macro_enb);
  EXPECT_EQ(v.target->macro_enb->enb_id, 77u);
  EXPECT_EQ(v.target->macro_enb->tac, kPeerTac);

  accept(peer_mme, request, v, {3, kTargetToSource});
  const auto command = enb->expect<s1ap::HandoverCommand>();
  ASSERT_TRUE(command);
  EXPECT_EQ(command->enb_ue_s1ap_id, attached.enb_ue_s1ap_id);
  EXPECT_EQ(command->target_to_source_container, kTargetToSource);

  peer_mme.request(request.from, gtpv2::make_message(gtpv2::MessageType::forward_relocation_complete_notification,
                                                     v.sender_control_fteid.teid, peer_mme.next_sequence()));
  const auto ack = peer_mme.receive_reply(kWait);
  ASSERT_TRUE(ack);
  EXPECT_EQ(ack->message.type(), gtpv2::MessageType::forward_relocation_complete_acknowledge);
  EXPECT_EQ(ack->message.header.teid, 0xABCu);
  const auto* cause = gtpv2::find<gtpv2::Cause>(ack->message.ies);
  ASSERT_TRUE(cause);
  EXPECT_EQ(cause->value, 16);
  const auto release = enb->expect<s1ap::UeContextReleaseCommand>();
  ASSERT_TRUE(release);
  EXPECT_EQ(release->cause, (s1ap::Cause{s1ap::CauseGroup::radio_network, 2}));  // successful-handover
}

TEST_F(ReferenceMmeRelocation, rule_6_and_8_forward_relocation_waits_for_smc_complete_then_carries_old_and_new_kasme) {
  ASSERT_NO_FATAL_FAILURE(start());
  ASSERT_NO_FATAL_FAILURE(attach_settled());
  expect_relocation_in_rule_8_window_with_old_and_new_context();
}

TEST_F(ReferenceMmeRelocation, rule_7_forward_relocation_waits_for_the_ue_context_modification_response) {
  ASSERT_NO_FATAL_FAILURE(start());
  ASSERT_NO_FATAL_FAILURE(attach_settled());
  const auto smc = reauth_until_smc();
  ASSERT_TRUE(smc);
  uplink(ue.answer_security_mode_command(*smc));
  const auto ucm = enb->expect<s1ap::UeContextModificationRequest>();
  ASSERT_TRUE(ucm);
  enb->send(to_peer_mme());
  EXPECT_FALSE(peer_mme.receive_request(kQuiet)) << "rule 7: FORWARD RELOCATION REQUEST while the UCM is ongoing";

  s1ap::UeContextModificationResponse r;
  r.mme_ue_s1ap_id = attached.mme_ue_s1ap_id;
  r.enb_ue_s1ap_id = attached.enb_ue_s1ap_id;
  enb->send(r);
  auto got = expect_relocation(peer_mme);
  ASSERT_TRUE(got);
  const auto* mm = std::get_if<gtpv2::EpsSecurityContext>(&got->second.mm_context);
  ASSERT_TRUE(mm);
  // The UCM took the new KASME into use for AS: one context, its chain at NCC 2.
  EXPECT_EQ(mm->kasme, gtp_key(ue.last_aka->second));
  EXPECT_FALSE(mm->old_context);
  ASSERT_TRUE(mm->next_hop);
  EXPECT_EQ(mm->next_hop->ncc, 2);
  EXPECT_EQ(mm->next_hop->nh, gtp_key(nh_at(ue.last_aka->second, ue.smc_complete_uplink_count, 2)));
}

// --- source MME over S3 --------------------------------------------------------------------------

TEST_F(ReferenceMmeRelocation, s3_handover_to_utran_waits_for_the_smc_and_gives_the_sgsn_ck_ik_prime_never_kasme) {
  ASSERT_NO_FATAL_FAILURE(start());
  ASSERT_NO_FATAL_FAILURE(attach_settled());
  const auto smc = reauth_until_smc();
  ASSERT_TRUE(smc);
  enb->send(to_utran());
  EXPECT_FALSE(sgsn.receive_request(kQuiet)) << "rule 6 / CR: S3 FORWARD RELOCATION REQUEST while the SMC is ongoing";

  uplink(ue.answer_security_mode_command(*smc));
  auto got = expect_relocation(sgsn);
  ASSERT_TRUE(got);
  auto& [request, v] = *got;
  const auto* mm = std::get_if<gtpv2::UmtsKeyQuadrupletsQuintuplets>(&v.mm_context);
  ASSERT_TRUE(mm) << "MM Context is not type 108";
  EXPECT_EQ(mm->ksi_asme, ue.last_aka->first);
  ASSERT_TRUE(v.target && v.target->rnc);
  EXPECT_EQ(v.target->rnc->rnc_id, 5);
  ASSERT_TRUE(v.utran_container);

  accept(sgsn, request, v, {1, {0x0D}});
  const auto command = enb->expect<s1ap::HandoverCommand>();
  ASSERT_TRUE(command);
  EXPECT_EQ(command->handover_type, s1ap::HandoverType::ltetoutran);
  EXPECT_EQ(command->target_to_source_container, (Bytes{0x0D}));
  ASSERT_TRUE(command->nas_security_parameters_from_eutran);
  ASSERT_EQ(command->nas_security_parameters_from_eutran->size(), 1u);
  // TS 33.401 A.8: CK' || IK' = KDF(new KASME, downlink NAS COUNT) whose 4 LSBs the UE is told.
  const std::uint8_t lsb = (*command->nas_security_parameters_from_eutran)[0] & 0x0F;
  bool matched = false;
  for (std::uint32_t count = lsb; count < 64 && !matched; count += 16) {
    const auto keys = security::derive_ck_ik_handover(ue.last_aka->second, count);
    gtpv2::Key128 ck{}, ik{};
    std::copy(keys.ck.data(), keys.ck.data() + 16, ck.begin());
    std::copy(keys.ik.data(), keys.ik.data() + 16, ik.begin());
    matched = mm->ck_prime == ck && mm->ik_prime == ik;
  }
  EXPECT_TRUE(matched) << "CK'/IK' are not KDF(new KASME, FC 0x16, a DL COUNT ending in " << int(lsb) << ")";

  // The SGSN reports the UE arrived: acknowledged, and the source eNB released.
  sgsn.request(request.from, gtpv2::make_message(gtpv2::MessageType::forward_relocation_complete_notification,
                                                 v.sender_control_fteid.teid, sgsn.next_sequence()));
  const auto ack = sgsn.receive_reply(kWait);
  ASSERT_TRUE(ack);
  EXPECT_EQ(ack->message.type(), gtpv2::MessageType::forward_relocation_complete_acknowledge);
  EXPECT_TRUE(enb->expect<s1ap::UeContextReleaseCommand>());
}

TEST_F(ReferenceMmeRelocation, s3_handover_to_geran_sends_the_bss_container_to_the_sgsn_serving_the_target_cell) {
  ASSERT_NO_FATAL_FAILURE(start());
  ASSERT_NO_FATAL_FAILURE(attach_settled());
  s1ap::HandoverRequired r = to_peer_mme();
  r.handover_type = s1ap::HandoverType::ltetogeran;
  s1ap::TargetCgi cell;
  cell.plmn = kPlmn;
  cell.lac = 100;
  cell.ci = 0x1234;
  cell.rac = 1;
  r.target_id = cell;
  enb->send(r);
  auto got = expect_relocation(sgsn);
  ASSERT_TRUE(got);
  auto& [request, v] = *got;
  EXPECT_TRUE(std::holds_alternative<gtpv2::UmtsKeyQuadrupletsQuintuplets>(v.mm_context));
  ASSERT_TRUE(v.target && v.target->cell);
  EXPECT_EQ(v.target->cell->ci, 0x1234);
  ASSERT_TRUE(v.bss_container);
  EXPECT_EQ(v.bss_container->container, kSourceToTarget);
  accept(sgsn, request, v, {2, {0x0E}});
  const auto command = enb->expect<s1ap::HandoverCommand>();
  ASSERT_TRUE(command);
  EXPECT_EQ(command->handover_type, s1ap::HandoverType::ltetogeran);
  EXPECT_EQ(command->target_to_source_container, (Bytes{0x0E}));
}

TEST_F(ReferenceMmeRelocation, a_peer_that_never_answers_ends_in_handover_preparation_failure_after_n3_retransmissions) {
  ASSERT_NO_FATAL_FAILURE(start());
  ASSERT_NO_FATAL_FAILURE(attach_settled());
  enb->send(to_peer_mme());
  ASSERT_TRUE(expect_relocation(peer_mme));
  // T3 = 1 s, N3 = 2 (gtpc_config): three copies in all (the peer's endpoint drops the two
  // retransmissions as duplicates of a request it has not answered), then the eNB hears the failure.
  const auto sent = std::chrono::steady_clock::now();
  const auto failure = enb->expect<s1ap::HandoverPreparationFailure>(std::chrono::milliseconds(6000));
  ASSERT_TRUE(failure);
  EXPECT_EQ(failure->enb_ue_s1ap_id, attached.enb_ue_s1ap_id);
  EXPECT_GE(std::chrono::steady_clock::now() - sent, std::chrono::milliseconds(2500)) << "gave up before N3 x T3";
  const auto why = mme->child().wait_for_line("mme ue " + std::to_string(attached.mme_ue_s1ap_id) + ": relocation failed", 2s);
  ASSERT_TRUE(why) << mme->transcript();
  EXPECT_NE(why->find("no FORWARD RELOCATION RESPONSE"), std::string::npos) << *why;
}

TEST_F(ReferenceMmeRelocation, handover_cancel_after_the_response_withdraws_the_relocation_with_relocation_cancel_request) {
  ASSERT_NO_FATAL_FAILURE(start());
  ASSERT_NO_FATAL_FAILURE(attach_settled());
  enb->send(to_peer_mme());
  auto got = expect_relocation(peer_mme);
  ASSERT_TRUE(got);
  accept(peer_mme, got->first, got->second, {3, kTargetToSource});
  ASSERT_TRUE(enb->expect<s1ap::HandoverCommand>());
  s1ap::HandoverCancel cancel;
  cancel.mme_ue_s1ap_id = attached.mme_ue_s1ap_id;
  cancel.enb_ue_s1ap_id = attached.enb_ue_s1ap_id;
  cancel.cause = {s1ap::CauseGroup::radio_network, 4};
  enb->send(cancel);
  EXPECT_TRUE(enb->expect<s1ap::HandoverCancelAcknowledge>());
  const auto withdraw = peer_mme.receive_request(kWait);
  ASSERT_TRUE(withdraw);
  EXPECT_EQ(withdraw->message.type(), gtpv2::MessageType::relocation_cancel_request);
  EXPECT_EQ(withdraw->message.header.teid, 0xABCu);
  const auto* imsi = gtpv2::find<gtpv2::Imsi>(withdraw->message.ies);
  ASSERT_TRUE(imsi);
  EXPECT_EQ(imsi->digits, kImsi);
}

// A relocation that ends without the UE leaving (rejected, unanswered, cancelled) hands the UE back
// to this MME's AS chain: the UCM it held (rule 8 window) must go then, even after the UCM queue's
// own guard ran out while the relocation was still running.
constexpr const char* kShortRuleWait = R"(<timers t3460_ms="3000" s1ap_guard_ms="5000" rule_wait_ms="1000"/>)";

TEST_F(ReferenceMmeRelocation, a_rejected_relocation_sends_the_held_ucm_even_after_its_queue_guard_ran_out) {
  timers = kShortRuleWait;
  ASSERT_NO_FATAL_FAILURE(start());
  ASSERT_NO_FATAL_FAILURE(attach_settled());
  auto got = relocation_holding_the_ucm_past_its_guard();
  ASSERT_TRUE(got);
  gtpv2::ForwardRelocationResponse r;
  r.cause.value = 81;  // Relocation failure (TS 29.274 Table 8.4-1)
  peer_mme.reply(got->first.from, gtpv2::build(r, got->second.sender_control_fteid.teid, got->first.message.header.sequence));
  ASSERT_TRUE(enb->expect<s1ap::HandoverPreparationFailure>());
  expect_ucm_with_the_new_kasme();
}

TEST_F(ReferenceMmeRelocation, an_unanswered_relocation_sends_the_held_ucm_after_n3_retransmissions) {
  timers = kShortRuleWait;
  ASSERT_NO_FATAL_FAILURE(start());
  ASSERT_NO_FATAL_FAILURE(attach_settled());
  ASSERT_TRUE(relocation_holding_the_ucm_past_its_guard());
  ASSERT_TRUE(enb->expect<s1ap::HandoverPreparationFailure>(std::chrono::milliseconds(6000)));
  expect_ucm_with_the_new_kasme();
}

TEST_F(ReferenceMmeRelocation, a_cancelled_relocation_sends_the_held_ucm_after_the_cancel_acknowledge) {
  timers = kShortRuleWait;
  ASSERT_NO_FATAL_FAILURE(start());
  ASSERT_NO_FATAL_FAILURE(attach_settled());
  ASSERT_TRUE(relocation_holding_the_ucm_past_its_guard());
  s1ap::HandoverCancel cancel;
  cancel.mme_ue_s1ap_id = attached.mme_ue_s1ap_id;
  cancel.enb_ue_s1ap_id = attached.enb_ue_s1ap_id;
  cancel.cause = {s1ap::CauseGroup::radio_network, 4};
  enb->send(cancel);
  ASSERT_TRUE(enb->expect<s1ap::HandoverCancelAcknowledge>());
  const auto withdraw = peer_mme.receive_request(kWait);
  ASSERT_TRUE(withdraw);
  EXPECT_EQ(withdraw->message.type(), gtpv2::MessageType::relocation_cancel_request);
  expect_ucm_with_the_new_kasme();
}

// --- target MME over S10 (rule 9) ----------------------------------------------------------------

class ReferenceMmeTarget : public ReferenceMmeRelocation {
 protected:
  /// The test as source MME: a FORWARD RELOCATION REQUEST with the new NAS context and the old
  /// KASME's {NH, NCC} (rule 8), towards eNB 1 of the MME under test.
  gtpv2::GtpMessage relocation_with_old_and_new() {
    gtpv2::ForwardRelocationRequest v;
    v.imsi = gtpv2::Imsi{kImsi};
    v.sender_control_fteid = {gtpv2::interface_type::s10_mme, kSourceTeid, gtpv2::Ipv4{127, 0, 0, 1}, std::nullopt};
    gtpv2::PdnConnection pdn;
    pdn.apn = {"internet"};
    pdn.linked_ebi = 5;
    pdn.pgw_control_fteid = {gtpv2::interface_type::s5s8_pgw_gtpc, 0x900, gtpv2::Ipv4{127, 0, 0, 1}, std::nullopt};
    gtpv2::BearerContext b;
    b.ebi = 5;
    b.fteid_instance0 = gtpv2::FTeid{gtpv2::interface_type::s1u_sgw, 0x901, gtpv2::Ipv4{127, 0, 0, 1}, std::nullopt};
    b.qos = gtpv2::BearerQos{};
    pdn.bearers.push_back(b);
    pdn.apn_ambr = {50'000, 100'000};
    v.pdn_connections.push_back(pdn);
    gtpv2::EpsSecurityContext mm;
    mm.ksi_asme = 2;
    mm.nas_integrity_alg = 2;
    mm.nas_cipher_alg = 2;
    mm.nas_downlink_count = 5;
    mm.nas_uplink_count = kUplinkCount;
    mm.kasme = gtp_key(new_kasme);
    mm.common.ue_network_capability = {0xE0, 0xE0};
    mm.common.access_restriction = 0;
    gtpv2::OldEpsSecurityContext old;
    old.ksi_asme = 1;
    old.kasme = gtp_key(old_kasme);
    old.nh = gtp_key(old_nh);
    old.ncc = 3;
    mm.old_context = old;
    v.mm_context = mm;
    v.eutran_container = gtpv2::FContainer{3, kSourceToTarget};
    gtpv2::TargetIdentification t;
    t.target_type = 1;
    t.macro_enb = gtpv2::TargetMacroEnb{gtpv2::PlmnId::from_digits("001", "01"), 1, 1};
    v.target = t;
    v.s1ap_cause = gtpv2::FCause{0, {16}};
    return gtpv2::build(v, 0, peer_mme.next_sequence());
  }

  static constexpr std::uint32_t kSourceTeid = 0x5555;
  static constexpr std::uint32_t kUplinkCount = 4;
  const security::Key256 old_kasme = security::Key256::from_hex("11111111111111111111111111111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
  const security::Key256 new_kasme = security::Key256::from_hex("22222222222222222222222222222222bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
  const security::Key256 old_nh = security::Key256::from_hex("33333333333333333333333333333333cccccccccccccccccccccccccccccccc");
};

TEST_F(ReferenceMmeTarget, rule_9_target_keeps_the_old_kasme_nh_ncc_in_handover_request_then_ucm_brings_the_new_kasme) {
  ASSERT_NO_FATAL_FAILURE(start());
  peer_mme.request(mme_gtpc, relocation_with_old_and_new());
  const auto request = enb->expect<s1ap::HandoverRequest>();
  ASSERT_TRUE(request);
  EXPECT_EQ(request->security_context.next_hop_chaining_count, 3);
  EXPECT_EQ(request->security_context.next_hop, to_s1ap(old_nh)) << "rule 9: AS must stay on the old KASME's chain";
  EXPECT_EQ(request->source_to_target_container, kSourceToTarget);

  s1ap::HandoverRequestAcknowledge ack;
  ack.mme_ue_s1ap_id = request->mme_ue_s1ap_id;
  ack.enb_ue_s1ap_id = 61;
  ack.e_rabs_admitted.push_back({5, {127, 0, 0, 20}, 0x7100, std::nullopt, std::nullopt, std::nullopt, std::nullopt});
  ack.target_to_source_container = kTargetToSource;
  enb->send(ack);
  const auto response = peer_mme.receive_reply(kWait);
  ASSERT_TRUE(response);
  auto r = gtpv2::parse_forward_relocation_response(response->message);
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->cause.value, 16);
  EXPECT_EQ(response->message.header.teid, kSourceTeid);
  ASSERT_TRUE(r->sender_control_fteid);
  ASSERT_TRUE(r->eutran_container);
  EXPECT_EQ(r->eutran_container->container, kTargetToSource);

  s1ap::HandoverNotify notify;
  notify.mme_ue_s1ap_id = request->mme_ue_s1ap_id;
  notify.enb_ue_s1ap_id = 61;
  notify.eutran_cgi = enb->ecgi;
  notify.tai = enb->tai;
  enb->send(notify);
  const auto complete = peer_mme.receive_request(kWait);
  ASSERT_TRUE(complete);
  EXPECT_EQ(complete->message.type(), gtpv2::MessageType::forward_relocation_complete_notification);
  EXPECT_EQ(complete->message.header.teid, kSourceTeid);
  gtpv2::Cause accepted;
  peer_mme.reply(complete->from, gtpv2::make_message(gtpv2::MessageType::forward_relocation_complete_acknowledge,
                                                     r->sender_control_fteid->teid, complete->message.header.sequence,
                                                     {gtpv2::make_ie(accepted)}));
  // Rule 9 ends with a UCM whose KeNB derives from the NEW KASME (A.3, the uplink COUNT handed over).
  const auto ucm = enb->expect<s1ap::UeContextModificationRequest>();
  ASSERT_TRUE(ucm);
  ASSERT_TRUE(ucm->security_key);
  EXPECT_EQ(*ucm->security_key, to_s1ap(security::derive_kenb(new_kasme, kUplinkCount)));

  // Still before the UCM response, an X2 path switch: rule 9 keeps the old chain, one step on.
  s1ap::PathSwitchRequest p;
  p.enb_ue_s1ap_id = 62;
  p.e_rabs_to_switch_dl.push_back({5, {127, 0, 0, 20}, 0x7000});
  p.source_mme_ue_s1ap_id = request->mme_ue_s1ap_id;
  p.eutran_cgi = enb->ecgi;
  p.tai = enb->tai;
  p.ue_security_capabilities = {0xC000, 0xC000};
  enb->send(p);
  const auto psa = enb->expect<s1ap::PathSwitchRequestAcknowledge>();
  ASSERT_TRUE(psa);
  EXPECT_EQ(psa->security_context.next_hop_chaining_count, 4);
  EXPECT_EQ(psa->security_context.next_hop, to_s1ap(security::derive_nh(old_kasme, old_nh)));
}

TEST_F(ReferenceMmeTarget, relocation_cancel_from_the_source_releases_what_the_target_enb_prepared) {
  ASSERT_NO_FATAL_FAILURE(start());
  peer_mme.request(mme_gtpc, relocation_with_old_and_new());
  const auto request = enb->expect<s1ap::HandoverRequest>();
  ASSERT_TRUE(request);
  s1ap::HandoverRequestAcknowledge ack;
  ack.mme_ue_s1ap_id = request->mme_ue_s1ap_id;
  ack.enb_ue_s1ap_id = 71;
  ack.e_rabs_admitted.push_back({5, {127, 0, 0, 20}, 0x7100, std::nullopt, std::nullopt, std::nullopt, std::nullopt});
  ack.target_to_source_container = kTargetToSource;
  enb->send(ack);
  ASSERT_TRUE(peer_mme.receive_reply(kWait));
  peer_mme.request(mme_gtpc, gtpv2::make_message(gtpv2::MessageType::relocation_cancel_request, 0, peer_mme.next_sequence(),
                                                 {gtpv2::make_ie(gtpv2::Imsi{kImsi})}));
  const auto reply = peer_mme.receive_reply(kWait);
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->message.type(), gtpv2::MessageType::relocation_cancel_response);
  const auto* cause = gtpv2::find<gtpv2::Cause>(reply->message.ies);
  ASSERT_TRUE(cause);
  EXPECT_EQ(cause->value, 16);
  const auto release = enb->expect<s1ap::UeContextReleaseCommand>();
  ASSERT_TRUE(release);
  EXPECT_EQ(release->enb_ue_s1ap_id, 71u);
}

TEST_F(ReferenceMmeTarget, gtp_errors_get_their_cause_and_the_mme_keeps_serving) {
  ASSERT_NO_FATAL_FAILURE(start());
  // Unknown TEID: Context Not Found (64).
  peer_mme.request(mme_gtpc, gtpv2::make_message(gtpv2::MessageType::forward_relocation_complete_notification, 0x7777,
                                                 peer_mme.next_sequence()));
  auto reply = peer_mme.receive_reply(kWait);
  ASSERT_TRUE(reply);
  const auto* cause = gtpv2::find<gtpv2::Cause>(reply->message.ies);
  ASSERT_TRUE(cause);
  EXPECT_EQ(cause->value, 64);

  // No MM Context: Mandatory IE missing (70), naming IE type 107.
  gtpv2::GtpMessage without_mm = relocation_with_old_and_new();
  std::erase_if(without_mm.ies, [](const gtpv2::Ie& ie) { return ie.type == gtpv2::ie_type::mm_context_eps; });
  peer_mme.request(mme_gtpc, without_mm);
  reply = peer_mme.receive_reply(kWait);
  ASSERT_TRUE(reply);
  cause = gtpv2::find<gtpv2::Cause>(reply->message.ies);
  ASSERT_TRUE(cause);
  EXPECT_EQ(cause->value, 70);
  ASSERT_TRUE(cause->offending_ie);
  EXPECT_EQ(cause->offending_ie->type, gtpv2::ie_type::mm_context_eps);

  // An IE whose length runs past the message: Invalid Message Format (65).
  Bytes broken = gtpv2::encode(relocation_with_old_and_new());
  broken.resize(broken.size() - 7);
  const std::uint16_t length = static_cast<std::uint16_t>(broken.size() - 4);
  broken[2] = static_cast<std::uint8_t>(length >> 8);
  broken[3] = static_cast<std::uint8_t>(length);
  peer_mme.send_raw(mme_gtpc, broken);
  reply = peer_mme.receive_reply(kWait);
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->message.type(), gtpv2::MessageType::forward_relocation_response);
  cause = gtpv2::find<gtpv2::Cause>(reply->message.ies);
  ASSERT_TRUE(cause);
  EXPECT_EQ(cause->value, 65);

  // Still serving: a good request is relocated to the eNB.
  peer_mme.request(mme_gtpc, relocation_with_old_and_new());
  EXPECT_TRUE(enb->expect<s1ap::HandoverRequest>()) << "the MME stopped serving after bad GTPv2-C";
}

// --- faulty variants ---------------------------------------------------------------------------

TEST_F(ReferenceMmeRelocation, violate_r6_sends_forward_relocation_while_the_smc_is_outstanding) {
  ASSERT_NO_FATAL_FAILURE(start({"--violate", "R6"}));
  ASSERT_NO_FATAL_FAILURE(attach_settled());
  const auto smc = reauth_until_smc();
  ASSERT_TRUE(smc);
  enb->send(to_peer_mme());
  auto got = expect_relocation(peer_mme);
  ASSERT_TRUE(got) << "the R6 variant must not wait for SMC COMPLETE";
  const auto* mm = std::get_if<gtpv2::EpsSecurityContext>(&got->second.mm_context);
  ASSERT_TRUE(mm);
  EXPECT_EQ(mm->kasme, gtp_key(attached.kasme)) << "sent with the old context while the SMC for the new one runs";
}

TEST_F(ReferenceMmeRelocation, violate_r7_sends_forward_relocation_while_the_ucm_is_outstanding) {
  ASSERT_NO_FATAL_FAILURE(start({"--violate", "R7"}));
  ASSERT_NO_FATAL_FAILURE(attach_settled());
  const auto smc = reauth_until_smc();
  ASSERT_TRUE(smc);
  uplink(ue.answer_security_mode_command(*smc));
  ASSERT_TRUE(enb->expect<s1ap::UeContextModificationRequest>());
  enb->send(to_peer_mme());
  EXPECT_TRUE(expect_relocation(peer_mme)) << "the R7 variant must not wait for the UCM response";
}

TEST_F(ReferenceMmeRelocation, violate_r8_sends_only_the_new_context_in_the_window) {
  ASSERT_NO_FATAL_FAILURE(start({"--violate", "R8"}));
  ASSERT_NO_FATAL_FAILURE(attach_settled());
  const auto smc = reauth_until_smc();
  ASSERT_TRUE(smc);
  enb->send(to_peer_mme());
  EXPECT_FALSE(peer_mme.receive_request(kQuiet)) << "R8 variant must still follow rule 6";
  uplink(ue.answer_security_mode_command(*smc));
  auto got = expect_relocation(peer_mme);
  ASSERT_TRUE(got);
  const auto* mm = std::get_if<gtpv2::EpsSecurityContext>(&got->second.mm_context);
  ASSERT_TRUE(mm);
  EXPECT_EQ(mm->kasme, gtp_key(ue.last_aka->second));
  EXPECT_FALSE(mm->old_context) << "the R8 variant leaves out the old KASME (OSCI = 0)";
}

// The R3 variant restarts the chain its S1 handovers use at SECURITY MODE COMPLETE; its S10 MM
// Context still follows rule 8 (old KASME, old chain's {NH, NCC}): it breaks rule 3 only.
TEST_F(ReferenceMmeRelocation, violate_r3_still_hands_over_the_old_and_the_new_context_in_the_rule_8_window) {
  ASSERT_NO_FATAL_FAILURE(start({"--violate", "R3"}));
  ASSERT_NO_FATAL_FAILURE(attach_settled());
  expect_relocation_in_rule_8_window_with_old_and_new_context();
}

TEST_F(ReferenceMmeTarget, violate_r9_puts_the_new_kasme_chain_in_handover_request) {
  ASSERT_NO_FATAL_FAILURE(start({"--violate", "R9"}));
  peer_mme.request(mme_gtpc, relocation_with_old_and_new());
  const auto request = enb->expect<s1ap::HandoverRequest>();
  ASSERT_TRUE(request);
  EXPECT_NE(request->security_context.next_hop, to_s1ap(old_nh));
  EXPECT_EQ(request->security_context.next_hop, to_s1ap(nh_at(new_kasme, kUplinkCount, 2)))
      << "the R9 variant restarts AS on the new KASME (NCC 2 of its chain)";
  EXPECT_EQ(request->security_context.next_hop_chaining_count, 2);
}

// --- configuration ---------------------------------------------------------------------------

TEST(ReferenceMmeGtpcConfig, a_peer_mme_without_a_served_tai_is_refused_naming_file_line_and_field) {
  const auto r = start_with_config("gtpc.xml", std::string("<mme>\n  <s1 address=\"127.0.0.1\" port=\"0\" backend=\"userspace_udp\"/>\n" "  <plmn mcc=\"001\" mnc=\"01\"/>\n  <tai tac=\"1\"/>\n" "  <gtpc address=\"127.0.0.1\" port=\"0\">\n    <peer_mme address=\"127.0.0.2\"/>\n  </gtpc>\n</mme>\n"));
  const auto& status = r.status;
  ASSERT_TRUE(status.has_value()) << r.transcript;
  EXPECT_EQ(*status, 1);
  EXPECT_NE(r.transcript.find("gtpc.xml:6: peer_mme/tai:"), std::string::npos) << r.transcript;
}

TEST(ReferenceMmeGtpcConfig, violation_of_the_enb_rule_5_is_refused_while_6_to_9_start) {
  char tmpl[] = "/tmp/concur-reference-gtpc-XXXXXX";
  const std::string dir = ::mkdtemp(tmpl);
  const std::string path = dir + "/mme.xml";
  std::ofstream(path) << "<mme>\n  <s1 address=\"127.0.0.1\" port=\"0\" backend=\"userspace_udp\"/>\n"
                      << "  <plmn mcc=\"001\" mnc=\"01\"/>\n  <tai tac=\"1\"/>\n</mme>\n";
  {
    transport::testing::ChildProcess refused({CONCUR_REFERENCE_MME, "--config", path, "--violate", "R5"});
    const auto status = refused.wait_exit(10s);
    ASSERT_TRUE(status.has_value());
    EXPECT_EQ(*status, 2) << refused.transcript();
  }
  {
    transport::testing::ChildProcess started({CONCUR_REFERENCE_MME, "--config", path, "--violate", "R8", "--violate", "R9"});
    EXPECT_TRUE(started.wait_for_line("listening ", 10s)) << started.transcript();
    started.stop();
  }
  std::remove(path.c_str());
  ::rmdir(dir.c_str());
}

// --- the capture ---------------------------------------------------------------------------------

TEST_F(ReferenceMmeRelocation, the_mme_pcap_of_an_s10_handover_dissects_in_tshark_without_malformed_packets) {
  if (const auto why = test::tshark_unusable()) GTEST_SKIP() << *why;
  ASSERT_NO_FATAL_FAILURE(start());
  ASSERT_NO_FATAL_FAILURE(attach_settled());
  enb->send(to_peer_mme());
  auto got = expect_relocation(peer_mme);
  ASSERT_TRUE(got);
  accept(peer_mme, got->first, got->second, {3, kTargetToSource});
  ASSERT_TRUE(enb->expect<s1ap::HandoverCommand>());
  const auto status = mme->terminate();
  ASSERT_TRUE(status && *status == 0) << mme->transcript();
  const std::string pcap = mme->directory() + "/mme.pcap";
  // The test binds ephemeral ports (not 2123), so tshark is told the MME's port is GTPv2-C.
  const std::string decode_as = "udp.port==" + std::to_string(mme_gtpc.port) + ",gtp";  // the GTP dissector hands version 2 to gtpv2
  const auto malformed = test::run_process({"tshark", "-n", "-r", pcap, "-d", decode_as, "-Y", "_ws.malformed",
                                            "-T", "fields", "-e", "frame.number", "-e", "frame.protocols"},
                                           std::chrono::seconds(120));
  ASSERT_EQ(malformed.exit_code, 0) << malformed.err;
  EXPECT_EQ(malformed.out, "") << "malformed frames: " << malformed.out;
  const auto gtp = test::run_process({"tshark", "-n", "-r", pcap, "-d", decode_as, "-Y", "gtpv2", "-T", "fields", "-e",
                                      "gtpv2.message_type"},
                                     std::chrono::seconds(120));
  ASSERT_EQ(gtp.exit_code, 0) << gtp.err;
  EXPECT_NE(gtp.out.find("133"), std::string::npos) << "no Forward Relocation Request dissected: " << gtp.out;
  EXPECT_NE(gtp.out.find("134"), std::string::npos) << "no Forward Relocation Response dissected: " << gtp.out;
}

}  // namespace
}  // namespace concur::reference::testing
