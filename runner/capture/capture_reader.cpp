#include "capture/capture_reader.h"

#include <algorithm>

#include "capture/link_layer.h"

namespace concur::capture {
namespace {

constexpr std::uint8_t kIpProtoTcp = 6;
constexpr std::uint8_t kIpProtoUdp = 17;
constexpr std::uint8_t kIpProtoSctp = 132;

/// std::push_heap builds a max-heap; "later" as the order puts the oldest message on top.
struct Later {
  template <class H>
  bool operator()(const H& a, const H& b) const {
    if (a.message.timestamp_ns != b.message.timestamp_ns) return a.message.timestamp_ns > b.message.timestamp_ns;
    return a.sequence > b.sequence;
  }
};

}  // namespace

CaptureReader::CaptureReader(const std::string& path, CaptureOptions options)
    : file_(path), options_(std::move(options)), ip_(options_.ip), sctp_(options_.sctp), tcp_(options_.tcp) {}

CaptureReader::CaptureReader(std::FILE* stream, std::string name, CaptureOptions options)
    : file_(stream, std::move(name)), options_(std::move(options)), ip_(options_.ip), sctp_(options_.sctp),
      tcp_(options_.tcp) {}

std::optional<CapturedMessage> CaptureReader::next() {
  for (;;) {
    if (!held_.empty()) {
      const Held& oldest = held_.front();
      const bool window_passed = oldest.message.timestamp_ns <= newest_ns_ - options_.reorder_window_ns;
      if (end_of_file_ || window_passed || held_.size() > options_.reorder_max_messages) {
        std::pop_heap(held_.begin(), held_.end(), Later{});
        CapturedMessage m = std::move(held_.back().message);
        held_.pop_back();
        return m;
      }
    }
    if (end_of_file_) return std::nullopt;
    const RawFrame* frame = file_.next();
    if (!frame) {
      end_of_file_ = true;  // clean end or error(): what is held still leaves, oldest first
      continue;
    }
    if (frame->timestamp_ns < newest_ns_) ++stats_.frames_out_of_time_order;
    newest_ns_ = std::max(newest_ns_, frame->timestamp_ns);
    process(*frame);
  }
}

CaptureStats CaptureReader::stats() const {
  CaptureStats s = stats_;
  s.ip = ip_.stats();
  s.sctp = sctp_.stats();
  s.tcp = tcp_.stats();
  return s;
}

void CaptureReader::warn(std::uint64_t frame, DecodeError e, bool in_reassembled) {
  ++warning_count_;
  if (frame != last_warned_frame_) {
    ++stats_.malformed_frames;
    last_warned_frame_ = frame;
  }
  if (warnings_.size() < options_.max_warnings_kept) warnings_.push_back(FrameWarning{frame, std::move(e), in_reassembled});
}

void CaptureReader::flush_notes(std::uint64_t frame, bool in_reassembled) {
  for (auto& n : notes_) warn(frame, std::move(n), in_reassembled);
  notes_.clear();
}

void CaptureReader::process(const RawFrame& frame) {
  ++stats_.frames;
  if (!is_supported_linktype(frame.linktype)) {
    ++stats_.unsupported_link_frames;
    warn(frame.number, DecodeError{"linktype", frame.record_offset, "unsupported link type " + std::to_string(frame.linktype)}, false);
    return;
  }
  bool reassembled = false;
  try {
    ByteReader r(frame.data, frame.data_offset);
    const auto ethertype = strip_link_layer(frame.linktype, r);
    if (!ethertype) {
      ++stats_.non_ip_frames;
      return;
    }
    const std::size_t ip_at = r.offset();
    const auto ip = ip_.decode(*ethertype, ByteReader(r.rest(), ip_at), frame.timestamp_ns);
    for (auto& n : ip_.take_notes()) warn(frame.number, std::move(n), false);
    if (!ip) return;
    reassembled = ip->reassembled;
    dispatch_transport(frame, *ip);
    flush_notes(frame.number, reassembled);
  } catch (const DecodeFailure& f) {
    flush_notes(frame.number, reassembled || ip_.in_reassembled());
    warn(frame.number, f.error(), reassembled || ip_.in_reassembled());
  }
}

void CaptureReader::dispatch_transport(const RawFrame& frame, const IpPacket& ip) {
  ByteReader r(ip.payload, ip.payload_offset);
  switch (ip.protocol) {
    case kIpProtoSctp:
      sctp_packet(frame, ip, r, false);
      break;
    case kIpProtoUdp:
      on_udp(frame, ip);
      break;
    case kIpProtoTcp: {
      const TcpSegment seg = parse_tcp_segment(r);
      if (!is_diameter_port(options_.classify, seg.src_port, seg.dst_port)) break;
      tcp_.on_segment(ip.src, ip.dst, seg, frame.timestamp_ns, [&](ByteView message) {
        emit(frame, ip.src, seg.src_port, ip.dst, seg.dst_port, Transport::tcp, Protocol::diameter, message, nullptr);
      }, notes_);
      break;
    }
    default:
      break;  // ICMP and the rest carry nothing the monitor reads
  }
}

void CaptureReader::sctp_packet(const RawFrame& frame, const IpPacket& ip, ByteReader r, bool over_udp) {
  sctp_.on_packet(ip.src, ip.dst, r, frame.timestamp_ns, over_udp, [&](const SctpUserMessage& m) {
    const Protocol p = classify_sctp(options_.classify, m.src_port, m.dst_port, m.info.ppid);
    if (p == Protocol::unclassified && !options_.keep_unclassified) return;
    emit(frame, ip.src, m.src_port, ip.dst, m.dst_port, Transport::sctp, p, m.data, &m.info);
  }, notes_);
}

void CaptureReader::on_udp(const RawFrame& frame, const IpPacket& ip) {
  ByteReader r(ip.payload, ip.payload_offset);
  const std::uint16_t src_port = r.u16("udp.srcport");
  const std::uint16_t dst_port = r.u16("udp.dstport");
  const std::size_t length_at = r.offset();
  std::size_t length = r.u16("udp.length");
  r.skip(2, "udp.checksum");
  if (length == 0) length = 8 + r.remaining();  // IPv6 jumbogram (RFC 2675 4) or offload
  if (length < 8) throw_decode("udp.length", length_at, "length " + std::to_string(length) + " < 8");
  if (length - 8 > r.remaining()) {
    throw_decode("udp.length", length_at, "length " + std::to_string(length) + " exceeds the " +
                 std::to_string(r.remaining() + 8) + " octets of the datagram");
  }
  const std::size_t payload_at = r.offset();
  ByteView payload = r.view(length - 8, "udp.payload");
  if (is_sctp_over_udp_port(options_.classify, src_port, dst_port)) {
    sctp_packet(frame, ip, ByteReader(payload, payload_at), true);
  } else if (is_gtpv2c_port(options_.classify, src_port, dst_port)) {
    split_gtpv2c(payload, payload_at, [&](ByteView message) {
      emit(frame, ip.src, src_port, ip.dst, dst_port, Transport::udp, Protocol::gtpv2c, message, nullptr);
    }, notes_);
  }
}

void CaptureReader::emit(const RawFrame& frame, const IpAddress& src, std::uint16_t src_port, const IpAddress& dst,
                         std::uint16_t dst_port, Transport transport, Protocol protocol, ByteView bytes,
                         const SctpInfo* sctp) {
  Held& h = held_.emplace_back();
  h.sequence = next_sequence_++;
  CapturedMessage& m = h.message;
  m.frame_number = frame.number;
  m.timestamp_ns = frame.timestamp_ns;
  m.src = Endpoint{src, src_port};
  m.dst = Endpoint{dst, dst_port};
  m.transport = transport;
  if (sctp) m.sctp = *sctp;
  m.protocol = protocol;
  m.bytes.assign(bytes.begin(), bytes.end());
  ++stats_.messages[static_cast<std::size_t>(protocol)];
  std::push_heap(held_.begin(), held_.end(), Later{});
}

}  // namespace concur::capture
