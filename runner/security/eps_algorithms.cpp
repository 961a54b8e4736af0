#include "security/eps_algorithms.h"

#include <stdexcept>

#include "security/aes.h"
#include "security/snow3g.h"
#include "security/zuc.h"

namespace concur::security {

std::string_view name(CipheringAlgorithm a) {
  switch (a) {
    case CipheringAlgorithm::eea0: return "EEA0";
    case CipheringAlgorithm::eea1: return "128-EEA1";
    case CipheringAlgorithm::eea2: return "128-EEA2";
    case CipheringAlgorithm::eea3: return "128-EEA3";
  }
  return "EEA?";
}

std::string_view name(IntegrityAlgorithm a) {
  switch (a) {
    case IntegrityAlgorithm::eia0: return "EIA0";
    case IntegrityAlgorithm::eia1: return "128-EIA1";
    case IntegrityAlgorithm::eia2: return "128-EIA2";
    case IntegrityAlgorithm::eia3: return "128-EIA3";
  }
  return "EIA?";
}

std::optional<CipheringAlgorithm> ciphering_algorithm_from_id(std::uint8_t id) {
  if (id > 3) return std::nullopt;
  return static_cast<CipheringAlgorithm>(id);
}

std::optional<IntegrityAlgorithm> integrity_algorithm_from_id(std::uint8_t id) {
  if (id > 3) return std::nullopt;
  return static_cast<IntegrityAlgorithm>(id);
}

Mac32 eia2(const Key128& key, std::uint32_t count, std::uint8_t bearer, std::uint8_t direction, BitString message) {
  // M = COUNT || BEARER || DIRECTION || 0^26 || MESSAGE, CMAC over 64 + LENGTH bits (B.2.3).
  Bytes m(8 + (message.bits + 7) / 8);
  m[0] = static_cast<std::uint8_t>(count >> 24);
  m[1] = static_cast<std::uint8_t>(count >> 16);
  m[2] = static_cast<std::uint8_t>(count >> 8);
  m[3] = static_cast<std::uint8_t>(count);
  m[4] = static_cast<std::uint8_t>(((bearer & 0x1F) << 3) | ((direction & 1) << 2));
  for (std::size_t i = 0; i < (message.bits + 7) / 8; ++i) m[8 + i] = message.octets[i];
  const Block t = aes128_cmac(key, BitString{ByteView(m), 64 + message.bits});
  return {t[0], t[1], t[2], t[3]};
}

Bytes eea2(const Key128& key, std::uint32_t count, std::uint8_t bearer, std::uint8_t direction, BitString in) {
  // T1 = COUNT || BEARER || DIRECTION || 0^26 || 0^64 (B.1.3), then AES-128-CTR.
  Block t1{};
  t1[0] = static_cast<std::uint8_t>(count >> 24);
  t1[1] = static_cast<std::uint8_t>(count >> 16);
  t1[2] = static_cast<std::uint8_t>(count >> 8);
  t1[3] = static_cast<std::uint8_t>(count);
  t1[4] = static_cast<std::uint8_t>(((bearer & 0x1F) << 3) | ((direction & 1) << 2));
  const std::size_t n = (in.bits + 7) / 8;
  Bytes out(n);
  aes128_ctr_xor(key, t1, in.octets.first(n), out.data());
  clear_trailing_bits(out, in.bits);
  return out;
}

Mac32 integrity_mac(IntegrityAlgorithm alg, const Key128& key, std::uint32_t count, std::uint8_t bearer,
                    Direction direction, BitString message) {
  const auto dir = static_cast<std::uint8_t>(direction);
  switch (alg) {
    case IntegrityAlgorithm::eia0: return Mac32{};
    case IntegrityAlgorithm::eia1: return eia1(key, count, bearer, dir, message);
    case IntegrityAlgorithm::eia2: return eia2(key, count, bearer, dir, message);
    case IntegrityAlgorithm::eia3: return eia3(key, count, bearer, dir, message);
  }
  throw std::invalid_argument("unknown integrity algorithm");
}

Bytes cipher(CipheringAlgorithm alg, const Key128& key, std::uint32_t count, std::uint8_t bearer, Direction direction,
             BitString in) {
  const auto dir = static_cast<std::uint8_t>(direction);
  switch (alg) {
    case CipheringAlgorithm::eea0: {
      Bytes out(in.octets.begin(), in.octets.begin() + static_cast<std::ptrdiff_t>((in.bits + 7) / 8));
      clear_trailing_bits(out, in.bits);
      return out;
    }
    case CipheringAlgorithm::eea1: return eea1(key, count, bearer, dir, in);
    case CipheringAlgorithm::eea2: return eea2(key, count, bearer, dir, in);
    case CipheringAlgorithm::eea3: return eea3(key, count, bearer, dir, in);
  }
  throw std::invalid_argument("unknown ciphering algorithm");
}

}  // namespace concur::security
