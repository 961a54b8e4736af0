#include <gtest/gtest.h>

#include <sys/socket.h>

#include "transport/socket_address.h"
#include "transport/transport_error.h"

namespace concur::transport {
namespace {

TEST(SocketAddress, ipv4_and_bracketed_ipv6_with_port_parse_and_print_back) {
  const auto v4 = SocketAddress::parse("10.0.0.1:36412");
  EXPECT_EQ(v4.ip, "10.0.0.1");
  EXPECT_EQ(v4.port, 36412);
  EXPECT_FALSE(v4.is_ipv6());
  EXPECT_EQ(v4.to_string(), "10.0.0.1:36412");
  const auto v6 = SocketAddress::parse("[fd00::1]:2123");
  EXPECT_EQ(v6.ip, "fd00::1");
  EXPECT_EQ(v6.port, 2123);
  EXPECT_TRUE(v6.is_ipv6());
  EXPECT_EQ(v6.to_string(), "[fd00::1]:2123");
}

TEST(SocketAddress, sockaddr_round_trip_keeps_address_and_port) {
  for (const char* text : {"192.0.2.7:3868", "[2001:db8::5]:0"}) {
    const auto a = SocketAddress::parse(text);
    sockaddr_storage ss{};
    a.to_sockaddr(ss);
    EXPECT_EQ(SocketAddress::from_sockaddr(reinterpret_cast<sockaddr*>(&ss)), a) << text;
  }
}

TEST(SocketAddress, names_missing_ports_bad_ports_and_unbracketed_ipv6_are_rejected_with_the_text) {
  for (const char* bad : {"10.0.0.1", "10.0.0.1:", "10.0.0.1:65536", "10.0.0.1:x1", "fd00::1:2123", "[fd00::1]2123",
                          "mme.example.org:36412", "10.0.0.256:1"}) {
    try {
      SocketAddress::parse(bad);
      ADD_FAILURE() << "accepted " << bad;
    } catch (const TransportError& e) {
      SUCCEED() << e.what();
    }
  }
}

}  // namespace
}  // namespace concur::transport
