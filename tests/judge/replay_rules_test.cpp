// `concur replay` as a user runs it: a capture per rule with the violating and the conformant
// ordering, built from real encoded messages, replayed by the `concur` binary as a subprocess.
// Checked: exit status, the report on stdout and in --report, and the JUnit testsuite of the rule.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "capture_ladder.h"
#include "support/subprocess.h"

namespace concur::judge::test {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

constexpr auto kLimit = std::chrono::seconds(60);

/// MME under test serving TAI 001-01/1 with S10 and inter-RAT; ladder nodes as labelled.
constexpr const char* kMmeProfile = R"(<replay-profile>
  <sut role="mme" s10="true" inter-rat="true"/>
  <served-tai plmn="00101" tac="1"/>
</replay-profile>
)";
/// A target MME's capture starts with the relocation from its peer, before any S1AP shows which
/// address is the MME: the profile names it.
constexpr const char* kTargetMmeProfile = R"(<replay-profile>
  <sut role="mme"/>
  <served-tai plmn="00101" tac="1"/>
  <node address="127.0.0.1" label="MME"/>
</replay-profile>
)";
constexpr const char* kEnbProfile = R"(<replay-profile>
  <sut role="enb" node="eNB1" s10="false" inter-rat="false"/>
  <served-tai plmn="00101" tac="1"/>
</replay-profile>
)";

struct Replay {
  concur::test::ProcessResult process;
  std::string report_file;
  pugi::xml_document junit;
  bool junit_loaded = false;
};

class ReplayRules : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("concur_replay_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    write("keys.txt", key_file_text());
    write("mme.xml", kMmeProfile);
    write("enb.xml", kEnbProfile);
    write("target_mme.xml", kTargetMmeProfile);
  }
  void TearDown() override { fs::remove_all(dir_); }

  void write(const std::string& name, const std::string& text) { std::ofstream(dir_ / name) << text; }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  Replay replay(const std::function<void(CaptureLadder&)>& build, const char* profile = "mme.xml", bool keys = true) {
    {
      CaptureLadder l(path("capture.pcap"));
      build(l);
    }
    std::vector<std::string> argv = {CONCUR_BINARY, "replay", path("capture.pcap"), "--profile", path(profile),
                                      "--junit", path("junit.xml"), "--report", path("report.txt")};
    if (keys) {
      argv.push_back("--keys");
      argv.push_back(path("keys.txt"));
    }
    Replay r;
    r.process = concur::test::run_process(argv, kLimit);
    std::ifstream f(path("report.txt"));
    std::stringstream s;
    s << f.rdbuf();
    r.report_file = s.str();
    r.junit_loaded = static_cast<bool>(r.junit.load_file(path("junit.xml").c_str()));
    return r;
  }

  /// The JUnit testsuite of rule `n` ("R3 ...").
  static pugi::xml_node suite(const Replay& r, int n) {
    const std::string prefix = "R" + std::to_string(n) + " ";
    for (pugi::xml_node s : r.junit.child("testsuites").children("testsuite")) {
      if (std::string(s.attribute("name").value()).starts_with(prefix)) return s;
    }
    return {};
  }

  static void expect_fail(const Replay& r, int n, const std::string& reason) {
    EXPECT_EQ(r.process.exit_code, 1) << r.process.out << r.process.err;
    EXPECT_THAT(r.process.out, HasSubstr("R" + std::to_string(n) + " fail"));
    EXPECT_THAT(r.process.out, HasSubstr(reason));
    EXPECT_EQ(r.report_file, r.process.out) << "--report holds what was printed";
    ASSERT_TRUE(r.junit_loaded);
    const pugi::xml_node s = suite(r, n);
    ASSERT_TRUE(s) << "no testsuite for R" << n;
    EXPECT_GE(s.attribute("failures").as_int(), 1);
    EXPECT_THAT(s.child("testcase").child("failure").attribute("message").value(), HasSubstr(reason));
    EXPECT_THAT(s.child("testcase").child("failure").text().get(), HasSubstr("frame "));
  }

  static void expect_pass(const Replay& r, int n) {
    EXPECT_EQ(r.process.exit_code, 0) << r.process.out << r.process.err;
    EXPECT_THAT(r.process.out, HasSubstr("R" + std::to_string(n) + " pass"));
    ASSERT_TRUE(r.junit_loaded);
    const pugi::xml_node s = suite(r, n);
    ASSERT_TRUE(s);
    EXPECT_EQ(s.attribute("failures").as_int(), 0);
    EXPECT_EQ(s.attribute("skipped").as_int(), 0);
    EXPECT_FALSE(s.child("testcase").child("failure"));
  }

  fs::path dir_;
};

