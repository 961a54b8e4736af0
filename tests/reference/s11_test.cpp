// The reference MME as S11 client (TS 29.274 over real UDP on loopback): against the emulated
// SGW-C of runner/roles/sgw for the sessions themselves (attach creates one, the ICS RESPONSE,
// an S1 handover and a path switch modify its bearer, ECM-IDLE releases the access bearers,
// detach deletes it), and against a test GTPv2-C peer for an SGW that refuses or stays silent.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <thread>

#include "codec/nas/message.h"
#include "emulators.h"
#include "gtp_peer.h"
#include "mme_process.h"
#include "procedures.h"
#include "roles/sgw/emulated_sgw.h"

namespace concur::reference::testing {
namespace {

/// A GTPv2-C Cause IE with only its value (TS 29.274 8.4), no offending IE.
gtpv2::Cause cause_of(std::uint8_t value) {
  gtpv2::Cause c;
  c.value = value;
  return c;
}

using namespace std::chrono_literals;
using roles::sgw::EmulatedSgw;
using roles::sgw::SgwSession;

/// <s11> for the MME config: its own S11 end on any free port, the SGW at `sgw`.
std::string s11_config(const transport::SocketAddress& sgw) {
  return "  <s11 address=\"127.0.0.1\" port=\"0\" t3_ms=\"500\" n3=\"2\">\n    <sgw address=\"" + sgw.ip + "\" port=\"" +
         std::to_string(sgw.port) + "\"/>\n  </s11>\n";
}

/// Polls `ready` until it holds (the SGW serves on its own thread); false after `timeout`.
template <class F>
bool eventually(F ready, std::chrono::milliseconds timeout = 3000ms) {
  const auto end = std::chrono::steady_clock::now() + timeout;
  while (!ready()) {
    if (std::chrono::steady_clock::now() >= end) return false;
    std::this_thread::sleep_for(10ms);
  }
  return true;
}

/// The UE's default bearer (EBI 5) in what the MME sent the eNB.
const s1ap::ERabToBeSetup* default_bearer(const std::vector<s1ap::ERabToBeSetup>& e_rabs) {
  for (const auto& e : e_rabs)
    if (e.e_rab_id == 5) return &e;
  return nullptr;
}

class ReferenceMmeS11 : public ::testing::Test {
 protected:
  void SetUp() override {
    roles::sgw::SgwConfig c;
    c.listen = {"127.0.0.1", 0};
    c.poll = 10ms;
    sgw.start(c);
    start(sgw.local());
  }
  void start(const transport::SocketAddress& sgw_address) {
    MmeOptions o;
    o.extra_xml = s11_config(sgw_address);
    mme = std::make_unique<MmeProcess>(o);
    ASSERT_TRUE(mme->started()) << mme->transcript();
    ASSERT_NE(mme->transcript().find("s11 listening 127.0.0.1 "), std::string::npos) << mme->transcript();
    enb_a = std::make_unique<TestEnb>(*mme, 1, 1);
    enb_b = std::make_unique<TestEnb>(*mme, 2, 2);
    ASSERT_TRUE(enb_a->setup());
    ASSERT_TRUE(enb_b->setup());
  }
  void TearDown() override {
    if (!HasFailure() || !mme) return;
    while (mme->child().read_line(200ms)) {
    }
    std::cerr << "MME transcript:\n" << mme->transcript();
  }

  /// The SGW's session of the test subscriber (its TEIDs are the SGW's own business).
  std::optional<SgwSession> session() const {
    for (std::uint32_t teid = 1; teid < 64; ++teid)
      if (auto s = sgw.session(teid); s && s->imsi == kImsi) return s;
    return std::nullopt;
  }
  std::optional<std::uint32_t> enb_teid_at_sgw() const {
    const auto s = session();
    if (!s || !s->bearers.count(5) || !s->bearers.at(5).enb_s1u) return std::nullopt;
    return s->bearers.at(5).enb_s1u->teid;
  }

