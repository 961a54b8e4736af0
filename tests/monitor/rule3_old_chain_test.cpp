// Rule 3 of TS 33.401 7.2.10: between the SMC for a new KASME and the UE Context Modification,
// HANDOVER REQUEST and PATH SWITCH REQUEST ACKNOWLEDGE stay on the old KASME's NH chain.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "key_vectors.h"
#include "monitor/security_kdf.h"
#include "trace_builder.h"

namespace concur::monitor::test {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

const std::string kImsi = "001010000000001";
const Leg src{"eNB1", 7, 70, kImsi};
const Leg hop1{"eNB2", 8, 80, std::nullopt};
const Leg hop2{"eNB3", 9, 90, std::nullopt};
constexpr std::size_t kIcsIndex = 6;  // Trace::attach: the 6th message is the ICS REQUEST

/// Attach, one handover (NCC 2 on the old chain), then a re-authentication with its SMC
/// completed. Returns the SMC's index.
std::size_t connected_after_smc_for_new_kasme(Trace& t) {
  t.attach(src, 0, key_of(0x10));
  t.s1_handover(src, hop1, NhNcc{2, key_of(0x22)});
  const std::size_t smc = t.reauthenticate(hop1, 1);
  t.up(hop1, SecurityModeComplete{});
  return smc;
}

TEST(Rule3, handover_request_restarting_the_ncc_after_smc_for_new_kasme_fails_without_keys) {
  Trace t;
  const std::size_t smc = connected_after_smc_for_new_kasme(t);
  const std::size_t ho = t.s1_handover(hop1, hop2, NhNcc{1, key_of(0x31)});
  const Judged j = judge(t);
  ASSERT_EQ(j.verdict(Rule::r3), Verdict::fail);
  const Finding& f = j.first(Rule::r3, Verdict::fail);
  EXPECT_THAT(indices(f), ElementsAre(kIcsIndex, smc, ho));
  EXPECT_THAT(f.reason, HasSubstr("NCC restarts at 1 instead of stepping on from NCC 2"));
  EXPECT_THAT(f.reason, HasSubstr("(without keys)"));
  EXPECT_TRUE(f.without_keys);
  EXPECT_THAT(f.seen, HasSubstr("HANDOVER REQUEST: NCC 1"));
  EXPECT_THAT(j.report, HasSubstr("[without keys]"));
}

TEST(Rule3, handover_request_stepping_the_old_ncc_after_smc_for_new_kasme_passes_without_keys) {
  Trace t;
  connected_after_smc_for_new_kasme(t);
  t.s1_handover(hop1, hop2, NhNcc{3, key_of(0x33)});
  const Judged j = judge(t);
  ASSERT_EQ(j.verdict(Rule::r3), Verdict::pass);
  const Finding& f = j.first(Rule::r3, Verdict::pass);
  EXPECT_THAT(f.reason, HasSubstr("NCC steps from 2 to 3 along the old chain"));
  EXPECT_TRUE(f.without_keys);
}

TEST(Rule3, the_window_opens_with_the_security_mode_command_not_its_completion) {
  Trace t;
  t.attach(src, 0, key_of(0x10));
  t.s1_handover(src, hop1, NhNcc{2, key_of(0x22)});
  t.reauthenticate(hop1, 1);
  t.s1_handover(hop1, hop2, NhNcc{1, key_of(0x31)});  // SMC still ongoing
  EXPECT_EQ(judge(t).verdict(Rule::r3), Verdict::fail);
}

TEST(Rule3, ue_context_modification_failure_leaves_the_old_chain_in_force) {
  Trace t;
  connected_after_smc_for_new_kasme(t);
  t.down(hop1, UeContextModificationRequest{key_of(0x40)});
  t.up(hop1, UeContextModificationFailure{});
  t.s1_handover(hop1, hop2, NhNcc{1, key_of(0x31)});
  EXPECT_EQ(judge(t).verdict(Rule::r3), Verdict::fail);
}

TEST(Rule3, handover_just_after_ue_context_modification_response_uses_the_new_chain_and_is_fine) {
  Trace t;
  connected_after_smc_for_new_kasme(t);
  t.down(hop1, UeContextModificationRequest{key_of(0x40)});
  t.up(hop1, UeContextModificationResponse{});
  t.s1_handover(hop1, hop2, NhNcc{2, key_of(0x42)});  // new KeNB (NCC 0), two steps on
  const Judged j = judge(t);
  EXPECT_EQ(j.verdict(Rule::r3), Verdict::inconc);
  EXPECT_THAT(j.first(Rule::r3, Verdict::inconc).reason,
              HasSubstr("but no HANDOVER REQUEST or PATH SWITCH REQUEST ACKNOWLEDGE was sent before a UE Context "
                        "Modification took a new KeNB into use"));
}

TEST(Rule3, security_mode_reject_closes_the_window_because_the_new_kasme_never_came_into_use) {
  Trace t;
  t.attach(src, 0, key_of(0x10));
  t.s1_handover(src, hop1, NhNcc{2, key_of(0x22)});
  t.reauthenticate(hop1, 1);
  t.up(hop1, SecurityModeReject{});
  t.s1_handover(hop1, hop2, NhNcc{3, key_of(0x33)});
  EXPECT_NE(judge(t).verdict(Rule::r3), Verdict::fail);
}

TEST(Rule3, ue_context_release_ends_the_window) {
  Trace t;
  connected_after_smc_for_new_kasme(t);
  t.down(hop1, UeContextReleaseCommand{});
  t.up(hop1, UeContextReleaseComplete{});
  const Leg back{"eNB2", 11, 81, kImsi};
  t.up(back, NasInitialRequest{NasRequestKind::service, 1});
  t.down(back, InitialContextSetupRequest{key_of(0x50)});
  t.up(back, InitialContextSetupResponse{});
  t.s1_handover(back, hop2, NhNcc{2, key_of(0x52)});
  const Judged j = judge(t);
  EXPECT_EQ(j.verdict(Rule::r3), Verdict::inconc);
  ASSERT_EQ(j.ues.size(), 1u);
}

TEST(Rule3, path_switch_acknowledge_on_the_old_chain_passes_and_a_restart_fails) {
  {
    Trace t;
    connected_after_smc_for_new_kasme(t);
    t.path_switch(hop1, hop2, NhNcc{3, key_of(0x33)});
    EXPECT_EQ(judge(t).verdict(Rule::r3), Verdict::pass);
  }
  {
    Trace t;
    const std::size_t smc = connected_after_smc_for_new_kasme(t);
    const std::size_t ack = t.path_switch(hop1, hop2, NhNcc{2, key_of(0x34)});
    const Judged j = judge(t);
    ASSERT_EQ(j.verdict(Rule::r3), Verdict::fail);
    EXPECT_THAT(indices(j.first(Rule::r3, Verdict::fail)), ElementsAre(kIcsIndex, smc, ack));
    EXPECT_THAT(j.first(Rule::r3, Verdict::fail).reason, HasSubstr("NCC 2 did not advance from NCC 2 yet the NH changed"));
  }
}

/// Walks the old chain to NCC 7 with path switches, then re-authenticates.
void old_chain_at_ncc_7_then_smc(Trace& t, Leg& serving) {
  t.attach(src, 0, key_of(0x10));
  Leg prev = src;
  for (std::uint8_t ncc = 2; ncc <= 7; ++ncc) {
    Leg next{"eNB" + std::to_string(ncc), 20u + ncc, 200u + ncc, std::nullopt};
    t.path_switch(prev, next, NhNcc{ncc, key_of(static_cast<std::uint8_t>(0x60 + ncc))});
    prev = next;
  }
  t.reauthenticate(prev, 1);
  t.up(prev, SecurityModeComplete{});
  serving = prev;
}

TEST(Rule3, ncc_wrapping_from_7_to_0_continues_the_old_chain) {
  Trace t;
  Leg serving;
  old_chain_at_ncc_7_then_smc(t, serving);
  t.path_switch(serving, Leg{"eNB9", 40, 400, std::nullopt}, NhNcc{0, key_of(0x70)});
  const Judged j = judge(t);
  ASSERT_EQ(j.verdict(Rule::r3), Verdict::pass) << j.report;
  EXPECT_THAT(j.first(Rule::r3, Verdict::pass).reason, HasSubstr("NCC steps from 7 to 0"));
}

TEST(Rule3, ncc_restarting_at_1_after_7_fails) {
  Trace t;
  Leg serving;
  old_chain_at_ncc_7_then_smc(t, serving);
  t.path_switch(serving, Leg{"eNB9", 40, 400, std::nullopt}, NhNcc{1, key_of(0x71)});
  const Judged j = judge(t);
  ASSERT_EQ(j.verdict(Rule::r3), Verdict::fail);
  EXPECT_THAT(j.first(Rule::r3, Verdict::fail).reason, HasSubstr("NCC restarts at 1 instead of stepping on from NCC 7"));
}

TEST(Rule3, no_smc_for_new_kasme_in_ecm_connected_is_inconclusive_and_says_so) {
  Trace t;
  t.attach(src, 0, key_of(0x10));
  t.s1_handover(src, hop1, NhNcc{2, key_of(0x22)});
  const Judged j = judge(t);
  EXPECT_EQ(j.verdict(Rule::r3), Verdict::inconc);
  EXPECT_EQ(j.first(Rule::r3, Verdict::inconc).reason,
            "no NAS SMC taking a new KASME into use was initiated while the UE was in ECM-CONNECTED");
}

// ---- with keys -------------------------------------------------------------------------------

struct Keys {
  SecurityLibraryKdf kdf;
  KasmeTable kasmes;
  /// The new KASME under eKSI 1, or with `reused_eksi` under eKSI 0 again, NextEPC 0.3.10's way
  /// (lab/INTEROP.md): eKSI 0 names the old KASME until the AKA and the new one after it, in the
  /// order the AKA runs of a capture fill the key source.
  explicit Keys(bool reused_eksi = false) {
    kasmes.add(kImsi, 0, kOldKasme);
    kasmes.add(kImsi, reused_eksi ? 0 : 1, kNewKasme);
  }
  MonitorConfig config() const {
    MonitorConfig c;
    c.kdf = &kdf;
    c.keys = &kasmes;
    return c;
  }
};

/// Attach with the KeNB of the old KASME at UL COUNT 0, re-authentication to eKSI 1 completed,
/// then one handover with the given pair. Returns the HANDOVER REQUEST index.
std::size_t keyed_handover_after_smc(Trace& t, NhNcc sc) {
  t.attach(src, 0, kOldKenb);
  t.reauthenticate(src, 1);
  t.up(src, SecurityModeComplete{});
  return t.s1_handover(src, hop1, sc);
}

TEST(Rule3WithKeys, nh_from_the_old_kasme_chain_passes) {
  const Keys keys;
  Trace t;
  keyed_handover_after_smc(t, NhNcc{2, kOldNh2});
  const Judged j = judge(t, keys.config());
  ASSERT_EQ(j.verdict(Rule::r3), Verdict::pass) << j.report;
  const Finding& f = j.first(Rule::r3, Verdict::pass);
  EXPECT_FALSE(f.without_keys);
  EXPECT_EQ(f.reason, "NH at NCC 2 derived from the old KASME (eKSI 0), 2 A.4 step(s) from NCC 0");
}

TEST(Rule3WithKeys, nh_from_the_new_kasme_fails_and_names_both_chains) {
  const Keys keys;
  Trace t;
  // The classic fault: the MME iterates A.4 from the NH it holds (NH1 of the old chain) with the new KASME.
  const std::size_t ho = keyed_handover_after_smc(t, NhNcc{2, keys.kdf.nh(kNewKasme, kOldNh1)});
  const Judged j = judge(t, keys.config());
  ASSERT_EQ(j.verdict(Rule::r3), Verdict::fail);
  const Finding& f = j.first(Rule::r3, Verdict::fail);
  EXPECT_FALSE(f.without_keys);
  EXPECT_THAT(f.reason, HasSubstr("NH at NCC 2 derived from the new KASME (eKSI 1); the UE can only derive from the "
                                  "old KASME (eKSI 0) until the UE Context Modification"));
  EXPECT_EQ(f.events.back().index, ho);
  // The same trace without keys cannot see it: NCC 2 is a legal step from the initial KeNB.
  EXPECT_EQ(judge(t).verdict(Rule::r3), Verdict::pass);
}

TEST(Rule3WithKeys, nh_of_a_chain_restarted_from_the_new_kasme_before_the_ucm_completed_fails_as_the_new_kasmes) {
  const Keys keys;
  Trace t;
  // The reference MME's --violate R3: on SMC COMPLETE it sends the UCM with KeNB = KDF(new KASME,
  // UL COUNT) and restarts its AS chain from that KeNB (NCC reset), so the handover that follows
  // before the UCM RESPONSE carries NH_2 of the new chain.
  t.attach(src, 0, kOldKenb);
  t.reauthenticate(src, 1);
  t.up(src, SecurityModeComplete{});
  const Key256 new_kenb = keys.kdf.kenb(kNewKasme, 1);
  t.down(src, UeContextModificationRequest{new_kenb});
  const Key256 new_nh2 = keys.kdf.nh(kNewKasme, keys.kdf.nh(kNewKasme, new_kenb));
  t.s1_handover(src, hop1, NhNcc{2, new_nh2});
  const Judged j = judge(t, keys.config());
  ASSERT_EQ(j.verdict(Rule::r3), Verdict::fail) << j.report;
  const Finding& f = j.first(Rule::r3, Verdict::fail);
  EXPECT_FALSE(f.without_keys);
  EXPECT_THAT(f.reason, HasSubstr("NH at NCC 2 derived from the new KASME (eKSI 1), 2 A.4 step(s) from the KeNB of the "
                                  "UE Context Modification in flight"));
  EXPECT_THAT(f.reason, Not(HasSubstr("nor on the new KASME's")));
}

TEST(Rule3WithKeys, nh_of_a_chain_restarted_from_the_new_kasme_with_no_ucm_in_flight_names_the_kenbs_uplink_count) {
  const Keys keys;
  Trace t;
  // The reference MME's --violate R3 when the UCM failed: its AS chain was restarted from
  // KDF(new KASME, uplink COUNT) at SMC COMPLETE, and no UCM in flight holds that KeNB.
  t.attach(src, 0, kOldKenb);
  t.reauthenticate(src, 1);
  t.up(src, SecurityModeComplete{});
  const Key256 restarted_kenb = keys.kdf.kenb(kNewKasme, 3);
  const Key256 new_nh2 = keys.kdf.nh(kNewKasme, keys.kdf.nh(kNewKasme, restarted_kenb));
  t.s1_handover(src, hop1, NhNcc{2, new_nh2});
  const Judged j = judge(t, keys.config());
  ASSERT_EQ(j.verdict(Rule::r3), Verdict::fail) << j.report;
  const Finding& f = j.first(Rule::r3, Verdict::fail);
  EXPECT_THAT(f.reason, HasSubstr("NH at NCC 2 derived from the new KASME (eKSI 1), 2 A.4 step(s) from its KeNB of uplink NAS "
                                  "COUNT 3 (a chain restarted before a UE Context Modification took that KeNB into use)"));
  EXPECT_THAT(f.reason, Not(HasSubstr("nor on the new KASME's")));
}

std::size_t keyed_handover_after_smc_under_the_same_eksi(Trace& t, NhNcc sc) {
  t.attach(src, 0, kOldKenb);
  t.reauthenticate(src, 0);
  t.up(src, SecurityModeComplete{});
  return t.s1_handover(src, hop1, sc);
}

TEST(Rule3WithKeys, under_a_reused_eksi_the_old_chain_is_the_replaced_kasmes_and_passes) {
  const Keys keys(/*reused_eksi=*/true);
  Trace t;
  keyed_handover_after_smc_under_the_same_eksi(t, NhNcc{2, kOldNh2});
  const Judged j = judge(t, keys.config());
  ASSERT_EQ(j.verdict(Rule::r3), Verdict::pass) << j.report;
  EXPECT_THAT(j.first(Rule::r3, Verdict::pass).reason, HasSubstr("NH at NCC 2 derived from the old KASME (eKSI 0)"));
  EXPECT_FALSE(j.first(Rule::r3, Verdict::pass).without_keys);
}

TEST(Rule3WithKeys, under_a_reused_eksi_a_chain_of_the_new_kasme_fails_instead_of_passing_as_the_old) {
  // What NextEPC 0.3.10 did in the lab probe: after the SMC it sent a second INITIAL CONTEXT
  // SETUP REQUEST on the connection, with KeNB = KDF(new KASME, 0), not a UCM, and the path
  // switch's NH continued that chain. Looked up by eKSI alone, "the old KASME (eKSI 0)" was the
  // new one, so this NH passed as the old chain's.
  const Keys keys(/*reused_eksi=*/true);
  Trace t;
  const SecurityLibraryKdf& kdf = keys.kdf;
  const Key256 new_kenb = kdf.kenb(kNewKasme, 0);
  t.attach(src, 0, kOldKenb);
  t.reauthenticate(src, 0);
  t.up(src, SecurityModeComplete{});
  t.down(src, InitialContextSetupRequest{new_kenb});
  t.up(src, InitialContextSetupResponse{});
  t.s1_handover(src, hop1, NhNcc{2, kdf.nh(kNewKasme, kdf.nh(kNewKasme, new_kenb))});
  const Judged j = judge(t, keys.config());
  ASSERT_EQ(j.verdict(Rule::r3), Verdict::fail) << j.report;
  EXPECT_THAT(j.first(Rule::r3, Verdict::fail).reason, HasSubstr("derived from the new KASME (eKSI 0)"));
}

TEST(Rule3WithKeys, old_chain_nh_with_a_wrong_ncc_fails) {
  const Keys keys;
  Trace t;
  keyed_handover_after_smc(t, NhNcc{3, kOldNh2});
  const Judged j = judge(t, keys.config());
  ASSERT_EQ(j.verdict(Rule::r3), Verdict::fail);
  EXPECT_THAT(j.first(Rule::r3, Verdict::fail).reason, HasSubstr("sent with NCC 3 where that chain gives NCC 2"));
}

TEST(Rule3WithKeys, nh_of_no_known_chain_fails) {
  const Keys keys;
  Trace t;
  keyed_handover_after_smc(t, NhNcc{2, key_of(0x99)});
  const Judged j = judge(t, keys.config());
  ASSERT_EQ(j.verdict(Rule::r3), Verdict::fail);
  EXPECT_THAT(j.first(Rule::r3, Verdict::fail).reason,
              HasSubstr("is not on the chain of the old KASME (eKSI 0) within 8 steps of NCC 0 nor on the new KASME's"));
}

TEST(Rule3WithKeys, second_handover_continues_from_the_nh_sent_before) {
  const Keys keys;
  Trace t;
  keyed_handover_after_smc(t, NhNcc{2, kOldNh2});
  t.s1_handover(hop1, hop2, NhNcc{3, kOldNh3});
  const Judged j = judge(t, keys.config());
  ASSERT_EQ(j.verdict(Rule::r3), Verdict::pass) << j.report;
  EXPECT_EQ(j.of(Rule::r3, 0).findings.back().reason,
            "NH at NCC 3 derived from the old KASME (eKSI 0), 1 A.4 step(s) from NCC 2");
}

}  // namespace
}  // namespace concur::monitor::test
