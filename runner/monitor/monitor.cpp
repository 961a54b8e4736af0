#include "monitor/monitor.h"

#include <algorithm>
#include <exception>

namespace concur::monitor {

Monitor::Monitor(MonitorConfig config)
    : config_(std::move(config)), tracker_(config_.sut), rules_(make_rules(config_)) {}

Monitor::~Monitor() = default;

RuleLog& Monitor::log_of(Rule r, std::size_t ue) {
  return logs_.try_emplace({r, ue}, r).first->second;
}

void Monitor::record_error(std::size_t ue, const std::string& reason, const Event& e) {
  for (const auto& rule : rules_) {
    if (rule->not_applicable(config_.sut)) continue;
    log_of(rule->rule(), ue).add(Verdict::error, reason, {ref_of(e)});
  }
}

void Monitor::feed(const Event& e) {
  const std::size_t ue = correlator_.resolve(e, ues_, config_.sut.node);
  if (finished_) record_error(ue, "event fed after the end of the trace", e);
  if (last_index_ && e.index <= *last_index_) {
    record_error(ue, "trace out of order: index " + std::to_string(e.index) + " after " + std::to_string(*last_index_), e);
  }
  last_index_ = std::max(e.index, last_index_.value_or(0));
  ue_of_event_[e.index] = ue;

  for (const auto& rule : rules_) {
    if (rule->not_applicable(config_.sut)) continue;
    RuleLog& log = log_of(rule->rule(), ue);
    try {
      rule->observe(e, ues_[ue], log);
    } catch (const std::exception& ex) {
      log.add(Verdict::error, std::string("the monitor failed while judging this message: ") + ex.what(), {ref_of(e)});
    }
  }

  UeState& state = ues_[ue];
  correlator_.bind(e, state, config_.sut.node);
  tracker_.apply(e, state);
  if (std::holds_alternative<UeContextReleaseComplete>(e.body)) {
    if (const S1Leg* leg = leg_of(e, state)) {
      correlator_.unbind_leg(*leg);
      state.legs.erase(state.legs.begin() + (leg - state.legs.data()));
    }
  }
}

std::optional<std::size_t> Monitor::ue_of_event(std::size_t event_index) const {
  const auto it = ue_of_event_.find(event_index);
  if (it == ue_of_event_.end()) return std::nullopt;
  return it->second;
}

std::optional<std::size_t> Monitor::ue_holding(const S1UeIds& s1) const {
  // The index can name a UE whose leg has since taken other ids; only a UE that holds the
  // connection now counts, as for the events the correlator attributes.
  for (const std::optional<std::size_t>& u : correlator_.s1_candidates(s1)) {
    if (!u || *u >= ues_.size()) continue;
    const auto& legs = ues_[*u].legs;
    if (std::any_of(legs.begin(), legs.end(), [&](const S1Leg& l) { return l.is(s1); })) return u;
  }
  return std::nullopt;
}

void Monitor::finish() {
  if (finished_) return;
  finished_ = true;
  for (const auto& rule : rules_) {
    if (rule->not_applicable(config_.sut)) continue;
    for (const UeState& ue : ues_) {
      RuleLog& log = log_of(rule->rule(), ue.id);
      try {
        rule->finish(ue, log);
      } catch (const std::exception& ex) {
        log.add(Verdict::error, std::string("the monitor failed at the end of the trace: ") + ex.what());
      }
    }
  }
}

UeRuleVerdict Monitor::verdict(Rule r, std::size_t ue) {
  finish();
  UeRuleVerdict v;
  v.ue = ue < ues_.size() ? ues_[ue].label : "UE" + std::to_string(ue + 1);
  const auto& rule = rules_[static_cast<std::size_t>(r) - 1];
  if (auto why = rule->not_applicable(config_.sut)) {
    v.verdict = Verdict::none;
    Finding f;
    f.rule = r;
    f.verdict = Verdict::none;
    f.reason = *why;
    v.findings.push_back(std::move(f));
    return v;
  }
  v.findings = log_of(r, ue).findings();
  v.verdict = Verdict::none;
  for (const Finding& f : v.findings) v.verdict = combine(v.verdict, f.verdict);
  return v;
}

std::vector<RuleSummary> Monitor::summary() {
  finish();
  std::vector<RuleSummary> out;
  for (Rule r : all_rules) {
    RuleSummary s;
    s.rule = r;
    s.verdict = Verdict::none;
    for (const UeState& ue : ues_) {
      UeRuleVerdict v = verdict(r, ue.id);
      s.verdict = combine(s.verdict, v.verdict);
      ++s.count_by_verdict[static_cast<std::size_t>(v.verdict)];
      s.per_ue.push_back(std::move(v));
    }
    if (ues_.empty()) {
      // Nothing to judge: applicable rules are inconc, the others none.
      const auto& rule = rules_[static_cast<std::size_t>(r) - 1];
      UeRuleVerdict v;
      v.ue = "(no UE context)";
      Finding f;
      f.rule = r;
      if (auto why = rule->not_applicable(config_.sut)) {
        f.verdict = Verdict::none;
        f.reason = *why;
      } else {
        f.verdict = Verdict::inconc;
        f.reason = "the trace holds no UE-associated message";
      }
      v.verdict = f.verdict;
      v.findings.push_back(std::move(f));
      s.verdict = v.verdict;
      ++s.count_by_verdict[static_cast<std::size_t>(v.verdict)];
      s.per_ue.push_back(std::move(v));
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace concur::monitor
