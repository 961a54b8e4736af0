// The `nh-from` field of an arrival with {NCC, NH} (HANDOVER REQUEST, PATH SWITCH REQUEST
// ACKNOWLEDGE, an S10 MM Context): which chain of the case's UE it comes from, as the UE's own
// key view (the rule-4 oracle) attributes it. Test cases match it by prefix ("old", "new",
// "current"), so only a pair on a chain the UE holds starts with a KASME role.
#pragma once

#include <cstdint>
#include <string>

#include "roles/ue.h"
#include "security/kdf.h"

namespace concur::scenario {

/// "old KASME chain" / "new KASME chain" / "current KASME chain"; otherwise "off the UE's chains:
/// <how it was derived>" when a derivation explains it, or "unknown: ..." (also without a UE).
std::string nh_origin(const roles::Ue* ue, std::uint8_t ncc, const security::Key256& nh);

}  // namespace concur::scenario
