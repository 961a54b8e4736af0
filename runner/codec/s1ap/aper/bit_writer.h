// Bit-level output for aligned PER: fields of any width MSB first, padding to an octet
// boundary where X.691 asks for an octet-aligned field (X.691 10.1, ALIGNED variant).
#pragma once

#include <cstddef>
#include <cstdint>

#include "common/bytes.h"

namespace concur::s1ap::aper {

class BitWriter {
 public:
  /// Appends the `width` low bits of `value`, most significant first (width 0..64).
  void bits(std::uint64_t value, unsigned width);
  void bit(bool b) { bits(b ? 1 : 0, 1); }
  /// Zero padding bits up to the next octet boundary (nothing if already aligned).
  void align();
  /// Appends `n` whole octets at the current bit position (aligned or not).
  void octets(const std::uint8_t* p, std::size_t n);
  /// Appends the first `nbits` bits of `p` (MSB first), e.g. a BIT STRING's content.
  void bit_field(const std::uint8_t* p, std::size_t nbits);

  std::size_t bit_size() const noexcept { return nbits_; }
  bool aligned() const noexcept { return (nbits_ & 7U) == 0; }
  /// The complete encoding: padded to whole octets; an empty encoding becomes one zero octet
  /// (X.691 10.1.3).
  Bytes finish() &&;

 private:
  Bytes out_;
  std::size_t nbits_ = 0;
};

}  // namespace concur::s1ap::aper
