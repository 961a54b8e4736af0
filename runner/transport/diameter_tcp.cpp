#include "transport/diameter_tcp.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "transport/deadline.h"
#include "transport/transport_error.h"

namespace concur::transport {

const char* to_string(DiameterEventKind k) noexcept {
  switch (k) {
    case DiameterEventKind::message: return "message";
    case DiameterEventKind::closed: return "closed";
    case DiameterEventKind::framing_error: return "framing_error";
    case DiameterEventKind::timeout: return "timeout";
  }
  return "?";
}

namespace {

SocketAddress name_of(int fd, bool peer) {
  sockaddr_storage ss{};
  socklen_t len = sizeof ss;
  const int rc = peer ? ::getpeername(fd, reinterpret_cast<sockaddr*>(&ss), &len)
                      : ::getsockname(fd, reinterpret_cast<sockaddr*>(&ss), &len);
  if (rc != 0) return {};
  return SocketAddress::from_sockaddr(reinterpret_cast<sockaddr*>(&ss));
}

}  // namespace

DiameterConnection::DiameterConnection(int fd, DiameterOptions options)
    : fd_(fd), options_(std::move(options)), framer_(options_.max_message_size),
      local_(name_of(fd, false)), remote_(name_of(fd, true)) {
  const int on = 1;
  ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);  // request/answer latency over batching
}

DiameterConnection::~DiameterConnection() { close(); }

void DiameterConnection::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

void DiameterConnection::tap(Direction d, ByteView bytes) {
  if (!options_.tap) return;
  TapRecord r;
  r.time = std::chrono::system_clock::now();
  r.transport = TransportKind::tcp;
  r.direction = d;
  r.local = local_;
  r.remote = remote_;
  r.bytes.assign(bytes.begin(), bytes.end());
  options_.tap->report(r);
}

SendStatus DiameterConnection::send(ByteView message) {
  if (fd_ < 0) return SendStatus::failure("connection is closed");
  const auto header = read_diameter_header(message, options_.max_message_size);
  if (!header) return SendStatus::failure("not a Diameter message: " + header.error().to_string());
  if (header->length != message.size()) {
    return SendStatus::failure("Diameter length field says " + std::to_string(header->length) + " but the message has " +
                               std::to_string(message.size()) + " octets");
  }
  const Deadline deadline(options_.send_timeout);
  std::size_t done = 0;
  while (done < message.size()) {
    const ssize_t n = ::send(fd_, message.data() + done, message.size() - done, MSG_NOSIGNAL);
    if (n > 0) {
      done += static_cast<std::size_t>(n);
      continue;
    }
    if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
      return SendStatus::failure(std::string("send: ") + std::strerror(errno));
    }
    pollfd p{fd_, POLLOUT, 0};
    if (deadline.expired() || ::poll(&p, 1, deadline.poll_ms()) == 0) {
      return SendStatus::failure("peer did not take the message within " +
                                 std::to_string(options_.send_timeout.count()) + " ms (" + std::to_string(done) +
                                 " of " + std::to_string(message.size()) + " octets sent; stream now unusable)");
    }
  }
  tap(Direction::sent, message);
  return SendStatus::success();
}

DiameterEvent DiameterConnection::receive(std::chrono::milliseconds timeout) {
  const Deadline deadline(timeout);
  for (;;) {
    auto next = framer_.next();
    if (!next.ok()) {
      close();
      return DiameterEvent{DiameterEventKind::framing_error, {}, {}, next.error().to_string()};
    }
    if (next->has_value()) {
      Bytes m = std::move(**next);
      DiameterEvent e{DiameterEventKind::message, {}, *read_diameter_header(view_of(m), options_.max_message_size), {}};
      e.bytes = std::move(m);
      ++stats_.messages;
      tap(Direction::received, view_of(e.bytes));
      return e;
    }
    if (fd_ < 0) {
      if (deadline.expired()) return DiameterEvent{};
      pollfd none{-1, 0, 0};
      ::poll(&none, 0, deadline.poll_ms());
      continue;
    }
    std::uint8_t buf[64 * 1024];
    const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n > 0) {
      ++stats_.reads;
      framer_.feed(ByteView(buf, static_cast<std::size_t>(n)));
      continue;
    }
    if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
      const std::string why = n == 0 ? "peer closed the connection" : std::string("recv: ") + std::strerror(errno);
      const std::size_t partial = framer_.buffered();
      close();
      return DiameterEvent{DiameterEventKind::closed, {}, {},
                           partial ? why + " with " + std::to_string(partial) + " octets of an unfinished message"
                                   : why};
    }
    if (deadline.expired()) return DiameterEvent{};
    pollfd p{fd_, POLLIN, 0};
    ::poll(&p, 1, deadline.poll_ms());
  }
}

DiameterListener::DiameterListener(const SocketAddress& local, DiameterOptions options) : options_(std::move(options)) {
  fd_ = ::socket(local.is_ipv6() ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd_ < 0) throw_system_error("TCP socket", errno);
  const int on = 1;
  ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  sockaddr_storage ss{};
  const socklen_t len = local.to_sockaddr(ss);
  if (::bind(fd_, reinterpret_cast<sockaddr*>(&ss), len) != 0 || ::listen(fd_, 16) != 0) {
    const int e = errno;
    ::close(fd_);
    throw_system_error("listen TCP on " + local.to_string(), e);
  }
  local_ = name_of(fd_, false);
}

DiameterListener::~DiameterListener() { ::close(fd_); }

std::unique_ptr<DiameterConnection> DiameterListener::accept(std::chrono::milliseconds timeout) {
  const Deadline deadline(timeout);
  for (;;) {
    const int fd = ::accept4(fd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd >= 0) return std::make_unique<DiameterConnection>(fd, options_);
    if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR && errno != ECONNABORTED) {
      throw_system_error("accept TCP on " + local_.to_string(), errno);
    }
    if (deadline.expired()) return nullptr;
    pollfd p{fd_, POLLIN, 0};
    ::poll(&p, 1, deadline.poll_ms());
  }
}

std::unique_ptr<DiameterConnection> diameter_connect(const SocketAddress& remote, const DiameterOptions& options) {
  const int fd = ::socket(remote.is_ipv6() ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) throw_system_error("TCP socket", errno);
  sockaddr_storage ss{};
  const socklen_t len = remote.to_sockaddr(ss);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&ss), len) != 0 && errno != EINPROGRESS) {
    const int e = errno;
    ::close(fd);
    throw_system_error("Diameter connect to " + remote.to_string(), e);
  }
  pollfd p{fd, POLLOUT, 0};
  const Deadline deadline(options.connect_timeout);
  int rc = 0;
  while ((rc = ::poll(&p, 1, deadline.poll_ms())) < 0 && errno == EINTR) {
  }
  if (rc == 0) {
    ::close(fd);
    throw TransportError("Diameter connect to " + remote.to_string() + ": no answer within " +
                         std::to_string(options.connect_timeout.count()) + " ms");
  }
  int err = 0;
  socklen_t elen = sizeof err;
  ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &elen);
  if (err != 0) {
    ::close(fd);
    throw_system_error("Diameter connect to " + remote.to_string(), err);
  }
  return std::make_unique<DiameterConnection>(fd, options);
}

}  // namespace concur::transport
