// ZUC and the algorithms built on it: 128-EEA3 and 128-EIA3, implemented from ETSI/SAGE
// "Specification of the 3GPP Confidentiality and Integrity Algorithms 128-EEA3 & 128-EIA3,
// Document 1 (EEA3/EIA3) and Document 2 (ZUC)" and TS 33.401 Annex B.3 / B.4.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "security/bit_string.h"
#include "security/secret_key.h"

namespace concur::security {

class Zuc {
 public:
  Zuc(const Key128& key, const std::array<std::uint8_t, 16>& iv);
  std::uint32_t next_word();
  std::vector<std::uint32_t> keystream(std::size_t words);

 private:
  void bit_reorganisation();
  std::uint32_t f();
  void lfsr(std::uint32_t u, bool init_mode);

  std::array<std::uint32_t, 16> s_{};
  std::uint32_t r1_ = 0, r2_ = 0;
  std::uint32_t x0_ = 0, x1_ = 0, x2_ = 0, x3_ = 0;
};

/// 128-EEA3; bits after `bits` in the last octet are zero.
Bytes eea3(const Key128& key, std::uint32_t count, std::uint8_t bearer, std::uint8_t direction, BitString in);
/// 128-EIA3: the 32-bit MAC.
std::array<std::uint8_t, 4> eia3(const Key128& key, std::uint32_t count, std::uint8_t bearer, std::uint8_t direction,
                                 BitString message);

/// The S-boxes (exposed for a permutation sanity test).
const std::array<std::uint8_t, 256>& zuc_s0();
const std::array<std::uint8_t, 256>& zuc_s1();

}  // namespace concur::security
