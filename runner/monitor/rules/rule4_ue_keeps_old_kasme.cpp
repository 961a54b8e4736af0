/// TS 33.401 7.2.10 rule 4: "When the UE is in ECM-CONNECTED state and has received a NAS SMC
/// message in order to take a new KASME into use, the UE shall continue to use AS security
/// context parameters based on the old KASME in handover until the network indicates in an
/// RRCConnectionReconfiguration procedure to take a KeNB derived from the new KASME into use."
///
/// The UE's rule, observable only on Uu. On S1 it is the oracle of rules 3 and 9: the chain a
/// rule-4 UE can follow is what key_chain.h locate_on_chain() computes. Verdict: none.
#include "monitor/rules/rule_check.h"

namespace concur::monitor {
namespace {

class Rule4 final : public RuleCheck {
 public:
  Rule4() : RuleCheck(Rule::r4) {}
  std::optional<std::string> not_applicable(const SutProfile&) const override {
    return "the rule binds the UE and is observable only on Uu; the monitor uses it as the key oracle of rules 3 "
           "and 9";
  }
  void observe(const Event&, const UeState&, RuleLog&) override {}
  void finish(const UeState&, RuleLog&) override {}
};

}  // namespace

std::unique_ptr<RuleCheck> make_rule4(const MonitorConfig&) { return std::make_unique<Rule4>(); }

}  // namespace concur::monitor