  std::optional<AttachedUe> attach_settled() {
    auto a = attach(*enb_a, ue, 11);
    if (a && !mme->wait_for_status("registered=1 connected=1")) ADD_FAILURE() << "MME did not report the UE registered";
    return a;
  }

  EmulatedSgw sgw;
  std::unique_ptr<MmeProcess> mme;
  std::unique_ptr<TestEnb> enb_a;
  std::unique_ptr<TestEnb> enb_b;
  TestUe ue;
};

TEST_F(ReferenceMmeS11, attach_creates_a_session_whose_s1u_f_teid_and_pdn_address_the_initial_context_setup_carries) {
  std::uint32_t mme_id = 0;
  const auto ics = attach_until_initial_context_setup(*enb_a, ue, 11, mme_id);
  ASSERT_TRUE(ics);
  EXPECT_EQ(sgw.counters().create_session.load(), 1u);
  const auto s = session();
  ASSERT_TRUE(s) << "no session for IMSI " << kImsi << " at the SGW";
  ASSERT_TRUE(s->bearers.count(5));
  const auto* bearer = default_bearer(ics->e_rabs);
  ASSERT_TRUE(bearer);
  // TS 23.401 5.3.2.1 step 17: the E-RAB carries the SGW's S1-U F-TEID, not a placeholder.
  EXPECT_EQ(bearer->gtp_teid, s->bearers.at(5).sgw_s1u_teid);
  EXPECT_EQ(bearer->transport_layer_address, (s1ap::TransportLayerAddress{127, 0, 0, 1}));
  ASSERT_TRUE(bearer->nas_pdu);
  const auto accept = ue.read_downlink(view_of(*bearer->nas_pdu));
  ASSERT_TRUE(accept && std::holds_alternative<nas::AttachAccept>(*accept));
  const auto esm = nas::decode_container(view_of(std::get<nas::AttachAccept>(*accept).esm_message_container));
  ASSERT_TRUE(esm.ok());
  const auto* activate = std::get_if<nas::ActivateDefaultEpsBearerContextRequest>(&*esm);
  ASSERT_TRUE(activate);
  EXPECT_EQ(activate->pdn_address.address, Bytes(s->ue_address.begin(), s->ue_address.end()))
      << "the PDN address is the one the SGW/PGW allocated";
  EXPECT_FALSE(enb_teid_at_sgw()) << "the SGW knows the eNB's F-TEID before the ICS RESPONSE";

  s1ap::InitialContextSetupResponse response;
  response.mme_ue_s1ap_id = mme_id;
  response.enb_ue_s1ap_id = 11;
  response.e_rabs_setup.push_back({5, {127, 0, 0, 10}, 0x5011});
  enb_a->send(response);
  // TS 23.401 5.3.2.1 step 23: MODIFY BEARER with the eNB's S1-U F-TEID.
  ASSERT_TRUE(eventually([&] { return enb_teid_at_sgw() == 0x5011u; })) << "SGW's eNB TEID: " << enb_teid_at_sgw().value_or(0);
  EXPECT_EQ(sgw.counters().modify_bearer.load(), 1u);
}

TEST_F(ReferenceMmeS11, s1_handover_modifies_the_bearer_towards_the_target_enb_and_detach_deletes_the_session) {
  const auto a = attach_settled();
  ASSERT_TRUE(a);
  ASSERT_TRUE(eventually([&] { return enb_teid_at_sgw() == 0x5000u + 11; }));

  enb_a->send(handover_required(*a, *enb_b));
  const auto request = enb_b->expect<s1ap::HandoverRequest>();
  ASSERT_TRUE(request);
  const auto* bearer = default_bearer(request->e_rabs);
  ASSERT_TRUE(bearer);
  EXPECT_EQ(bearer->gtp_teid, session()->bearers.at(5).sgw_s1u_teid) << "uplink goes on to the same SGW";
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
  EXPECT_EQ(enb_teid_at_sgw(), 0x5000u + 11) << "downlink moved before HANDOVER NOTIFY";
  s1ap::HandoverNotify notify;
  notify.mme_ue_s1ap_id = a->mme_ue_s1ap_id;
  notify.enb_ue_s1ap_id = 31;
  notify.eutran_cgi = enb_b->ecgi;
  notify.tai = enb_b->tai;
  enb_b->send(notify);
  ASSERT_TRUE(enb_a->expect<s1ap::UeContextReleaseCommand>());
  // TS 23.401 5.5.1.2.2 step 12: the SGW now sends downlink to the target eNB.
  ASSERT_TRUE(eventually([&] { return enb_teid_at_sgw() == 0x7100u; })) << "SGW's eNB TEID: " << enb_teid_at_sgw().value_or(0);

  nas::DetachRequestUplink detach;
  detach.detach_type = 0x09;  // switch off, EPS detach: no DETACH ACCEPT
  detach.nas_ksi.ksi = a->eksi;
  detach.eps_mobile_identity = nas::EpsMobileIdentity::from_guti(a->guti);
  uplink_nas(*enb_b, a->mme_ue_s1ap_id, 31, ue.protect_uplink(detach));
  ASSERT_TRUE(eventually([&] { return sgw.counters().delete_session.load() == 1u; }));
  EXPECT_EQ(sgw.session_count(), 0u) << "DELETE SESSION did not remove the session";
  EXPECT_TRUE(enb_b->expect<s1ap::UeContextReleaseCommand>());
}

TEST_F(ReferenceMmeS11, path_switch_acknowledge_follows_the_modify_bearer_and_carries_the_sgw_uplink_f_teid) {
  const auto a = attach_settled();
  ASSERT_TRUE(a);
  ASSERT_TRUE(eventually([&] { return enb_teid_at_sgw() == 0x5000u + 11; }));
  s1ap::PathSwitchRequest p = path_switch_request(*a, *enb_b, 51);
  p.e_rabs_to_switch_dl = {{5, {127, 0, 0, 30}, 0x7200}};
  enb_b->send(p);
  const auto psa = enb_b->expect<s1ap::PathSwitchRequestAcknowledge>();
  ASSERT_TRUE(psa);
  // TS 23.401 5.5.1.1.2 steps 4-7: by the time the ACKNOWLEDGE arrives the SGW has switched.
  EXPECT_EQ(enb_teid_at_sgw(), 0x7200u);
  EXPECT_EQ(sgw.counters().modify_bearer.load(), 2u);
  ASSERT_EQ(psa->e_rabs_to_switch_ul.size(), 1u);
  EXPECT_EQ(psa->e_rabs_to_switch_ul[0].gtp_teid, session()->bearers.at(5).sgw_s1u_teid);
}

TEST_F(ReferenceMmeS11, release_to_ecm_idle_releases_the_access_bearers_and_keeps_the_session) {
  const auto a = attach_settled();
  ASSERT_TRUE(a);
  ASSERT_TRUE(eventually([&] { return enb_teid_at_sgw() == 0x5000u + 11; }));
  const auto reply = mme->control(std::string("release ") + kImsi);
  ASSERT_TRUE(reply && reply->rfind("ok release", 0) == 0) << reply.value_or("(no reply)");
  const auto command = enb_a->expect<s1ap::UeContextReleaseCommand>();
  ASSERT_TRUE(command);
  s1ap::UeContextReleaseComplete complete;
  complete.mme_ue_s1ap_id = a->mme_ue_s1ap_id;
  complete.enb_ue_s1ap_id = a->enb_ue_s1ap_id;
  enb_a->send(complete);
  // TS 23.401 5.3.5 step 5: the SGW forgets the eNB's F-TEID; the PDN connection stays.
  ASSERT_TRUE(eventually([&] { return sgw.counters().release_access_bearers.load() == 1u; }));
  EXPECT_FALSE(enb_teid_at_sgw());
  EXPECT_TRUE(session());
  EXPECT_EQ(sgw.counters().delete_session.load(), 0u);
}

// --- an SGW that refuses or stays silent (played by a test GTPv2-C peer) -------------------------

class ReferenceMmeS11Failures : public ReferenceMmeS11 {
 protected:
  void SetUp() override { start(fake_sgw.local()); }