// ---- R1: no ICS / UCM with a new KeNB while an SMC is ongoing ----
TEST_F(ReplayRules, r1_initial_context_setup_before_security_mode_complete_fails) {
  const Replay r = replay([](CaptureLadder& l) {
    LadderUe ue;
    nas::AttachRequest a;
    a.eps_mobile_identity = nas::EpsMobileIdentity::from_imsi(ue.imsi);
    a.ue_network_capability.octets = {0xE0, 0xE0};
    a.esm_message_container = from_hex("0201d011");
    l.uplink(ue, s1ap::InitialUeMessage{{}, ue.enb_ue_s1ap_id, nas::encode(a), {kPlmn, 1}, {kPlmn, 0x1000}, 3, std::nullopt});
    l.authenticate(ue, 0);
    l.security_mode_command(ue, 0);
    ue.nas.emplace(*ue.pending);  // the MME wrongly goes on before the COMPLETE
    l.initial_context_setup_request(ue);
    ue.nas.reset();
    l.security_mode_complete(ue);
    l.initial_context_setup_response(ue);
  });
  expect_fail(r, 1, "Initial Context Setup initiated while");
}

TEST_F(ReplayRules, r1_initial_context_setup_after_security_mode_complete_passes) {
  expect_pass(replay([](CaptureLadder& l) {
                LadderUe ue;
                l.attach(ue, 0);
              }),
              1);
}

// ---- R2: no SMC while an ICS / UCM with a new KeNB is ongoing ----
TEST_F(ReplayRules, r2_security_mode_command_during_ue_context_modification_with_key_fails) {
  const Replay r = replay([](CaptureLadder& l) {
    LadderUe ue;
    l.attach(ue, 0);
    l.ue_context_modification_request(ue);
    l.authenticate(ue, 1);
    l.security_mode_command(ue, 1);
    l.ue_context_modification_response(ue);
    l.security_mode_complete(ue);
  });
  expect_fail(r, 2, "Security Mode Command");
}

TEST_F(ReplayRules, r2_security_mode_command_after_the_ue_context_modification_passes) {
  expect_pass(replay([](CaptureLadder& l) {
                LadderUe ue;
                l.attach(ue, 0);
                l.ue_context_modification_request(ue);
                l.ue_context_modification_response(ue);
                l.authenticate(ue, 1);
                l.security_mode_command(ue, 1);
                l.security_mode_complete(ue);
              }),
              2);
}

// ---- R3: HANDOVER REQUEST keeps the old KASME's chain until the UCM ----
void rekey(CaptureLadder& l, LadderUe& ue) {
  l.attach(ue, 0);
  l.authenticate(ue, 1);
  l.security_mode_command(ue, 1);
  l.security_mode_complete(ue);
}

TEST_F(ReplayRules, r3_handover_request_with_an_nh_of_the_new_kasme_fails) {
  const Replay r = replay([](CaptureLadder& l) {
    LadderUe ue;
    rekey(l, ue);
    l.s1_handover(ue, 2, l.next_nh(ue, 1));
  });
  expect_fail(r, 3, "derived from the new KASME (eKSI 1)");
}

