#include "security/kdf.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace concur::security {

namespace {

std::array<std::uint8_t, 4> be32(std::uint32_t v) {
  return {static_cast<std::uint8_t>(v >> 24), static_cast<std::uint8_t>(v >> 16), static_cast<std::uint8_t>(v >> 8),
          static_cast<std::uint8_t>(v)};
}

/// One HMAC-SHA-256 context per thread (concurrent callers share no state): the digest is set
/// once and EVP_MAC_init() with the key starts each MAC afresh. A new context per call was most
/// of a KDF's cost (bench/judge profile). OpenSSL cleanses the key when the thread ends.
struct HmacContext {
  EVP_MAC_CTX* ctx = nullptr;
  HmacContext() {
    static EVP_MAC* mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    if (mac == nullptr) throw std::runtime_error("OpenSSL: HMAC not available");
    ctx = EVP_MAC_CTX_new(mac);
    if (ctx == nullptr) throw std::runtime_error("OpenSSL: EVP_MAC_CTX_new");
    char digest[] = "SHA256";
    const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                                 OSSL_PARAM_construct_end()};
    if (EVP_MAC_CTX_set_params(ctx, params) != 1) throw std::runtime_error("OpenSSL: HMAC digest SHA256");
  }
  ~HmacContext() { EVP_MAC_CTX_free(ctx); }
  HmacContext(const HmacContext&) = delete;
  HmacContext& operator=(const HmacContext&) = delete;
};

void hmac_sha256(ByteView key, ByteView data, std::uint8_t out[32]) {
  thread_local HmacContext h;
  std::size_t len = 0;
  const bool ok = EVP_MAC_init(h.ctx, key.data(), key.size(), nullptr) == 1 &&
                  EVP_MAC_update(h.ctx, data.data(), data.size()) == 1 && EVP_MAC_final(h.ctx, out, &len, 32) == 1 &&
                  len == 32;
  if (!ok) throw std::runtime_error("OpenSSL: HMAC-SHA-256 failed");
}

CkIkPrime split(const Key256& k) {
  CkIkPrime r{Key128(k.view().first(16)), Key128(k.view().last(16))};
  return r;
}

Bytes concat(ByteView a, ByteView b) {
  Bytes out(a.begin(), a.end());
  out.insert(out.end(), b.begin(), b.end());
  return out;
}

}  // namespace

Key256 kdf(ByteView key, std::uint8_t fc_value, std::initializer_list<ByteView> params) {
  Bytes s;
  s.reserve(64);
  s.push_back(fc_value);
  for (ByteView p : params) {
    if (p.size() > 0xFFFF) throw std::invalid_argument("KDF parameter longer than 65535 octets");
    s.insert(s.end(), p.begin(), p.end());
    s.push_back(static_cast<std::uint8_t>(p.size() >> 8));
    s.push_back(static_cast<std::uint8_t>(p.size()));
  }
  Key256 out;
  hmac_sha256(key, s, out.data());
  detail::wipe(s.data(), s.size());  // S can hold key material (NH as SYNC-input, CK/IK)
  return out;
}

ServingNetworkId ServingNetworkId::from_digits(std::string_view mcc, std::string_view mnc) {
  auto digits_ok = [](std::string_view d) {
    for (char c : d)
      if (c < '0' || c > '9') return false;
    return true;
  };
  if (mcc.size() != 3 || !digits_ok(mcc)) throw std::invalid_argument("MCC must be 3 decimal digits");
  if ((mnc.size() != 2 && mnc.size() != 3) || !digits_ok(mnc)) throw std::invalid_argument("MNC must be 2 or 3 decimal digits");
  auto d = [](char c) { return static_cast<std::uint8_t>(c - '0'); };
  const std::uint8_t mnc3 = mnc.size() == 3 ? d(mnc[2]) : 0x0F;
  return ServingNetworkId({static_cast<std::uint8_t>((d(mcc[1]) << 4) | d(mcc[0])),
                           static_cast<std::uint8_t>((mnc3 << 4) | d(mcc[2])),
                           static_cast<std::uint8_t>((d(mnc[1]) << 4) | d(mnc[0]))});
}

ServingNetworkId ServingNetworkId::from_plmn_identity(const std::array<std::uint8_t, 3>& plmn) {
  // Digit order in the PLMN Identity: d1 d2 | d3 d4 | d5 d6 with d(2n-1) in the low nibble.
  const int d[6] = {plmn[0] & 0x0F, plmn[0] >> 4, plmn[1] & 0x0F, plmn[1] >> 4, plmn[2] & 0x0F, plmn[2] >> 4};
  auto ch = [](int v) { return static_cast<char>('0' + v); };
  for (int i : {0, 1, 2, 4, 5})
    if (d[i] > 9) throw std::invalid_argument("PLMN Identity digit " + std::to_string(i + 1) + " is not decimal");
  const std::string mcc{ch(d[0]), ch(d[1]), ch(d[2])};
  if (d[3] == 0x0F) return from_digits(mcc, std::string{ch(d[4]), ch(d[5])});  // 2-digit MNC: F MNC1 MNC2
  if (d[3] > 9) throw std::invalid_argument("PLMN Identity digit 4 is neither a digit nor the filler F");
  return from_digits(mcc, std::string{ch(d[3]), ch(d[4]), ch(d[5])});
}

