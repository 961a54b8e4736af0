// SCTP for S1AP (TS 36.412: SCTP, port 36412, PPID 18; stream 0 carries non-UE-associated
// signalling, other streams UE-associated signalling). One interface, two back-ends picked at
// run time: the kernel's SCTP (lksctp, one-to-one sockets) where the OS has it, and the
// userspace stack usrsctp (over raw IP or UDP encapsulation, RFC 6951) where it does not.
//
// The rest of concur sees a plain event-driven interface: send() and a receive() that always
// returns within its timeout. Association up, loss, ABORT, restart and shutdown are events,
// never exceptions and never hangs.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "common/bytes.h"
#include "transport/socket_address.h"
#include "transport/tap.h"

namespace concur::transport {

inline constexpr std::uint16_t kS1apPort = 36412;  // TS 36.412 clause 7
inline constexpr std::uint32_t kS1apPpid = 18;     // TS 36.412 clause 7, IANA SCTP PPID "S1AP"

enum class SctpBackend : std::uint8_t {
  automatic,      ///< kernel when the OS has SCTP, else userspace_udp
  kernel,         ///< lksctp; socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP) must succeed
  userspace_raw,  ///< usrsctp over raw IP (protocol 132); needs root / CAP_NET_RAW
  userspace_udp,  ///< usrsctp over UDP encapsulation (RFC 6951)
};

const char* to_string(SctpBackend b) noexcept;
/// Parses "automatic", "kernel", "userspace_raw", "userspace_udp"; throws TransportError otherwise.
SctpBackend parse_sctp_backend(const std::string& name);
/// Whether `b` can work on this machine now (automatic: whether any back-end can).
bool sctp_backend_available(SctpBackend b);
/// What `automatic` means on this machine; other values are returned unchanged.
SctpBackend resolve_sctp_backend(SctpBackend b);

struct SctpOptions {
  SctpBackend backend = SctpBackend::automatic;
  std::uint16_t outbound_streams = 16;  ///< requested in INIT; the peer may grant fewer
  std::uint16_t max_inbound_streams = 16;
  /// INIT retransmissions before the stack itself gives up (RFC 9260 Max.Init.Retransmits).
  std::uint16_t max_init_attempts = 4;
  /// Retransmission timer and limit (RFC 9260 15: RTO.Initial/Min/Max, Association.Max.Retrans);
  /// 0 keeps the stack's default. A lab lowers them to see association loss in seconds.
  std::chrono::milliseconds rto_initial{0};
  std::chrono::milliseconds rto_min{0};
  std::chrono::milliseconds rto_max{0};
  std::uint16_t max_retransmissions = 0;
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds send_timeout{5000};  ///< wait for send-buffer space, then fail
  /// Largest user message accepted on receive; a longer one ends in a protocol_error event.
  std::size_t max_message_size = 1 << 20;
  /// userspace_udp: local UDP encapsulation port of this process's stack (0 = pick a free one).
  /// usrsctp is one stack per process: the first userspace association fixes it.
  std::uint16_t udp_encapsulation_port = 0;
  /// userspace_udp, client role: the peer's UDP encapsulation port.
  std::uint16_t remote_udp_encapsulation_port = 9899;  // RFC 6951 section 5.1, IANA "sctp-tunneling"
  std::shared_ptr<Tap> tap;  ///< every message sent/received is reported here when set
};

enum class SctpEventKind : std::uint8_t {
  message,            ///< a complete user message (stream, ppid, bytes)
  association_up,     ///< COMM_UP: first event of every association; streams known from here
  association_failed, ///< the association never came up (INIT/COOKIE unanswered, or refused)
  association_lost,   ///< COMM_LOST without an ABORT from the peer (retransmissions exhausted)
  abort_received,     ///< the peer sent ABORT
  restarted,          ///< the peer restarted the association (RFC 9260 5.2.2 / COOKIE with new tag)
  shutdown,           ///< graceful SHUTDOWN by the peer (or completed); no more messages
  timeout,            ///< nothing happened before the receive() deadline
  protocol_error,     ///< local problem with what arrived (e.g. message over max_message_size)
};

const char* to_string(SctpEventKind k) noexcept;

struct SctpEvent {
  SctpEventKind kind = SctpEventKind::timeout;
  std::uint16_t stream = 0;
  std::uint32_t ppid = 0;
  std::optional<std::uint32_t> tsn;
  Bytes bytes;         ///< message payload; for abort_received the ABORT chunk when the stack gives it
  std::string detail;  ///< human-readable reason for non-message events
};

/// Outcome of a send; failures name why (no association, stream out of range, buffer timeout).
struct SendStatus {
  bool ok = true;
  std::string error;
  static SendStatus success() { return {}; }
  static SendStatus failure(std::string why) { return {false, std::move(why)}; }
  explicit operator bool() const noexcept { return ok; }
};

class SctpAssociation {
 public:
  virtual ~SctpAssociation() = default;
  SctpAssociation() = default;
  SctpAssociation(const SctpAssociation&) = delete;
  SctpAssociation& operator=(const SctpAssociation&) = delete;

