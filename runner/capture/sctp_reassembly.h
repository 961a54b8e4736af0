// SCTP packets (RFC 9260) to user messages: bundled chunks, DATA fragments (B/E bits) joined by
// consecutive TSNs per direction of an association (ordered: same stream and SSN; unordered:
// U bit, same stream), I-DATA (RFC 8260) joined by message id and FSN, and retransmitted TSNs
// delivered once. A direction is (source address+port, destination address+port, verification
// tag); keying by address as well as tag keeps two synthetic associations with equal tags apart,
// at the price of a multihomed retransmission on another path being seen again.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "capture/captured_message.h"
#include "common/byte_reader.h"

namespace concur::capture {

struct SctpLimits {
  std::uint32_t tsn_window = 1u << 16;               ///< TSNs remembered per direction to spot retransmissions
  std::size_t max_pending_octets = 4u * 1024 * 1024;  ///< fragments held per direction
  std::int64_t fragment_timeout_ns = 60'000'000'000;  ///< capture time before an incomplete message is dropped
  std::size_t max_directions = 65536;                 ///< association directions tracked at once
};

struct SctpStats {
  std::uint64_t packets = 0;
  std::uint64_t data_chunks = 0;
  std::uint64_t duplicate_tsns = 0;   ///< retransmissions (or copies) not delivered again
  std::uint64_t fragments = 0;        ///< DATA / I-DATA chunks that carried part of a message
  std::uint64_t messages_reassembled = 0;
  std::uint64_t fragments_dropped = 0;
  std::uint64_t malformed_chunks = 0;
};

/// One user message out of the reassembler; `data` is valid during the callback only.
struct SctpUserMessage {
  std::uint16_t src_port = 0;
  std::uint16_t dst_port = 0;
  SctpInfo info;
  ByteView data;
};

class SctpReassembler {
 public:
  using Deliver = std::function<void(const SctpUserMessage&)>;

  explicit SctpReassembler(SctpLimits limits = {}) : limits_(limits) {}

  /// Decodes one SCTP packet (common header + chunks) at `r`. Complete messages go to `deliver`
  /// in chunk order; malformed chunks end the packet with a warning in `warnings` (chunks
  /// before them are kept). A packet too short for the common header throws DecodeFailure.
  void on_packet(const IpAddress& src, const IpAddress& dst, ByteReader r, std::int64_t now_ns, bool over_udp,
                 const Deliver& deliver, std::vector<DecodeError>& warnings);

  const SctpStats& stats() const noexcept { return stats_; }
  std::size_t directions() const noexcept { return directions_.size(); }

 private:
  struct DirectionKey {
    IpAddress src, dst;
    std::uint16_t src_port, dst_port;
    std::uint32_t verification_tag;
    auto operator<=>(const DirectionKey&) const = default;
  };
  /// Which TSNs were seen, over a sliding window: a ring of bits starting at `base`.
  class TsnWindow {
   public:
    explicit TsnWindow(std::uint32_t size);
    /// True the first time `tsn` is seen; false for a repeat or a TSN older than the window.
    bool first_time(std::uint32_t tsn);

   private:
    std::uint32_t size_;
    std::uint32_t base_ = 0;
    bool started_ = false;
    std::vector<std::uint64_t> bits_;
  };
  struct Fragment {
    std::uint8_t flags = 0;
    std::uint16_t stream = 0;
    std::uint16_t ssn = 0;
    std::uint32_t ppid = 0;
    std::int64_t seen_ns = 0;
    Bytes data;
  };
  struct IdataKey {
    std::uint16_t stream;
    bool unordered;
    std::uint32_t message_id;
    auto operator<=>(const IdataKey&) const = default;
  };
  struct IdataMessage {
    std::map<std::uint32_t, Bytes> by_fsn;
    std::optional<std::uint32_t> last_fsn;
    std::uint32_t ppid = 0;
    std::uint32_t first_tsn = 0;
    bool have_first = false;
    std::int64_t seen_ns = 0;
  };
  struct Direction {
    explicit Direction(std::uint32_t window) : seen(window) {}
    TsnWindow seen;
    std::unordered_map<std::uint32_t, Fragment> fragments;  ///< by TSN
    std::map<IdataKey, IdataMessage> idata;
    std::size_t pending_octets = 0;
    std::int64_t last_seen_ns = 0;
    std::int64_t last_scan_ns = 0;
  };

  Direction& direction(const DirectionKey& key, std::int64_t now_ns);
  void on_data(Direction& d, std::uint8_t flags, ByteView chunk, const SctpUserMessage& base, std::int64_t now_ns,
               const Deliver& deliver, std::vector<DecodeError>& warnings, std::size_t chunk_offset);
  void on_idata(Direction& d, std::uint8_t flags, ByteView chunk, const SctpUserMessage& base, std::int64_t now_ns,
                const Deliver& deliver, std::vector<DecodeError>& warnings, std::size_t chunk_offset);
  void expire(Direction& d, std::int64_t now_ns, std::vector<DecodeError>& warnings);
  void drop_all(Direction& d, const std::string& why, std::size_t offset, std::vector<DecodeError>& warnings);

  SctpLimits limits_;
  std::map<DirectionKey, Direction> directions_;
  SctpStats stats_;
  Bytes joined_;
};

}  // namespace concur::capture
