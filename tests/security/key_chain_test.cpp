#include "security/key_chain.h"

#include <gtest/gtest.h>

#include "test_hex.h"

namespace concur::security {
namespace {

using testing::k256;

// PROTOCOL-FACTS §1.5 (b) KASME; chain values are the §1.5 (c) REGRESSION values (self-computed).
const char* const kKasme = "238e457e0f758badbca8d34bb2612c10428d426757cb5553b2b184fa64bfc549";

TEST(KasmeChain, step_0_is_the_kenb_and_each_nh_feeds_the_next_as_sync_input) {
  const KasmeChain c(0, k256(kKasme), 0);
  EXPECT_EQ(c.kenb().reveal_hex(), "0650eaf36cfaf5afca0bda96a5224406d6436b2bb0cf4cfde700aa59aa340f00");
  EXPECT_EQ(c.at_step(1).reveal_hex(), "783a78d6140040c25eb11b02650e3e8e26693e92977c8c9a37e340aa1594129b");
  EXPECT_EQ(c.at_step(3).reveal_hex(), "63016c153671e212ed08792a65102d3c82d74d82736df0040218c1886b878090");
  EXPECT_EQ(c.at_step(2).reveal_hex(), "c38f0ff5a3ca01e85005c506e11a72c440764706bb6b707911c7be7910c8ff4b");
}

TEST(NccCounter, is_three_bits_and_wraps_from_7_to_0) {
  EXPECT_EQ(ncc_of_step(7), 7);
  EXPECT_EQ(ncc_of_step(8), 0);
  EXPECT_EQ(ncc_of_step(17), 1);
}

TEST(NetworkKeyState, first_handover_after_initial_setup_sends_ncc_2_with_nh_2) {
  NetworkKeyState net;
  const Key256 kenb = net.initial_context_setup(0, k256(kKasme), 0);
  EXPECT_TRUE(kenb == KasmeChain(0, k256(kKasme), 0).kenb());
  EXPECT_EQ(net.ncc(), 1) << "the MME keeps NH_1 with NCC 1 at setup (7.2.8.1.1)";
  const NhNcc hop = net.next_hop();
  EXPECT_EQ(hop.ncc, 2);
  EXPECT_EQ(hop.nh.reveal_hex(), "c38f0ff5a3ca01e85005c506e11a72c440764706bb6b707911c7be7910c8ff4b");
}

TEST(UeKeyState, same_ncc_means_horizontal_and_a_higher_ncc_vertical_from_the_matching_nh) {
  const Key256 kasme = k256(kKasme);
  const KasmeChain chain(0, kasme, 0);
  UeKeyState ue;
  ue.initial_as_security(0, kasme, 0);
  EXPECT_TRUE(ue.handover(0, 1, 100) == derive_kenb_star(chain.kenb(), 1, 100));
  EXPECT_EQ(ue.ncc(), 0);
  // Jumping from NCC 0 to NCC 3 (handovers the UE missed) steps the chain three times.
  EXPECT_TRUE(ue.handover(3, 7, 1850) == derive_kenb_star(chain.at_step(3), 7, 1850));
  EXPECT_EQ(ue.ncc(), 3);
  EXPECT_THROW(ue.handover(8, 1, 1), std::invalid_argument);
}

TEST(NhAttribution, names_a_wrong_ncc_and_a_value_from_nowhere) {
  NetworkKeyState net;
  net.initial_context_setup(2, k256(kKasme), 0);
  const KasmeChain& c = net.as_chain();
  const NhAttribution wrong_ncc = net.attribute(5, c.at_step(4));
  EXPECT_EQ(wrong_ncc.kind, NhAttribution::Kind::ncc_mismatch);
  EXPECT_EQ(wrong_ncc.step, 4u);
  EXPECT_EQ(wrong_ncc.explanation, "NH sent with NCC 5 is step 4 of the chain of the current KASME (eKSI 2), which belongs with NCC 4");
  const NhAttribution none = net.attribute(1, derive_kenb(k256(kKasme), 1234));
  EXPECT_EQ(none.kind, NhAttribution::Kind::unknown);
  EXPECT_FALSE(none.role.has_value());
}

TEST(NhAttribution, names_a_chain_restarted_from_the_pending_new_kasme_and_the_uplink_count_of_its_kenb) {
  // Rule 3 broken with no UCM to show for it: the MME restarted the AS chain from the new KASME
  // NAS uses (KeNB of uplink COUNT 7) while the UE still follows the old one.
  NetworkKeyState net;
  net.initial_context_setup(0, k256(kKasme), 0);
  const Key256 new_kasme = derive_kenb(k256(kKasme), 99);  // any key other than the old KASME
  net.new_kasme_in_nas(1, new_kasme);
  const KasmeChain restarted(1, new_kasme, 7);
  const NhAttribution a = net.attribute(2, restarted.at_step(2));
  EXPECT_EQ(a.kind, NhAttribution::Kind::restarted_chain) << a.explanation;
  EXPECT_EQ(a.role, KasmeRole::new_kasme);
  EXPECT_EQ(a.eksi, 1);
  EXPECT_EQ(a.step, 2u);
  EXPECT_EQ(a.kenb_uplink_count, 7u);
  EXPECT_EQ(a.explanation,
            "NH at NCC 2 derived from the new KASME (eKSI 1), step 2 of a chain restarted from its KeNB of uplink NAS "
            "COUNT 7 before a UE Context Modification took that KeNB into use");
  // The same NH sent with an NCC that does not belong to its step is explained by nothing.
  EXPECT_EQ(net.attribute(3, restarted.at_step(2)).kind, NhAttribution::Kind::unknown);
}

// The scenario of TS 33.401 7.2.10 rules 3 and 4, end to end. Attach with KASME1 (eKSI 0), two
// handovers, re-authentication (KASME2, eKSI 1) and SMC while connected, a handover before the UE
// Context Modification (old chain, rule 3), the UCM taking a KeNB of KASME2 into use, handovers on
// the new chain through the NCC wrap 7 -> 0. At every handover the target eNB derives KeNB* from
// the {NCC, NH} the MME sent and the rule-4 UE derives its own: they must agree.
class ConcurrentSecurityScenario : public ::testing::Test {
 protected:
  const Key256 kasme1 = k256(kKasme);
  // KASME2 from a real AKA run would do as well; any other 256-bit value exercises the same paths.
  const Key256 kasme2 = derive_kasme(testing::k128("5dbdbb2954e8f3cde665b046179a5098"),
                                     testing::k128("59a92d3b476a0443487055cf88b2307b"),
                                     ServingNetworkId::from_digits("001", "01"), testing::arr<6>("aeb1bb9b4c97"));
  NetworkKeyState net;
  UeKeyState ue;

