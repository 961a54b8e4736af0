// The HSS's subscriber records: Milenage keys and the SQN each new vector advances (TS 33.102
// Annex C: SQN = SEQ || IND; a new vector takes the next SEQ with IND 0, as the reference MME's
// built-in HSS does, so a USIM that accepted one accepts the other). Thread-safe: each S6a
// connection is served on its own thread.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "security/aka.h"
#include "security/milenage.h"

namespace concur::roles::hss {

struct SubscriberKeys {
  std::string imsi;
  security::Key128 k;
  security::Key128 opc;  ///< OPc; give OP through Milenage::opc_from_op first
  security::Amf amf{0x80, 0x00};
  std::uint64_t sqn = 0;  ///< the SQN last used; the first vector uses the next SEQ
};

class SubscriberStore {
 public:
  explicit SubscriberStore(const std::vector<SubscriberKeys>& subscribers);

  bool knows(const std::string& imsi) const;
  /// A fresh vector (random RAND, next SQN) bound to `sn`; nullopt for an unknown IMSI.
  std::optional<security::EpsAuthVector> next_vector(const std::string& imsi, const security::ServingNetworkId& sn);
  /// AUTS from a UE's synchronisation failure: adopts SQN_MS when MAC-S verifies (TS 33.102 6.3.5).
  bool resynchronise(const std::string& imsi, const security::Rand& rand, const security::Auts& auts);
  std::optional<std::uint64_t> sqn(const std::string& imsi) const;

 private:
  struct Entry {
    security::Milenage milenage;
    security::Amf amf;
    std::uint64_t sqn;
  };
  mutable std::mutex mutex_;
  std::map<std::string, std::unique_ptr<Entry>> entries_;
};

}  // namespace concur::roles::hss
