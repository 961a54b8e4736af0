// The KDF binding and the rule-4 UE oracle (locate_on_chain).
#include <gtest/gtest.h>

#include "key_vectors.h"
#include "monitor/key_chain.h"
#include "monitor/security_kdf.h"

namespace concur::monitor::test {
namespace {

TEST(KasmeTable, a_new_kasme_under_a_known_eksi_keeps_the_one_it_replaces) {
  KasmeTable t;
  t.add("001010000000001", 0, kOldKasme);
  EXPECT_EQ(t.replaced_kasme("001010000000001", 0), std::nullopt);
  t.add("001010000000001", 0, kOldKasme);  // the same AKA seen again
  EXPECT_EQ(t.replaced_kasme("001010000000001", 0), std::nullopt);
  t.add("001010000000001", 0, kNewKasme);
  EXPECT_EQ(t.kasme("001010000000001", 0), kNewKasme);
  EXPECT_EQ(t.replaced_kasme("001010000000001", 0), kOldKasme);
  EXPECT_EQ(t.replaced_kasme("001010000000002", 0), std::nullopt);
}

TEST(SecurityLibraryKdf, derives_kenb_of_the_srsran_vector) {
  // srsRAN 4G test_security_kdf.cc, K_eNB (A.3) at UL COUNT 0 (PROTOCOL-FACTS §1.5(a)).
  const SecurityLibraryKdf kdf;
  EXPECT_EQ(kdf.kenb(key_hex("6144c681d1bea9dae1b8cf6cd10a686341db8046a1e7a9ab4d1ea0e33c994ac0"), 0),
            key_hex("c4c7bc798ab94e3d354cd6608e79aa92f5569df46519507850051e36f018ca5f"));
}

TEST(SecurityLibraryKdf, derives_nh_of_the_srsran_vector) {
  // srsRAN 4G test_security_kdf.cc, NH (A.4) with SYNC-input 31 x 00 || 12 (PROTOCOL-FACTS §1.5(a)).
  const SecurityLibraryKdf kdf;
  Key256 sync{};
  sync[31] = 0x12;
  EXPECT_EQ(kdf.nh(kNewKasme, sync), key_hex("c855866413071b74aba01c132b943e7698aa5c11760d9bb1162ab313b11c6051"));
}

TEST(SecurityLibraryKdf, reproduces_the_regression_chain_of_the_old_kasme) {
  const SecurityLibraryKdf kdf;
  EXPECT_EQ(kdf.kenb(kOldKasme, 0), kOldKenb);
  EXPECT_EQ(kdf.nh(kOldKasme, kOldKenb), kOldNh1);
  EXPECT_EQ(kdf.nh(kOldKasme, kOldNh1), kOldNh2);
  EXPECT_EQ(kdf.nh(kOldKasme, kOldNh2), kOldNh3);
}

TEST(LocateOnChain, finds_nh2_two_steps_from_the_initial_kenb_at_ncc_2) {
  const SecurityLibraryKdf kdf;
  const auto pos = locate_on_chain(kdf, kOldKasme, ChainAnchor{kOldKenb, 0, true}, kOldNh2);
  ASSERT_TRUE(pos);
  EXPECT_EQ(pos->hops, 2u);
  EXPECT_EQ(pos->chain_ncc, 2);
}

TEST(LocateOnChain, an_nh_sent_again_is_hop_zero_of_an_nh_anchor_but_never_of_a_kenb_anchor) {
  const SecurityLibraryKdf kdf;
  const auto again = locate_on_chain(kdf, kOldKasme, ChainAnchor{kOldNh2, 2, false}, kOldNh2);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->hops, 0u);
  EXPECT_FALSE(locate_on_chain(kdf, kOldKasme, ChainAnchor{kOldKenb, 0, true}, kOldKenb));
}

TEST(LocateOnChain, ncc_wraps_from_7_to_0_along_the_chain) {
  const SecurityLibraryKdf kdf;
  const auto pos = locate_on_chain(kdf, kOldKasme, ChainAnchor{kOldNh2, 7, false}, kdf.nh(kOldKasme, kOldNh2));
  ASSERT_TRUE(pos);
  EXPECT_EQ(pos->chain_ncc, 0);
}

TEST(LocateOnChain, an_nh_of_another_kasme_is_not_on_the_chain) {
  const SecurityLibraryKdf kdf;
  EXPECT_FALSE(locate_on_chain(kdf, kOldKasme, ChainAnchor{kOldKenb, 0, true}, kdf.nh(kNewKasme, kOldKenb)));
}

TEST(KasmeTable, finds_kasme_by_imsi_and_eksi_only) {
  KasmeTable t;
  t.add("001010000000001", 1, kNewKasme);
  EXPECT_EQ(t.kasme("001010000000001", 1), kNewKasme);
  EXPECT_FALSE(t.kasme("001010000000001", 0));
  EXPECT_FALSE(t.kasme("001010000000002", 1));
}

TEST(Ncc, steps_are_counted_modulo_8) {
  EXPECT_EQ(ncc_step(7, 0), 1u);
  EXPECT_EQ(ncc_step(2, 1), 7u);
  EXPECT_EQ(ncc_after(7, 2), 1);
}

}  // namespace
}  // namespace concur::monitor::test
