#include "security/aka.h"

#include <openssl/crypto.h>

#include <algorithm>
#include <stdexcept>

namespace concur::security {

namespace {
Sqn xor6(const Sqn& a, const Ak& b) {
  Sqn r{};
  for (int i = 0; i < 6; ++i) r[i] = a[i] ^ b[i];
  return r;
}
}  // namespace

EpsAuthVector generate_eps_auth_vector(const Milenage& m, const Rand& rand, std::uint64_t sqn, const Amf& amf,
                                       const ServingNetworkId& sn) {
  if (sqn > kMaxSqn) throw std::invalid_argument("SQN does not fit in 48 bits");
  const Sqn sqn_octets = sqn_from_u64(sqn);
  const Mac64 mac_a = m.f1(rand, sqn_octets, amf);
  const Milenage::F2345 f = m.f2345(rand);
  const Sqn concealed = xor6(sqn_octets, f.ak);
  Autn autn{};
  std::copy(concealed.begin(), concealed.end(), autn.begin());
  std::copy(amf.begin(), amf.end(), autn.begin() + 6);
  std::copy(mac_a.begin(), mac_a.end(), autn.begin() + 8);
  return EpsAuthVector{rand, f.res, autn, derive_kasme(f.ck, f.ik, sn, concealed)};
}

UsimSqnWindow::UsimSqnWindow(Params p, std::uint64_t stored_sqn_ms) : p_(p) {
  if (p.ind_bits > 16) throw std::invalid_argument("IND longer than 16 bits");
  if (stored_sqn_ms > kMaxSqn) throw std::invalid_argument("SQN does not fit in 48 bits");
  seq_by_ind_.assign(std::size_t{1} << p.ind_bits, 0);
  if (stored_sqn_ms != 0) accept(stored_sqn_ms);
}

bool UsimSqnWindow::is_fresh(std::uint64_t sqn) const {
  if (sqn > kMaxSqn) return false;
  const std::uint64_t seq = sqn >> p_.ind_bits;
  const std::size_t ind = static_cast<std::size_t>(sqn & ((std::uint64_t{1} << p_.ind_bits) - 1));
  if (seq <= seq_by_ind_[ind]) return false;                       // replay or older vector for this IND
  if (seq > highest_seq_ && seq - highest_seq_ > p_.delta) return false;  // wrap-around protection
  if (p_.age_limit && seq < highest_seq_ && highest_seq_ - seq >= *p_.age_limit) return false;
  return true;
}

void UsimSqnWindow::accept(std::uint64_t sqn) {
  const std::uint64_t seq = sqn >> p_.ind_bits;
  const std::size_t ind = static_cast<std::size_t>(sqn & ((std::uint64_t{1} << p_.ind_bits) - 1));
  seq_by_ind_[ind] = seq;
  // SQN = SEQ || IND, so the largest SQN also carries the largest SEQ.
  highest_sqn_ = std::max(highest_sqn_, sqn);
  highest_seq_ = highest_sqn_ >> p_.ind_bits;
}

Auts make_auts(const Milenage& usim, const Rand& rand, std::uint64_t sqn_ms) {
  const Sqn s = sqn_from_u64(sqn_ms);
  const Mac64 mac_s = usim.f1_star(rand, s, Amf{0x00, 0x00});
  const Sqn concealed = xor6(s, usim.f5_star(rand));
  Auts auts{};
  std::copy(concealed.begin(), concealed.end(), auts.begin());
  std::copy(mac_s.begin(), mac_s.end(), auts.begin() + 6);
  return auts;
}

AkaOutcome ue_authenticate(const Milenage& usim, UsimSqnWindow& window, const Rand& rand, const Autn& autn,
                           const ServingNetworkId& sn) {
  const Milenage::F2345 f = usim.f2345(rand);
  Sqn concealed{};
  std::copy_n(autn.begin(), 6, concealed.begin());
  const Sqn sqn = xor6(concealed, f.ak);
  const Amf amf{autn[6], autn[7]};
  const Mac64 xmac = usim.f1(rand, sqn, amf);
  if (CRYPTO_memcmp(xmac.data(), autn.data() + 8, 8) != 0) return AkaMacFailure{};
  if (!amf_separation_bit(amf)) return AkaSeparationBitFailure{};
  const std::uint64_t sqn_value = sqn_to_u64(sqn);
  if (!window.is_fresh(sqn_value)) return AkaSynchFailure{make_auts(usim, rand, window.sqn_ms())};
  window.accept(sqn_value);
  return AkaSuccess{f.res, f.ck, f.ik, derive_kasme(f.ck, f.ik, sn, concealed), sqn_value};
}

std::optional<std::uint64_t> hss_recover_sqn_ms(const Milenage& hss, const Rand& rand, const Auts& auts) {
  Sqn concealed{};
  std::copy_n(auts.begin(), 6, concealed.begin());
  const Sqn sqn_ms = xor6(concealed, hss.f5_star(rand));
  const Mac64 xmac_s = hss.f1_star(rand, sqn_ms, Amf{0x00, 0x00});
  if (CRYPTO_memcmp(xmac_s.data(), auts.data() + 6, 8) != 0) return std::nullopt;
  return sqn_to_u64(sqn_ms);
}

}  // namespace concur::security
