// Hex helpers for the security tests: fixed-size arrays and keys from the hex of a test vector.
#pragma once

#include <array>
#include <cstdint>
#include <stdexcept>
#include <string_view>

#include "common/bytes.h"
#include "security/secret_key.h"

namespace concur::security::testing {

template <std::size_t N>
std::array<std::uint8_t, N> arr(std::string_view hex) {
  const Bytes b = from_hex(hex);
  if (b.size() != N) throw std::invalid_argument("test vector of the wrong length");
  std::array<std::uint8_t, N> a{};
  for (std::size_t i = 0; i < N; ++i) a[i] = b[i];
  return a;
}

inline Key128 k128(std::string_view hex) { return Key128::from_hex(hex); }
inline Key256 k256(std::string_view hex) { return Key256::from_hex(hex); }

template <std::size_t N>
std::string hex(const std::array<std::uint8_t, N>& a) {
  return to_hex(ByteView(a));
}

}  // namespace concur::security::testing
