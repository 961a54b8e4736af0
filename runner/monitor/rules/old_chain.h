// The one judgement rules 3, 8 and 9 share: is this {NCC, NH} from the chain of the OLD KASME,
// i.e. one a rule-4 UE (which keeps the old-KASME AS parameters in handover) can follow?
//  - exact, when the old KASME and a KDF are available: the NH must be reachable from the
//    chain's latest point by iterating TS 33.401 A.4 with the old KASME, with the matching NCC;
//    a miss is explained (derived from the new KASME, or from no known KASME);
//  - without keys: the NCC must step along the old chain (not restart), and an unchanged NCC
//    must carry the very same NH.
#pragma once

#include <optional>
#include <string>

#include "monitor/event.h"
#include "monitor/key_chain.h"
#include "monitor/ue_state.h"

namespace concur::monitor {

struct ChainSides {
  AsChain old_chain;                 ///< where the UE's AS context is
  std::optional<Ksi> old_ksi;
  std::optional<Key256> old_kasme;   ///< when known
  std::optional<Ksi> new_ksi;
  std::optional<Key256> new_kasme;   ///< when known: to explain a miss
  /// The KeNB a UE Context Modification in flight carries (rule 3): where an MME that restarts
  /// the AS chain from the new KASME too early (on SMC COMPLETE) starts its NH chain.
  std::optional<Key256> new_kenb = std::nullopt;
};

struct ChainJudgement {
  bool on_old_chain = false;
  bool without_keys = true;
  std::string reason;
  std::string expected;
  std::string seen;
};

/// `what` names the carrier, e.g. "HANDOVER REQUEST" or "old NH/NCC of the S10 MM Context".
ChainJudgement judge_old_chain(const NhNcc& sent, const ChainSides& sides, const KeyDerivation* kdf,
                               const std::string& what);

}  // namespace concur::monitor
