// Helpers for the aligned PER tests: owning pointers for asn1c structures, encode/decode
// shortcuts, and an independent structural comparison (asn1c's own XER output).
#pragma once

#include <gtest/gtest.h>

#include <cstdio>
#include <memory>
#include <string>

#include <asn_application.h>
#include <BIT_STRING.h>
#include <OCTET_STRING.h>
#include <per_encoder.h>
#include <xer_encoder.h>

#include "codec/s1ap/aper/aper.h"
#include "common/bytes.h"

namespace concur::s1ap::aper::testing {

/// Frees an asn1c structure with its descriptor.
struct AsnDeleter {
  asn_TYPE_descriptor_t* td;
  void operator()(void* p) const {
    if (p) td->free_struct(td, p, 0);
  }
};
template <class T>
using Owned = std::unique_ptr<T, AsnDeleter>;

template <class T>
Owned<T> make(asn_TYPE_descriptor_t& td) {
  return Owned<T>(static_cast<T*>(calloc(1, sizeof(T))), AsnDeleter{&td});
}

/// asn1c's canonical XER text of a value: an independent view of the structure's content.
inline std::string xer(asn_TYPE_descriptor_t& td, const void* value) {
  std::string out;
  auto cb = [](const void* buf, size_t size, void* key) -> int {
    static_cast<std::string*>(key)->append(static_cast<const char*>(buf), size);
    return 0;
  };
  const asn_enc_rval_t r = xer_encode(&td, const_cast<void*>(value), XER_F_CANONICAL, cb, &out);
  if (r.encoded < 0) return "<xer failed>";
  return out;
}

/// Encodes, expecting success, as lower-case hex.
inline std::string aper_hex(asn_TYPE_descriptor_t& td, const void* value) {
  auto r = encode(td, value);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().to_string());
  return r.ok() ? to_hex(view_of(*r)) : "<error>";
}

/// Decodes hex, expecting success.
template <class T>
Owned<T> aper_decode(asn_TYPE_descriptor_t& td, const std::string& hex) {
  const Bytes in = from_hex(hex);
  auto r = decode(td, view_of(in));
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().to_string());
  return Owned<T>(r.ok() ? static_cast<T*>(*r) : nullptr, AsnDeleter{&td});
}

/// Encodes `value`, decodes the result, and checks that the decoded structure equals the
/// original (by asn1c's XER) and re-encodes to the same octets. Returns the encoding's hex.
inline std::string round_trip(asn_TYPE_descriptor_t& td, const void* value) {
  auto enc = encode(td, value);
  EXPECT_TRUE(enc.ok()) << (enc.ok() ? "" : enc.error().to_string());
  if (!enc.ok()) return "<error>";
  auto dec = decode(td, view_of(*enc));
  EXPECT_TRUE(dec.ok()) << (dec.ok() ? "" : dec.error().to_string());
  if (!dec.ok()) return "<error>";
  Owned<void> back(*dec, AsnDeleter{&td});
  EXPECT_EQ(xer(td, value), xer(td, back.get()));
  auto again = encode(td, back.get());
  EXPECT_TRUE(again.ok());
  if (again.ok()) {
    EXPECT_EQ(to_hex(view_of(*enc)), to_hex(view_of(*again)));
  }
  return to_hex(view_of(*enc));
}

/// asn1c's own unaligned PER encoding, as hex (or "<uper failed>").
inline std::string uper_hex(asn_TYPE_descriptor_t& td, const void* value) {
  void* buf = nullptr;
  const ssize_t n = uper_encode_to_new_buffer(&td, nullptr, const_cast<void*>(value), &buf);
  if (n < 0) return "<uper failed>";
  std::string hex = to_hex(ByteView(static_cast<const std::uint8_t*>(buf), static_cast<std::size_t>(n)));
  free(buf);
  return hex;
}

inline void set_octets(OCTET_STRING_t& os, const std::string& text) {
  OCTET_STRING_fromBuf(&os, text.data(), static_cast<int>(text.size()));
}

inline void set_bits(BIT_STRING_t& bs, const Bytes& octets, int bits_unused) {
  free(bs.buf);
  bs.buf = static_cast<uint8_t*>(malloc(octets.size() + 1));
  std::copy(octets.begin(), octets.end(), bs.buf);
  bs.size = static_cast<int>(octets.size());
  bs.bits_unused = bits_unused;
}

}  // namespace concur::s1ap::aper::testing
