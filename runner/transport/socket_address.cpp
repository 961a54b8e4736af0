#include "transport/socket_address.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <charconv>
#include <cstring>

#include "transport/transport_error.h"

namespace concur::transport {

SocketAddress SocketAddress::parse(std::string_view text) {
  std::string_view host;
  std::string_view port;
  if (!text.empty() && text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':') {
      throw TransportError("address '" + std::string(text) + "': expected [ipv6]:port");
    }
    host = text.substr(1, close - 1);
    port = text.substr(close + 2);
  } else {
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos || text.find(':') != colon) {
      throw TransportError("address '" + std::string(text) + "': expected ipv4:port or [ipv6]:port");
    }
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
  }
  unsigned value = 0;
  const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (ec != std::errc() || end != port.data() + port.size() || value > 65535 || port.empty()) {
    throw TransportError("address '" + std::string(text) + "': port is not a number in 0..65535");
  }
  SocketAddress a{std::string(host), static_cast<std::uint16_t>(value)};
  sockaddr_storage check{};
  a.to_sockaddr(check);  // rejects non-numeric hosts now rather than at bind time
  return a;
}

SocketAddress SocketAddress::from_sockaddr(const sockaddr* sa) {
  char buf[INET6_ADDRSTRLEN] = {};
  if (sa->sa_family == AF_INET) {
    sockaddr_in in{};
    std::memcpy(&in, sa, sizeof in);
    inet_ntop(AF_INET, &in.sin_addr, buf, sizeof buf);
    return {buf, ntohs(in.sin_port)};
  }
  if (sa->sa_family == AF_INET6) {
    sockaddr_in6 in6{};
    std::memcpy(&in6, sa, sizeof in6);
    inet_ntop(AF_INET6, &in6.sin6_addr, buf, sizeof buf);
    return {buf, ntohs(in6.sin6_port)};
  }
  throw TransportError("socket address family " + std::to_string(sa->sa_family) + " is neither IPv4 nor IPv6");
}

unsigned SocketAddress::to_sockaddr(sockaddr_storage& out) const {
  std::memset(&out, 0, sizeof out);
  if (is_ipv6()) {
    auto* in6 = reinterpret_cast<sockaddr_in6*>(&out);
    in6->sin6_family = AF_INET6;
    in6->sin6_port = htons(port);
    if (inet_pton(AF_INET6, ip.c_str(), &in6->sin6_addr) != 1) {
      throw TransportError("'" + ip + "' is not a numeric IPv6 address");
    }
    return sizeof(sockaddr_in6);
  }
  auto* in = reinterpret_cast<sockaddr_in*>(&out);
  in->sin_family = AF_INET;
  in->sin_port = htons(port);
  if (inet_pton(AF_INET, ip.c_str(), &in->sin_addr) != 1) {
    throw TransportError("'" + ip + "' is not a numeric IPv4 address");
  }
  return sizeof(sockaddr_in);
}

std::string SocketAddress::to_string() const {
  return is_ipv6() ? "[" + ip + "]:" + std::to_string(port) : ip + ":" + std::to_string(port);
}

void throw_system_error(const std::string& what, int errno_value) {
  throw TransportError(what + ": " + std::strerror(errno_value));
}

}  // namespace concur::transport
