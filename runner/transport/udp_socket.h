// A non-blocking UDP socket with bounded waits; the GTPv2-C endpoint's only I/O.
#pragma once

#include <optional>

#include "common/bytes.h"
#include "transport/deadline.h"
#include "transport/socket_address.h"

namespace concur::transport {

struct Datagram {
  SocketAddress from;
  Bytes bytes;
};

class UdpSocket {
 public:
  /// Binds to `local` (port 0 = ephemeral). Throws TransportError.
  explicit UdpSocket(const SocketAddress& local);
  ~UdpSocket();
  UdpSocket(const UdpSocket&) = delete;
  UdpSocket& operator=(const UdpSocket&) = delete;

  SocketAddress local() const { return local_; }
  /// False with errno text in `error` when the OS refuses the datagram.
  bool send_to(const SocketAddress& to, ByteView bytes, std::string* error = nullptr);
  /// One datagram, or nullopt when none arrived before the deadline.
  std::optional<Datagram> receive_until(Clock::time_point until);

 private:
  int fd_ = -1;
  SocketAddress local_;
};

}  // namespace concur::transport
