// Key material for the key-aware tests. Sources (PROTOCOL-FACTS.md §1.5):
//  - kOldKasme: open5gs tests/unit/security-test.c security_test3, KASME from Milenage test set 1
//    (§1.5(b), reproduced independently).
//  - kOldKenb, kOldNh1..3: KeNB at UL NAS COUNT 0 and the NH chain from kOldKasme (§1.5(c):
//    self-computed regression values, not an external vector; key_chain_test.cpp checks the
//    KDF on the external srsRAN vectors first).
//  - kNewKasme: srsRAN 4G lib/test/common/test_security_kdf.cc, K_ASME of the A.2 test (§1.5(a)).
#pragma once

#include <string_view>

#include "common/bytes.h"
#include "monitor/event.h"

namespace concur::monitor::test {

inline Key256 key_hex(std::string_view hex) {
  const Bytes b = from_hex(hex);
  Key256 k{};
  for (std::size_t i = 0; i < k.size() && i < b.size(); ++i) k[i] = b[i];
  return k;
}

inline const Key256 kOldKasme = key_hex("238e457e0f758badbca8d34bb2612c10428d426757cb5553b2b184fa64bfc549");
inline const Key256 kOldKenb = key_hex("0650eaf36cfaf5afca0bda96a5224406d6436b2bb0cf4cfde700aa59aa340f00");
inline const Key256 kOldNh1 = key_hex("783a78d6140040c25eb11b02650e3e8e26693e92977c8c9a37e340aa1594129b");
inline const Key256 kOldNh2 = key_hex("c38f0ff5a3ca01e85005c506e11a72c440764706bb6b707911c7be7910c8ff4b");
inline const Key256 kOldNh3 = key_hex("63016c153671e212ed08792a65102d3c82d74d82736df0040218c1886b878090");
inline const Key256 kNewKasme = key_hex("d5ef4d8f33266902295d42f322a2f2cf11fb2ccc124c09b4d88d361597037990");

}  // namespace concur::monitor::test
