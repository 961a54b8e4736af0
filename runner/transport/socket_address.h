// An IP address and port as the transports and the tap report them ("10.0.0.1:36412",
// "[fd00::1]:2123"). Kept as text plus port so reports and pcap writers need no socket headers.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

struct sockaddr;
struct sockaddr_storage;

namespace concur::transport {

struct SocketAddress {
  std::string ip;          ///< numeric IPv4 or IPv6 address, no brackets
  std::uint16_t port = 0;  ///< 0 asks the OS / stack for an ephemeral port when binding

  /// Parses "a.b.c.d:port" or "[v6]:port". Throws TransportError on anything else.
  static SocketAddress parse(std::string_view text);
  /// Converts a sockaddr_in / sockaddr_in6. Throws TransportError for other families.
  static SocketAddress from_sockaddr(const sockaddr* sa);

  bool is_ipv6() const noexcept { return ip.find(':') != std::string::npos; }
  /// Fills `out` and returns the length to pass to bind/connect/sendto. Throws TransportError
  /// when `ip` is not a numeric address (no name resolution on purpose: profiles hold addresses).
  unsigned to_sockaddr(sockaddr_storage& out) const;
  std::string to_string() const;

  friend bool operator==(const SocketAddress&, const SocketAddress&) = default;
  friend auto operator<=>(const SocketAddress&, const SocketAddress&) = default;
};

}  // namespace concur::transport
