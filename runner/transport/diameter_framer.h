// Cuts a TCP byte stream into Diameter messages by the header's 24-bit Message Length
// (RFC 6733 3: version 1, length counts the 20-octet header and the padded AVPs, so it is a
// multiple of 4). A TCP stream cannot resynchronise after a bad header: an error is final.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "common/bytes.h"
#include "common/decode_error.h"

namespace concur::transport {

inline constexpr std::uint16_t kDiameterPort = 3868;       // RFC 6733 2.1
inline constexpr std::size_t kDiameterHeaderSize = 20;     // RFC 6733 3

/// Header fields a transport user may want without a Diameter codec.
struct DiameterHeader {
  std::uint8_t version = 0;
  std::uint32_t length = 0;
  std::uint8_t flags = 0;  ///< R(0x80) P(0x40) E(0x20) T(0x10)
  std::uint32_t command_code = 0;
  std::uint32_t application_id = 0;
  std::uint32_t hop_by_hop = 0;
  std::uint32_t end_to_end = 0;
  bool is_request() const noexcept { return (flags & 0x80) != 0; }
};

/// Reads and checks the header at the start of `message` (`stream_offset`: where it starts in
/// the stream, for error offsets). Checks version 1, length >= 20, length % 4 == 0, length <= max.
Result<DiameterHeader> read_diameter_header(ByteView message, std::size_t max_message_size,
                                            std::size_t stream_offset = 0);

class DiameterFramer {
 public:
  explicit DiameterFramer(std::size_t max_message_size = 1 << 20) : max_(max_message_size) {}

  /// Appends octets as they came off the stream (any split: a byte, a segment, several messages).
  void feed(ByteView bytes);
  /// The next complete message; nullopt when more octets are needed; a DecodeError (absolute
  /// stream offset) when the stream is broken, and the same error on every later call.
  Result<std::optional<Bytes>> next();

  std::size_t buffered() const noexcept { return buffer_.size() - start_; }
  /// Stream offset of the first octet not yet returned as part of a message.
  std::size_t stream_offset() const noexcept { return consumed_; }

 private:
  std::size_t max_;
  Bytes buffer_;
  std::size_t start_ = 0;      ///< first unconsumed octet in buffer_
  std::size_t consumed_ = 0;   ///< octets returned so far, over the whole stream
  std::optional<DecodeError> broken_;
};

}  // namespace concur::transport
