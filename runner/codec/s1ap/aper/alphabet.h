// The aligned-PER character width and coding of known-multiplier character strings
// (X.691 26.5.2..26.5.4, 07/2002 numbering): b bits for the effective alphabet, rounded up to a
// power of two (B) in the ALIGNED variant; characters are sent as their own values when the
// largest one fits in B bits, otherwise as their index in the canonically ordered alphabet.
#pragma once

#include <asn_application.h>

#include "codec/s1ap/aper/descriptor_kind.h"

namespace concur::s1ap::aper {

class Alphabet {
 public:
  /// The effective alphabet of a string of `kind` under `pc` (may be null).
  Alphabet(concur_aper_kind kind, asn_per_constraints_t* pc);

  unsigned width() const noexcept { return width_; }
  /// The B-bit code of `c`, or -1 when `c` is not in the permitted alphabet.
  long encode(unsigned char c) const;
  /// The character for a B-bit code, or -1 when no character has that code.
  long decode(unsigned long code) const;

 private:
  bool permitted(unsigned long c) const;

  concur_aper_kind kind_;
  unsigned width_ = 8;
  bool indexed_ = false;
  long lb_ = 0;
  long ub_ = 255;
  int (*v2c_)(unsigned int) = nullptr;
  int (*c2v_)(unsigned int) = nullptr;
};

}  // namespace concur::s1ap::aper
