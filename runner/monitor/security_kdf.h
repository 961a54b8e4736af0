// KeyDerivation bound to the security library (concur::security, TS 33.401 Annex A): the KDF the
// monitor's exact key checks use. The monitor has no KDF of its own.
#pragma once

#include "monitor/key_chain.h"

namespace concur::monitor {

class SecurityLibraryKdf final : public KeyDerivation {
 public:
  Key256 kenb(const Key256& kasme, std::uint32_t uplink_nas_count) const override;
  Key256 nh(const Key256& kasme, const Key256& sync_input) const override;
};

}  // namespace concur::monitor
