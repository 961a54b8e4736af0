#include "server.h"

#include <algorithm>
#include <memory>
#include <ostream>

#include "control_socket.h"
#include "enb.h"
#include "transport/pcap_recorder.h"
#include "transport/sctp.h"
#include "transport/tap.h"
#include "transport/transport_error.h"

namespace concur::reference::enb {

namespace {

using namespace std::chrono_literals;

/// The longest the loop waits on the association before looking at the control socket, the
/// timers and the stop flag: a bound on reaction time, not a sleep.
constexpr auto kPollSlice = 20ms;
/// After a failed or lost association, the next attempt (an eNB keeps trying, TS 36.412 7).
constexpr auto kReconnectAfter = 1000ms;

std::string s1ap_name(ByteView pdu) {
  auto raw = s1ap::decode_raw_pdu(pdu);
  if (!raw) return "undecodable-S1AP";
  return std::string(s1ap::message_name(raw->procedure_code, raw->pdu_type));
}

}  // namespace

int run_server(const EnbConfig& config, const std::atomic<bool>& stop, std::ostream& out) {
  const auto say = [&](const std::string& line) { out << line << std::endl; };
  ReferenceEnb enb(config);
  enb.log = [&](const std::string& line) { say("enb " + line); };

  auto tap = std::make_shared<transport::Tap>();
  std::unique_ptr<transport::PcapRecorder> pcap;
  if (config.pcap_path) {
    pcap = std::make_unique<transport::PcapRecorder>(*config.pcap_path);
    pcap->attach(tap);
  }
  std::unique_ptr<ControlSocket> control;
  if (config.control_socket) control = std::make_unique<ControlSocket>(*config.control_socket);
  say("ready control=" + config.control_socket.value_or("-") + (config.violate_r5 ? " violate=R5" : ""));

  transport::SctpOptions options;
  options.backend = transport::parse_sctp_backend(config.sctp_backend);
  options.udp_encapsulation_port = config.local_udp_port;
  options.remote_udp_encapsulation_port = config.mme_udp_port;
  options.tap = tap;

  std::unique_ptr<transport::SctpAssociation> mme;
  bool up = false;
  auto next_attempt = Clock::now();

  const auto deliver = [&](std::vector<Outgoing> outs) {
    for (auto& o : outs) {
      auto bytes = s1ap::encode(o.message);
      if (!bytes) {
        say("error encoding: " + bytes.error().to_string());
        continue;
      }
      if (!mme || !up) {
        say("not sent (no S1 association): " + s1ap_name(view_of(*bytes)));
        continue;
      }
      const std::uint16_t stream = o.ue_associated && mme->outbound_streams() > 1 ? 1 : 0;
      const auto status = mme->send(stream, transport::kS1apPpid, view_of(*bytes));
      say("send stream=" + std::to_string(stream) + " " + s1ap_name(view_of(*bytes)) +
          (status ? "" : " FAILED: " + status.error));
    }
  };

  while (!stop.load()) {
    if (!mme && Clock::now() >= next_attempt) {
      try {
        mme = transport::sctp_connect({config.mme_address, config.mme_port}, options, {config.local_address, 0});
      } catch (const transport::TransportError& e) {
        say("connect failed: " + std::string(e.what()));
        next_attempt = Clock::now() + kReconnectAfter;
      }
    }
    if (control) {
      control->poll([&](const std::string& line) {
        std::string reply;
        say("control " + line);
        deliver(enb.on_control(line, reply, Clock::now()));
        say("reply " + reply);
        return reply;
      });
    }
    if (const auto d = enb.next_deadline(); d && *d <= Clock::now()) deliver(enb.on_timers(Clock::now()));

    auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(kPollSlice);
    if (const auto d = enb.next_deadline())
      wait = std::clamp(std::chrono::duration_cast<std::chrono::milliseconds>(*d - Clock::now()), 0ms, wait);
    if (!mme) {
      // Nothing to receive on: the control socket and timers are polled each slice.
      transport::SctpAssociation* none[] = {nullptr};
      transport::sctp_receive_any(none, wait);
      continue;
    }
    const auto e = mme->receive(wait);
    switch (e.kind) {
      case transport::SctpEventKind::timeout:
        break;
      case transport::SctpEventKind::association_up:
        up = true;
        say("association up local=" + mme->local().ip + ":" + std::to_string(mme->local().port) + " remote=" +
            mme->remote().ip + ":" + std::to_string(mme->remote().port) + " backend=" + transport::to_string(mme->backend()));
        deliver(enb.connected());
        break;
      case transport::SctpEventKind::message: {
        const bool was_setup = enb.setup_done();
        say("recv stream=" + std::to_string(e.stream) + " " + s1ap_name(view_of(e.bytes)) + " " +
            std::to_string(e.bytes.size()) + " octets");
        if (e.ppid != transport::kS1apPpid) say("warning: PPID " + std::to_string(e.ppid) + " is not S1AP (18)");
        deliver(enb.on_s1ap(view_of(e.bytes), Clock::now()));
        if (!was_setup && enb.setup_done()) say("s1-setup done");
        break;
      }
      case transport::SctpEventKind::protocol_error:
        say("protocol error: " + e.detail);
        break;
      default:
        say("association ended: " + std::string(transport::to_string(e.kind)) + " " + e.detail);
        enb.lost();
        mme.reset();
        up = false;
        next_attempt = Clock::now() + kReconnectAfter;
        break;
    }
  }
  say("stopping: " + std::to_string(enb.ue_count()) + " UE context(s)");
  if (mme) mme->abort();
  return 0;
}

}  // namespace concur::reference::enb
