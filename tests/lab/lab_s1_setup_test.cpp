// The NextEPC lab end to end: lab/lab.sh brings up NextEPC 0.3.10's MME in a VM (kernel SCTP),
// this process joins the lab's network namespace and, as an emulated eNB with the project's
// userspace SCTP over raw IP, sends S1 SETUP REQUEST into the VM. Addresses, PLMN and TAC come
// from testcases/profiles/nextepc.xml, so a profile that disagrees with the VM's configuration
// (lab/lab.conf) shows here: NextEPC answers S1 SETUP FAILURE to a PLMN/TAC it does not serve.
//
// ctest label `lab` (minutes: image build when not cached, boot under software emulation).
// Opt-in with CONCUR_LAB=1. Skips with the reason when the lab cannot run: not root, tools not installable, no network for
// the first image build (lab.sh exits 77 then).
#include <fcntl.h>
#include <sched.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <memory>
#include <string>
#include <variant>

#include "lab_vm.h"
#include "codec/s1ap/messages.h"
#include "profile/sut_profile.h"
#include "roles/enb.h"
#include "transport/sctp.h"

namespace concur {
namespace {

using namespace std::chrono_literals;

// Software emulation on a loaded machine: the MME answers in well under a second when idle.
constexpr auto kS1apAnswerTimeout = 30s;
using lab::Lab;
using lab::kCannotRunHere;

/// Moves this thread into network namespace `name`. usrsctp opens its raw sockets on first use
/// from the calling thread, so they live in the lab's namespace when this runs first.
std::string enter_netns(const std::string& name) {
  const std::string path = "/run/netns/" + name;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return "cannot open " + path;
  const int rc = ::setns(fd, CLONE_NEWNET);
  ::close(fd);
  return rc == 0 ? "" : "setns(" + path + ") failed";
}

TEST(NextepcLab, emulated_enb_gets_s1_setup_response_from_nextepc_in_the_vm_over_kernel_sctp) {
  const char* opt_in = std::getenv("CONCUR_LAB");
  if (opt_in == nullptr || std::string(opt_in) != "1") {
    GTEST_SKIP() << "set CONCUR_LAB=1 to run the lab test (it builds a VM image when not cached and boots it: minutes)";
  }
  if (::geteuid() != 0) GTEST_SKIP() << "the lab needs root (network namespace, tap, raw IP sockets)";
  const auto profile = profile::load_profile(std::string(CONCUR_SOURCE_DIR) + "/testcases/profiles/nextepc.xml");
  ASSERT_FALSE(profile.tacs.empty());

  Lab lab;
  if (lab.status() == kCannotRunHere) GTEST_SKIP() << "the lab cannot run here:\n" << lab.output();
  ASSERT_EQ(lab.status(), 0) << "lab.sh up failed:\n" << lab.output();

  const std::string not_entered = enter_netns(lab.netns());
  ASSERT_TRUE(not_entered.empty()) << not_entered;

  transport::SctpOptions options;
  options.backend = transport::parse_sctp_backend(profile.s1.sctp_backend);
  options.connect_timeout = 20s;
  const auto plmn = roles::plmn_of(profile.mcc, profile.mnc);
  std::string why;
  auto enb = roles::Enb::connect(roles::make_enb_identity(plmn, profile.first_enb_id, profile.tacs[0], "concur-lab-enb"),
                                 {profile.s1.address, profile.s1.port}, options, profile.runner_address, why);
  ASSERT_NE(enb, nullptr) << why << "\nlab:\n" << lab.output();

  const auto sent = enb->send(enb->s1_setup_request());
  ASSERT_FALSE(sent.has_value()) << *sent;

  const auto event = enb->association().receive(kS1apAnswerTimeout);
  ASSERT_EQ(event.kind, transport::SctpEventKind::message)
      << "no S1AP answer from NextEPC: " << transport::to_string(event.kind) << " " << event.detail;
  EXPECT_EQ(event.stream, 0) << "S1 SETUP RESPONSE is non-UE-associated signalling (TS 36.412 7)";
  EXPECT_EQ(event.ppid, transport::kS1apPpid);

  const auto answer = s1ap::decode_pdu(view_of(event.bytes));
  ASSERT_TRUE(answer.ok()) << answer.error().to_string();
  ASSERT_FALSE(std::holds_alternative<s1ap::S1SetupFailure>(*answer))
      << "NextEPC refused the eNB: its PLMN/TAC (profile nextepc.xml) is not what the VM serves (lab/lab.conf)";
  ASSERT_TRUE(std::holds_alternative<s1ap::S1SetupResponse>(*answer)) << "answer is not an S1 SETUP RESPONSE";
  const auto& response = std::get<s1ap::S1SetupResponse>(*answer);
  ASSERT_FALSE(response.served_gummeis.empty());
  ASSERT_FALSE(response.served_gummeis[0].served_plmns.empty());
  EXPECT_EQ(response.served_gummeis[0].served_plmns[0], plmn) << "the MME serves the profile's PLMN";

  enb->close();
}

}  // namespace
}  // namespace concur
