// The NH/NCC key chain of one UE (TS 33.401 7.2.8) as the UE and the network see it, and the
// attribution of an observed {NCC, NH} pair to the chain and step that produced it: the oracle
// the rule monitor uses for TS 33.401 7.2.10 rules 3, 8 and 9.
//
// Chain of one KASME (7.2.8.1.1, A.3, A.4):
//   KeNB  = KDF(KASME, uplink NAS COUNT)          NCC 0 ("virtual NH")
//   NH_1  = KDF(KASME, KeNB)                      NCC 1 (kept by the MME, not sent at setup)
//   NH_s  = KDF(KASME, NH_{s-1})                  NCC s mod 8 (3-bit counter, wraps 7 -> 0)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "security/kdf.h"

namespace concur::security {

inline std::uint8_t ncc_of_step(unsigned step) { return static_cast<std::uint8_t>(step % 8); }

/// One KASME and the chain grown from one KeNB of it. NH values are derived on demand and cached.
class KasmeChain {
 public:
  KasmeChain(std::uint8_t eksi, const Key256& kasme, std::uint32_t kenb_uplink_nas_count);
  /// A chain known only from step `first_step` on: the {NH, NCC} another MME handed over (S10 MM
  /// Context, TS 33.401 7.2.8.4.3). Steps before it and the KeNB are unknown (at_step throws).
  KasmeChain(std::uint8_t eksi, const Key256& kasme, unsigned first_step, const Key256& nh_at_first_step);

  std::uint8_t eksi() const noexcept { return eksi_; }
  const Key256& kasme() const noexcept { return kasme_; }
  std::uint32_t kenb_uplink_nas_count() const noexcept { return ul_count_; }
  /// Throws std::logic_error for a chain received mid-way (first_step() > 0).
  const Key256& kenb() const;
  /// Step 0 is the KeNB; step s >= 1 is NH_s. Throws std::out_of_range below first_step().
  const Key256& at_step(unsigned step) const;
  unsigned first_step() const noexcept { return first_step_; }

 private:
  std::uint8_t eksi_;
  Key256 kasme_;
  std::uint32_t ul_count_;
  unsigned first_step_ = 0;
  mutable std::vector<Key256> steps_;
};

struct NhNcc {
  std::uint8_t ncc;
  Key256 nh;
};

/// The part a KASME plays: the only one in use (current), or, between an SMC for a new KASME and
/// the UE Context Modification that takes it into use for AS, the old or the new one.
enum class KasmeRole : std::uint8_t { current_kasme, old_kasme, new_kasme };
std::string_view name(KasmeRole r);

/// A KASME the oracle knows, with the chain hanging from it if a KeNB of it exists.
struct KnownKasme {
  KasmeRole role;
  std::uint8_t eksi;
  Key256 kasme;
  std::optional<KasmeChain> chain;
};

struct NhAttribution {
  enum class Kind {
    on_chain,          ///< NH is step s of a chain and NCC = s mod 8
    ncc_mismatch,      ///< NH is step s of a chain but NCC is not s mod 8
    cross_derivation,  ///< NH = KDF(KASME of one role, step s-1 of another role's chain)
    restarted_chain,   ///< NH on a chain of a KASME with no AS chain (the pending new one), from a
                       ///< KeNB of it no UE Context Modification has taken into use
    unknown,           ///< no known derivation produces NH
  };
  Kind kind = Kind::unknown;
  std::optional<KasmeRole> role;         ///< the KASME that produced NH (the key of the last KDF)
  std::optional<std::uint8_t> eksi;
  unsigned step = 0;                     ///< NH derivations from the KeNB (0 = the KeNB itself)
  std::optional<KasmeRole> sync_chain_role;  ///< for cross_derivation: whose chain gave the SYNC-input
  std::optional<std::uint32_t> kenb_uplink_count;  ///< for restarted_chain: the KeNB's uplink NAS COUNT
  std::uint8_t ncc_received = 0;
  std::string explanation;               ///< e.g. "NH at NCC 2 derived from the new KASME (eKSI 1)"
};

/// Attributes {ncc, nh} to the known KASMEs, searching each chain up to `max_steps` steps; a
/// KASME with no chain is tried as the root of one restarted from a KeNB of uplink NAS COUNT
/// 0..255 (8 steps each: an explanation searched only when nothing else matched).
NhAttribution attribute_nh(std::uint8_t ncc, const Key256& nh, const std::vector<KnownKasme>& known,
                           unsigned max_steps = 64);

/// Which KASME and uplink NAS COUNT produced a KeNB seen in an S1AP SecurityKey IE (Initial
/// Context Setup or UE Context Modification): how the monitor tells that a UCM "takes a KeNB of
/// the new KASME into use" (7.2.10 rule 3). Uplink COUNTs from..to (at most 65536 values) are
/// tried for each known KASME; nullopt when none matches.
struct KenbAttribution {
  KasmeRole role;
  std::uint8_t eksi;
  std::uint32_t uplink_nas_count;
  std::string explanation;  ///< e.g. "KeNB derived from the new KASME (eKSI 1) with uplink NAS COUNT 7"
};
std::optional<KenbAttribution> attribute_kenb(const Key256& kenb, const std::vector<KnownKasme>& known,
                                              std::uint32_t uplink_count_from, std::uint32_t uplink_count_to);

/// What a TS 33.401-conformant MME holds for one UE in ECM-CONNECTED, and so which {NCC, NH}
/// it must send: 7.2.8.1.1 at initial context setup, 7.2.8.4.2/7.2.8.4.3 at each handover,
/// and 7.2.10 rule 3 after an SMC that takes a new KASME into use for NAS.
class NetworkKeyState {
 public:
  /// Initial Context Setup: KeNB from KASME and the uplink NAS COUNT; the MME keeps NH_1 / NCC 1.
  /// Returns the KeNB sent as S1AP SecurityKey.
  const Key256& initial_context_setup(std::uint8_t eksi, const Key256& kasme, std::uint32_t uplink_nas_count);
  /// Inter-MME handover into this MME: AS continues on the chain of `kasme` at the {NH, NCC} the
  /// source MME sent (the target eNB derives KeNB* from it); the next path switch takes NCC + 1.
  void handed_over(std::uint8_t eksi, const Key256& kasme, std::uint8_t ncc, const Key256& nh);
  /// HANDOVER REQUIRED / PATH SWITCH REQUEST: NCC + 1 (mod 8) and the next NH of the chain AS uses.
  NhNcc next_hop();
  /// SMC completed for a new KASME while connected: NAS moves to it, AS stays on the old chain
  /// until a UE Context Modification takes a KeNB of the new KASME into use (rule 3).
  void new_kasme_in_nas(std::uint8_t eksi, const Key256& kasme);
  /// UE CONTEXT MODIFICATION with a KeNB of the new KASME: the new chain starts (KeNB at NCC 0,
  /// NH_1 at NCC 1, as at initial setup); the old chain is kept only to explain stale values.
  /// Returns the new KeNB.
  const Key256& ue_context_modification(std::uint32_t uplink_nas_count);
  /// S1 release to ECM-IDLE: the AS keys and their NH chain are gone (TS 33.401 7.2.9.1), so is
  /// a rule-3 window; the next INITIAL CONTEXT SETUP starts a chain from the KASME NAS uses.
  void connection_released();

