// `concur run` end to end: the concur binary starts the reference MME and the reference eNB (its
// own child processes), runs every MME case (R1-R3 on S1; R6-R9 also with the runner's peer MME
// on S10 and SGSN on S3) and every R5 case against the eNB (the runner as its MME) over userspace
// SCTP and UDP on loopback, and writes the reports. The conformant SUTs pass everything (the
// explorer's orderings the MME cannot reach are inconc); each --violate Rn variant fails a case
// of rule n and nothing else; a
// parallel run gives the verdicts of a serial one; Ctrl-C still leaves valid reports.
#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "child_process.h"
#include "support/subprocess.h"
#include "support/tshark_judge.h"
#include "support/text_file.h"

namespace {

using namespace std::chrono_literals;
using concur::transport::testing::ChildProcess;
using concur::transport::testing::run_command;

struct RunOutcome {
  int exit_code = -1;
  std::string output;
  std::string out_dir;
  std::map<std::string, std::string> verdicts;  ///< case id -> verdict, from summary.txt
  std::map<std::string, std::string> reasons;   ///< case id -> reason, from summary.txt
  std::string reason(const std::string& id) const {
    const auto it = reasons.find(id);
    return it == reasons.end() ? "" : it->second;
  }
  std::string junit;
};

/// Output folders of this test process, removed when it ends (after every test used them).
struct TempDirs {
  std::vector<std::string> paths;
  ~TempDirs() {
    // A failed run's reports (pcaps, junit, the reference MME's log) are the evidence of what
    // went wrong, and some failures are rare: keep them and say where.
    if (::testing::UnitTest::GetInstance()->Failed()) {
      for (const auto& p : paths) std::fprintf(stderr, "kept the reports of this test program's runs: %s\n", p.c_str());
      return;
    }
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

std::map<std::string, std::string> verdicts_of(const std::string& summary, std::map<std::string, std::string>* reasons = nullptr) {
  std::map<std::string, std::string> out;
  std::istringstream in(summary);
  for (std::string line; std::getline(in, line);) {
    std::istringstream words(line);
    std::string verdict, id;
    words >> verdict >> id;
    if (verdict == "pass" || verdict == "fail" || verdict == "inconc" || verdict == "none" || verdict == "error") {
      out[id] = verdict;
      const std::size_t dash = line.find(" \xE2\x80\x94 ");  // "verdict id — reason"
      if (reasons && dash != std::string::npos) (*reasons)[id] = line.substr(dash + 5);
    }
  }
  return out;
}

/// The rules the monitor failed in one case: its "rule monitor: R6 fail; ..." lines in the JUnit.
std::set<std::string> failed_rules(const std::string& junit, const std::string& id) {
  std::set<std::string> rules;
  const std::size_t begin = junit.find("<testcase name=\"" + id + "\"");
  if (begin == std::string::npos) return rules;
  const std::string block = junit.substr(begin, junit.find("</testcase>", begin) - begin);
  static const std::regex fail("rule monitor: (R[1-9]) fail");
  for (auto it = std::sregex_iterator(block.begin(), block.end(), fail); it != std::sregex_iterator(); ++it)
    rules.insert((*it)[1]);
  return rules;
}

/// The explorer's cases (testcases/explore/): one per ordering, judged by the rule monitor only.
bool explored(const std::string& id) { return id.rfind("explore-", 0) == 0; }

RunOutcome concur_run(std::vector<std::string> extra) {
  RunOutcome r;
  r.out_dir = fresh_dir();
  std::vector<std::string> argv{CONCUR_BINARY, "run", "--out", r.out_dir};
  argv.insert(argv.end(), extra.begin(), extra.end());
  r.exit_code = run_command(argv, 300s, &r.output);
  r.verdicts = verdicts_of(concur::test::read_text_file(std::filesystem::path(r.out_dir) / "summary.txt"), &r.reasons);
  r.junit = concur::test::read_text_file(std::filesystem::path(r.out_dir) / "junit.xml");
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
  for (const auto& [id, verdict] : r.verdicts) {
    // An ordering the conformant MME cannot reach (it holds a message back) is inconc, never fail.
    if (explored(id) && verdict == "inconc") EXPECT_EQ(r.reason(id).rfind("not reachable: ", 0), 0u) << id << ": " << r.reason(id);
    else EXPECT_EQ(verdict, "pass") << id << "\n" << r.output;
  }
}

TEST(ConcurRun, junit_has_a_testsuite_per_rule_html_names_every_case_and_every_case_has_its_own_pcap) {
  const RunOutcome& r = conformant_serial();
  for (const char* rule : {"R1", "R2", "R3", "R6", "R7", "R8", "R9"})
    EXPECT_NE(r.junit.find("<testsuite name=\"" + std::string(rule) + "\""), std::string::npos) << rule;
  EXPECT_NE(r.junit.find("<testsuites "), std::string::npos);
  EXPECT_NE(r.junit.rfind("</testsuites>"), std::string::npos);
  EXPECT_EQ(r.junit.find("<failure"), std::string::npos);
  // The rule monitor judged every case from the roles' messages (the live feed of the one judge).
  for (const char* rule : {"R1", "R2", "R3", "R6", "R7", "R8", "R9"})
    EXPECT_NE(r.junit.find("rule monitor: " + std::string(rule) + " pass"), std::string::npos) << rule;
  std::size_t pcaps = 0;
  for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(r.out_dir) / "pcap")) {
    if (e.path().extension() != ".pcap") continue;  // and pcap/README.txt
    ++pcaps;
    // More than the pcap file header: the case's S1AP traffic is in it.
    EXPECT_GT(std::filesystem::file_size(e.path()), 24u + 16u * 10u) << e.path();
  }
  EXPECT_EQ(pcaps, r.verdicts.size());
  // The human report: one HTML file naming every case, with a ladder (SVG) per case.
  const std::string html = concur::test::read_text_file(std::filesystem::path(r.out_dir) / "report.html");
  for (const auto& [id, verdict] : r.verdicts) EXPECT_NE(html.find(id), std::string::npos) << id;
  EXPECT_NE(html.find("<svg"), std::string::npos);
  // Keys appear as fingerprints only (no --show-keys): the subscriber K is nowhere in the reports.
  EXPECT_EQ(r.junit.find("465b5ce8b199b49faa5f0a2ee238a6bc"), std::string::npos);
}

TEST(ConcurRun, two_jobs_in_parallel_give_the_verdicts_of_the_serial_run) {
  const RunOutcome parallel = concur_run({"--reference", "--jobs", "2"});
  EXPECT_EQ(parallel.exit_code, 0) << parallel.output;
  const RunOutcome& serial = conformant_serial();
  // Name only the cases that differ, with both runs' reasons: the full maps are too long to read.
  std::set<std::string> ids;
  for (const auto& [id, v] : parallel.verdicts) ids.insert(id);
  for (const auto& [id, v] : serial.verdicts) ids.insert(id);
  for (const auto& id : ids) {
    const auto p = parallel.verdicts.find(id), s = serial.verdicts.find(id);
    const std::string pv = p == parallel.verdicts.end() ? "(not run)" : p->second;
    const std::string sv = s == serial.verdicts.end() ? "(not run)" : s->second;
    EXPECT_EQ(pv, sv) << id << "\n  parallel: " << parallel.reason(id) << "\n  serial:   " << serial.reason(id)
                      << "\n  reports: " << parallel.out_dir << " and " << serial.out_dir;
  }
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

TEST(ConcurRun, a_violation_whose_sut_no_selected_case_reaches_is_named_as_without_effect) {
  // R5 is the eNB's rule; an MME-only selection never starts the faulty eNB.
  const RunOutcome r = concur_run({"--reference", "--violate", "R5", "--filter", "R3-baseline-handover-continues-the-current-chain"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("warning: --violate R5 has no effect: no selected case runs against the reference eNB"), std::string::npos)
      << r.output;
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
    // An explored ordering judges several rules: its fails must all be the monitor's for this one.
    // (Under the R6 variant a relocation that crossed the SECURITY MODE COMPLETE is rule 6's too:
    // the monitor sees that it carries the context from before the SMC.)
    else if (explored(id) && failed_rules(r.junit, id) == std::set<std::string>{rule}) continue;
    else ADD_FAILURE() << id << " failed against the " << rule << " variant: " << r.reason(id) << "\n" << r.output;
  }
  EXPECT_GE(own_failures, 1u) << r.output;
}

// <parallel>: the R1 cases watch the window of rule 1 in one branch while the other runs a
// handover or the release; a UCM arriving in the watching branch is the case's failure.
TEST(ConcurRun, a_failing_parallel_branch_fails_the_case_and_conformant_branches_pass) {
  const RunOutcome ok = concur_run({"--reference", "--filter", "R1-*"});
  const RunOutcome bad = concur_run({"--reference", "--violate", "R1", "--filter", "R1-*"});
  for (const char* id : {"R1-handover-during-smc-brings-no-new-kenb", "R1-boundary-release-ends-the-smc-without-a-new-kenb"}) {
    EXPECT_EQ(ok.verdicts.count(id) ? ok.verdicts.at(id) : "(not run)", "pass") << id << "\n" << ok.output;
    EXPECT_EQ(bad.verdicts.count(id) ? bad.verdicts.at(id) : "(not run)", "fail") << id << "\n" << bad.output;
    // The branch's expect-none judged it: UCM where none was allowed, at its line in the file.
    EXPECT_NE(bad.reason(id).find("UEContextModificationRequest"), std::string::npos) << bad.reason(id);
    EXPECT_NE(bad.reason(id).find("where none was allowed"), std::string::npos) << bad.reason(id);
  }
}

// R5 binds the eNB: --violate R5 goes to the reference eNB, and the MME cases must still pass.
INSTANTIATE_TEST_SUITE_P(Rules, ConcurRunViolation, ::testing::Values("R1", "R2", "R3", "R5", "R6", "R7", "R8", "R9"));

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
    if (e.path().extension() != ".pcap") continue;
    ++pcaps;
    EXPECT_GT(std::filesystem::file_size(e.path()), 24u + 16u * 6u) << e.path();
  }
  EXPECT_EQ(pcaps, r.verdicts.size());
}

