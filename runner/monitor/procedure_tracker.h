// Advances a UE's state by one event: procedures start and end, the KASME NAS uses changes, the
// NH chain steps. It judges nothing: rules read the state as it was before the event.
#pragma once

#include "monitor/event.h"
#include "monitor/monitor_config.h"
#include "monitor/ue_state.h"

namespace concur::monitor {

/// Where the target of a HANDOVER REQUIRED lies, from the message and the profile's served TAIs.
HandoverScope scope_of(const HandoverRequired& m, const SutProfile& sut);

/// The S1 leg `e` travels on, or nullptr (GTPv2, or ids not bound yet).
S1Leg* leg_of(const Event& e, UeState& ue);

/// Would this SMC Command take a KASME into use that NAS does not use yet?
bool takes_new_kasme(const SecurityModeCommand& smc, const UeState& before);

class ProcedureTracker {
 public:
  explicit ProcedureTracker(const SutProfile& sut) : sut_(sut) {}
  void apply(const Event& e, UeState& ue) const;

 private:
  void end_connection(UeState& ue) const;
  void step_chain(UeState& ue, const NhNcc& sent) const;
  const SutProfile& sut_;
};

}  // namespace concur::monitor
