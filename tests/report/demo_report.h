// A RunReport made the way `concur run` makes one, without a SUT: synthetic monitor events for
// an MME that breaks rule 3 (after a NAS SMC for a new KASME it restarts the NH chain in a
// HANDOVER REQUEST instead of staying on the old KASME's chain), judged by the real monitor,
// plus a conformant case. Tests and the demo program share it.
#pragma once

#include <cstdint>
#include <vector>

#include "monitor/event.h"
#include "report/report_model.h"

namespace concur::report::test {

/// The events of the rule-3 violation: attach, S1 handover (NCC 2), re-authentication with an
/// SMC for eKSI 1, then a HANDOVER REQUEST with NCC 1. `offending_index()` is that request.
std::vector<monitor::Event> r3_violation_trace();
/// Same, but the last HANDOVER REQUEST steps the old chain on to NCC 3: conformant.
std::vector<monitor::Event> r3_conformant_trace();
/// Trace index of the HANDOVER REQUEST that breaks rule 3 in r3_violation_trace().
std::size_t offending_index();

/// A test case result from a monitor run over `events`, with findings of `rules` only.
TestCaseResult judged_test_case(const std::vector<monitor::Event>& events, std::vector<monitor::Rule> rules);

/// The rule-3 violation among `background_ues` other UEs attaching, half before the first
/// handover and half after the violation: a ladder of hundreds of messages (7 per UE).
TestCaseResult demo_large_test_case(std::uint32_t background_ues);

/// Two test cases: TC_R3_HO_AFTER_SMC_COMPLETE (fail, the violation trace) and
/// TC_R3_HO_OLD_CHAIN_STEPS (pass), with metadata as a `--reference --violate R3` run.
RunReport demo_run_report();

}  // namespace concur::report::test
