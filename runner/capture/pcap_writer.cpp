#include "capture/pcap_writer.h"

#include <arpa/inet.h>

#include <array>
#include <cstring>
#include <stdexcept>

#include "common/byte_writer.h"

namespace concur::capture {
namespace {

constexpr std::uint32_t kPcapMagicNanoseconds = 0xa1b23c4d;
constexpr std::size_t kMtu = 1500;
constexpr std::size_t kSctpCommonHeader = 12;
constexpr std::size_t kSctpDataChunkHeader = 16;
constexpr std::uint8_t kIpProtoTcp = 6, kIpProtoUdp = 17, kIpProtoSctp = 132;

struct IpAddress {
  int family = AF_INET;
  std::array<std::uint8_t, 16> octets{};
  std::size_t size() const { return family == AF_INET ? 4 : 16; }
  ByteView view() const { return ByteView(octets.data(), size()); }
};

IpAddress parse_address(const std::string& text) {
  IpAddress a;
  if (inet_pton(AF_INET, text.c_str(), a.octets.data()) == 1) return a;
  a.family = AF_INET6;
  if (inet_pton(AF_INET6, text.c_str(), a.octets.data()) == 1) return a;
  throw std::invalid_argument("pcap writer: '" + text + "' is not an IPv4 or IPv6 address");
}

// RFC 1071 one's complement sum, continued over several buffers.
std::uint32_t sum16(std::uint32_t acc, ByteView b) {
  for (std::size_t i = 0; i + 1 < b.size(); i += 2) acc += static_cast<std::uint32_t>((b[i] << 8) | b[i + 1]);
  if (b.size() % 2) acc += static_cast<std::uint32_t>(b.back() << 8);
  return acc;
}
std::uint16_t fold(std::uint32_t acc) {
  while (acc >> 16) acc = (acc & 0xffff) + (acc >> 16);
  return static_cast<std::uint16_t>(~acc);
}

// CRC-32C (Castagnoli), reflected, as SCTP uses it (RFC 4960 appendix B).
std::uint32_t crc32c(ByteView data) {
  static const auto table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
      std::uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? (c >> 1) ^ 0x82f63b78u : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  std::uint32_t crc = 0xffffffffu;
  for (std::uint8_t b : data) crc = table[(crc ^ b) & 0xff] ^ (crc >> 8);
  return ~crc;
}

// A stable verification tag per association direction, so that a capture reads as one association.
std::uint32_t verification_tag(const Endpoint& src, const Endpoint& dst) {
  std::uint32_t h = 2166136261u;
  auto mix = [&h](std::uint8_t b) { h = (h ^ b) * 16777619u; };
  for (char c : dst.address) mix(static_cast<std::uint8_t>(c));
  mix(static_cast<std::uint8_t>(dst.port >> 8)), mix(static_cast<std::uint8_t>(dst.port));
  for (char c : src.address) mix(static_cast<std::uint8_t>(c));
  mix(static_cast<std::uint8_t>(src.port >> 8)), mix(static_cast<std::uint8_t>(src.port));
  return h == 0 ? 1 : h;
}

void put_le32(std::FILE* f, std::uint32_t v) {
  const std::uint8_t b[4] = {static_cast<std::uint8_t>(v), static_cast<std::uint8_t>(v >> 8),
                             static_cast<std::uint8_t>(v >> 16), static_cast<std::uint8_t>(v >> 24)};
  std::fwrite(b, 1, 4, f);
}

}  // namespace

PcapWriter::PcapWriter(const std::string& path, LinkType link) : path_(path), link_(link) {
  file_ = std::fopen(path.c_str(), "wb");
  if (!file_) throw std::runtime_error("pcap writer: cannot open '" + path + "' for writing: " + std::strerror(errno));
  // Global header, little-endian, nanosecond timestamps.
  put_le32(file_, kPcapMagicNanoseconds);
  const std::uint8_t version[4] = {2, 0, 4, 0};
  std::fwrite(version, 1, 4, file_);
  put_le32(file_, 0);       // thiszone
  put_le32(file_, 0);       // sigfigs
  put_le32(file_, 262144);  // snaplen
  put_le32(file_, static_cast<std::uint32_t>(link));
}

PcapWriter::~PcapWriter() {
  if (file_) std::fclose(file_);
}

void PcapWriter::flush() {
  if (file_) std::fflush(file_);
}

void PcapWriter::record(Clock::time_point t, ByteView frame) {
  const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
  put_le32(file_, static_cast<std::uint32_t>(ns / 1000000000));
  put_le32(file_, static_cast<std::uint32_t>(ns % 1000000000));
  put_le32(file_, static_cast<std::uint32_t>(frame.size()));
  put_le32(file_, static_cast<std::uint32_t>(frame.size()));
  if (std::fwrite(frame.data(), 1, frame.size(), file_) != frame.size()) {
    throw std::runtime_error("pcap writer: write to '" + path_ + "' failed: " + std::strerror(errno));
  }
  ++packets_;
}

void PcapWriter::raw(Clock::time_point t, ByteView frame) {
  if (link_ == LinkType::ethernet) throw std::logic_error("pcap writer: raw frames need a user link type");
  record(t, frame);
}

void PcapWriter::ip_packet(Clock::time_point t, const Endpoint& src, const Endpoint& dst, std::uint8_t protocol,
                           ByteView segment_in, std::size_t checksum_offset, bool checksum_pseudo) {
  if (link_ != LinkType::ethernet) throw std::logic_error("pcap writer: IP packets need an Ethernet file");
  const IpAddress s = parse_address(src.address);
  const IpAddress d = parse_address(dst.address);
  if (s.family != d.family) {
    throw std::invalid_argument("pcap writer: " + src.address + " and " + dst.address + " are of different families");
  }
  Bytes segment(segment_in.begin(), segment_in.end());
  if (checksum_pseudo) {  // UDP and TCP: one's complement over the pseudo-header and the segment
    std::uint32_t acc = sum16(0, s.view());
    acc = sum16(acc, d.view());
    acc += protocol;
    acc += static_cast<std::uint32_t>(segment.size() & 0xffff) + static_cast<std::uint32_t>(segment.size() >> 16);
    acc = sum16(acc, view_of(segment));
    std::uint16_t c = fold(acc);
    if (c == 0 && protocol == kIpProtoUdp) c = 0xffff;
    segment[checksum_offset] = static_cast<std::uint8_t>(c >> 8);
    segment[checksum_offset + 1] = static_cast<std::uint8_t>(c);
  }

  ByteWriter w;
  // Ethernet: locally administered MACs made of the IP's last four octets, readable in Wireshark.
  auto mac = [&w](const IpAddress& a) {
    w.u8(0x02), w.u8(0x00);
    w.bytes(a.view().subspan(a.size() - 4));
  };
  mac(d);
  mac(s);
  w.u16(s.family == AF_INET ? 0x0800 : 0x86dd);
  if (s.family == AF_INET) {
    const std::size_t total = 20 + segment.size();
    if (total > 0xffff) throw std::invalid_argument("pcap writer: IPv4 packet of " + std::to_string(total) + " octets");
    const std::size_t start = w.size();
    w.u8(0x45), w.u8(0), w.u16(static_cast<std::uint16_t>(total)), w.u16(ipv4_id_++), w.u16(0x4000);
    w.u8(64), w.u8(protocol), w.u16(0);
    w.bytes(s.view()), w.bytes(d.view());
    const std::uint16_t c = fold(sum16(0, ByteView(w.data()).subspan(start, 20)));
    w.patch_u16(start + 10, c);
  } else {
    if (segment.size() > 0xffff) throw std::invalid_argument("pcap writer: IPv6 payload too large");
    w.u32(0x60000000), w.u16(static_cast<std::uint16_t>(segment.size())), w.u8(protocol), w.u8(64);
    w.bytes(s.view()), w.bytes(d.view());
  }
  w.bytes(view_of(segment));
  record(t, view_of(w.data()));
}

void PcapWriter::sctp_data(Clock::time_point t, const Endpoint& src, const Endpoint& dst, std::uint16_t stream,
                           std::uint32_t ppid, ByteView payload) {
  const bool v6 = parse_address(src.address).family == AF_INET6;
  const std::size_t room = kMtu - (v6 ? 40 : 20) - kSctpCommonHeader - kSctpDataChunkHeader;
  SctpDirection& dir = sctp_[FlowKey{src.address, src.port, dst.address, dst.port}];
  const std::uint16_t ssn = dir.next_ssn[stream]++;
  const std::uint32_t vtag = verification_tag(src, dst);

  std::size_t done = 0;
  do {
    const std::size_t n = std::min(room, payload.size() - done);
    std::uint8_t flags = 0;
    if (done == 0) flags |= 0x02;                    // B: first fragment
    if (done + n == payload.size()) flags |= 0x01;  // E: last fragment
    ByteWriter w;
    w.u16(src.port), w.u16(dst.port), w.u32(vtag), w.u32(0);
    w.u8(0), w.u8(flags), w.u16(static_cast<std::uint16_t>(kSctpDataChunkHeader + n));
    w.u32(dir.next_tsn++), w.u16(stream), w.u16(ssn), w.u32(ppid);
    w.bytes(payload.subspan(done, n));
    w.zeros((4 - n % 4) % 4);
    Bytes packet = w.take();
    const std::uint32_t crc = crc32c(view_of(packet));
    // The CRC-32C goes on the wire least significant octet first (RFC 4960 appendix B).
    for (int i = 0; i < 4; ++i) packet[8 + i] = static_cast<std::uint8_t>(crc >> (8 * i));
    ip_packet(t, src, dst, kIpProtoSctp, view_of(packet), 0, false);
    done += n;
  } while (done < payload.size());
}

void PcapWriter::udp(Clock::time_point t, const Endpoint& src, const Endpoint& dst, ByteView payload) {
  if (payload.size() > 65507) throw std::invalid_argument("pcap writer: UDP payload of " + std::to_string(payload.size()));
  ByteWriter w;
  w.u16(src.port), w.u16(dst.port), w.u16(static_cast<std::uint16_t>(8 + payload.size())), w.u16(0);
  w.bytes(payload);
  ip_packet(t, src, dst, kIpProtoUdp, view_of(w.data()), 6, true);
}

void PcapWriter::tcp_segment(Clock::time_point t, const Endpoint& src, const Endpoint& dst, std::uint32_t seq,
                             std::uint32_t ack, std::uint8_t flags, ByteView payload) {
  ByteWriter w;
  w.u16(src.port), w.u16(dst.port), w.u32(seq), w.u32(ack);
  w.u8(5 << 4), w.u8(flags), w.u16(65535), w.u16(0), w.u16(0);
  w.bytes(payload);
  ip_packet(t, src, dst, kIpProtoTcp, view_of(w.data()), 16, true);
}

void PcapWriter::tcp(Clock::time_point t, const Endpoint& src, const Endpoint& dst, ByteView payload) {
  constexpr std::uint8_t kSyn = 0x02, kAck = 0x10, kPsh = 0x08;
  const FlowKey forward{src.address, src.port, dst.address, dst.port};
  const FlowKey backward{dst.address, dst.port, src.address, src.port};
  auto it = tcp_.find(forward);
  if (it == tcp_.end()) {
    // First segment of this connection in either direction: the sender is taken as the client.
    const std::uint32_t client_isn = 1000, server_isn = 50000;
    tcp_segment(t, src, dst, client_isn, 0, kSyn, {});
    tcp_segment(t, dst, src, server_isn, client_isn + 1, kSyn | kAck, {});
    tcp_segment(t, src, dst, client_isn + 1, server_isn + 1, kAck, {});
    tcp_[forward] = TcpFlow{client_isn + 1};
    tcp_[backward] = TcpFlow{server_isn + 1};
    it = tcp_.find(forward);
  }
  constexpr std::size_t kMss = 1400;
  std::size_t done = 0;
  do {
    const std::size_t n = std::min(kMss, payload.size() - done);
    TcpFlow& f = it->second;
    tcp_segment(t, src, dst, f.next_seq, tcp_[backward].next_seq, kPsh | kAck, payload.subspan(done, n));
    f.next_seq += static_cast<std::uint32_t>(n);
    done += n;
  } while (done < payload.size());
}

}  // namespace concur::capture
