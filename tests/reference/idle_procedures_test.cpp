// TRACKING AREA UPDATE and SERVICE REQUEST from ECM-IDLE against the reference MME process, with
// and without re-authentication, and the configurable re-authentication triggers. The emulated UE
// verifies every downlink MAC with its own context and recomputes each KeNB (TS 33.401 A.3).
#include <gtest/gtest.h>

#include <algorithm>

#include "emulators.h"
#include "idle_ue.h"
#include "mme_process.h"
#include "procedures.h"
#include "support/subprocess.h"
#include "support/tshark_judge.h"

namespace concur::reference::testing {
namespace {

class ReferenceMmeIdleMode : public ::testing::Test {
 protected:
  void start(const std::string& reauth_xml = "") {
    MmeOptions o;
    o.extra_xml = reauth_xml;
    mme = std::make_unique<MmeProcess>(o);
    ASSERT_TRUE(mme->started()) << mme->transcript();
    enb_a = std::make_unique<TestEnb>(*mme, 1, 1);
    enb_b = std::make_unique<TestEnb>(*mme, 2, 2);
    ASSERT_TRUE(enb_a->setup());
    ASSERT_TRUE(enb_b->setup());
    attached = attach(*enb_a, ue, 11);
    ASSERT_TRUE(attached);
    ASSERT_TRUE(mme->wait_for_status("registered=1 connected=1"));
    ASSERT_NO_FATAL_FAILURE(go_idle(*enb_a, attached->enb_ue_s1ap_id));
  }
  void TearDown() override {
    if (!HasFailure() || !mme) return;
    while (mme->child().read_line(std::chrono::milliseconds(200))) {  // the decision lines not read yet
    }
    std::cerr << "MME transcript:\n" << mme->transcript();
  }

  /// `release IMSI` on the control socket, UE CONTEXT RELEASE answered: the UE is in ECM-IDLE.
  void go_idle(TestEnb& enb, std::uint32_t enb_ue_s1ap_id) {
    const auto reply = mme->control(std::string("release ") + kImsi);
    ASSERT_TRUE(reply && reply->rfind("ok release", 0) == 0) << reply.value_or("(no reply)");
    const auto command = enb.expect<s1ap::UeContextReleaseCommand>();
    ASSERT_TRUE(command);
    s1ap::UeContextReleaseComplete done;
    done.mme_ue_s1ap_id = command->mme_ue_s1ap_id;
    done.enb_ue_s1ap_id = enb_ue_s1ap_id;
    enb.send(done);
    ASSERT_TRUE(mme->wait_for_status("connected=0"));
  }

  /// AUTHENTICATION REQUEST and SECURITY MODE COMMAND answered by the UE on `enb`.
  void answer_reauthentication(TestEnb& enb, std::uint32_t mme_id, std::uint32_t enb_id) {
    const auto auth = expect_downlink_nas<nas::AuthenticationRequest>(enb, ue);
    ASSERT_TRUE(auth) << "no re-authentication";
    uplink_nas(enb, mme_id, enb_id, ue.answer_authentication(*auth));
    const auto smc = expect_downlink_nas<nas::SecurityModeCommand>(enb, ue);
    ASSERT_TRUE(smc);
    EXPECT_NE(smc->nas_ksi.ksi, attached->eksi) << "the new context needs a new eKSI";
    uplink_nas(enb, mme_id, enb_id, ue.answer_security_mode_command(*smc));
  }

  /// TAU ACCEPT (verified by the UE) -> TAU COMPLETE -> UE CONTEXT RELEASE COMMAND.
  void tau_accepted_and_completed(TestEnb& enb, std::uint32_t mme_id, std::uint32_t enb_id) {
    const auto accept = expect_downlink_nas<nas::TrackingAreaUpdateAccept>(enb, ue);
    ASSERT_TRUE(accept);
    ASSERT_TRUE(accept->guti);
    EXPECT_NE(accept->guti->guti_value.m_tmsi, attached->guti.m_tmsi) << "a TAU ACCEPT reallocates the GUTI";
    new_guti = accept->guti->guti_value;
    uplink_nas(enb, mme_id, enb_id, ue.protect_uplink(nas::TrackingAreaUpdateComplete{}));
    const auto release = enb.expect<s1ap::UeContextReleaseCommand>();
    ASSERT_TRUE(release);
    EXPECT_EQ(release->mme_ue_s1ap_id, mme_id);
  }

