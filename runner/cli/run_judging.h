// The live feed of the one judge (DESIGN.md "One judge, two feeds"): the messages a test case's
// roles sent and received, as captured messages, through runner/judge and the rule monitor. The
// case's verdict becomes `fail` when the monitor fails one of the case's rules, whatever the
// case's own expectations said: the rules are written once, in the monitor.
#pragma once
#include <string>
#include <vector>

#include "judge/judge.h"
#include "monitor/verdict.h"

#include "profile/sut_profile.h"
#include "scenario/engine.h"
#include "scenario/test_case.h"
#include "transport/socket_address.h"

namespace concur::cli {

struct CaseJudgement {
  /// The monitor's verdict per rule of the case ("R3 pass"), and each failing finding.
  std::string text;
  bool failed = false;
  std::string failed_rule;
  std::string reason;  ///< the first failing finding of the case's rules
  std::vector<judge::TraceEntry> trace;       ///< the decoded messages, for the ladder
  std::vector<monitor::Finding> findings;     ///< the monitor's findings for the case's rules
};

CaseJudgement judge_case(const scenario::TestCase& tc, const scenario::CaseResult& result, const profile::SutProfile& profile,
                         const transport::SocketAddress& sut_s1,
                         const std::optional<transport::SocketAddress>& sut_gtpc = std::nullopt);

/// Applies a judgement to the case's result: a monitor fail of one of its rules fails the case.
void apply_judgement(scenario::CaseResult& result, const CaseJudgement& j);

}  // namespace concur::cli
