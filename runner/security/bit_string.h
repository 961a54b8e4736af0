// A message given as a bit length over octets, most significant bit of octet 0 first. The
// 3GPP algorithms (TS 33.401 Annex B) take LENGTH in bits, and their test data has lengths that
// are not multiples of 8; byte-only APIs cannot express those.
#pragma once

#include <cstddef>
#include <stdexcept>

#include "common/bytes.h"

namespace concur::security {

struct BitString {
  ByteView octets;
  std::size_t bits = 0;

  /// All bits of `b`.
  static BitString whole(ByteView b) { return BitString{b, b.size() * 8}; }
  /// The first `bits` bits of `b`; throws std::invalid_argument when `b` is too short.
  static BitString first_bits(ByteView b, std::size_t bits) {
    if (bits > b.size() * 8) throw std::invalid_argument("bit length exceeds the octets given");
    return BitString{b.first((bits + 7) / 8), bits};
  }
};

/// Clears the bits after `bits` in the last octet (test data and receivers expect zeros there).
inline void clear_trailing_bits(Bytes& b, std::size_t bits) {
  if (bits % 8 != 0 && !b.empty()) b[bits / 8] &= static_cast<std::uint8_t>(0xFF << (8 - bits % 8));
}

}  // namespace concur::security
