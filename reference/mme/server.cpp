#include "server.h"

#include <map>
#include <memory>
#include <ostream>

#include "transport/pcap_recorder.h"
#include "control_socket.h"
#include "mme.h"
#include "transport/gtpc_endpoint.h"
#include "transport/sctp.h"
#include "transport/tap.h"

namespace concur::reference {

namespace {

using namespace std::chrono_literals;

/// The longest the loop waits for one source before looking at the others (new associations,
/// control commands, the stop flag); a bound on reaction time, not a sleep.
constexpr auto kPollSlice = 20ms;

std::string s1ap_name(ByteView pdu) {
  auto raw = s1ap::decode_raw_pdu(pdu);
  if (!raw) return "undecodable-S1AP";
  return std::string(s1ap::message_name(raw->procedure_code, raw->pdu_type));
}

}  // namespace

int run_server(const MmeConfig& config, const std::atomic<bool>& stop, std::ostream& out) {
  const auto say = [&](const std::string& line) { out << line << std::endl; };
  ReferenceMme mme(config);
  mme.log = [&](const std::string& line) { say("mme " + line); };

  auto tap = std::make_shared<transport::Tap>();
  std::unique_ptr<transport::PcapRecorder> pcap;
  if (config.pcap_path) {
    pcap = std::make_unique<transport::PcapRecorder>(*config.pcap_path);
    pcap->attach(tap);
  }

  transport::SctpOptions options;
  options.backend = transport::parse_sctp_backend(config.sctp_backend);
  options.udp_encapsulation_port = config.udp_encapsulation_port;
  options.tap = tap;
  auto listener = transport::sctp_listen({config.s1_address, config.s1_port}, options);
  std::unique_ptr<ControlSocket> control;
  if (config.control_socket) control = std::make_unique<ControlSocket>(*config.control_socket);

  // A GTPv2-C endpoint from an interface's configuration (address, port, T3, N3), on the tap.
  const auto open_gtpc = [&](const auto& c) {
    transport::GtpcOptions g;
    g.local = {c.address, c.port};
    g.timers = {c.t3_response, c.n3_requests};
    g.tap = tap;
    return std::make_unique<transport::GtpcEndpoint>(g);
  };
  // S10 / S3: one GTPv2-C endpoint, polled in the same loop (no thread, no sleep).
  std::unique_ptr<transport::GtpcEndpoint> gtpc;
  if (config.gtpc) {
    gtpc = open_gtpc(*config.gtpc);
    mme.set_gtpc_local(gtpc->local().ip);
    say("gtpc listening " + gtpc->local().ip + " " + std::to_string(gtpc->local().port));
  }
  // S11: an endpoint of its own, not the S10/S3 one. A real MME's S11 interface usually has its
  // own address (another network, another peer set, TS 23.401 5.3.2.1), and the SGW answers to
  // the address and port our requests came from; sharing one socket would tie the two addresses.
  std::unique_ptr<transport::GtpcEndpoint> s11;
  if (config.s11) {
    s11 = open_gtpc(*config.s11);
    mme.set_s11_local(s11->local().ip);
    say("s11 listening " + s11->local().ip + " " + std::to_string(s11->local().port));
  }
  const auto deliver_gtp = [&] {
    for (auto& g : mme.take_gtp_out()) {
      if (!gtpc) break;
      const transport::SocketAddress peer{g.peer.address, g.peer.port};
      const bool request = g.kind == GtpOutgoing::Kind::request;
      const auto status = request ? gtpc->send_request(peer, std::move(g.message)) : gtpc->send_reply(peer, std::move(g.message));
      say(std::string("gtpc send ") + (request ? "request" : "reply") + " to " + peer.to_string() +
          (status ? "" : " FAILED: " + status.error));
    }
    for (auto& g : mme.take_s11_out()) {
      if (!s11) break;
      const transport::SocketAddress peer{g.peer.address, g.peer.port};
      const bool request = g.kind == GtpOutgoing::Kind::request;
      const auto status = request ? s11->send_request(peer, std::move(g.message)) : s11->send_reply(peer, std::move(g.message));
      say(std::string("s11 send ") + (request ? "request" : "reply") + " to " + peer.to_string() +
          (status ? "" : " FAILED: " + status.error));
    }
  };

  say("listening " + listener->local().ip + " " + std::to_string(listener->local().port) + " " +
      std::to_string(listener->udp_encapsulation_port()) + " backend=" + transport::to_string(listener->backend()));

  std::map<std::size_t, std::unique_ptr<transport::SctpAssociation>> enbs;
  std::size_t next_enb = 1;
  std::size_t scan_start = 0;

  const auto deliver = [&](std::vector<Outgoing> outs) {
    for (auto& o : outs) {
      const auto it = enbs.find(o.enb);
      if (it == enbs.end()) continue;
      auto bytes = s1ap::encode(o.message);
      if (!bytes) {
        say("error encoding for eNB " + std::to_string(o.enb) + ": " + bytes.error().to_string());
        continue;
      }
      const std::uint16_t stream = o.ue_associated && it->second->outbound_streams() > 1 ? 1 : 0;
      const auto status = it->second->send(stream, transport::kS1apPpid, view_of(*bytes));
      say("send enb=" + std::to_string(o.enb) + " stream=" + std::to_string(stream) + " " + s1ap_name(view_of(*bytes)) +
          (status ? "" : " FAILED: " + status.error));
    }
    deliver_gtp();
  };

  while (!stop.load()) {
    // New eNBs: wait on the listener only when nothing else can wake us.
    while (auto a = listener->accept(enbs.empty() ? kPollSlice : 0ms)) {
      say("accepted enb=" + std::to_string(next_enb) + " from " + a->remote().ip + ":" + std::to_string(a->remote().port));
      enbs.emplace(next_enb++, std::move(a));
      if (stop.load()) break;
    }
    if (control) {
      control->poll([&](const std::string& line) {
        std::string reply;
        say("control " + line);
        deliver(mme.on_control(line, reply, Clock::now()));
        say("reply " + reply);
        return reply;
      });
    }
    if (const auto d = mme.next_deadline(); d && *d <= Clock::now()) deliver(mme.on_timers(Clock::now()));
    // GTPv2-C: take what arrived (bounded per round so S1AP is not starved); retransmissions
    // and N3 expiry happen inside receive().
    for (int i = 0; gtpc && i < 16; ++i) {
      auto e = gtpc->receive(std::chrono::milliseconds(0));
      if (e.kind == transport::GtpcEventKind::idle) break;
      const GtpPeer peer{e.peer.ip, e.peer.port};
      say(std::string("gtpc ") + transport::to_string(e.kind) + " from " + e.peer.to_string() + " type " +
          std::to_string(e.message_type) + " seq " + std::to_string(e.sequence) + (e.detail.empty() ? "" : " " + e.detail));
      switch (e.kind) {
        case transport::GtpcEventKind::request:
        case transport::GtpcEventKind::message:
          deliver(mme.on_gtpc(peer, view_of(e.bytes), Clock::now()));
          break;
        case transport::GtpcEventKind::reply:
          deliver(mme.on_gtpc_reply(peer, view_of(e.bytes), view_of(e.request), Clock::now()));
          break;
        case transport::GtpcEventKind::no_response:
          deliver(mme.on_gtpc_no_response(peer, view_of(e.request), Clock::now()));
          break;
        default:
          break;  // duplicates are answered by the endpoint; malformed headers cannot be answered
      }
    }
    for (int i = 0; s11 && i < 16; ++i) {
      auto e = s11->receive(std::chrono::milliseconds(0));
      if (e.kind == transport::GtpcEventKind::idle) break;
      say(std::string("s11 ") + transport::to_string(e.kind) + " from " + e.peer.to_string() + " type " +
          std::to_string(e.message_type) + " seq " + std::to_string(e.sequence) + (e.detail.empty() ? "" : " " + e.detail));
      switch (e.kind) {
        case transport::GtpcEventKind::request:
        case transport::GtpcEventKind::message:
          deliver(mme.on_s11(GtpPeer{e.peer.ip, e.peer.port}, view_of(e.bytes), Clock::now()));
          break;
        case transport::GtpcEventKind::reply:
          deliver(mme.on_s11_reply(view_of(e.bytes), view_of(e.request), Clock::now()));
          break;
        case transport::GtpcEventKind::no_response:
          deliver(mme.on_s11_no_response(view_of(e.request), Clock::now()));
          break;
        default:
          break;
      }
    }
    if (enbs.empty()) continue;

    std::vector<transport::SctpAssociation*> ptrs;
    std::vector<std::size_t> ids;
    for (auto& [id, a] : enbs) {
      ptrs.push_back(a.get());
      ids.push_back(id);
    }
    auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(kPollSlice);
    if (const auto d = mme.next_deadline())
      wait = std::clamp(std::chrono::duration_cast<std::chrono::milliseconds>(*d - Clock::now()), 0ms, wait);
    const auto any = transport::sctp_receive_any(ptrs, wait, scan_start % ptrs.size());
    if (any.event.kind == transport::SctpEventKind::timeout) continue;
    scan_start = any.index + 1;
    const std::size_t enb = ids[any.index];
    const auto& e = any.event;
    switch (e.kind) {
      case transport::SctpEventKind::association_up:
        say("association up enb=" + std::to_string(enb));
        mme.enb_connected(enb);
        break;
      case transport::SctpEventKind::message:
        say("recv enb=" + std::to_string(enb) + " stream=" + std::to_string(e.stream) + " " + s1ap_name(view_of(e.bytes)) +
            " " + std::to_string(e.bytes.size()) + " octets");
        if (e.ppid != transport::kS1apPpid) say("warning: PPID " + std::to_string(e.ppid) + " is not S1AP (18)");
        deliver(mme.on_s1ap(enb, view_of(e.bytes), Clock::now()));
        break;
      case transport::SctpEventKind::protocol_error:
        say("protocol error enb=" + std::to_string(enb) + ": " + e.detail);
        break;
      default:
        say("association ended enb=" + std::to_string(enb) + ": " + transport::to_string(e.kind) + " " + e.detail);
        mme.enb_lost(enb);
        enbs.erase(enb);
        break;
    }
  }
  say("stopping: " + std::to_string(enbs.size()) + " association(s), " + std::to_string(mme.ue_count()) + " UE context(s)");
  for (auto& [id, a] : enbs) a->abort();
  enbs.clear();
  return 0;
}

}  // namespace concur::reference
