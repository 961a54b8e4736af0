#include "security/milenage.h"

#include <gtest/gtest.h>

#include "test_hex.h"

namespace concur::security {
namespace {

using testing::arr;
using testing::hex;
using testing::k128;

struct MilenageSet {
  int set;  // TS 35.208 clause 4.3 test set number
  const char *k, *rand, *sqn, *amf, *op, *opc, *f1, *f1_star, *f2, *f3, *f4, *f5, *f5_star;
};

// TS 35.208 §4.3 conformance test data, test sets 1-6.
// Set 1: PROTOCOL-FACTS §2.2 (hostap tests/test-milenage.c "35.208 v6.0.0 4.3.1 Test Set 1",
//        MultiNet-80211/Hostapd @ 3ec834f9; also FreeRADIUS src/lib/sim/milenage.c test_set_1).
// Set 2: the K = 0396eb31... set. Values from two public Go test tables that both name it
//        35.207/35.208 Test Set 2 (search-index find_string hits 70542470178 and 54052935460,
//        repositories not named); hostap's 4.3.2 entry duplicates set 1, so it is not a source.
//        The SQN fd8eef40df7d is the one open5gs' KASME vector uses (PROTOCOL-FACTS §1.5 b).
// Sets 3-6: hostap tests/test-milenage.c entries "35.208 v6.0.0 - 4.3.3 .. 4.3.6 Test Set 3..6",
//        cross-checked with the Go table (hit 70542470178).
// Note: PROTOCOL-FACTS §2.2 labels the K = fec86ba6... set "Test Set 2"; 35.208 numbers it 3.
const MilenageSet kSets[] = {
    {1, "465b5ce8b199b49faa5f0a2ee238a6bc", "23553cbe9637a89d218ae64dae47bf35", "ff9bb4d0b607", "b9b9",
     "cdc202d5123e20f62b6d676ac72cb318", "cd63cb71954a9f4e48a5994e37a02baf", "4a9ffac354dfafb3", "01cfaf9ec4e871e9",
     "a54211d5e3ba50bf", "b40ba9a3c58b2a05bbf0d987b21bf8cb", "f769bcd751044604127672711c6d3441", "aa689c648370",
     "451e8beca43b"},
    {2, "0396eb317b6d1c36f19c1c84cd6ffd16", "c00d603103dcee52c4478119494202e8", "fd8eef40df7d", "af17",
     "ff53bade17df5d4e793073ce9d7579fa", "53c15671c60a4b731c55b4a441c0bde2", "5df5b31807e258b0", "a8c016e51ef4a343",
     "d3a628ed988620f0", "58c433ff7a7082acd424220f2b67c556", "21a8c1f929702adb3e738488b9f5c5da", "c47783995f72",
     "30f1197061c1"},
    {3, "fec86ba6eb707ed08905757b1bb44b8f", "9f7c8d021accf4db213ccff0c7f71a6a", "9d0277595ffc", "725c",
     "dbc59adcb6f9a0ef735477b7fadf8374", "1006020f0a478bf6b699f15c062e42b3", "9cabc3e99baf7281", "95814ba2b3044324",
     "8011c48c0c214ed2", "5dbdbb2954e8f3cde665b046179a5098", "59a92d3b476a0443487055cf88b2307b", "33484dc2136b",
     "deacdd848cc6"},
    {4, "9e5944aea94b81165c82fbf9f32db751", "ce83dbc54ac0274a157c17f80d017bd6", "0b604a81eca8", "9e09",
     "223014c5806694c007ca1eeef57f004f", "a64a507ae1a2a98bb88eb4210135dc87", "74a58220cba84c49", "ac2cc74a96871837",
     "f365cd683cd92e96", "e203edb3971574f5a94b0d61b816345d", "0c4524adeac041c4dd830d20854fc46b", "f0b9c08ad02e",
     "6085a86c6f63"},
    {5, "4ab1deb05ca6ceb051fc98e77d026a84", "74b0cd6031a1c8339b2b6ce2b8c4a186", "e880a1b580b6", "9f07",
     "2d16c5cd1fdf6b22383584e3bef2a8d8", "dcf07cbd51855290b92a07a9891e523e", "49e785dd12626ef2", "9e85790336bb3fa2",
     "5860fc1bce351e7e", "7657766b373d1c2138f307e3de9242f9", "1c42e960d89b8fa99f2744e0708ccb53", "31e11a609118",
     "fe2555e54aa9"},
    {6, "6c38a116ac280c454f59332ee35c8c4f", "ee6466bc96202c5a557abbeff8babf63", "414b98222181", "4464",
     "1ba00a1a7c6700ac8c3ff3e96ad08725", "3803ef5363b947c6aaa225e58fae3934", "078adfb488241a57", "80246b8d0186bcf1",
     "16c8233f05a0ac28", "3f8c7587fe8e4b233af676aede30ba3b", "a7466cc1e6b2a1337d49d3b66e95d7b4", "45b0f69ab06c",
     "1f53cd2b1113"},
};

class MilenageConformance : public ::testing::TestWithParam<MilenageSet> {};

TEST_P(MilenageConformance, opc_from_op_matches_the_test_set) {
  const MilenageSet& s = GetParam();
  EXPECT_EQ(Milenage::opc_from_op(k128(s.k), k128(s.op)).reveal_hex(), s.opc) << "set " << s.set;
}

TEST_P(MilenageConformance, f1_to_f5_star_from_opc_match_the_test_set) {
  const MilenageSet& s = GetParam();
  const Milenage m(k128(s.k), k128(s.opc));
  const auto rand = arr<16>(s.rand);
  EXPECT_EQ(hex(m.f1(rand, arr<6>(s.sqn), arr<2>(s.amf))), s.f1);
  EXPECT_EQ(hex(m.f1_star(rand, arr<6>(s.sqn), arr<2>(s.amf))), s.f1_star);
  const auto r = m.f2345(rand);
  EXPECT_EQ(hex(r.res), s.f2);
  EXPECT_EQ(r.ck.reveal_hex(), s.f3);
  EXPECT_EQ(r.ik.reveal_hex(), s.f4);
  EXPECT_EQ(hex(r.ak), s.f5);
  EXPECT_EQ(hex(m.f5_star(rand)), s.f5_star);
}

TEST_P(MilenageConformance, starting_from_op_gives_the_same_outputs_as_from_opc) {
  const MilenageSet& s = GetParam();
  const Milenage m = Milenage::with_op(k128(s.k), k128(s.op));
  EXPECT_EQ(hex(m.f1(arr<16>(s.rand), arr<6>(s.sqn), arr<2>(s.amf))), s.f1);
}

INSTANTIATE_TEST_SUITE_P(Ts35208, MilenageConformance, ::testing::ValuesIn(kSets),
                         [](const auto& p) { return "test_set_" + std::to_string(p.param.set); });

TEST(Milenage, sqn_converts_between_48_bit_integer_and_octets) {
  EXPECT_EQ(sqn_to_u64(arr<6>("ff9bb4d0b607")), 0xff9bb4d0b607ull);
  EXPECT_EQ(hex(sqn_from_u64(0x1ff9bb4d0b607ull)), "ff9bb4d0b607");
}

}  // namespace
}  // namespace concur::security
