// INTEGER values in asn1c 0.9.28 structures: NativeInteger (`long`, or `unsigned long` when the
// specifics say field_unsigned) and INTEGER_t (big-endian two's complement octets).
#pragma once

#include <asn_application.h>
#include <cstdlib>

#include <INTEGER.h>

#include "codec/s1ap/aper/descriptor_kind.h"
#include "codec/s1ap/aper/per_primitives.h"

namespace concur::s1ap::aper {

inline bool is_unsigned(const asn_TYPE_descriptor_t* td) {
  const auto* specs = static_cast<const asn_INTEGER_specifics_t*>(td->specifics);
  return specs && specs->field_unsigned;
}

/// Reads the value; false if an INTEGER_t holds more than 64 significant bits.
inline bool read_integer(const asn_TYPE_descriptor_t* td, const void* sptr, concur_aper_kind kind, i128& out) {
  if (kind == CONCUR_APER_NATIVE_INTEGER) {
    out = is_unsigned(td) ? static_cast<i128>(*static_cast<const unsigned long*>(sptr))
                          : static_cast<i128>(*static_cast<const long*>(sptr));
    return true;
  }
  const auto* st = static_cast<const INTEGER_t*>(sptr);
  if (st->size <= 0 || !st->buf) {
    out = 0;
    return true;
  }
  if (st->size > 9) return false;
  i128 v = (st->buf[0] & 0x80) ? -1 : 0;
  for (int i = 0; i < st->size; ++i) v = static_cast<i128>((static_cast<u128>(v) << 8) | st->buf[i]);
  out = v;
  return v >= INT64_MIN && v <= static_cast<i128>(UINT64_MAX);
}

/// Stores `v` (already checked against the constraint); false if it does not fit the field.
inline bool write_integer(const asn_TYPE_descriptor_t* td, void* sptr, concur_aper_kind kind, i128 v) {
  if (kind == CONCUR_APER_NATIVE_INTEGER) {
    if (is_unsigned(td)) {
      if (v < 0 || v > static_cast<i128>(static_cast<unsigned long>(-1))) return false;
      *static_cast<unsigned long*>(sptr) = static_cast<unsigned long>(v);
    } else {
      if (v < LONG_MIN || v > LONG_MAX) return false;
      *static_cast<long*>(sptr) = static_cast<long>(v);
    }
    return true;
  }
  auto* st = static_cast<INTEGER_t*>(sptr);
  std::uint8_t tmp[9];
  int n = 9;
  for (int i = 8; i >= 0; --i) tmp[i] = static_cast<std::uint8_t>(static_cast<u128>(v) >> (8 * (8 - i)));
  int start = 0;  // minimal two's complement: drop redundant leading 0x00 / 0xFF octets
  while (start < n - 1 && ((tmp[start] == 0x00 && !(tmp[start + 1] & 0x80)) || (tmp[start] == 0xFF && (tmp[start + 1] & 0x80)))) ++start;
  auto* buf = static_cast<std::uint8_t*>(std::malloc(static_cast<std::size_t>(n - start) + 1));
  if (!buf) return false;
  for (int i = start; i < n; ++i) buf[i - start] = tmp[i];
  buf[n - start] = 0;
  std::free(st->buf);
  st->buf = buf;
  st->size = n - start;
  return true;
}

}  // namespace concur::s1ap::aper
