// The key derivation function of TS 33.401 Annex A: HMAC-SHA-256 (TS 33.220 B.2) over
// S = FC || P0 || L0 || ... || Pn || Ln, each Li a 2-octet big-endian length of Pi.
#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include "security/secret_key.h"

namespace concur::security {

/// Generic KDF: HMAC-SHA-256(key, FC || P0 || L0 || ...). Lengths are taken from the params.
Key256 kdf(ByteView key, std::uint8_t fc, std::initializer_list<ByteView> params);

/// FC values of TS 33.401 Annex A.
namespace fc {
inline constexpr std::uint8_t kasme = 0x10;                  ///< A.2
inline constexpr std::uint8_t kenb = 0x11;                   ///< A.3
inline constexpr std::uint8_t nh = 0x12;                     ///< A.4
inline constexpr std::uint8_t kenb_star = 0x13;              ///< A.5
inline constexpr std::uint8_t algorithm_key = 0x15;          ///< A.7
inline constexpr std::uint8_t ck_ik_handover = 0x16;         ///< A.8
inline constexpr std::uint8_t nas_token = 0x17;              ///< A.9
inline constexpr std::uint8_t kasme_prime_handover = 0x18;   ///< A.10
inline constexpr std::uint8_t kasme_prime_idle = 0x19;       ///< A.11
inline constexpr std::uint8_t ck_ik_srvcc = 0x1A;            ///< A.12
inline constexpr std::uint8_t ck_ik_idle_mobility = 0x1B;    ///< A.13
}  // namespace fc

/// The serving network identity of A.2: MCC and MNC digits coded as in TS 24.301
/// (octet 1 = MCC2|MCC1, octet 2 = MNC3|MCC3, octet 3 = MNC2|MNC1; MNC3 = F for 2-digit MNCs).
/// Built from digits on purpose: an S1AP/GTPv2 PLMN Identity orders a 3-digit MNC differently.
class ServingNetworkId {
 public:
  /// Throws std::invalid_argument unless MCC has 3 decimal digits and MNC 2 or 3.
  static ServingNetworkId from_digits(std::string_view mcc, std::string_view mnc);
  /// From an S1AP / GTPv2-C / Diameter PLMN Identity (TS 36.413 9.2.3.8: digits MCC1 MCC2 MCC3
  /// then F MNC1 MNC2 or MNC1 MNC2 MNC3, two per octet, low nibble first). For a 3-digit MNC
  /// that octet order differs from the SN id's, so the digits are decoded and re-encoded.
  /// Throws std::invalid_argument on a non-decimal digit or a misplaced filler.
  static ServingNetworkId from_plmn_identity(const std::array<std::uint8_t, 3>& plmn);
  /// The 3 octets exactly as they enter the KDF (for test vectors given as raw octets).
  static ServingNetworkId from_octets(const std::array<std::uint8_t, 3>& octets) { return ServingNetworkId(octets); }
  const std::array<std::uint8_t, 3>& octets() const noexcept { return octets_; }
  /// "MCC-MNC" in digits, e.g. "310-260", for reports.
  std::string digits() const;

 private:
  explicit ServingNetworkId(const std::array<std::uint8_t, 3>& o) : octets_(o) {}
  std::array<std::uint8_t, 3> octets_;
};

/// A.2: KASME from CK || IK, SN id and SQN xor AK (the first 6 octets of AUTN).
Key256 derive_kasme(const Key128& ck, const Key128& ik, const ServingNetworkId& sn,
                    const std::array<std::uint8_t, 6>& sqn_xor_ak);

/// A.3: KeNB from KASME and the uplink NAS COUNT (32 bits, 8 MSBs zero).
Key256 derive_kenb(const Key256& kasme, std::uint32_t uplink_nas_count);

/// A.4: NH from KASME and the SYNC-input (the fresh KeNB for the first NH, then the previous NH).
Key256 derive_nh(const Key256& kasme, const Key256& sync_input);

/// A.5: KeNB* from the current KeNB (horizontal) or from NH (vertical), target PCI and EARFCN-DL.
/// EARFCN-DL is coded in 2 octets up to 65535 and in 3 octets above (L1 = 00 02 / 00 03).
Key256 derive_kenb_star(const Key256& kenb_or_nh, std::uint16_t pci, std::uint32_t earfcn_dl);

/// A.7 algorithm type distinguishers.
enum class AlgorithmDistinguisher : std::uint8_t {
  nas_enc = 0x01,
  nas_int = 0x02,
  rrc_enc = 0x03,
  rrc_int = 0x04,
  up_enc = 0x05,
  up_int = 0x06,
};

/// A.7: the full 256-bit KDF output for an algorithm key (parent = KASME for NAS, KeNB for AS).
Key256 derive_algorithm_key_256(const Key256& parent, AlgorithmDistinguisher d, std::uint8_t algorithm_id);
/// A.7: the 128-bit algorithm key = the 128 least significant bits (last 16 octets) of the output.
Key128 derive_algorithm_key(const Key256& parent, AlgorithmDistinguisher d, std::uint8_t algorithm_id);
Key128 truncate_to_128(const Key256& k);

/// CK' and IK' for mapping an EPS context to UTRAN/GERAN: CK' = 128 MSBs, IK' = 128 LSBs.
struct CkIkPrime {
  Key128 ck;
  Key128 ik;
};
CkIkPrime derive_ck_ik_handover(const Key256& kasme, std::uint32_t downlink_nas_count);  ///< A.8, FC 0x16
CkIkPrime derive_ck_ik_srvcc(const Key256& kasme, std::uint32_t downlink_nas_count);     ///< A.12, FC 0x1A
CkIkPrime derive_ck_ik_idle_mobility(const Key256& kasme, std::uint32_t uplink_nas_count);  ///< A.13, FC 0x1B

/// A.9, FC 0x17: the full KDF output the NAS-token is taken from. Which 16 bits form the token
/// is not confirmed by a second source (PROTOCOL-FACTS Unverified 1), so it is not cut here.
Key256 derive_nas_token_material(const Key256& kasme, std::uint32_t uplink_nas_count);

/// A.10, FC 0x18: K'ASME at UTRAN/GERAN -> E-UTRAN handover, from CK || IK and NONCE_MME.
Key256 derive_kasme_prime_handover(const Key128& ck, const Key128& ik, std::uint32_t nonce_mme);
/// A.11, FC 0x19: K'ASME at idle mobility, from CK || IK, NONCE_UE and NONCE_MME.
Key256 derive_kasme_prime_idle(const Key128& ck, const Key128& ik, std::uint32_t nonce_ue, std::uint32_t nonce_mme);

}  // namespace concur::security
