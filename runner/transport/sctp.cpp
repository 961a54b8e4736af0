// Back-end choice and the parts both back-ends share.
#include "transport/sctp.h"

#include <poll.h>

#include <vector>

#include "transport/deadline.h"
#include "transport/sctp_backends.h"
#include "transport/transport_error.h"

namespace concur::transport {

const char* to_string(SctpBackend b) noexcept {
  switch (b) {
    case SctpBackend::automatic: return "automatic";
    case SctpBackend::kernel: return "kernel";
    case SctpBackend::userspace_raw: return "userspace_raw";
    case SctpBackend::userspace_udp: return "userspace_udp";
  }
  return "?";
}

SctpBackend parse_sctp_backend(const std::string& name) {
  for (auto b : {SctpBackend::automatic, SctpBackend::kernel, SctpBackend::userspace_raw, SctpBackend::userspace_udp}) {
    if (name == to_string(b)) return b;
  }
  throw TransportError("unknown SCTP back-end '" + name +
                       "' (expected automatic, kernel, userspace_raw or userspace_udp)");
}

const char* to_string(SctpEventKind k) noexcept {
  switch (k) {
    case SctpEventKind::message: return "message";
    case SctpEventKind::association_up: return "association_up";
    case SctpEventKind::association_failed: return "association_failed";
    case SctpEventKind::association_lost: return "association_lost";
    case SctpEventKind::abort_received: return "abort_received";
    case SctpEventKind::restarted: return "restarted";
    case SctpEventKind::shutdown: return "shutdown";
    case SctpEventKind::timeout: return "timeout";
    case SctpEventKind::protocol_error: return "protocol_error";
  }
  return "?";
}

bool sctp_backend_available(SctpBackend b) {
  switch (b) {
    case SctpBackend::automatic: return true;  // userspace_udp needs nothing from the OS
    case SctpBackend::kernel: return detail::kernel_sctp_available();
    case SctpBackend::userspace_raw: return detail::userspace_raw_available();
    case SctpBackend::userspace_udp: return true;
  }
  return false;
}

SctpBackend resolve_sctp_backend(SctpBackend b) {
  if (b != SctpBackend::automatic) return b;
  // A lab machine usually has kernel SCTP, which peers reach without any encapsulation.
  return detail::kernel_sctp_available() ? SctpBackend::kernel : SctpBackend::userspace_udp;
}

namespace {

SctpOptions resolved(const SctpOptions& options) {
  SctpOptions o = options;
  o.backend = resolve_sctp_backend(options.backend);
  if (!sctp_backend_available(o.backend)) {
    switch (o.backend) {
      case SctpBackend::kernel:
        throw TransportError(
            "SCTP back-end 'kernel' is unavailable: socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP) fails on this OS "
            "(load the sctp kernel module, or choose userspace_udp / userspace_raw)");
      case SctpBackend::userspace_raw:
        throw TransportError(
            "SCTP back-end 'userspace_raw' is unavailable: a raw IP socket for protocol 132 cannot be opened "
            "(needs root or CAP_NET_RAW; choose userspace_udp otherwise)");
      default: throw TransportError(std::string("SCTP back-end '") + to_string(o.backend) + "' is unavailable");
    }
  }
  if (o.outbound_streams == 0 || o.max_inbound_streams == 0) {
    throw TransportError("SCTP needs at least one stream each way (stream 0 carries non-UE signalling)");
  }
  return o;
}

}  // namespace

std::unique_ptr<SctpAssociation> sctp_connect(const SocketAddress& remote, const SctpOptions& options,
                                              const SocketAddress& local) {
  const SctpOptions o = resolved(options);
  if (o.backend == SctpBackend::kernel) return detail::kernel_connect(remote, o, local);
  return detail::userspace_connect(remote, o, local);
}

std::unique_ptr<SctpListener> sctp_listen(const SocketAddress& local, const SctpOptions& options) {
  const SctpOptions o = resolved(options);
  if (o.backend == SctpBackend::kernel) return detail::kernel_listen(local, o);
  return detail::userspace_listen(local, o);
}

SctpAnyEvent sctp_receive_any(std::span<SctpAssociation* const> associations, std::chrono::milliseconds timeout,
                              std::size_t start) {
  const Deadline deadline(timeout);
  const std::size_t n = associations.size();
  for (;;) {
    const std::uint64_t seen = detail::userspace_activity();  // before the scan: no lost wake-up
    std::vector<pollfd> fds;
    bool userspace = false;
    for (std::size_t k = 0; k < n; ++k) {
      const std::size_t i = (start + k) % n;
      SctpAssociation* a = associations[i];
      if (a == nullptr) continue;
      SctpEvent e = a->receive(std::chrono::milliseconds(0));
      if (e.kind != SctpEventKind::timeout) return {i, std::move(e)};
      const auto r = a->readiness();
      if (r.fd >= 0) {
        fds.push_back(pollfd{r.fd, r.events, 0});
      } else if (a->backend() != SctpBackend::kernel) {
        userspace = true;
      }
    }
    if (deadline.expired()) return {0, SctpEvent{}};
    if (userspace && fds.empty()) {
      detail::userspace_wait_activity(seen, deadline.when());
    } else if (userspace) {
      // Both kinds at once (unusual: one process using two back-ends): alternate in short slices.
      ::poll(fds.data(), fds.size(), std::min(deadline.poll_ms(), 5));
      detail::userspace_wait_activity(seen, std::min(deadline.when(), Clock::now() + Millis(5)));
    } else {
      ::poll(fds.data(), fds.size(), deadline.poll_ms());
    }
  }
}

namespace detail {

void tap_sctp(const SctpOptions& options, Direction direction, const SocketAddress& local,
              const SocketAddress& remote, std::uint16_t stream, std::uint32_t ppid,
              std::optional<std::uint32_t> tsn, ByteView bytes) {
  if (!options.tap) return;
  TapRecord r;
  r.time = std::chrono::system_clock::now();
  r.transport = TransportKind::sctp;
  r.direction = direction;
  r.local = local;
  r.remote = remote;
  r.sctp = SctpDetails{stream, ppid, tsn};
  r.bytes.assign(bytes.begin(), bytes.end());
  options.tap->report(r);
}

}  // namespace detail
}  // namespace concur::transport
