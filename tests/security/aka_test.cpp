#include "security/aka.h"

#include <gtest/gtest.h>

#include "test_hex.h"

namespace concur::security {
namespace {

using testing::arr;
using testing::hex;
using testing::k128;

// TS 35.208 test set 1 (PROTOCOL-FACTS §2.2). Its AMF b9b9 has the separation bit set.
Milenage set1() { return Milenage(k128("465b5ce8b199b49faa5f0a2ee238a6bc"), k128("cd63cb71954a9f4e48a5994e37a02baf")); }
const Rand kRand = arr<16>("23553cbe9637a89d218ae64dae47bf35");
const std::uint64_t kSqn = 0xff9bb4d0b607ull;
const Amf kAmf = arr<2>("b9b9");
const ServingNetworkId kSn = ServingNetworkId::from_digits("001", "01");
/// A USIM whose last accepted SQN is one SEQ below the test set's SQN (IND 7).
UsimSqnWindow usim_window() { return UsimSqnWindow(UsimSqnWindow::Params{}, ((kSqn >> 5) - 1) << 5 | 7); }

TEST(AuthVector, autn_xres_and_kasme_follow_from_test_set_1) {
  const EpsAuthVector av = generate_eps_auth_vector(set1(), kRand, kSqn, kAmf, kSn);
  // AUTN = (SQN xor AK) || AMF || MAC-A; derived value in PROTOCOL-FACTS §2.2 ([VER]).
  EXPECT_EQ(hex(av.autn), "55f328b43577b9b94a9ffac354dfafb3");
  EXPECT_EQ(hex(av.xres), "a54211d5e3ba50bf");
  const Key256 kasme = derive_kasme(k128("b40ba9a3c58b2a05bbf0d987b21bf8cb"), k128("f769bcd751044604127672711c6d3441"),
                                    kSn, arr<6>("55f328b43577"));
  EXPECT_TRUE(av.kasme == kasme);
  EXPECT_THROW(generate_eps_auth_vector(set1(), kRand, kMaxSqn + 1, kAmf, kSn), std::invalid_argument);
}

TEST(UeAuthentication, a_fresh_authentic_vector_gives_res_equal_to_xres_and_the_same_kasme) {
  const EpsAuthVector av = generate_eps_auth_vector(set1(), kRand, kSqn, kAmf, kSn);
  UsimSqnWindow window = usim_window();
  const AkaOutcome out = ue_authenticate(set1(), window, av.rand, av.autn, kSn);
  ASSERT_TRUE(std::holds_alternative<AkaSuccess>(out));
  const auto& ok = std::get<AkaSuccess>(out);
  EXPECT_EQ(ok.res, av.xres);
  EXPECT_TRUE(ok.kasme == av.kasme);
  EXPECT_EQ(ok.sqn, kSqn);
  EXPECT_EQ(window.sqn_ms(), kSqn);
}

TEST(UeAuthentication, any_changed_autn_bit_is_a_mac_failure) {
  const EpsAuthVector av = generate_eps_auth_vector(set1(), kRand, kSqn, kAmf, kSn);
  for (std::size_t i = 0; i < av.autn.size(); ++i) {
    Autn bad = av.autn;
    bad[i] ^= 0x01;
    UsimSqnWindow window = usim_window();
    const std::uint64_t before = window.sqn_ms();
    EXPECT_TRUE(std::holds_alternative<AkaMacFailure>(ue_authenticate(set1(), window, av.rand, bad, kSn))) << "octet " << i;
    EXPECT_EQ(window.sqn_ms(), before) << "a rejected vector must not move the USIM's SQN";
  }
}

TEST(UeAuthentication, a_vector_without_the_amf_separation_bit_is_rejected_for_eps) {
  const EpsAuthVector av = generate_eps_auth_vector(set1(), kRand, kSqn, arr<2>("3000"), kSn);
  UsimSqnWindow window = usim_window();
  EXPECT_TRUE(std::holds_alternative<AkaSeparationBitFailure>(ue_authenticate(set1(), window, av.rand, av.autn, kSn)));
}

TEST(Resynchronisation, a_replayed_vector_yields_auts_from_which_the_hss_recovers_sqn_ms) {
  const EpsAuthVector av = generate_eps_auth_vector(set1(), kRand, kSqn, kAmf, kSn);
  UsimSqnWindow window = usim_window();
  ASSERT_TRUE(std::holds_alternative<AkaSuccess>(ue_authenticate(set1(), window, av.rand, av.autn, kSn)));
  const AkaOutcome again = ue_authenticate(set1(), window, av.rand, av.autn, kSn);
  ASSERT_TRUE(std::holds_alternative<AkaSynchFailure>(again));
  const Auts auts = std::get<AkaSynchFailure>(again).auts;
  EXPECT_EQ(hss_recover_sqn_ms(set1(), av.rand, auts), kSqn);
  // AUTS = (SQN_MS xor AK*) || MAC-S with f5* and f1* of test set 1 when SQN_MS is the set's SQN.
  EXPECT_EQ(to_hex(ByteView(auts).first(6)), hex(sqn_from_u64(kSqn ^ 0x451e8beca43bull)));
}

TEST(Resynchronisation, the_hss_rejects_auts_with_a_wrong_mac_s_or_for_another_rand) {
  Auts auts = make_auts(set1(), kRand, 0x000000000100ull);
  Rand other = kRand;
  other[0] ^= 1;
  EXPECT_EQ(hss_recover_sqn_ms(set1(), kRand, auts), 0x000000000100ull);
  EXPECT_FALSE(hss_recover_sqn_ms(set1(), other, auts).has_value());
  auts[13] ^= 0x80;
  EXPECT_FALSE(hss_recover_sqn_ms(set1(), kRand, auts).has_value());
}

TEST(UsimSqnWindow, accepts_increasing_seq_per_ind_and_refuses_replays) {
  UsimSqnWindow w;  // SQN = SEQ(43) || IND(5)
  const auto sqn = [](std::uint64_t seq, std::uint64_t ind) { return (seq << 5) | ind; };
  EXPECT_TRUE(w.is_fresh(sqn(10, 1)));
  w.accept(sqn(10, 1));
  EXPECT_FALSE(w.is_fresh(sqn(10, 1)));
  EXPECT_FALSE(w.is_fresh(sqn(9, 1)));
  EXPECT_TRUE(w.is_fresh(sqn(5, 2))) << "another IND keeps its own SEQ: vectors may arrive out of order";
  w.accept(sqn(5, 2));
  EXPECT_EQ(w.sqn_ms(), sqn(10, 1));
}

TEST(UsimSqnWindow, a_fresh_usim_refuses_a_vector_far_beyond_delta_until_resynchronised) {
  UsimSqnWindow fresh;
  const EpsAuthVector av = generate_eps_auth_vector(set1(), kRand, kSqn, kAmf, kSn);
  const AkaOutcome out = ue_authenticate(set1(), fresh, av.rand, av.autn, kSn);
  ASSERT_TRUE(std::holds_alternative<AkaSynchFailure>(out));
  EXPECT_EQ(hss_recover_sqn_ms(set1(), av.rand, std::get<AkaSynchFailure>(out).auts), 0u);
}

TEST(UsimSqnWindow, refuses_a_jump_larger_than_delta_and_one_older_than_the_age_limit) {
  UsimSqnWindow w(UsimSqnWindow::Params{5, 1000, 50});
  const auto sqn = [](std::uint64_t seq, std::uint64_t ind) { return (seq << 5) | ind; };
  w.accept(sqn(100, 0));
  EXPECT_TRUE(w.is_fresh(sqn(1100, 1)));
  EXPECT_FALSE(w.is_fresh(sqn(1101, 1)));
  EXPECT_TRUE(w.is_fresh(sqn(51, 3)));
  EXPECT_FALSE(w.is_fresh(sqn(50, 3)));
}

}  // namespace
}  // namespace concur::security
