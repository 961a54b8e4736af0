/// TS 33.401 7.2.10 rule 8: "When the MME has successfully performed a NAS SMC procedure taking a
/// new KASME into use, but has not yet successfully performed a UE Context Modification
/// procedure, which takes a KeNB derived from the new KASME into use, the MME shall include both
/// the old KASME with the corresponding eKSI, NH, and NCC, and a full EPS NAS security context
/// based on the new KASME in the S10 FORWARD RELOCATION message."
///
/// Window: SECURITY MODE COMPLETE for a new KASME in ECM-CONNECTED, until a UE CONTEXT
/// MODIFICATION RESPONSE to a request with a SecurityKey. Every S10 FORWARD RELOCATION REQUEST
/// the MME sends in it is checked field by field against TS 29.274 8.38 (OSCI, old KSI_ASME,
/// old KASME, NHI_old with old NH and old NCC; KSI_ASME, KASME and NAS algorithms of the new
/// context); the old NH against the old chain, exactly with keys, structurally without.
#include <map>

#include "monitor/rules/old_chain.h"
#include "monitor/rules/rule_check.h"

namespace concur::monitor {
namespace {

std::optional<Key256> configured_kasme(const MonitorConfig& c, const UeState& ue, std::optional<Ksi> ksi) {
  if (!c.keys || !ue.imsi || !ksi) return std::nullopt;
  return c.keys->kasme(*ue.imsi, *ksi);
}

class Rule8 final : public RuleCheck {
 public:
  explicit Rule8(const MonitorConfig& c) : RuleCheck(Rule::r8), config_(c) {}
  std::optional<std::string> not_applicable(const SutProfile& sut) const override {
    if (auto r = mme_rule_only(sut)) return r;
    if (!sut.s10) return "the SUT declares no S10 (inter-MME handover)";
    return std::nullopt;
  }

  void observe(const Event& e, const UeState& before, RuleLog& log) override {
    if (before.rekey && before.rekey->smc_complete) window_[before.id] = *before.rekey->smc_complete;
    const auto* frr = std::get_if<ForwardRelocationRequest>(&e.body);
    if (!frr || frr->interface != GtpInterface::s10 || e.from != config_.sut.node) return;
    if (!before.rekey || !before.rekey->smc_complete) return;
    const NasRekey& w = *before.rekey;
    if (crossed_the_smc_complete(*frr, w)) {  // rule 6's, from the MME's side (see rule_check.h)
      crossed_[before.id] = ref_of(e);
      return;
    }

    std::vector<std::string> wrong;
    bool without_keys = true;
    std::string chain_note;
    if (!frr->eps) {
      wrong.push_back("no EPS security context MM Context (type 107)");
    } else {
      const EpsMmContext& mm = *frr->eps;
      if (mm.ksi_asme != w.new_ksi)
        wrong.push_back("KSI_ASME " + std::to_string(mm.ksi_asme) + " is not the new " + ksi_text(w.new_ksi));
      if (mm.nas_algorithms != w.selected) wrong.push_back("NAS algorithms differ from those the SMC selected");
      const auto new_kasme = configured_kasme(config_, before, w.new_ksi);
      if (new_kasme) {
        without_keys = false;
        if (mm.kasme != *new_kasme) wrong.push_back("KASME is not the new KASME (" + ksi_text(w.new_ksi) + ")");
      }
      if (!mm.old_context) {
        wrong.push_back("no old EPS security context (OSCI = 0)");
      } else {
        const OldEpsSecurityContext& old = *mm.old_context;
        if (w.old_ksi && old.old_ksi_asme != *w.old_ksi)
          wrong.push_back("old KSI_ASME " + std::to_string(old.old_ksi_asme) + " is not the old " + ksi_text(w.old_ksi));
        if (old.old_kasme == mm.kasme) wrong.push_back("old KASME equals the new KASME");
        const auto old_kasme = configured_kasme(config_, before, w.old_ksi);
        if (old_kasme) {
          without_keys = false;
          if (old.old_kasme != *old_kasme) wrong.push_back("old KASME is not the KASME of the old " + ksi_text(w.old_ksi));
        }
        if (!old.old_nh_ncc) {
          wrong.push_back("no old NH and old NCC (NHI_old = 0)");
        } else if (before.as_chain) {
          // The target hands this pair to the target eNB: it must be on the chain the UE is on.
          ChainSides sides{*before.as_chain, w.old_ksi, old_kasme ? old_kasme : std::optional<Key256>(old.old_kasme),
                           w.new_ksi, mm.kasme};
          const ChainJudgement j = judge_old_chain(*old.old_nh_ncc, sides, config_.kdf, "old NH/NCC");
          without_keys = without_keys && j.without_keys;
          chain_note = j.reason;
          if (!j.on_old_chain) wrong.push_back("old " + j.reason);
        }
      }
    }
    std::vector<EventRef> ev{w.smc_command, *w.smc_complete, ref_of(e)};
    const std::string expected =
        "OSCI = 1 with the old " + ksi_text(w.old_ksi) + ", old KASME, old NH and old NCC of the old chain, and the "
        "new EPS NAS security context (" + ksi_text(w.new_ksi) + ", new KASME, NAS counts, NAS algorithms)";
    if (wrong.empty()) {
      log.add(Verdict::pass,
              "S10 FORWARD RELOCATION REQUEST carries both the old KASME context and the new EPS NAS security context" +
                  (chain_note.empty() ? "" : "; " + chain_note),
              ev, expected, "", without_keys);
      return;
    }
    std::string seen;
    for (const std::string& w1 : wrong) seen += (seen.empty() ? "" : "; ") + w1;
    log.add(Verdict::fail,
            "S10 FORWARD RELOCATION REQUEST between the SMC for the new KASME (#" + std::to_string(w.smc_command.index) +
                ") and the UE Context Modification lacks what rule 8 requires: " + seen,
            ev, expected, seen, without_keys);
  }

  void finish(const UeState& ue, RuleLog& log) override {
    if (log.decided()) return;
    if (const auto c = crossed_.find(ue.id); c != crossed_.end()) {
      log.add(Verdict::inconc,
              "the S10 FORWARD RELOCATION REQUEST (#" + std::to_string(c->second.index) +
                  ") carried the NAS context from before the SMC: the MME built it before it took the SECURITY MODE "
                  "COMPLETE (the two crossed), so it was sent during the SMC and rule 6 judges it",
              {c->second});
      return;
    }
    const auto it = window_.find(ue.id);
    if (it != window_.end()) {
      log.add(Verdict::inconc,
              "a NAS SMC for a new KASME completed in ECM-CONNECTED (#" + std::to_string(it->second.index) +
                  "), but no S10 FORWARD RELOCATION REQUEST was sent before a UE Context Modification took a new KeNB "
                  "into use",
              {it->second});
      return;
    }
    log.add(Verdict::inconc, "no NAS SMC for a new KASME completed while the UE was in ECM-CONNECTED");
  }

 private:
  const MonitorConfig& config_;
  std::map<std::size_t, EventRef> window_;
  std::map<std::size_t, EventRef> crossed_;  ///< a relocation in the window that crossed the COMPLETE
};

}  // namespace

std::unique_ptr<RuleCheck> make_rule8(const MonitorConfig& c) { return std::make_unique<Rule8>(c); }

}  // namespace concur::monitor
