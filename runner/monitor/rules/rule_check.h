// The interface every rule of TS 33.401 7.2.10 implements, and the helpers they share.
// A rule sees each event of a UE together with the UE's state *before* that event, and once
// more at the end of the trace (for required messages that never came, and for inconc).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "monitor/event.h"
#include "monitor/monitor_config.h"
#include "monitor/ue_state.h"
#include "monitor/verdict.h"

namespace concur::monitor {

/// Findings of one rule for one UE context.
class RuleLog {
 public:
  explicit RuleLog(Rule r) : rule_(r) {}
  void add(Verdict v, std::string reason, std::vector<EventRef> events = {}, std::string expected = {},
           std::string seen = {}, bool without_keys = false);
  void add(Finding f) { findings_.push_back(std::move(f)); }
  /// True when a pass, fail or error was recorded: the situation was met.
  bool decided() const;
  const std::vector<Finding>& findings() const { return findings_; }
  Rule rule() const { return rule_; }

 private:
  Rule rule_;
  std::vector<Finding> findings_;
};

class RuleCheck {
 public:
  explicit RuleCheck(Rule r) : rule_(r) {}
  virtual ~RuleCheck() = default;
  Rule rule() const { return rule_; }
  /// Why the rule does not apply to this SUT (verdict `none`), or nullopt when it does.
  virtual std::optional<std::string> not_applicable(const SutProfile& sut) const = 0;
  virtual void observe(const Event& e, const UeState& before, RuleLog& log) = 0;
  /// End of trace. Adds an inconc finding naming the missing situation when nothing was decided.
  virtual void finish(const UeState& ue, RuleLog& log) = 0;

 private:
  Rule rule_;
};

/// All rules, R1..R9, in order.
std::vector<std::unique_ptr<RuleCheck>> make_rules(const MonitorConfig& config);

// ---- factories, one per rule file -------------------------------------------------------
std::unique_ptr<RuleCheck> make_rule1(const MonitorConfig& c);
std::unique_ptr<RuleCheck> make_rule2(const MonitorConfig& c);
std::unique_ptr<RuleCheck> make_rule3(const MonitorConfig& c);
std::unique_ptr<RuleCheck> make_rule4(const MonitorConfig& c);
std::unique_ptr<RuleCheck> make_rule5(const MonitorConfig& c);
std::unique_ptr<RuleCheck> make_rule6(const MonitorConfig& c);
std::unique_ptr<RuleCheck> make_rule7(const MonitorConfig& c);
std::unique_ptr<RuleCheck> make_rule8(const MonitorConfig& c);
std::unique_ptr<RuleCheck> make_rule9(const MonitorConfig& c);

// ---- shared helpers -----------------------------------------------------------------------
/// The MME rules do not bind an eNB under test, and the eNB rule not an MME.
std::optional<std::string> mme_rule_only(const SutProfile& sut);

/// KASME with eKSI `ksi` of this UE: from the configured key source, else learned from S10.
std::optional<Key256> kasme_of(const MonitorConfig& c, const UeState& ue, std::optional<Ksi> ksi);
/// The old KASME of a NAS re-keying from `old_ksi` to `new_ksi`: kasme_of(old_ksi), except when
/// the MME re-authenticated under the eKSI in use, where it is the KASME that eKSI named before
/// (KeySource::replaced_kasme); nullopt when unknown (the rule then judges without keys).
std::optional<Key256> old_kasme_of(const MonitorConfig& c, const UeState& ue, std::optional<Ksi> old_ksi, Ksi new_ksi);

std::string ksi_text(std::optional<Ksi> ksi);  ///< "eKSI 1" / "eKSI unknown"

/// An S10 FORWARD RELOCATION REQUEST observed after the SECURITY MODE COMPLETE of `rekey` that
/// carries exactly the NAS context from before that SMC (its old eKSI as current, no old security
/// context): the MME built it before it took the COMPLETE, so from its side the SMC was still
/// ongoing; the two crossed on the way. Rule 6 judges it (sent during the SMC), not rule 8.
bool crossed_the_smc_complete(const ForwardRelocationRequest& frr, const NasRekey& rekey);

}  // namespace concur::monitor
