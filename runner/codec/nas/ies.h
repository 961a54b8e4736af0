// Typed NAS-EPS information elements (TS 24.301 §9.9, TS 24.008 §10.5).
// Each IE has `decode_<ie>(ByteReader& value)` reading exactly the value part (no IEI, no length)
// and `encode_<ie>(const T&, ByteWriter&)` writing exactly the value part; the message codecs add
// IEI and length. Where an octet has spare bits or optional trailing octets, the type keeps them
// so that a decoded IE re-encodes byte-identically.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/byte_reader.h"
#include "common/byte_writer.h"
#include "common/bytes.h"

namespace concur::nas {

/// NAS key set identifier, TS 24.301 §9.9.3.21 (a half-octet value).
struct NasKeySetIdentifier {
  static constexpr std::uint8_t no_key_available = 7;
  bool mapped = false;  ///< TSC bit: false = native (KSI_ASME), true = mapped (KSI_SGSN)
  std::uint8_t ksi = no_key_available;  ///< 0..6, or 7 = "no key is available"

  std::uint8_t nibble() const { return static_cast<std::uint8_t>((mapped ? 0x8 : 0) | (ksi & 0x7)); }
  static NasKeySetIdentifier from_nibble(std::uint8_t n) { return {(n & 0x8) != 0, static_cast<std::uint8_t>(n & 0x7)}; }
  bool operator==(const NasKeySetIdentifier&) const = default;
};

/// NAS security algorithms, TS 24.301 §9.9.3.23: the algorithms an SMC selects.
struct NasSecurityAlgorithms {
  std::uint8_t ciphering = 0;  ///< 0 EEA0, 1 128-EEA1, 2 128-EEA2, 3 128-EEA3, 4..7 EEA4..7
  std::uint8_t integrity = 0;  ///< 0 EIA0, 1 128-EIA1, 2 128-EIA2, 3 128-EIA3, 4..7 EIA4..7
  std::uint8_t spare_bits = 0;  ///< bits 8 and 4 as received (0 when well formed)
  bool operator==(const NasSecurityAlgorithms&) const = default;
};
NasSecurityAlgorithms decode_nas_security_algorithms(ByteReader& r);
void encode_nas_security_algorithms(const NasSecurityAlgorithms& v, ByteWriter& w);

/// UE security capability, TS 24.301 §9.9.3.36 (also the SMC's "replayed" copy). Value length 2..13.
/// Octet bit 8 is algorithm 0 (EEA0/EIA0/UEA0), bit 7 algorithm 1, … bit 1 algorithm 7.
struct UeSecurityCapability {
  std::uint8_t eea = 0;
  std::uint8_t eia = 0;
  std::optional<std::uint8_t> uea;
  std::optional<std::uint8_t> uia;  ///< bit 8 is spare
  std::optional<std::uint8_t> gea;  ///< bit 8 is spare, bit 7 = GEA1
  Bytes trailing;                   ///< octets 8.. (spare in Rel-17), kept for re-encoding

