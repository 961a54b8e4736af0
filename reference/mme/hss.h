// The MME's own HSS function: EPS authentication vectors from Milenage (TS 33.401 6.1.1, A.2)
// and re-synchronisation from AUTS (TS 33.102 6.3.5). In a real core this is S6a to an HSS; the
// reference SUT keeps it in process so a lab needs nothing but this one program.
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "config.h"
#include "security/aka.h"

namespace concur::reference {

class Hss {
 public:
  Hss(const std::vector<SubscriberConfig>& subscribers, security::ServingNetworkId serving_network);

  bool knows(const std::string& imsi) const { return subscribers_.count(imsi) != 0; }
  /// A fresh vector: SEQ + 1 with IND 0 (TS 33.102 C.1.1, 5-bit IND). nullopt for an unknown IMSI.
  std::optional<security::EpsAuthVector> next_vector(const std::string& imsi);
  /// AUTHENTICATION FAILURE #21: recovers SQN_MS when MAC-S verifies for `rand` and continues
  /// from it. False when MAC-S does not verify (the UE or the AUTS is not genuine).
  bool resynchronise(const std::string& imsi, const security::Rand& rand, const security::Auts& auts);
  std::uint64_t sqn(const std::string& imsi) const { return subscribers_.at(imsi)->sqn; }

 private:
  struct Entry {
    security::Milenage milenage;
    security::Amf amf;
    std::uint64_t sqn;
  };
  std::map<std::string, std::unique_ptr<Entry>> subscribers_;  // Milenage is not movable
  security::ServingNetworkId sn_;
};

}  // namespace concur::reference
