// `concur run` against NextEPC 0.3.10 in the lab VM, the way a lab engineer runs it: inside the
// lab's namespace, with testcases/profiles/nextepc.xml, the whole suite. NextEPC's S6a
// (freeDiameter) connects to the run's emulated HSS and its S11 goes to the run's emulated SGW-C,
// so the UE attaches (AKA, SMC, default bearer), is handed over between two emulated eNBs (S1) and
// switched over X2 (PATH SWITCH, the SGW's Modify Bearer), all judged by the rule monitor.
// What is asserted is that the run completes and judges: every case the profile makes applicable
// gets a verdict (pass, fail or inconc: what NextEPC does is not this test's business, the interop
// record lab/INTEROP.md is), every other case is `none`. Opt-in like the S1 Setup test
// (CONCUR_LAB=1; label lab).
#include <gtest/gtest.h>

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "lab_vm.h"
#include "support/text_file.h"

namespace concur {
namespace {

using namespace std::chrono_literals;

// Under software emulation: the applicable cases' attaches, handovers and path switch with guards
// of 15 s (profile timers), plus NextEPC's freeDiameter connecting to the freshly started HSS (it
// retries every few seconds; the run waits up to 40 s). Cases that are `none` cost nothing.
constexpr auto kRunTimeout = std::chrono::minutes(8);
constexpr auto kListTimeout = std::chrono::seconds(30);

// The cases that carry the UE through attach, an S1 handover, an X2 path switch and a release with
// a SERVICE REQUEST: the profile must make them applicable, or this test would not cover what the
// lab is for.
const char* kHandoverBaseline = "R3-baseline-handover-continues-the-current-chain";
const char* kPathSwitchBaseline = "R3-baseline-path-switch-continues-the-current-chain";
const char* kServiceRequestBaseline = "R3-baseline-service-request-after-release-takes-the-kenb-of-the-kasme-in-use";

std::string profile() { return std::string(CONCUR_SOURCE_DIR) + "/testcases/profiles/nextepc.xml"; }

// `concur list --profile`: one line per case, "ID  RULES  SUT KIND  applies|none: why", then an
// indented purpose line. Returns id -> whether it applies, for the cases of an MME SUT: `concur
// run` with an MME profile runs only those (the eNB cases are listed as `none` but not run).
std::map<std::string, bool> applicability(const std::string& listing) {
  std::map<std::string, bool> cases;
  std::istringstream in(listing);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == ' ' || line.find(" SUT MME ") == std::string::npos) continue;
    const std::string id = line.substr(0, line.find(' '));
    cases[id] = line.find("  applies") != std::string::npos;
  }
  return cases;
}

// summary.txt: "VERDICT  ID[ — reason]" per case, then a totals line. Returns id -> verdict.
std::map<std::string, std::string> verdicts(const std::string& summary) {
  std::map<std::string, std::string> v;
  std::istringstream in(summary);
  for (std::string line; std::getline(in, line);) {
    std::istringstream words(line);
    std::string verdict, id;
    if (words >> verdict >> id) v[id] = verdict;
  }
  return v;
}

TEST(NextepcLab, concur_run_of_the_suite_against_nextepc_attaches_hands_over_and_path_switches_and_gives_every_applicable_case_a_verdict) {
  const char* opt_in = std::getenv("CONCUR_LAB");
  if (opt_in == nullptr || std::string(opt_in) != "1") {
    GTEST_SKIP() << "set CONCUR_LAB=1 to run the lab test (it builds a VM image when not cached and boots it: minutes)";
  }
  if (::geteuid() != 0) GTEST_SKIP() << "the lab needs root (network namespace, tap, raw IP sockets)";

  std::string listing;
  ASSERT_EQ(transport::testing::run_command({CONCUR_BINARY, "list", "--profile", profile()}, kListTimeout, &listing), 0)
      << listing;
  const auto cases = applicability(listing);
  ASSERT_TRUE(cases.count(kHandoverBaseline) && cases.at(kHandoverBaseline)) << listing;
  ASSERT_TRUE(cases.count(kPathSwitchBaseline) && cases.at(kPathSwitchBaseline)) << listing;
  ASSERT_TRUE(cases.count(kServiceRequestBaseline) && cases.at(kServiceRequestBaseline)) << listing;

  lab::Lab lab;
  if (lab.status() == lab::kCannotRunHere) GTEST_SKIP() << "the lab cannot run here:\n" << lab.output();
  ASSERT_EQ(lab.status(), 0) << "lab.sh up failed:\n" << lab.output();

  const auto out = std::filesystem::temp_directory_path() / ("concur-lab-suite-" + std::to_string(::getpid()));
  std::string output;
  const int rc = transport::testing::run_command(
      {"/usr/bin/env", "ip", "netns", "exec", lab.netns(), CONCUR_BINARY, "run", "--profile", profile(), "--out", out.string()},
      kRunTimeout, &output);
  const std::string serial = "\nserial log of the VM (NextEPC's own log): /run/concur-lab/" + lab.netns() + "/serial.log";
  // 0: nothing failed, 1: a case failed (a verdict on the SUT); 2 and 3 (usage, the tester broke)
  // and -1 (timeout) mean the run did not complete.
  EXPECT_TRUE(rc == 0 || rc == 1) << "exit status " << rc << "\n" << output << serial;
  EXPECT_NE(output.find("emulated HSS (S6a, Diameter identity hss.localdomain) listening on TCP 169.254.36.1:3868"), std::string::npos)
      << output;

  const auto got = verdicts(test::read_text_file(out / "summary.txt"));
  const std::string junit = test::read_text_file(out / "junit.xml");
  const std::set<std::string> judged{"pass", "fail", "inconc"};
  for (const auto& [id, applies] : cases) {
    SCOPED_TRACE(id);
    ASSERT_TRUE(got.count(id)) << "no verdict in summary.txt\n" << output << serial;
    EXPECT_NE(junit.find("\"" + id + "\""), std::string::npos) << junit;
    if (!applies) {
      EXPECT_EQ(got.at(id), "none") << output;
      continue;
    }
    EXPECT_TRUE(judged.count(got.at(id))) << "verdict '" << got.at(id) << "'\n" << output << serial;
    const auto pcap = out / "pcap" / (id + ".pcap");
    ASSERT_TRUE(std::filesystem::is_regular_file(pcap)) << pcap;
    EXPECT_GT(std::filesystem::file_size(pcap), 24u) << "more than the pcap file header: " << pcap;
  }
  std::error_code ec;
  if (!HasFailure()) std::filesystem::remove_all(out, ec);
}

}  // namespace
}  // namespace concur
