#include "harness.h"

#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>

#include "codec/nas/message.h"
#include "security/secret_key.h"
#include "transport/control_line.h"

namespace concur::reference::enb::testing {

using namespace std::chrono_literals;

TestMme::TestMme() {
  transport::SctpOptions o;
  o.backend = transport::SctpBackend::userspace_udp;
  listener_ = transport::sctp_listen({"127.0.0.1", 0}, o);
}

bool TestMme::accept(std::chrono::milliseconds timeout) {
  enb_ = listener_->accept(timeout);
  if (!enb_) return false;
  const auto e = enb_->receive(timeout);
  return e.kind == transport::SctpEventKind::association_up;
}

void TestMme::send(const s1ap::S1apMessage& m, std::uint16_t stream) {
  auto bytes = s1ap::encode(m);
  ASSERT_TRUE(bytes.ok()) << bytes.error().to_string();
  send_raw(*bytes, stream);
}

void TestMme::send_raw(const Bytes& bytes, std::uint16_t stream) {
  ASSERT_TRUE(enb_) << "no association with the eNB";
  const auto s = enb_->send(stream, transport::kS1apPpid, view_of(bytes));
  ASSERT_TRUE(s.ok) << s.error;
}

std::optional<s1ap::S1apMessage> TestMme::receive(std::chrono::milliseconds timeout, std::string* why) {
  if (!enb_) {
    if (why) *why = "no association with the eNB";
    return std::nullopt;
  }
  const auto e = enb_->receive(timeout);
  if (e.kind != transport::SctpEventKind::message) {
    if (why) *why = std::string(transport::to_string(e.kind)) + " " + e.detail;
    return std::nullopt;
  }
  auto m = s1ap::decode_pdu(view_of(e.bytes));
  if (!m) {
    if (why) *why = "undecodable S1AP from the eNB: " + m.error().to_string();
    return std::nullopt;
  }
  return std::move(*m);
}

EnbProcess::EnbProcess(const transport::SocketAddress& mme, std::uint16_t mme_udp_port, const EnbOptions& options) {
  char tmpl[] = "/tmp/concur-reference-enb-XXXXXX";
  dir_ = ::mkdtemp(tmpl);
  control_path_ = dir_ + "/control.sock";
  const std::string config = dir_ + "/enb.xml";
  std::ofstream(config) << "<?xml version=\"1.0\"?>\n"
                        << "<enb name=\"reference-enb-under-test\">\n"
                        << "  <s1 mme_address=\"" << mme.ip << "\" mme_port=\"" << mme.port
                        << "\" backend=\"userspace_udp\" mme_udp_port=\"" << mme_udp_port
                        << "\" local_address=\"127.0.0.1\"/>\n"
                        << "  <plmn mcc=\"001\" mnc=\"01\"/>\n"
                        << "  <cell enb_id=\"" << options.enb_id << "\" cell=\"1\" tac=\"" << options.tac
                        << "\" pci=\"" << options.pci << "\" earfcn_dl=\""
                        << kEarfcnDl << "\"/>\n"
                        << "  <reconfiguration duration_ms=\"" << options.reconfiguration.count() << "\" hold=\""
                        << (options.hold_reconfiguration ? "true" : "false") << "\"/>\n"
                        << "  <timers ts1relocprep_ms=\"" << options.ts1relocprep.count()
                        << "\" ts1relocoverall_ms=\"10000\" handover_queue_ms=\"" << options.handover_queue.count()
                        << "\"/>\n"
                        << "  <control socket=\"" << control_path_ << "\"/>\n"
                        << "  <capture pcap=\"" << dir_ << "/enb.pcap\"/>\n"
                        << "</enb>\n";
  std::vector<std::string> argv{CONCUR_REFERENCE_ENB, "--config", config};
  if (options.violate_r5) {
    argv.push_back("--violate");
    argv.push_back("R5");
  }
  child_ = std::make_unique<transport::testing::ChildProcess>(argv);
  started_ = child_->wait_for_line("ready ", 10s).has_value();
}

EnbProcess::~EnbProcess() {
  child_->stop();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

std::optional<std::string> EnbProcess::control(const std::string& command, std::chrono::milliseconds timeout) {
  return transport::control_line_request(control_path_, command, timeout);
}

std::optional<std::string> EnbProcess::wait_for_status(const std::string& needle, std::chrono::milliseconds timeout) {
  return transport::control_line_wait_for(control_path_, "status", needle, timeout);
}

std::optional<int> EnbProcess::terminate(std::chrono::milliseconds timeout) {
  ::kill(child_->pid(), SIGTERM);
  return child_->wait_exit(timeout);
}

bool s1_setup(TestMme& mme, EnbProcess& enb) {
  if (!enb.started() || !mme.accept()) return false;
  const auto request = mme.expect<s1ap::S1SetupRequest>();
  if (!request) return false;
  s1ap::S1SetupResponse r;
  r.mme_name = "test-mme";
  r.served_gummeis.push_back({{kPlmn}, {32769}, {1}});
  r.relative_mme_capacity = 127;
  mme.send(r, 0);
  return enb.wait_for_line("s1-setup done").has_value();
}

std::optional<std::uint32_t> connected_ue(TestMme& mme, EnbProcess& enb, std::uint32_t mme_ue_s1ap_id,
                                          const s1ap::Key256& kenb) {
  const auto reply = enb.control("ue-connect " + to_hex(view_of(attach_request_nas())));
  if (!reply || reply->rfind("ok ue-connect", 0) != 0) {
    ADD_FAILURE() << "ue-connect: " << reply.value_or("(no reply)");
    return std::nullopt;
  }
  const auto initial = mme.expect<s1ap::InitialUeMessage>();
  if (!initial) return std::nullopt;
  s1ap::InitialContextSetupRequest ics;
  ics.mme_ue_s1ap_id = mme_ue_s1ap_id;
  ics.enb_ue_s1ap_id = initial->enb_ue_s1ap_id;
  ics.ue_ambr = {100000000, 50000000};
  s1ap::ERabToBeSetup bearer;
  bearer.e_rab_id = 5;
  bearer.transport_layer_address = {127, 0, 0, 2};
  bearer.gtp_teid = 0x1000;
  ics.e_rabs.push_back(bearer);
  ics.ue_security_capabilities = {0xC000, 0xC000};  // 128-EEA1/2, 128-EIA1/2
  ics.security_key = kenb;
  mme.send(ics);
  const auto response = mme.expect<s1ap::InitialContextSetupResponse>();
  if (!response) return std::nullopt;
  return initial->enb_ue_s1ap_id;
}

s1ap::Key256 key_of(std::uint8_t fill) {
  s1ap::Key256 k{};
  k.fill(fill);
  return k;
}

std::string fingerprint(const s1ap::Key256& k) { return security::Key256(k).fingerprint(); }

Bytes attach_request_nas() {
  nas::PdnConnectivityRequest pdn;
  pdn.header = {0, 1};
  nas::AttachRequest a;
  a.eps_attach_type = 1;
  a.nas_ksi = {false, nas::NasKeySetIdentifier::no_key_available};
  a.eps_mobile_identity = nas::EpsMobileIdentity::from_imsi("001010000000001");
  a.ue_network_capability.octets = {0xE0, 0xE0};  // EEA0-2, EIA0-2 (TS 24.301 9.9.3.34)
  a.esm_message_container = nas::encode(nas::NasMessage(pdn));
  return nas::encode(nas::NasMessage(a));
}

}  // namespace concur::reference::enb::testing
