// The UE role's rule-4 key view: which KASME the UE holds in NAS and which in AS, as a network
// that follows TS 33.401 7.2.10 must see it; and the NAS COUNTs its SMCs leave. Driven with real
// AKA vectors and protected SMCs.
#include <gtest/gtest.h>

#include <variant>

#include "codec/nas/pdu.h"
#include "roles/ue.h"
#include "security/aka.h"
#include "security/key_chain.h"
#include "security/milenage.h"
#include "security/nas_security.h"

namespace concur::roles {
namespace {

using security::KasmeRole;

// TS 35.208 4.3 test set 1: K and OPc.
const security::Key128 kK = security::Key128::from_hex("465b5ce8b199b49faa5f0a2ee238a6bc");
const security::Key128 kOpc = security::Key128::from_hex("cd63cb71954a9f4e48a5994e37a02baf");

/// The network's side of one AKA under `eksi`, played against `ue`; returns the KASME.
security::Key256 authenticate(Ue& ue, std::uint8_t eksi, std::uint8_t rand_fill, std::uint64_t sqn) {
  const security::Milenage hss(kK, kOpc);
  security::Rand rand{};
  rand.fill(rand_fill);
  const auto vector = security::generate_eps_auth_vector(hss, rand, sqn, {0x80, 0x00},
                                                         security::ServingNetworkId::from_digits("001", "01"));
  nas::AuthenticationRequest request;
  request.nas_ksi = {false, eksi};
  std::copy(vector.rand.begin(), vector.rand.end(), request.rand.begin());
  std::copy(vector.autn.begin(), vector.autn.end(), request.autn.begin());
  EXPECT_TRUE(std::holds_alternative<Bytes>(ue.answer_authentication(request))) << "AKA with SQN " << sqn;
  return vector.kasme;
}

/// One SECURITY MODE COMMAND protected with the network's context `network` (its eKSI and
/// algorithms), read and answered by `ue`; returns the SECURITY MODE COMPLETE.
Bytes secure(Ue& ue, security::NasSecurityContext& network) {
  nas::SecurityModeCommand smc;
  smc.selected_nas_security_algorithms = {static_cast<std::uint8_t>(network.eea()), static_cast<std::uint8_t>(network.eia()), 0};
  smc.nas_ksi = {false, network.ksi()};
  smc.replayed_ue_security_capabilities.eea = 0xE0;
  smc.replayed_ue_security_capabilities.eia = 0xE0;
  const Bytes pdu = security::protect(network, security::Direction::downlink,
                                      security::SecurityHeaderType::integrity_protected_new_context,
                                      view_of(nas::encode(nas::NasMessage(smc))));
  EXPECT_TRUE(std::holds_alternative<nas::NasMessage>(ue.read_downlink(view_of(pdu)))) << "the SMC verifies with the UE's own KASME";
  const auto complete = ue.answer_security_mode_command(smc);
  EXPECT_TRUE(std::holds_alternative<Bytes>(complete));
  return std::holds_alternative<Bytes>(complete) ? std::get<Bytes>(complete) : Bytes{};
}

/// AKA and SMC (128-EEA2/EIA2) under `eksi`; returns the KASME.
security::Key256 authenticate_and_secure(Ue& ue, std::uint8_t eksi, std::uint8_t rand_fill, std::uint64_t sqn) {
  const security::Key256 kasme = authenticate(ue, eksi, rand_fill, sqn);
  security::NasSecurityContext network(eksi, kasme, security::CipheringAlgorithm::eea2, security::IntegrityAlgorithm::eia2);
  secure(ue, network);
  return kasme;
}

TEST(UeKeyView, a_reauthentication_under_the_eksi_in_use_gives_a_new_kasme_that_waits_for_the_ucm) {
  // NextEPC 0.3.10 re-authenticates a connected UE with eKSI 0 again (lab/INTEROP.md): the new
  // KASME is new for rule 4 although its eKSI is the old one's.
  Ue ue(UsimConfig{"001010000000001", kK, kOpc});
  const security::Key256 first = authenticate_and_secure(ue, 0, 0x11, 32);
  ue.as_security_started();  // INITIAL CONTEXT SETUP: AS on the first KASME
  const security::Key256 second = authenticate_and_secure(ue, 0, 0x22, 64);
  ASSERT_FALSE(first == second);

  // TS 33.401 7.2.10's names: NAS moved to the new KASME, AS stays on the old one until the UCM.
  EXPECT_EQ(ue.kasme_role(second), KasmeRole::new_kasme);
  EXPECT_EQ(ue.kasme_role(first), KasmeRole::old_kasme);
  EXPECT_EQ(ue.nas_eksi(), 0);
}

TEST(UeKeyView, a_reauthentication_under_a_new_eksi_gives_a_new_kasme_too) {
  Ue ue(UsimConfig{"001010000000001", kK, kOpc});
  const security::Key256 first = authenticate_and_secure(ue, 0, 0x11, 32);
  ue.as_security_started();
  const security::Key256 second = authenticate_and_secure(ue, 1, 0x22, 64);
  EXPECT_EQ(ue.kasme_role(second), KasmeRole::new_kasme);
  EXPECT_EQ(ue.kasme_role(first), KasmeRole::old_kasme);
}

TEST(UeKeyView, the_first_smc_of_an_attach_gives_the_current_kasme) {
  Ue ue(UsimConfig{"001010000000001", kK, kOpc});
  const security::Key256 first = authenticate_and_secure(ue, 0, 0x11, 32);
  EXPECT_EQ(ue.kasme_role(first), KasmeRole::current_kasme);
  ue.as_security_started();
  EXPECT_EQ(ue.kasme_role(first), KasmeRole::current_kasme);
}

/// The uplink COUNT a SERVICE REQUEST carries in its 5-bit sequence number (TS 24.301 9.9.3.28);
/// the test's COUNTs stay below 32.
std::uint32_t count_of(const Bytes& service_request) { return service_request.at(1) & 0x1F; }

TEST(UeKeyView, after_a_release_the_service_requests_initial_context_setup_starts_a_new_chain) {
  // TS 33.401 7.2.9.1: the AS keys and NH chain die with the connection; the next ICS carries a
  // KeNB from the KASME NAS uses and the SERVICE REQUEST's uplink COUNT (A.3), and the chain
  // of every later handover hangs from it.
  Ue ue(UsimConfig{"001010000000001", kK, kOpc});
  const security::Key256 kasme = authenticate_and_secure(ue, 0, 0x11, 32);
  ue.as_security_started();
  const security::KasmeChain first_connection(0, kasme, 0);  // SMC COMPLETE was uplink COUNT 0
  ue.connection_released();

  const std::optional<Bytes> sr = ue.service_request();
  ASSERT_TRUE(sr);
  ue.as_security_started();
  const security::KasmeChain second_connection(0, kasme, count_of(*sr));
  ASSERT_FALSE(first_connection.kenb() == second_connection.kenb());
  ASSERT_TRUE(ue.service_request_kenb() && *ue.service_request_kenb() == second_connection.kenb());

  const auto on_new = ue.attribute(2, second_connection.at_step(2));
  EXPECT_EQ(on_new.kind, security::NhAttribution::Kind::on_chain) << on_new.explanation;
  EXPECT_EQ(on_new.role, KasmeRole::current_kasme);
  const auto on_released = ue.attribute(2, first_connection.at_step(2));
  EXPECT_EQ(on_released.kind, security::NhAttribution::Kind::unknown)
      << "the released connection's chain explains nothing any more: " << on_released.explanation;
}

TEST(UeKeyView, a_release_inside_the_rule_3_window_makes_the_new_kasme_the_one_as_starts_on) {
  Ue ue(UsimConfig{"001010000000001", kK, kOpc});
  const security::Key256 first = authenticate_and_secure(ue, 0, 0x11, 32);
  ue.as_security_started();
  const security::Key256 second = authenticate_and_secure(ue, 1, 0x22, 64);
  ASSERT_EQ(ue.kasme_role(second), KasmeRole::new_kasme);
  ue.connection_released();  // no UCM came: the new KASME is taken into use on the way back

  const std::optional<Bytes> sr = ue.service_request();
  ASSERT_TRUE(sr);
  ue.as_security_started();
  EXPECT_EQ(ue.kasme_role(second), KasmeRole::current_kasme);
  EXPECT_EQ(ue.kasme_role(first), std::nullopt);
  const security::KasmeChain chain(1, second, count_of(*sr));
  EXPECT_EQ(ue.attribute(1, chain.at_step(1)).kind, security::NhAttribution::Kind::on_chain);
}

/// The uplink NAS COUNT of a SECURITY MODE COMPLETE (header type 4): its sequence number, octet 6
/// (TS 24.301 9.1); the test's COUNTs stay below 256.
std::uint32_t uplink_count_of(const Bytes& smc_complete) { return smc_complete.at(5); }

TEST(UeNasCount, a_retransmitted_smc_is_answered_with_the_next_uplink_count_not_a_repeated_one) {
  // TS 24.301 4.4.3.1: the COUNTs start at zero with the first SMC after an AKA; a retransmitted
  // SMC (T3460) is not the first, and every outbound message, retransmitted or not, takes the
  // next COUNT. A repeated uplink COUNT under the same key is a replay the MME may drop.
  Ue ue(UsimConfig{"001010000000001", kK, kOpc});
  const security::Key256 kasme = authenticate(ue, 0, 0x11, 32);
  security::NasSecurityContext network(0, kasme, security::CipheringAlgorithm::eea2, security::IntegrityAlgorithm::eia2);
  const Bytes first = secure(ue, network);
  const Bytes again = secure(ue, network);  // the same SMC once more, under downlink COUNT 1
  EXPECT_EQ(uplink_count_of(first), 0u);
  EXPECT_EQ(uplink_count_of(again), 1u);
  const auto v = security::verify_at(network, security::Direction::uplink, view_of(again), 1);
  ASSERT_TRUE(v.ok()) << v.error().to_string();
  EXPECT_TRUE(v->mac_valid) << "the second SECURITY MODE COMPLETE verifies with the network's context at COUNT 1";
  EXPECT_EQ(ue.nas_eksi(), 0);
}

TEST(UeNasCount, an_smc_changing_the_algorithms_of_the_context_in_use_keeps_its_counts) {
  Ue ue(UsimConfig{"001010000000001", kK, kOpc});
  const security::Key256 kasme = authenticate(ue, 0, 0x11, 32);
  security::NasSecurityContext network(0, kasme, security::CipheringAlgorithm::eea2, security::IntegrityAlgorithm::eia2);
  secure(ue, network);
  ue.protect_uplink(nas::NasMessage(nas::AttachComplete{}));  // uplink COUNT 1
  security::NasSecurityContext eia1(0, kasme, security::CipheringAlgorithm::eea1, security::IntegrityAlgorithm::eia1);
  eia1.set_next_count(security::Direction::downlink, network.next_count(security::Direction::downlink));
  const Bytes complete = secure(ue, eia1);
  EXPECT_EQ(uplink_count_of(complete), 2u);
  const auto v = security::verify_at(eia1, security::Direction::uplink, view_of(complete), 2);
  ASSERT_TRUE(v.ok()) << v.error().to_string();
  EXPECT_TRUE(v->mac_valid) << "protected with 128-EIA1 at COUNT 2";
}

TEST(UeNasCount, the_first_smc_after_a_new_aka_under_the_same_eksi_starts_the_counts_at_zero) {
  // NextEPC 0.3.10 re-authenticates with eKSI 0 again (lab/INTEROP.md): a new KASME, so a new
  // context whose COUNTs start at zero although an eKSI-0 context is in use.
  Ue ue(UsimConfig{"001010000000001", kK, kOpc});
  const security::Key256 first = authenticate(ue, 0, 0x11, 32);
  security::NasSecurityContext old_context(0, first, security::CipheringAlgorithm::eea2, security::IntegrityAlgorithm::eia2);
  secure(ue, old_context);
  ue.protect_uplink(nas::NasMessage(nas::AttachComplete{}));
  const security::Key256 second = authenticate(ue, 0, 0x22, 64);
  security::NasSecurityContext new_context(0, second, security::CipheringAlgorithm::eea2, security::IntegrityAlgorithm::eia2);
  EXPECT_EQ(uplink_count_of(secure(ue, new_context)), 0u);
}

}  // namespace
}  // namespace concur::roles
