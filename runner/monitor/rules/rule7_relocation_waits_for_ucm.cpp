/// TS 33.401 7.2.10 rule 7: "When the MME has initiated a UE Context Modification procedure in
/// order to take a new KeNB into use and receives a request for an inter-MME handover from the
/// serving eNB, the MME shall wait for the (successful or unsuccessful) completion of the UE
/// Context Modification procedure before sending an S10 FORWARD RELOCATION message."
///
/// Fires on an S10 FORWARD RELOCATION REQUEST the MME sends while a UE CONTEXT MODIFICATION
/// REQUEST with a SecurityKey has had neither RESPONSE nor FAILURE. Pass: an inter-MME HANDOVER
/// REQUIRED reached the MME during such a UCM and the relocation went out after its RESPONSE or
/// FAILURE (both count as completion). Messages can cross on the S1 link: the MME may start the
/// UCM while an inter-MME HANDOVER REQUIRED it has not acted on yet is on its way or pending, so
/// the observer sees the HANDOVER REQUIRED first. The MME then has both in hand at once, which is
/// the rule's situation too (had it taken the HANDOVER REQUIRED first, it would be in rule 8's
/// window and send no UCM): a relocation after the UCM's completion passes, one during it fails.
#include <map>

#include "monitor/procedure_tracker.h"
#include "monitor/rules/rule_check.h"

namespace concur::monitor {
namespace {

class Rule7 final : public RuleCheck {
 public:
  explicit Rule7(const MonitorConfig& c) : RuleCheck(Rule::r7), config_(c) {}
  std::optional<std::string> not_applicable(const SutProfile& sut) const override {
    if (auto r = mme_rule_only(sut)) return r;
    if (!sut.s10) return "the SUT declares no S10 (inter-MME handover)";
    return std::nullopt;
  }

  void observe(const Event& e, const UeState& before, RuleLog& log) override {
    const bool ucm_with_key = before.ucm && before.ucm->with_security_key;
    auto& waiting = waiting_[before.id];
    if (const auto* m = std::get_if<HandoverRequired>(&e.body);
        m && ucm_with_key && scope_of(*m, config_.sut) != HandoverScope::intra_mme &&
        scope_of(*m, config_.sut) != HandoverScope::inter_rat) {
      waiting = Waiting{ref_of(e), before.ucm->request, std::nullopt};
    }
    if (const auto* m = std::get_if<UeContextModificationRequest>(&e.body);
        m && m->security_key && e.from == config_.sut.node && before.handover && !before.handover->relocation &&
        !before.handover->target_leg_requested && before.handover->scope != HandoverScope::intra_mme && before.handover->scope != HandoverScope::inter_rat) {
      waiting = Waiting{before.handover->required, ref_of(e), std::nullopt};  // crossed: see above
    }
    if (std::holds_alternative<HandoverRequest>(e.body) && !before.incoming_relocation) waiting.reset();  // intra-MME
    if (std::holds_alternative<UeContextModificationResponse>(e.body) ||
        std::holds_alternative<UeContextModificationFailure>(e.body)) {
      if (waiting && ucm_with_key) waiting->ucm_end = ref_of(e);
    }
    const auto* frr = std::get_if<ForwardRelocationRequest>(&e.body);
    if (!frr || frr->interface != GtpInterface::s10 || e.from != config_.sut.node) return;
    if (ucm_with_key) {
      std::vector<EventRef> ev{before.ucm->request};
      if (before.handover) ev.push_back(before.handover->required);
      ev.push_back(ref_of(e));
      log.add(Verdict::fail,
              "S10 FORWARD RELOCATION REQUEST sent while the UE Context Modification with a new KeNB (#" +
                  std::to_string(before.ucm->request.index) + ") was ongoing",
              ev, "no S10 FORWARD RELOCATION REQUEST until UE CONTEXT MODIFICATION RESPONSE or FAILURE",
              "FORWARD RELOCATION REQUEST at #" + std::to_string(e.index));
      waiting.reset();
      return;
    }
    if (waiting && waiting->ucm_end) {
      log.add(Verdict::pass,
              "the inter-MME handover requested during the UE Context Modification waited for its completion",
              {waiting->ucm, waiting->required, *waiting->ucm_end, ref_of(e)});
      waiting.reset();
    }
  }

  void finish(const UeState& ue, RuleLog& log) override {
    if (log.decided()) return;
    const auto& waiting = waiting_[ue.id];
    if (waiting) {
      log.add(Verdict::inconc,
              "a HANDOVER REQUIRED arrived during a UE Context Modification with a new KeNB, but no S10 relocation "
              "followed (intra-MME, refused, cancelled, or the trace ended)",
              {waiting->ucm, waiting->required});
      return;
    }
    log.add(Verdict::inconc,
            "no inter-MME HANDOVER REQUIRED arrived while a UE Context Modification with a new KeNB was ongoing");
  }

 private:
  struct Waiting {
    EventRef required;
    EventRef ucm;
    std::optional<EventRef> ucm_end;
  };
  const MonitorConfig& config_;
  std::map<std::size_t, std::optional<Waiting>> waiting_;
};

}  // namespace

std::unique_ptr<RuleCheck> make_rule7(const MonitorConfig& c) { return std::make_unique<Rule7>(c); }

}  // namespace concur::monitor
