#include "roles/gtp_peer.h"

#include <algorithm>

#include "codec/gtpv2/ie_values.h"

namespace concur::roles {

GtpPort::GtpPort(std::string name, transport::SocketAddress local, transport::GtpcTimers timers) : name_(std::move(name)) {
  transport::GtpcOptions o;
  o.local = std::move(local);
  o.timers = timers;
  // No endpoint tap: the port reports each datagram to the tap of the case it belongs to.
  endpoint_ = std::make_unique<transport::GtpcEndpoint>(o);
}

int GtpPort::join(std::vector<std::string> imsis, std::shared_ptr<transport::Tap> tap) {
  std::lock_guard lock(mutex_);
  const int id = next_id_++;
  members_[id] = Member{std::move(imsis), std::move(tap), {}};
  return id;
}

void GtpPort::leave(int id) {
  std::lock_guard lock(mutex_);
  members_.erase(id);
  std::erase_if(teids_, [id](const auto& t) { return t.second == id; });
  std::erase_if(sequences_, [id](const auto& s) { return s.second == id; });
}

std::uint32_t GtpPort::allocate_teid(int id) {
  std::lock_guard lock(mutex_);
  const std::uint32_t teid = next_teid_++;
  teids_[teid] = id;
  return teid;
}

std::uint32_t GtpPort::next_sequence() {
  std::lock_guard lock(mutex_);
  return endpoint_->next_sequence();
}

void GtpPort::tap_locked(int id, transport::Direction d, const transport::SocketAddress& peer, const Bytes& bytes) const {
  const auto m = members_.find(id);
  if (m == members_.end() || !m->second.tap) return;
  transport::TapRecord r;
  r.time = std::chrono::system_clock::now();
  r.transport = transport::TransportKind::udp;
  r.direction = d;
  r.local = endpoint_->local();
  r.remote = peer;
  r.bytes = bytes;
  m->second.tap->report(r);
}

std::optional<int> GtpPort::owner_locked(const transport::GtpcEvent& e, const std::optional<gtpv2::GtpMessage>& m) const {
  const bool reply = e.kind == transport::GtpcEventKind::reply || e.kind == transport::GtpcEventKind::no_response ||
                     e.kind == transport::GtpcEventKind::unmatched_reply;
  if (reply) {
    if (const auto s = sequences_.find(e.sequence); s != sequences_.end()) return s->second;
  }
  if (m && m->header.teid && *m->header.teid != 0) {
    if (const auto t = teids_.find(*m->header.teid); t != teids_.end()) return t->second;
  }
  if (m) {
    if (const auto* imsi = gtpv2::find<gtpv2::Imsi>(m->ies)) {
      for (const auto& [id, member] : members_)
        if (std::find(member.imsis.begin(), member.imsis.end(), imsi->digits) != member.imsis.end()) return id;
    }
  }
  return std::nullopt;
}

void GtpPort::poll_locked(std::chrono::milliseconds timeout) {
  auto e = endpoint_->receive(timeout);
  GtpInbound in;
  switch (e.kind) {
    case transport::GtpcEventKind::request: in.kind = GtpInbound::Kind::request; break;
    case transport::GtpcEventKind::reply:
    case transport::GtpcEventKind::unmatched_reply: in.kind = GtpInbound::Kind::reply; break;
    case transport::GtpcEventKind::message: in.kind = GtpInbound::Kind::message; break;
    case transport::GtpcEventKind::no_response: in.kind = GtpInbound::Kind::no_response; break;
    case transport::GtpcEventKind::malformed: in.kind = GtpInbound::Kind::undecodable; break;
    default: return;  // idle; duplicates were answered from the cache or dropped by the endpoint
  }
  in.from = e.peer;
  in.message_type = e.message_type;
  std::optional<gtpv2::GtpMessage> decoded;
  if (in.kind != GtpInbound::Kind::no_response && !e.bytes.empty()) {
    auto m = gtpv2::decode(view_of(e.bytes));
    if (m) decoded = std::move(*m);
    else {
      in.kind = GtpInbound::Kind::undecodable;
      in.error = m.error().to_string();
    }
  }
  if (in.kind == GtpInbound::Kind::undecodable && in.error.empty()) in.error = e.detail;
  const auto owner = owner_locked(e, decoded);
  if (!owner) return;  // no case of this run knows it (e.g. a late retransmission of a finished case)
  if (in.kind != GtpInbound::Kind::no_response) tap_locked(*owner, transport::Direction::received, e.peer, e.bytes);
  if (in.kind == GtpInbound::Kind::reply || in.kind == GtpInbound::Kind::no_response) sequences_.erase(e.sequence);
  in.message = std::move(decoded);
  members_[*owner].inbox.push_back(std::move(in));
}

std::optional<GtpInbound> GtpPort::take(int id, std::chrono::milliseconds timeout) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      auto& inbox = members_[id].inbox;
      if (!inbox.empty()) {
        GtpInbound in = std::move(inbox.front());
        inbox.pop_front();
        return in;
      }
      // Short slices: other cases share the socket and must get their turn.
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
      poll_locked(std::clamp(left, std::chrono::milliseconds(0), std::chrono::milliseconds(10)));
      if (!inbox.empty()) continue;
    }
    if (std::chrono::steady_clock::now() >= until) return std::nullopt;
  }
}

std::optional<std::string> GtpPort::request(int id, const transport::SocketAddress& to, const gtpv2::GtpMessage& m) {
  std::lock_guard lock(mutex_);
  Bytes bytes = gtpv2::encode(m);
  const auto s = endpoint_->send_request(to, bytes);
  if (!s.ok) return name_ + ": " + s.error;
  sequences_[m.header.sequence] = id;
  tap_locked(id, transport::Direction::sent, to, bytes);
  return std::nullopt;
}

std::optional<std::string> GtpPort::reply(int id, const transport::SocketAddress& to, const gtpv2::GtpMessage& m) {
  std::lock_guard lock(mutex_);
  Bytes bytes = gtpv2::encode(m);
  const auto s = endpoint_->send_reply(to, bytes);
  if (!s.ok) return name_ + ": " + s.error;
  tap_locked(id, transport::Direction::sent, to, bytes);
  return std::nullopt;
}

GtpPeer::GtpPeer(std::string name, Kind kind, GtpPort& port, std::vector<std::string> imsis, std::shared_ptr<transport::Tap> tap)
    : name_(std::move(name)), kind_(kind), port_(port), id_(port.join(std::move(imsis), std::move(tap))), teid_(port.allocate_teid(id_)) {}

GtpPeer::~GtpPeer() { port_.leave(id_); }

std::uint8_t GtpPeer::interface_type() const {
  return kind_ == Kind::peer_mme ? gtpv2::interface_type::s10_mme : gtpv2::interface_type::s3_sgsn;
}

}  // namespace concur::roles
