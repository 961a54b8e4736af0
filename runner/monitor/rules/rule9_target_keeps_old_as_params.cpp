/// TS 33.401 7.2.10 rule 9: "When an MME receives a S10 FORWARD RELOCATION message including both
/// the old KASME with the corresponding eKSI, NH, and NCC, and a full EPS NAS security context
/// based on the new KASME the MME shall use the new KASME in NAS procedures, but shall continue to
/// include AS security context parameters based on the old KASME in the HANDOVER REQUEST or PATH
/// SWITCH REQUEST ACKNOWLEDGE message until the completion of a UE Context Modification procedure,
/// which takes a KeNB derived from the new KASME into use."
///
/// Target MME as SUT. Window: from such an S10 FORWARD RELOCATION REQUEST (OSCI = 1, NHI_old = 1)
/// reaching the MME until a UE CONTEXT MODIFICATION RESPONSE to a request with a SecurityKey.
/// HANDOVER REQUEST and PATH SWITCH REQUEST ACKNOWLEDGE in it are judged against the old chain,
/// anchored at the old {NH, NCC} received (the first HANDOVER REQUEST passes that pair on); with a
/// KDF the old KASME of the message itself makes the check exact. A SECURITY MODE COMMAND going
/// back to the old eKSI breaks "use the new KASME in NAS procedures".
#include <map>

#include "monitor/rules/old_chain.h"
#include "monitor/rules/rule_check.h"

namespace concur::monitor {
namespace {

class Rule9 final : public RuleCheck {
 public:
  explicit Rule9(const MonitorConfig& c) : RuleCheck(Rule::r9), config_(c) {}
  std::optional<std::string> not_applicable(const SutProfile& sut) const override {
    if (auto r = mme_rule_only(sut)) return r;
    if (!sut.s10) return "the SUT declares no S10 (inter-MME handover)";
    return std::nullopt;
  }

  void observe(const Event& e, const UeState& before, RuleLog& log) override {
    if (const auto* frr = std::get_if<ForwardRelocationRequest>(&e.body);
        frr && e.to == config_.sut.node && frr->eps && frr->eps->old_context && frr->eps->old_context->old_nh_ncc) {
      window_[before.id] = ref_of(e);
    }
    if (!before.inherited || !before.inherited->old_nh_ncc) return;
    const InheritedOldContext& in = *before.inherited;
    window_[before.id] = in.relocation;
    if (e.from != config_.sut.node) return;

    if (const auto* smc = std::get_if<SecurityModeCommand>(&e.body)) {
      if (smc->eksi == in.old_ksi && smc->eksi != in.new_ksi) {
        log.add(Verdict::fail,
                "the MME took the old KASME (" + ksi_text(in.old_ksi) + ") back into NAS use after the S10 "
                "relocation gave it the new KASME (" + ksi_text(in.new_ksi) + ")",
                {in.relocation, ref_of(e)}, "NAS procedures on the new " + ksi_text(in.new_ksi),
                "SECURITY MODE COMMAND with " + ksi_text(smc->eksi));
      }
      return;
    }
    const NhNcc* sent = nullptr;
    if (const auto* m = std::get_if<HandoverRequest>(&e.body)) sent = &m->security_context;
    if (const auto* m = std::get_if<PathSwitchRequestAcknowledge>(&e.body)) sent = &m->security_context;
    if (!sent) return;

    // Before the first HANDOVER REQUEST the chain is where the source left it: the old pair.
    AsChain chain = before.as_chain && !before.incoming_relocation
                        ? *before.as_chain
                        : AsChain::begin(in.old_ksi, ChainAnchor{in.old_nh_ncc->nh, in.old_nh_ncc->ncc, false},
                                          in.relocation, true);
    std::optional<Key256> old_kasme = kasme_of(config_, before, in.old_ksi);
    if (!old_kasme) old_kasme = in.old_kasme;
    ChainSides sides{chain, in.old_ksi, old_kasme, in.new_ksi, in.new_kasme};
    ChainJudgement j = judge_old_chain(*sent, sides, config_.kdf, message_name(e.body));
    // Without a KDF one more mistake is visible by value: passing on the pair of the new context.
    if (j.without_keys && in.current_nh_ncc && in.current_nh_ncc->nh != in.old_nh_ncc->nh &&
        in.current_nh_ncc->nh == sent->nh) {
      j.on_old_chain = false;
      j.reason = "the NH is the one of the new EPS security context in the S10 MM Context (NHI), not the old NH "
                 "(without keys)";
    }
    log.add(j.on_old_chain ? Verdict::pass : Verdict::fail,
            j.reason + (j.on_old_chain ? "" : "; S10 relocation with the old KASME at #" + std::to_string(in.relocation.index) +
                                                   ", no UE Context Modification with a new KeNB since"),
            {in.relocation, ref_of(e)}, j.expected, j.seen, j.without_keys);
  }

  void finish(const UeState& ue, RuleLog& log) override {
    if (log.decided()) return;
    const auto it = window_.find(ue.id);
    if (it != window_.end()) {
      log.add(Verdict::inconc,
              "an S10 FORWARD RELOCATION REQUEST with the old KASME and the new NAS security context reached the MME (#" +
                  std::to_string(it->second.index) +
                  "), but no HANDOVER REQUEST or PATH SWITCH REQUEST ACKNOWLEDGE followed before a UE Context "
                  "Modification took a new KeNB into use",
              {it->second});
      return;
    }
    log.add(Verdict::inconc,
            "no S10 FORWARD RELOCATION REQUEST with both the old KASME (eKSI, NH, NCC) and a new EPS NAS security "
            "context reached the MME");
  }

 private:
  const MonitorConfig& config_;
  std::map<std::size_t, EventRef> window_;
};

}  // namespace

std::unique_ptr<RuleCheck> make_rule9(const MonitorConfig& c) { return std::make_unique<Rule9>(c); }

}  // namespace concur::monitor
