// Which UE context each message belongs to: S1AP ids per association and across handovers,
// GTPv2-C sequence numbers and TEIDs, IMSI.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "trace_builder.h"

namespace concur::monitor::test {
namespace {

using ::testing::Each;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<std::size_t> ues_of(const Judged& j) {
  std::vector<std::size_t> out;
  for (const auto& [index, ue] : j.ue_of_event) out.push_back(ue);
  return out;
}

TEST(Correlation, s1_ids_change_across_a_handover_and_the_ue_stays_one_context) {
  const Leg source{"eNB1", 1, 10, std::nullopt};  // no IMSI anywhere: S1 ids alone must carry it
  const Leg target{"eNB2", 2, 20, std::nullopt};
  Trace t;
  t.attach(source, 0, key_of(1));
  t.s1_handover(source, target, NhNcc{2, key_of(2)});
  const std::size_t smc = t.reauthenticate(target, 1);
  const std::size_t ucm = t.down(target, UeContextModificationRequest{key_of(3)});
  const Judged j = judge(t);
  ASSERT_EQ(j.ues.size(), 1u);
  EXPECT_THAT(ues_of(j), Each(0u));
  ASSERT_EQ(j.ues[0].legs.size(), 1u) << "the source leg is gone after its release";
  EXPECT_EQ(j.ues[0].legs[0].association, "eNB2");
  EXPECT_TRUE(j.ues[0].legs[0].serving);
  EXPECT_THAT(indices(j.first(Rule::r1, Verdict::fail)), ElementsAre(smc, ucm));
}

TEST(Correlation, two_interleaved_ues_are_judged_apart_and_a_violation_of_one_does_not_taint_the_other) {
  const Leg a{"eNB1", 1, 1, "001010000000011"};
  const Leg b{"eNB1", 2, 2, "001010000000022"};
  Trace t;
  t.up(a, NasInitialRequest{});
  t.up(b, NasInitialRequest{});
  t.down(a, SecurityModeCommand{0, {}});
  t.down(b, SecurityModeCommand{0, {}});
  t.up(b, SecurityModeComplete{});
  t.down(b, InitialContextSetupRequest{key_of(2)});  // B waited for its SMC
  const std::size_t violation = t.down(a, InitialContextSetupRequest{key_of(1)});  // A did not
  t.up(a, SecurityModeComplete{});
  const Judged j = judge(t);
  ASSERT_EQ(j.ues.size(), 2u);
  EXPECT_EQ(j.verdict(Rule::r1), Verdict::fail);
  EXPECT_EQ(j.rule(Rule::r1).count(Verdict::fail), 1u);
  EXPECT_EQ(j.rule(Rule::r1).count(Verdict::pass), 1u);
  EXPECT_EQ(j.of(Rule::r1, 0).verdict, Verdict::fail);
  EXPECT_EQ(j.of(Rule::r1, 0).ue, "UE1 (IMSI 001010000000011)");
  EXPECT_EQ(j.of(Rule::r1, 0).findings.at(0).events.back().index, violation);
  EXPECT_EQ(j.of(Rule::r1, 1).verdict, Verdict::pass);
  EXPECT_EQ(j.of(Rule::r1, 1).ue, "UE2 (IMSI 001010000000022)");
}

TEST(Correlation, the_same_enb_ue_id_on_two_associations_names_two_ues) {
  Trace t;
  t.up(Leg{"eNB1", 1, 5, std::nullopt}, NasInitialRequest{});
  t.up(Leg{"eNB2", 2, 5, std::nullopt}, NasInitialRequest{});
  EXPECT_EQ(judge(t).ues.size(), 2u);
}

TEST(Correlation, released_s1_ids_reused_by_a_later_connection_start_a_new_ue_context) {
  const Leg first{"eNB1", 1, 1, std::nullopt};
  Trace t;
  t.attach(first, 0, key_of(1));
  t.down(first, UeContextReleaseCommand{});
  t.up(first, UeContextReleaseComplete{});
  t.up(first, NasInitialRequest{});
  EXPECT_EQ(judge(t).ues.size(), 2u);
}

TEST(Correlation, ue_holding_names_the_ue_on_a_connection_by_either_id_and_none_once_it_is_released) {
  // The judge attributes a NAS PDU it cannot read to the UE holding its S1 connection.
  const Leg a{"eNB1", 1, 11, std::nullopt};
  const Leg b{"eNB1", 2, 22, std::nullopt};
  Trace t;
  t.attach(a, 0, key_of(1));
  t.attach(b, 0, key_of(2));
  MonitorConfig config;
  Monitor m(config);
  for (const Event& e : t.events()) m.feed(e);
  ASSERT_EQ(m.ue_contexts().size(), 2u);
  EXPECT_EQ(m.ue_holding(S1UeIds{"eNB1", 2, std::nullopt}), std::optional<std::size_t>(1));
  EXPECT_EQ(m.ue_holding(S1UeIds{"eNB1", std::nullopt, 11}), std::optional<std::size_t>(0));
  EXPECT_EQ(m.ue_holding(S1UeIds{"eNB2", 2, 22}), std::nullopt) << "same ids, other association";
  EXPECT_EQ(m.ue_holding(S1UeIds{"eNB1", 3, 33}), std::nullopt);

  Trace release;
  release.down(b, UeContextReleaseCommand{});
  release.up(b, UeContextReleaseComplete{});
  for (Event e : release.events()) {
    e.index += t.events().size();
    m.feed(e);
  }
  EXPECT_EQ(m.ue_holding(S1UeIds{"eNB1", 2, 22}), std::nullopt) << "a released connection is held by nobody";
  EXPECT_EQ(m.ue_holding(S1UeIds{"eNB1", 1, 11}), std::optional<std::size_t>(0));
}

TEST(Correlation, path_switch_request_finds_the_ue_by_its_source_mme_ue_s1ap_id) {
  const Leg source{"eNB1", 1, 10, std::nullopt};
  Trace t;
  t.attach(source, 0, key_of(1));
  t.path_switch(source, Leg{"eNB2", 1, 20, std::nullopt}, NhNcc{2, key_of(2)});
  const Judged j = judge(t);
  EXPECT_EQ(j.ues.size(), 1u);
  EXPECT_THAT(ues_of(j), Each(0u));
}

TEST(Correlation, an_mme_ue_id_kept_across_a_handover_still_finds_the_ue_after_the_source_leg_is_released) {
  const Leg source{"eNB1", 5, 10, std::nullopt};
  const Leg target{"eNB2", 5, 20, std::nullopt};  // the MME kept its MME-UE-S1AP-ID
  Trace t;
  t.attach(source, 0, key_of(1));
  t.s1_handover(source, target, NhNcc{2, key_of(2)});
  t.path_switch(target, Leg{"eNB3", 5, 30, std::nullopt}, NhNcc{3, key_of(3)});
  const Judged j = judge(t);
  EXPECT_EQ(j.ues.size(), 1u);
  EXPECT_THAT(ues_of(j), Each(0u));
}

TEST(Correlation, gtp_responses_find_their_requests_by_sequence_number_in_any_order) {
  const Leg a{"eNB1", 1, 1, "001010000000011"};
  const Leg b{"eNB1", 2, 2, "001010000000022"};
  Trace t;
  t.attach(a, 0, key_of(1));
  t.attach(b, 0, key_of(2));
  t.handover_required_to_other_mme(a);
  t.handover_required_to_other_mme(b);
  t.relocation_out(s10_relocation(0, key_of(3), NhNcc{2, key_of(4)}), 10, std::nullopt);  // A waited longest
  t.relocation_out(s10_relocation(0, key_of(5), NhNcc{2, key_of(6)}), 11, std::nullopt);
  // Responses in reverse order, header TEID 0 (TS 29.274 5.5.2: the sender may not know the TEID):
  const std::size_t to_b = t.gtp(false, 0, 11, std::nullopt, ForwardRelocationResponse{16});
  const std::size_t to_a = t.gtp(false, 0, 10, std::nullopt, ForwardRelocationResponse{16});
  const Judged j = judge(t);
  ASSERT_EQ(j.ues.size(), 2u);
  EXPECT_EQ(j.ue_of_event.at(to_b), 1u);
  EXPECT_EQ(j.ue_of_event.at(to_a), 0u);
}

TEST(Correlation, relocation_to_the_target_mme_and_its_handover_request_are_one_ue_context) {
  Trace t;
  t.relocation_in(s10_relocation(1, key_of(1), NhNcc{2, key_of(2)}), 300, "001010000000033");
  t.accept_relocation_in(Leg{"eNB7", 70, 700, std::nullopt}, 300, NhNcc{2, key_of(2)});
  t.down(Leg{"eNB7", 70, 700, std::nullopt}, UeContextModificationRequest{key_of(3)});
  const Judged j = judge(t);
  ASSERT_EQ(j.ues.size(), 1u);
  EXPECT_THAT(ues_of(j), Each(0u));
  EXPECT_EQ(j.ues[0].imsi, "001010000000033");
}

TEST(Correlation, handover_requests_pair_with_the_oldest_waiting_handover_required) {
  const Leg a{"eNB1", 1, 1, std::nullopt};
  const Leg b{"eNB1", 2, 2, std::nullopt};
  Trace t;
  t.attach(a, 0, key_of(1));
  t.attach(b, 0, key_of(2));
  t.up(a, HandoverRequired{});
  t.up(b, HandoverRequired{});
  const std::size_t for_a = t.handover_request("eNB2", 11, NhNcc{2, key_of(3)});
  const std::size_t for_b = t.handover_request("eNB2", 12, NhNcc{2, key_of(4)});
  const std::size_t ack_b = t.up(Leg{"eNB2", 12, 22, std::nullopt}, HandoverRequestAcknowledge{});
  const Judged j = judge(t);
  ASSERT_EQ(j.ues.size(), 2u);
  EXPECT_EQ(j.ue_of_event.at(for_a), 0u);
  EXPECT_EQ(j.ue_of_event.at(for_b), 1u);
  EXPECT_EQ(j.ue_of_event.at(ack_b), 1u);
}

TEST(Correlation, imsi_links_a_later_connection_to_the_same_ue_context) {
  Trace t;
  t.attach(Leg{"eNB1", 1, 1, "001010000000044"}, 0, key_of(1));
  t.down(Leg{"eNB1", 1, 1, std::nullopt}, UeContextReleaseCommand{});
  t.up(Leg{"eNB1", 1, 1, std::nullopt}, UeContextReleaseComplete{});
  t.up(Leg{"eNB3", 9, 9, "001010000000044"}, NasInitialRequest{NasRequestKind::service, 0});
  EXPECT_EQ(judge(t).ues.size(), 1u);
}

}  // namespace
}  // namespace concur::monitor::test
