// S1AP domain value types (TS 36.413 V17.1.0 clause 9.2): plain C++, no generated types, so every
// layer above the codec can use them. Field comments cite the IE clause.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "common/bytes.h"

namespace concur::s1ap {

/// PLMN Identity (9.2.3.8): 3 octets, TBCD digits as on the wire (MCC 001 / MNC 01 -> 00 f1 10).
using Plmn = std::array<std::uint8_t, 3>;
/// 256-bit keys: SecurityKey (9.2.1.41, KeNB) and the Next Hop of SecurityContext (9.2.1.26).
using Key256 = std::array<std::uint8_t, 32>;

enum class Criticality : std::uint8_t { reject = 0, ignore = 1, notify = 2 };

/// TAI (9.2.3.16).
struct Tai {
  Plmn plmn{};
  std::uint16_t tac = 0;
  bool operator==(const Tai&) const = default;
};

/// E-UTRAN CGI (9.2.1.38): 28-bit cell identity.
struct Ecgi {
  Plmn plmn{};
  std::uint32_t cell_id = 0;
  bool operator==(const Ecgi&) const = default;
};

/// Global eNB ID (9.2.1.37): the eNB ID's form fixes its length in bits.
enum class EnbIdKind : std::uint8_t { macro /*20*/, home /*28*/, short_macro /*18*/, long_macro /*21*/ };
struct GlobalEnbId {
  Plmn plmn{};
  EnbIdKind kind = EnbIdKind::macro;
  std::uint32_t id = 0;
  bool operator==(const GlobalEnbId&) const = default;
};

/// Security Context (9.2.1.26): {NCC, NH} the MME hands to the target eNB (TS 33.401 7.2.8).
struct SecurityContext {
  std::uint8_t next_hop_chaining_count = 0;  ///< NCC, 0..7
  Key256 next_hop{};                          ///< NH
  bool operator==(const SecurityContext&) const = default;
};

/// UE Security Capabilities (9.2.1.40): the first 16 bits of each bitmap, MSB first
/// (bit 15 = 128-EEA1/EIA1, bit 14 = 128-EEA2/EIA2, bit 13 = 128-EEA3/EIA3).
struct UeSecurityCapabilities {
  std::uint16_t encryption_algorithms = 0;
  std::uint16_t integrity_algorithms = 0;
  bool operator==(const UeSecurityCapabilities&) const = default;
};

/// Handover Type (9.2.1.13).
enum class HandoverType : std::uint8_t { intralte, ltetoutran, ltetogeran, utrantolte, gerantolte, eps_to_5gs, fivegs_to_eps };

/// Cause (9.2.1.3): the CHOICE alternative and the ENUMERATED index inside it.
enum class CauseGroup : std::uint8_t { radio_network, transport, nas, protocol, misc };
struct Cause {
  CauseGroup group = CauseGroup::misc;
  std::uint8_t value = 0;
  bool operator==(const Cause&) const = default;
};

/// Location Area Identity (9.2.3.1) and the targets of a handover out of E-UTRAN (9.2.1.6).
struct Lai {
  Plmn plmn{};
  std::uint16_t lac = 0;
  bool operator==(const Lai&) const = default;
};
/// Target eNB: intra-LTE S1 handover; a selected TAI outside the MME's pool makes it inter-MME.
struct TargetEnb {
  GlobalEnbId global_enb_id;
  Tai selected_tai;
  bool operator==(const TargetEnb&) const = default;
};
/// Target RNC: LTE -> UTRAN.
struct TargetRnc {
  Lai lai;
  std::optional<std::uint8_t> rac;
  std::uint16_t rnc_id = 0;  ///< 0..4095
  std::optional<std::uint16_t> extended_rnc_id;
  bool operator==(const TargetRnc&) const = default;
};
/// Target cell (CGI): LTE -> GERAN.
struct TargetCgi {
  Plmn plmn{};
  std::uint16_t lac = 0;
  std::uint16_t ci = 0;
  std::optional<std::uint8_t> rac;
  bool operator==(const TargetCgi&) const = default;
};
/// A target this model does not break down (e.g. an NG-RAN node): the aligned-PER TargetID as is.
struct TargetOther {
  Bytes encoding;
  bool operator==(const TargetOther&) const = default;
};
using TargetId = std::variant<TargetEnb, TargetRnc, TargetCgi, TargetOther>;

/// UE Aggregate Maximum Bit Rate (9.2.1.20), bit/s.
struct UeAggregateMaximumBitrate {
  std::uint64_t downlink = 0;
  std::uint64_t uplink = 0;
  bool operator==(const UeAggregateMaximumBitrate&) const = default;
};

/// E-RAB Level QoS Parameters (9.2.1.15) with ARP (9.2.1.60) and GBR information (9.2.1.18).
struct GbrQosInformation {
  std::uint64_t max_bitrate_dl = 0, max_bitrate_ul = 0, guaranteed_bitrate_dl = 0, guaranteed_bitrate_ul = 0;
  bool operator==(const GbrQosInformation&) const = default;
};
struct ERabLevelQos {
  std::uint8_t qci = 9;
  std::uint8_t priority_level = 15;
  bool preemption_capability_may_trigger = false;  ///< Pre-emption Capability: may-trigger-pre-emption
  bool preemption_vulnerable = false;              ///< Pre-emption Vulnerability: pre-emptable
  std::optional<GbrQosInformation> gbr;
  bool operator==(const ERabLevelQos&) const = default;
};

/// Transport Layer Address (9.2.2.1): the BIT STRING's octets (4 = IPv4, 16 = IPv6, 20 = both).
using TransportLayerAddress = Bytes;

/// An E-RAB to set up in a context (E-RABToBeSetupItemCtxtSUReq) or in a handover
/// (E-RABToBeSetupItemHOReq, where nas_pdu is always empty).
struct ERabToBeSetup {
  std::uint8_t e_rab_id = 0;
  ERabLevelQos qos;
  TransportLayerAddress transport_layer_address;
  std::uint32_t gtp_teid = 0;
  std::optional<Bytes> nas_pdu;
  bool operator==(const ERabToBeSetup&) const = default;
};

/// An E-RAB with its tunnel endpoint: set up (E-RABSetupItemCtxtSURes), admitted (E-RABAdmittedItem,
/// with optional forwarding tunnels) or switched (E-RABToBeSwitchedDL/ULItem).
struct ERabTunnel {
  std::uint8_t e_rab_id = 0;
  TransportLayerAddress transport_layer_address;
  std::uint32_t gtp_teid = 0;
  bool operator==(const ERabTunnel&) const = default;
};
struct ERabAdmitted {
  std::uint8_t e_rab_id = 0;
  TransportLayerAddress transport_layer_address;
  std::uint32_t gtp_teid = 0;
  std::optional<TransportLayerAddress> dl_forwarding_address;
  std::optional<std::uint32_t> dl_forwarding_teid;
  std::optional<TransportLayerAddress> ul_forwarding_address;
  std::optional<std::uint32_t> ul_forwarding_teid;
  bool operator==(const ERabAdmitted&) const = default;
};
/// E-RAB Item (E-RABList, 9.2.1.36): an E-RAB that failed or is released, with why.
struct ERabWithCause {
  std::uint8_t e_rab_id = 0;
  Cause cause;
  bool operator==(const ERabWithCause&) const = default;
};

/// Bearers Subject to Status Transfer item (9.2.1.31): 12-bit PDCP SN COUNT values.
struct BearerStatus {
  std::uint8_t e_rab_id = 0;
  std::uint16_t ul_pdcp_sn = 0;
  std::uint32_t ul_hfn = 0;
  std::uint16_t dl_pdcp_sn = 0;
  std::uint32_t dl_hfn = 0;
  std::optional<Bytes> receive_status_of_ul_pdcp_sdus;  ///< BIT STRING (SIZE(4096)), 512 octets
  bool operator==(const BearerStatus&) const = default;
};

/// S-TMSI (9.2.3.6).
struct STmsi {
  std::uint8_t mmec = 0;
  std::uint32_t m_tmsi = 0;
  bool operator==(const STmsi&) const = default;
};

/// Supported TAs item of S1 SETUP REQUEST (9.1.8.4).
struct SupportedTa {
  std::uint16_t tac = 0;
  std::vector<Plmn> broadcast_plmns;
  bool operator==(const SupportedTa&) const = default;
};
/// Served GUMMEIs item of S1 SETUP RESPONSE (9.1.8.5).
struct ServedGummei {
  std::vector<Plmn> served_plmns;
  std::vector<std::uint16_t> mme_group_ids;
  std::vector<std::uint8_t> mme_codes;
  bool operator==(const ServedGummei&) const = default;
};

/// One UE-associated logical S1 connection named in a RESET (9.1.8.1).
struct UeAssociatedConnection {
  std::optional<std::uint32_t> mme_ue_s1ap_id;
  std::optional<std::uint32_t> enb_ue_s1ap_id;
  bool operator==(const UeAssociatedConnection&) const = default;
};

/// One IE of a message as on the wire: the id, the criticality sent, and the aligned-PER
/// encoding of the value (the open type's content). `offset` is where the value starts in the
/// decoded PDU (0 for IEs built locally).
struct Ie {
  std::uint16_t id = 0;
  Criticality criticality = Criticality::reject;
  Bytes value;
  std::size_t offset = 0;
  bool operator==(const Ie& o) const { return id == o.id && criticality == o.criticality && value == o.value; }
};

}  // namespace concur::s1ap
