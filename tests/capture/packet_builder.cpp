#include "packet_builder.h"

#include <arpa/inet.h>

#include <cstdio>
#include <stdexcept>

#include "common/byte_writer.h"

namespace concur::capture::testing {
namespace {

__extension__ typedef __int128 Int128;

Bytes address(const std::string& text, int family) {
  Bytes out(family == AF_INET ? 4 : 16);
  if (inet_pton(family, text.c_str(), out.data()) != 1) throw std::invalid_argument("bad address " + text);
  return out;
}

void pad4(ByteWriter& w) {
  while (w.size() % 4) w.u8(0);
}

/// Little- or big-endian writer for capture-file fields.
struct FileWriter {
  bool big;
  Bytes out;
  void u8(std::uint8_t v) { out.push_back(v); }
  void u16(std::uint16_t v) {
    if (big) out.insert(out.end(), {static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)});
    else out.insert(out.end(), {static_cast<std::uint8_t>(v), static_cast<std::uint8_t>(v >> 8)});
  }
  void u32(std::uint32_t v) {
    if (big) u16(static_cast<std::uint16_t>(v >> 16)), u16(static_cast<std::uint16_t>(v));
    else u16(static_cast<std::uint16_t>(v)), u16(static_cast<std::uint16_t>(v >> 16));
  }
  void u64(std::uint64_t v) {
    if (big) u32(static_cast<std::uint32_t>(v >> 32)), u32(static_cast<std::uint32_t>(v));
    else u32(static_cast<std::uint32_t>(v)), u32(static_cast<std::uint32_t>(v >> 32));
  }
  void bytes(const Bytes& b) { out.insert(out.end(), b.begin(), b.end()); }
  void pad() {
    while (out.size() % 4) out.push_back(0);
  }
  void patch32(std::size_t at, std::uint32_t v) {
    FileWriter t{big, {}};
    t.u32(v);
    std::copy(t.out.begin(), t.out.end(), out.begin() + static_cast<std::ptrdiff_t>(at));
  }
};

}  // namespace

Bytes sctp_data(std::uint32_t tsn, std::uint16_t stream, std::uint16_t ssn, std::uint32_t ppid, const Bytes& data,
                std::uint8_t flags) {
  ByteWriter w;
  w.u8(0);
  w.u8(flags);
  w.u16(static_cast<std::uint16_t>(16 + data.size()));
  w.u32(tsn);
  w.u16(stream);
  w.u16(ssn);
  w.u32(ppid);
  w.bytes(data);
  pad4(w);
  return w.take();
}

Bytes sctp_idata(std::uint32_t tsn, std::uint16_t stream, std::uint32_t mid, std::uint32_t ppid_or_fsn, const Bytes& data,
                 std::uint8_t flags) {
  ByteWriter w;
  w.u8(64);
  w.u8(flags);
  w.u16(static_cast<std::uint16_t>(20 + data.size()));
  w.u32(tsn);
  w.u16(stream);
  w.u16(0);
  w.u32(mid);
  w.u32(ppid_or_fsn);
  w.bytes(data);
  pad4(w);
  return w.take();
}

Bytes sctp_sack(std::uint32_t cumulative_tsn) {
  ByteWriter w;
  w.u8(3);
  w.u8(0);
  w.u16(16);
  w.u32(cumulative_tsn);
  w.u32(65536);  // a_rwnd
  w.u16(0);
  w.u16(0);
  return w.take();
}

Bytes sctp_packet(std::uint16_t src_port, std::uint16_t dst_port, std::uint32_t tag, const std::vector<Bytes>& chunks) {
  ByteWriter w;
  w.u16(src_port);
  w.u16(dst_port);
  w.u32(tag);
  w.u32(0);  // checksum: the reader does not verify it (offload), tshark does not by default
  for (const auto& c : chunks) w.bytes(c);
  return w.take();
}

Bytes udp(std::uint16_t src_port, std::uint16_t dst_port, const Bytes& payload) {
  ByteWriter w;
  w.u16(src_port);
  w.u16(dst_port);
  w.u16(static_cast<std::uint16_t>(8 + payload.size()));
  w.u16(0);
  w.bytes(payload);
  return w.take();
}

