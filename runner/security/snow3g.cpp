#include "security/snow3g.h"

namespace concur::security {

namespace {

std::uint8_t mulx(std::uint8_t v, std::uint8_t c) {
  return (v & 0x80) ? static_cast<std::uint8_t>((v << 1) ^ c) : static_cast<std::uint8_t>(v << 1);
}
std::uint8_t mulx_pow(std::uint8_t v, int i, std::uint8_t c) {
  while (i-- > 0) v = mulx(v, c);
  return v;
}

std::uint8_t gf_mul(std::uint8_t a, std::uint8_t b, unsigned poly) {
  unsigned r = 0, x = a;
  for (int i = 0; i < 8; ++i) {
    if (b & (1u << i)) r ^= x;
    x <<= 1;
    if (x & 0x100) x ^= poly;
  }
  return static_cast<std::uint8_t>(r);
}
std::uint8_t gf_pow(std::uint8_t a, int e, unsigned poly) {
  std::uint8_t r = 1;
  while (e-- > 0) r = gf_mul(r, a, poly);
  return r;
}

/// The S-boxes and the alpha multiplication tables, computed from their definitions
/// (SNOW 3G spec 2.3.1 SR = Rijndael S-box, 2.3.2 SQ from the Dickson polynomial g49,
/// 3.4.2/3.4.3 MULalpha and DIValpha) instead of being copied as tables.
struct Tables {
  std::array<std::uint8_t, 256> sr{}, sq{};
  std::array<std::uint32_t, 256> mul_alpha{}, div_alpha{};

  Tables() {
    for (int x = 0; x < 256; ++x) {
      // SR: multiplicative inverse in GF(2^8)/0x11B, then the Rijndael affine map.
      const std::uint8_t inv = x == 0 ? 0 : gf_pow(static_cast<std::uint8_t>(x), 254, 0x11B);
      auto rotl = [](std::uint8_t v, int n) { return static_cast<std::uint8_t>((v << n) | (v >> (8 - n))); };
      sr[x] = static_cast<std::uint8_t>(inv ^ rotl(inv, 1) ^ rotl(inv, 2) ^ rotl(inv, 3) ^ rotl(inv, 4) ^ 0x63);
      // SQ(x) = g49(x) xor 0x25 over GF(2^8)/(x^8+x^6+x^5+x^3+1),
      // g49(x) = x + x^9 + x^13 + x^15 + x^33 + x^41 + x^45 + x^47 + x^49.
      std::uint8_t g = 0;
      for (int e : {1, 9, 13, 15, 33, 41, 45, 47, 49}) g ^= gf_pow(static_cast<std::uint8_t>(x), e, 0x169);
      sq[x] = static_cast<std::uint8_t>(g ^ 0x25);
      const auto c = static_cast<std::uint8_t>(x);
      mul_alpha[x] = (std::uint32_t{mulx_pow(c, 23, 0xA9)} << 24) | (std::uint32_t{mulx_pow(c, 245, 0xA9)} << 16) |
                     (std::uint32_t{mulx_pow(c, 48, 0xA9)} << 8) | mulx_pow(c, 239, 0xA9);
      div_alpha[x] = (std::uint32_t{mulx_pow(c, 16, 0xA9)} << 24) | (std::uint32_t{mulx_pow(c, 39, 0xA9)} << 16) |
                     (std::uint32_t{mulx_pow(c, 6, 0xA9)} << 8) | mulx_pow(c, 64, 0xA9);
    }
  }
};

const Tables& tables() {
  static const Tables t;
  return t;
}

/// S1 (with SR, 0x1B) and S2 (with SQ, 0x69): an S-box layer followed by a MixColumn-like map.
std::uint32_t s_box(std::uint32_t w, const std::array<std::uint8_t, 256>& box, std::uint8_t c) {
  const std::uint8_t a0 = box[w >> 24], a1 = box[(w >> 16) & 0xFF], a2 = box[(w >> 8) & 0xFF], a3 = box[w & 0xFF];
  const std::uint8_t r0 = mulx(a0, c) ^ a1 ^ a2 ^ mulx(a3, c) ^ a3;
  const std::uint8_t r1 = mulx(a0, c) ^ a0 ^ mulx(a1, c) ^ a2 ^ a3;
  const std::uint8_t r2 = a0 ^ mulx(a1, c) ^ a1 ^ mulx(a2, c) ^ a3;
  const std::uint8_t r3 = a0 ^ a1 ^ mulx(a2, c) ^ a2 ^ mulx(a3, c);
  return (std::uint32_t{r0} << 24) | (std::uint32_t{r1} << 16) | (std::uint32_t{r2} << 8) | r3;
}

std::uint32_t load_be32(const std::uint8_t* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}

/// The key words as f8/f9 load them: K3 = CK[0..31] (first octets), ..., K0 = CK[96..127].
std::array<std::uint32_t, 4> key_words(const Key128& key) {
  return {load_be32(key.data() + 12), load_be32(key.data() + 8), load_be32(key.data() + 4), load_be32(key.data())};
}

/// GF(2^64) multiplication of f9 (UIA2 spec 4.3: MUL64 with c = 0x1B).
std::uint64_t mul64(std::uint64_t v, std::uint64_t p) {
  std::uint64_t r = 0;
  for (int i = 0; i < 64; ++i) {
    if ((p >> i) & 1) r ^= v;
    v = (v & 0x8000000000000000ull) ? ((v << 1) ^ 0x1B) : (v << 1);
  }
  return r;
}

}  // namespace

Snow3g::Snow3g(const std::array<std::uint32_t, 4>& k, const std::array<std::uint32_t, 4>& iv) {
  const std::uint32_t ones = 0xFFFFFFFF;
  s_[15] = k[3] ^ iv[0];
  s_[14] = k[2];
  s_[13] = k[1];
  s_[12] = k[0] ^ iv[1];
  s_[11] = k[3] ^ ones;
  s_[10] = k[2] ^ ones ^ iv[2];
  s_[9] = k[1] ^ ones ^ iv[3];
  s_[8] = k[0] ^ ones;
  s_[7] = k[3];
  s_[6] = k[2];
  s_[5] = k[1];
  s_[4] = k[0];
  s_[3] = k[3] ^ ones;
  s_[2] = k[2] ^ ones;
  s_[1] = k[1] ^ ones;
  s_[0] = k[0] ^ ones;
  for (int i = 0; i < 32; ++i) clock_lfsr(clock_fsm());  // initialisation mode feeds F back
  clock_fsm();                                           // first FSM output is discarded
  clock_lfsr(0);
}

std::uint32_t Snow3g::clock_fsm() {
  const std::uint32_t f = (s_[15] + r1_) ^ r2_;
  const std::uint32_t r = r2_ + (r3_ ^ s_[5]);
  r3_ = s_box(r2_, tables().sq, 0x69);
  r2_ = s_box(r1_, tables().sr, 0x1B);
  r1_ = r;
  return f;
}

void Snow3g::clock_lfsr(std::uint32_t f) {
  const Tables& t = tables();
  const std::uint32_t v = (s_[0] << 8) ^ t.mul_alpha[s_[0] >> 24] ^ s_[2] ^ (s_[11] >> 8) ^ t.div_alpha[s_[11] & 0xFF] ^ f;
  for (int i = 0; i < 15; ++i) s_[i] = s_[i + 1];
  s_[15] = v;
}

std::uint32_t Snow3g::next_word() {
  const std::uint32_t z = clock_fsm() ^ s_[0];
  clock_lfsr(0);
  return z;
}

std::vector<std::uint32_t> Snow3g::keystream(std::size_t words) {
  std::vector<std::uint32_t> z(words);
  for (auto& w : z) w = next_word();
  return z;
}

Bytes eea1(const Key128& key, std::uint32_t count, std::uint8_t bearer, std::uint8_t direction, BitString in) {
  const std::uint32_t bd = (std::uint32_t{bearer} & 0x1F) << 27 | (std::uint32_t{direction} & 1) << 26;
  Snow3g g(key_words(key), {bd, count, bd, count});
  const std::size_t n = (in.bits + 7) / 8;
  Bytes out(in.octets.begin(), in.octets.begin() + static_cast<std::ptrdiff_t>(n));
  std::uint32_t z = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (i % 4 == 0) z = g.next_word();
    out[i] ^= static_cast<std::uint8_t>(z >> (24 - 8 * (i % 4)));
  }
  clear_trailing_bits(out, in.bits);
  return out;
}

