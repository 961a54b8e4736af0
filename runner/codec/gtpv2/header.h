// The GTPv2-C message header (TS 29.274 5.1, Figures 5.1-1, 5.3-1, 5.4-1).
#pragma once

#include <cstdint>
#include <optional>

#include "common/byte_reader.h"
#include "common/byte_writer.h"

namespace concur::gtpv2 {

struct Header {
  std::uint8_t message_type = 0;
  std::optional<std::uint32_t> teid;         ///< present iff T=1
  std::uint32_t sequence = 0;                ///< 24 bits
  std::optional<std::uint8_t> message_priority;  ///< 4 bits, only with T=1 (MP flag, 29.274 5.4)
  /// Spare bits as received (octet 1 bits 2-1; the spare low nibble of the priority octet or the spare
  /// octet 8 of a TEID-less header), kept so that re-encoding a received message is byte-identical.
  std::uint8_t spare_flags = 0;
  std::uint8_t spare_tail = 0;

  bool operator==(const Header&) const = default;
};

/// Octets of the header: 8 without TEID, 12 with TEID.
inline std::size_t header_size(const Header& h) { return h.teid ? 12 : 8; }

/// Reads the header; returns the message length field (octets after the first 4). `piggyback` is the P
/// flag: another message follows this one in the datagram (GtpMessage::piggybacked holds it).
std::uint16_t read_header(ByteReader& r, Header& h, bool& piggyback);

/// Writes the header with a zero length; returns the offset of the length field to patch.
std::size_t write_header(ByteWriter& w, const Header& h, bool piggyback);

}  // namespace concur::gtpv2
