// The reference eNB's logic without sockets (ReferenceEnb in-process): rule 5's decisions, the
// encodings it builds, and robustness against every truncation and bit flip of what an MME sends.
// The process-level tests (process_test.cpp, rule5_test.cpp) prove the same over real SCTP.
#include <gtest/gtest.h>

#include "codec/s1ap/transparent_containers.h"
#include "enb.h"
#include "rrc_container.h"

namespace concur::reference::enb {
namespace {

using namespace std::chrono_literals;
const s1ap::Plmn kPlmn{0x00, 0xf1, 0x10};

Bytes encoded(const s1ap::S1apMessage& m) {
  auto b = s1ap::encode(m);
  EXPECT_TRUE(b.ok()) << b.error().to_string();
  return b.ok() ? *b : Bytes{};
}

/// An eNB after S1 SETUP with UE 1 in connected mode (MME UE S1AP ID 10, KeNB all 0x11).
struct Fixture {
  explicit Fixture(bool violate = false, bool hold = true) {
    EnbConfig c;
    c.violate_r5 = violate;
    c.reconfiguration.held = hold;
    enb = std::make_unique<ReferenceEnb>(c);
    enb->connected();
    s1ap::S1SetupResponse r;
    r.served_gummeis.push_back({{kPlmn}, {1}, {1}});
    enb->on_s1ap(view_of(encoded(r)), now);
    std::string reply;
    enb->on_control("ue-connect 0741", reply, now);
    s1ap::InitialContextSetupRequest ics;
    ics.mme_ue_s1ap_id = 10;
    ics.enb_ue_s1ap_id = 1;
    ics.e_rabs.push_back({5, {}, {127, 0, 0, 2}, 1, std::nullopt});
    ics.security_key.fill(0x11);
    ics_answer = enb->on_s1ap(view_of(encoded(ics)), now);
    EXPECT_EQ(ics_answer.size(), 1u);
  }
  std::vector<Outgoing> ics_answer;
  std::vector<Outgoing> ucm(std::uint8_t key) {
    s1ap::UeContextModificationRequest m;
    m.mme_ue_s1ap_id = 10;
    m.enb_ue_s1ap_id = 1;
    m.security_key.emplace().fill(key);
    return enb->on_s1ap(view_of(encoded(m)), now);
  }
  std::vector<Outgoing> control(const std::string& line) {
    std::string reply;
    auto out = enb->on_control(line, reply, now);
    last_reply = reply;
    return out;
  }
  Clock::time_point now = Clock::now();
  std::unique_ptr<ReferenceEnb> enb;
  std::string last_reply;
};

TEST(ReferenceEnbLogic, initial_context_setup_response_names_the_enb_s1u_endpoint_per_bearer) {
  Fixture f;
  ASSERT_EQ(f.ics_answer.size(), 1u);
  const auto* r = std::get_if<s1ap::InitialContextSetupResponse>(&f.ics_answer[0].message);
  ASSERT_NE(r, nullptr);
  ASSERT_EQ(r->e_rabs_setup.size(), 1u);
  EXPECT_EQ(r->e_rabs_setup[0].e_rab_id, 5);
  EXPECT_EQ(r->e_rabs_setup[0].transport_layer_address, (Bytes{127, 0, 0, 1}));  // <s1u address> default
}

template <class T>
bool only(const std::vector<Outgoing>& out) {
  return out.size() == 1 && std::holds_alternative<T>(out[0].message);
}

TEST(ReferenceEnbLogic, ucm_during_own_handover_is_answered_with_a_failure_naming_the_handover) {
  Fixture f;
  ASSERT_TRUE(only<s1ap::HandoverRequired>(f.control("handover 1 2 1")));
  const auto out = f.ucm(0x33);
  ASSERT_TRUE(only<s1ap::UeContextModificationFailure>(out));
  EXPECT_EQ(std::get<s1ap::UeContextModificationFailure>(out[0].message).cause,
            (s1ap::Cause{s1ap::CauseGroup::radio_network, 33}));
}

TEST(ReferenceEnbLogic, faulty_variant_takes_the_ucm_during_its_handover_into_a_reconfiguration) {
  Fixture f(true, false);
  ASSERT_TRUE(only<s1ap::HandoverRequired>(f.control("handover 1 2 1")));
  // Zero-length reconfiguration would answer at once; the default 100 ms ends at the timer.
  EXPECT_TRUE(f.ucm(0x33).empty());
  EXPECT_TRUE(only<s1ap::UeContextModificationResponse>(f.enb->on_timers(f.now + 1s)));
}

TEST(ReferenceEnbLogic, handover_during_a_held_reconfiguration_is_queued_and_follows_its_end) {
  Fixture f;
  EXPECT_TRUE(f.ucm(0x33).empty());
  EXPECT_TRUE(f.control("handover 1 2 1").empty());
  EXPECT_EQ(f.last_reply, "ok handover ue=1 queued: reconfiguration ongoing");
  const auto out = f.control("reconfiguration-complete 1");
  ASSERT_EQ(out.size(), 2u);
  EXPECT_TRUE(std::holds_alternative<s1ap::UeContextModificationResponse>(out[0].message));
  EXPECT_TRUE(std::holds_alternative<s1ap::HandoverRequired>(out[1].message));
}

TEST(ReferenceEnbLogic, queued_handover_is_dropped_at_its_guard_and_never_sent) {
  Fixture f;
  f.ucm(0x33);
  f.control("handover 1 2 1");
  EXPECT_TRUE(f.enb->on_timers(f.now + 6s).empty());  // handover_queue 5 s by default
  EXPECT_TRUE(only<s1ap::UeContextModificationResponse>(f.control("reconfiguration-complete 1")));
}

TEST(ReferenceEnbLogic, preparation_guard_expiry_cancels_the_handover) {
  Fixture f;
  f.control("handover 1 2 1");
  const auto out = f.enb->on_timers(f.now + 6s);  // TS1RELOCprep 5 s by default
  ASSERT_TRUE(only<s1ap::HandoverCancel>(out));
  EXPECT_EQ(std::get<s1ap::HandoverCancel>(out[0].message).cause, (s1ap::Cause{s1ap::CauseGroup::radio_network, 9}));
}

// Dissected by tshark 4.0.17 (lte-rrc): HandoverCommand c1 handoverCommand-r8, handoverCommandMessage
// 200102 = DL-DCCH rrcConnectionReconfiguration, transaction 0, r8, securityConfigHO intraLTE,
// keyChangeIndicator False, nextHopChainingCount 2.
TEST(ReferenceEnbRrc, handover_command_carries_the_ncc_in_security_config_ho) {
  EXPECT_EQ(to_hex(view_of(rrc_handover_command(0, 2, false))), "0019000810");
  // NCC 7 and keyChangeIndicator set change only the last four bits of the 24-bit DL-DCCH
  // message, which starts 13 bits into the HandoverCommand (5 bits, then its 8-bit length): bits 33-36.
  EXPECT_EQ(to_hex(view_of(rrc_handover_command(0, 7, true))), "0019000878");
}

// HandoverPreparationInformation c1 r8, no optional IEs, ue-RadioAccessCapabilityInfo: 0 items.
TEST(ReferenceEnbRrc, handover_preparation_information_is_the_minimal_valid_encoding) {
  EXPECT_EQ(to_hex(view_of(rrc_handover_preparation_information())), "0000");
}

TEST(TransparentContainers, source_container_without_ue_history_is_an_error_naming_the_field) {
  s1ap::SourceEnbToTargetEnbContainer c;
  c.rrc_container = {0, 0};
  const auto r = s1ap::encode_container(c);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().field.find("uE-HistoryInformation"), std::string::npos) << r.error().to_string();
}

// Dissected by tshark 4.0.17 inside HANDOVER REQUIRED: rRC-Container 0000, targetCell-ID 00f110
// cell 0x00000201, uE-HistoryInformation 1 item e-UTRAN-Cell 0x00000101 medium 0s.
TEST(TransparentContainers, source_container_encodes_as_the_eNB_sends_it) {
  s1ap::SourceEnbToTargetEnbContainer c;
  c.rrc_container = {0, 0};
  c.target_cell = {kPlmn, 0x201};
  c.ue_history.push_back({{kPlmn, 0x101}, 2, 0});
  const auto r = s1ap::encode_container(c);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(to_hex(view_of(*r)), "000200000000f110000020100000f11000001011000000");
}

TEST(ReferenceEnbLogic, messages_before_s1_setup_get_an_error_indication_but_an_error_indication_does_not) {
  ReferenceEnb enb{EnbConfig{}};
  enb.connected();
  s1ap::DownlinkNasTransport dl;
  dl.mme_ue_s1ap_id = 1;
  dl.enb_ue_s1ap_id = 1;
  dl.nas_pdu = {0x07, 0x55, 0x01};
  const auto now = Clock::now();
  const auto out = enb.on_s1ap(view_of(encoded(dl)), now);
  ASSERT_TRUE(only<s1ap::ErrorIndication>(out));
  EXPECT_EQ(std::get<s1ap::ErrorIndication>(out[0].message).cause, (s1ap::Cause{s1ap::CauseGroup::protocol, 3}));
  s1ap::ErrorIndication e;
  e.cause = s1ap::Cause{s1ap::CauseGroup::protocol, 0};
  EXPECT_TRUE(enb.on_s1ap(view_of(encoded(e)), now).empty());
}

TEST(ReferenceEnbLogic, every_truncation_and_bit_flip_of_mme_messages_is_survived_with_valid_answers) {
  s1ap::UeContextModificationRequest ucm;
  ucm.mme_ue_s1ap_id = 10;
  ucm.enb_ue_s1ap_id = 1;
  ucm.security_key.emplace().fill(0x33);
  s1ap::HandoverRequest hr;
  hr.mme_ue_s1ap_id = 40;
  hr.e_rabs.push_back({5, {}, {127, 0, 0, 2}, 7, std::nullopt});
  hr.source_to_target_container = {0};
  hr.security_context = {1, {}};
  s1ap::UeContextReleaseCommand release;
  release.mme_ue_s1ap_id = 10;
  release.enb_ue_s1ap_id = 1;
  std::size_t inputs = 0;
  for (const auto& m : std::vector<s1ap::S1apMessage>{ucm, hr, release}) {
    const Bytes good = encoded(m);
    std::vector<Bytes> variants;
    for (std::size_t n = 0; n < good.size(); ++n) variants.emplace_back(good.begin(), good.begin() + n);
    for (std::size_t bit = 0; bit < good.size() * 8; ++bit) {
      Bytes b = good;
      b[bit / 8] ^= static_cast<std::uint8_t>(0x80u >> (bit % 8));
      variants.push_back(b);
    }
    for (const auto& v : variants) {
      Fixture f;
      f.control("handover 1 2 1");
      for (const auto& o : f.enb->on_s1ap(view_of(v), f.now)) ASSERT_TRUE(s1ap::encode(o.message).ok());
      for (const auto& o : f.enb->on_timers(f.now + 1h)) ASSERT_TRUE(s1ap::encode(o.message).ok());
      ++inputs;
    }
  }
  EXPECT_GT(inputs, 500u);
}

}  // namespace
}  // namespace concur::reference::enb
