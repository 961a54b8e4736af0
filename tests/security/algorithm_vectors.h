// Shared shape of the 33.401 Annex C / SAGE test sets and the checks every algorithm gets.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "security/eps_algorithms.h"
#include "test_hex.h"

namespace concur::security::testing {

struct CipherSet {
  std::string name;  // "set_N", used as the gtest parameter name
  std::string key;
  std::uint32_t count;
  std::uint8_t bearer;
  std::uint8_t direction;
  std::size_t bits;
  std::string plaintext;
  std::string ciphertext;
};

struct MacSet {
  std::string name;
  std::string key;
  std::uint32_t count;
  std::uint8_t bearer;
  std::uint8_t direction;
  std::size_t bits;
  std::string message;
  std::string mac;
};

inline void expect_ciphers_both_ways(CipheringAlgorithm alg, const CipherSet& s) {
  const Bytes p = from_hex(s.plaintext), c = from_hex(s.ciphertext);
  const auto dir = static_cast<Direction>(s.direction);
  EXPECT_EQ(to_hex(cipher(alg, k128(s.key), s.count, s.bearer, dir, BitString::first_bits(p, s.bits))),
            to_hex(ByteView(c).first((s.bits + 7) / 8)));
  Bytes expected_plain(p.begin(), p.begin() + static_cast<std::ptrdiff_t>((s.bits + 7) / 8));
  clear_trailing_bits(expected_plain, s.bits);
  EXPECT_EQ(to_hex(cipher(alg, k128(s.key), s.count, s.bearer, dir, BitString::first_bits(c, s.bits))),
            to_hex(expected_plain))
      << "deciphering gives the plaintext back";
}

inline void expect_mac(IntegrityAlgorithm alg, const MacSet& s) {
  Bytes m = from_hex(s.message);
  const auto dir = static_cast<Direction>(s.direction);
  const Mac32 mac = integrity_mac(alg, k128(s.key), s.count, s.bearer, dir, BitString::first_bits(m, s.bits));
  EXPECT_EQ(to_hex(ByteView(mac)), s.mac);
  // The last bit inside LENGTH counts; a bit after LENGTH (same octet) does not.
  const std::size_t last = s.bits - 1;
  m[last / 8] ^= static_cast<std::uint8_t>(0x80 >> (last % 8));
  EXPECT_NE(to_hex(ByteView(integrity_mac(alg, k128(s.key), s.count, s.bearer, dir, BitString::first_bits(m, s.bits)))),
            s.mac);
  m[last / 8] ^= static_cast<std::uint8_t>(0x80 >> (last % 8));
  if (s.bits % 8 != 0) {
    m[s.bits / 8] ^= static_cast<std::uint8_t>(0x80 >> (s.bits % 8));
    EXPECT_EQ(to_hex(ByteView(integrity_mac(alg, k128(s.key), s.count, s.bearer, dir, BitString::first_bits(m, s.bits)))),
              s.mac);
  }
}

}  // namespace concur::security::testing
