// IPv4 (RFC 791) and IPv6 (RFC 8200) down to the transport payload, with fragment reassembly.
// Reassembly memory is bounded (datagrams in flight, octets buffered) and incomplete datagrams
// expire after a timeout measured in capture time, as a host's reassembly queue would.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "capture/captured_message.h"
#include "common/byte_reader.h"

namespace concur::capture {

struct IpReassemblyLimits {
  std::size_t max_datagrams = 1024;                      ///< incomplete datagrams kept at once
  std::size_t max_buffered_octets = 16u * 1024 * 1024;  ///< over all incomplete datagrams
  std::int64_t timeout_ns = 30'000'000'000;             ///< capture time; Linux ipfrag_time is 30 s
};

/// A transport-layer payload of a whole IP datagram.
struct IpPacket {
  IpAddress src;
  IpAddress dst;
  std::uint8_t protocol = 0;  ///< IANA protocol number of the transport (6 TCP, 17 UDP, 132 SCTP)
  ByteView payload;           ///< valid until the next call to IpLayer::decode
  std::size_t payload_offset = 0;  ///< absolute file offset, or offset in the reassembled datagram
  bool reassembled = false;
};

struct IpStats {
  std::uint64_t fragments = 0;
  std::uint64_t datagrams_reassembled = 0;
  std::uint64_t datagrams_expired = 0;   ///< timed out incomplete
  std::uint64_t datagrams_evicted = 0;   ///< dropped incomplete to respect the memory bounds
  std::uint64_t overlapping_fragments = 0;
};

class IpLayer {
 public:
  explicit IpLayer(IpReassemblyLimits limits = {}) : limits_(limits) {}

  /// Decodes the IP header(s) at `r`. Returns the transport payload of a datagram that is whole
  /// or was completed by this fragment; nullopt when the fragment is held for later or there is
  /// no transport to look at (ESP, no next header). Throws DecodeFailure on a malformed header.
  std::optional<IpPacket> decode(std::uint16_t ethertype, ByteReader r, std::int64_t now_ns);

  /// True when the last decode() was working inside a reassembled datagram (error offsets are then relative to it).
  bool in_reassembled() const noexcept { return in_reassembled_; }
  /// Datagrams given up since the last call (expired or evicted), as warnings to report.
  std::vector<DecodeError> take_notes() { return std::exchange(notes_, {}); }
  const IpStats& stats() const noexcept { return stats_; }
  std::size_t buffered_octets() const noexcept { return buffered_; }
  std::size_t datagrams_in_flight() const noexcept { return pending_.size(); }

 private:
  struct Key {
    std::uint8_t version;
    IpAddress src, dst;
    std::uint32_t id;
    std::uint8_t protocol;  ///< IPv4 only (part of the RFC 791 key); 0 for IPv6
    auto operator<=>(const Key&) const = default;
  };
  struct Datagram {
    Bytes data;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> have;  ///< sorted, merged [begin, end)
    std::optional<std::uint32_t> total;
    std::optional<std::uint8_t> next_header;  ///< IPv6: from the first fragment's Fragment header
    std::int64_t first_seen_ns = 0;
  };

  std::optional<IpPacket> decode_v4(ByteReader& r, std::int64_t now_ns);
  std::optional<IpPacket> decode_v6(ByteReader& r, std::int64_t now_ns);
  /// Walks IPv6 extension headers from `next` to the transport.
  std::optional<IpPacket> v6_transport(const IpAddress& src, const IpAddress& dst, std::uint8_t next, ByteReader& r,
                                       std::int64_t now_ns, bool reassembled);
  /// Adds a fragment; returns true when its datagram is complete (then its payload is in reassembled_).
  bool add_fragment(const Key& key, std::uint32_t offset, bool more, ByteView data, std::size_t data_offset,
                    std::optional<std::uint8_t> next_header, std::int64_t now_ns, std::uint8_t& protocol_out);
  void expire(std::int64_t now_ns);
  void drop(std::map<Key, Datagram>::iterator it, std::string why, bool evicted);

  IpReassemblyLimits limits_;
  std::map<Key, Datagram> pending_;
  std::size_t buffered_ = 0;
  std::int64_t last_expiry_scan_ns_ = 0;
  Bytes reassembled_;
  bool in_reassembled_ = false;
  std::vector<DecodeError> notes_;
  IpStats stats_;
};

}  // namespace concur::capture
