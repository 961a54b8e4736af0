// The library's parts used together as an attach runs: the HSS makes an EPS AV, the USIM accepts
// it, both sides build the NAS security context from KASME, the SMC (header type 3) and its
// COMPLETE (type 4) verify on the other side, and UE and MME derive the same KeNB from the uplink
// NAS COUNT of the last uplink message (33.401 7.2.6.x, A.3).
#include <gtest/gtest.h>

#include "security/aka.h"
#include "security/key_chain.h"
#include "security/nas_security.h"
#include "test_hex.h"

namespace concur::security {
namespace {

using testing::arr;
using testing::k128;

TEST(AttachFlow, aka_then_smc_then_initial_context_setup_leave_ue_and_mme_with_the_same_keys) {
  // TS 35.208 test set 4 subscriber (K, OPc) and RAND; SQN chosen one SEQ above the USIM's.
  const Milenage subscriber(k128("9e5944aea94b81165c82fbf9f32db751"), k128("a64a507ae1a2a98bb88eb4210135dc87"));
  const Rand rand = arr<16>("ce83dbc54ac0274a157c17f80d017bd6");
  const ServingNetworkId sn = ServingNetworkId::from_digits("262", "01");
  const std::uint64_t usim_sqn = (0x1234ull << 5) | 3, hss_sqn = (0x1235ull << 5) | 4;

  const EpsAuthVector av = generate_eps_auth_vector(subscriber, rand, hss_sqn, Amf{0x80, 0x00}, sn);
  UsimSqnWindow window(UsimSqnWindow::Params{}, usim_sqn);
  const AkaOutcome aka = ue_authenticate(subscriber, window, av.rand, av.autn, sn);
  ASSERT_TRUE(std::holds_alternative<AkaSuccess>(aka));
  const auto& ue_aka = std::get<AkaSuccess>(aka);
  ASSERT_EQ(ue_aka.res, av.xres) << "AUTHENTICATION RESPONSE would be accepted";

  // Both sides store the new native context (eKSI 2) as non-current until the SMC.
  NasContextStore mme, ue;
  mme.store(NasSecurityContext(2, av.kasme, CipheringAlgorithm::eea2, IntegrityAlgorithm::eia2));
  ue.store(NasSecurityContext(2, ue_aka.kasme, CipheringAlgorithm::eea2, IntegrityAlgorithm::eia2));

  // SECURITY MODE COMMAND (plain part opaque here): integrity protected with the new context.
  const Bytes smc = protect(*mme.find(2), Direction::downlink, SecurityHeaderType::integrity_protected_new_context,
                            from_hex("075d22020480e0"));
  NasSecurityContext* ue_ctx = ue.for_header_type(SecurityHeaderType::integrity_protected_new_context, 2);
  ASSERT_NE(ue_ctx, nullptr);
  ASSERT_TRUE(verify(*ue_ctx, Direction::downlink, smc)->mac_valid);
  ue.take_into_use(2);

  const Bytes complete = protect(*ue.current(), Direction::uplink,
                                 SecurityHeaderType::integrity_protected_ciphered_new_context, from_hex("075e"));
  ASSERT_TRUE(verify(*mme.for_header_type(SecurityHeaderType::integrity_protected_ciphered_new_context),
                     Direction::uplink, complete)
                  ->mac_valid);
  mme.take_into_use(2);

  // Initial Context Setup: KeNB from the uplink NAS COUNT of the SMC COMPLETE (COUNT 0).
  EXPECT_EQ(mme.current()->last_uplink_count(), 0u);
  NetworkKeyState net;
  UeKeyState ue_as;
  const Key256 kenb_mme = net.initial_context_setup(2, mme.current()->kasme(), mme.current()->last_uplink_count());
  const Key256 kenb_ue = ue_as.initial_as_security(2, ue.current()->kasme(), ue.current()->last_uplink_count());
  EXPECT_TRUE(kenb_mme == kenb_ue);
  EXPECT_EQ(kenb_mme.fingerprint(), kenb_ue.fingerprint());
}

}  // namespace
}  // namespace concur::security