std::string ServingNetworkId::digits() const {
  std::string s;
  s += static_cast<char>('0' + (octets_[0] & 0x0F));
  s += static_cast<char>('0' + (octets_[0] >> 4));
  s += static_cast<char>('0' + (octets_[1] & 0x0F));
  s += '-';
  s += static_cast<char>('0' + (octets_[2] & 0x0F));
  s += static_cast<char>('0' + (octets_[2] >> 4));
  if ((octets_[1] >> 4) != 0x0F) s += static_cast<char>('0' + (octets_[1] >> 4));
  return s;
}

Key256 derive_kasme(const Key128& ck, const Key128& ik, const ServingNetworkId& sn,
                    const std::array<std::uint8_t, 6>& sqn_xor_ak) {
  Bytes key = concat(ck.view(), ik.view());
  Key256 out = kdf(key, fc::kasme, {ByteView(sn.octets()), ByteView(sqn_xor_ak)});
  detail::wipe(key.data(), key.size());
  return out;
}

Key256 derive_kenb(const Key256& kasme, std::uint32_t uplink_nas_count) {
  const auto c = be32(uplink_nas_count);
  return kdf(kasme.view(), fc::kenb, {ByteView(c)});
}

Key256 derive_nh(const Key256& kasme, const Key256& sync_input) {
  return kdf(kasme.view(), fc::nh, {sync_input.view()});
}

Key256 derive_kenb_star(const Key256& kenb_or_nh, std::uint16_t pci, std::uint32_t earfcn_dl) {
  if (earfcn_dl > 262143) throw std::invalid_argument("EARFCN-DL above 262143");
  const std::array<std::uint8_t, 2> p0{static_cast<std::uint8_t>(pci >> 8), static_cast<std::uint8_t>(pci)};
  const std::array<std::uint8_t, 3> e3{static_cast<std::uint8_t>(earfcn_dl >> 16), static_cast<std::uint8_t>(earfcn_dl >> 8),
                                       static_cast<std::uint8_t>(earfcn_dl)};
  const ByteView p1 = earfcn_dl <= 0xFFFF ? ByteView(e3).last(2) : ByteView(e3);
  return kdf(kenb_or_nh.view(), fc::kenb_star, {ByteView(p0), p1});
}

Key256 derive_algorithm_key_256(const Key256& parent, AlgorithmDistinguisher d, std::uint8_t algorithm_id) {
  const std::uint8_t p0 = static_cast<std::uint8_t>(d);
  const std::uint8_t p1 = algorithm_id & 0x0F;
  return kdf(parent.view(), fc::algorithm_key, {ByteView(&p0, 1), ByteView(&p1, 1)});
}

Key128 truncate_to_128(const Key256& k) { return Key128(k.view().last(16)); }

Key128 derive_algorithm_key(const Key256& parent, AlgorithmDistinguisher d, std::uint8_t algorithm_id) {
  return truncate_to_128(derive_algorithm_key_256(parent, d, algorithm_id));
}

CkIkPrime derive_ck_ik_handover(const Key256& kasme, std::uint32_t downlink_nas_count) {
  const auto c = be32(downlink_nas_count);
  return split(kdf(kasme.view(), fc::ck_ik_handover, {ByteView(c)}));
}

CkIkPrime derive_ck_ik_srvcc(const Key256& kasme, std::uint32_t downlink_nas_count) {
  const auto c = be32(downlink_nas_count);
  return split(kdf(kasme.view(), fc::ck_ik_srvcc, {ByteView(c)}));
}

CkIkPrime derive_ck_ik_idle_mobility(const Key256& kasme, std::uint32_t uplink_nas_count) {
  const auto c = be32(uplink_nas_count);
  return split(kdf(kasme.view(), fc::ck_ik_idle_mobility, {ByteView(c)}));
}

Key256 derive_nas_token_material(const Key256& kasme, std::uint32_t uplink_nas_count) {
  const auto c = be32(uplink_nas_count);
  return kdf(kasme.view(), fc::nas_token, {ByteView(c)});
}

Key256 derive_kasme_prime_handover(const Key128& ck, const Key128& ik, std::uint32_t nonce_mme) {
  Bytes key = concat(ck.view(), ik.view());
  const auto n = be32(nonce_mme);
  Key256 out = kdf(key, fc::kasme_prime_handover, {ByteView(n)});
  detail::wipe(key.data(), key.size());
  return out;
}

Key256 derive_kasme_prime_idle(const Key128& ck, const Key128& ik, std::uint32_t nonce_ue, std::uint32_t nonce_mme) {
  Bytes key = concat(ck.view(), ik.view());
  const auto u = be32(nonce_ue);
  const auto m = be32(nonce_mme);
  Key256 out = kdf(key, fc::kasme_prime_idle, {ByteView(u), ByteView(m)});
  detail::wipe(key.data(), key.size());
  return out;
}

}  // namespace concur::security