  bool connected() const noexcept { return as_chain_.has_value(); }
  const KasmeChain& as_chain() const;  ///< throws std::logic_error before initial_context_setup
  std::uint8_t ncc() const noexcept { return static_cast<std::uint8_t>(step_ % 8); }
  unsigned step() const noexcept { return step_; }
  /// The new KASME waiting for a UCM (rule 3 window), if any.
  const std::optional<KnownKasme>& pending_new_kasme() const noexcept { return pending_; }

  /// The KASMEs the monitor should attribute against now: the AS chain's KASME ("old" while a
  /// new one is pending, "new" once a UCM took the new one into use, else "current"), the
  /// pending new KASME, and after a UCM the retired old chain.
  std::vector<KnownKasme> known_kasmes() const;
  NhAttribution attribute(std::uint8_t ncc, const Key256& nh) const { return attribute_nh(ncc, nh, known_kasmes()); }

 private:
  std::optional<KasmeChain> as_chain_;
  unsigned step_ = 0;
  std::optional<KnownKasme> pending_;
  std::optional<KasmeChain> previous_;  ///< the old chain after a UCM, kept to explain stale NHs
};

/// A UE that follows TS 33.401 7.2.10 rule 4: after an SMC for a new KASME it keeps using the AS
/// parameters of the old KASME in handovers until the network takes a KeNB of the new KASME
/// into use. The suite's UE emulator uses it to compute what a correct UE derives.
class UeKeyState {
 public:
  /// AS security set up from KASME (Initial Context Setup seen from the UE): KeNB, NCC 0.
  const Key256& initial_as_security(std::uint8_t eksi, const Key256& kasme, std::uint32_t uplink_nas_count);
  /// SMC accepted for a new KASME: NAS switches, AS does not (rule 4).
  void new_kasme_in_nas(std::uint8_t eksi, const Key256& kasme);
  /// Handover command with NCC for the target cell: horizontal KeNB* from the current KeNB when NCC
  /// is unchanged, else vertical from the NH reached by stepping the AS chain until its NCC
  /// equals `ncc` (7.2.8.4.3). The result becomes the UE's KeNB.
  const Key256& handover(std::uint8_t ncc, std::uint16_t target_pci, std::uint32_t target_earfcn_dl);
  /// Reconfiguration taking a KeNB of the new KASME into use (after the network's UCM).
  const Key256& take_new_kasme_into_use(std::uint32_t uplink_nas_count);

  const Key256& kenb() const;
  std::uint8_t ncc() const noexcept { return static_cast<std::uint8_t>(step_ % 8); }
  std::uint8_t as_eksi() const;
  std::optional<std::uint8_t> nas_eksi() const noexcept { return nas_eksi_; }

 private:
  std::optional<KasmeChain> as_chain_;
  unsigned step_ = 0;     ///< NH derivations done on the AS chain
  std::optional<Key256> kenb_;
  std::optional<std::uint8_t> nas_eksi_;
  std::optional<std::pair<std::uint8_t, Key256>> pending_;
};

}  // namespace concur::security
