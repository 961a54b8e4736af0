// userspace SCTP over raw IP between two processes, each in a network namespace of its own joined
// by a veth pair (two usrsctp stacks on one host over raw IP would see each other's packets).
// Both ends are concur_sctp_peer; the test reads the event lines the client side prints.
// Needs root for `ip netns add`; skips with the reason when that fails. ctest label: netns.
#include <gtest/gtest.h>

#include <memory>

#include "child_process.h"
#include "netns.h"
#include "peer_protocol.h"
#include "transport/sctp.h"

namespace concur::transport {
namespace {

using namespace std::chrono_literals;
using testing::ChildProcess;
using testing::expected_message_line;
using testing::NetnsPair;

constexpr auto kLineTimeout = 10000ms;

class SctpRawIpInNamespaces : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!sctp_backend_available(SctpBackend::userspace_raw)) {
      GTEST_SKIP() << "userspace_raw needs a raw IP socket for protocol 132 (root / CAP_NET_RAW)";
    }
    netns_ = std::make_unique<NetnsPair>();
    if (!netns_->ready()) GTEST_SKIP() << "cannot make network namespaces: " << netns_->why_not();
  }

  /// The MME-side peer in namespace b, listening on the S1AP port.
  std::unique_ptr<ChildProcess> start_listener(const std::string& behaviour) {
    auto p = std::make_unique<ChildProcess>(NetnsPair::exec_in(
        netns_->name_b(), {CONCUR_SCTP_PEER, "listen", "--backend", "userspace_raw", "--bind",
                           std::string(NetnsPair::ip_b) + ":36412", "--behaviour", behaviour}));
    EXPECT_TRUE(p->wait_for_line("listening ", kLineTimeout)) << p->transcript();
    return p;
  }

  /// The eNB-side peer in namespace a running `steps` against `remote_ip`.
  std::unique_ptr<ChildProcess> start_client(std::vector<std::string> steps, const std::string& remote_ip = NetnsPair::ip_b) {
    std::vector<std::string> argv{CONCUR_SCTP_PEER, "connect", "--backend", "userspace_raw", "--remote",
                                  remote_ip + ":36412", "--connect-timeout-ms", "1500"};
    argv.insert(argv.end(), steps.begin(), steps.end());
    return std::make_unique<ChildProcess>(NetnsPair::exec_in(netns_->name_a(), argv));
  }

  void expect_line(ChildProcess& p, const std::string& line) {
    EXPECT_TRUE(p.wait_for_line(line, kLineTimeout)) << "expected '" << line << "' in:\n" << p.transcript();
  }

  std::unique_ptr<NetnsPair> netns_;
};

TEST_F(SctpRawIpInNamespaces, processes_in_two_namespaces_exchange_s1ap_messages_on_several_streams) {
  auto mme = start_listener("echo");
  auto enb = start_client({"next:5000", "send:0:120", "next:5000", "send:3:1500", "next:5000", "send:9:40",
                           "next:5000", "shutdown", "next:5000"});
  expect_line(*enb, "event association_up");
  expect_line(*enb, expected_message_line(0, kS1apPpid, 120));
  expect_line(*enb, expected_message_line(3, kS1apPpid, 1500));
  expect_line(*enb, expected_message_line(9, kS1apPpid, 40));
  expect_line(*enb, "event shutdown");
  expect_line(*mme, "accepted 10.91.0.1:");
  expect_line(*mme, "event shutdown");
  EXPECT_EQ(enb->wait_exit(kLineTimeout), 0);
}

TEST_F(SctpRawIpInNamespaces, message_of_100_kilobytes_crosses_the_veth_in_data_chunks_and_arrives_whole) {
  auto mme = start_listener("echo");
  auto enb = start_client({"next:5000", "send:1:102400", "next:8000"});
  expect_line(*enb, "event association_up");
  expect_line(*mme, expected_message_line(1, kS1apPpid, 102400));
  expect_line(*enb, expected_message_line(1, kS1apPpid, 102400));
}

TEST_F(SctpRawIpInNamespaces, abort_from_the_peer_reaches_the_other_namespace_as_abort_received) {
  auto mme = start_listener("abort");
  auto enb = start_client({"next:5000", "send:1:64", "next:5000"});
  expect_line(*enb, "event association_up");
  expect_line(*mme, "aborted");
  expect_line(*enb, "event abort_received");
}

TEST_F(SctpRawIpInNamespaces, silent_established_peer_gives_a_timeout_event) {
  auto mme = start_listener("silent");
  auto enb = start_client({"next:5000", "send:2:64", "next:300"});
  expect_line(*enb, "event association_up");
  expect_line(*enb, "event timeout");
}

TEST_F(SctpRawIpInNamespaces, init_to_an_address_nobody_answers_ends_in_association_failed) {
  auto enb = start_client({"next:200", "next:5000"}, NetnsPair::ip_nobody);
  expect_line(*enb, "event timeout");
  expect_line(*enb, "event association_failed");
}

}  // namespace
}  // namespace concur::transport
