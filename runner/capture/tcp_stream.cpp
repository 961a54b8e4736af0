#include "capture/tcp_stream.h"

#include <algorithm>

namespace concur::capture {
namespace {

constexpr std::uint8_t kFlagSyn = 0x02;
constexpr std::uint8_t kFlagRst = 0x04;
constexpr std::size_t kDiameterHeader = 20;

bool plausible_diameter_header(ByteView b) {
  if (b.size() < 5) return false;
  const std::uint32_t length = (std::uint32_t{b[1]} << 16) | (std::uint32_t{b[2]} << 8) | b[3];
  // Version 1, length a multiple of 4 and at least a header, reserved command-flag bits clear.
  return b[0] == 1 && length >= kDiameterHeader && length % 4 == 0 && (b[4] & 0x0F) == 0;
}

}  // namespace

TcpSegment parse_tcp_segment(ByteReader r) {
  TcpSegment s;
  s.src_port = r.u16("tcp.srcport");
  s.dst_port = r.u16("tcp.dstport");
  s.seq = r.u32("tcp.seq");
  r.skip(4, "tcp.ack");
  const std::size_t offset_at = r.offset();
  const std::size_t header_length = static_cast<std::size_t>(r.u8("tcp.data_offset") >> 4) * 4;
  s.flags = r.u8("tcp.flags");
  if (header_length < 20) throw_decode("tcp.data_offset", offset_at, "header length " + std::to_string(header_length) + " < 20");
  r.skip(6, "tcp.window_checksum_urgent");
  r.skip(header_length - 20, "tcp.options");
  s.payload_offset = r.offset();
  s.payload = r.rest();
  return s;
}

void TcpDiameterStreams::reset(Stream& s) {
  s.synced = false;
  s.buffer.clear();
  s.consumed = 0;
  s.out_of_order.clear();
  s.out_of_order_octets = 0;
}

void TcpDiameterStreams::on_segment(const IpAddress& src, const IpAddress& dst, const TcpSegment& seg,
                                    std::int64_t now_ns, const Deliver& deliver, std::vector<DecodeError>& warnings) {
  ++stats_.segments;
  const Key key{src, dst, seg.src_port, seg.dst_port};
  auto it = streams_.find(key);
  if (it == streams_.end()) {
    if (streams_.size() >= limits_.max_streams) {
      streams_.erase(std::min_element(streams_.begin(), streams_.end(), [](const auto& a, const auto& b) {
        return a.second.last_seen_ns < b.second.last_seen_ns;
      }));
    }
    it = streams_.emplace(key, Stream{}).first;
  }
  Stream& s = it->second;
  s.last_seen_ns = now_ns;
  if (seg.flags & kFlagRst) {
    reset(s);
    return;
  }
  std::uint32_t seq = seg.seq;
  if (seg.flags & kFlagSyn) {
    reset(s);
    s.synced = true;
    s.next_seq = seq + 1;  // the SYN occupies one sequence number
    seq += 1;
  }
  if (seg.payload.empty()) return;
  if (!s.synced) {
    if (!plausible_diameter_header(seg.payload)) {
      ++stats_.unsynchronised_segments;
      return;
    }
    s.synced = true;
    s.next_seq = seq;
  }
  const std::int32_t ahead = static_cast<std::int32_t>(seq - s.next_seq);
  if (ahead > 0) {
    ++stats_.out_of_order_segments;
    if (s.out_of_order_octets + seg.payload.size() > limits_.max_out_of_order_octets) {
      ++stats_.framing_losses;
      warnings.push_back({"tcp.seq", seg.payload_offset, "gap in the TCP stream not filled within " +
                                                             std::to_string(limits_.max_out_of_order_octets) +
                                                             " octets: Diameter framing restarts"});
      reset(s);
      return;
    }
    s.out_of_order.emplace_back(seq, Bytes(seg.payload.begin(), seg.payload.end()));
    s.out_of_order_octets += seg.payload.size();
    return;
  }
  if (static_cast<std::size_t>(-static_cast<std::int64_t>(ahead)) >= seg.payload.size()) {
    ++stats_.retransmitted_segments;
    return;
  }
  append(s, seq, seg.payload);
  // Held segments that now touch the stream's end.
  for (bool progress = true; progress && !s.out_of_order.empty();) {
    progress = false;
    for (auto held = s.out_of_order.begin(); held != s.out_of_order.end(); ++held) {
      if (static_cast<std::int32_t>(held->first - s.next_seq) <= 0) {
        Bytes data = std::move(held->second);
        const std::uint32_t held_seq = held->first;
        s.out_of_order_octets -= data.size();
        s.out_of_order.erase(held);
        append(s, held_seq, ByteView(data));
        progress = true;
        break;
      }
    }
  }
  frame(s, seg, deliver, warnings);
}

void TcpDiameterStreams::append(Stream& s, std::uint32_t seq, ByteView data) {
  const std::uint32_t behind = s.next_seq - seq;  // octets at the start already in the stream
  if (behind >= data.size()) return;
  data = data.subspan(behind);
  s.buffer.insert(s.buffer.end(), data.begin(), data.end());
  s.next_seq += static_cast<std::uint32_t>(data.size());
}

void TcpDiameterStreams::frame(Stream& s, const TcpSegment& seg, const Deliver& deliver,
                               std::vector<DecodeError>& warnings) {
  while (s.buffer.size() - s.consumed >= 4) {
    ByteView head(s.buffer.data() + s.consumed, s.buffer.size() - s.consumed);
    const std::uint32_t length = (std::uint32_t{head[1]} << 16) | (std::uint32_t{head[2]} << 8) | head[3];
    if (head[0] != 1 || length < kDiameterHeader || length % 4 != 0) {
      ++stats_.framing_losses;
      warnings.push_back({"diameter.header", seg.payload_offset,
                          "Diameter framing lost (version " + std::to_string(head[0]) + ", length " +
                              std::to_string(length) + "): skipping to a segment that starts a message"});
      reset(s);
      return;
    }
    if (head.size() < length) break;
    deliver(head.first(length));
    s.consumed += length;
  }
  if (s.consumed == s.buffer.size()) {
    s.buffer.clear();
    s.consumed = 0;
  } else if (s.consumed > 65536) {
    s.buffer.erase(s.buffer.begin(), s.buffer.begin() + static_cast<std::ptrdiff_t>(s.consumed));
    s.consumed = 0;
  }
}

}  // namespace concur::capture
