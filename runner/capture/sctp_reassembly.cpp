#include "capture/sctp_reassembly.h"

#include <algorithm>

namespace concur::capture {
namespace {

constexpr std::uint8_t kChunkData = 0;
constexpr std::uint8_t kChunkIdata = 64;
constexpr std::uint8_t kFlagEnding = 0x01;     // E
constexpr std::uint8_t kFlagBeginning = 0x02;  // B
constexpr std::uint8_t kFlagUnordered = 0x04;  // U
constexpr std::size_t kDataHeader = 16;        // type, flags, length, TSN, stream, SSN, PPID
constexpr std::size_t kIdataHeader = 20;       // type, flags, length, TSN, stream, reserved, MID, PPID/FSN

/// Octets a held fragment is charged against the limit: its data plus bookkeeping, so that
/// empty fragments cannot grow the tables without bound.
std::size_t cost(std::size_t data_octets) { return data_octets + 32; }

std::uint16_t be16(const std::uint8_t* p) { return static_cast<std::uint16_t>((p[0] << 8) | p[1]); }
std::uint32_t be32(const std::uint8_t* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}

}  // namespace

SctpReassembler::TsnWindow::TsnWindow(std::uint32_t size) : size_(std::max<std::uint32_t>(64, size)) {
  size_ = (size_ + 63) / 64 * 64;
  bits_.assign(size_ / 64, 0);
}

bool SctpReassembler::TsnWindow::first_time(std::uint32_t tsn) {
  if (!started_) {
    // Centre the window on the first TSN: a capture that starts mid-association may still see
    // retransmissions of TSNs sent before it started.
    base_ = tsn - size_ / 2;
    started_ = true;
  }
  const std::int64_t distance = static_cast<std::int32_t>(tsn - base_);  // serial number arithmetic (RFC 1982)
  if (distance < 0) return false;
  if (distance >= size_) {
    const std::uint64_t shift = static_cast<std::uint64_t>(distance) - size_ + 1;
    if (shift >= size_) {
      std::fill(bits_.begin(), bits_.end(), 0);
    } else {
      for (std::uint64_t i = 0; i < shift; ++i) {
        const std::uint32_t slot = (base_ + static_cast<std::uint32_t>(i)) % size_;
        bits_[slot / 64] &= ~(std::uint64_t{1} << (slot % 64));
      }
    }
    base_ += static_cast<std::uint32_t>(shift);
  }
  const std::uint32_t slot = tsn % size_;
  std::uint64_t& word = bits_[slot / 64];
  const std::uint64_t bit = std::uint64_t{1} << (slot % 64);
  if (word & bit) return false;
  word |= bit;
  return true;
}

SctpReassembler::Direction& SctpReassembler::direction(const DirectionKey& key, std::int64_t now_ns) {
  auto it = directions_.find(key);
  if (it == directions_.end()) {
    if (directions_.size() >= limits_.max_directions) {
      auto stalest = std::min_element(directions_.begin(), directions_.end(), [](const auto& a, const auto& b) {
        return a.second.last_seen_ns < b.second.last_seen_ns;
      });
      stats_.fragments_dropped += stalest->second.fragments.size();
      directions_.erase(stalest);
    }
    it = directions_.emplace(key, Direction(limits_.tsn_window)).first;
  }
  it->second.last_seen_ns = now_ns;
  return it->second;
}

void SctpReassembler::on_packet(const IpAddress& src, const IpAddress& dst, ByteReader r, std::int64_t now_ns,
                                bool over_udp, const Deliver& deliver, std::vector<DecodeError>& warnings) {
  const std::uint16_t src_port = r.u16("sctp.srcport");
  const std::uint16_t dst_port = r.u16("sctp.dstport");
  const std::uint32_t tag = r.u32("sctp.verification_tag");
  r.skip(4, "sctp.checksum");  // not verified: offloaded on the capturing host more often than not
  ++stats_.packets;
  Direction* dir = nullptr;  // looked up on the first DATA chunk: control-only packets need no state

  SctpUserMessage base;
  base.src_port = src_port;
  base.dst_port = dst_port;
  base.info.over_udp = over_udp;

  while (r.remaining() > 0) {
    const std::size_t at = r.offset();
    if (r.remaining() < 4) {
      ++stats_.malformed_chunks;
      warnings.push_back({"sctp.chunk", at, std::to_string(r.remaining()) + " octet(s) after the last chunk, less than a chunk header"});
      return;
    }
    ByteView header = r.view(4, "sctp.chunk");
    const std::uint8_t type = header[0];
    const std::uint8_t flags = header[1];
    const std::size_t length = be16(header.data() + 2);
    if (length < 4) {
      ++stats_.malformed_chunks;
      warnings.push_back({"sctp.chunk.length", at + 2, "chunk length " + std::to_string(length) + " < 4"});
      return;
    }
    if (length - 4 > r.remaining()) {
      ++stats_.malformed_chunks;
      warnings.push_back({"sctp.chunk.length", at + 2, "chunk length " + std::to_string(length) + " overruns the packet (" +
                                                       std::to_string(r.remaining() + 4) + " octets left)"});
      return;
    }
    ByteView value = r.view(length - 4, "sctp.chunk.value");
    // Padding to 4 octets; the last chunk's padding may be missing from a short capture.
    r.skip(std::min<std::size_t>((4 - length % 4) % 4, r.remaining()), "sctp.chunk.padding");
    if (type != kChunkData && type != kChunkIdata) continue;
    if (!dir) dir = &direction(DirectionKey{src, dst, src_port, dst_port, tag}, now_ns);
    ++stats_.data_chunks;
    if (type == kChunkData) {
      on_data(*dir, flags, value, base, now_ns, deliver, warnings, at);
    } else {
      on_idata(*dir, flags, value, base, now_ns, deliver, warnings, at);
    }
  }
}

void SctpReassembler::on_data(Direction& d, std::uint8_t flags, ByteView v, const SctpUserMessage& base,
                              std::int64_t now_ns, const Deliver& deliver, std::vector<DecodeError>& warnings,
                              std::size_t at) {
  if (v.size() < kDataHeader - 4) {
    ++stats_.malformed_chunks;
    warnings.push_back({"sctp.data.length", at + 2, "DATA chunk of " + std::to_string(v.size() + 4) + " octets < 16"});
    return;
  }
  const std::uint32_t tsn = be32(v.data());
  const std::uint16_t stream = be16(v.data() + 4);
  const std::uint16_t ssn = be16(v.data() + 6);
  const std::uint32_t ppid = be32(v.data() + 8);
  ByteView payload = v.subspan(12);
  if (!d.seen.first_time(tsn)) {
    ++stats_.duplicate_tsns;
    return;
  }
  SctpUserMessage m = base;
  m.info.stream_id = stream;
  m.info.ppid = ppid;
  m.info.unordered = (flags & kFlagUnordered) != 0;
  m.info.first_tsn = tsn;
  const std::uint8_t be = flags & (kFlagBeginning | kFlagEnding);
  if (be == (kFlagBeginning | kFlagEnding)) {
    m.data = payload;
    deliver(m);
    return;
  }
  ++stats_.fragments;
  if (now_ns - d.last_scan_ns >= 1'000'000'000) expire(d, now_ns, warnings);
  if (d.pending_octets + cost(payload.size()) > limits_.max_pending_octets) {
    drop_all(d, "more than " + std::to_string(limits_.max_pending_octets) + " octets of fragments pending", at, warnings);
  }
  if (auto old = d.fragments.find(tsn); old != d.fragments.end()) d.pending_octets -= cost(old->second.data.size());
  d.pending_octets += cost(payload.size());
  d.fragments[tsn] = Fragment{flags, stream, ssn, ppid, now_ns, Bytes(payload.begin(), payload.end())};

  // A fragment belongs with its neighbour when both are on the same stream with the same U bit,
  // and, for ordered delivery, the same SSN (RFC 9260 6.9).
  auto same_message = [](const Fragment& a, const Fragment& b) {
    return a.stream == b.stream && (a.flags & kFlagUnordered) == (b.flags & kFlagUnordered) &&
           ((a.flags & kFlagUnordered) || a.ssn == b.ssn);
  };
  std::uint32_t first = tsn, last = tsn;
  for (;;) {
    const Fragment& f = d.fragments.at(first);
    if (f.flags & kFlagBeginning) break;
    auto prev = d.fragments.find(first - 1);
    if (prev == d.fragments.end() || (prev->second.flags & kFlagEnding) || !same_message(prev->second, f)) return;
    first -= 1;
  }
  for (;;) {
    const Fragment& f = d.fragments.at(last);
    if (f.flags & kFlagEnding) break;
    auto next = d.fragments.find(last + 1);
    if (next == d.fragments.end() || (next->second.flags & kFlagBeginning) || !same_message(next->second, f)) return;
    last += 1;
  }
  joined_.clear();
  std::uint32_t count = 0;
  const Fragment& head = d.fragments.at(first);
  m.info.ppid = head.ppid;
  m.info.first_tsn = first;
  for (std::uint32_t t = first;; ++t) {
    auto it = d.fragments.find(t);
    joined_.insert(joined_.end(), it->second.data.begin(), it->second.data.end());
    d.pending_octets -= cost(it->second.data.size());
    d.fragments.erase(it);
    ++count;
    if (t == last) break;
  }
  m.info.fragments = count;
  m.data = ByteView(joined_);
  ++stats_.messages_reassembled;
  deliver(m);
}

void SctpReassembler::on_idata(Direction& d, std::uint8_t flags, ByteView v, const SctpUserMessage& base,
                               std::int64_t now_ns, const Deliver& deliver, std::vector<DecodeError>& warnings,
                               std::size_t at) {
  if (v.size() < kIdataHeader - 4) {
    ++stats_.malformed_chunks;
    warnings.push_back({"sctp.idata.length", at + 2, "I-DATA chunk of " + std::to_string(v.size() + 4) + " octets < 20"});
    return;
  }
  const std::uint32_t tsn = be32(v.data());
  const std::uint16_t stream = be16(v.data() + 4);
  const std::uint32_t message_id = be32(v.data() + 8);
  const std::uint32_t ppid_or_fsn = be32(v.data() + 12);  // PPID in the first fragment, FSN in the others (RFC 8260 2.1)
  ByteView payload = v.subspan(16);
  if (!d.seen.first_time(tsn)) {
    ++stats_.duplicate_tsns;
    return;
  }
  SctpUserMessage m = base;
  m.info.stream_id = stream;
  m.info.unordered = (flags & kFlagUnordered) != 0;
  m.info.first_tsn = tsn;
  const bool beginning = (flags & kFlagBeginning) != 0, ending = (flags & kFlagEnding) != 0;
  if (beginning && ending) {
    m.info.ppid = ppid_or_fsn;
    m.data = payload;
    deliver(m);
    return;
  }
  ++stats_.fragments;
  if (now_ns - d.last_scan_ns >= 1'000'000'000) expire(d, now_ns, warnings);
  if (d.pending_octets + cost(payload.size()) > limits_.max_pending_octets) {
    drop_all(d, "more than " + std::to_string(limits_.max_pending_octets) + " octets of fragments pending", at, warnings);
  }
  IdataMessage& im = d.idata[IdataKey{stream, m.info.unordered, message_id}];
  if (im.by_fsn.empty()) im.seen_ns = now_ns;
  const std::uint32_t fsn = beginning ? 0 : ppid_or_fsn;
  if (beginning) {
    im.have_first = true;
    im.ppid = ppid_or_fsn;
    im.first_tsn = tsn;
  }
  if (ending) im.last_fsn = fsn;
  auto [slot, inserted] = im.by_fsn.try_emplace(fsn, payload.begin(), payload.end());
  if (inserted) d.pending_octets += cost(payload.size());
  if (!im.have_first || !im.last_fsn || im.by_fsn.size() != std::size_t{*im.last_fsn} + 1 ||
      im.by_fsn.rbegin()->first != *im.last_fsn) {
    return;
  }
  joined_.clear();
  for (const auto& [n, bytes] : im.by_fsn) {
    joined_.insert(joined_.end(), bytes.begin(), bytes.end());
    d.pending_octets -= cost(bytes.size());
  }
  m.info.ppid = im.ppid;
  m.info.first_tsn = im.first_tsn;
  m.info.fragments = static_cast<std::uint32_t>(im.by_fsn.size());
  d.idata.erase(IdataKey{stream, m.info.unordered, message_id});
  m.data = ByteView(joined_);
  ++stats_.messages_reassembled;
  deliver(m);
}

void SctpReassembler::expire(Direction& d, std::int64_t now_ns, std::vector<DecodeError>& warnings) {
  d.last_scan_ns = now_ns;
  std::size_t dropped = 0;
  for (auto it = d.fragments.begin(); it != d.fragments.end();) {
    if (now_ns - it->second.seen_ns > limits_.fragment_timeout_ns) {
      d.pending_octets -= cost(it->second.data.size());
      it = d.fragments.erase(it);
      ++dropped;
    } else {
      ++it;
    }
  }
  for (auto it = d.idata.begin(); it != d.idata.end();) {
    if (now_ns - it->second.seen_ns > limits_.fragment_timeout_ns) {
      for (const auto& [n, bytes] : it->second.by_fsn) d.pending_octets -= cost(bytes.size());
      dropped += it->second.by_fsn.size();
      it = d.idata.erase(it);
    } else {
      ++it;
    }
  }
  if (dropped > 0) {
    stats_.fragments_dropped += dropped;
    warnings.push_back({"sctp.data", 0, std::to_string(dropped) + " fragment(s) of incomplete messages timed out"});
  }
}

void SctpReassembler::drop_all(Direction& d, const std::string& why, std::size_t offset,
                               std::vector<DecodeError>& warnings) {
  std::size_t dropped = d.fragments.size();
  for (const auto& [k, m] : d.idata) dropped += m.by_fsn.size();
  stats_.fragments_dropped += dropped;
  d.fragments.clear();
  d.idata.clear();
  d.pending_octets = 0;
  warnings.push_back({"sctp.data", offset, std::to_string(dropped) + " fragment(s) dropped: " + why});
}

}  // namespace concur::capture
