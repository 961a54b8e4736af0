/// TS 33.401 7.2.10 rule 1: "MME shall not initiate any of the S1 procedures Initial Context
/// Setup or UE Context Modification including a new KeNB towards a UE if a NAS Security Mode
/// Command procedure is ongoing with the UE."
///
/// Fires on an INITIAL CONTEXT SETUP REQUEST, or a UE CONTEXT MODIFICATION REQUEST with a
/// SecurityKey, sent while an SMC has neither completed, been rejected, nor been ended by a UE
/// Context Release. Pass: such a request followed an SMC only after the SMC ended, in the same
/// connection (the MME waited).
#include <map>

#include "monitor/rules/rule_check.h"

namespace concur::monitor {
namespace {

class Rule1 final : public RuleCheck {
 public:
  Rule1() : RuleCheck(Rule::r1) {}
  std::optional<std::string> not_applicable(const SutProfile& sut) const override { return mme_rule_only(sut); }

  void observe(const Event& e, const UeState& before, RuleLog& log) override {
    const auto* ics = std::get_if<InitialContextSetupRequest>(&e.body);
    const auto* ucm = std::get_if<UeContextModificationRequest>(&e.body);
    if (before.smc) seen_smc_[before.id] = true;
    if (std::holds_alternative<SecurityModeCommand>(e.body)) seen_smc_[before.id] = true;
    if (!ics && !(ucm && ucm->security_key)) return;
    const std::string proc = ics ? "Initial Context Setup" : "UE Context Modification with a new KeNB";
    if (before.smc) {
      log.add(Verdict::fail, proc + " initiated while the NAS Security Mode Command " + ksi_text(before.smc->eksi) +
                                 " was ongoing (no SECURITY MODE COMPLETE or REJECT yet)",
              {before.smc->command, ref_of(e)},
              "no " + proc + " until the SMC completes, is rejected or the UE context is released",
              message_name(e.body) + " at #" + std::to_string(e.index));
      return;
    }
    if (before.smc_ended_this_connection) {
      log.add(Verdict::pass, proc + " initiated only after the NAS SMC ended",
              {*before.smc_ended_this_connection, ref_of(e)});
    }
  }

  void finish(const UeState& ue, RuleLog& log) override {
    if (log.decided()) return;
    log.add(Verdict::inconc, seen_smc_[ue.id]
                                 ? "a NAS SMC ran, but no Initial Context Setup or UE Context Modification with a new "
                                   "KeNB was initiated after it in the same connection"
                                 : "no NAS Security Mode Command was observed");
  }

 private:
  std::map<std::size_t, bool> seen_smc_;
};

}  // namespace

std::unique_ptr<RuleCheck> make_rule1(const MonitorConfig&) { return std::make_unique<Rule1>(); }

}  // namespace concur::monitor
