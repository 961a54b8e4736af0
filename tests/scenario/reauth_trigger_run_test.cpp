// The UE-side re-authentication trigger (profile <reauth-trigger kind="tau-failing-integrity"/>),
// end to end: `concur run` against a reference MME started here on loopback, with a profile that
// has no control socket, so the only way to a re-authentication is the UE's TRACKING AREA UPDATE
// REQUEST whose MAC fails. The reference MME re-authenticates on such a TAU unless configured not
// to (reference/mme/README.md, `tau_without_valid_ksi`), which gives the test its negative half.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "child_process.h"
#include "support/text_file.h"

namespace {

using namespace std::chrono_literals;
using concur::transport::testing::ChildProcess;
using concur::transport::testing::run_command;

constexpr const char* kSubscriber =
    R"(<subscriber imsi="001010000000001" k="465b5ce8b199b49faa5f0a2ee238a6bc" opc="cd63cb71954a9f4e48a5994e37a02baf" amf="8000" sqn="0"/>)";

// After the attach, the trigger alone must bring AKA and an SMC for a new eKSI.
constexpr const char* kCase = R"(<?xml version="1.0"?>
<testcase id="trigger-brings-aka-and-smc" rules="R1" clause="TS 33.401 7.2.10" pics="reauth-trigger">
  <purpose>The profile's re-authentication trigger makes the MME run AKA and a NAS SMC on the connected UE.</purpose>
  <roles><enb name="enb"/><ue name="ue" enb="enb"/></roles>
  <preamble><s1-setup enb="enb"/><attach ue="ue"/></preamble>
  <steps>
    <trigger action="reauth" ue="ue"/>
    <expect at="ue" message="AuthenticationRequest"/>
    <expect at="ue" message="SecurityModeCommand"><field name="eksi-changed" value="true"/></expect>
  </steps>
</testcase>
)";

void write(const std::filesystem::path& p, const std::string& text) {
  std::ofstream f(p);
  f << text;
}

struct RunResult {
  int exit_code = -1;
  std::string output;
  std::string summary;
  std::string junit;
};

// Starts the reference MME (re-authentication on a TAU without a valid KSI: `reauth_on_bad_tau`)
// and runs the case above against it with a tau-failing-integrity profile.
RunResult run_against_reference(bool reauth_on_bad_tau) {
  char tmpl[] = "/tmp/concur-reauth-trigger-XXXXXX";
  const std::filesystem::path dir = ::mkdtemp(tmpl);
  std::filesystem::create_directory(dir / "cases");
  write(dir / "cases" / "trigger.xml", kCase);
  write(dir / "mme.xml", std::string(R"(<?xml version="1.0"?>
<mme name="reference-for-the-trigger-test">
  <s1 address="127.0.0.1" port="0" backend="userspace_udp" udp_port="0"/>
  <plmn mcc="001" mnc="01"/>
  <tai tac="1"/>
  <nas integrity="eia2" ciphering="eea2"/>
  )") + kSubscriber + R"(
  <reauth tau_without_valid_ksi=")" + (reauth_on_bad_tau ? "true" : "false") + R"("/>
</mme>
)");
  RunResult r;
  ChildProcess mme({REFERENCE_MME, "--config", (dir / "mme.xml").string()});
  const auto listening = mme.wait_for_line("listening ", 10s);
  if (!listening) {
    r.output = "the reference MME did not start listening:\n" + mme.transcript();
    return r;
  }
  std::istringstream in(listening->substr(std::string("listening ").size()));
  std::string ip;
  unsigned port = 0, udp = 0;
  in >> ip >> port >> udp;
  write(dir / "profile.xml", R"(<?xml version="1.0"?>
<sut-profile name="reference-with-the-ue-trigger">
  <sut><s1 address=")" + ip + "\" port=\"" + std::to_string(port) + R"(" backend="userspace_udp" udp-port=")" +
                                 std::to_string(udp) + R"("/></sut>
  <ran mcc="001" mnc="01" tacs="1" first-enb-id="1"/>
  )" + kSubscriber + R"(
  <algorithms integrity="eia2" ciphering="eea2"/>
  <reauth-trigger kind="tau-failing-integrity"/>
  <timers guard-ms="3000" quiet-ms="500"/>
</sut-profile>
)");
  r.exit_code = run_command({CONCUR_BINARY, "run", "--profile", (dir / "profile.xml").string(), "--cases",
                             (dir / "cases").string(), "--out", (dir / "out").string()},
                            60s, &r.output);
  r.summary = concur::test::read_text_file(dir / "out" / "summary.txt");
  r.junit = concur::test::read_text_file(dir / "out" / "junit.xml");
  mme.stop();
  std::error_code ec;
  if (!::testing::Test::HasFailure()) std::filesystem::remove_all(dir, ec);
  return r;
}

TEST(UeReauthTrigger, a_tau_failing_integrity_from_the_connected_ue_makes_an_mme_that_reauthenticates_on_it_run_aka_and_smc) {
  const RunResult r = run_against_reference(true);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.summary.rfind("pass    trigger-brings-aka-and-smc", 0), 0u) << r.summary << r.output;
  EXPECT_NE(r.junit.find("TrackingAreaUpdateRequest"), std::string::npos) << "the trigger shows in the case's timeline\n" << r.junit;
}

TEST(UeReauthTrigger, an_mme_that_rejects_such_a_tau_instead_gives_no_aka_and_the_case_fails) {
  const RunResult r = run_against_reference(false);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_EQ(r.summary.rfind("fail    trigger-brings-aka-and-smc", 0), 0u) << r.summary << r.output;
  EXPECT_NE(r.summary.find("no AuthenticationRequest at ue"), std::string::npos) << r.summary;
}

}  // namespace
