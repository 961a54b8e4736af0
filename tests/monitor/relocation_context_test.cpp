// Rules 8 and 9 of TS 33.401 7.2.10: what an S10 relocation between the SMC for a new KASME and
// the UE Context Modification carries (source MME), and what the target MME does with it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "key_vectors.h"
#include "monitor/security_kdf.h"
#include "trace_builder.h"

namespace concur::monitor::test {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

const std::string kImsi = "001010000000001";
const Leg ue{"eNB1", 5, 50, kImsi};

OldEpsSecurityContext old_context(Ksi ksi, const Key256& kasme, std::optional<NhNcc> nh) {
  return OldEpsSecurityContext{ksi, kasme, nh};
}

/// Source MME: attach (KeNB `kenb`), SMC for eKSI 1 completed, inter-MME HANDOVER REQUIRED.
/// Returns {SMC, SECURITY MODE COMPLETE} indices.
std::pair<std::size_t, std::size_t> source_after_smc(Trace& t, const Key256& kenb) {
  t.attach(ue, 0, kenb);
  const std::size_t smc = t.reauthenticate(ue, 1);
  const std::size_t complete = t.up(ue, SecurityModeComplete{});
  t.handover_required_to_other_mme(ue);
  return {smc, complete};
}

TEST(Rule8, relocation_with_old_kasme_context_and_new_nas_context_passes_without_keys) {
  Trace t;
  const auto [smc, complete] = source_after_smc(t, key_of(1));
  const std::size_t frr =
      t.relocation_out(s10_relocation(1, key_of(0xee), std::nullopt, old_context(0, key_of(0xdd), NhNcc{2, key_of(2)})),
                       100, kImsi);
  t.finish_relocation_out(ue, 100);
  const Judged j = judge(t);
  ASSERT_EQ(j.verdict(Rule::r8), Verdict::pass) << j.report;
  const Finding& f = j.first(Rule::r8, Verdict::pass);
  EXPECT_THAT(indices(f), ElementsAre(smc, complete, frr));
  EXPECT_TRUE(f.without_keys);
  EXPECT_THAT(f.reason, HasSubstr("carries both the old KASME context and the new EPS NAS security context"));
}

TEST(Rule8, relocation_without_old_security_context_fails_and_names_osci) {
  Trace t;
  source_after_smc(t, key_of(1));
  const std::size_t frr = t.relocation_out(s10_relocation(1, key_of(0xee), NhNcc{2, key_of(2)}), 100, kImsi);
  const Judged j = judge(t);
  ASSERT_EQ(j.verdict(Rule::r8), Verdict::fail);
  const Finding& f = j.first(Rule::r8, Verdict::fail);
  EXPECT_EQ(f.events.back().index, frr);
  EXPECT_THAT(f.seen, HasSubstr("no old EPS security context (OSCI = 0)"));
  EXPECT_THAT(f.expected, HasSubstr("OSCI = 1 with the old eKSI 0"));
}

TEST(Rule8, relocation_with_the_wrong_old_eksi_or_without_old_nh_fails) {
  Trace t;
  source_after_smc(t, key_of(1));
  t.relocation_out(s10_relocation(1, key_of(0xee), std::nullopt, old_context(3, key_of(0xdd), std::nullopt)), 100, kImsi);
  const Judged j = judge(t);
  ASSERT_EQ(j.verdict(Rule::r8), Verdict::fail);
  EXPECT_THAT(j.first(Rule::r8, Verdict::fail).seen, HasSubstr("old KSI_ASME 3 is not the old eKSI 0"));
  EXPECT_THAT(j.first(Rule::r8, Verdict::fail).seen, HasSubstr("no old NH and old NCC (NHI_old = 0)"));
}

TEST(Rule8, relocation_whose_current_context_is_still_the_old_kasme_fails) {
  Trace t;
  source_after_smc(t, key_of(1));
  t.relocation_out(s10_relocation(0, key_of(0xdd), std::nullopt, old_context(0, key_of(0xdd), NhNcc{2, key_of(2)})),
                   100, kImsi);
  const Judged j = judge(t);
  ASSERT_EQ(j.verdict(Rule::r8), Verdict::fail);
  EXPECT_THAT(j.first(Rule::r8, Verdict::fail).seen, HasSubstr("KSI_ASME 0 is not the new eKSI 1"));
  EXPECT_THAT(j.first(Rule::r8, Verdict::fail).seen, HasSubstr("old KASME equals the new KASME"));
}

// HANDOVER REQUIRED during the SMC, the UE's COMPLETE right after: an MME that relocates at once
// (against rule 6) sends the context from before the SMC, and the observer sees it after the
// COMPLETE. The MME had not taken the COMPLETE: rule 6 fails it, rule 8 does not judge it.
TEST(Rule8, relocation_with_exactly_the_pre_smc_context_crossed_the_complete_and_is_rule_6s) {
  Trace t;
  t.attach(ue, 0, key_of(1));
  const std::size_t smc = t.reauthenticate(ue, 1);
  const std::size_t required = t.handover_required_to_other_mme(ue);
  const std::size_t complete = t.up(ue, SecurityModeComplete{});
  const std::size_t frr = t.relocation_out(s10_relocation(0, key_of(0xdd), NhNcc{2, key_of(2)}), 100, kImsi);
  const Judged j = judge(t);
  ASSERT_EQ(j.verdict(Rule::r6), Verdict::fail) << j.report;
  const Finding& f = j.first(Rule::r6, Verdict::fail);
  EXPECT_THAT(indices(f), ElementsAre(smc, required, complete, frr));
  EXPECT_THAT(f.reason, HasSubstr("crossed the SECURITY MODE COMPLETE"));
  EXPECT_EQ(j.verdict(Rule::r8), Verdict::inconc) << j.report;
  EXPECT_THAT(j.first(Rule::r8, Verdict::inconc).reason, HasSubstr("rule 6 judges it"));
}

TEST(Rule8, relocation_with_the_new_context_but_no_old_one_stays_rule_8s_fail) {
  Trace t;
  t.attach(ue, 0, key_of(1));
  t.reauthenticate(ue, 1);
  t.handover_required_to_other_mme(ue);
  t.up(ue, SecurityModeComplete{});
  t.relocation_out(s10_relocation(1, key_of(0xee), NhNcc{2, key_of(2)}), 100, kImsi);
  const Judged j = judge(t);
  EXPECT_EQ(j.verdict(Rule::r8), Verdict::fail) << j.report;
  EXPECT_EQ(j.verdict(Rule::r6), Verdict::pass) << j.report;
}

TEST(Rule8, old_ncc_restarting_instead_of_continuing_the_old_chain_fails_without_keys) {
  Trace t;
  t.attach(ue, 0, key_of(1));
  t.s1_handover(ue, Leg{"eNB2", 6, 60, std::nullopt}, NhNcc{2, key_of(2)});
  const Leg serving{"eNB2", 6, 60, std::nullopt};
  t.reauthenticate(serving, 1);
  t.up(serving, SecurityModeComplete{});
  t.handover_required_to_other_mme(serving);
  t.relocation_out(s10_relocation(1, key_of(0xee), std::nullopt, old_context(0, key_of(0xdd), NhNcc{1, key_of(9)})),
                   100, kImsi);
  const Judged j = judge(t);
  ASSERT_EQ(j.verdict(Rule::r8), Verdict::fail);
  EXPECT_THAT(j.first(Rule::r8, Verdict::fail).seen, HasSubstr("NCC restarts at 1 instead of stepping on from NCC 2"));
  EXPECT_TRUE(j.first(Rule::r8, Verdict::fail).without_keys);
}

TEST(Rule8, relocation_after_the_ue_context_modification_is_outside_the_window_and_inconclusive) {
  Trace t;
  source_after_smc(t, key_of(1));
  t.down(ue, UeContextModificationRequest{key_of(3)});
  t.up(ue, UeContextModificationResponse{});
  t.relocation_out(s10_relocation(1, key_of(0xee), NhNcc{2, key_of(4)}), 100, kImsi);
  const Judged j = judge(t);
  ASSERT_EQ(j.verdict(Rule::r8), Verdict::inconc);
  EXPECT_THAT(j.first(Rule::r8, Verdict::inconc).reason,
              HasSubstr("but no S10 FORWARD RELOCATION REQUEST was sent before a UE Context Modification"));
}

TEST(Rule8, no_smc_for_new_kasme_is_inconclusive_and_says_so) {
  Trace t;
  t.attach(ue, 0, key_of(1));
  const Judged j = judge(t);
  EXPECT_EQ(j.first(Rule::r8, Verdict::inconc).reason,
            "no NAS SMC for a new KASME completed while the UE was in ECM-CONNECTED");
}

struct Keys {
  SecurityLibraryKdf kdf;
  KasmeTable kasmes;
  Keys() {
    kasmes.add(kImsi, 0, kOldKasme);
    kasmes.add(kImsi, 1, kNewKasme);
  }
  MonitorConfig config() const {
    MonitorConfig c;
    c.kdf = &kdf;
    c.keys = &kasmes;
    return c;
  }
};

TEST(Rule8WithKeys, old_kasme_and_old_chain_nh_with_the_new_kasme_pass) {
  const Keys keys;
  Trace t;
  source_after_smc(t, kOldKenb);
  t.relocation_out(s10_relocation(1, kNewKasme, std::nullopt, old_context(0, kOldKasme, NhNcc{2, kOldNh2})), 100, kImsi);
  const Judged j = judge(t, keys.config());
  ASSERT_EQ(j.verdict(Rule::r8), Verdict::pass) << j.report;
  EXPECT_FALSE(j.first(Rule::r8, Verdict::pass).without_keys);
  EXPECT_THAT(j.first(Rule::r8, Verdict::pass).reason, HasSubstr("NH at NCC 2 derived from the old KASME (eKSI 0)"));
}

TEST(Rule8WithKeys, old_nh_derived_from_the_new_kasme_fails) {
  const Keys keys;
  Trace t;
  source_after_smc(t, kOldKenb);
  const Key256 wrong = keys.kdf.nh(kNewKasme, kOldNh1);
  t.relocation_out(s10_relocation(1, kNewKasme, std::nullopt, old_context(0, kOldKasme, NhNcc{2, wrong})), 100, kImsi);
  const Judged j = judge(t, keys.config());
  ASSERT_EQ(j.verdict(Rule::r8), Verdict::fail);
  EXPECT_THAT(j.first(Rule::r8, Verdict::fail).seen, HasSubstr("NH at NCC 2 derived from the new KASME (eKSI 1)"));
}

TEST(Rule8WithKeys, a_kasme_that_is_not_the_subscribers_fails) {
  const Keys keys;
  Trace t;
  source_after_smc(t, kOldKenb);
  t.relocation_out(s10_relocation(1, key_of(0x55), std::nullopt, old_context(0, key_of(0x66), NhNcc{2, kOldNh2})), 100,
                   kImsi);
  const Judged j = judge(t, keys.config());
  ASSERT_EQ(j.verdict(Rule::r8), Verdict::fail);
  EXPECT_THAT(j.first(Rule::r8, Verdict::fail).seen, HasSubstr("KASME is not the new KASME (eKSI 1)"));
  EXPECT_THAT(j.first(Rule::r8, Verdict::fail).seen, HasSubstr("old KASME is not the KASME of the old eKSI 0"));
}

TEST(Rule8WithKeys, old_chain_is_followed_from_its_start_after_an_earlier_wrong_pair) {
  const Keys keys;
  Trace t;
  t.attach(ue, 0, kOldKenb);
  t.reauthenticate(ue, 1);
  t.up(ue, SecurityModeComplete{});
  const Leg hop{"eNB2", 6, 60, std::nullopt};
  t.s1_handover(ue, hop, NhNcc{2, keys.kdf.nh(kNewKasme, kOldNh1)});  // rule 3 fails here
  t.handover_required_to_other_mme(hop);
  t.relocation_out(s10_relocation(1, kNewKasme, std::nullopt, old_context(0, kOldKasme, NhNcc{3, kOldNh3})), 100, kImsi);
  const Judged j = judge(t, keys.config());
  EXPECT_EQ(j.verdict(Rule::r3), Verdict::fail);
  ASSERT_EQ(j.verdict(Rule::r8), Verdict::pass) << j.report;
  EXPECT_THAT(j.first(Rule::r8, Verdict::pass).reason,
              HasSubstr("NH at NCC 3 derived from the old KASME (eKSI 0), 3 A.4 step(s) from the start of the chain"));
}

// ---- rule 9: the MME under test is the target ------------------------------------------------

const Leg target{"eNB7", 70, 700, std::nullopt};

ForwardRelocationRequest relocation_with_both(const Key256& old_kasme, NhNcc old_pair, const Key256& new_kasme,
                                              std::optional<NhNcc> current = std::nullopt) {
  return s10_relocation(1, new_kasme, current, old_context(0, old_kasme, old_pair));
}

TEST(Rule9, handover_request_passing_on_the_old_pair_passes_without_keys) {
  Trace t;
  const std::size_t frr = t.relocation_in(relocation_with_both(key_of(0xdd), NhNcc{2, key_of(2)}, key_of(0xee)), 300, kImsi);
  const std::size_t ho = t.accept_relocation_in(target, 300, NhNcc{2, key_of(2)});
  const Judged j = judge(t);
  ASSERT_EQ(j.verdict(Rule::r9), Verdict::pass) << j.report;
  const Finding& f = j.first(Rule::r9, Verdict::pass);
  EXPECT_THAT(indices(f), ElementsAre(frr, ho));
  EXPECT_THAT(f.reason, HasSubstr("the {NCC, NH} pair of the old chain, unchanged"));
  EXPECT_TRUE(f.without_keys);
  EXPECT_EQ(j.ues.size(), 1u) << "the HANDOVER REQUEST belongs to the relocated UE";
}

TEST(Rule9, handover_request_with_the_nh_of_the_new_context_fails_without_keys) {
  Trace t;
  t.relocation_in(relocation_with_both(key_of(0xdd), NhNcc{2, key_of(2)}, key_of(0xee), NhNcc{3, key_of(0x13)}), 300, kImsi);
  t.accept_relocation_in(target, 300, NhNcc{3, key_of(0x13)});
  const Judged j = judge(t);
  ASSERT_EQ(j.verdict(Rule::r9), Verdict::fail);
  EXPECT_THAT(j.first(Rule::r9, Verdict::fail).reason,
              HasSubstr("the NH is the one of the new EPS security context in the S10 MM Context (NHI), not the old NH"));
}

TEST(Rule9, handover_request_restarting_the_ncc_fails_without_keys) {
  Trace t;
  t.relocation_in(relocation_with_both(key_of(0xdd), NhNcc{4, key_of(4)}, key_of(0xee)), 300, kImsi);
  t.accept_relocation_in(target, 300, NhNcc{1, key_of(0x21)});
  const Judged j = judge(t);
  ASSERT_EQ(j.verdict(Rule::r9), Verdict::fail);
  EXPECT_THAT(j.first(Rule::r9, Verdict::fail).reason, HasSubstr("NCC restarts at 1 instead of stepping on from NCC 4"));
}

TEST(Rule9WithKeys, old_chain_nh_passes_and_new_kasme_nh_fails_using_the_kasmes_the_relocation_carried) {
  const SecurityLibraryKdf kdf;
  MonitorConfig c;
  c.kdf = &kdf;  // no key source: the S10 message itself carries both KASMEs
  {
    Trace t;
    t.relocation_in(relocation_with_both(kOldKasme, NhNcc{2, kOldNh2}, kNewKasme), 300, kImsi);
    t.accept_relocation_in(target, 300, NhNcc{2, kOldNh2});
    const Leg next{"eNB8", 71, 800, std::nullopt};
    t.path_switch(target, next, NhNcc{3, kOldNh3});
    const Judged j = judge(t, c);
    ASSERT_EQ(j.verdict(Rule::r9), Verdict::pass) << j.report;
    EXPECT_FALSE(j.first(Rule::r9, Verdict::pass).without_keys);
    EXPECT_EQ(j.of(Rule::r9, 0).findings.back().reason,
              "NH at NCC 3 derived from the old KASME (eKSI 0), 1 A.4 step(s) from NCC 2");
  }
  {
    Trace t;
    t.relocation_in(relocation_with_both(kOldKasme, NhNcc{2, kOldNh2}, kNewKasme), 300, kImsi);
    t.accept_relocation_in(target, 300, NhNcc{3, kdf.nh(kNewKasme, kOldNh2)});
    const Judged j = judge(t, c);
    ASSERT_EQ(j.verdict(Rule::r9), Verdict::fail);
    EXPECT_THAT(j.first(Rule::r9, Verdict::fail).reason,
                HasSubstr("NH at NCC 3 derived from the new KASME (eKSI 1); the UE can only derive from the old KASME "
                          "(eKSI 0) until the UE Context Modification"));
  }
}

TEST(Rule9, path_switch_after_the_ue_context_modification_is_no_longer_bound_to_the_old_chain) {
  Trace t;
  t.relocation_in(relocation_with_both(key_of(0xdd), NhNcc{2, key_of(2)}, key_of(0xee)), 300, kImsi);
  t.accept_relocation_in(target, 300, NhNcc{2, key_of(2)});
  t.down(target, UeContextModificationRequest{key_of(0x30)});
  t.up(target, UeContextModificationResponse{});
  t.path_switch(target, Leg{"eNB8", 71, 800, std::nullopt}, NhNcc{2, key_of(0x32)});
  EXPECT_EQ(judge(t).verdict(Rule::r9), Verdict::pass);
}

TEST(Rule9, security_mode_command_going_back_to_the_old_eksi_fails) {
  Trace t;
  const std::size_t frr = t.relocation_in(relocation_with_both(key_of(0xdd), NhNcc{2, key_of(2)}, key_of(0xee)), 300, kImsi);
  t.accept_relocation_in(target, 300, NhNcc{2, key_of(2)});
  const std::size_t smc = t.down(target, SecurityModeCommand{0, {}});
  const Judged j = judge(t);
  ASSERT_EQ(j.verdict(Rule::r9), Verdict::fail);
  EXPECT_THAT(indices(j.first(Rule::r9, Verdict::fail)), ElementsAre(frr, smc));
  EXPECT_THAT(j.first(Rule::r9, Verdict::fail).reason, HasSubstr("took the old KASME (eKSI 0) back into NAS use"));
}

TEST(Rule9, relocation_without_old_context_is_not_the_rules_situation) {
  Trace t;
  t.relocation_in(s10_relocation(1, key_of(0xee), NhNcc{2, key_of(2)}), 300, kImsi);
  t.accept_relocation_in(target, 300, NhNcc{2, key_of(2)});
  const Judged j = judge(t);
  EXPECT_EQ(j.verdict(Rule::r9), Verdict::inconc);
  EXPECT_THAT(j.first(Rule::r9, Verdict::inconc).reason,
              HasSubstr("no S10 FORWARD RELOCATION REQUEST with both the old KASME (eKSI, NH, NCC)"));
}

TEST(Rule9, relocation_that_never_gets_a_handover_request_is_inconclusive_and_says_so) {
  Trace t;
  const std::size_t frr = t.relocation_in(relocation_with_both(key_of(0xdd), NhNcc{2, key_of(2)}, key_of(0xee)), 300, kImsi);
  const Judged j = judge(t);
  ASSERT_EQ(j.verdict(Rule::r9), Verdict::inconc);
  EXPECT_THAT(j.first(Rule::r9, Verdict::inconc).reason, HasSubstr("but no HANDOVER REQUEST or PATH SWITCH"));
  EXPECT_THAT(indices(j.first(Rule::r9, Verdict::inconc)), ElementsAre(frr));
}

}  // namespace
}  // namespace concur::monitor::test
