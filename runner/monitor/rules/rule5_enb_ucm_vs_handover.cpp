/// TS 33.401 7.2.10 rule 5: "The source eNB shall reject an S1 UE Context Modification Request
/// when the eNB has initiated, but not yet completed, an inter-eNB handover. When a
/// RRCConnectionReconfiguration procedure triggered by a UE Context Modification is ongoing the
/// source eNB shall wait for the completion of this procedure before initiating any further
/// handover procedure."
///
/// eNB as SUT. Part 1: a UE CONTEXT MODIFICATION REQUEST reaching the eNB between its HANDOVER
/// REQUIRED and the end of that handover (release of the source leg, preparation failure,
/// cancel) must be answered with UE CONTEXT MODIFICATION FAILURE. Part 2: between a UE CONTEXT
/// MODIFICATION REQUEST with a SecurityKey (it triggers the RRC reconfiguration) and its
/// RESPONSE, which S1 shows as the end of that reconfiguration, the eNB sends no HANDOVER REQUIRED.
#include <map>

#include "monitor/rules/rule_check.h"

namespace concur::monitor {
namespace {

class Rule5 final : public RuleCheck {
 public:
  explicit Rule5(const MonitorConfig& c) : RuleCheck(Rule::r5), config_(c) {}
  std::optional<std::string> not_applicable(const SutProfile& sut) const override {
    if (sut.role != SutRole::enb) return "the rule binds the source eNB; the SUT is an MME";
    return std::nullopt;
  }

  void observe(const Event& e, const UeState& before, RuleLog& log) override {
    const std::string& enb = config_.sut.node;
    Memo& m = memo_[before.id];
    if (std::holds_alternative<UeContextModificationRequest>(e.body) && e.to == enb && before.handover) {
      m.ucm_during_handover = std::pair{before.handover->required, ref_of(e)};
    }
    if (std::holds_alternative<UeContextModificationResponse>(e.body) && e.from == enb && m.ucm_during_handover) {
      const auto [ho, req] = *m.ucm_during_handover;
      log.add(Verdict::fail,
              "the eNB accepted a UE Context Modification while its own handover (HANDOVER REQUIRED #" +
                  std::to_string(ho.index) + ") was initiated and not completed",
              {ho, req, ref_of(e)}, "UE CONTEXT MODIFICATION FAILURE", "UE CONTEXT MODIFICATION RESPONSE");
      m.ucm_during_handover.reset();
    }
    if (std::holds_alternative<UeContextModificationFailure>(e.body) && e.from == enb && m.ucm_during_handover) {
      const auto [ho, req] = *m.ucm_during_handover;
      log.add(Verdict::pass, "the eNB rejected the UE Context Modification during its own handover", {ho, req, ref_of(e)});
      m.ucm_during_handover.reset();
    }
    if (std::holds_alternative<UeContextModificationResponse>(e.body) && e.from == enb && before.ucm &&
        before.ucm->with_security_key) {
      m.reconfiguration_done = ref_of(e);
    }
    if (std::holds_alternative<HandoverRequired>(e.body) && e.from == enb) {
      if (before.ucm && before.ucm->with_security_key) {
        log.add(Verdict::fail,
                "the eNB initiated a handover while the RRC reconfiguration of the UE Context Modification (#" +
                    std::to_string(before.ucm->request.index) + ") was ongoing",
                {before.ucm->request, ref_of(e)},
                "no HANDOVER REQUIRED before the UE CONTEXT MODIFICATION RESPONSE", "HANDOVER REQUIRED");
      } else if (m.reconfiguration_done) {
        log.add(Verdict::pass, "the eNB initiated the handover only after the UE Context Modification completed",
                {*m.reconfiguration_done, ref_of(e)});
        m.reconfiguration_done.reset();
      }
    }
  }

  void finish(const UeState& ue, RuleLog& log) override {
    if (log.decided()) return;
    const Memo& m = memo_[ue.id];
    if (m.ucm_during_handover) {
      log.add(Verdict::inconc, "the eNB answered no UE Context Modification Request it received during its handover",
              {m.ucm_during_handover->first, m.ucm_during_handover->second});
      return;
    }
    log.add(Verdict::inconc,
            "no UE Context Modification Request reached the eNB during its own handover, and no handover followed a UE "
            "Context Modification with a new KeNB");
  }

 private:
  struct Memo {
    std::optional<std::pair<EventRef, EventRef>> ucm_during_handover;  // (HANDOVER REQUIRED, UCM REQUEST)
    std::optional<EventRef> reconfiguration_done;
  };
  const MonitorConfig& config_;
  std::map<std::size_t, Memo> memo_;
};

}  // namespace

std::unique_ptr<RuleCheck> make_rule5(const MonitorConfig& c) { return std::make_unique<Rule5>(c); }

}  // namespace concur::monitor
