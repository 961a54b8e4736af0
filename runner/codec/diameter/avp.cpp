#include "codec/diameter/avp.h"

#include <arpa/inet.h>

#include <stdexcept>

namespace concur::diameter {
namespace {

constexpr std::size_t padded(std::size_t n) { return (n + 3) & ~std::size_t{3}; }

std::string avp_name(std::uint32_t code) { return "AVP " + std::to_string(code); }

}  // namespace

Avp make_avp(const AvpDef& d, Bytes data) {
  Avp a;
  a.code = d.code;
  a.flags = static_cast<std::uint8_t>((d.vendor != 0 ? kAvpFlagVendor : 0) | (d.mandatory ? kAvpFlagMandatory : 0));
  a.vendor_id = d.vendor;
  a.data = std::move(data);
  return a;
}

Avp make_u32(const AvpDef& d, std::uint32_t v) {
  ByteWriter w;
  w.u32(v);
  return make_avp(d, w.take());
}

Avp make_u64(const AvpDef& d, std::uint64_t v) {
  ByteWriter w;
  w.u64(v);
  return make_avp(d, w.take());
}

Avp make_text(const AvpDef& d, std::string_view utf8) { return make_avp(d, Bytes(utf8.begin(), utf8.end())); }

Avp make_octets(const AvpDef& d, ByteView octets) { return make_avp(d, Bytes(octets.begin(), octets.end())); }

Avp make_grouped(const AvpDef& d, const std::vector<Avp>& m) { return make_avp(d, encode_avps(m)); }

Avp make_address(const AvpDef& d, const std::string& ip) {
  ByteWriter w;
  std::uint8_t buf[16];
  if (inet_pton(AF_INET, ip.c_str(), buf) == 1) {
    w.u16(1);
    w.bytes(ByteView(buf, 4));
  } else if (inet_pton(AF_INET6, ip.c_str(), buf) == 1) {
    w.u16(2);
    w.bytes(ByteView(buf, 16));
  } else {
    throw std::invalid_argument(std::string(d.name) + ": not a numeric IP address: " + ip);
  }
  return make_avp(d, w.take());
}

std::vector<Avp> read_avps(ByteReader& r, std::string_view path) {
  std::vector<Avp> out;
  const std::string prefix = path.empty() ? std::string() : std::string(path) + "/";
  while (!r.empty()) {
    const std::size_t start = r.offset();
    Avp a;
    a.code = r.u32(prefix + "AVP.code");
    const std::string name = prefix + avp_name(a.code);
    a.flags = r.u8(name + ".flags");
    const std::uint32_t length = r.u24(name + ".length");
    const std::size_t header = a.vendor_specific() ? 12 : 8;
    if (length < header)
      throw_decode(
          name + ".length", start + 5,
          "length " + std::to_string(length) + " is shorter than the AVP header (" + std::to_string(header) + ")");
    if (a.vendor_specific()) a.vendor_id = r.u32(name + ".vendor_id");
    const std::size_t data_len = length - header;
    if (data_len > r.remaining())
      throw_decode(name + ".length", start + 5,
                   "length " + std::to_string(length) + " runs past the end (" +
                       std::to_string(r.remaining() + header) + " octets left)");
    a.data_offset = r.offset();
    a.data = r.bytes(data_len, name + ".data");
    // RFC 6733 4.1: padding is not counted in AVP Length but is in the message; the last AVP of a
    // grouped AVP is padded too (4.4), so missing padding is malformed.
    const std::size_t pad = padded(data_len) - data_len;
    if (pad > r.remaining()) throw_decode(name + ".padding", r.offset(), "missing padding octets");
    r.skip(pad, name + ".padding");
    out.push_back(std::move(a));
  }
  return out;
}

void write_avp(ByteWriter& w, const Avp& a) {
  const std::size_t header = a.vendor_specific() ? 12 : 8;
  const std::size_t length = header + a.data.size();
  if (length > 0xFFFFFF)
    throw std::invalid_argument("AVP " + std::to_string(a.code) + ": data too long for 24-bit length");
  w.u32(a.code);
  w.u8(a.flags);
  w.u24(static_cast<std::uint32_t>(length));
  if (a.vendor_specific()) w.u32(a.vendor_id);
  w.bytes(a.data);
  w.zeros(padded(a.data.size()) - a.data.size());
}

void write_avps(ByteWriter& w, const std::vector<Avp>& avps) {
  for (const Avp& a : avps) write_avp(w, a);
}

Bytes encode_avps(const std::vector<Avp>& avps) {
  ByteWriter w;
  write_avps(w, avps);
  return w.take();
}

std::vector<Avp> members(const Avp& grouped) {
  ByteReader r(view_of(grouped.data), grouped.data_offset);
  return read_avps(r, avp_name(grouped.code));
}

std::uint32_t as_u32(const Avp& a) {
  if (a.data.size() != 4)
    throw_decode(avp_name(a.code), a.data_offset, "Unsigned32 needs 4 octets, has " + std::to_string(a.data.size()));
  ByteReader r(view_of(a.data), a.data_offset);
  return r.u32(avp_name(a.code));
}

std::uint64_t as_u64(const Avp& a) {
  if (a.data.size() != 8)
    throw_decode(avp_name(a.code), a.data_offset, "Unsigned64 needs 8 octets, has " + std::to_string(a.data.size()));
  ByteReader r(view_of(a.data), a.data_offset);
  return r.u64(avp_name(a.code));
}

std::string as_text(const Avp& a) { return std::string(a.data.begin(), a.data.end()); }

std::string as_address(const Avp& a) {
  ByteReader r(view_of(a.data), a.data_offset);
  const std::uint16_t family = r.u16(avp_name(a.code) + ".family");
  char text[64];
  if (family == 1 && r.remaining() == 4) {
    inet_ntop(AF_INET, a.data.data() + 2, text, sizeof text);
  } else if (family == 2 && r.remaining() == 16) {
    inet_ntop(AF_INET6, a.data.data() + 2, text, sizeof text);
  } else {
    throw_decode(avp_name(a.code) + ".address", a.data_offset,
                 "family " + std::to_string(family) + " with " + std::to_string(r.remaining()) + " address octets");
  }
  return text;
}

Bytes as_fixed(const Avp& a, std::size_t n, const char* name) {
  if (a.data.size() != n)
    throw_decode(name, a.data_offset, "needs " + std::to_string(n) + " octets, has " + std::to_string(a.data.size()));
  return a.data;
}

const Avp* find(const std::vector<Avp>& avps, const AvpDef& d) {
  for (const Avp& a : avps)
    if (a.is(d)) return &a;
  return nullptr;
}

std::vector<const Avp*> find_all(const std::vector<Avp>& avps, const AvpDef& d) {
  std::vector<const Avp*> out;
  for (const Avp& a : avps)
    if (a.is(d)) out.push_back(&a);
  return out;
}

const Avp& require(const std::vector<Avp>& avps, const AvpDef& d, std::size_t offset_if_missing) {
  if (const Avp* a = find(avps, d)) return *a;
  throw_decode(d.name, offset_if_missing, "missing mandatory AVP (code " + std::to_string(d.code) + ")");
}

}  // namespace concur::diameter
