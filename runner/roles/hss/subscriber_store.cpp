#include "roles/hss/subscriber_store.h"

#include <openssl/rand.h>

#include <stdexcept>

namespace concur::roles::hss {
namespace {
constexpr std::uint64_t kIndBits = 5;  // TS 33.102 C.3.2 example: a = 32 array entries
}

SubscriberStore::SubscriberStore(const std::vector<SubscriberKeys>& subscribers) {
  for (const auto& s : subscribers)
    entries_[s.imsi] = std::unique_ptr<Entry>(new Entry{security::Milenage(s.k, s.opc), s.amf, s.sqn});
}

bool SubscriberStore::knows(const std::string& imsi) const {
  std::lock_guard lock(mutex_);
  return entries_.count(imsi) != 0;
}

std::optional<security::EpsAuthVector> SubscriberStore::next_vector(const std::string& imsi,
                                                                    const security::ServingNetworkId& sn) {
  std::lock_guard lock(mutex_);
  const auto it = entries_.find(imsi);
  if (it == entries_.end()) return std::nullopt;
  Entry& e = *it->second;
  e.sqn = (((e.sqn >> kIndBits) + 1) << kIndBits) & security::kMaxSqn;
  security::Rand rand{};
  if (RAND_bytes(rand.data(), static_cast<int>(rand.size())) != 1) throw std::runtime_error("RAND_bytes failed");
  return security::generate_eps_auth_vector(e.milenage, rand, e.sqn, e.amf, sn);
}

bool SubscriberStore::resynchronise(const std::string& imsi, const security::Rand& rand, const security::Auts& auts) {
  std::lock_guard lock(mutex_);
  const auto it = entries_.find(imsi);
  if (it == entries_.end()) return false;
  const auto sqn_ms = security::hss_recover_sqn_ms(it->second->milenage, rand, auts);
  if (!sqn_ms) return false;
  it->second->sqn = *sqn_ms;  // the next vector continues with SEQ_MS + 1
  return true;
}

std::optional<std::uint64_t> SubscriberStore::sqn(const std::string& imsi) const {
  std::lock_guard lock(mutex_);
  const auto it = entries_.find(imsi);
  if (it == entries_.end()) return std::nullopt;
  return it->second->sqn;
}

}  // namespace concur::roles::hss
