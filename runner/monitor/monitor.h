// The rule monitor: the one judge of TS 33.401 clause 7.2.10 that live runs and capture replays
// feed. Feed it a time-ordered trace of events, call finish() at the end, read the verdicts.
//
//   concur::monitor::Monitor m(config);
//   for (const Event& e : trace) m.feed(e);
//   m.finish();
//   std::cout << format_report(m.summary());
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "monitor/correlator.h"
#include "monitor/event.h"
#include "monitor/monitor_config.h"
#include "monitor/procedure_tracker.h"
#include "monitor/rules/rule_check.h"
#include "monitor/ue_state.h"
#include "monitor/verdict.h"

namespace concur::monitor {

class Monitor {
 public:
  explicit Monitor(MonitorConfig config);
  Monitor(const Monitor&) = delete;
  Monitor& operator=(const Monitor&) = delete;
  ~Monitor();

  /// One message of the trace. Events must come in trace order (strictly increasing index);
  /// one that does not is recorded as an `error` of the tester, then processed.
  void feed(const Event& e);
  /// End of trace: rules judge what never happened (inconc with reason, or absent messages).
  /// Further feed() calls are errors; calling it twice is harmless.
  void finish();

  /// Per rule R1..R9: aggregated verdict, counts, and per UE context verdicts with findings.
  /// Calls finish() when it was not called yet.
  std::vector<RuleSummary> summary();
  /// One rule for one UE context (index into ue_contexts()).
  UeRuleVerdict verdict(Rule r, std::size_t ue);
  const std::vector<UeState>& ue_contexts() const { return ues_; }
  /// The UE context (index into ue_contexts()) a fed event was attributed to: for message
  /// ladders per UE, and to show the correlation.
  std::optional<std::size_t> ue_of_event(std::size_t event_index) const;
  /// The UE context (index into ue_contexts()) that holds the S1 connection `s1` now: one of
  /// its legs is on that association with that MME-UE-S1AP-ID or eNB-UE-S1AP-ID. Looked up in
  /// the correlator's index, so it costs the same with a million UEs as with one.
  std::optional<std::size_t> ue_holding(const S1UeIds& s1) const;

 private:
  RuleLog& log_of(Rule r, std::size_t ue);
  void record_error(std::size_t ue, const std::string& reason, const Event& e);

  MonitorConfig config_;
  ProcedureTracker tracker_;
  Correlator correlator_;
  std::vector<UeState> ues_;
  std::vector<std::unique_ptr<RuleCheck>> rules_;
  std::map<std::pair<Rule, std::size_t>, RuleLog> logs_;
  std::optional<std::size_t> last_index_;
  std::map<std::size_t, std::size_t> ue_of_event_;
  bool finished_ = false;
};

}  // namespace concur::monitor