TEST_F(ReplayRules, r3_handover_request_on_the_old_chain_then_ucm_passes) {
  expect_pass(replay([](CaptureLadder& l) {
                LadderUe ue;
                rekey(l, ue);
                l.s1_handover(ue, 2, l.next_nh(ue));
                l.ue_context_modification_request(ue);
                l.ue_context_modification_response(ue);
              }),
              3);
}

// ---- R5 (eNB under test): reject a UCM during its own handover ----
TEST_F(ReplayRules, r5_enb_accepting_a_ucm_during_its_handover_fails) {
  const Replay r = replay(
      [](CaptureLadder& l) {
        LadderUe ue;
        l.attach(ue, 0);
        l.handover_required_inter_mme(ue);
        l.ue_context_modification_request(ue);
        l.ue_context_modification_response(ue);
      },
      "enb.xml");
  expect_fail(r, 5, "the eNB accepted a UE Context Modification while its own handover");
}

TEST_F(ReplayRules, r5_enb_rejecting_a_ucm_during_its_handover_passes) {
  const Replay r = replay(
      [](CaptureLadder& l) {
        LadderUe ue;
        l.attach(ue, 0);
        l.handover_required_inter_mme(ue);
        l.ue_context_modification_request(ue);
        l.ue_context_modification_failure(ue);
      },
      "enb.xml");
  EXPECT_EQ(r.process.exit_code, 0) << r.process.out << r.process.err;
  EXPECT_THAT(r.process.out, HasSubstr("R5 pass"));
  EXPECT_THAT(r.process.out, HasSubstr("the eNB rejected the UE Context Modification during its own handover"));
}

// ---- R6: no S10 relocation while an SMC for a new KASME is ongoing ----
TEST_F(ReplayRules, r6_forward_relocation_during_the_smc_fails) {
  const Replay r = replay([](CaptureLadder& l) {
    LadderUe ue;
    l.attach(ue, 0);
    l.authenticate(ue, 1);
    l.security_mode_command(ue, 1);
    l.handover_required_inter_mme(ue);
    l.forward_relocation_out(ue, 100, false, 0);
  });
  expect_fail(r, 6, "S10 FORWARD RELOCATION REQUEST sent while the NAS SMC");
}

TEST_F(ReplayRules, r6_forward_relocation_after_security_mode_complete_passes) {
  expect_pass(replay([](CaptureLadder& l) {
                LadderUe ue;
                l.attach(ue, 0);
                l.authenticate(ue, 1);
                l.security_mode_command(ue, 1);
                l.handover_required_inter_mme(ue);
                l.security_mode_complete(ue);
                l.forward_relocation_out(ue, 100, true, 0);
                l.finish_relocation_out(ue, 100);
              }),
              6);
}

// ---- R7: no S10 relocation while a UCM with a new KeNB is ongoing ----
TEST_F(ReplayRules, r7_forward_relocation_during_the_ucm_fails) {
  const Replay r = replay([](CaptureLadder& l) {
    LadderUe ue;
    l.attach(ue, 0);
    l.ue_context_modification_request(ue);
    l.handover_required_inter_mme(ue);
    l.forward_relocation_out(ue, 100, false, 0);
  });
  expect_fail(r, 7, "S10 FORWARD RELOCATION REQUEST sent while");
}

TEST_F(ReplayRules, r7_forward_relocation_after_the_ucm_response_passes) {
  expect_pass(replay([](CaptureLadder& l) {
                LadderUe ue;
                l.attach(ue, 0);
                l.ue_context_modification_request(ue);
                l.handover_required_inter_mme(ue);
                l.ue_context_modification_response(ue);
                l.forward_relocation_out(ue, 100, false, 0);
                l.finish_relocation_out(ue, 100);
              }),
              7);
}

