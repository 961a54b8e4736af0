// Key material for the exact checks of rules 3, 8 and 9, behind two small interfaces so the rules
// do not change with where keys come from or which library derives them.
//  - KeySource: KASME per IMSI and eKSI (a key file for a capture, an emulated HSS, ...).
//  - KeyDerivation: TS 33.401 Annex A KeNB (A.3) and NH (A.4). The monitor never implements a
//    KDF itself; security_kdf.h binds this interface to concur::security.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "monitor/event.h"

namespace concur::monitor {

class KeyDerivation {
 public:
  virtual ~KeyDerivation() = default;
  /// TS 33.401 A.3: KeNB = KDF(KASME, FC 0x11, uplink NAS COUNT).
  virtual Key256 kenb(const Key256& kasme, std::uint32_t uplink_nas_count) const = 0;
  /// TS 33.401 A.4: NH = KDF(KASME, FC 0x12, SYNC-input).
  virtual Key256 nh(const Key256& kasme, const Key256& sync_input) const = 0;
};

class KeySource {
 public:
  virtual ~KeySource() = default;
  /// The KASME `eksi` names now (after the latest AKA under it).
  virtual std::optional<Key256> kasme(std::string_view imsi, Ksi eksi) const = 0;
  /// The KASME `eksi` named before its latest AKA: an MME may re-authenticate a UE under the
  /// eKSI of the KASME in use (NextEPC 0.3.10 does), and rule 3's old KASME is then this one.
  virtual std::optional<Key256> replaced_kasme(std::string_view /*imsi*/, Ksi /*eksi*/) const { return std::nullopt; }
};

/// KASMEs given as a table, e.g. read from a key file next to a capture, or derived from the AKA
/// runs of one: adding a different KASME under a known eKSI keeps the one it replaces.
class KasmeTable final : public KeySource {
 public:
  void add(std::string imsi, Ksi eksi, const Key256& kasme);
  std::optional<Key256> kasme(std::string_view imsi, Ksi eksi) const override;
  std::optional<Key256> replaced_kasme(std::string_view imsi, Ksi eksi) const override;

 private:
  struct Named {
    Key256 latest{};
    std::optional<Key256> replaced;
  };
  std::map<std::pair<std::string, Ksi>, Named> table_;
};

/// A point of an NH chain a UE knows: the KeNB of the initial AS context (virtual NCC 0,
/// TS 33.401 7.2.8.1.1) or an NH it was given with its NCC.
struct ChainAnchor {
  Key256 value{};
  std::uint8_t ncc = 0;
  bool is_kenb = true;
};

/// Where a received NH lies on the chain of one KASME.
struct ChainPosition {
  unsigned hops = 0;             ///< A.4 iterations from the anchor
  std::uint8_t chain_ncc = 0;    ///< the NCC that NH carries on this chain: (anchor NCC + hops) mod 8
};

/// The rule-4 UE as an oracle: can a UE holding `kasme` and `anchor` derive `nh`, iterating
/// A.4 at most `max_hops` times? (A UE re-synchronises by iterating until the NCCs match.)
std::optional<ChainPosition> locate_on_chain(const KeyDerivation& kdf, const Key256& kasme,
                                             const ChainAnchor& anchor, const Key256& nh,
                                             unsigned max_hops = 8);

/// The NCC after `hops` steps: a 3-bit counter, 7 wraps to 0.
inline std::uint8_t ncc_after(std::uint8_t ncc, unsigned hops) {
  return static_cast<std::uint8_t>((ncc + hops) % 8);
}
/// Forward distance from NCC `from` to NCC `to` on the 3-bit counter (0..7).
inline unsigned ncc_step(std::uint8_t from, std::uint8_t to) {
  return static_cast<unsigned>((to + 8 - from % 8) % 8);
}

}  // namespace concur::monitor
