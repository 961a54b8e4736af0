#include "security/milenage.h"

#include <algorithm>

namespace concur::security {

Sqn sqn_from_u64(std::uint64_t v) {
  Sqn s{};
  for (int i = 5; i >= 0; --i, v >>= 8) s[i] = static_cast<std::uint8_t>(v);
  return s;
}

std::uint64_t sqn_to_u64(const Sqn& s) {
  std::uint64_t v = 0;
  for (auto o : s) v = (v << 8) | o;
  return v;
}

namespace {
Block xor_block(const Block& a, const std::uint8_t* b) {
  Block r{};
  for (int i = 0; i < 16; ++i) r[i] = a[i] ^ b[i];
  return r;
}
/// Cyclic rotation of a 128-bit value towards the most significant bit by whole octets
/// (all Milenage rotation constants are multiples of 8).
Block rotate_octets(const Block& in, int octets) {
  Block out{};
  for (int i = 0; i < 16; ++i) out[i] = in[(i + octets) % 16];
  return out;
}
}  // namespace

Milenage::Milenage(const Key128& k, const Key128& opc) : ek_(k), opc_(opc) {}

Key128 Milenage::opc_from_op(const Key128& k, const Key128& op) {
  const Aes128 ek(k);
  Block op_block{};
  std::copy_n(op.data(), 16, op_block.begin());
  Block e = ek.encrypt(op_block);
  Block opc = xor_block(e, op.data());
  Key128 out(opc);
  e.fill(0);
  opc.fill(0);
  return out;
}

Milenage Milenage::with_op(const Key128& k, const Key128& op) { return Milenage(k, opc_from_op(k, op)); }

Block Milenage::temp(const Rand& rand) const {
  Block r{};
  std::copy(rand.begin(), rand.end(), r.begin());
  return ek_.encrypt(xor_block(r, opc_.data()));
}

Block Milenage::out1(const Rand& rand, const Sqn& sqn, const Amf& amf) const {
  const Block t = temp(rand);
  Block in1{};
  std::copy(sqn.begin(), sqn.end(), in1.begin());
  std::copy(amf.begin(), amf.end(), in1.begin() + 6);
  std::copy(sqn.begin(), sqn.end(), in1.begin() + 8);
  std::copy(amf.begin(), amf.end(), in1.begin() + 14);
  // OUT1 = E_K(TEMP xor rot(IN1 xor OPc, r1) xor c1) xor OPc, r1 = 64 bits, c1 = 0.
  Block x = rotate_octets(xor_block(in1, opc_.data()), 8);
  for (int i = 0; i < 16; ++i) x[i] ^= t[i];
  return xor_block(ek_.encrypt(x), opc_.data());
}

Block Milenage::out_i(const Block& t, int rotate, std::uint8_t c_last) const {
  // OUTi = E_K(rot(TEMP xor OPc, ri) xor ci) xor OPc; ci has its only 1 bits in the last octet.
  Block x = rotate_octets(xor_block(t, opc_.data()), rotate);
  x[15] ^= c_last;
  return xor_block(ek_.encrypt(x), opc_.data());
}

Mac64 Milenage::f1(const Rand& rand, const Sqn& sqn, const Amf& amf) const {
  const Block o = out1(rand, sqn, amf);
  Mac64 m{};
  std::copy_n(o.begin(), 8, m.begin());
  return m;
}

Mac64 Milenage::f1_star(const Rand& rand, const Sqn& sqn, const Amf& amf) const {
  const Block o = out1(rand, sqn, amf);
  Mac64 m{};
  std::copy_n(o.begin() + 8, 8, m.begin());
  return m;
}

Milenage::F2345 Milenage::f2345(const Rand& rand) const {
  const Block t = temp(rand);
  const Block o2 = out_i(t, 0, 0x01);   // r2 = 0,  c2 = ...01
  const Block o3 = out_i(t, 4, 0x02);   // r3 = 32, c3 = ...02
  const Block o4 = out_i(t, 8, 0x04);   // r4 = 64, c4 = ...04
  F2345 r{{}, Key128(o3), Key128(o4), {}};
  std::copy_n(o2.begin() + 8, 8, r.res.begin());  // f2 = OUT2[64..127]
  std::copy_n(o2.begin(), 6, r.ak.begin());       // f5 = OUT2[0..47]
  return r;
}

Ak Milenage::f5_star(const Rand& rand) const {
  const Block o5 = out_i(temp(rand), 12, 0x08);  // r5 = 96, c5 = ...08
  Ak ak{};
  std::copy_n(o5.begin(), 6, ak.begin());
  return ak;
}

}  // namespace concur::security
