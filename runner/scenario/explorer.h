// The interleaving explorer (issue 7): for two procedures that may overlap, every ordering of the
// events the runner controls, each run as its own test case and named by its ordering
// ("explore-smc-x-s1ho-SMCC.HOReq.UCMR.HOAck.HONotify").
//
// A specification is an <explore> file in testcases/explore/ (language: testcases/README.md),
// read by the test case reader: a test case's header, roles, preamble and postamble, steps
// <before> the events, two <sequence>s of <event>s, and steps <after> them. An event is made of
// ordinary steps: what it waits for (its precondition, an <expect>) and what the runner then
// does (<release>, <send>). Nothing here knows a role kind or a message: another pair of
// procedures is another XML file.
//
// The generated cases assert nothing about the rules: their verdict is the rule monitor's (the
// case's `rules`, judged by `concur run`). An event whose precondition the SUT never produces
// (it rightly holds a message back) makes that ordering inconc, "not reachable: EVENT: ...",
// never fail.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "scenario/test_case.h"

namespace concur::scenario {

/// One event the runner controls: a short name for the case id and the steps that make it.
struct ExploreEvent {
  std::string name;  ///< letters and digits, unique in the specification
  std::size_t line = 0;
  std::vector<Step> steps;
};

/// One procedure's events, in the order the procedure has them.
struct ExploreSequence {
  std::string name;
  std::vector<ExploreEvent> events;
};

struct ExploreSpec {
  TestCase base;  ///< id (the prefix of every generated id), rules, PICS, roles, preamble, postamble; no body
  std::vector<Step> before, after;
  ExploreSequence first, second;
};

/// Every merge of a sequence of `m` events with one of `n` that keeps both orders, as the
/// sequence (0 = first, 1 = second) each position takes its next event from: C(m+n, m) of them,
/// in lexicographic order (the first sequence's events as early as possible first).
std::vector<std::vector<int>> interleavings(std::size_t m, std::size_t n);

/// The test case of one ordering: id "<base id>-<event>.<event>...", steps before + the events'
/// steps in that order (waits inconc when they time out: "not reachable: EVENT: ...") + after.
TestCase ordering_case(const ExploreSpec& spec, const std::vector<int>& ordering);

/// One test case per ordering, in interleavings() order.
std::vector<TestCase> explore(const ExploreSpec& spec);

ExploreSpec parse_explore(const std::string& text, const std::string& name);
ExploreSpec load_explore(const std::string& path);
/// The cases of every *.xml specification in `dir`; none when `dir` does not exist.
std::vector<TestCase> load_explored_cases(const std::string& dir);

}  // namespace concur::scenario
