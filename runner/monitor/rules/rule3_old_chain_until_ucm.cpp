/// TS 33.401 7.2.10 rule 3: "When the UE is in ECM-CONNECTED state and the MME has initiated a
/// NAS SMC procedure in order to take a new KASME into use, the MME shall continue to include AS
/// security context parameters based on the old KASME in the HANDOVER REQUEST or PATH SWITCH
/// REQUEST ACKNOWLEDGE message, until the MME takes a KeNB derived from the new KASME into use
/// by means of a UE Context Modification procedure."
///
/// Window: from the SECURITY MODE COMMAND for a new KASME (sent while an AS context exists) to
/// the UE CONTEXT MODIFICATION RESPONSE of a request with a SecurityKey. A UE Context Modification
/// Failure leaves the window open; an SMC Reject closes it (the new KASME never came into use).
/// Every HANDOVER REQUEST and PATH SWITCH REQUEST ACKNOWLEDGE in the window is judged against the
/// old chain (rules/old_chain.h), exactly with keys, structurally without.
#include <map>

#include "monitor/rules/old_chain.h"
#include "monitor/rules/rule_check.h"

namespace concur::monitor {
namespace {

class Rule3 final : public RuleCheck {
 public:
  explicit Rule3(const MonitorConfig& c) : RuleCheck(Rule::r3), config_(c) {}
  std::optional<std::string> not_applicable(const SutProfile& sut) const override { return mme_rule_only(sut); }

  void observe(const Event& e, const UeState& before, RuleLog& log) override {
    if (before.rekey) window_seen_[before.id] = before.rekey->smc_command;
    if (!before.rekey || !before.as_chain || before.incoming_relocation) return;
    const NhNcc* sent = nullptr;
    if (const auto* m = std::get_if<HandoverRequest>(&e.body)) sent = &m->security_context;
    if (const auto* m = std::get_if<PathSwitchRequestAcknowledge>(&e.body)) sent = &m->security_context;
    if (!sent) return;

    const NasRekey& w = *before.rekey;
    ChainSides sides{*before.as_chain, w.old_ksi, old_kasme_of(config_, before, w.old_ksi, w.new_ksi), w.new_ksi,
                     kasme_of(config_, before, w.new_ksi)};
    if (before.s1_rekey && before.s1_rekey->kind == S1RekeyKind::ue_context_modification)
      sides.new_kenb = before.s1_rekey->kenb;
    const ChainJudgement j = judge_old_chain(*sent, sides, config_.kdf, message_name(e.body));
    log.add(j.on_old_chain ? Verdict::pass : Verdict::fail,
            j.reason + (j.on_old_chain ? "" : "; SMC for the new KASME at #" + std::to_string(w.smc_command.index) +
                                                   ", no UE Context Modification with a new KeNB since"),
            {w.smc_command, before.as_chain->origin, ref_of(e)}, j.expected, j.seen, j.without_keys);
  }

  void finish(const UeState& ue, RuleLog& log) override {
    if (log.decided()) return;
    const auto it = window_seen_.find(ue.id);
    if (it != window_seen_.end()) {
      log.add(Verdict::inconc,
              "a NAS SMC for a new KASME ran in ECM-CONNECTED (#" + std::to_string(it->second.index) +
                  "), but no HANDOVER REQUEST or PATH SWITCH REQUEST ACKNOWLEDGE was sent before a UE Context "
                  "Modification took a new KeNB into use",
              {it->second});
      return;
    }
    log.add(Verdict::inconc, "no NAS SMC taking a new KASME into use was initiated while the UE was in ECM-CONNECTED");
  }

 private:
  const MonitorConfig& config_;
  std::map<std::size_t, EventRef> window_seen_;
};

}  // namespace

std::unique_ptr<RuleCheck> make_rule3(const MonitorConfig& c) { return std::make_unique<Rule3>(c); }

}  // namespace concur::monitor
