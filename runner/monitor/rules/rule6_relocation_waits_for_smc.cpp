/// TS 33.401 7.2.10 rule 6: "When the MME has initiated a NAS SMC procedure in order to take a
/// new KASME into use and receives a request for an inter-MME handover or an inter-RAT handover
/// from the serving eNB, the MME shall wait for the completion of the NAS SMC procedure before
/// sending an S10 FORWARD RELOCATION message or initiating an inter-RAT handover."
///
/// Fires on a FORWARD RELOCATION REQUEST (S10 or S3) the MME sends, and on a HANDOVER COMMAND for
/// an inter-RAT handover, while an SMC taking a new KASME into use is ongoing. Pass: a HANDOVER
/// REQUIRED for an inter-MME / inter-RAT target reached the MME during such an SMC, and the
/// relocation went out only after the SMC completed or was rejected.
#include <map>

#include "monitor/procedure_tracker.h"
#include "monitor/rules/rule_check.h"

namespace concur::monitor {
namespace {

bool leaves_the_mme(HandoverScope s) { return s != HandoverScope::intra_mme; }

std::string scope_text(HandoverScope s) {
  switch (s) {
    case HandoverScope::inter_mme: return "inter-MME";
    case HandoverScope::inter_rat: return "inter-RAT";
    case HandoverScope::intra_mme: return "intra-MME";
    case HandoverScope::unknown: break;
  }
  return "inter-MME or inter-RAT";
}

class Rule6 final : public RuleCheck {
 public:
  explicit Rule6(const MonitorConfig& c) : RuleCheck(Rule::r6), config_(c) {}
  std::optional<std::string> not_applicable(const SutProfile& sut) const override {
    if (auto r = mme_rule_only(sut)) return r;
    if (!sut.s10 && !sut.inter_rat) return "the SUT declares neither S10 (inter-MME) nor inter-RAT handover";
    return std::nullopt;
  }

  void observe(const Event& e, const UeState& before, RuleLog& log) override {
    const bool smc_for_new_kasme = before.smc && before.smc->new_kasme;
    auto& waiting = waiting_[before.id];
    if (const auto* m = std::get_if<HandoverRequired>(&e.body);
        m && smc_for_new_kasme && leaves_the_mme(scope_of(*m, config_.sut))) {
      waiting = Waiting{ref_of(e), before.smc->command};
    }
    if (std::holds_alternative<HandoverRequest>(e.body) && before.handover && !before.incoming_relocation &&
        before.handover->scope != HandoverScope::inter_mme && before.handover->scope != HandoverScope::inter_rat) {
      waiting.reset();  // it was an intra-MME handover after all: not this rule's situation
    }
    const auto* frr = std::get_if<ForwardRelocationRequest>(&e.body);
    const bool relocation_out = frr && e.from == config_.sut.node;
    const bool inter_rat_command = std::holds_alternative<HandoverCommand>(e.body) && before.handover &&
                                   before.handover->scope == HandoverScope::inter_rat;
    if (!relocation_out && !inter_rat_command) return;
    const std::string what = relocation_out ? std::string(frr->interface == GtpInterface::s10 ? "S10" : "S3") +
                                                  " FORWARD RELOCATION REQUEST"
                                            : "HANDOVER COMMAND of an inter-RAT handover";
    if (smc_for_new_kasme) {
      std::vector<EventRef> ev{before.smc->command};
      if (before.handover) ev.push_back(before.handover->required);
      ev.push_back(ref_of(e));
      log.add(Verdict::fail,
              what + " sent while the NAS SMC for a new KASME (" + ksi_text(before.smc->eksi) + ", #" +
                  std::to_string(before.smc->command.index) + ") was ongoing",
              ev, "no " + what + " until SECURITY MODE COMPLETE or REJECT", what + " at #" + std::to_string(e.index));
      waiting.reset();
      return;
    }
    // After the COMPLETE as observed, yet built before the MME took it: sent during the SMC.
    if (relocation_out && before.rekey && crossed_the_smc_complete(*frr, *before.rekey)) {
      std::vector<EventRef> ev{before.rekey->smc_command};
      if (before.handover) ev.push_back(before.handover->required);
      ev.push_back(*before.rekey->smc_complete);
      ev.push_back(ref_of(e));
      log.add(Verdict::fail,
              what + " carries the NAS context from before the SMC for the new KASME (" + ksi_text(before.rekey->old_ksi) +
                  " as current, no old security context): the MME sent it while the SMC (#" +
                  std::to_string(before.rekey->smc_command.index) + ") was ongoing on its side; it crossed the SECURITY "
                  "MODE COMPLETE (#" + std::to_string(before.rekey->smc_complete->index) + ")",
              ev, "no " + what + " until SECURITY MODE COMPLETE or REJECT",
              what + " at #" + std::to_string(e.index) + " with " + ksi_text(before.rekey->old_ksi));
      waiting.reset();
      return;
    }
    if (waiting && before.handover && leaves_the_mme(before.handover->scope)) {
      std::vector<EventRef> ev{waiting->smc, waiting->required};
      if (before.smc_ended_this_connection) ev.push_back(*before.smc_ended_this_connection);
      ev.push_back(ref_of(e));
      log.add(Verdict::pass,
              "the " + scope_text(before.handover->scope) + " handover requested during the NAS SMC waited for its "
              "completion before the " + what,
              ev);
      waiting.reset();
    }
  }

  void finish(const UeState& ue, RuleLog& log) override {
    if (log.decided()) return;
    const auto& waiting = waiting_[ue.id];
    if (waiting) {
      log.add(Verdict::inconc,
              "an inter-MME / inter-RAT HANDOVER REQUIRED arrived during a NAS SMC for a new KASME, but no relocation "
              "followed (handover refused, cancelled, or the trace ended)",
              {waiting->smc, waiting->required});
      return;
    }
    log.add(Verdict::inconc,
            "no inter-MME or inter-RAT HANDOVER REQUIRED arrived while a NAS SMC for a new KASME was ongoing");
  }

 private:
  struct Waiting {
    EventRef required;
    EventRef smc;
  };
  const MonitorConfig& config_;
  std::map<std::size_t, std::optional<Waiting>> waiting_;
};

}  // namespace

std::unique_ptr<RuleCheck> make_rule6(const MonitorConfig& c) { return std::make_unique<Rule6>(c); }

}  // namespace concur::monitor
