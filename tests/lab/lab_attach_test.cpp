// `concur run` against NextEPC 0.3.10 in the lab VM, the way a lab engineer runs it: inside the
// lab's namespace, with testcases/profiles/nextepc.xml. NextEPC's S6a (freeDiameter) connects to
// the run's emulated HSS and its S11 goes to the run's emulated SGW-C, so the UE attaches (AKA,
// SMC, default bearer) and is handed over between two emulated eNBs: the whole chain a real MME
// needs, judged by the rule monitor. Opt-in like the S1 Setup test (CONCUR_LAB=1; label lab).
#include <gtest/gtest.h>

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "lab_vm.h"

namespace concur {
namespace {

using namespace std::chrono_literals;

// One case under software emulation: attach and handover with guards of 15 s (profile timers),
// plus NextEPC's freeDiameter connecting to the freshly started HSS (it retries every few seconds).
constexpr auto kRunTimeout = std::chrono::minutes(5);
const char* kCase = "R3-baseline-handover-continues-the-current-chain";

std::string read_file(const std::filesystem::path& p) {
  std::ifstream f(p);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

TEST(NextepcLab, concur_run_attaches_a_ue_to_nextepc_through_the_emulated_hss_and_sgw_and_hands_it_over) {
  const char* opt_in = std::getenv("CONCUR_LAB");
  if (opt_in == nullptr || std::string(opt_in) != "1") {
    GTEST_SKIP() << "set CONCUR_LAB=1 to run the lab test (it builds a VM image when not cached and boots it: minutes)";
  }
  if (::geteuid() != 0) GTEST_SKIP() << "the lab needs root (network namespace, tap, raw IP sockets)";

  lab::Lab lab;
  if (lab.status() == lab::kCannotRunHere) GTEST_SKIP() << "the lab cannot run here:\n" << lab.output();
  ASSERT_EQ(lab.status(), 0) << "lab.sh up failed:\n" << lab.output();

  const auto out = std::filesystem::temp_directory_path() / ("concur-lab-attach-" + std::to_string(::getpid()));
  std::string output;
  const int rc = transport::testing::run_command(
      {"/usr/bin/env", "ip", "netns", "exec", lab.netns(), CONCUR_BINARY, "run", "--profile",
       std::string(CONCUR_SOURCE_DIR) + "/testcases/profiles/nextepc.xml", "--filter", kCase, "--out", out.string()},
      kRunTimeout, &output);
  EXPECT_EQ(rc, 0) << output << "\nserial log of the VM (NextEPC's own log): /run/concur-lab/" << lab.netns() << "/serial.log";
  EXPECT_NE(output.find("emulated HSS (S6a, Diameter identity hss.localdomain) listening on TCP 169.254.36.1:3868"), std::string::npos)
      << output;
  EXPECT_NE(output.find("pass    " + std::string(kCase)), std::string::npos) << output;
  const std::string junit = read_file(out / "junit.xml");
  EXPECT_NE(junit.find(kCase), std::string::npos) << junit;
  EXPECT_EQ(junit.find("<failure"), std::string::npos) << junit;
  const auto pcap = out / "pcap" / (std::string(kCase) + ".pcap");
  ASSERT_TRUE(std::filesystem::is_regular_file(pcap)) << pcap;
  EXPECT_GT(std::filesystem::file_size(pcap), 24u) << "more than the pcap file header: " << pcap;
  std::error_code ec;
  std::filesystem::remove_all(out, ec);
}

}  // namespace
}  // namespace concur