  /// Attach up to SECURITY MODE COMPLETE; returns the CREATE SESSION REQUEST the SGW got.
  std::optional<GtpReceived> attach_until_create_session(TestUe& subscriber, std::uint32_t enb_ue_id) {
    s1ap::InitialUeMessage initial;
    initial.enb_ue_s1ap_id = enb_ue_id;
    initial.nas_pdu = subscriber.attach_request();
    initial.tai = enb_a->tai;
    initial.eutran_cgi = enb_a->ecgi;
    initial.rrc_establishment_cause = 3;
    enb_a->send(initial);
    auto auth = expect_downlink_nas<nas::AuthenticationRequest>(*enb_a, subscriber, &mme_id);
    if (!auth) return std::nullopt;
    uplink_nas(*enb_a, mme_id, enb_ue_id, subscriber.answer_authentication(*auth));
    auto smc = expect_downlink_nas<nas::SecurityModeCommand>(*enb_a, subscriber);
    if (!smc) return std::nullopt;
    uplink_nas(*enb_a, mme_id, enb_ue_id, subscriber.answer_security_mode_command(*smc));
    auto r = fake_sgw.receive_request(kWait);
    if (!r || r->message.type() != gtpv2::MessageType::create_session_request) {
      ADD_FAILURE() << "no CREATE SESSION REQUEST at the SGW";
      return std::nullopt;
    }
    return r;
  }
  /// ATTACH REJECT #19 with a PDN CONNECTIVITY REJECT, then the release of the UE.
  void expect_attach_reject(TestUe& subscriber, std::uint8_t esm_cause, std::uint32_t enb_ue_id) {
    const auto reject = expect_downlink_nas<nas::AttachReject>(*enb_a, subscriber);
    ASSERT_TRUE(reject);
    EXPECT_EQ(reject->emm_cause, 19) << "ESM failure";
    ASSERT_TRUE(reject->esm_message_container);
    const auto esm = nas::decode_container(view_of(*reject->esm_message_container));
    ASSERT_TRUE(esm.ok());
    const auto* pdn = std::get_if<nas::PdnConnectivityReject>(&*esm);
    ASSERT_TRUE(pdn);
    EXPECT_EQ(pdn->esm_cause, esm_cause);
    const auto release = enb_a->expect<s1ap::UeContextReleaseCommand>();
    ASSERT_TRUE(release);
    s1ap::UeContextReleaseComplete complete;
    complete.mme_ue_s1ap_id = mme_id;
    complete.enb_ue_s1ap_id = enb_ue_id;
    enb_a->send(complete);
  }

