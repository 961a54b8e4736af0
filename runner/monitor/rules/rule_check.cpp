#include "monitor/rules/rule_check.h"

#include <algorithm>

namespace concur::monitor {

void RuleLog::add(Verdict v, std::string reason, std::vector<EventRef> events, std::string expected,
                  std::string seen, bool without_keys) {
  Finding f;
  f.rule = rule_;
  f.verdict = v;
  f.reason = std::move(reason);
  f.expected = std::move(expected);
  f.seen = std::move(seen);
  // Evidence reads as a ladder: in trace order.
  std::stable_sort(events.begin(), events.end(), [](const EventRef& a, const EventRef& b) { return a.index < b.index; });
  f.events = std::move(events);
  f.without_keys = without_keys;
  findings_.push_back(std::move(f));
}

bool RuleLog::decided() const {
  return std::any_of(findings_.begin(), findings_.end(), [](const Finding& f) {
    return f.verdict == Verdict::pass || f.verdict == Verdict::fail || f.verdict == Verdict::error;
  });
}

std::vector<std::unique_ptr<RuleCheck>> make_rules(const MonitorConfig& c) {
  std::vector<std::unique_ptr<RuleCheck>> rules;
  rules.push_back(make_rule1(c));
  rules.push_back(make_rule2(c));
  rules.push_back(make_rule3(c));
  rules.push_back(make_rule4(c));
  rules.push_back(make_rule5(c));
  rules.push_back(make_rule6(c));
  rules.push_back(make_rule7(c));
  rules.push_back(make_rule8(c));
  rules.push_back(make_rule9(c));
  return rules;
}

std::optional<std::string> mme_rule_only(const SutProfile& sut) {
  if (sut.role == SutRole::enb) return "the rule binds the MME; the SUT is an eNB";
  return std::nullopt;
}

std::optional<Key256> kasme_of(const MonitorConfig& c, const UeState& ue, std::optional<Ksi> ksi) {
  if (!ksi) return std::nullopt;
  if (c.keys && ue.imsi) {
    if (auto k = c.keys->kasme(*ue.imsi, *ksi)) return k;
  }
  const auto it = ue.learned_kasme.find(*ksi);
  if (it != ue.learned_kasme.end()) return it->second;
  return std::nullopt;
}

std::optional<Key256> old_kasme_of(const MonitorConfig& c, const UeState& ue, std::optional<Ksi> old_ksi, Ksi new_ksi) {
  if (!old_ksi || *old_ksi != new_ksi) return kasme_of(c, ue, old_ksi);
  // Re-authenticated under the eKSI in use: that eKSI names the new KASME now.
  if (c.keys && ue.imsi) return c.keys->replaced_kasme(*ue.imsi, *old_ksi);
  return std::nullopt;
}

std::string ksi_text(std::optional<Ksi> ksi) {
  return ksi ? "eKSI " + std::to_string(*ksi) : std::string("eKSI unknown");
}

bool crossed_the_smc_complete(const ForwardRelocationRequest& frr, const NasRekey& rekey) {
  if (frr.interface != GtpInterface::s10 || !frr.eps || !rekey.smc_complete || !rekey.old_ksi) return false;
  if (*rekey.old_ksi == rekey.new_ksi) return false;
  return frr.eps->ksi_asme == *rekey.old_ksi && !frr.eps->old_context;
}

}  // namespace concur::monitor
