#include "hss.h"

#include <openssl/rand.h>

#include <stdexcept>

namespace concur::reference {

namespace {
constexpr std::uint64_t kIndBits = 5;  // TS 33.102 C.3.2 example: a = 32 array entries
}

Hss::Hss(const std::vector<SubscriberConfig>& subscribers, security::ServingNetworkId serving_network)
    : sn_(serving_network) {
  for (const auto& s : subscribers) subscribers_.emplace(s.imsi, std::unique_ptr<Entry>(new Entry{security::Milenage(s.k, s.opc), s.amf, s.sqn}));
}

std::optional<security::EpsAuthVector> Hss::next_vector(const std::string& imsi) {
  const auto it = subscribers_.find(imsi);
  if (it == subscribers_.end()) return std::nullopt;
  Entry& e = *it->second;
  // SQN = SEQ || IND; a new vector takes the next SEQ (IND 0).
  e.sqn = (((e.sqn >> kIndBits) + 1) << kIndBits) & security::kMaxSqn;
  security::Rand rand{};
  if (RAND_bytes(rand.data(), static_cast<int>(rand.size())) != 1) throw std::runtime_error("RAND_bytes failed");
  return security::generate_eps_auth_vector(e.milenage, rand, e.sqn, e.amf, sn_);
}

bool Hss::resynchronise(const std::string& imsi, const security::Rand& rand, const security::Auts& auts) {
  const auto it = subscribers_.find(imsi);
  if (it == subscribers_.end()) return false;
  const auto sqn_ms = security::hss_recover_sqn_ms(it->second->milenage, rand, auts);
  if (!sqn_ms) return false;
  it->second->sqn = *sqn_ms;  // next_vector() continues with SEQ_MS + 1
  return true;
}

}  // namespace concur::reference
