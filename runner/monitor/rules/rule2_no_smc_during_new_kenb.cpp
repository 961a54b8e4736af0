/// TS 33.401 7.2.10 rule 2: "The MME shall not initiate a NAS Security Mode Command towards a
/// UE if one of the S1 procedures Initial Context Setup or UE Context Modification including a
/// new KeNB is ongoing with the UE."
///
/// Fires on a SECURITY MODE COMMAND sent while an INITIAL CONTEXT SETUP REQUEST, or a UE CONTEXT
/// MODIFICATION REQUEST with a SecurityKey, has had neither response nor failure (nor a release).
/// Pass: an SMC came after such a procedure ended, in the same connection.
#include <map>

#include "monitor/rules/rule_check.h"

namespace concur::monitor {
namespace {

std::string procedure_name(S1RekeyKind k) {
  return k == S1RekeyKind::initial_context_setup ? "Initial Context Setup"
                                                 : "UE Context Modification with a new KeNB";
}

class Rule2 final : public RuleCheck {
 public:
  Rule2() : RuleCheck(Rule::r2) {}
  std::optional<std::string> not_applicable(const SutProfile& sut) const override { return mme_rule_only(sut); }

  void observe(const Event& e, const UeState& before, RuleLog& log) override {
    if (before.s1_rekey) seen_rekey_[before.id] = true;
    const auto* smc = std::get_if<SecurityModeCommand>(&e.body);
    if (!smc) return;
    if (before.s1_rekey) {
      const std::string proc = procedure_name(before.s1_rekey->kind);
      log.add(Verdict::fail,
              "NAS Security Mode Command " + ksi_text(smc->eksi) + " initiated while the " + proc +
                  " was ongoing (no response or failure yet)",
              {before.s1_rekey->request, ref_of(e)}, "no SECURITY MODE COMMAND until the " + proc + " ends",
              "SECURITY MODE COMMAND at #" + std::to_string(e.index));
      return;
    }
    if (before.s1_rekey_ended_this_connection) {
      log.add(Verdict::pass, "NAS Security Mode Command initiated only after the S1 procedure with a new KeNB ended",
              {*before.s1_rekey_ended_this_connection, ref_of(e)});
    }
  }

  void finish(const UeState& ue, RuleLog& log) override {
    if (log.decided()) return;
    log.add(Verdict::inconc,
            seen_rekey_[ue.id] ? "an Initial Context Setup / UE Context Modification with a new KeNB ran, but no NAS "
                                 "Security Mode Command followed it in the same connection"
                               : "no Initial Context Setup or UE Context Modification with a new KeNB was observed");
  }

 private:
  std::map<std::size_t, bool> seen_rekey_;
};

}  // namespace

std::unique_ptr<RuleCheck> make_rule2(const MonitorConfig&) { return std::make_unique<Rule2>(); }

}  // namespace concur::monitor