  bool supports_eea(unsigned alg) const { return alg < 8 && (eea & (0x80u >> alg)) != 0; }
  bool supports_eia(unsigned alg) const { return alg < 8 && (eia & (0x80u >> alg)) != 0; }
  bool operator==(const UeSecurityCapability&) const = default;
};
UeSecurityCapability decode_ue_security_capability(ByteReader& r);
void encode_ue_security_capability(const UeSecurityCapability& v, ByteWriter& w);

/// UE network capability, TS 24.301 §9.9.3.34 (value length 2..13). Octets 1–2 carry the same
/// EEA/EIA bitmaps as the UE security capability; the rest is kept as octets.
struct UeNetworkCapability {
  Bytes octets;
  std::uint8_t eea() const { return octets.empty() ? 0 : octets[0]; }
  std::uint8_t eia() const { return octets.size() < 2 ? 0 : octets[1]; }
  bool operator==(const UeNetworkCapability&) const = default;
};
UeNetworkCapability decode_ue_network_capability(ByteReader& r);
void encode_ue_network_capability(const UeNetworkCapability& v, ByteWriter& w);

/// PLMN identity as digits ("001", "01"); TS 24.008 §10.5.1.3 octet order MCC2|MCC1, MNC3|MCC3, MNC2|MNC1.
struct Plmn {
  std::string mcc;
  std::string mnc;  ///< 2 or 3 digits
  bool operator==(const Plmn&) const = default;
};
Plmn decode_plmn(ByteReader& r, std::string_view field);
void encode_plmn(const Plmn& p, ByteWriter& w);

/// GUTI, TS 24.301 §9.9.3.12 / TS 23.003 §2.8.
struct Guti {
  Plmn plmn;
  std::uint16_t mme_group_id = 0;
  std::uint8_t mme_code = 0;
  std::uint32_t m_tmsi = 0;
  bool operator==(const Guti&) const = default;
};

/// EPS mobile identity, TS 24.301 §9.9.3.12: a GUTI, an IMSI or an IMEI.
struct EpsMobileIdentity {
  enum Type : std::uint8_t { imsi = 1, guti = 6, imei = 3 };
  Type type = imsi;
  std::string digits;  ///< IMSI / IMEI digits
  Guti guti_value;     ///< when type == guti
  std::uint8_t filler = 0xF;  ///< high nibble of the GUTI's first octet / the even-length end mark, as received
  bool operator==(const EpsMobileIdentity&) const = default;
  static EpsMobileIdentity from_imsi(std::string digits);
  static EpsMobileIdentity from_guti(Guti g);
};
EpsMobileIdentity decode_eps_mobile_identity(ByteReader& r);
void encode_eps_mobile_identity(const EpsMobileIdentity& v, ByteWriter& w);
/// "001-01-0x8001-0x01-0xc0000001" style text for a GUTI.
std::string to_string(const Guti& g);

/// Mobile identity, TS 24.008 §10.5.1.4 (IMSI, IMEI, IMEISV, TMSI/P-TMSI/M-TMSI, no identity).
struct MobileIdentity {
  enum Type : std::uint8_t { none = 0, imsi = 1, imei = 2, imeisv = 3, tmsi = 4, tmgi = 5 };
  Type type = imsi;
  std::string digits;  ///< IMSI / IMEI / IMEISV digits
  std::uint32_t tmsi_value = 0;
  Bytes raw;  ///< the whole value for TMGI and "no identity" (kept as received)
  std::uint8_t filler = 0xF;  ///< end mark nibble for even digit counts / TMSI first-octet high nibble
  bool operator==(const MobileIdentity&) const = default;
};
MobileIdentity decode_mobile_identity(ByteReader& r);
void encode_mobile_identity(const MobileIdentity& v, ByteWriter& w);

/// Tracking area identity, TS 24.301 §9.9.3.32.
struct Tai {
  Plmn plmn;
  std::uint16_t tac = 0;
  bool operator==(const Tai&) const = default;
};
Tai decode_tai(ByteReader& r);
void encode_tai(const Tai& v, ByteWriter& w);

/// Tracking area identity list, TS 24.301 §9.9.3.33: partial lists of type 0 (one PLMN, listed
/// TACs), 1 (one PLMN, consecutive TACs) or 2 (listed TAIs). `tais` is always the expanded list.
struct PartialTaiList {
  std::uint8_t type = 0;
  std::vector<Tai> tais;  ///< 1..16 entries; for type 0/1 all share one PLMN; type 1 TACs consecutive
  bool operator==(const PartialTaiList&) const = default;
};
struct TaiList {
  std::vector<PartialTaiList> lists;
  bool operator==(const TaiList&) const = default;
};
TaiList decode_tai_list(ByteReader& r);
void encode_tai_list(const TaiList& v, ByteWriter& w);

/// GPRS timer, TS 24.008 §10.5.7.3 (also GPRS timer 2 / 3 share the unit|value octet; the units
/// differ, so only the raw fields are typed).
struct GprsTimer {
  std::uint8_t unit = 0;   ///< bits 8–6
  std::uint8_t value = 0;  ///< bits 5–1
  bool operator==(const GprsTimer&) const = default;
  /// Seconds for a GPRS timer (§10.5.7.3 units 2 s / 1 min / decihours); nullopt = deactivated.
  std::optional<std::uint32_t> seconds() const;
};
GprsTimer decode_gprs_timer(ByteReader& r);
void encode_gprs_timer(const GprsTimer& v, ByteWriter& w);

/// Authentication failure parameter (AUTS), TS 24.008 §10.5.3.2.2: 14 octets.
using Auts = std::array<std::uint8_t, 14>;
using Rand = std::array<std::uint8_t, 16>;

/// Access point name, TS 24.008 §10.5.6.1 (length-prefixed labels).
struct AccessPointName {
  Bytes encoded;
  /// "internet.mnc001.mcc001.gprs" (labels joined by dots); malformed labels render as hex.
  std::string to_string() const;
  static AccessPointName from_string(std::string_view dotted);
  bool operator==(const AccessPointName&) const = default;
};

/// PDN address, TS 24.301 §9.9.4.9.
struct PdnAddress {
  std::uint8_t pdn_type = 1;  ///< 1 IPv4, 2 IPv6, 3 IPv4v6, 5 non-IP
  std::uint8_t spare_bits = 0;
  Bytes address;  ///< 4 (IPv4), 8 (IPv6 interface id), 12 (both) octets
  bool operator==(const PdnAddress&) const = default;
};
PdnAddress decode_pdn_address(ByteReader& r);
void encode_pdn_address(const PdnAddress& v, ByteWriter& w);

/// EPS quality of service, TS 24.301 §9.9.4.3: QCI and optional bit rates (kept as octets).
struct EpsQos {
  std::uint8_t qci = 9;
  Bytes bit_rates;  ///< octets 4.. (0, 4, 8 or more)
  bool operator==(const EpsQos&) const = default;
};
EpsQos decode_eps_qos(ByteReader& r);
void encode_eps_qos(const EpsQos& v, ByteWriter& w);

/// DRX parameter, TS 24.008 §10.5.5.6 (2 octets).
struct DrxParameter {
  std::uint8_t split_pg_cycle_code = 0;
  std::uint8_t octet2 = 0;  ///< CN specific DRX cycle length, split on CCCH, non-DRX timer
  bool operator==(const DrxParameter&) const = default;
};

/// An optional IE kept as received: the IEI and its value octets (no length). For a type-1 IE,
/// `iei` is the octet's high nibble (low nibble zero) and `value` holds the low nibble.
/// For an unknown type-2 IE, `iei` is the whole octet and `value` is empty.
struct RawIe {
  enum class Format : std::uint8_t { tv1, t, tv, tlv, tlv_e };
  std::uint8_t iei = 0;
  Format format = Format::tlv;
  Bytes value;
  bool operator==(const RawIe&) const = default;
};

}  // namespace concur::nas
