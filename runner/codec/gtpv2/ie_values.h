// Typed values of the GTPv2-C IEs this codec decodes (TS 29.274 clause 8). Each struct names its IE
// type in kType; its octets are the IE value (octet 5 onwards of Figure 8.2-1). Values that the
// layout cannot express (a 4-bit field above 15, ...) make the encoder throw std::invalid_argument.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "codec/gtpv2/ie_type.h"
#include "codec/gtpv2/plmn.h"
#include "common/bytes.h"

namespace concur::gtpv2 {

using Ipv4 = std::array<std::uint8_t, 4>;
using Ipv6 = std::array<std::uint8_t, 16>;

/// 8.3: IMSI as TBCD digits.
struct Imsi {
  static constexpr std::uint8_t kType = ie_type::imsi;
  std::string digits;
  bool operator==(const Imsi&) const = default;
};

/// 8.4: the IE type and instance of the IE a rejection points at (octets 7-10).
struct OffendingIe {
  std::uint8_t type = 0;
  std::uint8_t instance = 0;
  bool operator==(const OffendingIe&) const = default;
};

/// 8.4 Cause, Table 8.4-1 values (16 Request accepted, 81 Relocation failure, ...).
struct Cause {
  static constexpr std::uint8_t kType = ie_type::cause;
  std::uint8_t value = 16;
  bool pce = false;  ///< PDN connection IE error
  bool bce = false;  ///< bearer context IE error
  bool cs = false;   ///< cause source: 1 = originated by a remote node
  std::optional<OffendingIe> offending_ie;
  bool operator==(const Cause&) const = default;
};

/// 8.5 Recovery (restart counter).
struct Recovery {
  static constexpr std::uint8_t kType = ie_type::recovery;
  std::uint8_t restart_counter = 0;
  bool operator==(const Recovery&) const = default;
};

/// 8.6 APN, label-encoded on the wire (TS 23.003 9.1), dotted here: "internet.mnc001.mcc001.gprs".
struct Apn {
  static constexpr std::uint8_t kType = ie_type::apn;
  std::string name;
  bool operator==(const Apn&) const = default;
};

/// 8.7 AMBR in kbps.
struct Ambr {
  static constexpr std::uint8_t kType = ie_type::ambr;
  std::uint32_t uplink_kbps = 0;
  std::uint32_t downlink_kbps = 0;
  bool operator==(const Ambr&) const = default;
};

/// 8.8 EPS Bearer ID (4 bits).
struct Ebi {
  static constexpr std::uint8_t kType = ie_type::ebi;
  std::uint8_t value = 5;
  bool operator==(const Ebi&) const = default;
};

/// 8.9 IP Address: 4 octets (IPv4) or 16 (IPv6).
struct IpAddress {
  static constexpr std::uint8_t kType = ie_type::ip_address;
  Bytes address;
  bool operator==(const IpAddress&) const = default;
};

/// 8.10 MEI (IMEI or IMEISV) as TBCD digits.
struct Mei {
  static constexpr std::uint8_t kType = ie_type::mei;
  std::string digits;
  bool operator==(const Mei&) const = default;
};

/// 8.11 MSISDN as TBCD digits.
struct Msisdn {
  static constexpr std::uint8_t kType = ie_type::msisdn;
  std::string digits;
  bool operator==(const Msisdn&) const = default;
};

/// A flag of the Indication IE (8.12): octet index from octet 5 and the bit mask within it.
struct IndicationFlag {
  std::uint8_t octet;
  std::uint8_t mask;
};
namespace indication {
inline constexpr IndicationFlag daf{0, 0x80}, dtf{0, 0x40}, hi{0, 0x20}, dfi{0, 0x10}, oi{0, 0x08}, isrsi{0, 0x04},
    israi{0, 0x02}, sgwci{0, 0x01};
inline constexpr IndicationFlag sqci{1, 0x80}, uimsi{1, 0x40}, cfsi{1, 0x20}, crsi{1, 0x10}, p{1, 0x08}, pt{1, 0x04},
    si{1, 0x02}, msv{1, 0x01};
}  // namespace indication

/// 8.12 Indication: a variable number of flag octets, kept as received.
struct Indication {
  static constexpr std::uint8_t kType = ie_type::indication;
  Bytes octets;
  bool test(IndicationFlag f) const { return f.octet < octets.size() && (octets[f.octet] & f.mask) != 0; }
  Indication& set(IndicationFlag f, bool on = true);
  bool operator==(const Indication&) const = default;
};

/// 8.14 PDN Address Allocation.
struct Paa {
  static constexpr std::uint8_t kType = ie_type::paa;
  std::uint8_t pdn_type = 1;  ///< 1 IPv4, 2 IPv6, 3 IPv4v6, 4 non-IP, 5 Ethernet
  std::uint8_t ipv6_prefix_length = 0;
  std::optional<Ipv6> ipv6;
  std::optional<Ipv4> ipv4;
  bool operator==(const Paa&) const = default;
};

/// 8.15 Bearer QoS; bit rates in kbps, 40 bits each.
struct BearerQos {
  static constexpr std::uint8_t kType = ie_type::bearer_qos;
  bool pci = false;  ///< pre-emption capability (1 = disabled)
  std::uint8_t priority_level = 15;
  bool pvi = false;  ///< pre-emption vulnerability (1 = disabled)
  std::uint8_t qci = 9;
  std::uint64_t mbr_uplink = 0, mbr_downlink = 0, gbr_uplink = 0, gbr_downlink = 0;
  bool operator==(const BearerQos&) const = default;
};

/// 8.17 RAT Type: 1 UTRAN, 2 GERAN, 6 EUTRAN, ...
struct RatType {
  static constexpr std::uint8_t kType = ie_type::rat_type;
  std::uint8_t value = 6;
  bool operator==(const RatType&) const = default;
};

/// 8.18 Serving Network.
struct ServingNetwork {
  static constexpr std::uint8_t kType = ie_type::serving_network;
  PlmnId plmn;
  bool operator==(const ServingNetwork&) const = default;
};

struct Cgi { PlmnId plmn; std::uint16_t lac = 0, ci = 0; bool operator==(const Cgi&) const = default; };
struct Sai { PlmnId plmn; std::uint16_t lac = 0, sac = 0; bool operator==(const Sai&) const = default; };
struct Rai { PlmnId plmn; std::uint16_t lac = 0, rac = 0; bool operator==(const Rai&) const = default; };
struct Tai { PlmnId plmn; std::uint16_t tac = 0; bool operator==(const Tai&) const = default; };
/// E-UTRAN cell global id: 28-bit ECI (eNB id in the high 20 bits).
struct Ecgi { PlmnId plmn; std::uint32_t eci = 0; bool operator==(const Ecgi&) const = default; };
struct Lai { PlmnId plmn; std::uint16_t lac = 0; bool operator==(const Lai&) const = default; };
/// 20-bit macro eNB id.
struct MacroEnbId { PlmnId plmn; std::uint32_t enb_id = 0; bool operator==(const MacroEnbId&) const = default; };
/// 21-bit (SMeNB=0) or 18-bit (SMeNB=1) extended macro eNB id.
struct ExtendedMacroEnbId {
  PlmnId plmn;
  bool smenb = false;
  std::uint32_t enb_id = 0;
  bool operator==(const ExtendedMacroEnbId&) const = default;
};

/// 8.21 User Location Information; parts appear on the wire in this member order.
struct Uli {
  static constexpr std::uint8_t kType = ie_type::uli;
  std::optional<Cgi> cgi;
  std::optional<Sai> sai;
  std::optional<Rai> rai;
  std::optional<Tai> tai;
  std::optional<Ecgi> ecgi;
  std::optional<Lai> lai;
  std::optional<MacroEnbId> macro_enb;
  std::optional<ExtendedMacroEnbId> extended_macro_enb;
  bool operator==(const Uli&) const = default;
};

/// F-TEID interface types (8.22) used on the interfaces this suite drives.
namespace interface_type {
inline constexpr std::uint8_t s1u_enb = 0, s1u_sgw = 1, s5s8_sgw_gtpu = 4, s5s8_pgw_gtpu = 5, s5s8_sgw_gtpc = 6,
                              s5s8_pgw_gtpc = 7, s11_mme = 10, s11s4_sgw = 11, s10_mme = 12, s3_mme = 13,
                              s3_sgsn = 14, s4_sgsn = 17, s16_sgsn = 18;
}

/// 8.22 Fully qualified TEID.
struct FTeid {
  static constexpr std::uint8_t kType = ie_type::f_teid;
  std::uint8_t interface_type = 0;  ///< 6 bits
  std::uint32_t teid = 0;
  std::optional<Ipv4> ipv4;
  std::optional<Ipv6> ipv6;
  bool operator==(const FTeid&) const = default;
};

/// 8.27 Delay Value, in integer multiples of 50 ms.
struct DelayValue {
  static constexpr std::uint8_t kType = ie_type::delay_value;
  std::uint8_t value = 0;
  bool operator==(const DelayValue&) const = default;
};

/// 8.30 Charging Characteristics (TS 32.251 A.4), two octets.
struct ChargingCharacteristics {
  static constexpr std::uint8_t kType = ie_type::charging_characteristics;
  std::uint16_t value = 0;
  bool operator==(const ChargingCharacteristics&) const = default;
};

/// 8.31 Trace Information, kept raw.
struct TraceInformation {
  static constexpr std::uint8_t kType = ie_type::trace_information;
  Bytes raw;
  bool operator==(const TraceInformation&) const = default;
};

/// 8.34 PDN Type (3 bits).
struct PdnType {
  static constexpr std::uint8_t kType = ie_type::pdn_type;
  std::uint8_t value = 1;
  bool operator==(const PdnType&) const = default;
};

/// 8.41 P-TMSI (4 octets).
struct PTmsi {
  static constexpr std::uint8_t kType = ie_type::p_tmsi;
  std::uint32_t value = 0;
  bool operator==(const PTmsi&) const = default;
};

/// 8.43 Hop Counter.
struct HopCounter {
  static constexpr std::uint8_t kType = ie_type::hop_counter;
  std::uint8_t value = 0;
  bool operator==(const HopCounter&) const = default;
};

/// 8.44 UE Time Zone: time zone octet as in TS 24.008 10.5.3.8, daylight saving time (2 bits).
struct UeTimeZone {
  static constexpr std::uint8_t kType = ie_type::ue_time_zone;
  std::uint8_t time_zone = 0;
  std::uint8_t daylight_saving_time = 0;
  bool operator==(const UeTimeZone&) const = default;
};

/// 8.46 Complete Request Message: 0 complete Attach Request, 1 complete TAU Request; NAS octets follow.
struct CompleteRequestMessage {
  static constexpr std::uint8_t kType = ie_type::complete_request_message;
  std::uint8_t type = 1;
  Bytes nas_message;
  bool operator==(const CompleteRequestMessage&) const = default;
};

/// 8.47 GUTI.
struct Guti {
  static constexpr std::uint8_t kType = ie_type::guti;
  PlmnId plmn;
  std::uint16_t mme_group_id = 0;
  std::uint8_t mme_code = 0;
  std::uint32_t m_tmsi = 0;
  bool operator==(const Guti&) const = default;
};

/// 8.48 F-Container: 1 UTRAN transparent, 2 BSS, 3 E-UTRAN transparent container (the S1AP
/// Source-to-Target Transparent Container octets), 4 NBIFOM, 5 EN-DC, 6 inter-system SON.
struct FContainer {
  static constexpr std::uint8_t kType = ie_type::f_container;
  std::uint8_t container_type = 3;
  Bytes container;
  bool operator==(const FContainer&) const = default;
};

/// 8.49 F-Cause: the instance says which cause (0 S1AP, 1 RANAP, 2 BSSGP); for S1AP the cause type is
/// 0 radio network, 1 transport, 2 NAS, 3 protocol, 4 misc and the value is one octet.
struct FCause {
  static constexpr std::uint8_t kType = ie_type::f_cause;
  std::uint8_t cause_type = 0;
  Bytes cause_value;
  bool operator==(const FCause&) const = default;
};

/// 8.50 PLMN ID (Selected PLMN ID).
struct SelectedPlmnId {
  static constexpr std::uint8_t kType = ie_type::selected_plmn_id;
  PlmnId plmn;
  bool operator==(const SelectedPlmnId&) const = default;
};

/// 8.51.2: RNC ID target (inter-RAT to UTRAN).
struct TargetRncId {
  PlmnId plmn;
  std::uint16_t lac = 0;
  std::uint8_t rac = 0;
  std::uint16_t rnc_id = 0;
  std::optional<std::uint16_t> extended_rnc_id;
  bool operator==(const TargetRncId&) const = default;
};
/// 8.51: Macro eNodeB ID target (inter-MME).
struct TargetMacroEnb {
  PlmnId plmn;
  std::uint32_t enb_id = 0;  ///< 20 bits
  std::uint16_t tac = 0;
  bool operator==(const TargetMacroEnb&) const = default;
};
/// 8.51: Cell Identifier target (to GERAN), octets 3-10 of the TS 48.018 Cell Identifier: RAI then CI.
struct TargetCellIdentifier {
  PlmnId plmn;
  std::uint16_t lac = 0;
  std::uint8_t rac = 0;
  std::uint16_t ci = 0;
  bool operator==(const TargetCellIdentifier&) const = default;
};
/// 8.51: Home eNodeB ID target.
struct TargetHomeEnb {
  PlmnId plmn;
  std::uint32_t enb_id = 0;  ///< 28 bits
  std::uint16_t tac = 0;
  bool operator==(const TargetHomeEnb&) const = default;
};

/// 8.51 Target Identification. Target types 0 RNC ID, 1 macro eNB, 2 cell identifier, 3 home eNB are
/// typed; the others keep their octets after the target type in `raw`.
struct TargetIdentification {
  static constexpr std::uint8_t kType = ie_type::target_identification;
  std::uint8_t target_type = 1;
  std::optional<TargetRncId> rnc;
  std::optional<TargetMacroEnb> macro_enb;
  std::optional<TargetCellIdentifier> cell;
  std::optional<TargetHomeEnb> home_enb;
  Bytes raw;
  bool operator==(const TargetIdentification&) const = default;
};

/// 8.56 Port Number.
struct PortNumber {
  static constexpr std::uint8_t kType = ie_type::port_number;
  std::uint16_t port = 0;
  bool operator==(const PortNumber&) const = default;
};

/// 8.58 Selection Mode (2 bits).
struct SelectionMode {
  static constexpr std::uint8_t kType = ie_type::selection_mode;
  std::uint8_t mode = 0;
  bool operator==(const SelectionMode&) const = default;
};

/// 8.65 Node Type: 0 MME, 1 SGSN.
struct NodeType {
  static constexpr std::uint8_t kType = ie_type::node_type;
  std::uint8_t value = 0;
  bool operator==(const NodeType&) const = default;
};

/// 8.66 FQDN, label-encoded like the APN; dotted here.
struct Fqdn {
  static constexpr std::uint8_t kType = ie_type::fqdn;
  std::string name;
  bool operator==(const Fqdn&) const = default;
};

/// 8.67 Private Extension.
struct PrivateExtension {
  static constexpr std::uint8_t kType = ie_type::private_extension;
  std::uint16_t enterprise_id = 0;
  Bytes value;
  bool operator==(const PrivateExtension&) const = default;
};

}  // namespace concur::gtpv2