Bytes tcp(std::uint16_t src_port, std::uint16_t dst_port, std::uint32_t seq, std::uint8_t flags, const Bytes& payload) {
  ByteWriter w;
  w.u16(src_port);
  w.u16(dst_port);
  w.u32(seq);
  w.u32(0);
  w.u8(6 << 4);  // 24-octet header: one option word (NOP NOP NOP EOL)
  w.u8(flags);
  w.u16(65535);
  w.u16(0);
  w.u16(0);
  w.bytes(Bytes{1, 1, 1, 0});
  w.bytes(payload);
  return w.take();
}

Bytes ipv4(const std::string& src, const std::string& dst, std::uint8_t protocol, const Bytes& payload, std::uint16_t id,
           std::uint16_t fragment_offset_octets, bool more_fragments) {
  ByteWriter w;
  w.u8(0x45);
  w.u8(0);
  w.u16(static_cast<std::uint16_t>(20 + payload.size()));
  w.u16(id);
  w.u16(static_cast<std::uint16_t>((more_fragments ? 0x2000 : 0) | (fragment_offset_octets / 8)));
  w.u8(64);
  w.u8(protocol);
  w.u16(0);
  w.bytes(address(src, AF_INET));
  w.bytes(address(dst, AF_INET));
  w.bytes(payload);
  return w.take();
}

std::vector<Bytes> ipv4_fragments(const std::string& src, const std::string& dst, std::uint8_t protocol,
                                  const Bytes& payload, std::uint16_t id, std::size_t fragment_octets) {
  std::vector<Bytes> out;
  for (std::size_t at = 0; at < payload.size(); at += fragment_octets) {
    const std::size_t n = std::min(fragment_octets, payload.size() - at);
    Bytes part(payload.begin() + static_cast<std::ptrdiff_t>(at), payload.begin() + static_cast<std::ptrdiff_t>(at + n));
    out.push_back(ipv4(src, dst, protocol, part, id, static_cast<std::uint16_t>(at), at + n < payload.size()));
  }
  return out;
}

Bytes ipv6(const std::string& src, const std::string& dst, std::uint8_t next, const Bytes& payload,
           const std::vector<Ipv6Extension>& extensions) {
  ByteWriter ext;
  for (std::size_t i = 0; i < extensions.size(); ++i) {
    const std::uint8_t following = i + 1 < extensions.size() ? extensions[i + 1].type : next;
    const auto& e = extensions[i];
    ByteWriter h;
    h.u8(following);
    h.u8(0);
    h.bytes(e.body);
    if (e.type == 51) {  // AH: length in 4-octet units minus 2
      while (h.size() % 4) h.u8(0);
      h.patch_u8(1, static_cast<std::uint8_t>(h.size() / 4 - 2));
    } else {
      while (h.size() % 8) h.u8(0);
      h.patch_u8(1, static_cast<std::uint8_t>(h.size() / 8 - 1));
    }
    ext.bytes(h.data());
  }
  ByteWriter w;
  w.u32(0x60000000);
  w.u16(static_cast<std::uint16_t>(ext.size() + payload.size()));
  w.u8(extensions.empty() ? next : extensions.front().type);
  w.u8(64);
  w.bytes(address(src, AF_INET6));
  w.bytes(address(dst, AF_INET6));
  w.bytes(ext.data());
  w.bytes(payload);
  return w.take();
}

std::vector<Bytes> ipv6_fragments(const std::string& src, const std::string& dst, std::uint8_t next, const Bytes& payload,
                                  std::uint32_t id, std::size_t fragment_octets) {
  std::vector<Bytes> out;
  for (std::size_t at = 0; at < payload.size(); at += fragment_octets) {
    const std::size_t n = std::min(fragment_octets, payload.size() - at);
    ByteWriter f;
    f.u8(next);
    f.u8(0);
    f.u16(static_cast<std::uint16_t>(at | (at + n < payload.size() ? 1 : 0)));
    f.u32(id);
    f.bytes(ByteView(payload.data() + at, n));
    ByteWriter w;
    w.u32(0x60000000);
    w.u16(static_cast<std::uint16_t>(f.size()));
    w.u8(44);
    w.u8(64);
    w.bytes(address(src, AF_INET6));
    w.bytes(address(dst, AF_INET6));
    w.bytes(f.data());
    out.push_back(w.take());
  }
  return out;
}

