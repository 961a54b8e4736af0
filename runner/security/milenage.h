// Milenage, the example 3GPP authentication and key generation functions f1, f1*, f2, f3, f4,
// f5 and f5* (TS 35.206; constants r1..r5 = 64, 0, 32, 64, 96 and c1..c5 = 0, 1, 2, 4, 8; kernel
// E_K = AES-128). Used by the emulated HSS and by the UE emulator's USIM.
#pragma once

#include <array>
#include <cstdint>

#include "security/aes.h"
#include "security/secret_key.h"

namespace concur::security {

using Rand = std::array<std::uint8_t, 16>;
using Sqn = std::array<std::uint8_t, 6>;  ///< 48-bit sequence number, big-endian
using Amf = std::array<std::uint8_t, 2>;
using Mac64 = std::array<std::uint8_t, 8>;
using Ak = std::array<std::uint8_t, 6>;

Sqn sqn_from_u64(std::uint64_t v);  ///< low 48 bits
std::uint64_t sqn_to_u64(const Sqn& s);

class Milenage {
 public:
  /// From the subscriber key K and the operator variant OPc (as stored in an HSS or USIM).
  Milenage(const Key128& k, const Key128& opc);
  /// From K and OP: computes OPc = OP xor E_K(OP).
  static Milenage with_op(const Key128& k, const Key128& op);
  static Key128 opc_from_op(const Key128& k, const Key128& op);

  Mac64 f1(const Rand& rand, const Sqn& sqn, const Amf& amf) const;       ///< MAC-A
  Mac64 f1_star(const Rand& rand, const Sqn& sqn, const Amf& amf) const;  ///< MAC-S (resync)

  struct F2345 {
    Mac64 res;  ///< f2, RES / XRES (64 bits)
    Key128 ck;  ///< f3
    Key128 ik;  ///< f4
    Ak ak;      ///< f5
  };
  F2345 f2345(const Rand& rand) const;
  Ak f5_star(const Rand& rand) const;  ///< AK used to conceal SQN_MS in AUTS

  const Key128& opc() const noexcept { return opc_; }

 private:
  Block out1(const Rand& rand, const Sqn& sqn, const Amf& amf) const;
  Block out_i(const Block& temp, int rotate_octets, std::uint8_t c_last) const;
  Block temp(const Rand& rand) const;

  Aes128 ek_;
  Key128 opc_;
};

}  // namespace concur::security
