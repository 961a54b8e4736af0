// The results of one `concur run` (or replay) as plain data, for the report writers (HTML, JUnit).
// The runner fills it; the writers only read it. It depends on nothing above the monitor on
// purpose: a writer must be testable with a hand-made RunReport, without sockets or a SUT.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "monitor/verdict.h"

namespace concur::report {

/// What was run, against what, and when.
struct RunMetadata {
  std::string sut_name;                    ///< e.g. "reference MME" or the profile's SUT name
  std::string profile_file;                ///< SUT profile path as given ("" = built-in reference)
  std::string concur_version;              ///< e.g. "0.1.0 (g1234abc)"
  std::string start_time;                  ///< UTC, ISO 8601, e.g. "2026-11-28T03:00:00Z"
  std::chrono::milliseconds duration{0};   ///< wall time of the whole run
  std::optional<std::string> violate;      ///< `--violate Rn`: the fault-injected variant, e.g. "R3"
};

/// One arrow of a message ladder: a message between two roles.
struct LadderMessage {
  std::size_t index = 0;                  ///< trace index (monitor::EventRef::index refers to it)
  std::optional<std::uint64_t> frame;     ///< frame number in the test case's pcap
  std::chrono::nanoseconds time{0};       ///< since the start of the test case
  std::string from;                       ///< a role name of MessageLadder::roles
  std::string to;                         ///< a role name of MessageLadder::roles
  std::string name;                       ///< e.g. "HANDOVER REQUEST"
  std::string detail;                     ///< one line, e.g. "NCC=2 NH=5a1c…"
  /// The message is evidence of a fail (an offending message). Writers also treat a message as
  /// evidence when a fail Finding's EventRef names its index, so the runner may leave this false.
  bool evidence = false;
};

/// The message sequence of one test case between its roles.
struct MessageLadder {
  /// Left-to-right lifeline order, e.g. UE, eNB1, eNB2, MME, MME-peer, SGSN, HSS. A message
  /// naming a role not listed here gets a lifeline appended on the right by the writer.
  std::vector<std::string> roles;
  std::vector<LadderMessage> messages;  ///< in time order
};

/// One test case and its outcome.
struct TestCaseResult {
  std::string id;                       ///< e.g. "TC_R3_HO_AFTER_SMC_COMMAND" (unique in the run)
  std::string title;                    ///< short human title
  std::string purpose;                  ///< the purpose, one sentence
  std::string clause;                   ///< e.g. "TS 33.401 7.2.10 rule 3"
  std::vector<monitor::Rule> rules;     ///< the rules the test case checks
  monitor::Verdict verdict = monitor::Verdict::none;
  std::vector<monitor::Finding> findings;  ///< the monitor's findings for this test case
  std::string error;                    ///< tester error / why not run ("" when none)
  std::chrono::milliseconds duration{0};
  std::string pcap_file;                ///< file name of the test case's capture, relative to the report
  MessageLadder ladder;
};

/// Everything one report shows.
struct RunReport {
  RunMetadata metadata;
  /// Per rule over the whole run (monitor::RuleSummary, R1–R9). May be empty: writers then
  /// aggregate the test cases' verdicts per rule.
  std::vector<monitor::RuleSummary> rule_summaries;
  std::vector<TestCaseResult> test_cases;
};

}  // namespace concur::report
