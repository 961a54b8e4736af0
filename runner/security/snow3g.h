// SNOW 3G and the algorithms built on it: 128-EEA1 (= UEA2 / f8) and 128-EIA1 (= UIA2 / f9),
// implemented from ETSI/SAGE "Specification of the 3GPP Confidentiality and Integrity
// Algorithms UEA2 & UIA2, Document 2: SNOW 3G Specification" and TS 33.401 Annex B.1 / B.2.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "security/bit_string.h"
#include "security/secret_key.h"

namespace concur::security {

class Snow3g {
 public:
  /// k[0..3] and iv[0..3] as named in the SNOW 3G specification (k0 = least significant word).
  Snow3g(const std::array<std::uint32_t, 4>& k, const std::array<std::uint32_t, 4>& iv);
  std::uint32_t next_word();
  std::vector<std::uint32_t> keystream(std::size_t words);

 private:
  std::uint32_t clock_fsm();
  void clock_lfsr(std::uint32_t f);

  std::array<std::uint32_t, 16> s_{};
  std::uint32_t r1_ = 0, r2_ = 0, r3_ = 0;
};

/// 128-EEA1: `out` receives ceil(bits/8) octets; bits after `bits` in the last octet are zero.
Bytes eea1(const Key128& key, std::uint32_t count, std::uint8_t bearer, std::uint8_t direction, BitString in);
/// 128-EIA1: the 32-bit MAC-I / NAS-MAC.
std::array<std::uint8_t, 4> eia1(const Key128& key, std::uint32_t count, std::uint8_t bearer, std::uint8_t direction,
                                 BitString message);

}  // namespace concur::security