  /// The SGW accepts: its S11 TEID 0x99, S1-U F-TEID 127.0.0.7 / 0x4242, PDN address 10.9.8.7.
  void accept_create_session(const GtpReceived& request) {
    const auto* f = gtpv2::find<gtpv2::FTeid>(request.message.ies, 0);
    ASSERT_TRUE(f);
    gtpv2::BearerContext b;
    b.ebi = 5;
    b.cause = cause_of(16);
    b.fteid_instance0 = gtpv2::FTeid{gtpv2::interface_type::s1u_sgw, 0x4242, gtpv2::Ipv4{127, 0, 0, 7}, std::nullopt};
    gtpv2::Paa paa;
    paa.ipv4 = gtpv2::Ipv4{10, 9, 8, 7};
    fake_sgw.reply(request.from,
                   gtpv2::make_message(gtpv2::MessageType::create_session_response, f->teid, request.message.header.sequence,
                                       {gtpv2::make_ie(cause_of(16)),
                                        gtpv2::make_ie(gtpv2::FTeid{gtpv2::interface_type::s11s4_sgw, 0x99,
                                                                    gtpv2::Ipv4{127, 0, 0, 7}, std::nullopt},
                                                       0),
                                        gtpv2::make_ie(paa), gtpv2::make_bearer_context_ie(b, 0)}));
  }
  /// Attach of `ue` (eNB UE id 11) with the SGW accepting CREATE SESSION, up to the MODIFY
  /// BEARER REQUEST that the INITIAL CONTEXT SETUP RESPONSE brings; returns it, unanswered.
  std::optional<GtpReceived> attach_until_modify_bearer() {
    auto r = attach_until_create_session(ue, 11);
    if (!r) return std::nullopt;
    accept_create_session(*r);
    if (!enb_a->expect<s1ap::InitialContextSetupRequest>()) return std::nullopt;
    s1ap::InitialContextSetupResponse response;
    response.mme_ue_s1ap_id = mme_id;
    response.enb_ue_s1ap_id = 11;
    response.e_rabs_setup.push_back({5, {127, 0, 0, 10}, 0x5011});
    enb_a->send(response);
    return expect_at_sgw(gtpv2::MessageType::modify_bearer_request);
  }
  /// The next request at the SGW must be of `type` (addressed to its TEID 0x99).
  std::optional<GtpReceived> expect_at_sgw(gtpv2::MessageType type) {
    auto r = fake_sgw.receive_request(kWait);
    if (!r) {
      ADD_FAILURE() << "nothing arrived at the SGW";
      return std::nullopt;
    }
    EXPECT_EQ(r->message.type(), type) << gtpv2::message_name(r->message);
    EXPECT_EQ(r->message.header.teid, 0x99u);
    return r;
  }

