// The few GTPv2-C header fields the UDP endpoint needs for reliable delivery (TS 29.274 7.6):
// message type, T flag, TEID, sequence number, length. A deliberately tiny local parser: the
// full GTPv2-C codec (runner/codec/gtpv2/, another engineer's layer) is not a dependency of the
// transport layer, and the transport must not decode IEs.
#pragma once

#include <cstdint>
#include <optional>

#include "common/bytes.h"
#include "common/decode_error.h"

namespace concur::transport {

inline constexpr std::uint16_t kGtpcPort = 2123;  // TS 29.274 4.2.1.1

struct GtpcHeader {
  std::uint8_t version = 0;             ///< 2 for GTPv2
  bool piggybacked = false;             ///< P flag: another message follows this one (7.1)
  bool teid_present = false;            ///< T flag; 0 for Echo and Version Not Supported (5.3)
  std::uint8_t message_type = 0;
  std::uint16_t length = 0;             ///< octets after the first 4 (TEID, sequence number, IEs)
  std::optional<std::uint32_t> teid;
  std::uint32_t sequence = 0;           ///< 24 bits
  std::size_t message_size() const noexcept { return 4u + length; }
};

/// Reads the header of the first GTPv2-C message in `datagram` (Figures 5.1-1, 5.3-1, 5.4-1).
/// Fails with field and offset when the version is not 2, the header is short, or the length
/// field claims more octets than the datagram holds.
Result<GtpcHeader> peek_gtpc_header(ByteView datagram);

/// The part a message type plays in reliable delivery (TS 29.274 7.6).
enum class GtpcRole : std::uint8_t {
  request,        ///< initial message with a triggered reply: retransmitted until answered
  triggered,      ///< response, acknowledge or failure indication: matched by sequence number
  unacknowledged, ///< initial message without a triggered reply: never retransmitted
};

/// Role of `type` per TS 29.274 Table 6.1-1 (types absent from the table count as triggered).
GtpcRole gtpc_role(std::uint8_t type) noexcept;

}  // namespace concur::transport