  /// One handover: MME sends {NCC, NH}; target eNB derives KeNB* vertically (NCC changed);
  /// returns the attribution and checks the UE ends up with the same KeNB.
  NhAttribution handover(std::uint16_t pci, std::uint32_t earfcn) {
    const NhNcc hop = net.next_hop();
    const NhAttribution a = net.attribute(hop.ncc, hop.nh);
    const Key256 enb_kenb = derive_kenb_star(hop.nh, pci, earfcn);
    EXPECT_TRUE(ue.handover(hop.ncc, pci, earfcn) == enb_kenb) << "UE and target eNB disagree at NCC " << int(hop.ncc);
    EXPECT_EQ(ue.ncc(), hop.ncc);
    return a;
  }
};

TEST_F(ConcurrentSecurityScenario, every_nh_is_attributed_to_the_chain_rule_3_requires_and_ue_and_enb_agree) {
  // Attach: KeNB from KASME1 with the uplink NAS COUNT of the message that triggered ICS.
  EXPECT_TRUE(net.initial_context_setup(0, kasme1, 3) == ue.initial_as_security(0, kasme1, 3));
  EXPECT_EQ(net.ncc(), 1);

  NhAttribution a = handover(11, 1850);
  EXPECT_EQ(a.kind, NhAttribution::Kind::on_chain);
  EXPECT_EQ(a.explanation, "NH at NCC 2 derived from the current KASME (eKSI 0), step 2 of its chain");
  a = handover(12, 1850);
  EXPECT_EQ(a.ncc_received, 3);
  EXPECT_EQ(a.step, 3u);

  // Re-authentication and SMC in ECM-CONNECTED: NAS moves to KASME2, AS stays on KASME1.
  net.new_kasme_in_nas(1, kasme2);
  ue.new_kasme_in_nas(1, kasme2);
  EXPECT_EQ(ue.nas_eksi(), 1);
  EXPECT_EQ(ue.as_eksi(), 0);

  // Handover before the UCM: rule 3 says {NCC 4, NH} from the OLD chain.
  a = handover(13, 3000);
  EXPECT_EQ(a.kind, NhAttribution::Kind::on_chain);
  EXPECT_EQ(a.role, KasmeRole::old_kasme);
  EXPECT_EQ(a.eksi, 0);
  EXPECT_EQ(a.explanation, "NH at NCC 4 derived from the old KASME (eKSI 0), step 4 of its chain");

  // What a rule-3-breaking MME would send instead: NH keyed with KASME2 over the stored NH_4.
  const Key256 faulty_nh = derive_nh(kasme2, net.as_chain().at_step(4));
  const NhAttribution f = net.attribute(5, faulty_nh);
  EXPECT_EQ(f.kind, NhAttribution::Kind::cross_derivation);
  EXPECT_EQ(f.role, KasmeRole::new_kasme);
  EXPECT_EQ(f.sync_chain_role, KasmeRole::old_kasme);
  EXPECT_EQ(f.explanation,
            "NH at NCC 5 derived from the new KASME (eKSI 1) over NH at NCC 4 (step 4) of the chain of the old "
            "KASME (eKSI 0)");
  UeKeyState probe = ue;  // the rule-4 UE would derive something else: the keys diverge
  EXPECT_FALSE(probe.handover(5, 14, 3000) == derive_kenb_star(faulty_nh, 14, 3000));

  // UE Context Modification with a KeNB of KASME2 (uplink NAS COUNT of the SMC Complete).
  EXPECT_TRUE(net.ue_context_modification(7) == ue.take_new_kasme_into_use(7));
  EXPECT_EQ(ue.as_eksi(), 1);

  // Handovers after the UCM: the new chain, NCC 2, 3, ..., 7, then the wrap to 0 and 1.
  a = handover(15, 3000);
  EXPECT_EQ(a.explanation, "NH at NCC 2 derived from the new KASME (eKSI 1), step 2 of its chain");
  for (std::uint8_t expect_ncc : {3, 4, 5, 6, 7, 0, 1}) {
    a = handover(static_cast<std::uint16_t>(20 + expect_ncc), 3000);
    EXPECT_EQ(a.kind, NhAttribution::Kind::on_chain);
    EXPECT_EQ(a.role, KasmeRole::new_kasme);
    EXPECT_EQ(a.ncc_received, expect_ncc);
  }
  EXPECT_EQ(a.step, 9u) << "NCC 1 after the wrap is step 9 of the chain";

  // A stale NH from the retired old chain is still recognised as such after the UCM.
  const NhAttribution stale = net.attribute(5, KasmeChain(0, kasme1, 3).at_step(5));
  EXPECT_EQ(stale.kind, NhAttribution::Kind::on_chain);
  EXPECT_EQ(stale.role, KasmeRole::old_kasme);
}

TEST_F(ConcurrentSecurityScenario, a_ue_that_missed_handover_commands_steps_to_the_received_ncc_across_the_wrap) {
  net.initial_context_setup(0, kasme1, 0);
  ue.initial_as_security(0, kasme1, 0);
  net.next_hop();                       // NCC 2, not seen by this UE
  NhNcc hop = net.next_hop();           // NCC 3
  EXPECT_TRUE(ue.handover(hop.ncc, 9, 100) == derive_kenb_star(hop.nh, 9, 100));
  for (int i = 0; i < 5; ++i) hop = net.next_hop();  // NCC 4, 5, 6, 7, 0 (step 8)
  EXPECT_EQ(hop.ncc, 0);
  EXPECT_TRUE(ue.handover(hop.ncc, 10, 100) == derive_kenb_star(hop.nh, 10, 100));
}

TEST_F(ConcurrentSecurityScenario, ncc_equal_to_the_ues_own_means_horizontal_even_after_eight_missed_steps) {
  // 3-bit NCC cannot tell step 8 from step 0: the UE (correctly, 7.2.8.4.3) derives horizontally and
  // loses sync with an eNB that derived from NH_8. The monitor must not blame the UE for this.
  net.initial_context_setup(0, kasme1, 0);
  ue.initial_as_security(0, kasme1, 0);
  NhNcc hop{0, Key256{}};
  for (int i = 0; i < 7; ++i) hop = net.next_hop();
  EXPECT_EQ(hop.ncc, 0);
  EXPECT_TRUE(ue.handover(hop.ncc, 9, 100) == derive_kenb_star(KasmeChain(0, kasme1, 0).kenb(), 9, 100));
  EXPECT_FALSE(derive_kenb_star(hop.nh, 9, 100) == ue.kenb());
}

TEST(KenbAttribution, tells_a_ucm_kenb_of_the_new_kasme_from_one_of_the_old_and_finds_its_count) {
  NetworkKeyState net;
  net.initial_context_setup(0, k256(kKasme), 2);
  const Key256 kasme2 = derive_kenb(k256(kKasme), 4242);  // stands in for a KASME from a new AKA
  net.new_kasme_in_nas(1, kasme2);
  const auto fresh = attribute_kenb(derive_kenb(kasme2, 7), net.known_kasmes(), 0, 31);
  ASSERT_TRUE(fresh.has_value());
  EXPECT_EQ(fresh->role, KasmeRole::new_kasme);
  EXPECT_EQ(fresh->uplink_nas_count, 7u);
  EXPECT_EQ(fresh->explanation, "KeNB derived from the new KASME (eKSI 1) with uplink NAS COUNT 7");
  const auto stale = attribute_kenb(derive_kenb(k256(kKasme), 9), net.known_kasmes(), 0, 31);
  ASSERT_TRUE(stale.has_value());
  EXPECT_EQ(stale->role, KasmeRole::old_kasme);
  EXPECT_FALSE(attribute_kenb(derive_kenb(kasme2, 40), net.known_kasmes(), 0, 31).has_value());
  EXPECT_THROW(attribute_kenb(kasme2, net.known_kasmes(), 0, 70000), std::invalid_argument);
}

TEST(NetworkKeyState, ucm_without_a_new_kasme_and_handover_before_setup_are_logic_errors) {
  NetworkKeyState net;
  EXPECT_THROW(net.next_hop(), std::logic_error);
  net.initial_context_setup(0, k256(kKasme), 0);
  EXPECT_THROW(net.ue_context_modification(0), std::logic_error);
  UeKeyState ue;
  EXPECT_THROW(ue.handover(1, 1, 1), std::logic_error);
  EXPECT_THROW(ue.take_new_kasme_into_use(0), std::logic_error);
}

TEST(KasmeChain, received_at_a_later_step_continues_from_the_received_nh_and_hides_what_came_before) {
  // Steps 2 and 3 of the regression chain above: from NH_2 alone the chain reaches NH_3.
  const Key256 nh2 = k256("c38f0ff5a3ca01e85005c506e11a72c440764706bb6b707911c7be7910c8ff4b");
  const KasmeChain c(0, k256(kKasme), 2, nh2);
  EXPECT_EQ(c.first_step(), 2u);
  EXPECT_EQ(c.at_step(3).reveal_hex(), "63016c153671e212ed08792a65102d3c82d74d82736df0040218c1886b878090");
  EXPECT_THROW(c.at_step(1), std::out_of_range);
  EXPECT_THROW(c.kenb(), std::logic_error);
}

TEST(NetworkKeyState, handed_over_chain_gives_the_next_path_switch_ncc_plus_1_and_attributes_the_received_nh) {
  // An S10 handover into the MME with {NCC 2, NH_2} (TS 33.401 7.2.8.4.3): the next hop is NCC 3.
  NetworkKeyState net;
  const Key256 nh2 = k256("c38f0ff5a3ca01e85005c506e11a72c440764706bb6b707911c7be7910c8ff4b");
  net.handed_over(0, k256(kKasme), 2, nh2);
  EXPECT_EQ(net.ncc(), 2);
  const auto a = net.attribute(2, nh2);
  EXPECT_EQ(a.kind, NhAttribution::Kind::on_chain) << a.explanation;
  const NhNcc hop = net.next_hop();
  EXPECT_EQ(hop.ncc, 3);
  EXPECT_EQ(hop.nh.reveal_hex(), "63016c153671e212ed08792a65102d3c82d74d82736df0040218c1886b878090");
}

}  // namespace
}  // namespace concur::security
