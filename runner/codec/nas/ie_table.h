// Internal: the non-imperative (optional) part of a NAS message, driven by a per-message table.
// TS 24.301 §9.9.1 / TS 24.007 §11.2.4: an IE whose IEI has bit 8 set is one octet long (type 1
// or 2); any other IE not known in the message is skipped by its length (type 4). IEs the
// codec knows but does not type, and unknown IEs, are kept as RawIe, and the order the IEs came in
// is remembered, so that a decoded message re-encodes byte-identically.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "codec/nas/ies.h"
#include "common/byte_reader.h"
#include "common/byte_writer.h"

namespace concur::nas {

/// Optional IEs a message carries beyond its typed fields, and the wire order of all optional IEs.
struct OtherIes {
  std::vector<RawIe> list;            ///< known-but-untyped and unknown IEs, in arrival order
  std::vector<std::uint8_t> order;    ///< IEI (high nibble for type 1) of every optional IE as received
  const RawIe* find(std::uint8_t iei) const {
    for (const auto& ie : list) {
      if (ie.iei == iei) return &ie;
    }
    return nullptr;
  }
  /// Equality ignores `order`: it only steers re-encoding.
  bool operator==(const OtherIes& o) const { return list == o.list; }
};

namespace detail {

using Format = RawIe::Format;

template <class M>
struct OptionalIeSpec {
  std::uint8_t iei;         ///< full IEI; for tv1 the high nibble (e.g. 0xC0)
  Format format;
  std::uint8_t tv_length;   ///< tv only: octets including the IEI
  const char* name;         ///< field name used in DecodeError
  bool (*present)(const M&) = nullptr;       ///< null: kept as RawIe
  void (*decode)(M&, ByteReader&) = nullptr;  ///< reads the whole value
  void (*encode)(const M&, ByteWriter&) = nullptr;
};

/// A table row for an IE the codec keeps as raw octets (TV lengths must be known to skip them).
template <class M>
constexpr OptionalIeSpec<M> raw(std::uint8_t iei, Format f, const char* name, std::uint8_t tv_length = 0) {
  return {iei, f, tv_length, name};
}

/// A table row for an IE decoded into `std::optional<T> M::*Field` with the given value codec.
template <class M, auto Field, auto Dec, auto Enc>
constexpr OptionalIeSpec<M> typed(std::uint8_t iei, Format f, const char* name, std::uint8_t tv_length = 0) {
  return {iei, f, tv_length, name, +[](const M& m) { return (m.*Field).has_value(); },
          +[](M& m, ByteReader& r) { m.*Field = Dec(r); }, +[](const M& m, ByteWriter& w) { Enc(*(m.*Field), w); }};
}

// Value codecs for simple optional IE values.
inline std::uint8_t dec_nibble(ByteReader& r) { return static_cast<std::uint8_t>(r.u8("half_octet") & 0x0F); }
inline void enc_nibble(const std::uint8_t& v, ByteWriter& w) { w.u8(v & 0x0F); }
inline NasKeySetIdentifier dec_ksi(ByteReader& r) { return NasKeySetIdentifier::from_nibble(r.u8("nas_ksi")); }
inline void enc_ksi(const NasKeySetIdentifier& v, ByteWriter& w) { w.u8(v.nibble()); }
inline std::uint8_t dec_u8(ByteReader& r) { return r.u8("value"); }
inline void enc_u8(const std::uint8_t& v, ByteWriter& w) { w.u8(v); }
inline std::uint32_t dec_u32(ByteReader& r) { return r.u32("value"); }
inline void enc_u32(const std::uint32_t& v, ByteWriter& w) { w.u32(v); }
inline Bytes dec_bytes(ByteReader& r) {
  ByteView v = r.rest();
  return Bytes(v.begin(), v.end());
}
inline void enc_bytes(const Bytes& v, ByteWriter& w) { w.bytes(v); }
inline DrxParameter dec_drx(ByteReader& r) {
  DrxParameter d;
  d.split_pg_cycle_code = r.u8("drx_parameter.split_pg_cycle_code");
  d.octet2 = r.u8("drx_parameter.octet2");
  return d;
}
inline void enc_drx(const DrxParameter& v, ByteWriter& w) { w.u8(v.split_pg_cycle_code), w.u8(v.octet2); }
inline AccessPointName dec_apn(ByteReader& r) {
  if (r.remaining() < 1 || r.remaining() > 100) r.fail("access_point_name", "length outside 1..100");
  return {dec_bytes(r)};
}
inline void enc_apn(const AccessPointName& v, ByteWriter& w) { w.bytes(v.encoded); }

/// Parses optional IEs until `r` is empty. `msg_name` prefixes field names in errors.
template <class M>
void decode_optional(ByteReader& r, std::span<const OptionalIeSpec<M>> table, M& m, OtherIes& other,
                     std::string_view msg_name) {
  const std::string prefix = std::string(msg_name) + ".";
  while (!r.empty()) {
    const std::size_t at = r.offset();
    const std::uint8_t iei = r.u8("iei");
    if (iei & 0x80) {
      // Type 1 (IEI in bits 8–5, value in bits 4–1) or type 2: one octet either way.
      const std::uint8_t key = iei & 0xF0;
      const OptionalIeSpec<M>* spec = nullptr;
      for (const auto& s : table) {
        if (s.format == Format::tv1 && s.iei == key) spec = &s;
      }
      if (spec && spec->present && !spec->present(m)) {
        const std::uint8_t nib = iei & 0x0F;
        ByteReader one(ByteView(&nib, 1), at);
        spec->decode(m, one);
        other.order.push_back(key);
      } else if (spec) {
        other.list.push_back({key, Format::tv1, Bytes{static_cast<std::uint8_t>(iei & 0x0F)}});
        other.order.push_back(key);
      } else {
        other.list.push_back({iei, Format::t, {}});
        other.order.push_back(iei);
      }
      continue;
    }
    const OptionalIeSpec<M>* spec = nullptr;
    for (const auto& s : table) {
      if (s.format != Format::tv1 && s.iei == iei) spec = &s;
    }
    Format format;
    std::size_t len;
    std::string field = prefix + (spec ? spec->name : "unknown_ie_0x" + to_hex(ByteView(&iei, 1)));
    if (spec && spec->format == Format::tv) {
      format = Format::tv;
      len = spec->tv_length - 1u;
    } else if ((spec && spec->format == Format::tlv_e) || (!spec && (iei & 0xF0) == 0x70)) {
      // TLV-E (type 6): IEIs 0x7X in EPS NAS messages (TS 24.007 §11.2.4; inference for unknown ones).
      format = Format::tlv_e;
      len = r.u16(field + ".length");
    } else {
      if (!spec && (iei & 0xF0) == 0x00) {
        // TS 24.301 §7.7.1 / TS 24.007 §11.2.4: an unknown IE with IEI 0000xxxx is
        // "comprehension required": the message cannot be processed.
        throw_decode(field, at, "unknown comprehension-required IE");
      }
      format = Format::tlv;
      len = r.u8(field + ".length");
    }
    ByteReader value = r.sub(len, field);
    other.order.push_back(iei);
    if (spec && spec->present && !spec->present(m)) {
      try {
        spec->decode(m, value);
      } catch (const DecodeFailure& e) {
        // Re-label with the message and IE name, keep the absolute offset.
        throw_decode(field + "." + e.error().field, e.error().offset, e.error().reason);
      }
      if (!value.empty()) throw_decode(field, value.offset(), std::to_string(value.remaining()) + " octet(s) too long");
    } else {
      other.list.push_back({iei, format, dec_bytes(value)});
    }
  }
}

inline void write_raw(const RawIe& ie, ByteWriter& w) {
  switch (ie.format) {
    case Format::tv1: w.u8(static_cast<std::uint8_t>((ie.iei & 0xF0) | (ie.value.empty() ? 0 : ie.value[0] & 0x0F))); return;
    case Format::t: w.u8(ie.iei); return;
    case Format::tv: w.u8(ie.iei), w.bytes(ie.value); return;
    case Format::tlv:
      if (ie.value.size() > 255) throw std::invalid_argument("TLV IE value longer than 255 octets");
      w.u8(ie.iei), w.u8(static_cast<std::uint8_t>(ie.value.size())), w.bytes(ie.value);
      return;
    case Format::tlv_e:
      if (ie.value.size() > 65535) throw std::invalid_argument("TLV-E IE value longer than 65535 octets");
      w.u8(ie.iei), w.u16(static_cast<std::uint16_t>(ie.value.size())), w.bytes(ie.value);
      return;
  }
}

template <class M>
void write_typed(const OptionalIeSpec<M>& s, const M& m, ByteWriter& w) {
  ByteWriter v;
  s.encode(m, v);
  const Bytes& value = v.data();
  if (s.format == Format::tv1) {
    w.u8(static_cast<std::uint8_t>(s.iei | (value.empty() ? 0 : value[0] & 0x0F)));
    return;
  }
  if (s.format == Format::tv && value.size() + 1 != s.tv_length) {
    throw std::invalid_argument(std::string(s.name) + ": TV value has the wrong length");
  }
  write_raw({s.iei, s.format, value}, w);
}

/// Writes the optional IEs: first in the remembered wire order, then the rest in table order,
/// then unknown ones.
template <class M>
void encode_optional(ByteWriter& w, std::span<const OptionalIeSpec<M>> table, const M& m, const OtherIes& other) {
  std::vector<bool> typed_done(table.size(), false), raw_done(other.list.size(), false);
  auto emit_raw_with = [&](std::uint8_t key, bool all) {
    for (std::size_t i = 0; i < other.list.size(); ++i) {
      if (!raw_done[i] && other.list[i].iei == key) {
        write_raw(other.list[i], w);
        raw_done[i] = true;
        if (!all) return true;
      }
    }
    return false;
  };
  for (const std::uint8_t key : other.order) {
    bool done = false;
    for (std::size_t i = 0; i < table.size() && !done; ++i) {
      const auto& s = table[i];
      if (s.iei == key && s.present && !typed_done[i] && s.present(m)) {
        write_typed(s, m, w);
        typed_done[i] = true;
        done = true;
      }
    }
    if (!done) emit_raw_with(key, false);
  }
  for (std::size_t i = 0; i < table.size(); ++i) {
    const auto& s = table[i];
    if (s.present) {
      if (!typed_done[i] && s.present(m)) write_typed(s, m, w);
    }
    emit_raw_with(s.iei, true);
  }
  for (std::size_t i = 0; i < other.list.size(); ++i) {
    if (!raw_done[i]) write_raw(other.list[i], w);
  }
}

}  // namespace detail
}  // namespace concur::nas
