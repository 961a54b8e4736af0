// TCP byte streams cut into Diameter messages (RFC 6733 3: version 1, 24-bit message length that
// covers the header and is a multiple of 4). One stream per direction, reassembled by sequence
// number: segments split anywhere, several messages per segment, retransmitted or overlapping
// bytes used once, out-of-order segments held (bounded). Without the SYN in the capture, a
// direction starts at the first segment that begins with a plausible Diameter header.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <utility>
#include <vector>

#include "capture/captured_message.h"
#include "common/byte_reader.h"

namespace concur::capture {

struct TcpSegment {
  std::uint16_t src_port = 0;
  std::uint16_t dst_port = 0;
  std::uint32_t seq = 0;
  std::uint8_t flags = 0;  ///< FIN 0x01, SYN 0x02, RST 0x04
  ByteView payload;
  std::size_t payload_offset = 0;
};

/// Reads a TCP header (RFC 9293 3.1) at `r`; throws DecodeFailure when it is short or its data offset is wrong.
TcpSegment parse_tcp_segment(ByteReader r);

struct TcpLimits {
  std::size_t max_out_of_order_octets = 1u * 1024 * 1024;  ///< held per direction
  std::size_t max_streams = 65536;                         ///< directions tracked at once
};

struct TcpStats {
  std::uint64_t segments = 0;
  std::uint64_t retransmitted_segments = 0;  ///< carried only bytes already used
  std::uint64_t out_of_order_segments = 0;
  std::uint64_t unsynchronised_segments = 0;  ///< skipped while looking for a Diameter header
  std::uint64_t framing_losses = 0;
};

class TcpDiameterStreams {
 public:
  using Deliver = std::function<void(ByteView message)>;

  explicit TcpDiameterStreams(TcpLimits limits = {}) : limits_(limits) {}

  /// Feeds one segment of the direction src -> dst; complete Diameter messages go to `deliver`.
  void on_segment(const IpAddress& src, const IpAddress& dst, const TcpSegment& segment, std::int64_t now_ns,
                  const Deliver& deliver, std::vector<DecodeError>& warnings);

  const TcpStats& stats() const noexcept { return stats_; }

 private:
  struct Key {
    IpAddress src, dst;
    std::uint16_t src_port, dst_port;
    auto operator<=>(const Key&) const = default;
  };
  struct Stream {
    bool synced = false;
    std::uint32_t next_seq = 0;
    Bytes buffer;
    std::size_t consumed = 0;
    std::vector<std::pair<std::uint32_t, Bytes>> out_of_order;
    std::size_t out_of_order_octets = 0;
    std::int64_t last_seen_ns = 0;
  };

  void append(Stream& s, std::uint32_t seq, ByteView data);
  void frame(Stream& s, const TcpSegment& segment, const Deliver& deliver, std::vector<DecodeError>& warnings);
  static void reset(Stream& s);

  TcpLimits limits_;
  std::map<Key, Stream> streams_;
  TcpStats stats_;
};

}  // namespace concur::capture