TEST(ConcurRun, the_reference_profile_declares_s10_and_s3_so_rules_6_to_9_are_judged_not_none) {
  const RunOutcome& r = conformant_serial();
  for (const char* id : {"R6-inter-mme-handover-waits-for-smc-complete", "R6-lte-to-utran-handover-waits-for-smc-complete",
                         "R6-lte-to-geran-handover-waits-for-smc-complete", "R7-inter-mme-handover-waits-for-ucm-response",
                         "R8-forward-relocation-carries-the-old-and-the-new-context", "R9-target-mme-keeps-the-old-chain-until-the-ucm"}) {
    ASSERT_TRUE(r.verdicts.count(id)) << id << "\n" << r.output;
    EXPECT_EQ(r.verdicts.at(id), "pass") << id;
  }
}

TEST(ConcurRun, the_pcap_of_an_s10_case_dissects_in_tshark_as_gtpv2_without_malformed_frames) {
  if (const auto why = concur::test::tshark_unusable()) GTEST_SKIP() << *why;
  const RunOutcome& r = conformant_serial();
  const std::string pcap = r.out_dir + "/pcap/R6-inter-mme-handover-waits-for-smc-complete.pcap";
  ASSERT_TRUE(std::filesystem::exists(pcap)) << pcap;
  // The runner's peer MME and SGSN and the reference MME bind free ports (not 2123): the run's
  // pcap/README.txt gives the tshark options that tell which UDP ports carry GTP. Use exactly
  // those, as a person would.
  const std::string guide = concur::test::read_text_file(std::filesystem::path(r.out_dir) / "pcap" / "README.txt");
  const auto line_at = guide.find("tshark:    tshark -r FILE");
  ASSERT_NE(line_at, std::string::npos) << guide;
  std::istringstream in(guide.substr(line_at + std::string("tshark:    tshark -r FILE").size(),
                                     guide.find('\n', line_at) - line_at - std::string("tshark:    tshark -r FILE").size()));
  std::vector<std::string> decode_as;
  for (std::string word; in >> word;) decode_as.push_back(word);
  ASSERT_EQ(decode_as.size(), 6u) << "-d for the SUT's, the peer MME's and the SGSN's port: " << guide;
  auto argv = [&](std::vector<std::string> tail) {
    std::vector<std::string> a{"tshark", "-n", "-r", pcap};
    a.insert(a.end(), decode_as.begin(), decode_as.end());
    a.insert(a.end(), tail.begin(), tail.end());
    return a;
  };
  // Only the GTPv2-C frames are judged here: tshark reads ciphered NAS (128-EEA2, no keys) as
  // plain NAS, which now and then looks malformed; the S1AP side has tests of its own.
  const auto malformed = concur::test::run_process(
      argv({"-Y", "gtpv2 && _ws.malformed", "-T", "fields", "-e", "frame.number", "-e", "frame.protocols"}), std::chrono::seconds(120));
  ASSERT_EQ(malformed.exit_code, 0) << malformed.err;
  EXPECT_EQ(malformed.out, "") << "malformed frames: " << malformed.out;
  const auto gtp = concur::test::run_process(argv({"-Y", "gtpv2", "-T", "fields", "-e", "gtpv2.message_type"}), std::chrono::seconds(120));
  ASSERT_EQ(gtp.exit_code, 0) << gtp.err;
  for (const char* type : {"133", "134", "135", "136"})  // Forward Relocation Request/Response/Complete Notification/Acknowledge
    EXPECT_NE(gtp.out.find(type), std::string::npos) << "message type " << type << " not dissected: " << gtp.out;
  const auto verbose = concur::test::run_process(argv({"-Y", "gtpv2", "-V"}), std::chrono::seconds(120));
  EXPECT_NE(verbose.out.find("GPRS Tunneling Protocol V2"), std::string::npos);
  EXPECT_EQ(verbose.out.find("Malformed"), std::string::npos);
}

