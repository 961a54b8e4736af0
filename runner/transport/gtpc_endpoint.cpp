#include "transport/gtpc_endpoint.h"

#include <algorithm>

namespace concur::transport {

const char* to_string(GtpcEventKind k) noexcept {
  switch (k) {
    case GtpcEventKind::request: return "request";
    case GtpcEventKind::reply: return "reply";
    case GtpcEventKind::message: return "message";
    case GtpcEventKind::unmatched_reply: return "unmatched_reply";
    case GtpcEventKind::duplicate_request_answered: return "duplicate_request_answered";
    case GtpcEventKind::duplicate_request_pending: return "duplicate_request_pending";
    case GtpcEventKind::no_response: return "no_response";
    case GtpcEventKind::malformed: return "malformed";
    case GtpcEventKind::idle: return "idle";
  }
  return "?";
}

GtpcEndpoint::GtpcEndpoint(GtpcOptions options) : options_(std::move(options)), socket_(options_.local) {}

std::uint32_t GtpcEndpoint::next_sequence() {
  sequence_ = (sequence_ + 1) & 0xFFFFFF;
  if (sequence_ == 0) sequence_ = 1;
  return sequence_;
}

Clock::duration GtpcEndpoint::cache_time() const {
  if (options_.reply_cache_time.count() > 0) return options_.reply_cache_time;
  return options_.timers.t3_response * (options_.timers.n3_requests + 1);
}

void GtpcEndpoint::tap(Direction d, const SocketAddress& peer, ByteView bytes) {
  if (!options_.tap) return;
  TapRecord r;
  r.time = std::chrono::system_clock::now();
  r.transport = TransportKind::udp;
  r.direction = d;
  r.local = socket_.local();
  r.remote = peer;
  r.bytes.assign(bytes.begin(), bytes.end());
  options_.tap->report(r);
}

bool GtpcEndpoint::transmit(const SocketAddress& peer, ByteView bytes, std::string* error) {
  if (!socket_.send_to(peer, bytes, error)) return false;
  tap(Direction::sent, peer, bytes);
  return true;
}

SendStatus GtpcEndpoint::send_request(const SocketAddress& peer, Bytes message) {
  const auto header = peek_gtpc_header(view_of(message));
  if (!header) return SendStatus::failure("request header: " + header.error().to_string());
  const Key key{peer, header->sequence};
  if (open_.contains(key)) {
    return SendStatus::failure("a request with sequence number " + std::to_string(header->sequence) +
                               " is already open towards " + peer.to_string());
  }
  std::string error;
  if (!transmit(peer, view_of(message), &error)) return SendStatus::failure(error);
  open_[key] = Open{std::move(message), header->message_type, 1, Clock::now() + options_.timers.t3_response};
  return SendStatus::success();
}

SendStatus GtpcEndpoint::send_reply(const SocketAddress& peer, Bytes message, bool expects_ack) {
  const auto header = peek_gtpc_header(view_of(message));
  if (!header) return SendStatus::failure("reply header: " + header.error().to_string());
  std::string error;
  if (!transmit(peer, view_of(message), &error)) return SendStatus::failure(error);
  const Key key{peer, header->sequence};
  remember(key, message);
  if (expects_ack) {
    open_[key] = Open{std::move(message), header->message_type, 1, Clock::now() + options_.timers.t3_response};
  }
  return SendStatus::success();
}

SendStatus GtpcEndpoint::send_unacknowledged(const SocketAddress& peer, Bytes message) {
  const auto header = peek_gtpc_header(view_of(message));
  if (!header) return SendStatus::failure("message header: " + header.error().to_string());
  std::string error;
  if (!transmit(peer, view_of(message), &error)) return SendStatus::failure(error);
  return SendStatus::success();
}

void GtpcEndpoint::remember(const Key& key, std::optional<Bytes> reply) {
  const auto expires = Clock::now() + cache_time();
  answered_[key] = Answered{std::move(reply), expires};
  expiries_.emplace_back(expires, key);
}

std::optional<GtpcEvent> GtpcEndpoint::fire_timers() {
  const auto now = Clock::now();
  while (!expiries_.empty() && expiries_.front().first <= now) {
    const auto it = answered_.find(expiries_.front().second);
    if (it != answered_.end() && it->second.expires <= now) answered_.erase(it);  // else renewed later
    expiries_.pop_front();
  }
  for (auto it = open_.begin(); it != open_.end(); ++it) {
    Open& o = it->second;
    if (o.next > now) continue;
    if (o.transmissions > options_.timers.n3_requests) {
      GtpcEvent e;
      e.kind = GtpcEventKind::no_response;
      e.peer = it->first.first;
      e.sequence = it->first.second;
      e.message_type = o.type;
      e.request = std::move(o.message);
      e.transmissions = o.transmissions;
      e.detail = "no reply after " + std::to_string(o.transmissions) + " copies, T3 " +
                 std::to_string(options_.timers.t3_response.count()) + " ms";
      open_.erase(it);
      return e;
    }
    transmit(it->first.first, view_of(o.message), nullptr);  // a lost copy is retried like a dropped one
    ++o.transmissions;
    o.next = now + options_.timers.t3_response;
  }
  return std::nullopt;
}

GtpcEvent GtpcEndpoint::handle(Datagram d) {
  tap(Direction::received, d.from, view_of(d.bytes));
  GtpcEvent e;
  e.peer = d.from;
  const auto header = peek_gtpc_header(view_of(d.bytes));
  if (!header) {
    e.kind = GtpcEventKind::malformed;
    e.detail = header.error().to_string();
    e.bytes = std::move(d.bytes);
    return e;
  }
  e.sequence = header->sequence;
  e.message_type = header->message_type;
  const Key key{d.from, header->sequence};
  switch (gtpc_role(header->message_type)) {
    case GtpcRole::request: {
      if (auto it = answered_.find(key); it != answered_.end()) {
        if (it->second.reply) {
          transmit(d.from, view_of(*it->second.reply), nullptr);
          e.kind = GtpcEventKind::duplicate_request_answered;
          e.detail = "cached reply resent";
        } else {
          e.kind = GtpcEventKind::duplicate_request_pending;
          e.detail = "request still being handled; duplicate discarded";
        }
        e.bytes = std::move(d.bytes);
        return e;
      }
      remember(key, std::nullopt);
      e.kind = GtpcEventKind::request;
      e.bytes = std::move(d.bytes);
      return e;
    }
    case GtpcRole::unacknowledged:
      e.kind = GtpcEventKind::message;
      e.bytes = std::move(d.bytes);
      return e;
    case GtpcRole::triggered: break;
  }
  if (auto it = open_.find(key); it != open_.end()) {
    e.kind = GtpcEventKind::reply;
    e.request = std::move(it->second.message);
    e.transmissions = it->second.transmissions;
    open_.erase(it);
  } else {
    e.kind = GtpcEventKind::unmatched_reply;
    e.detail = "no open request with sequence number " + std::to_string(header->sequence) + " towards " +
               d.from.to_string();
  }
  e.bytes = std::move(d.bytes);
  return e;
}

GtpcEvent GtpcEndpoint::receive(std::chrono::milliseconds timeout) {
  const Deadline deadline(timeout);
  for (;;) {
    if (auto e = fire_timers()) return std::move(*e);
    auto until = deadline.when();
    for (const auto& [key, o] : open_) until = std::min(until, o.next);
    if (auto d = socket_.receive_until(until)) return handle(std::move(*d));
    if (deadline.expired()) {
      if (auto e = fire_timers()) return std::move(*e);
      return GtpcEvent{};
    }
  }
}

}  // namespace concur::transport
