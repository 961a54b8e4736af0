// What the capture reader yields: one application message (S1AP, GTPv2-C or Diameter) with
// where and when it was seen, plus the error and warning types of the reader.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/bytes.h"
#include "common/decode_error.h"

namespace concur::capture {

/// Application protocol of a message, decided by configurable ports / SCTP PPIDs (classify.h).
enum class Protocol : std::uint8_t { s1ap, gtpv2c, diameter, unclassified };
std::string_view to_string(Protocol p);

enum class Transport : std::uint8_t { sctp, udp, tcp };
std::string_view to_string(Transport t);

/// An IPv4 or IPv6 address; IPv4 uses the first 4 octets.
struct IpAddress {
  std::uint8_t version = 4;  ///< 4 or 6
  std::array<std::uint8_t, 16> octets{};

  static IpAddress v4(ByteView four);
  static IpAddress v6(ByteView sixteen);
  /// Dotted quad or RFC 5952 text (lower case, longest zero run compressed).
  std::string to_string() const;
  auto operator<=>(const IpAddress&) const = default;
};

struct Endpoint {
  IpAddress address;
  std::uint16_t port = 0;
  std::string to_string() const;  ///< "10.0.0.1:36412" or "[2001:db8::1]:36412"
  auto operator<=>(const Endpoint&) const = default;
};

/// SCTP details of a message carried in DATA / I-DATA chunks (RFC 9260 3.3.1, RFC 8260 2.1).
struct SctpInfo {
  std::uint16_t stream_id = 0;
  std::uint32_t ppid = 0;
  bool unordered = false;
  std::uint32_t first_tsn = 0;  ///< TSN of the first (B) fragment
  std::uint32_t fragments = 1;  ///< DATA chunks the message was carried in
  bool over_udp = false;        ///< RFC 6951 UDP encapsulation
};

/// One application message, in the order its last octet was captured.
struct CapturedMessage {
  std::uint64_t frame_number = 0;  ///< 1-based frame that completed the message (tshark's frame.number)
  std::int64_t timestamp_ns = 0;   ///< capture time of that frame, ns since the Unix epoch
  Endpoint src;
  Endpoint dst;
  Transport transport = Transport::sctp;
  SctpInfo sctp;                   ///< meaningful when transport == sctp
  Protocol protocol = Protocol::unclassified;
  Bytes bytes;                     ///< the whole application message (e.g. the S1AP-PDU)
};

/// A capture that cannot be read further (corrupt or truncated file). Reading stops; messages
/// completed before it were already yielded.
struct CaptureError {
  std::string file;          ///< name the reader was opened with
  std::uint64_t offset = 0;  ///< octet offset in the file where the bad record / header starts
  std::uint64_t frame = 0;   ///< number the next frame would have had (0: the file header)
  std::string reason;
  /// "F: frame 12 at file offset 1234: reason" ("file header at offset 0" when frame is 0)
  std::string to_string() const;
};

/// A malformed packet inside a good file: it is skipped (or partly used) and reading goes on.
/// `error.offset` is the absolute file offset of the bad octet, except when `in_reassembled` is
/// set: then it is the offset inside the reassembled IP datagram named by `error.field`.
struct FrameWarning {
  std::uint64_t frame = 0;
  DecodeError error;
  bool in_reassembled = false;
  std::string to_string() const;  ///< "frame 7: field 'sctp.chunk.length' at offset 118: ..."
};

}  // namespace concur::capture