TEST(ConcurRun, the_s1_handover_messages_in_the_pcaps_dissect_in_tshark_without_malformed_frames) {
  // HANDOVER REQUIRED / REQUEST / REQUEST ACKNOWLEDGE / COMMAND carry the eNBs' transparent
  // containers with RRC inside (TS 36.413 9.2.1.56-57), or towards UTRAN / GERAN the RANAP RNC
  // containers and the BSSGP BSS container contents that the runner's eNB and SGSN build; the
  // reference MME relays them. Neither a malformed frame nor an expert error (a missing
  // mandatory BSSGP element is one) may show. S1AP procedure codes 0 (handover preparation) and
  // 1 (resource allocation) only: ciphered NAS elsewhere is read by tshark as plain and may look
  // malformed.
  if (const auto why = concur::test::tshark_unusable()) GTEST_SKIP() << *why;
  const RunOutcome& r = conformant_serial();
  for (const char* id : {"R3-baseline-handover-continues-the-current-chain", "R3-handover-after-smc-complete",
                         "R5-ucm-during-own-handover-execution", "R6-lte-to-utran-handover-waits-for-smc-complete",
                         "R6-lte-to-geran-handover-waits-for-smc-complete"}) {
    const std::string pcap = r.out_dir + "/pcap/" + id + ".pcap";
    ASSERT_TRUE(std::filesystem::exists(pcap)) << pcap;
    const std::string handover_frames = "(s1ap.procedureCode == 0 || s1ap.procedureCode == 1)";
    auto frames_of = [&](const std::string& filter) {
      const auto t = concur::test::run_process({"tshark", "-n", "-r", pcap, "-Y", filter, "-T", "fields", "-e", "frame.number"},
                                               std::chrono::seconds(120));
      EXPECT_EQ(t.exit_code, 0) << t.err;
      return t.out;
    };
    const std::string all = frames_of(handover_frames);
    EXPECT_GE(std::count(all.begin(), all.end(), '\n'), 2) << id << ": the handover's S1AP messages are not in its pcap";
    EXPECT_EQ(frames_of(handover_frames + " && (_ws.malformed || _ws.expert.severity == error)"), "")
        << id << ": malformed handover frames, or frames with an expert error";
  }
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

TEST(ConcurRun, a_case_that_does_not_apply_sends_nothing_and_leaves_no_empty_pcap) {
  // The reference profile without S3: the LTE-to-UTRAN/GERAN cases are "none" and never start,
  // so no message goes to the (absent) MME on loopback, and no header-only pcap is left.
  const std::string dir = fresh_dir();
  std::string profile_text = concur::test::read_text_file(std::string(CONCUR_TESTCASES_DIR) + "/profiles/reference.xml");
  for (const auto& [from, to] : {std::pair<std::string, std::string>{"s3=\"true\"", "s3=\"false\""},
                                 {"<s1 address=\"127.0.0.1\" port=\"0\"", "<s1 address=\"127.0.0.1\" port=\"36412\""}}) {
    const auto at = profile_text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    profile_text.replace(at, from.size(), to);
  }
  const std::string profile = dir + "/no-s3.xml";
  std::ofstream(profile) << profile_text;
  std::string output;
  EXPECT_EQ(run_command({CONCUR_BINARY, "run", "--profile", profile, "--filter", "R6-lte*", "--out", dir + "/out"}, 60s, &output), 0)
      << output;
  EXPECT_NE(output.find("2 test cases: 0 pass 0 fail 0 inconc 2 none 0 error"), std::string::npos) << output;
  for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(dir) / "out" / "pcap"))
    EXPECT_NE(e.path().extension(), ".pcap") << e.path();
  const std::string junit = concur::test::read_text_file(std::filesystem::path(dir) / "out" / "junit.xml");
  EXPECT_EQ(junit.find("capture: "), std::string::npos) << junit;
}

TEST(ConcurRun, ctrl_c_stops_the_run_and_still_writes_valid_reports_of_what_ran) {
  const std::string dir = fresh_dir();
  ChildProcess concur({CONCUR_BINARY, "run", "--reference", "--out", dir});
  ASSERT_TRUE(concur.wait_for_line("[ 1/", 60s)) << concur.transcript();
  ::kill(concur.pid(), SIGINT);
  const auto status = concur.wait_exit(30s);
  ASSERT_TRUE(status) << "concur did not stop after SIGINT\n" << concur.transcript();
  EXPECT_TRUE(*status == 3 || *status == 1) << *status;
  const std::string junit = concur::test::read_text_file(std::filesystem::path(dir) / "junit.xml");
  EXPECT_NE(junit.rfind("</testsuites>"), std::string::npos) << junit;
  EXPECT_GE(verdicts_of(concur::test::read_text_file(std::filesystem::path(dir) / "summary.txt")).size(), 1u);
}

}  // namespace
