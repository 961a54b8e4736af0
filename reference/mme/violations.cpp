#include "violations.h"

#include <algorithm>
#include <map>
#include <regex>
#include <sstream>

namespace concur::reference {

namespace {

std::map<std::string, std::string>& registry() {
  // Function-local: registrars in other translation units may run before this file's statics.
  static std::map<std::string, std::string> variants;
  return variants;
}

// The variants of the rules whose code lives in reauth.cpp / attach.cpp (TS 33.401 7.2.10 rules 1-3).
const ViolationRegistrar r1{"R1", "sends the new KeNB right after the NAS SMC, while the SMC is still outstanding "
                                  "(UE CONTEXT MODIFICATION; INITIAL CONTEXT SETUP of a SERVICE REQUEST)"};
const ViolationRegistrar r2{"R2", "starts the re-authentication (AKA, then the NAS SMC) at once, while an "
                                  "INITIAL CONTEXT SETUP / UCM with a KeNB is still outstanding"};
const ViolationRegistrar r3{"R3", "restarts the AS key chain of S1 handovers from the new KASME on SECURITY MODE "
                                  "COMPLETE (NCC reset), so HANDOVER REQUEST / PATH SWITCH ACK carry the new chain "
                                  "before the UCM; S10 still hands over the old chain (rule 8 kept)"};

}  // namespace

ViolationRegistrar::ViolationRegistrar(std::string rule, std::string description) {
  registry()[std::move(rule)] = std::move(description);
}

std::vector<ViolationVariant> violation_variants() {
  std::vector<ViolationVariant> out;
  for (const auto& [rule, description] : registry()) out.push_back({rule, description});
  return out;
}

std::vector<std::string> parse_violations(const std::vector<std::string>& values, std::string& error) {
  error.clear();
  std::vector<std::string> rules;
  for (const auto& value : values) {
    std::stringstream in(value);
    std::string rule;
    while (std::getline(in, rule, ',')) {
      if (rule.empty()) continue;
      if (!std::regex_match(rule, std::regex("R[1-9]"))) {
        error = "--violate takes rule names R1..R9 (comma-separated), not '" + rule + "'";
      } else if (rule == "R4") {
        error = "--violate R4: R4 is the UE's rule (it keeps the old KASME's AS parameters); an MME cannot break it";
      } else if (rule == "R5") {
        error = "--violate R5: R5 is the eNB's rule (it refuses a UCM during its own handover); use the reference eNB";
      } else if (!registry().count(rule)) {
        std::string known;
        for (const auto& v : violation_variants()) known += (known.empty() ? "" : " ") + v.rule;
        error = "--violate " + rule + ": this MME has no faulty variant of " + rule + " (it has: " + known + ")";
      }
      if (!error.empty()) return {};
      if (std::find(rules.begin(), rules.end(), rule) == rules.end()) rules.push_back(rule);
    }
  }
  return rules;
}

bool breaks(const MmeConfig& config, std::string_view rule) {
  return std::find(config.violations.begin(), config.violations.end(), rule) != config.violations.end();
}

std::string violation_help() {
  std::string s = "faulty variants (--violate RULE[,RULE...]), each breaking one rule of TS 33.401 7.2.10:\n";
  for (const auto& v : violation_variants()) s += "  " + v.rule + "  " + v.description + "\n";
  s += "  (R4 is the UE's rule and R5 the eNB's: not variants of this MME)\n";
  return s;
}

}  // namespace concur::reference
