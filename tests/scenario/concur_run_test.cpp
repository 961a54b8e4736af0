// `concur run` end to end: the concur binary starts the reference MME and the reference eNB (its
// own child processes), runs every R1-R3 case against the MME and every R5 case against the eNB
// (the runner as its MME) over userspace SCTP on loopback, and writes the reports. The conformant
// SUTs pass everything; each --violate Rn variant fails a case of rule n and nothing else; a
// parallel run gives the verdicts of a serial one; Ctrl-C still leaves valid reports.
#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "child_process.h"

namespace {

using namespace std::chrono_literals;
using concur::transport::testing::ChildProcess;
using concur::transport::testing::run_command;

struct RunOutcome {
  int exit_code = -1;
  std::string output;
  std::string out_dir;
  std::map<std::string, std::string> verdicts;  ///< case id -> verdict, from summary.txt
  std::string junit;
};

std::string read_file(const std::filesystem::path& p) {
  std::ifstream f(p);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

/// Output folders of this test process, removed when it ends (after every test used them).
struct TempDirs {
  std::vector<std::string> paths;
  ~TempDirs() {
    std::error_code ec;
    for (const auto& p : paths) std::filesystem::remove_all(p, ec);
  }
};

std::string fresh_dir() {
  static TempDirs dirs;
  char tmpl[] = "/tmp/concur-run-test-XXXXXX";
  dirs.paths.push_back(::mkdtemp(tmpl));
  return dirs.paths.back();
}

std::map<std::string, std::string> verdicts_of(const std::string& summary) {
  std::map<std::string, std::string> out;
  std::istringstream in(summary);
  for (std::string line; std::getline(in, line);) {
    std::istringstream words(line);
    std::string verdict, id;
    words >> verdict >> id;
    if (verdict == "pass" || verdict == "fail" || verdict == "inconc" || verdict == "none" || verdict == "error") out[id] = verdict;
  }
  return out;
}

RunOutcome concur_run(std::vector<std::string> extra) {
  RunOutcome r;
  r.out_dir = fresh_dir();
  std::vector<std::string> argv{CONCUR_BINARY, "run", "--out", r.out_dir};
  argv.insert(argv.end(), extra.begin(), extra.end());
  r.exit_code = run_command(argv, 300s, &r.output);
  r.verdicts = verdicts_of(read_file(std::filesystem::path(r.out_dir) / "summary.txt"));
  r.junit = read_file(std::filesystem::path(r.out_dir) / "junit.xml");
  return r;
}

/// The serial run against the conformant MME, shared by the tests that compare with it.
const RunOutcome& conformant_serial() {
  static const RunOutcome r = concur_run({"--reference"});
  return r;
}

TEST(ConcurRun, against_the_conformant_reference_mme_every_applicable_case_passes) {
  const RunOutcome& r = conformant_serial();
  EXPECT_EQ(r.exit_code, 0) << r.output;
  ASSERT_GE(r.verdicts.size(), 10u) << r.output;
  for (const auto& [id, verdict] : r.verdicts) EXPECT_EQ(verdict, "pass") << id << "\n" << r.output;
}

TEST(ConcurRun, junit_has_a_testsuite_per_rule_html_names_every_case_and_every_case_has_its_own_pcap) {
  const RunOutcome& r = conformant_serial();
  for (const char* rule : {"R1", "R2", "R3"}) EXPECT_NE(r.junit.find("<testsuite name=\"" + std::string(rule) + "\""), std::string::npos) << rule;
  EXPECT_NE(r.junit.find("<testsuites "), std::string::npos);
  EXPECT_NE(r.junit.rfind("</testsuites>"), std::string::npos);
  EXPECT_EQ(r.junit.find("<failure"), std::string::npos);
  // The rule monitor judged every case from the roles' messages (the live feed of the one judge).
  for (const char* rule : {"R1", "R2", "R3"})
    EXPECT_NE(r.junit.find("rule monitor: " + std::string(rule) + " pass"), std::string::npos) << rule;
  std::size_t pcaps = 0;
  for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(r.out_dir) / "pcap")) {
    ++pcaps;
    // More than the pcap file header: the case's S1AP traffic is in it.
    EXPECT_GT(std::filesystem::file_size(e.path()), 24u + 16u * 10u) << e.path();
  }
  EXPECT_EQ(pcaps, r.verdicts.size());
  // The human report: one HTML file naming every case, with a ladder (SVG) per case.
  const std::string html = read_file(std::filesystem::path(r.out_dir) / "report.html");
  for (const auto& [id, verdict] : r.verdicts) EXPECT_NE(html.find(id), std::string::npos) << id;
  EXPECT_NE(html.find("<svg"), std::string::npos);
  // Keys appear as fingerprints only (no --show-keys): the subscriber K is nowhere in the reports.
  EXPECT_EQ(r.junit.find("465b5ce8b199b49faa5f0a2ee238a6bc"), std::string::npos);
}

