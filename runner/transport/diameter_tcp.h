// Diameter over TCP (RFC 6733 2.1, port 3868), client and server. Messages are framed by the
// header's length (diameter_framer.h); any TCP segmentation is invisible above this class.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "common/bytes.h"
#include "transport/diameter_framer.h"
#include "transport/sctp.h"  // SendStatus
#include "transport/socket_address.h"
#include "transport/tap.h"

namespace concur::transport {

struct DiameterOptions {
  std::size_t max_message_size = 1 << 20;
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds send_timeout{5000};
  std::shared_ptr<Tap> tap;
};

enum class DiameterEventKind : std::uint8_t {
  message,        ///< one complete Diameter message
  closed,         ///< the peer closed or reset the connection
  framing_error,  ///< the stream broke framing (detail: field and stream offset); connection closed
  timeout,        ///< nothing complete arrived before the deadline
};

const char* to_string(DiameterEventKind k) noexcept;

struct DiameterEvent {
  DiameterEventKind kind = DiameterEventKind::timeout;
  Bytes bytes;
  DiameterHeader header;  ///< valid for message events
  std::string detail;
};

struct DiameterStats {
  std::size_t reads = 0;     ///< successful read() calls on the socket
  std::size_t messages = 0;  ///< complete messages delivered
};

class DiameterConnection {
 public:
  /// Takes a connected, non-blocking TCP socket.
  DiameterConnection(int fd, DiameterOptions options);
  ~DiameterConnection();
  DiameterConnection(const DiameterConnection&) = delete;
  DiameterConnection& operator=(const DiameterConnection&) = delete;

  /// Sends one whole message; its header must be valid and its length field equal to its size.
  SendStatus send(ByteView message);
  /// The next message or event; a timeout event once `timeout` has passed.
  DiameterEvent receive(std::chrono::milliseconds timeout);
  void close();
  bool open() const noexcept { return fd_ >= 0; }

  SocketAddress local() const { return local_; }
  SocketAddress remote() const { return remote_; }
  DiameterStats stats() const noexcept { return stats_; }

 private:
  void tap(Direction d, ByteView bytes);

  int fd_;
  DiameterOptions options_;
  DiameterFramer framer_;
  SocketAddress local_;
  SocketAddress remote_;
  DiameterStats stats_;
};

class DiameterListener {
 public:
  /// Listens on `local` (port 0 = ephemeral). Throws TransportError.
  DiameterListener(const SocketAddress& local, DiameterOptions options);
  ~DiameterListener();
  DiameterListener(const DiameterListener&) = delete;
  DiameterListener& operator=(const DiameterListener&) = delete;

  /// The next connection, or nullptr when none arrived within `timeout`.
  std::unique_ptr<DiameterConnection> accept(std::chrono::milliseconds timeout);
  SocketAddress local() const { return local_; }

 private:
  int fd_ = -1;
  DiameterOptions options_;
  SocketAddress local_;
};

/// Connects within options.connect_timeout; a refused or unanswered connect throws TransportError.
std::unique_ptr<DiameterConnection> diameter_connect(const SocketAddress& remote, const DiameterOptions& options);

}  // namespace concur::transport
