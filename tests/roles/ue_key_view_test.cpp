// The UE role's rule-4 key view: which KASME the UE holds in NAS and which in AS, as a network
// that follows TS 33.401 7.2.10 must see it. Driven with real AKA vectors and protected SMCs.
#include <gtest/gtest.h>

#include <variant>

#include "codec/nas/pdu.h"
#include "roles/ue.h"
#include "security/aka.h"
#include "security/milenage.h"
#include "security/nas_security.h"

namespace concur::roles {
namespace {

using security::KasmeRole;

// TS 35.208 4.3 test set 1: K and OPc.
const security::Key128 kK = security::Key128::from_hex("465b5ce8b199b49faa5f0a2ee238a6bc");
const security::Key128 kOpc = security::Key128::from_hex("cd63cb71954a9f4e48a5994e37a02baf");

/// The network's side of one AKA and SMC under `eksi`, played against `ue`; returns the KASME.
security::Key256 authenticate_and_secure(Ue& ue, std::uint8_t eksi, std::uint8_t rand_fill, std::uint64_t sqn) {
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

  nas::SecurityModeCommand smc;
  smc.selected_nas_security_algorithms = {2, 2, 0};  // 128-EEA2, 128-EIA2
  smc.nas_ksi = {false, eksi};
  smc.replayed_ue_security_capabilities.eea = 0xE0;
  smc.replayed_ue_security_capabilities.eia = 0xE0;
  security::NasSecurityContext network(eksi, vector.kasme, security::CipheringAlgorithm::eea2,
                                       security::IntegrityAlgorithm::eia2);
  const Bytes pdu = security::protect(network, security::Direction::downlink,
                                      security::SecurityHeaderType::integrity_protected_new_context,
                                      view_of(nas::encode(nas::NasMessage(smc))));
  EXPECT_TRUE(std::holds_alternative<nas::NasMessage>(ue.read_downlink(view_of(pdu)))) << "the SMC verifies with the UE's own KASME";
  EXPECT_TRUE(std::holds_alternative<Bytes>(ue.answer_security_mode_command(smc)));
  return vector.kasme;
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

}  // namespace
}  // namespace concur::roles