Bytes ethernet(std::uint16_t ethertype, const Bytes& payload, const std::vector<std::uint16_t>& vlan_tpids) {
  ByteWriter w;
  w.bytes(Bytes{0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01});
  std::uint16_t vid = 100;
  for (std::uint16_t tpid : vlan_tpids) {
    w.u16(tpid);
    w.u16(vid++);
  }
  w.u16(ethertype);
  w.bytes(payload);
  while (w.size() < 60) w.u8(0);  // Ethernet minimum frame: padding after short IP packets
  return w.take();
}

Bytes linux_sll(std::uint16_t protocol, const Bytes& payload) {
  ByteWriter w;
  w.u16(0);       // packet type: to us
  w.u16(1);       // ARPHRD_ETHER
  w.u16(6);
  w.bytes(Bytes{0x02, 0, 0, 0, 0, 0x01, 0, 0});
  w.u16(protocol);
  w.bytes(payload);
  return w.take();
}

Bytes linux_sll2(std::uint16_t protocol, const Bytes& payload) {
  ByteWriter w;
  w.u16(protocol);
  w.u16(0);
  w.u32(3);  // interface index
  w.u16(1);  // ARPHRD_ETHER
  w.u8(4);   // outgoing
  w.u8(6);
  w.bytes(Bytes{0x02, 0, 0, 0, 0, 0x01, 0, 0});
  w.bytes(payload);
  return w.take();
}

Bytes null_header(std::uint32_t family, bool little_endian, const Bytes& payload) {
  FileWriter w{!little_endian, {}};
  w.u32(family);
  w.bytes(payload);
  return w.out;
}