TEST(ConcurRun, two_jobs_in_parallel_give_the_verdicts_of_the_serial_run) {
  const RunOutcome parallel = concur_run({"--reference", "--jobs", "2"});
  EXPECT_EQ(parallel.exit_code, 0) << parallel.output;
  EXPECT_EQ(parallel.verdicts, conformant_serial().verdicts) << parallel.output;
}

TEST(ConcurRun, show_keys_prints_keys_in_full_and_without_it_only_fingerprints_appear) {
  const RunOutcome masked = concur_run({"--filter", "R3-handover-after-smc-command"});
  const RunOutcome shown = concur_run({"--filter", "R3-handover-after-smc-command", "--show-keys"});
  ASSERT_EQ(masked.exit_code, 0) << masked.output;
  ASSERT_EQ(shown.exit_code, 0) << shown.output;
  const std::regex full_nh("NH [0-9a-f]{64}"), fingerprint_nh("NH [0-9a-f]{8} ");
  EXPECT_TRUE(std::regex_search(shown.junit, full_nh)) << shown.junit;
  EXPECT_FALSE(std::regex_search(masked.junit, full_nh)) << masked.junit;
  EXPECT_TRUE(std::regex_search(masked.junit, fingerprint_nh)) << masked.junit;
}

class ConcurRunViolation : public ::testing::TestWithParam<std::string> {};

TEST_P(ConcurRunViolation, a_faulty_variant_fails_a_case_of_its_rule_and_no_case_of_another) {
  const std::string rule = GetParam();
  const RunOutcome r = concur_run({"--reference", "--violate", rule});
  if (r.exit_code == 2 && r.output.find("refused") != std::string::npos)
    GTEST_SKIP() << "this build's reference MME refuses --violate " << rule << ": " << r.output;
  EXPECT_EQ(r.exit_code, 1) << r.output;
  std::size_t own_failures = 0;
  for (const auto& [id, verdict] : r.verdicts) {
    if (verdict != "fail") continue;
    if (id.rfind(rule + "-", 0) == 0) ++own_failures;
    else ADD_FAILURE() << id << " failed against the " << rule << " variant\n" << r.output;
  }
  EXPECT_GE(own_failures, 1u) << r.output;
}

// R5 binds the eNB: --violate R5 goes to the reference eNB, and the MME cases must still pass.
INSTANTIATE_TEST_SUITE_P(Rules, ConcurRunViolation, ::testing::Values("R1", "R2", "R3", "R5"));

TEST(ConcurRun, the_conformant_run_also_tests_the_reference_enb_and_every_r5_case_passes) {
  const RunOutcome& r = conformant_serial();
  std::size_t r5 = 0, others = 0;
  for (const auto& [id, verdict] : r.verdicts) (id.rfind("R5-", 0) == 0 ? r5 : others) += 1;
  EXPECT_GE(r5, 4u) << r.output;
  EXPECT_GE(others, 10u) << r.output;
  EXPECT_NE(r.output.find("reference eNB connected"), std::string::npos) << r.output;
  EXPECT_NE(r.junit.find("<testsuite name=\"R5\""), std::string::npos);
  EXPECT_NE(r.junit.find("rule monitor: R5 pass"), std::string::npos) << r.junit;
}

