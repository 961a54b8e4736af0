// The tap: every message any transport sends or receives is reported to observers, so the
// runner can write one pcap per test case (the pcap writer lives in capture/, not here) and the
// trace can stamp each message with its wire details.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <vector>

#include "common/bytes.h"
#include "transport/socket_address.h"

namespace concur::transport {

enum class TransportKind : std::uint8_t { sctp, udp, tcp };
enum class Direction : std::uint8_t { sent, received };

const char* to_string(TransportKind k) noexcept;
const char* to_string(Direction d) noexcept;

/// SCTP particulars of one user message (RFC 9260 DATA chunk fields).
struct SctpDetails {
  std::uint16_t stream = 0;
  std::uint32_t ppid = 0;             ///< host order; S1AP is 18
  std::optional<std::uint32_t> tsn;  ///< TSN of the (first) DATA chunk when the stack reports it
};

struct TapRecord {
  std::chrono::system_clock::time_point time;
  TransportKind transport = TransportKind::udp;
  Direction direction = Direction::sent;
  SocketAddress local;
  SocketAddress remote;
  std::optional<SctpDetails> sctp;  ///< present iff transport == sctp
  Bytes bytes;                      ///< the user message: S1AP PDU, GTPv2-C message, Diameter message
};

using TapObserver = std::function<void(const TapRecord&)>;

/// Fan-out to observers. Thread-safe: the userspace SCTP stack and a runner thread may report at
/// once. Observers run on the reporting thread and must not call back into the transport.
class Tap {
 public:
  /// Returns an id for `remove`.
  int add(TapObserver observer);
  void remove(int id);
  void report(const TapRecord& record) const;

 private:
  mutable std::mutex mutex_;
  std::vector<std::pair<int, TapObserver>> observers_;
  int next_id_ = 1;
};

}  // namespace concur::transport
