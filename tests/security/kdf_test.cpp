#include "security/kdf.h"

#include <gtest/gtest.h>

#include "test_hex.h"

namespace concur::security {
namespace {

using testing::arr;
using testing::k128;
using testing::k256;

// ---- PROTOCOL-FACTS §1.5 (a): srsRAN 4G lib/test/common/test_security_kdf.cc (srsran/srsRAN_4G @ 1fab3df8) ----

const char* const kSrsKasme = "d5ef4d8f33266902295d42f322a2f2cf11fb2ccc124c09b4d88d361597037990";
const char* const kSrsKenb = "c4c7bc798ab94e3d354cd6608e79aa92f5569df46519507850051e36f018ca5f";

TEST(KdfSrsranVectors, kasme_from_ck_ik_sn_id_and_sqn_xor_ak) {
  const auto sn = ServingNetworkId::from_digits("001", "01");
  EXPECT_EQ(to_hex(ByteView(sn.octets())), "00f110");
  const Key256 kasme = derive_kasme(k128("7bc15d69309cf3ec5d324404edd6f0f9"), k128("c15d69309cf3ec5d324404edd6f0f97b"),
                                    sn, arr<6>("5d69309ce135"));
  EXPECT_EQ(kasme.reveal_hex(), kSrsKasme);
}

TEST(KdfSrsranVectors, nas_encryption_key_for_eea0_is_the_full_kdf_output_truncated) {
  const Key256 full = derive_algorithm_key_256(k256(kSrsKasme), AlgorithmDistinguisher::nas_enc, 0);
  EXPECT_EQ(full.reveal_hex(), "cf7a27beab1e78bf5bb1f95b05829a72e4cf7fecbad4b8c37db4a190e119225c");
  EXPECT_EQ(derive_algorithm_key(k256(kSrsKasme), AlgorithmDistinguisher::nas_enc, 0).reveal_hex(),
            "e4cf7fecbad4b8c37db4a190e119225c");
}

TEST(KdfSrsranVectors, nas_integrity_key_for_eia1) {
  EXPECT_EQ(derive_algorithm_key_256(k256(kSrsKasme), AlgorithmDistinguisher::nas_int, 1).reveal_hex(),
            "b855871d17d4a717e931d9a6069c6e54b79408e243dd367dc8c6392295b3b451");
}

TEST(KdfSrsranVectors, kenb_from_kasme_and_uplink_nas_count_zero) {
  EXPECT_EQ(derive_kenb(k256("6144c681d1bea9dae1b8cf6cd10a686341db8046a1e7a9ab4d1ea0e33c994ac0"), 0).reveal_hex(), kSrsKenb);
}

TEST(KdfSrsranVectors, rrc_and_up_keys_from_kenb) {
  const Key256 kenb = k256(kSrsKenb);
  EXPECT_EQ(derive_algorithm_key_256(kenb, AlgorithmDistinguisher::rrc_enc, 0).reveal_hex(),
            "23afdd7b2e4a5a99c778827859cf451486a275788b6f36a5b9b810f5d472a24b");
  EXPECT_EQ(derive_algorithm_key_256(kenb, AlgorithmDistinguisher::rrc_int, 2).reveal_hex(),
            "42f4f8c585ae8905a50d0f32a979d8b6fa1d6d1940f1d879cf0189342a8d73c2");
  EXPECT_EQ(derive_algorithm_key_256(kenb, AlgorithmDistinguisher::up_enc, 0).reveal_hex(),
            "22bfb58761ca1dd3b20a281c7eab0c0b9c3c92e1ddc0c8c5706cbb8f955e8263");
  EXPECT_EQ(derive_algorithm_key_256(kenb, AlgorithmDistinguisher::up_int, 2).reveal_hex(),
            "820dcdf3b9c94b32f841c25cc878aa077716c783a53fd3ee582fc569e9c33ca7");
}

TEST(KdfSrsranVectors, kenb_star_for_pci_32_and_earfcn_561) {
  EXPECT_EQ(derive_kenb_star(k256(kSrsKenb), 32, 561).reveal_hex(),
            "6f0454577f555ca76f449c2ac1da0f4fb7de4b9440110ffbd12f3a5d4de17350");
}

TEST(KdfSrsranVectors, nh_from_kasme_with_a_given_sync_input) {
  const Key256 sync = k256("0000000000000000000000000000000000000000000000000000000000000012");
  EXPECT_EQ(derive_nh(k256(kSrsKasme), sync).reveal_hex(),
            "c855866413071b74aba01c132b943e7698aa5c11760d9bb1162ab313b11c6051");
}

// ---- PROTOCOL-FACTS §1.5 (b): open5gs tests/unit/security-test.c security_test3 (open5gs/open5gs @ 8f25f3be) ----

const char* const kOgsKasme = "238e457e0f758badbca8d34bb2612c10428d426757cb5553b2b184fa64bfc549";

TEST(KdfOpen5gsVector, kasme_from_raw_sn_id_octets) {
  const Key256 kasme =
      derive_kasme(k128("b40ba9a3c58b2a05bbf0d987b21bf8cb"), k128("f769bcd751044604127672711c6d3441"),
                   ServingNetworkId::from_octets(arr<3>("024830")), arr<6>("57e673245c0d"));
  EXPECT_EQ(kasme.reveal_hex(), kOgsKasme);
}

// ---- PROTOCOL-FACTS §1.5 (c): REGRESSION VALUES, self-computed by [VER] chain.py from (b) with the
// formulas of §1.2. Not an external vector: they guard against change, not prove conformance. ----

TEST(KdfRegressionValues, kenb_and_the_first_three_nh_steps_from_the_open5gs_kasme) {
  const Key256 kasme = k256(kOgsKasme);
  const Key256 kenb = derive_kenb(kasme, 0);
  EXPECT_EQ(kenb.reveal_hex(), "0650eaf36cfaf5afca0bda96a5224406d6436b2bb0cf4cfde700aa59aa340f00");
  const Key256 nh1 = derive_nh(kasme, kenb);
  EXPECT_EQ(nh1.reveal_hex(), "783a78d6140040c25eb11b02650e3e8e26693e92977c8c9a37e340aa1594129b");
  const Key256 nh2 = derive_nh(kasme, nh1);
  EXPECT_EQ(nh2.reveal_hex(), "c38f0ff5a3ca01e85005c506e11a72c440764706bb6b707911c7be7910c8ff4b");
  EXPECT_EQ(derive_nh(kasme, nh2).reveal_hex(), "63016c153671e212ed08792a65102d3c82d74d82736df0040218c1886b878090");
}

TEST(KdfRegressionValues, nas_keys_for_eea2_and_eia2) {
  EXPECT_EQ(derive_algorithm_key(k256(kOgsKasme), AlgorithmDistinguisher::nas_enc, 2).reveal_hex(),
            "f410423adcb0da8c2669b6c5c6d07e94");
  EXPECT_EQ(derive_algorithm_key(k256(kOgsKasme), AlgorithmDistinguisher::nas_int, 2).reveal_hex(),
            "a00b065e749d2cf958798585e7e11222");
}

TEST(KdfRegressionValues, horizontal_and_vertical_kenb_star_for_pci_1_earfcn_100) {
  const Key256 kasme = k256(kOgsKasme);
  const Key256 kenb = derive_kenb(kasme, 0);
  EXPECT_EQ(derive_kenb_star(kenb, 1, 100).reveal_hex(),
            "ba9b85eb620722da41472a171dde99a29c5e78d2826b226565b4caf63f465e47");
  const Key256 nh2 = derive_nh(kasme, derive_nh(kasme, kenb));
  EXPECT_EQ(derive_kenb_star(nh2, 1, 100).reveal_hex(),
            "9c8e6c1ef6a38ddbed755eef500fdb19ca25635f836f4226a1ea84734465af2e");
}

TEST(KdfRegressionValues, ck_ik_prime_for_handover_to_utran_with_downlink_count_5) {
  const CkIkPrime k = derive_ck_ik_handover(k256(kOgsKasme), 5);
  EXPECT_EQ(k.ck.reveal_hex(), "e819eb857358fafde52f72600e9d2e23");
  EXPECT_EQ(k.ik.reveal_hex(), "f3a167439e50afa0702f52356567e90d");
}

TEST(KdfRegressionValues, kasme_prime_at_handover_and_idle_mobility_from_utran) {
  const Key128 ck = k128("b40ba9a3c58b2a05bbf0d987b21bf8cb");
  const Key128 ik = k128("f769bcd751044604127672711c6d3441");
  EXPECT_EQ(derive_kasme_prime_handover(ck, ik, 0x01020304).reveal_hex(),
            "047765fe1b5618f5e40388a3003f07b8a87bc3d644578bf449975194e41260b3");
  EXPECT_EQ(derive_kasme_prime_idle(ck, ik, 0x11223344, 0x55667788).reveal_hex(),
            "489554cf273ba2466b2de828022a44b97f5d9b189630e9de25bab4ac64a34d31");
}

// ---- Properties that need no external vector ----

TEST(KdfParameters, kdf_input_string_is_fc_then_each_parameter_followed_by_its_2_octet_length) {
  // A.2 built by hand through the generic KDF must equal the dedicated derivation.
  const Key128 ck = k128("7bc15d69309cf3ec5d324404edd6f0f9"), ik = k128("c15d69309cf3ec5d324404edd6f0f97b");
  Bytes key(ck.view().begin(), ck.view().end());
  key.insert(key.end(), ik.view().begin(), ik.view().end());
  const Bytes sn = from_hex("00f110"), sqn = from_hex("5d69309ce135");
  EXPECT_EQ(kdf(key, 0x10, {sn, sqn}).reveal_hex(), kSrsKasme);
}

TEST(KdfParameters, sn_id_of_a_three_digit_mnc_puts_mnc3_beside_mcc3) {
  // MCC 310, MNC 260. SN id (24.301 digit order, PROTOCOL-FACTS §1.2): MCC2|MCC1 = 13,
  // MNC3|MCC3 = 00, MNC2|MNC1 = 62. The S1AP PLMN Identity of the same network would be 13 20 06
  // (MNC1 beside MCC3, PROTOCOL-FACTS Unverified 5): copying it would give a different KASME.
  EXPECT_EQ(to_hex(ByteView(ServingNetworkId::from_digits("310", "260").octets())), "130062");
  EXPECT_EQ(to_hex(ByteView(ServingNetworkId::from_digits("262", "01").octets())), "62f210");
}

TEST(KdfParameters, sn_id_from_an_s1ap_plmn_identity_reorders_a_three_digit_mnc) {
  // 36.413 9.2.3.8 digit order: MCC 310 / MNC 260 is 13 20 06 on S1AP; the SN id is 13 00 62.
  const auto sn = ServingNetworkId::from_plmn_identity(testing::arr<3>("132006"));
  EXPECT_EQ(to_hex(ByteView(sn.octets())), "130062");
  EXPECT_EQ(sn.digits(), "310-260");
  // 2-digit MNCs have the same octets in both codings (00F110 = MCC 001, MNC 01).
  EXPECT_EQ(to_hex(ByteView(ServingNetworkId::from_plmn_identity(testing::arr<3>("00f110")).octets())), "00f110");
  EXPECT_EQ(ServingNetworkId::from_plmn_identity(testing::arr<3>("00f110")).digits(), "001-01");
  EXPECT_THROW(ServingNetworkId::from_plmn_identity(testing::arr<3>("0af110")), std::invalid_argument);
  EXPECT_THROW(ServingNetworkId::from_plmn_identity(testing::arr<3>("00e110")), std::invalid_argument);
}

TEST(KdfParameters, sn_id_rejects_malformed_digits) {
  EXPECT_THROW(ServingNetworkId::from_digits("31", "26"), std::invalid_argument);
  EXPECT_THROW(ServingNetworkId::from_digits("310", "2"), std::invalid_argument);
  EXPECT_THROW(ServingNetworkId::from_digits("3a0", "26"), std::invalid_argument);
}

TEST(KdfParameters, kenb_star_uses_a_3_octet_earfcn_only_above_65535) {
  const Key256 kenb = k256(kSrsKenb);
  const Bytes pci = from_hex("0020");
  EXPECT_EQ(derive_kenb_star(kenb, 32, 65535).reveal_hex(), kdf(kenb.view(), 0x13, {pci, from_hex("ffff")}).reveal_hex());
  EXPECT_EQ(derive_kenb_star(kenb, 32, 65536).reveal_hex(), kdf(kenb.view(), 0x13, {pci, from_hex("010000")}).reveal_hex());
  EXPECT_THROW(derive_kenb_star(kenb, 32, 262144), std::invalid_argument);
}

TEST(KdfParameters, mapped_context_derivations_use_their_own_fc_values) {
  const Key256 kasme = k256(kOgsKasme);
  const Bytes count = from_hex("00000005");
  const Key256 srvcc = kdf(kasme.view(), 0x1A, {count});
  EXPECT_EQ(derive_ck_ik_srvcc(kasme, 5).ck.reveal_hex(), to_hex(srvcc.view().first(16)));
  EXPECT_EQ(derive_ck_ik_srvcc(kasme, 5).ik.reveal_hex(), to_hex(srvcc.view().last(16)));
  const Key256 idle = kdf(kasme.view(), 0x1B, {count});
  EXPECT_EQ(derive_ck_ik_idle_mobility(kasme, 5).ck.reveal_hex(), to_hex(idle.view().first(16)));
  EXPECT_EQ(derive_nas_token_material(kasme, 5).reveal_hex(), kdf(kasme.view(), 0x17, {count}).reveal_hex());
  EXPECT_FALSE(derive_ck_ik_srvcc(kasme, 5).ck == derive_ck_ik_handover(kasme, 5).ck);
}

}  // namespace
}  // namespace concur::security