Bytes pcap_file(std::uint32_t linktype, const std::vector<Frame>& frames, PcapStyle style) {
  FileWriter w{style.big_endian, {}};
  w.u32(style.nanoseconds ? 0xa1b23c4d : 0xa1b2c3d4);
  w.u16(2);
  w.u16(4);
  w.u32(0);
  w.u32(0);
  w.u32(style.snaplen);
  w.u32(linktype);
  for (const auto& f : frames) {
    w.u32(static_cast<std::uint32_t>(f.timestamp_ns / 1'000'000'000));
    const std::int64_t sub = f.timestamp_ns % 1'000'000'000;
    w.u32(static_cast<std::uint32_t>(style.nanoseconds ? sub : sub / 1000));
    w.u32(static_cast<std::uint32_t>(f.data.size()));
    w.u32(f.original_length.value_or(static_cast<std::uint32_t>(f.data.size())));
    w.bytes(f.data);
  }
  return w.out;
}

Bytes pcapng_file(const std::vector<PcapngInterface>& interfaces, const std::vector<Frame>& frames, bool big_endian) {
  FileWriter w{big_endian, {}};
  auto block = [&](std::uint32_t type, auto&& body) {
    const std::size_t start = w.out.size();
    w.u32(type);
    w.u32(0);
    body();
    w.pad();
    const auto length = static_cast<std::uint32_t>(w.out.size() - start + 4);
    w.u32(length);
    w.patch32(start + 4, length);
  };
  block(0x0A0D0D0A, [&] {
    w.u32(0x1A2B3C4D);
    w.u16(1);
    w.u16(0);
    w.u64(~std::uint64_t{0});  // section length unknown
  });
  for (const auto& itf : interfaces) {
    block(1, [&] {
      w.u16(static_cast<std::uint16_t>(itf.linktype));
      w.u16(0);
      w.u32(0);
      if (itf.tsresol) {
        w.u16(9);
        w.u16(1);
        w.u8(*itf.tsresol);
        w.pad();
      }
      if (itf.tsoffset_seconds) {
        w.u16(14);
        w.u16(8);
        w.u64(static_cast<std::uint64_t>(*itf.tsoffset_seconds));
      }
      w.u16(0);
      w.u16(0);
    });
  }
  for (const auto& f : frames) {
    if (f.interface_id == UINT32_MAX) {
      block(3, [&] {
        w.u32(f.original_length.value_or(static_cast<std::uint32_t>(f.data.size())));
        w.bytes(f.data);
      });
      continue;
    }
    const PcapngInterface& itf = interfaces.at(f.interface_id);
    std::uint64_t units;
    const std::uint8_t r = itf.tsresol.value_or(6);
    const std::int64_t local_ns = f.timestamp_ns - itf.tsoffset_seconds.value_or(0) * 1'000'000'000;
    if (r & 0x80) {
      units = static_cast<std::uint64_t>((static_cast<Int128>(local_ns) << (r & 0x7F)) / 1'000'000'000);
    } else {
      std::int64_t div = 1;
      for (int i = r; i < 9; ++i) div *= 10;
      units = static_cast<std::uint64_t>(local_ns / div);
    }
    block(6, [&] {
      w.u32(f.interface_id);
      w.u32(static_cast<std::uint32_t>(units >> 32));
      w.u32(static_cast<std::uint32_t>(units));
      w.u32(static_cast<std::uint32_t>(f.data.size()));
      w.u32(f.original_length.value_or(static_cast<std::uint32_t>(f.data.size())));
      w.bytes(f.data);
      w.pad();
    });
  }
  return w.out;
}

namespace {
ReadResult drain(CaptureReader& reader) {
  ReadResult r;
  while (auto m = reader.next()) r.messages.push_back(std::move(*m));
  r.error = reader.error();
  r.warnings = reader.warnings();
  r.stats = reader.stats();
  return r;
}
}  // namespace

ReadResult read_capture(const Bytes& file, CaptureOptions options, const std::string& name) {
  // fmemopen with size 0 fails; an empty file is a temporary FILE with nothing in it.
  std::FILE* stream = file.empty() ? std::tmpfile()
                                   : fmemopen(const_cast<std::uint8_t*>(file.data()), file.size(), "rb");
  CaptureReader reader(stream, name, std::move(options));
  return drain(reader);
}

ReadResult read_capture_file(const std::string& path, CaptureOptions options) {
  CaptureReader reader(path, std::move(options));
  return drain(reader);
}

Bytes s1ap_pdu(std::uint8_t procedure_code, std::size_t total_octets, std::uint8_t fill) {
  Bytes b{0x00, procedure_code, 0x00, static_cast<std::uint8_t>(total_octets - 4)};
  b.resize(total_octets, fill);
  return b;
}

Bytes diameter_message(std::uint32_t command_code, bool request, std::size_t total_octets, std::uint32_t hop_by_hop) {
  ByteWriter w;
  w.u8(1);
  w.u24(static_cast<std::uint32_t>(total_octets));
  w.u8(request ? 0x80 : 0x00);
  w.u24(command_code);
  w.u32(16777251);  // S6a application id (TS 29.272 7.1.8)
  w.u32(hop_by_hop);
  w.u32(hop_by_hop ^ 0x5a5a5a5a);
  while (w.size() < total_octets) w.u8(static_cast<std::uint8_t>(w.size()));
  return w.take();
}

Bytes gtpv2c_message(std::uint8_t type, std::uint32_t sequence, std::size_t body_octets, bool piggyback) {
  ByteWriter w;
  w.u8(static_cast<std::uint8_t>(0x48 | (piggyback ? 0x10 : 0)));  // version 2, T=1
  w.u8(type);
  w.u16(static_cast<std::uint16_t>(8 + body_octets));
  w.u32(0x01020304);  // TEID
  w.u24(sequence);
  w.u8(0);
  w.zeros(body_octets);
  return w.take();
}

}  // namespace concur::capture::testing
