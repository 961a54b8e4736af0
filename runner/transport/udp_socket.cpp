#include "transport/udp_socket.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "transport/transport_error.h"

namespace concur::transport {

UdpSocket::UdpSocket(const SocketAddress& local) {
  fd_ = ::socket(local.is_ipv6() ? AF_INET6 : AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd_ < 0) throw_system_error("UDP socket", errno);
  sockaddr_storage ss{};
  const socklen_t len = local.to_sockaddr(ss);
  if (::bind(fd_, reinterpret_cast<sockaddr*>(&ss), len) != 0) {
    const int e = errno;
    ::close(fd_);
    throw_system_error("bind UDP to " + local.to_string(), e);
  }
  socklen_t got = sizeof ss;
  ::getsockname(fd_, reinterpret_cast<sockaddr*>(&ss), &got);
  local_ = SocketAddress::from_sockaddr(reinterpret_cast<sockaddr*>(&ss));
}

UdpSocket::~UdpSocket() { ::close(fd_); }

bool UdpSocket::send_to(const SocketAddress& to, ByteView bytes, std::string* error) {
  sockaddr_storage ss{};
  const socklen_t len = to.to_sockaddr(ss);
  if (::sendto(fd_, bytes.data(), bytes.size(), 0, reinterpret_cast<sockaddr*>(&ss), len) ==
      static_cast<ssize_t>(bytes.size())) {
    return true;
  }
  if (error) *error = std::string("sendto ") + to.to_string() + ": " + std::strerror(errno);
  return false;
}

std::optional<Datagram> UdpSocket::receive_until(Clock::time_point until) {
  const Deadline deadline = Deadline::at(until);
  for (;;) {
    std::uint8_t buf[65536];
    sockaddr_storage from{};
    socklen_t len = sizeof from;
    const ssize_t n = ::recvfrom(fd_, buf, sizeof buf, 0, reinterpret_cast<sockaddr*>(&from), &len);
    if (n >= 0) {
      return Datagram{SocketAddress::from_sockaddr(reinterpret_cast<sockaddr*>(&from)),
                      Bytes(buf, buf + n)};
    }
    // ECONNREFUSED: an ICMP port unreachable for an earlier datagram; not a datagram itself.
    if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR && errno != ECONNREFUSED) {
      throw_system_error("recvfrom on " + local_.to_string(), errno);
    }
    if (deadline.expired()) return std::nullopt;
    pollfd p{fd_, POLLIN, 0};
    ::poll(&p, 1, deadline.poll_ms());
  }
}

}  // namespace concur::transport
