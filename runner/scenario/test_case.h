// A test case as data: which rule(s) and clause it checks, the PICS it needs, its purpose, the
// roles it plays (eNBs, UEs) and three step lists. The language is documented in
// testcases/README.md; the engine (engine.h) runs it.
#pragma once
#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace concur::scenario {

/// A test case file that cannot be used: "file:line: field: reason".
class ScenarioError : public std::runtime_error {
 public:
  ScenarioError(const std::string& file, std::size_t line, const std::string& field, const std::string& reason)
      // Line 0: the file as a whole (it cannot be read, or what is missing is nowhere in it).
      : std::runtime_error(file + (line ? ":" + std::to_string(line) : "") + ": " + field + ": " + reason) {}
};

/// One field a received message must show; value "*" only asks that it be present.
struct FieldMatcher {
  std::string name;
  std::string value;
};

/// A message name ("*" = any) and field matchers.
struct MessagePattern {
  std::string name;
  std::vector<FieldMatcher> fields;
};

enum class StepKind {
  s1_setup,     ///< <s1-setup enb=".."/>: S1 SETUP REQUEST, expect RESPONSE
  attach,       ///< <attach ue=".."/>: attach to ECM-CONNECTED (ICS answered, ATTACH COMPLETE sent)
  send,         ///< <send from=".." message=".." ue=".." [target=".."]/>
  expect,       ///< <expect at=".." message=".."><field name value/></expect>
  expect_none,  ///< <expect-none at=".." message=".." [for-ms]/>: nothing matching arrives meanwhile
  hold,         ///< <hold at=".." message=".."/>: the role's next such message is kept back (at="*": any role's)
  release,      ///< <release at=".." message=".."/>: the kept-back message is sent now (at="*": any role's)
  answer,       ///< <answer at=".." message=".." with=".."/>: answer the next such message differently
  trigger,      ///< <trigger action="reauth|handover|handover-cancel|reconfiguration-complete" ue=".."/>:
                ///< make the SUT act, as the profile says (the last three: eNB SUT)
  detach,       ///< <detach ue=".."/>: switch-off detach, expect the release (postamble)
  parallel,     ///< <parallel><branch>steps</branch>...</parallel>: the branches progress together;
                ///< the next step runs when every branch finished (engine.cpp, run_parallel)
};

struct Step {
  StepKind kind = StepKind::expect;
  std::size_t line = 0;
  std::string role;     ///< at / from / enb / ue, per kind
  std::string ue;       ///< the UE a send or trigger is about
  std::string target;   ///< send HandoverRequired: the target eNB role
  std::string with;     ///< answer: the message to answer with
  std::string action;   ///< trigger: "reauth", or for an eNB SUT "handover", "handover-cancel",
                        ///< "reconfiguration-complete"
  std::string rat;      ///< send HandoverRequired to an <sgsn>: "utran" or "geran"
  MessagePattern pattern;
  std::optional<std::chrono::milliseconds> timeout;  ///< guard (expect) or window (expect-none)
  std::string rule;     ///< the rule a failed check here violates (for the verdict's reason)
  bool inconc_on_timeout = false;  ///< an expect that the SUT never reaching the state makes inconc
  /// An expect-none whose message arriving means the case's window was never reached (it
  /// presupposes another rule the SUT broke): inconc, and that other rule's case fails.
  bool inconc_on_arrival = false;
  /// Said first in the reason of the inconc this step's wait makes (the explorer's "not reachable: ...").
  std::string inconc_reason;
  /// An expect that leaves the messages it passes over for later steps (the explorer's waits: the
  /// next event may wait for one of them), instead of taking them as handled by the role.
  bool leave_passed_over = false;
  /// parallel: two or more branches, each a non-empty list of steps that do not block the others
  /// (send, expect, expect-none, hold, release, answer, trigger).
  std::vector<std::vector<Step>> branches;
};

struct RoleDecl {
  std::string name;
  bool is_ue = false;
  bool is_mme = false;  ///< <mme name=".."/>: the runner plays the MME; the SUT is an eNB
  std::string enb;  ///< UE: the eNB it attaches through (empty when the eNB is the SUT)
  std::string gtp;  ///< "peer-mme" (S10) or "sgsn" (S3): a GTPv2-C role; empty for eNBs and UEs
};

struct TestCase {
  std::string id;
  std::string source_file;
  std::vector<std::string> rules;  ///< "R1".."R9"
  std::string clause;
  std::vector<std::string> pics;
  std::string purpose;
  std::vector<RoleDecl> roles;
  std::vector<Step> preamble, body, postamble;
  bool default_postamble = true;  ///< no <postamble>: detach every UE, close every eNB

  const RoleDecl* role(const std::string& name) const;
  std::vector<std::string> enb_names() const;
  /// Whether the case tests an eNB (it declares an <mme> role) rather than an MME.
  bool sut_is_enb() const;
  std::vector<std::string> ue_names() const;
  std::vector<std::string> gtp_names() const;  ///< peer MMEs and SGSNs
};

TestCase parse_test_case(const std::string& text, const std::string& name);
TestCase load_test_case(const std::string& path);
/// Every *.xml of `dir` (not its subfolders) and the cases the explorer makes of every specification
/// in `dir`/explore/ (explorer.h), sorted by id; ids must be unique.
std::vector<TestCase> load_test_cases(const std::string& dir);

/// Glob on the id ('*' and '?'), or a rule name ("R3") to select that rule's cases.
bool matches_filter(const TestCase& tc, const std::string& pattern);

}  // namespace concur::scenario
