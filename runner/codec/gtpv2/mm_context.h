// MM Context IEs (TS 29.274 8.38) that carry EPS and mapped UMTS security contexts between MMEs (S10)
// and from an MME to an SGSN (S3). Type 107 is decoded bit-exactly including the old EPS security
// context that TS 33.401 7.2.10 (rule on concurrent SMC and handover) puts in S10 Forward Relocation
// Request; see PROTOCOL-FACTS §5.5 for the octet map.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "codec/gtpv2/ie_type.h"
#include "common/bytes.h"

namespace concur::gtpv2 {

using Key256 = std::array<std::uint8_t, 32>;
using Key128 = std::array<std::uint8_t, 16>;

/// Security Mode values of octet 5 bits 8-6 (Table 8.38-1).
namespace security_mode {
inline constexpr std::uint8_t gsm_key_triplets = 0, umts_key_cipher_quintuplets = 1, gsm_key_cipher_quintuplets = 2,
                              umts_key_quintuplets = 3, eps_security_context_quadruplets = 4,
                              umts_key_quadruplets_quintuplets = 5;
}

/// Figure 8.38-9.
struct AuthenticationQuadruplet {
  Key128 rand{};
  Bytes xres;
  Bytes autn;
  Key256 kasme{};
  bool operator==(const AuthenticationQuadruplet&) const = default;
};

/// Figure 8.38-8.
struct AuthenticationQuintuplet {
  Key128 rand{};
  Bytes xres;
  Key128 ck{};
  Key128 ik{};
  Bytes autn;
  bool operator==(const AuthenticationQuintuplet&) const = default;
};

/// {NH, NCC}: present iff NHI=1 (octets p..p+32).
struct NextHop {
  Key256 nh{};
  std::uint8_t ncc = 0;  ///< 3 bits
  bool operator==(const NextHop&) const = default;
};

/// Octets s..s+64, present iff OSCI=1: the old KASME chain that a source MME keeps using for AS
/// security after an SMC for a new KASME and before a UCM (TS 33.401 7.2.10, rule R8).
struct OldEpsSecurityContext {
  std::uint8_t ksi_asme = 0;     ///< old KSI_ASME, octet s bits 6-4
  Key256 kasme{};
  std::optional<Key256> nh;      ///< old NH, present iff NHI_old=1
  std::uint8_t ncc = 0;          ///< old NCC, octet s bits 3-1; kept even when NHI_old=0 (receiver ignores it then)
  bool rlos = false;             ///< octet s bit 7: UE is RLOS attached
  bool operator==(const OldEpsSecurityContext&) const = default;
};

struct UeAmbr {
  std::uint32_t uplink_kbps = 0;
  std::uint32_t downlink_kbps = 0;
  bool operator==(const UeAmbr&) const = default;
};

/// Octets j..r+1, common to types 106, 107 and 108: UE-AMBRs, capabilities, MEI, access restriction.
struct MmCommonData {
  std::optional<UeAmbr> subscribed_ue_ambr;  ///< SAMBRI
  std::optional<UeAmbr> used_ue_ambr;        ///< UAMBRI
  Bytes ue_network_capability;               ///< TS 24.301 9.9.3.34 value
  Bytes ms_network_capability;               ///< TS 24.008 10.5.5.12 value
  Bytes mei;                                 ///< as in the MEI IE
  /// Octet r+1 (UNA GENA GANA INA ENA HNNA NBNA ECNA from bit 1). Absent only when a peer ended the IE before it.
  std::optional<std::uint8_t> access_restriction;
  bool operator==(const MmCommonData&) const = default;
};

/// Type 107, "EPS Security Context and Quadruplets" (Figure 8.38-5).
struct EpsSecurityContext {
  static constexpr std::uint8_t kType = ie_type::mm_context_eps;
  std::uint8_t ksi_asme = 0;             ///< 3 bits
  std::uint8_t nas_integrity_alg = 2;    ///< Table 8.38-4: 0 none, 1 EIA1, 2 EIA2, 3 EIA3 (3 bits)
  std::uint8_t nas_cipher_alg = 0;       ///< Table 8.38-2: 0 none, 1 EEA1, 2 EEA2, 3 EEA3 (4 bits)
  std::uint32_t nas_downlink_count = 0;  ///< 24 bits: next DL count to use
  std::uint32_t nas_uplink_count = 0;    ///< 24 bits: largest verified UL count
  Key256 kasme{};
  std::vector<AuthenticationQuadruplet> quadruplets;  ///< at most 7 on the wire (spec: at most 5)
  std::vector<AuthenticationQuintuplet> quintuplets;  ///< 33.401 6.1.6: shall be 0 towards an MME
  std::optional<std::uint16_t> drx;                   ///< DRXI; TS 24.008 10.5.5.6 value
  std::optional<NextHop> next_hop;                    ///< NHI
  MmCommonData common;
  std::optional<OldEpsSecurityContext> old_context;   ///< OSCI
  /// Later-release trailing fields. Each is written with its length; an absent field that precedes
  /// a present one is written with length zero (and then decodes as present and empty).
  std::optional<Bytes> voice_domain_preference;           ///< 1-octet length
  std::optional<Bytes> ue_radio_capability_for_paging;    ///< 2-octet length
  std::optional<Bytes> extended_access_restriction;       ///< 1-octet length (NRSRNA, USSRNA, NRNA, ...)
  std::optional<Bytes> ue_additional_security_capability; ///< 1-octet length, TS 24.301 9.9.3.53
  std::optional<Bytes> ue_nr_security_capability;         ///< 1-octet length, TS 24.501 9.11.3.54
  std::optional<Bytes> apn_rate_control_statuses;         ///< 2-octet length
  std::optional<Bytes> core_network_restrictions;         ///< 1-octet length
  std::optional<Bytes> ue_radio_capability_id;            ///< 1-octet length
  std::optional<std::uint8_t> ensct_octet;                ///< octet a: spare | (TRIDI) | ENSCT (bits 2-1)
  bool operator==(const EpsSecurityContext&) const = default;
};

/// Type 106, "UMTS Key and Quintuplets" (Figure 8.38-4), e.g. from an SGSN on S3.
struct UmtsKeyQuintuplets {
  static constexpr std::uint8_t kType = ie_type::mm_context_umts_quintuplets;
  std::uint8_t ksi = 0;
  bool iovi = false, gupii = false, ugipai = false;
  std::uint8_t octet7 = 0;  ///< spare | used GPRS integrity protection algorithm (bits 3-1)
  Key128 ck{};
  Key128 ik{};
  std::vector<AuthenticationQuintuplet> quintuplets;
  std::optional<std::uint16_t> drx;
  MmCommonData common;
  Bytes trailing;  ///< octets after the access restriction data (voice domain preference, ...), kept raw
  bool operator==(const UmtsKeyQuintuplets&) const = default;
};

/// Type 108, "UMTS Key, Quadruplets and Quintuplets" (Figure 8.38-6): an MME hands CK', IK' (never KASME,
/// 33.401 6.4) to an SGSN on S3 at E-UTRAN to UTRAN/GERAN handover.
struct UmtsKeyQuadrupletsQuintuplets {
  static constexpr std::uint8_t kType = ie_type::mm_context_umts_quadruplets_quintuplets;
  std::uint8_t ksi_asme = 0;
  Key128 ck_prime{};
  Key128 ik_prime{};
  std::vector<AuthenticationQuadruplet> quadruplets;
  std::vector<AuthenticationQuintuplet> quintuplets;
  std::optional<std::uint16_t> drx;
  MmCommonData common;
  Bytes trailing;  ///< octets after the access restriction data, kept raw
  bool operator==(const UmtsKeyQuadrupletsQuintuplets&) const = default;
};

}  // namespace concur::gtpv2
