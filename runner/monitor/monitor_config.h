// What the monitor needs from the SUT profile, and where key material comes from.
#pragma once

#include <string>
#include <vector>

#include "monitor/event.h"
#include "monitor/key_chain.h"

namespace concur::monitor {

enum class SutRole { mme, enb };

/// Declared capabilities of the system under test: a rule the SUT cannot meet the situation of
/// gets the verdict `none` instead of `inconc`.
struct SutProfile {
  SutRole role = SutRole::mme;
  std::string node = "MME";   ///< node label of the SUT in events (the MME, or the eNB under test)
  bool s10 = true;            ///< inter-MME handover over S10 (rules 6, 7, 8, 9)
  bool inter_rat = true;      ///< handover to UTRAN/GERAN over S3 (rule 6)
  /// TAIs this MME serves: a HANDOVER REQUIRED to any other TAI is an inter-MME handover.
  /// Empty: rely on HandoverRequired::target_core or on what the MME does next.
  std::vector<TrackingAreaId> served_tais;
};

struct MonitorConfig {
  SutProfile sut;
  const KeySource* keys = nullptr;       ///< optional; not owned
  const KeyDerivation* kdf = nullptr;    ///< optional; not owned. Without it: structural checks only.
};

}  // namespace concur::monitor
