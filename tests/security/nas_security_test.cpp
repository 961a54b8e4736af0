#include "security/nas_security.h"

#include <gtest/gtest.h>

#include "test_hex.h"

namespace concur::security {
namespace {

using testing::k256;

// KASME of PROTOCOL-FACTS §1.5 (b); the NAS keys it gives for EEA2/EIA2 are the §1.5 (c)
// regression values checked in kdf_test.
const char* const kKasme = "238e457e0f758badbca8d34bb2612c10428d426757cb5553b2b184fa64bfc549";

NasSecurityContext eps_context(CipheringAlgorithm eea = CipheringAlgorithm::eea2,
                               IntegrityAlgorithm eia = IntegrityAlgorithm::eia2) {
  return NasSecurityContext(1, k256(kKasme), eea, eia);
}

// An ATTACH ACCEPT-sized plain EMM message (30 octets; content is opaque to this layer).
const Bytes kPlain = from_hex("0742013e060000f1100001001b5201c101090908696e7465726e6574050201");

TEST(NasProtect, integrity_protected_pdu_has_header_mac_sqn_then_the_plain_message) {
  NasSecurityContext ctx = eps_context();
  ctx.set_next_count(Direction::downlink, 0x000123);
  const Bytes pdu = protect(ctx, Direction::downlink, SecurityHeaderType::integrity_protected, kPlain);
  ASSERT_EQ(pdu.size(), 6 + kPlain.size());
  EXPECT_EQ(pdu[0], 0x17);  // header type 1, PD 7
  EXPECT_EQ(pdu[5], 0x23);  // SQN = COUNT mod 256
  EXPECT_EQ(Bytes(pdu.begin() + 6, pdu.end()), kPlain);
  // MAC = 128-EIA2(K_NASint, COUNT, BEARER 0, DIRECTION 1, SQN || message) (24.301 4.4.3.3).
  const Mac32 mac = integrity_mac(IntegrityAlgorithm::eia2, ctx.k_nas_int(), 0x000123, 0, Direction::downlink,
                                  BitString::whole(ByteView(pdu).subspan(5)));
  EXPECT_EQ(to_hex(ByteView(pdu).subspan(1, 4)), to_hex(ByteView(mac)));
  EXPECT_EQ(ctx.next_count(Direction::downlink), 0x000124u);
}

TEST(NasProtect, ciphered_pdu_carries_the_eea2_ciphertext_of_the_message) {
  NasSecurityContext ctx = eps_context();
  const Bytes pdu = protect(ctx, Direction::uplink, SecurityHeaderType::integrity_protected_ciphered, kPlain);
  EXPECT_EQ(pdu[0], 0x27);
  const Bytes expected = eea2(ctx.k_nas_enc(), 0, 0, 0, BitString::whole(kPlain));
  EXPECT_EQ(Bytes(pdu.begin() + 6, pdu.end()), expected);
  EXPECT_NE(expected, kPlain);
}

TEST(NasVerify, each_algorithm_pair_round_trips_in_both_directions) {
  for (auto eea : {CipheringAlgorithm::eea0, CipheringAlgorithm::eea1, CipheringAlgorithm::eea2, CipheringAlgorithm::eea3})
    for (auto eia : {IntegrityAlgorithm::eia1, IntegrityAlgorithm::eia2, IntegrityAlgorithm::eia3})
      for (auto dir : {Direction::uplink, Direction::downlink}) {
        NasSecurityContext sender = eps_context(eea, eia), receiver = eps_context(eea, eia);
        const Bytes pdu = protect(sender, dir, SecurityHeaderType::integrity_protected_ciphered, kPlain);
        const auto v = verify(receiver, dir, pdu);
        ASSERT_TRUE(v.ok()) << v.error().to_string();
        EXPECT_TRUE(v->mac_valid) << name(eea) << "/" << name(eia);
        EXPECT_EQ(v->message, kPlain);
        EXPECT_EQ(receiver.next_count(dir), 1u);
      }
}

TEST(NasVerify, a_changed_octet_or_the_wrong_direction_fails_the_mac_and_keeps_the_count) {
  NasSecurityContext sender = eps_context(), receiver = eps_context();
  Bytes pdu = protect(sender, Direction::uplink, SecurityHeaderType::integrity_protected, kPlain);
  EXPECT_FALSE(verify_at(receiver, Direction::downlink, pdu, 0)->mac_valid);
  pdu.back() ^= 0x01;
  const auto v = verify(receiver, Direction::uplink, pdu);
  ASSERT_TRUE(v.ok());
  EXPECT_FALSE(v->mac_valid);
  EXPECT_NE(v->received_mac, v->expected_mac);
  EXPECT_EQ(receiver.next_count(Direction::uplink), 0u);
}

TEST(NasVerify, a_replayed_pdu_fails_because_its_sqn_now_means_the_next_overflow) {
  NasSecurityContext sender = eps_context(), receiver = eps_context();
  const Bytes pdu = protect(sender, Direction::uplink, SecurityHeaderType::integrity_protected, kPlain);
  ASSERT_TRUE(verify(receiver, Direction::uplink, pdu)->mac_valid);
  const auto replay = verify(receiver, Direction::uplink, pdu);
  EXPECT_FALSE(replay->mac_valid);
  EXPECT_EQ(replay->count, 0x100u);
}

TEST(NasVerify, counts_stay_in_step_across_the_8_bit_sqn_overflow) {
  NasSecurityContext sender = eps_context(), receiver = eps_context();
  sender.set_next_count(Direction::downlink, 0x00FFF0);
  receiver.set_next_count(Direction::downlink, 0x00FFF0);
  for (int i = 0; i < 40; ++i) {
    const Bytes pdu = protect(sender, Direction::downlink, SecurityHeaderType::integrity_protected_ciphered, kPlain);
    const auto v = verify(receiver, Direction::downlink, pdu);
    ASSERT_TRUE(v->mac_valid) << "message " << i;
    EXPECT_EQ(v->count, 0x00FFF0u + i);
  }
}

TEST(NasVerify, a_lost_message_is_bridged_by_the_count_estimate) {
  NasSecurityContext sender = eps_context(), receiver = eps_context();
  protect(sender, Direction::uplink, SecurityHeaderType::integrity_protected, kPlain);  // lost
  const Bytes second = protect(sender, Direction::uplink, SecurityHeaderType::integrity_protected, kPlain);
  const auto v = verify(receiver, Direction::uplink, second);
  EXPECT_TRUE(v->mac_valid);
  EXPECT_EQ(v->count, 1u);
}

TEST(NasCountEstimate, uses_the_stored_overflow_and_increments_it_when_the_sqn_wrapped) {
  EXPECT_EQ(estimate_nas_count(0x0000FE, 0xFF), 0x0000FFu);
  EXPECT_EQ(estimate_nas_count(0x000102, 0x01), 0x000201u);
  EXPECT_EQ(estimate_nas_count(0x000102, 0x02), 0x000102u);
  EXPECT_EQ(estimate_nas_count(0xFFFFFF, 0x00), 0x000000u) << "NAS COUNT is 24 bits and wraps";
  EXPECT_EQ(nas_count(0x0102, 0x03), 0x010203u);
  EXPECT_EQ(estimate_nas_count_5bit(0x00003E, 0x01), 0x000041u);
}

TEST(NasVerify, service_request_short_mac_is_the_low_two_octets_of_the_mac_over_octets_1_and_2) {
  NasSecurityContext ue = eps_context(), mme = eps_context();
  const std::uint32_t count = 0x000045;  // SQN5 = 5
  Bytes pdu = {0xC7, static_cast<std::uint8_t>((1 << 5) | (count & 0x1F)), 0, 0};
  const Mac32 mac = nas_mac(ue.eia(), ue.k_nas_int(), count, Direction::uplink, ByteView(pdu).first(2));
  pdu[2] = mac[2];
  pdu[3] = mac[3];
  mme.set_next_count(Direction::uplink, 0x000043);
  const auto v = verify(mme, Direction::uplink, pdu);
  ASSERT_TRUE(v.ok()) << v.error().to_string();
  EXPECT_EQ(v->header_type, SecurityHeaderType::service_request);
  EXPECT_TRUE(v->mac_valid);
  EXPECT_EQ(v->count, count);
  EXPECT_EQ(mme.next_count(Direction::uplink), count + 1);
}

TEST(NasVerify, eia0_contexts_do_not_check_the_mac) {
  NasSecurityContext ctx = eps_context(CipheringAlgorithm::eea0, IntegrityAlgorithm::eia0);
  Bytes pdu = protect(ctx, Direction::uplink, SecurityHeaderType::integrity_protected, kPlain);
  EXPECT_EQ(to_hex(ByteView(pdu).subspan(1, 4)), "00000000");
  pdu[1] = 0x55;
  NasSecurityContext rx = eps_context(CipheringAlgorithm::eea0, IntegrityAlgorithm::eia0);
  EXPECT_TRUE(verify(rx, Direction::uplink, pdu)->mac_valid);
}

struct Malformed {
  const char* what;
  const char* pdu;
  const char* field;
  std::size_t offset;
};

class NasVerifyMalformed : public ::testing::TestWithParam<Malformed> {};

TEST_P(NasVerifyMalformed, is_a_decode_error_naming_field_and_offset) {
  const NasSecurityContext ctx = eps_context();
  const auto r = verify_at(ctx, Direction::uplink, from_hex(GetParam().pdu), 0);
  ASSERT_FALSE(r.ok()) << GetParam().what;
  EXPECT_EQ(r.error().field, GetParam().field) << r.error().to_string();
  EXPECT_EQ(r.error().offset, GetParam().offset) << r.error().to_string();
}

INSTANTIATE_TEST_SUITE_P(
    Inputs, NasVerifyMalformed,
    ::testing::Values(Malformed{"empty", "", "NAS.security_header_type", 0},
                      Malformed{"ESM PD", "2200000000000201", "NAS.protocol_discriminator", 0},
                      Malformed{"plain", "0741", "NAS.security_header_type", 0},
                      Malformed{"reserved type 7", "77000000000007", "NAS.security_header_type", 0},
                      Malformed{"partially ciphered", "57000000000007", "NAS.security_header_type", 0},
                      Malformed{"cut in the MAC", "270102", "NAS.message_authentication_code", 1},
                      Malformed{"no SQN", "2701020304", "NAS.sequence_number", 5},
                      Malformed{"no message", "270102030405", "NAS.message", 6},
                      Malformed{"short service request", "c701", "NAS.short_mac", 2},
                      Malformed{"long service request", "c7010203ff", "NAS.service_request", 4}),
    [](const auto& p) {
      std::string n = p.param.what;
      for (char& c : n)
        if (c == ' ') c = '_';
      return n;
    });

TEST(NasContextStore, keeps_contexts_by_eksi_and_switches_the_current_one_on_smc) {
  NasContextStore store;
  store.store(NasSecurityContext(0, k256(kKasme), CipheringAlgorithm::eea2, IntegrityAlgorithm::eia2));
  EXPECT_TRUE(store.take_into_use(0));
  const Key256 new_kasme = derive_kenb(k256(kKasme), 99);  // any other 256-bit key
  store.store(NasSecurityContext(1, new_kasme, CipheringAlgorithm::eea2, IntegrityAlgorithm::eia2));
  EXPECT_EQ(store.current_ksi(), 0);
  ASSERT_NE(store.find(1), nullptr);
  EXPECT_TRUE(store.find(1)->kasme() == new_kasme);
  EXPECT_TRUE(store.take_into_use(1));
  EXPECT_EQ(store.current()->ksi(), 1);
  EXPECT_NE(store.find(0), nullptr) << "the old native context stays as non-current";
  EXPECT_FALSE(store.take_into_use(5));
  store.remove(1);
  EXPECT_EQ(store.current(), nullptr);
  EXPECT_THROW(NasSecurityContext(7, new_kasme, CipheringAlgorithm::eea2, IntegrityAlgorithm::eia2),
               std::invalid_argument);
}

TEST(NasContextStore, smc_and_smc_complete_are_checked_with_the_new_context_and_others_with_the_current) {
  NasContextStore mme;
  mme.store(NasSecurityContext(0, k256(kKasme), CipheringAlgorithm::eea2, IntegrityAlgorithm::eia2));
  mme.take_into_use(0);
  const Key256 kasme2 = derive_kenb(k256(kKasme), 5);
  mme.store(NasSecurityContext(1, kasme2, CipheringAlgorithm::eea1, IntegrityAlgorithm::eia1));

  // The UE answers the SMC (header type 3, new context eKSI 1) with SMC COMPLETE (type 4).
  NasSecurityContext ue_new(1, kasme2, CipheringAlgorithm::eea1, IntegrityAlgorithm::eia1);
  const Bytes complete = protect(ue_new, Direction::uplink, SecurityHeaderType::integrity_protected_ciphered_new_context,
                                 from_hex("075e"));
  NasSecurityContext* ctx = mme.for_header_type(SecurityHeaderType::integrity_protected_ciphered_new_context);
  ASSERT_NE(ctx, nullptr);
  EXPECT_EQ(ctx->ksi(), 1);
  const auto v = verify(*ctx, Direction::uplink, complete);
  EXPECT_TRUE(v->mac_valid);
  EXPECT_EQ(v->message, from_hex("075e"));
  EXPECT_EQ(mme.for_header_type(SecurityHeaderType::integrity_protected)->ksi(), 0);
  EXPECT_EQ(mme.for_header_type(SecurityHeaderType::integrity_protected_new_context, 0)->ksi(), 0);
  mme.store(NasSecurityContext(2, kasme2, CipheringAlgorithm::eea2, IntegrityAlgorithm::eia2));
  EXPECT_EQ(mme.for_header_type(SecurityHeaderType::integrity_protected_new_context), nullptr)
      << "two non-current contexts: the SMC's eKSI is needed";
}

}  // namespace
}  // namespace concur::security
