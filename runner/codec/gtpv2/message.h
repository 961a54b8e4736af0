// A GTPv2-C message: header, IEs in wire order, and an optional piggybacked message (29.274 5.5.1:
// e.g. Create Bearer Request piggybacked on Create Session Response). The public entry points of the
// codec are decode() and encode().
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "codec/gtpv2/header.h"
#include "codec/gtpv2/ie.h"
#include "codec/gtpv2/message_type.h"
#include "common/bytes.h"
#include "common/decode_error.h"

namespace concur::gtpv2 {

struct GtpMessage {
  Header header;
  std::vector<Ie> ies;
  /// At most one; its presence sets the P flag on encode.
  std::vector<GtpMessage> piggybacked;

  MessageType type() const { return static_cast<MessageType>(header.message_type); }
  bool operator==(const GtpMessage& o) const;
};

/// Decodes one UDP payload. Malformed input gives a DecodeError naming the IE path and field
/// ("Bearer Context/F-TEID.ipv4") and the absolute octet offset in `datagram`.
Result<GtpMessage> decode(ByteView datagram);

/// Encodes a message (and its piggybacked message). Throws std::invalid_argument for values the
/// wire format cannot carry (NCC > 7, a 5-bit instance, ...).
Bytes encode(const GtpMessage& message);

/// A message with a TEID header (T=1) unless the type is Echo / Version Not Supported.
GtpMessage make_message(MessageType type, std::uint32_t teid, std::uint32_t sequence, std::vector<Ie> ies = {});

std::string message_name(const GtpMessage& m);

}  // namespace concur::gtpv2
