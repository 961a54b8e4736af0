// Fixed-size secret keys (K, OPc, CK, IK, KASME, KeNB, NH, algorithm keys).
// A key is compared in constant time, wiped when it goes away and never printed by accident:
// there is no operator<<; a caller who really needs the value asks for reveal_hex(), and logs
// use fingerprint(), which identifies a key without disclosing any of its bits.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/bytes.h"

namespace concur::security {

namespace detail {
bool constant_time_equal(const std::uint8_t* a, const std::uint8_t* b, std::size_t n) noexcept;
void wipe(void* p, std::size_t n) noexcept;
std::string fingerprint_of(const std::uint8_t* p, std::size_t n);
[[noreturn]] void throw_wrong_key_length(std::size_t want, std::size_t got);
}  // namespace detail

template <std::size_t N>
class SecretKey {
 public:
  static constexpr std::size_t size_octets = N;

  SecretKey() noexcept { bytes_.fill(0); }
  explicit SecretKey(const std::array<std::uint8_t, N>& b) noexcept : bytes_(b) {}
  /// Throws std::invalid_argument when `b` is not exactly N octets.
  explicit SecretKey(ByteView b) {
    if (b.size() != N) detail::throw_wrong_key_length(N, b.size());
    for (std::size_t i = 0; i < N; ++i) bytes_[i] = b[i];
  }
  static SecretKey from_hex(std::string_view hex) {
    const Bytes b = concur::from_hex(hex);
    SecretKey k{ByteView(b)};
    return k;
  }

  SecretKey(const SecretKey&) = default;
  SecretKey& operator=(const SecretKey&) = default;
  ~SecretKey() { detail::wipe(bytes_.data(), N); }

  ByteView view() const noexcept { return ByteView(bytes_.data(), N); }
  const std::uint8_t* data() const noexcept { return bytes_.data(); }
  std::uint8_t* data() noexcept { return bytes_.data(); }

  /// Constant-time: the time taken does not depend on where the keys differ.
  friend bool operator==(const SecretKey& a, const SecretKey& b) noexcept {
    return detail::constant_time_equal(a.bytes_.data(), b.bytes_.data(), N);
  }

  /// The full key in hex. Only for reports the user asked to contain key material.
  std::string reveal_hex() const { return to_hex(view()); }
  /// First 4 octets of SHA-256 over the key, in hex: tells keys apart in logs, reveals nothing.
  std::string fingerprint() const { return detail::fingerprint_of(bytes_.data(), N); }

 private:
  std::array<std::uint8_t, N> bytes_;
};

using Key128 = SecretKey<16>;  ///< K, OPc, CK, IK, K_NASenc/int, K_RRCenc/int, K_UPenc/int
using Key256 = SecretKey<32>;  ///< KASME, KeNB, NH, KeNB*

}  // namespace concur::security