  TestGtpPeer fake_sgw;
  std::uint32_t mme_id = 0;
};

TEST_F(ReferenceMmeS11Failures, an_sgw_refusing_create_session_gives_attach_reject_and_the_next_attach_is_served) {
  auto r = attach_until_create_session(ue, 11);
  ASSERT_TRUE(r);
  const auto* mme_fteid = gtpv2::find<gtpv2::FTeid>(r->message.ies, 0);
  ASSERT_TRUE(mme_fteid);
  EXPECT_EQ(mme_fteid->interface_type, gtpv2::interface_type::s11_mme);
  ASSERT_TRUE(mme_fteid->ipv4);
  EXPECT_EQ(*mme_fteid->ipv4, (gtpv2::Ipv4{127, 0, 0, 1}));
  gtpv2::Cause refused;
  refused.value = 73;  // No resources available
  fake_sgw.reply(r->from, gtpv2::make_message(gtpv2::MessageType::create_session_response, mme_fteid->teid,
                                              r->message.header.sequence, {gtpv2::make_ie(refused)}));
  ASSERT_NO_FATAL_FAILURE(expect_attach_reject(ue, 26, 11));  // insufficient resources
  ASSERT_TRUE(mme->wait_for_status("ues=0"));

  // The MME serves on: the next attach gets its session and its INITIAL CONTEXT SETUP.
  TestUe same_subscriber_again;
  auto again = attach_until_create_session(same_subscriber_again, 12);
  ASSERT_TRUE(again);
  const auto* f = gtpv2::find<gtpv2::FTeid>(again->message.ies, 0);
  ASSERT_TRUE(f);
  gtpv2::BearerContext b;
  b.ebi = 5;
  b.cause = cause_of(16);
  b.fteid_instance0 = gtpv2::FTeid{gtpv2::interface_type::s1u_sgw, 0x4242, gtpv2::Ipv4{127, 0, 0, 7}, std::nullopt};
  gtpv2::Paa paa;
  paa.ipv4 = gtpv2::Ipv4{10, 9, 8, 7};
  fake_sgw.reply(again->from,
                 gtpv2::make_message(gtpv2::MessageType::create_session_response, f->teid, again->message.header.sequence,
                                     {gtpv2::make_ie(cause_of(16)),
                                      gtpv2::make_ie(gtpv2::FTeid{gtpv2::interface_type::s11s4_sgw, 0x99, gtpv2::Ipv4{127, 0, 0, 7},
                                                                  std::nullopt},
                                                     0),
                                      gtpv2::make_ie(paa), gtpv2::make_bearer_context_ie(b, 0)}));
  const auto ics = enb_a->expect<s1ap::InitialContextSetupRequest>();
  ASSERT_TRUE(ics);
  const auto* bearer = default_bearer(ics->e_rabs);
  ASSERT_TRUE(bearer);
  EXPECT_EQ(bearer->gtp_teid, 0x4242u);
  EXPECT_EQ(bearer->transport_layer_address, (s1ap::TransportLayerAddress{127, 0, 0, 7}));
}

TEST_F(ReferenceMmeS11Failures, an_sgw_that_never_answers_create_session_gives_attach_reject_after_n3_retransmissions) {
  ASSERT_TRUE(attach_until_create_session(ue, 11));
  // T3 = 500 ms, N3 = 2 (s11_config): given up after about 1.5 s.
  const auto sent = std::chrono::steady_clock::now();
  ASSERT_NO_FATAL_FAILURE(expect_attach_reject(ue, 38, 11));  // network failure
  EXPECT_GE(std::chrono::steady_clock::now() - sent, 1000ms) << "gave up before N3 x T3";
}

TEST_F(ReferenceMmeS11Failures, an_sgw_refusing_the_path_switch_modify_bearer_gives_path_switch_failure_and_a_release) {
  const auto modify = attach_until_modify_bearer();
  ASSERT_TRUE(modify);
  fake_sgw.reply(modify->from, gtpv2::make_message(gtpv2::MessageType::modify_bearer_response, mme_id,
                                                   modify->message.header.sequence, {gtpv2::make_ie(cause_of(16))}));
  uplink_nas(*enb_a, mme_id, 11, ue.protect_uplink(nas::AttachComplete{}));
  ASSERT_TRUE(mme->wait_for_status("registered=1 connected=1"));

  AttachedUe a;
  a.mme_ue_s1ap_id = mme_id;
  a.enb_ue_s1ap_id = 11;
  s1ap::PathSwitchRequest p = path_switch_request(a, *enb_b, 51);
  p.e_rabs_to_switch_dl = {{5, {127, 0, 0, 30}, 0x7200}};
  enb_b->send(p);
  const auto switch_modify = expect_at_sgw(gtpv2::MessageType::modify_bearer_request);
  ASSERT_TRUE(switch_modify);
  gtpv2::Cause refused;
  refused.value = 64;  // Context Not Found
  fake_sgw.reply(switch_modify->from, gtpv2::make_message(gtpv2::MessageType::modify_bearer_response, 0,
                                                          switch_modify->message.header.sequence, {gtpv2::make_ie(refused)}));
  // TS 23.401 5.5.1.1.2: no ACKNOWLEDGE for a path the SGW did not switch; the UE is released.
  const auto failure = enb_b->expect<s1ap::PathSwitchRequestFailure>();
  ASSERT_TRUE(failure);
  EXPECT_EQ(failure->enb_ue_s1ap_id, 51u);
  EXPECT_TRUE(expect_at_sgw(gtpv2::MessageType::delete_session_request));
  EXPECT_TRUE(enb_b->expect<s1ap::UeContextReleaseCommand>());
}

TEST_F(ReferenceMmeS11Failures, a_late_answer_to_the_attach_modify_bearer_does_not_acknowledge_a_path_switch) {
  // The SGW answers the attach's MODIFY BEARER only after the path switch has sent its own. That
  // answer carries the older sequence number (TS 29.274 7.6): it must not release the PATH
  // SWITCH REQUEST ACKNOWLEDGE, which waits for the SGW to have switched (TS 23.401 5.5.1.1.2).
  const auto attach_modify = attach_until_modify_bearer();
  ASSERT_TRUE(attach_modify);
  const std::uint32_t attach_sequence = attach_modify->message.header.sequence;
  uplink_nas(*enb_a, mme_id, 11, ue.protect_uplink(nas::AttachComplete{}));

  AttachedUe a;
  a.mme_ue_s1ap_id = mme_id;
  a.enb_ue_s1ap_id = 11;
  s1ap::PathSwitchRequest p = path_switch_request(a, *enb_b, 51);
  p.e_rabs_to_switch_dl = {{5, {127, 0, 0, 30}, 0x7200}};
  enb_b->send(p);
  // The attach's request may be retransmitted meanwhile (T3 500 ms): skip those copies.
  std::optional<GtpReceived> switch_modify;
  for (int i = 0; i < 4 && !switch_modify; ++i) {
    auto next = expect_at_sgw(gtpv2::MessageType::modify_bearer_request);
    ASSERT_TRUE(next);
    if (next->message.header.sequence != attach_sequence) switch_modify = next;
  }
  ASSERT_TRUE(switch_modify) << "no MODIFY BEARER REQUEST for the path switch";

  fake_sgw.reply(attach_modify->from, gtpv2::make_message(gtpv2::MessageType::modify_bearer_response, mme_id, attach_sequence,
                                                          {gtpv2::make_ie(cause_of(16))}));
  std::string why;
  const auto early = enb_b->receive(400ms, &why);
  EXPECT_FALSE(early) << "the path switch was answered on the attach's MODIFY BEARER RESPONSE";

  fake_sgw.reply(switch_modify->from, gtpv2::make_message(gtpv2::MessageType::modify_bearer_response, mme_id,
                                                          switch_modify->message.header.sequence, {gtpv2::make_ie(cause_of(16))}));
  EXPECT_TRUE(enb_b->expect<s1ap::PathSwitchRequestAcknowledge>());
}

// --- configuration ---------------------------------------------------------------------------

TEST(ReferenceMmeS11Config, an_s11_section_without_an_sgw_is_refused_naming_file_line_and_field) {
  const auto r = start_with_config("s11.xml", std::string("<mme>\n  <s1 address=\"127.0.0.1\" port=\"0\" backend=\"userspace_udp\"/>\n" "  <plmn mcc=\"001\" mnc=\"01\"/>\n  <tai tac=\"1\"/>\n" "  <s11 address=\"127.0.0.1\" port=\"0\">\n  </s11>\n</mme>\n"));
  const auto& status = r.status;
  ASSERT_TRUE(status.has_value()) << r.transcript;
  EXPECT_EQ(*status, 1) << r.transcript;
  EXPECT_NE(r.transcript.find("s11.xml:5: s11/sgw: missing"), std::string::npos) << r.transcript;
}

TEST(ReferenceMmeS11Config, an_sgw_address_that_is_not_ipv4_is_refused_naming_file_line_and_field) {
  const auto r = start_with_config("s11.xml", std::string("<mme>\n  <s1 address=\"127.0.0.1\" port=\"0\" backend=\"userspace_udp\"/>\n" "  <plmn mcc=\"001\" mnc=\"01\"/>\n  <tai tac=\"1\"/>\n" "  <s11 address=\"127.0.0.1\" port=\"0\">\n    <sgw address=\"sgw.example\"/>\n  </s11>\n</mme>\n"));
  const auto& status = r.status;
  ASSERT_TRUE(status.has_value()) << r.transcript;
  EXPECT_EQ(*status, 1) << r.transcript;
  EXPECT_NE(r.transcript.find("s11.xml:6: sgw@address: 'sgw.example' is not an IPv4 address"), std::string::npos)
      << r.transcript;
}

}  // namespace
}  // namespace concur::reference::testing
