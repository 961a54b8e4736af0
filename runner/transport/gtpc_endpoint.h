// A GTPv2-C endpoint over UDP (S10, S3, S11; port 2123) with the reliable delivery of
// TS 29.274 clause 7.6: requests are correlated with their triggered replies by the 24-bit
// sequence number, retransmitted every T3-RESPONSE up to N3-REQUESTS times, and reported as
// no_response after that; a duplicate of a request already answered is answered again from the
// cached reply. It handles raw bytes and reads only header fields (gtpc_header.h); building and
// decoding messages is the GTPv2-C codec's job.
//
// Single-threaded and poll-driven: retransmissions happen inside receive(), so the owner keeps
// calling receive() while requests are outstanding (a scenario's wait loop does).
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <string>

#include "transport/deadline.h"
#include "transport/gtpc_header.h"
#include "transport/sctp.h"  // SendStatus
#include "transport/tap.h"
#include "transport/udp_socket.h"

namespace concur::transport {

/// TS 29.274 7.6 leaves both values to configuration (the SUT profile).
struct GtpcTimers {
  std::chrono::milliseconds t3_response{3000};  ///< wait for a reply before retransmitting
  int n3_requests = 3;  ///< retransmissions after the first copy: 1 + N3 copies go out in all
};

struct GtpcOptions {
  SocketAddress local{"0.0.0.0", kGtpcPort};
  GtpcTimers timers;
  /// How long a reply is kept to answer duplicates; 0 means (N3 + 1) x T3, i.e. as long as the
  /// peer may still retransmit with the same timers.
  std::chrono::milliseconds reply_cache_time{0};
  std::shared_ptr<Tap> tap;
};

enum class GtpcEventKind : std::uint8_t {
  request,                     ///< a new request from a peer: answer it with send_reply()
  reply,                       ///< the triggered reply to one of our requests (request attached)
  message,                     ///< an initial message that expects no reply
  unmatched_reply,             ///< a triggered message whose sequence number matches nothing open
  duplicate_request_answered,  ///< a peer retransmitted a request: the cached reply was resent
  duplicate_request_pending,   ///< a peer retransmitted a request not answered yet: discarded
  no_response,                 ///< our request got no reply after 1 + N3 copies
  malformed,                   ///< a datagram whose header cannot be read (detail names field and offset)
  idle,                        ///< nothing happened before the receive() deadline
};

const char* to_string(GtpcEventKind k) noexcept;

struct GtpcEvent {
  GtpcEventKind kind = GtpcEventKind::idle;
  SocketAddress peer;
  std::uint32_t sequence = 0;
  std::uint8_t message_type = 0;
  Bytes bytes;          ///< the received message (empty for no_response / idle)
  Bytes request;        ///< reply / no_response: the request it belongs to
  int transmissions = 0;  ///< reply / no_response: copies of the request sent
  std::string detail;
};

class GtpcEndpoint {
 public:
  /// Binds the UDP socket. Throws TransportError.
  explicit GtpcEndpoint(GtpcOptions options);

  SocketAddress local() const { return socket_.local(); }
  /// A fresh 24-bit sequence number for the next request (wraps; skips 0).
  std::uint32_t next_sequence();

  /// Sends a request and keeps it for retransmission until its reply arrives or N3 runs out.
  /// The message's own header supplies type and sequence number; a request with the same
  /// sequence number already open towards `peer` is refused.
  SendStatus send_request(const SocketAddress& peer, Bytes message);
  /// Sends the reply to a request received from `peer` (same sequence number) and caches it for
  /// duplicates. `expects_ack`: a reply that is itself acknowledged (Context Response, answered
  /// by Context Acknowledge) is also retransmitted like a request.
  SendStatus send_reply(const SocketAddress& peer, Bytes message, bool expects_ack = false);
  /// Sends an initial message that expects no reply (no retransmission, no cache).
  SendStatus send_unacknowledged(const SocketAddress& peer, Bytes message);

  /// The next event, retransmitting and expiring requests meanwhile; idle at the deadline.
  GtpcEvent receive(std::chrono::milliseconds timeout);

  std::size_t open_requests() const noexcept { return open_.size(); }

 private:
  using Key = std::pair<SocketAddress, std::uint32_t>;  // peer, sequence number
  struct Open {
    Bytes message;
    std::uint8_t type = 0;
    int transmissions = 0;
    Clock::time_point next;
  };
  struct Answered {
    std::optional<Bytes> reply;  ///< nullopt while the request is still being handled
    Clock::time_point expires;
  };

  bool transmit(const SocketAddress& peer, ByteView bytes, std::string* error);
  void tap(Direction d, const SocketAddress& peer, ByteView bytes);
  std::optional<GtpcEvent> fire_timers();
  GtpcEvent handle(Datagram d);
  Clock::duration cache_time() const;

  GtpcOptions options_;
  UdpSocket socket_;
  std::uint32_t sequence_ = 0;
  std::map<Key, Open> open_;
  std::map<Key, Answered> answered_;
  /// Expiry times in the order they were set (all use the same cache time, so they ascend);
  /// lets expiry cost O(expired) instead of a scan of every cached reply on each receive().
  std::deque<std::pair<Clock::time_point, Key>> expiries_;
  void remember(const Key& key, std::optional<Bytes> reply);
};

}  // namespace concur::transport
