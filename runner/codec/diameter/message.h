// A Diameter message (RFC 6733 3: version 1, 24-bit length, flags R/P/E/T, 24-bit command code,
// application id, hop-by-hop and end-to-end identifiers) and its AVPs. decode() and encode() are
// the codec's entry points; s6a.h gives typed views of the commands an MME and an HSS exchange.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "codec/diameter/avp.h"
#include "common/bytes.h"
#include "common/decode_error.h"

namespace concur::diameter {

inline constexpr std::uint8_t kFlagRequest = 0x80;     // R
inline constexpr std::uint8_t kFlagProxiable = 0x40;   // P
inline constexpr std::uint8_t kFlagError = 0x20;       // E: answer carries a protocol error (7.1.3)
inline constexpr std::uint8_t kFlagRetransmit = 0x10;  // T
inline constexpr std::size_t kHeaderSize = 20;

struct Message {
  std::uint8_t flags = 0;
  std::uint32_t command_code = 0;  ///< 24 bits
  std::uint32_t application_id = 0;
  std::uint32_t hop_by_hop = 0;
  std::uint32_t end_to_end = 0;
  std::vector<Avp> avps;

  bool is_request() const noexcept { return (flags & kFlagRequest) != 0; }
  bool operator==(const Message&) const = default;
};

/// Decodes one whole message. The length field must equal the buffer's size; malformed input is a
/// DecodeError naming the field ("AVP 1414/AVP 1447.length") and the absolute offset.
Result<Message> decode(ByteView message);

/// Encodes; throws std::invalid_argument for a command code above 24 bits or an oversize message.
Bytes encode(const Message& m);

/// The answer skeleton to `request`: same command, application and identifiers, R cleared, P kept.
Message answer_to(const Message& request);

/// "Authentication-Information-Request" etc.; "Command N Request/Answer" when unknown.
std::string command_name(std::uint32_t code, bool request);

}  // namespace concur::diameter
