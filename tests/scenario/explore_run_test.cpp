// The interleaving explorer end to end: `concur run` runs every ordering of SMC x S1 handover
// (testcases/explore/smc_x_s1_handover.xml) against the reference MME. The rule monitor is the
// only oracle: against the conformant MME no ordering fails (an ordering it cannot reach, because
// it rightly holds the UE CONTEXT MODIFICATION back during the handover, is inconc "not
// reachable"); against the MME violating rule 3 some ordering fails with the monitor's R3 reason.
// The cases run from a copy of testcases/ whose reference profile has short guard timers, so an
// unreachable ordering costs a second, not five.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "child_process.h"

namespace {

using namespace std::chrono_literals;
using concur::transport::testing::run_command;
namespace fs = std::filesystem;

std::string read_file(const fs::path& p) {
  std::ifstream f(p);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

struct Line {
  std::string verdict, reason;
};

/// summary.txt: "verdict id — reason" per case.
std::map<std::string, Line> summary_of(const std::string& summary) {
  std::map<std::string, Line> out;
  std::istringstream in(summary);
  for (std::string line; std::getline(in, line);) {
    std::istringstream words(line);
    Line l;
    std::string id;
    words >> l.verdict >> id;
    if (id.rfind("explore-", 0) != 0) continue;
    const std::size_t dash = line.find(" \xE2\x80\x94 ");
    if (dash != std::string::npos) l.reason = line.substr(dash + 5);
    out[id] = l;
  }
  return out;
}

class ExploreRun : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    char tmpl[] = "/tmp/concur-explore-test-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    const fs::path source = fs::path(CONCUR_SOURCE_DIR) / "testcases";
    fs::create_directories(dir_ / "cases" / "profiles");
    fs::create_directories(dir_ / "cases" / "explore");
    fs::copy_file(source / "explore" / "smc_x_s1_handover.xml", dir_ / "cases" / "explore" / "smc_x_s1_handover.xml");
    std::string profile = read_file(source / "profiles" / "reference.xml");
    for (const auto& [from, to] : {std::pair<std::string, std::string>{"guard-ms=\"5000\"", "guard-ms=\"1500\""},
                                   {"quiet-ms=\"800\"", "quiet-ms=\"300\""}}) {
      const std::size_t at = profile.find(from);
      ASSERT_NE(at, std::string::npos) << "the reference profile has no " << from;
      profile.replace(at, from.size(), to);
    }
    std::ofstream(dir_ / "cases" / "profiles" / "reference.xml") << profile;
  }
  static void TearDownTestSuite() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  struct Run {
    int exit_code = -1;
    std::string output;
    std::map<std::string, Line> cases;
  };
  static Run concur_run(const std::string& name, std::vector<std::string> extra) {
    Run r;
    const fs::path out = dir_ / name;
    std::vector<std::string> argv{CONCUR_BINARY, "run", "--cases", (dir_ / "cases").string(), "--out", out.string(), "--filter", "explore-*"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    r.exit_code = run_command(argv, 280s, &r.output);
    r.cases = summary_of(read_file(out / "summary.txt"));
    return r;
  }

  static fs::path dir_;
};
fs::path ExploreRun::dir_;

TEST_F(ExploreRun, against_the_conformant_mme_no_ordering_fails_and_the_unreachable_ones_are_inconc) {
  const Run r = concur_run("conformant", {"--reference"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  ASSERT_EQ(r.cases.size(), 10u) << r.output;
  std::size_t passed = 0, unreachable = 0;
  for (const auto& [id, l] : r.cases) {
    EXPECT_TRUE(l.verdict == "pass" || l.verdict == "inconc") << id << ": " << l.verdict << " " << l.reason;
    if (l.verdict == "inconc") {
      EXPECT_EQ(l.reason.rfind("not reachable: ", 0), 0u) << id << ": " << l.reason;
      ++unreachable;
    }
    passed += l.verdict == "pass";
  }
  // The orderings the reference MME reaches; it holds the UCM back while a handover is in flight,
  // so an ordering that answers the UCM inside the handover (HOReq before SMCC, UCMR before
  // HONotify) cannot happen.
  EXPECT_GE(passed, 5u) << r.output;
  EXPECT_EQ(r.cases.at("explore-smc-x-s1ho-SMCC.HOReq.UCMR.HOAck.HONotify").verdict, "pass") << r.output;
  EXPECT_EQ(r.cases.at("explore-smc-x-s1ho-HOReq.SMCC.UCMR.HOAck.HONotify").verdict, "inconc") << r.output;
  EXPECT_GE(unreachable, 1u);
}

TEST_F(ExploreRun, against_the_mme_violating_rule_3_an_ordering_fails_with_the_monitors_r3_reason) {
  const Run r = concur_run("violate-r3", {"--reference", "--violate", "R3"});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  ASSERT_EQ(r.cases.size(), 10u) << r.output;
  std::size_t r3_failures = 0;
  for (const auto& [id, l] : r.cases) {
    if (l.verdict != "fail") continue;
    EXPECT_NE(l.reason.find("rule monitor: R3 fail"), std::string::npos) << id << ": " << l.reason;
    r3_failures += l.reason.find("rule monitor: R3 fail") != std::string::npos;
  }
  EXPECT_GE(r3_failures, 1u) << r.output;
  // The HANDOVER REQUEST after the SMC completed, the UCM unanswered: the faulty MME already
  // restarted the NH chain from the new KASME.
  EXPECT_EQ(r.cases.at("explore-smc-x-s1ho-SMCC.HOReq.UCMR.HOAck.HONotify").verdict, "fail") << r.output;
}

}  // namespace
