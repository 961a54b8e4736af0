// The fault-injected variants of the reference MME (`--violate R1,R3`): each breaks exactly one
// rule of TS 33.401 7.2.10 the way real MMEs have, so the suite can prove that its tests fail
// what they should. A variant is a decision point inside the rule code (`breaks(config, "R1")`),
// never a second MME. Rules register themselves with a one-line description; the files that
// implement a rule (reauth.cpp, s10*.cpp, ...) can add theirs with a ViolationRegistrar.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "config.h"

namespace concur::reference {

struct ViolationVariant {
  std::string rule;         ///< "R1" .. "R9"
  std::string description;  ///< one line: what the faulty MME does
};

/// Every registered variant, sorted by rule name.
std::vector<ViolationVariant> violation_variants();

/// Registers a variant at static-initialisation time: `const ViolationRegistrar r6{"R6", "..."};`
struct ViolationRegistrar {
  ViolationRegistrar(std::string rule, std::string description);
};

/// Checks `--violate` values (each "R1" or a comma list "R1,R3"). Returns the rule names, or an
/// empty `error` on success. Rules of other nodes (R4: UE, R5: eNB) and unregistered or unknown
/// names are errors that say why.
std::vector<std::string> parse_violations(const std::vector<std::string>& values, std::string& error);

/// Does this MME run as the faulty variant of `rule`?
bool breaks(const MmeConfig& config, std::string_view rule);

/// The `--help` text listing the variants, one line each.
std::string violation_help();

}  // namespace concur::reference
