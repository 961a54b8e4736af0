// Parallel slots take disjoint subscribers: two cases running at once must never attach the same
// IMSI (the SUT would see one UE, and the S10/S3 peer routes relocations by IMSI).
#include <gtest/gtest.h>

#include <set>

#include "scenario/engine.h"

namespace {

using concur::scenario::Environment;
using concur::scenario::subscriber_index;

TEST(SubscriberSlots, a_one_ue_case_in_slot_1_does_not_take_a_subscriber_of_a_two_ue_case_in_slot_0) {
  Environment slot0, slot1;
  slot0.slot = 0;
  slot1.slot = 1;
  slot0.subscribers_per_slot = slot1.subscribers_per_slot = 2;  // the run's largest case has 2 UEs
  const std::set<std::size_t> two_ue_case{subscriber_index(slot0, 2, 0), subscriber_index(slot0, 2, 1)};
  EXPECT_EQ(two_ue_case.size(), 2u);
  EXPECT_EQ(two_ue_case.count(subscriber_index(slot1, 1, 0)), 0u);
  EXPECT_EQ(subscriber_index(slot1, 1, 0), 2u);
}

TEST(SubscriberSlots, one_ue_cases_take_the_slot_number_as_their_subscriber) {
  Environment env;
  for (std::size_t s = 0; s < 4; ++s) {
    env.slot = s;
    EXPECT_EQ(subscriber_index(env, 1, 0), s);
  }
}

}  // namespace
