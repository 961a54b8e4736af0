#include "capture/ip_reassembly.h"

#include <algorithm>
#include <cstring>

namespace concur::capture {
namespace {

constexpr std::uint32_t kMaxDatagram = 65535;  // IPv4 total length; IPv6 fragment offset + length limit
constexpr int kMaxExtensionHeaders = 16;

namespace nh {
constexpr std::uint8_t hop_by_hop = 0, routing = 43, fragment = 44, esp = 50, ah = 51, no_next = 59,
                       destination = 60, mobility = 135, hip = 139, shim6 = 140;
}

}  // namespace

std::optional<IpPacket> IpLayer::decode(std::uint16_t ethertype, ByteReader r, std::int64_t now_ns) {
  in_reassembled_ = false;
  if (!pending_.empty() && now_ns - last_expiry_scan_ns_ >= 1'000'000'000) expire(now_ns);
  if (ethertype == 0x0800) return decode_v4(r, now_ns);
  return decode_v6(r, now_ns);
}

std::optional<IpPacket> IpLayer::decode_v4(ByteReader& r, std::int64_t now_ns) {
  const std::size_t start = r.offset();
  const std::uint8_t version_ihl = r.u8("ipv4.version");
  if ((version_ihl >> 4) != 4) r.fail("ipv4.version", "version " + std::to_string(version_ihl >> 4) + " in an IPv4 frame");
  const std::size_t header_length = static_cast<std::size_t>(version_ihl & 0x0F) * 4;
  if (header_length < 20) r.fail("ipv4.ihl", "header length " + std::to_string(header_length) + " < 20");
  r.skip(1, "ipv4.tos");
  std::size_t total = r.u16("ipv4.total_length");
  const std::uint16_t id = r.u16("ipv4.id");
  const std::uint16_t flags_offset = r.u16("ipv4.flags");
  r.skip(1, "ipv4.ttl");
  const std::uint8_t protocol = r.u8("ipv4.protocol");
  r.skip(2, "ipv4.checksum");  // not verified: captures on the sending host see offloaded checksums
  const IpAddress src = IpAddress::v4(r.view(4, "ipv4.src"));
  const IpAddress dst = IpAddress::v4(r.view(4, "ipv4.dst"));
  r.skip(header_length - 20, "ipv4.options");
  if (total == 0) total = header_length + r.remaining();  // TCP segmentation offload on the capturing host
  if (total < header_length) {
    throw_decode("ipv4.total_length", start + 2, "total length " + std::to_string(total) + " < header length " + std::to_string(header_length));
  }
  if (total - header_length > r.remaining()) {
    throw_decode("ipv4.total_length", start + 2, "total length " + std::to_string(total) + " exceeds the " +
                 std::to_string(header_length + r.remaining()) + " captured octets");
  }
  const std::size_t payload_offset = r.offset();
  ByteView payload = r.view(total - header_length, "ipv4.payload");  // Ethernet padding after it is ignored
  const bool more = (flags_offset & 0x2000) != 0;
  const std::uint32_t offset = std::uint32_t{flags_offset & 0x1FFFu} * 8;
  if (!more && offset == 0) return IpPacket{src, dst, protocol, payload, payload_offset, false};
  std::uint8_t proto = protocol;
  if (!add_fragment(Key{4, src, dst, id, protocol}, offset, more, payload, payload_offset, std::nullopt, now_ns, proto)) {
    return std::nullopt;
  }
  in_reassembled_ = true;
  return IpPacket{src, dst, protocol, ByteView(reassembled_), 0, true};
}

std::optional<IpPacket> IpLayer::decode_v6(ByteReader& r, std::int64_t now_ns) {
  const std::uint8_t version = r.peek_u8("ipv6.version") >> 4;
  if (version != 6) r.fail("ipv6.version", "version " + std::to_string(version) + " in an IPv6 frame");
  r.skip(4, "ipv6.flow");
  const std::size_t length_at = r.offset();
  const std::uint16_t payload_length = r.u16("ipv6.payload_length");
  const std::uint8_t next = r.u8("ipv6.next_header");
  r.skip(1, "ipv6.hop_limit");
  const IpAddress src = IpAddress::v6(r.view(16, "ipv6.src"));
  const IpAddress dst = IpAddress::v6(r.view(16, "ipv6.dst"));
  // 0 means a Jumbo Payload option (RFC 2675) or segmentation offload: take what was captured.
  const std::size_t length = payload_length == 0 ? r.remaining() : payload_length;
  if (length > r.remaining()) {
    throw_decode("ipv6.payload_length", length_at, "payload length " + std::to_string(length) + " exceeds the " +
                 std::to_string(r.remaining()) + " captured octets");
  }
  ByteReader payload = r.sub(length, "ipv6.payload");
  return v6_transport(src, dst, next, payload, now_ns, false);
}

std::optional<IpPacket> IpLayer::v6_transport(const IpAddress& src, const IpAddress& dst, std::uint8_t next,
                                              ByteReader& r, std::int64_t now_ns, bool reassembled) {
  for (int count = 0;; ++count) {
    if (count > kMaxExtensionHeaders) r.fail("ipv6.extension", "more than 16 extension headers");
    switch (next) {
      case nh::hop_by_hop: case nh::routing: case nh::destination: case nh::mobility: case nh::hip: case nh::shim6: {
        next = r.u8("ipv6.ext.next_header");
        const std::size_t length = (std::size_t{r.u8("ipv6.ext.length")} + 1) * 8;
        r.skip(length - 2, "ipv6.ext.data");
        break;
      }
      case nh::ah: {  // RFC 4302: length in 4-octet units minus 2
        next = r.u8("ipv6.ah.next_header");
        const std::size_t length = (std::size_t{r.u8("ipv6.ah.length")} + 2) * 4;
        r.skip(length - 2, "ipv6.ah.data");
        break;
      }
      case nh::fragment: {
        const std::size_t at = r.offset();
        const std::uint8_t inner = r.u8("ipv6.fragment.next_header");
        r.skip(1, "ipv6.fragment.reserved");
        const std::uint16_t offset_flags = r.u16("ipv6.fragment.offset");
        const std::uint32_t id = r.u32("ipv6.fragment.id");
        const std::uint32_t offset = offset_flags & 0xFFF8u;
        const bool more = (offset_flags & 1) != 0;
        if (offset == 0 && !more) {  // atomic fragment (RFC 6946): a whole datagram
          next = inner;
          break;
        }
        if (reassembled) throw_decode("ipv6.fragment", at, "fragment header inside a reassembled datagram");
        const std::size_t data_offset = r.offset();
        std::uint8_t proto = 0;
        if (!add_fragment(Key{6, src, dst, id, 0}, offset, more, r.rest(), data_offset,
                          offset == 0 ? std::optional<std::uint8_t>(inner) : std::nullopt, now_ns, proto)) {
          return std::nullopt;
        }
        in_reassembled_ = true;
        ByteReader whole(ByteView(reassembled_), 0);
        return v6_transport(src, dst, proto, whole, now_ns, true);
      }
      case nh::esp:
      case nh::no_next:
        return std::nullopt;  // encrypted or empty: nothing the reader can classify
      default: {
        const std::size_t at = r.offset();
        return IpPacket{src, dst, next, r.rest(), at, reassembled};
      }
    }
  }
}

bool IpLayer::add_fragment(const Key& key, std::uint32_t offset, bool more, ByteView data, std::size_t data_offset,
                           std::optional<std::uint8_t> next_header, std::int64_t now_ns, std::uint8_t& protocol_out) {
  ++stats_.fragments;
  const std::uint32_t end = offset + static_cast<std::uint32_t>(data.size());
  if (end > kMaxDatagram) {
    throw_decode(key.version == 4 ? "ipv4.fragment_offset" : "ipv6.fragment.offset", data_offset,
                 "fragment ends at " + std::to_string(end) + ", beyond 65535");
  }
  if (more && data.size() % 8 != 0) {
    throw_decode(key.version == 4 ? "ipv4.total_length" : "ipv6.payload_length", data_offset,
                 "non-last fragment of " + std::to_string(data.size()) + " octets is not a multiple of 8");
  }
  auto it = pending_.find(key);
  if (it == pending_.end()) {
    if (pending_.size() >= limits_.max_datagrams) {
      auto oldest = std::min_element(pending_.begin(), pending_.end(), [](const auto& a, const auto& b) {
        return a.second.first_seen_ns < b.second.first_seen_ns;
      });
      drop(oldest, "more than " + std::to_string(limits_.max_datagrams) + " datagrams in reassembly", true);
    }
    it = pending_.emplace(key, Datagram{}).first;
    it->second.first_seen_ns = now_ns;
  }
  Datagram& d = it->second;
  if (!more) {
    if ((d.total && *d.total != end) || (!d.have.empty() && d.have.back().second > end)) {
      drop(it, "fragments disagree on the datagram length", false);
      return false;
    }
    d.total = end;
  }
  if (next_header) d.next_header = next_header;
  if (d.data.size() < end) {
    buffered_ += end - d.data.size();
    d.data.resize(end);
  }
  if (!data.empty()) std::memcpy(d.data.data() + offset, data.data(), data.size());
  // Merge [offset, end) into the sorted coverage list; overlaps are counted, the later copy wins.
  auto& have = d.have;
  auto pos = std::lower_bound(have.begin(), have.end(), std::make_pair(offset, end));
  pos = have.insert(pos, {offset, end});
  std::vector<std::pair<std::uint32_t, std::uint32_t>> merged;
  merged.reserve(have.size());
  for (const auto& iv : have) {
    if (!merged.empty() && iv.first < merged.back().second) ++stats_.overlapping_fragments;
    if (!merged.empty() && iv.first <= merged.back().second) {
      merged.back().second = std::max(merged.back().second, iv.second);
    } else {
      merged.push_back(iv);
    }
  }
  have = std::move(merged);
  if (buffered_ > limits_.max_buffered_octets) {
    drop(it, "reassembly buffer over " + std::to_string(limits_.max_buffered_octets) + " octets", true);
    return false;
  }
  const bool complete = d.total && have.size() == 1 && have.front().first == 0 && have.front().second == *d.total &&
                        (key.version == 4 || d.next_header);
  if (!complete) return false;
  buffered_ -= std::min(buffered_, d.data.size());
  reassembled_ = std::move(d.data);
  reassembled_.resize(*d.total);
  protocol_out = key.version == 4 ? key.protocol : *d.next_header;
  pending_.erase(it);
  ++stats_.datagrams_reassembled;
  return true;
}

void IpLayer::drop(std::map<Key, Datagram>::iterator it, std::string why, bool evicted) {
  buffered_ -= std::min(buffered_, it->second.data.size());
  const std::string who = (it->first.version == 4 ? "ipv4" : "ipv6") + std::string(".fragment");
  notes_.push_back(DecodeError{who, 0, "incomplete datagram " + it->first.src.to_string() + " -> " +
                                           it->first.dst.to_string() + " id " + std::to_string(it->first.id) +
                                           " dropped: " + std::move(why)});
  if (evicted) ++stats_.datagrams_evicted;
  pending_.erase(it);
}

void IpLayer::expire(std::int64_t now_ns) {
  last_expiry_scan_ns_ = now_ns;
  for (auto it = pending_.begin(); it != pending_.end();) {
    auto current = it++;
    if (now_ns - current->second.first_seen_ns > limits_.timeout_ns) {
      ++stats_.datagrams_expired;
      drop(current, "timed out after " + std::to_string(limits_.timeout_ns / 1'000'000) + " ms", false);
    }
  }
}

}  // namespace concur::capture
