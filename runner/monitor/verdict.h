// Verdicts with evidence, per rule of TS 33.401 clause 7.2.10 and per UE context.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace concur::monitor {

struct Event;

enum class Rule { r1 = 1, r2, r3, r4, r5, r6, r7, r8, r9 };
inline constexpr std::array<Rule, 9> all_rules = {Rule::r1, Rule::r2, Rule::r3, Rule::r4, Rule::r5,
                                                  Rule::r6, Rule::r7, Rule::r8, Rule::r9};

/// Conformance-testing verdicts. Declared in aggregation order, weakest first:
/// fail > error > pass > inconc > none.
enum class Verdict { none, inconc, pass, error, fail };

std::string_view to_string(Verdict v);
std::string rule_name(Rule r);            ///< "R3"
std::string_view rule_text(Rule r);       ///< the rule's sentence, TS 33.401 7.2.10
std::string_view rule_situation(Rule r);  ///< the situation the rule speaks about, for inconc
/// Combines two verdicts the conformance way: the stronger one wins.
Verdict combine(Verdict a, Verdict b);

/// A message named in evidence.
struct EventRef {
  std::size_t index = 0;
  std::optional<std::uint64_t> frame;
  std::chrono::nanoseconds time{0};
  std::string what;  ///< describe(event)
};
EventRef ref_of(const Event& e);

/// One observation a rule made: a fail with its evidence, a pass, an inconc reason or an error.
struct Finding {
  Rule rule = Rule::r1;
  Verdict verdict = Verdict::inconc;
  std::string reason;    ///< in words, e.g. "NH at NCC 2 derived from the new KASME (eKSI 1); ..."
  std::string expected;  ///< what the rule requires here
  std::string seen;      ///< what the trace shows
  std::vector<EventRef> events;
  bool without_keys = false;  ///< structural check only: no key material was available
};

/// Verdict of one rule for one UE context.
struct UeRuleVerdict {
  std::string ue;  ///< UE context label, e.g. "UE1 (IMSI 001010000000001)"
  Verdict verdict = Verdict::none;
  std::vector<Finding> findings;
};

/// Verdict of one rule over all UE contexts.
struct RuleSummary {
  Rule rule = Rule::r1;
  Verdict verdict = Verdict::none;
  std::array<std::size_t, 5> count_by_verdict{};  ///< indexed by Verdict
  std::vector<UeRuleVerdict> per_ue;
  std::size_t count(Verdict v) const { return count_by_verdict[static_cast<std::size_t>(v)]; }
};

}  // namespace concur::monitor
