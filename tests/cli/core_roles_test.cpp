// The run-wide emulated HSS and SGW-C of `concur run` (cli/core_roles.h) without a real MME: a
// test client does what the MME does first on each interface (CER on S6a, Echo on S11), the
// traffic reaches the tap of the case being fed and no other, and an address already taken is a
// clear error, from the class and from `concur run` (exit 2 naming the address).
#include <gtest/gtest.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "cli/core_roles.h"
#include "cli/run_command.h"
#include "codec/diameter/message.h"
#include "codec/diameter/s6a.h"
#include "codec/gtpv2/message.h"
#include "transport/diameter_tcp.h"
#include "transport/gtpc_endpoint.h"

namespace concur::cli {
namespace {

using namespace std::chrono_literals;

const security::Key128 kK = security::Key128::from_hex("465b5ce8b199b49faa5f0a2ee238a6bc");
const security::Key128 kOpc = security::Key128::from_hex("cd63cb71954a9f4e48a5994e37a02baf");

profile::SutProfile profile_with_core(std::uint16_t hss_port, std::uint16_t sgw_port) {
  profile::SutProfile p;
  p.source_file = "core.xml";
  p.runner_address = "127.0.0.1";
  p.s6a = profile::Endpoint{"127.0.0.1", 3868};
  p.s11 = profile::Endpoint{"127.0.0.1", 2123};
  p.hss = profile::RunnerHss{{"127.0.0.1", hss_port}, "hss.localdomain", "localdomain"};
  p.sgw = profile::RunnerSgw{{"127.0.0.1", sgw_port}};
  profile::Subscriber s;
  s.imsi = "001010000000001";
  s.k = kK;
  s.opc = kOpc;
  p.subscribers.push_back(s);
  return p;
}

/// What the MME sends first on S6a: CER; returns the CEA's Origin-Host and Result-Code.
std::pair<std::string, std::uint32_t> capabilities_exchange(const transport::SocketAddress& hss) {
  auto c = transport::diameter_connect(hss, {});
  diameter::CapabilitiesExchange mme;
  mme.origin_host = "mme.localdomain";
  mme.origin_realm = "localdomain";
  mme.host_ip_addresses = {"127.0.0.1"};
  mme.product_name = "core-roles-test";
  mme.auth_application_ids = {diameter::kApplicationS6a};
  EXPECT_TRUE(c->send(view_of(diameter::encode(diameter::build_capabilities_exchange_request(mme, 7, 7)))));
  const transport::DiameterEvent e = c->receive(5s);
  EXPECT_EQ(e.kind, transport::DiameterEventKind::message) << e.detail;
  auto m = diameter::decode(view_of(e.bytes));
  if (!m.ok()) return {"(undecodable)", 0};
  auto cea = diameter::parse_capabilities_exchange(*m);
  if (!cea.ok()) return {"(not a CEA: " + cea.error().to_string() + ")", 0};
  return {cea->origin_host, cea->result_code.value_or(0)};
}

/// What the MME sends on S11 to see that its SGW is alive: Echo Request; returns the reply's type.
gtpv2::MessageType echo(const transport::SocketAddress& sgw) {
  transport::GtpcOptions o;
  o.local = transport::SocketAddress{"127.0.0.1", 0};
  o.timers.t3_response = 1000ms;
  o.timers.n3_requests = 2;
  transport::GtpcEndpoint mme(o);
  const std::uint32_t seq = mme.next_sequence();
  EXPECT_TRUE(mme.send_request(sgw, gtpv2::encode(gtpv2::make_message(gtpv2::MessageType::echo_request, 0, seq,
                                                                      {gtpv2::make_ie(gtpv2::Recovery{1})}))));
  const transport::GtpcEvent e = mme.receive(5s);
  EXPECT_EQ(e.kind, transport::GtpcEventKind::reply) << transport::to_string(e.kind) << " " << e.detail;
  auto m = gtpv2::decode(view_of(e.bytes));
  return m.ok() ? m->type() : gtpv2::MessageType{};
}

/// A tap that keeps what it is told, as a case's recorder would.
struct CaseTap {
  std::shared_ptr<transport::Tap> tap = std::make_shared<transport::Tap>();
  std::mutex mutex;
  std::vector<transport::TapRecord> records;
  CaseTap() {
    tap->add([this](const transport::TapRecord& r) {
      std::lock_guard lock(mutex);
      records.push_back(r);
    });
  }
  std::size_t count(transport::TransportKind k) {
    std::lock_guard lock(mutex);
    return static_cast<std::size_t>(std::count_if(records.begin(), records.end(), [&](const auto& r) { return r.transport == k; }));
  }
  /// The roles report what they sent after sending it, so the client may have the answer first.
  std::size_t count_within(transport::TransportKind k, std::size_t expected, std::chrono::milliseconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (count(k) < expected && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(5ms);
    return count(k);
  }
};

/// A port another process could be holding: bound (and for TCP listening) by this test.
struct TakenPort {
  int fd = -1;
  std::uint16_t port = 0;
  explicit TakenPort(int type) {
    fd = ::socket(AF_INET, type, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
    if (type == SOCK_STREAM) {
      EXPECT_EQ(::listen(fd, 1), 0);
    }
    socklen_t len = sizeof a;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    port = ntohs(a.sin_port);
  }
  ~TakenPort() { ::close(fd); }
};

TEST(CoreRoles, a_profile_without_s6a_or_s11_starts_nothing) {
  profile::SutProfile p;
  CoreRoles core(p);
  EXPECT_TRUE(core.empty());
  EXPECT_FALSE(core.hss().has_value());
  EXPECT_FALSE(core.sgw().has_value());
  EXPECT_EQ(core.describe(), "");
}

TEST(CoreRoles, hss_answers_a_cer_with_the_profiles_diameter_identity_and_sgw_answers_an_echo) {
  CoreRoles core(profile_with_core(0, 0));
  ASSERT_TRUE(core.hss() && core.sgw());
  EXPECT_NE(core.hss()->port, 0) << "port 0 in the profile: the real port is reported";
  const auto [host, result] = capabilities_exchange(*core.hss());
  EXPECT_EQ(host, "hss.localdomain") << "the identity a real MME's Diameter stack has configured as its peer";
  EXPECT_EQ(result, diameter::result::success);
  EXPECT_EQ(echo(*core.sgw()), gtpv2::MessageType::echo_response);
  EXPECT_NE(core.describe().find("emulated HSS (S6a, Diameter identity hss.localdomain) listening on TCP 127.0.0.1:"), std::string::npos)
      << core.describe();
  EXPECT_NE(core.describe().find("emulated SGW-C (S11) listening on UDP 127.0.0.1:"), std::string::npos) << core.describe();
}

TEST(CoreRoles, a_fed_case_tap_gets_s6a_and_s11_of_its_time_and_nothing_after_its_feed_ends) {
  CoreRoles core(profile_with_core(0, 0));
  CaseTap first, second;
  {
    CoreRoles::Feed feed = core.feed(first.tap);
    capabilities_exchange(*core.hss());
    echo(*core.sgw());
    EXPECT_EQ(first.count_within(transport::TransportKind::tcp, 2, 2s), 2u) << "CER received, CEA sent";
    EXPECT_EQ(first.count_within(transport::TransportKind::udp, 2, 2s), 2u) << "Echo Request received, Echo Response sent";
  }
  CoreRoles::Feed feed = core.feed(second.tap);
  echo(*core.sgw());
  EXPECT_EQ(second.count_within(transport::TransportKind::udp, 2, 2s), 2u);
  EXPECT_EQ(second.count(transport::TransportKind::tcp), 0u) << "the CER came before this case's feed began";
  EXPECT_EQ(first.count(transport::TransportKind::udp), 2u) << "the first case's feed ended: nothing more reaches it";
}

TEST(CoreRoles, waiting_for_the_suts_s6a_connection_ends_at_its_limit_or_once_a_cer_was_answered) {
  CoreRoles core(profile_with_core(0, 0));
  const auto started = std::chrono::steady_clock::now();
  EXPECT_FALSE(core.wait_for_s6a_peer(300ms, nullptr)) << "nobody connected";
  EXPECT_GE(std::chrono::steady_clock::now() - started, 300ms);
  std::atomic<bool> stop{true};
  EXPECT_FALSE(core.wait_for_s6a_peer(10s, &stop)) << "Ctrl-C ends the wait at once";
  capabilities_exchange(*core.hss());
  EXPECT_TRUE(core.wait_for_s6a_peer(10s, nullptr));
}

TEST(CoreRoles, a_taken_hss_port_is_an_error_naming_the_role_and_the_address) {
  TakenPort taken(SOCK_STREAM);
  try {
    CoreRoles core(profile_with_core(taken.port, 0));
    FAIL() << "started on a port in use";
  } catch (const CoreRolesError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("emulated HSS"), std::string::npos) << what;
    EXPECT_NE(what.find("127.0.0.1:" + std::to_string(taken.port)), std::string::npos) << what;
    EXPECT_NE(what.find("in use"), std::string::npos) << what;
  }
}

TEST(CoreRoles, a_taken_sgw_port_is_an_error_and_the_already_started_hss_is_stopped) {
  TakenPort taken(SOCK_DGRAM);
  TakenPort hss_port(SOCK_STREAM);  // a free port number for the HSS: take it, then free it
  const std::uint16_t free_port = hss_port.port;
  ::close(hss_port.fd);
  hss_port.fd = -1;
  try {
    CoreRoles core(profile_with_core(free_port, taken.port));
    FAIL() << "started on a port in use";
  } catch (const CoreRolesError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("emulated SGW-C"), std::string::npos) << what;
    EXPECT_NE(what.find("127.0.0.1:" + std::to_string(taken.port)), std::string::npos) << what;
  }
  // The HSS that started first is gone: its port can be listened on again.
  EXPECT_NO_THROW(transport::DiameterListener(transport::SocketAddress{"127.0.0.1", free_port}, {}));
}

TEST(RunCommand, a_port_in_use_for_the_emulated_hss_ends_the_run_with_exit_2_naming_the_address) {
  TakenPort taken(SOCK_STREAM);
  const auto dir = std::filesystem::temp_directory_path() / ("concur-core-roles-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto profile = dir / "core.xml";
  std::ofstream(profile) << "<sut-profile name=\"core\">\n"
                            "  <sut><s1 address=\"127.0.0.1\" port=\"36412\" backend=\"userspace_udp\"/>"
                            "<s6a address=\"127.0.0.1\" port=\"3868\"/></sut>\n"
                            "  <runner address=\"127.0.0.1\">\n    <hss port=\""
                         << taken.port
                         << "\"/>\n  </runner>\n"
                            "  <ran mcc=\"001\" mnc=\"01\" tacs=\"1\"/>\n"
                            "  <subscriber imsi=\"001010000000001\" k=\"465b5ce8b199b49faa5f0a2ee238a6bc\" opc=\"cd63cb71954a9f4e48a5994e37a02baf\"/>\n"
                            "</sut-profile>\n";
  std::ostringstream out, err;
  const int rc = run_command({"--profile", profile.string(), "--out", (dir / "reports").string()}, out, err);
  EXPECT_EQ(rc, 2) << err.str();
  EXPECT_NE(err.str().find("cannot listen on 127.0.0.1:" + std::to_string(taken.port)), std::string::npos) << err.str();
  EXPECT_EQ(out.str().find("running"), std::string::npos) << "no case ran: " << out.str();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace concur::cli
