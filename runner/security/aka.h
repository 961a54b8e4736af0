// EPS AKA around Milenage: the authentication vector an HSS generates (TS 33.401 6.1.1, A.2),
// the USIM/ME side (TS 33.102 6.3.3: MAC-A check, SQN freshness per Annex C, AUTS on a
// synchronisation failure; TS 33.401 6.1.2 AMF separation bit) and the HSS side of
// resynchronisation (TS 33.102 6.3.5: recover SQN_MS from AUTS, check MAC-S).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <variant>
#include <vector>

#include "security/kdf.h"
#include "security/milenage.h"

namespace concur::security {

using Autn = std::array<std::uint8_t, 16>;  ///< (SQN xor AK) || AMF || MAC-A
using Auts = std::array<std::uint8_t, 14>;  ///< (SQN_MS xor AK*) || MAC-S

inline constexpr std::uint64_t kMaxSqn = (std::uint64_t{1} << 48) - 1;

/// TS 33.401 6.1.2 / 33.102 Annex H: bit 0 (the most significant bit) of AMF is the "separation
/// bit"; it is 1 in vectors for E-UTRAN, and a UE accessing E-UTRAN rejects a vector without it.
inline bool amf_separation_bit(const Amf& amf) { return (amf[0] & 0x80) != 0; }

struct EpsAuthVector {
  Rand rand;
  Mac64 xres;
  Autn autn;
  Key256 kasme;
};

/// HSS: one EPS authentication vector for SQN and AMF, bound to the serving network.
/// Throws std::invalid_argument when sqn does not fit in 48 bits.
EpsAuthVector generate_eps_auth_vector(const Milenage& m, const Rand& rand, std::uint64_t sqn, const Amf& amf,
                                       const ServingNetworkId& sn);

/// The USIM's record of accepted sequence numbers, TS 33.102 Annex C.1-C.2 (SQN = SEQ || IND):
/// SQN is fresh when SEQ is above the SEQ last accepted with the same IND, not more than
/// `delta` above the highest SEQ accepted, and (optionally) not `age_limit` or more below it.
class UsimSqnWindow {
 public:
  struct Params {
    unsigned ind_bits = 5;                    ///< a = 32 array entries (Annex C.3.2 example)
    std::uint64_t delta = std::uint64_t{1} << 28;
    std::optional<std::uint64_t> age_limit;   ///< L of Annex C.2.2, if the operator uses it
  };
  UsimSqnWindow() : UsimSqnWindow(Params{}) {}
  /// `stored_sqn_ms`: the highest SQN the USIM accepted before (its state at power-on).
  explicit UsimSqnWindow(Params p, std::uint64_t stored_sqn_ms = 0);

  bool is_fresh(std::uint64_t sqn) const;
  void accept(std::uint64_t sqn);
  /// SQN_MS for AUTS: the highest sequence number accepted so far (0 before any).
  std::uint64_t sqn_ms() const noexcept { return highest_sqn_; }

 private:
  Params p_;
  std::vector<std::uint64_t> seq_by_ind_;
  std::uint64_t highest_seq_ = 0;
  std::uint64_t highest_sqn_ = 0;
};

struct AkaSuccess {
  Mac64 res;
  Key128 ck;
  Key128 ik;
  Key256 kasme;
  std::uint64_t sqn;
};
/// MAC-A did not verify: the UE answers AUTHENTICATION FAILURE with EMM cause #20 "MAC failure".
struct AkaMacFailure {};
/// AUTN is authentic but its SQN is not fresh: cause #21 "Synch failure" carrying AUTS.
struct AkaSynchFailure {
  Auts auts;
};
/// AUTN is authentic but the AMF separation bit is 0: cause #26 "non-EPS authentication unacceptable".
struct AkaSeparationBitFailure {};

using AkaOutcome = std::variant<AkaSuccess, AkaMacFailure, AkaSynchFailure, AkaSeparationBitFailure>;

/// UE (USIM + ME): checks AUTN for RAND and, on success, accepts SQN into `window` and derives KASME.
AkaOutcome ue_authenticate(const Milenage& usim, UsimSqnWindow& window, const Rand& rand, const Autn& autn,
                           const ServingNetworkId& sn);

/// The AUTS a USIM sends for SQN_MS (MAC-S computed with the dummy AMF 0x0000, 33.102 6.3.3).
Auts make_auts(const Milenage& usim, const Rand& rand, std::uint64_t sqn_ms);

/// HSS: SQN_MS from AUTS when MAC-S verifies for RAND, nullopt otherwise (33.102 6.3.5).
std::optional<std::uint64_t> hss_recover_sqn_ms(const Milenage& hss, const Rand& rand, const Auts& auts);

}  // namespace concur::security