std::array<std::uint8_t, 4> eia1(const Key128& key, std::uint32_t count, std::uint8_t bearer, std::uint8_t direction,
                                 BitString message) {
  const std::uint32_t fresh = (std::uint32_t{bearer} & 0x1F) << 27;
  const std::uint32_t dir = direction & 1;
  Snow3g g(key_words(key), {fresh ^ (dir << 15), count ^ (dir << 31), fresh, count});
  const std::uint32_t z1 = g.next_word(), z2 = g.next_word(), z3 = g.next_word(), z4 = g.next_word(),
                      z5 = g.next_word();
  const std::uint64_t p = (std::uint64_t{z1} << 32) | z2;
  const std::uint64_t q = (std::uint64_t{z3} << 32) | z4;

  // The message as 64-bit blocks, the last one zero-padded (UIA2 spec 4.4).
  const std::size_t bits = message.bits;
  const std::size_t blocks = (bits + 63) / 64;
  std::uint64_t eval = 0;
  for (std::size_t b = 0; b < blocks; ++b) {
    std::uint64_t m = 0;
    for (std::size_t i = 0; i < 8; ++i) {
      const std::size_t idx = b * 8 + i;
      const std::uint8_t octet = idx < (bits + 7) / 8 ? message.octets[idx] : 0;
      m = (m << 8) | octet;
    }
    if (b == blocks - 1 && bits % 64 != 0) m &= ~std::uint64_t{0} << (64 - bits % 64);
    eval = mul64(eval ^ m, p);
  }
  eval ^= bits;
  eval = mul64(eval, q);
  const std::uint32_t mac = static_cast<std::uint32_t>(eval >> 32) ^ z5;
  return {static_cast<std::uint8_t>(mac >> 24), static_cast<std::uint8_t>(mac >> 16), static_cast<std::uint8_t>(mac >> 8),
          static_cast<std::uint8_t>(mac)};
}

}  // namespace concur::security