  /// Sends one user message, complete or not at all. Waits at most SctpOptions::send_timeout.
  virtual SendStatus send(std::uint16_t stream, std::uint32_t ppid, ByteView bytes) = 0;
  /// The next event, or a timeout event once `timeout` has passed. Never blocks longer.
  /// Before association_up this drives the handshake (see sctp_connect).
  virtual SctpEvent receive(std::chrono::milliseconds timeout) = 0;
  /// Graceful SHUTDOWN (RFC 9260 9.2); the association ends with a shutdown event.
  virtual void shutdown() = 0;
  /// Sends ABORT and releases the association at once.
  virtual void abort() = 0;

  virtual SctpBackend backend() const noexcept = 0;
  virtual SocketAddress local() const = 0;
  virtual SocketAddress remote() const = 0;
  /// Streams granted for each direction (0 until association_up has been received).
  virtual std::uint16_t outbound_streams() const noexcept = 0;
  virtual std::uint16_t inbound_streams() const noexcept = 0;
  /// False after loss, ABORT (either way) or shutdown.
  virtual bool alive() const noexcept = 0;

  /// For sctp_receive_any: the socket to poll and for what (kernel back-end), or fd -1 when
  /// readiness is signalled by the userspace stack.
  struct Readiness {
    int fd = -1;
    short events = 0;
  };
  virtual Readiness readiness() const noexcept = 0;
};

/// Which association had something to report, and what.
struct SctpAnyEvent {
  std::size_t index = 0;  ///< position in the span; meaningless for a timeout
  SctpEvent event;        ///< kind timeout when nothing happened on any association in time
};

/// Waits on several associations at once (the runner as MME towards several eNBs, or several
/// emulated eNBs): the first event of any of them, or a timeout event at the deadline. Scans
/// start after the association that reported last time (`start`), so a busy one cannot starve
/// the others. Null entries are skipped. A connecting association whose connect_timeout passes
/// reports association_failed at the next scan after that moment.
SctpAnyEvent sctp_receive_any(std::span<SctpAssociation* const> associations, std::chrono::milliseconds timeout,
                              std::size_t start = 0);

/// Server role: accepts several associations on one address (the runner as MME towards eNBs).
class SctpListener {
 public:
  virtual ~SctpListener() = default;
  SctpListener() = default;
  SctpListener(const SctpListener&) = delete;
  SctpListener& operator=(const SctpListener&) = delete;

  /// The next incoming association, or nullptr when none arrived within `timeout`.
  virtual std::unique_ptr<SctpAssociation> accept(std::chrono::milliseconds timeout) = 0;
  /// The bound address; port is the real one when 0 was asked for.
  virtual SocketAddress local() const = 0;
  virtual SctpBackend backend() const noexcept = 0;
  /// userspace_udp: the UDP encapsulation port peers must send to (0 for other back-ends).
  virtual std::uint16_t udp_encapsulation_port() const noexcept = 0;
};

/// Client role: starts one association from `local` (port 0 = ephemeral; ip "0.0.0.0" = any) to
/// `remote` and returns at once. Its first event is association_up, or association_failed when
/// the handshake fails or does not finish within options.connect_timeout (a silent peer).
/// An unavailable back-end, a bad address or a refused bind throw TransportError.
std::unique_ptr<SctpAssociation> sctp_connect(const SocketAddress& remote, const SctpOptions& options,
                                              const SocketAddress& local = {"0.0.0.0", 0});

std::unique_ptr<SctpListener> sctp_listen(const SocketAddress& local, const SctpOptions& options);

}  // namespace concur::transport