  std::unique_ptr<MmeProcess> mme;
  std::unique_ptr<TestEnb> enb_a;
  std::unique_ptr<TestEnb> enb_b;
  TestUe ue;
  std::optional<AttachedUe> attached;
  nas::Guti new_guti;  ///< from the last TAU ACCEPT
};

TEST_F(ReferenceMmeIdleMode, tau_with_a_valid_ksi_is_accepted_with_a_new_guti_and_released_after_tau_complete) {
  start();
  enb_b->send(initial_ue_message(*enb_b, 21, tau_request(ue, attached->guti, true)));
  const auto dl = enb_b->expect<s1ap::DownlinkNasTransport>();
  ASSERT_TRUE(dl);
  EXPECT_EQ(dl->mme_ue_s1ap_id, attached->mme_ue_s1ap_id) << "the UE's context was not found by its GUTI";
  auto m = ue.read_downlink(view_of(dl->nas_pdu));  // MAC verified with the attach's context
  ASSERT_TRUE(m && std::holds_alternative<nas::TrackingAreaUpdateAccept>(*m));
  const auto& accept = std::get<nas::TrackingAreaUpdateAccept>(*m);
  ASSERT_TRUE(accept.guti);
  EXPECT_NE(accept.guti->guti_value.m_tmsi, attached->guti.m_tmsi);
  EXPECT_EQ(ue.nas.current_ksi(), attached->eksi) << "no re-authentication was configured";
  uplink_nas(*enb_b, dl->mme_ue_s1ap_id, 21, ue.protect_uplink(nas::TrackingAreaUpdateComplete{}));
  ASSERT_TRUE(enb_b->expect<s1ap::UeContextReleaseCommand>());
}

TEST_F(ReferenceMmeIdleMode, tau_with_every_tau_trigger_reauthenticates_before_the_accept) {
  start(R"(<reauth every_tau="true"/>)");
  enb_b->send(initial_ue_message(*enb_b, 22, tau_request(ue, attached->guti, true)));
  ASSERT_NO_FATAL_FAILURE(answer_reauthentication(*enb_b, attached->mme_ue_s1ap_id, 22));
  ASSERT_NO_FATAL_FAILURE(tau_accepted_and_completed(*enb_b, attached->mme_ue_s1ap_id, 22));
  EXPECT_EQ(ue.nas.current_ksi(), ue.last_aka->first) << "TAU ACCEPT must be protected with the new context";
}

TEST_F(ReferenceMmeIdleMode, tau_without_a_valid_ksi_reauthenticates_by_default) {
  start();
  enb_b->send(initial_ue_message(*enb_b, 23, tau_request(ue, attached->guti, false)));  // plain, KSI 7
  ASSERT_NO_FATAL_FAILURE(answer_reauthentication(*enb_b, attached->mme_ue_s1ap_id, 23));
  ASSERT_NO_FATAL_FAILURE(tau_accepted_and_completed(*enb_b, attached->mme_ue_s1ap_id, 23));
}

TEST_F(ReferenceMmeIdleMode, tau_without_a_valid_ksi_is_rejected_when_that_trigger_is_off) {
  start(R"(<reauth tau_without_valid_ksi="false"/>)");
  enb_b->send(initial_ue_message(*enb_b, 24, tau_request(ue, attached->guti, false)));
  const auto reject = expect_downlink_nas<nas::TrackingAreaUpdateReject>(*enb_b, ue);
  ASSERT_TRUE(reject);
  EXPECT_EQ(reject->emm_cause, nas::emm_cause::ue_identity_cannot_be_derived);
}

TEST_F(ReferenceMmeIdleMode, tau_naming_a_guti_this_mme_never_allocated_is_rejected_with_cause_9) {
  start();
  nas::Guti stranger = attached->guti;
  stranger.m_tmsi ^= 0x00ABCDEFu;
  TestUe other;  // no NAS context: its TAU is plain
  enb_b->send(initial_ue_message(*enb_b, 25, tau_request(other, stranger, false)));
  const auto reject = expect_downlink_nas<nas::TrackingAreaUpdateReject>(*enb_b, other);
  ASSERT_TRUE(reject);
  EXPECT_EQ(reject->emm_cause, nas::emm_cause::ue_identity_cannot_be_derived);
}

TEST_F(ReferenceMmeIdleMode, service_request_gets_an_ics_whose_kenb_derives_from_the_current_kasme_and_its_count) {
  start();
  std::uint32_t count = 0;
  enb_b->send(initial_ue_message(*enb_b, 31, service_request(ue, std::nullopt, &count),
                                 s1ap::STmsi{attached->guti.mme_code, attached->guti.m_tmsi}));
  const auto ics = enb_b->expect<s1ap::InitialContextSetupRequest>();
  ASSERT_TRUE(ics);
  EXPECT_EQ(ics->mme_ue_s1ap_id, attached->mme_ue_s1ap_id);
  EXPECT_GT(count, attached->kenb_uplink_count);
  // TS 33.401 A.3: KeNB = KDF(current KASME, uplink NAS COUNT of the SERVICE REQUEST).
  EXPECT_EQ(ics->security_key, to_s1ap(security::derive_kenb(attached->kasme, count)));
  EXPECT_NE(ics->security_key, attached->kenb);
}

TEST_F(ReferenceMmeIdleMode, service_request_with_a_ksi_the_mme_does_not_hold_is_answered_by_reauthentication) {
  start();
  const std::uint8_t wrong_ksi = static_cast<std::uint8_t>((attached->eksi + 3) % 7);
  enb_b->send(initial_ue_message(*enb_b, 32, service_request(ue, wrong_ksi),
                                 s1ap::STmsi{attached->guti.mme_code, attached->guti.m_tmsi}));
  ASSERT_NO_FATAL_FAILURE(answer_reauthentication(*enb_b, attached->mme_ue_s1ap_id, 32));
  const auto ics = enb_b->expect<s1ap::InitialContextSetupRequest>();
  ASSERT_TRUE(ics);
  // After the SMC: KeNB of the NEW KASME with the SECURITY MODE COMPLETE's uplink COUNT.
  EXPECT_EQ(ics->security_key, to_s1ap(security::derive_kenb(ue.last_aka->second, ue.smc_complete_uplink_count)));
}

TEST_F(ReferenceMmeIdleMode, every_second_event_trigger_reauthenticates_on_the_second_service_request_only) {
  start(R"(<reauth every_nth_event="2"/>)");
  const s1ap::STmsi s_tmsi{attached->guti.mme_code, attached->guti.m_tmsi};
  enb_b->send(initial_ue_message(*enb_b, 41, service_request(ue), s_tmsi));
  const auto first = enb_b->expect<s1ap::InitialContextSetupRequest>();
  ASSERT_TRUE(first) << "the first SERVICE REQUEST must not re-authenticate";
  s1ap::InitialContextSetupResponse response;
  response.mme_ue_s1ap_id = first->mme_ue_s1ap_id;
  response.enb_ue_s1ap_id = 41;
  response.e_rabs_setup.push_back({5, {127, 0, 0, 10}, 0x5100});
  enb_b->send(response);
  ASSERT_NO_FATAL_FAILURE(go_idle(*enb_b, 41));
  enb_a->send(initial_ue_message(*enb_a, 42, service_request(ue), s_tmsi));
  ASSERT_NO_FATAL_FAILURE(answer_reauthentication(*enb_a, attached->mme_ue_s1ap_id, 42));
  ASSERT_TRUE(enb_a->expect<s1ap::InitialContextSetupRequest>());
}

/// The MME ciphers with 128-EEA2: tshark must not guess that ciphertext is plain NAS (its
/// null_decipher heuristic reads random octets that start like an EMM header as a malformed message).
constexpr const char* kOpaqueCiphertext = "nas-eps.null_decipher:FALSE";

TEST_F(ReferenceMmeIdleMode, the_mme_pcap_of_a_tau_and_a_service_request_dissects_cleanly_in_tshark) {
  if (const auto why = test::tshark_unusable()) GTEST_SKIP() << *why;
  start();
  enb_b->send(initial_ue_message(*enb_b, 51, tau_request(ue, attached->guti, true)));
  ASSERT_NO_FATAL_FAILURE(tau_accepted_and_completed(*enb_b, attached->mme_ue_s1ap_id, 51));
  s1ap::UeContextReleaseComplete done;
  done.mme_ue_s1ap_id = attached->mme_ue_s1ap_id;
  done.enb_ue_s1ap_id = 51;
  enb_b->send(done);
  ASSERT_TRUE(mme->wait_for_status("connected=0"));
  enb_a->send(initial_ue_message(*enb_a, 52, service_request(ue), s1ap::STmsi{new_guti.mme_code, new_guti.m_tmsi}));
  ASSERT_TRUE(enb_a->expect<s1ap::InitialContextSetupRequest>()) << "the SERVICE REQUEST names the GUTI of the TAU";
  const std::string pcap = mme->directory() + "/mme.pcap";
  ASSERT_TRUE(mme->terminate());  // the capture is complete once the MME exited
  const auto all = test::run_process({"tshark", "-o", kOpaqueCiphertext, "-r", pcap, "-T", "fields", "-e", "frame.number"}, std::chrono::seconds(60));
  ASSERT_EQ(all.exit_code, 0) << all.err;
  EXPECT_GT(std::count(all.out.begin(), all.out.end(), '\n'), 15) << "the capture lacks the attach and the TAU";
  const auto tau = test::run_process({"tshark", "-o", kOpaqueCiphertext, "-r", pcap, "-Y", "nas_eps.nas_msg_emm_type == 0x48", "-T", "fields",
                                      "-e", "frame.number"},
                                     std::chrono::seconds(60));
  EXPECT_FALSE(tau.out.empty()) << "tshark saw no TRACKING AREA UPDATE REQUEST";
  const auto sr = test::run_process({"tshark", "-o", kOpaqueCiphertext, "-r", pcap, "-Y", "nas_eps.security_header_type == 12", "-T", "fields",
                                     "-e", "frame.number"},
                                    std::chrono::seconds(60));
  EXPECT_FALSE(sr.out.empty()) << "tshark saw no SERVICE REQUEST";
  const auto bad = test::run_process({"tshark", "-o", kOpaqueCiphertext, "-r", pcap, "-Y", "_ws.malformed || _ws.expert.severity == error", "-T",
                                      "fields", "-e", "frame.number", "-e", "_ws.col.Info"},
                                     std::chrono::seconds(60));
  ASSERT_EQ(bad.exit_code, 0) << bad.err;
  EXPECT_TRUE(bad.out.empty()) << "malformed or erroneous packets:\n" << bad.out;
}

}  // namespace
}  // namespace concur::reference::testing