TEST(ConcurRun, the_reference_enb_profile_alone_runs_only_the_enb_cases_and_they_pass) {
  const RunOutcome r = concur_run({"--profile", std::string(CONCUR_TESTCASES_DIR) + "/profiles/reference-enb.xml"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  ASSERT_GE(r.verdicts.size(), 4u) << r.output;
  for (const auto& [id, verdict] : r.verdicts) {
    EXPECT_EQ(id.rfind("R5-", 0), 0u) << id << " is not an eNB case\n" << r.output;
    EXPECT_EQ(verdict, "pass") << id << "\n" << r.output;
  }
  EXPECT_EQ(r.output.find("reference MME listening"), std::string::npos) << "no MME is needed: " << r.output;
  std::size_t pcaps = 0;
  for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(r.out_dir) / "pcap")) {
    ++pcaps;
    EXPECT_GT(std::filesystem::file_size(e.path()), 24u + 16u * 6u) << e.path();
  }
  EXPECT_EQ(pcaps, r.verdicts.size());
}

TEST(ConcurRun, list_shows_the_cases_and_that_they_apply_to_the_reference_profile) {
  std::string output;
  ASSERT_EQ(run_command({CONCUR_BINARY, "list"}, 10s, &output), 0) << output;
  EXPECT_NE(output.find("R3-handover-after-smc-command"), std::string::npos) << output;
  EXPECT_NE(output.find("apply to profile 'reference-mme'"), std::string::npos) << output;
  // Which SUT each case is for: the rule-5 cases test the eNB, against the reference eNB's profile.
  EXPECT_NE(output.find("SUT MME  applies"), std::string::npos) << output;
  EXPECT_NE(output.find("SUT eNB  applies"), std::string::npos) << output;
  EXPECT_NE(output.find("to profile 'reference-enb'"), std::string::npos) << output;
}

TEST(ConcurRun, a_broken_profile_exits_2_naming_file_line_and_field) {
  const std::string dir = fresh_dir();
  const std::string profile = dir + "/sut.xml";
  std::ofstream(profile) << "<sut-profile>\n  <sut><s1 address=\"mme.example\"/></sut>\n</sut-profile>\n";
  std::string output;
  EXPECT_EQ(run_command({CONCUR_BINARY, "run", "--profile", profile, "--out", dir}, 10s, &output), 2);
  EXPECT_NE(output.find(profile + ":2: s1@address: 'mme.example' is not a numeric IPv4 or IPv6 address"), std::string::npos) << output;
  EXPECT_EQ(run_command({CONCUR_BINARY, "run", "--jobs", "0"}, 10s, &output), 2);
}

TEST(ConcurRun, ctrl_c_stops_the_run_and_still_writes_valid_reports_of_what_ran) {
  const std::string dir = fresh_dir();
  ChildProcess concur({CONCUR_BINARY, "run", "--reference", "--out", dir});
  ASSERT_TRUE(concur.wait_for_line("[ 1/", 60s)) << concur.transcript();
  ::kill(concur.pid(), SIGINT);
  const auto status = concur.wait_exit(30s);
  ASSERT_TRUE(status) << "concur did not stop after SIGINT\n" << concur.transcript();
  EXPECT_TRUE(*status == 3 || *status == 1) << *status;
  const std::string junit = read_file(std::filesystem::path(dir) / "junit.xml");
  EXPECT_NE(junit.rfind("</testsuites>"), std::string::npos) << junit;
  EXPECT_GE(verdicts_of(read_file(std::filesystem::path(dir) / "summary.txt")).size(), 1u);
}

}  // namespace