// ---- R8: the relocation in the window carries the old KASME's context and the new one ----
TEST_F(ReplayRules, r8_forward_relocation_without_the_old_context_fails) {
  const Replay r = replay([](CaptureLadder& l) {
    LadderUe ue;
    rekey(l, ue);
    l.handover_required_inter_mme(ue);
    l.forward_relocation_out(ue, 100, false, 0);
    l.finish_relocation_out(ue, 100);
  });
  expect_fail(r, 8, "OSCI");
}

TEST_F(ReplayRules, r8_forward_relocation_with_old_and_new_context_passes) {
  expect_pass(replay([](CaptureLadder& l) {
                LadderUe ue;
                rekey(l, ue);
                l.handover_required_inter_mme(ue);
                l.forward_relocation_out(ue, 100, true, 0);
                l.finish_relocation_out(ue, 100);
              }),
              8);
}

// ---- R9 (target MME): old-KASME AS parameters until the UCM ----
void relocated_ue(LadderUe& ue) {
  ue.kasme[0] = Key256{};
  ue.kasme[0].fill(0xd0);
  ue.kasme[1] = Key256{};
  ue.kasme[1].fill(0xe1);
  ue.nh.fill(0x42);  // the old NH the source MME passes on (NCC 2)
  ue.ncc = 2;
}

TEST_F(ReplayRules, r9_handover_request_with_an_nh_of_the_new_kasme_fails) {
  const Replay r = replay([](CaptureLadder& l) {
    LadderUe ue;
    relocated_ue(ue);
    const monitor::NhNcc old_pair{ue.ncc, ue.nh};
    l.forward_relocation_in(ue, 300, 1, 0, old_pair);
    l.handover_in(ue, 3, l.next_nh(ue, 1));
  }, "target_mme.xml");
  expect_fail(r, 9, "derived from the new KASME (eKSI 1)");
}

TEST_F(ReplayRules, r9_handover_request_with_the_old_pair_passes) {
  expect_pass(replay([](CaptureLadder& l) {
                LadderUe ue;
                relocated_ue(ue);
                const monitor::NhNcc old_pair{ue.ncc, ue.nh};
                l.forward_relocation_in(ue, 300, 1, 0, old_pair);
                l.handover_in(ue, 3, old_pair);
              }, "target_mme.xml"),
              9);
}

// ---- usage and input errors ----
TEST_F(ReplayRules, a_missing_capture_exits_2_naming_the_file) {
  const auto r = concur::test::run_process({CONCUR_BINARY, "replay", path("absent.pcap")}, kLimit);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("absent.pcap"));
}

TEST_F(ReplayRules, a_corrupt_capture_header_exits_2_naming_file_and_offset) {
  write("corrupt.pcap", "this is not a capture file at all");
  const auto r = concur::test::run_process({CONCUR_BINARY, "replay", path("corrupt.pcap")}, kLimit);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("corrupt.pcap"));
  EXPECT_THAT(r.err, HasSubstr("offset 0"));
}

TEST_F(ReplayRules, a_bad_key_file_exits_2_naming_line_and_field) {
  write("bad_keys.txt", "# keys\nsubscriber imsi=001010000000001 k=00 opc=00\n");
  {
    CaptureLadder l(path("capture.pcap"));
  }
  const auto r = concur::test::run_process({CONCUR_BINARY, "replay", path("capture.pcap"), "--keys", path("bad_keys.txt")}, kLimit);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("bad_keys.txt:2: field 'k': 1 octets, expected 16"));
}

TEST_F(ReplayRules, usage_errors_exit_2_and_print_the_usage) {
  const auto none = concur::test::run_process({CONCUR_BINARY, "replay"}, kLimit);
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_THAT(none.err, HasSubstr("usage: concur replay CAPTURE"));
  const auto unknown = concur::test::run_process({CONCUR_BINARY, "replay", "x.pcap", "--frobnicate"}, kLimit);
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_THAT(unknown.err, HasSubstr("unknown option '--frobnicate'"));
}

}  // namespace
}  // namespace concur::judge::test
