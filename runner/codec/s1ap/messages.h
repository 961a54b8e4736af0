// S1AP messages as domain structures (TS 36.413 V17.1.0 clause 9.1), with their builders
// (encode) and the parser (decode_pdu). No generated type appears here.
//
// Each message carries the IEs this suite reasons about as typed fields; every other IE it
// received stays in `other_ies` (raw aligned-PER value) and is sent again on encode, so that
// decode -> encode reproduces what came in. encode() puts IEs in the order of the message's IE
// table (the order of clause 9.1), `other_ies` merged into that order.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "codec/s1ap/pdu.h"
#include "codec/s1ap/types.h"
#include "common/bytes.h"
#include "common/decode_error.h"

namespace concur::s1ap {

/// What a decoded message carried besides its modelled fields, so that encoding it again
/// reproduces the PDU received. Empty for messages built locally (encode then follows the tables).
struct Extras {
  /// IEs received but not modelled by the struct (or not valid for their type), in wire order.
  std::vector<Ie> other_ies;
  /// The procedure criticality received, when it differs from the elementary-procedure table.
  std::optional<Criticality> procedure_criticality;
  /// IEs received with a criticality other than the IE table's: (id, criticality).
  std::vector<std::pair<std::uint16_t, Criticality>> ie_criticality;
  /// The IE ids in wire order, when that order differs from the IE table's.
  std::vector<std::uint16_t> ie_order;
  bool operator==(const Extras&) const = default;
};

// --- Interface management (9.1.8) ------------------------------------------------------------
struct S1SetupRequest : Extras {
  GlobalEnbId global_enb_id;
  std::optional<std::string> enb_name;
  std::vector<SupportedTa> supported_tas;
  std::uint8_t default_paging_drx = 0;  ///< PagingDRX index: v32, v64, v128, v256
  bool operator==(const S1SetupRequest&) const = default;
};
struct S1SetupResponse : Extras {
  std::optional<std::string> mme_name;
  std::vector<ServedGummei> served_gummeis;
  std::uint8_t relative_mme_capacity = 0;
  bool operator==(const S1SetupResponse&) const = default;
};
struct S1SetupFailure : Extras {
  Cause cause;
  std::optional<std::uint8_t> time_to_wait;  ///< TimeToWait index: v1s, v2s, v5s, v10s, v20s, v60s
  bool operator==(const S1SetupFailure&) const = default;
};
struct Reset : Extras {
  Cause cause;
  /// Empty: the whole S1 interface; otherwise the UE-associated connections to reset.
  std::vector<UeAssociatedConnection> connections;
  bool operator==(const Reset&) const = default;
};
struct ErrorIndication : Extras {
  std::optional<std::uint32_t> mme_ue_s1ap_id;
  std::optional<std::uint32_t> enb_ue_s1ap_id;
  std::optional<Cause> cause;
  bool operator==(const ErrorIndication&) const = default;
};

// --- NAS transport (9.1.7) -------------------------------------------------------------------
struct InitialUeMessage : Extras {
  std::uint32_t enb_ue_s1ap_id = 0;
  Bytes nas_pdu;
  Tai tai;
  Ecgi eutran_cgi;
  std::uint8_t rrc_establishment_cause = 0;
  std::optional<STmsi> s_tmsi;
  bool operator==(const InitialUeMessage&) const = default;
};
struct DownlinkNasTransport : Extras {
  std::uint32_t mme_ue_s1ap_id = 0;
  std::uint32_t enb_ue_s1ap_id = 0;
  Bytes nas_pdu;
  bool operator==(const DownlinkNasTransport&) const = default;
};
struct UplinkNasTransport : Extras {
  std::uint32_t mme_ue_s1ap_id = 0;
  std::uint32_t enb_ue_s1ap_id = 0;
  Bytes nas_pdu;
  Ecgi eutran_cgi;
  Tai tai;
  bool operator==(const UplinkNasTransport&) const = default;
};

// --- Context management (9.1.4) --------------------------------------------------------------
/// Carries the KeNB (SecurityKey) that TS 33.401 7.2.10 rule 1 is about.
struct InitialContextSetupRequest : Extras {
  std::uint32_t mme_ue_s1ap_id = 0;
  std::uint32_t enb_ue_s1ap_id = 0;
  UeAggregateMaximumBitrate ue_ambr;
  std::vector<ERabToBeSetup> e_rabs;
  UeSecurityCapabilities ue_security_capabilities;
  Key256 security_key{};
  bool operator==(const InitialContextSetupRequest&) const = default;
};
struct InitialContextSetupResponse : Extras {
  std::uint32_t mme_ue_s1ap_id = 0;
  std::uint32_t enb_ue_s1ap_id = 0;
  std::vector<ERabTunnel> e_rabs_setup;
  std::vector<ERabWithCause> e_rabs_failed;
  bool operator==(const InitialContextSetupResponse&) const = default;
};
struct InitialContextSetupFailure : Extras {
  std::uint32_t mme_ue_s1ap_id = 0;
  std::uint32_t enb_ue_s1ap_id = 0;
  Cause cause;
  bool operator==(const InitialContextSetupFailure&) const = default;
};
/// A present security_key is a new KeNB (TS 33.401 7.2.10 rules 1, 2, 3, 7).
struct UeContextModificationRequest : Extras {
  std::uint32_t mme_ue_s1ap_id = 0;
  std::uint32_t enb_ue_s1ap_id = 0;
  std::optional<Key256> security_key;
  std::optional<UeAggregateMaximumBitrate> ue_ambr;
  std::optional<UeSecurityCapabilities> ue_security_capabilities;
  bool operator==(const UeContextModificationRequest&) const = default;
};
struct UeContextModificationResponse : Extras {
  std::uint32_t mme_ue_s1ap_id = 0;
  std::uint32_t enb_ue_s1ap_id = 0;
  bool operator==(const UeContextModificationResponse&) const = default;
};
struct UeContextModificationFailure : Extras {
  std::uint32_t mme_ue_s1ap_id = 0;
  std::uint32_t enb_ue_s1ap_id = 0;
  Cause cause;
  bool operator==(const UeContextModificationFailure&) const = default;
};
struct UeContextReleaseRequest : Extras {
  std::uint32_t mme_ue_s1ap_id = 0;
  std::uint32_t enb_ue_s1ap_id = 0;
  Cause cause;
  bool operator==(const UeContextReleaseRequest&) const = default;
};
struct UeContextReleaseCommand : Extras {
  std::uint32_t mme_ue_s1ap_id = 0;
  std::optional<std::uint32_t> enb_ue_s1ap_id;  ///< absent: UE-S1AP-IDs carries the MME id only
  Cause cause;
  bool operator==(const UeContextReleaseCommand&) const = default;
};
struct UeContextReleaseComplete : Extras {
  std::uint32_t mme_ue_s1ap_id = 0;
  std::uint32_t enb_ue_s1ap_id = 0;
  bool operator==(const UeContextReleaseComplete&) const = default;
};

// --- Handover signalling (9.1.5) -------------------------------------------------------------
/// Rule 6/7: an inter-MME target TAI or LTE->UTRAN/GERAN type must wait for an ongoing SMC/UCM.
struct HandoverRequired : Extras {
  std::uint32_t mme_ue_s1ap_id = 0;
  std::uint32_t enb_ue_s1ap_id = 0;
  HandoverType handover_type = HandoverType::intralte;
  Cause cause;
  TargetId target_id;
  Bytes source_to_target_container;
  bool operator==(const HandoverRequired&) const = default;
};
struct HandoverCommand : Extras {
  std::uint32_t mme_ue_s1ap_id = 0;
  std::uint32_t enb_ue_s1ap_id = 0;
  HandoverType handover_type = HandoverType::intralte;
  /// Present for LTEtoUTRAN / LTEtoGERAN (TS 24.301 9.9.2.6 value part).
  std::optional<Bytes> nas_security_parameters_from_eutran;
  Bytes target_to_source_container;
  bool operator==(const HandoverCommand&) const = default;
};
struct HandoverPreparationFailure : Extras {
  std::uint32_t mme_ue_s1ap_id = 0;
  std::uint32_t enb_ue_s1ap_id = 0;
  Cause cause;
  bool operator==(const HandoverPreparationFailure&) const = default;
};
/// Rule 3/9: security_context {NCC, NH} must come from the chain the rules prescribe.
struct HandoverRequest : Extras {
  std::uint32_t mme_ue_s1ap_id = 0;
  HandoverType handover_type = HandoverType::intralte;
  Cause cause;
  UeAggregateMaximumBitrate ue_ambr;
  std::vector<ERabToBeSetup> e_rabs;
  Bytes source_to_target_container;
  UeSecurityCapabilities ue_security_capabilities;
  SecurityContext security_context;
  /// Present for UTRANtoLTE / GERANtoLTE (TS 24.301 9.9.2.7 value part).
  std::optional<Bytes> nas_security_parameters_to_eutran;
  bool operator==(const HandoverRequest&) const = default;
};
struct HandoverRequestAcknowledge : Extras {
  std::uint32_t mme_ue_s1ap_id = 0;
  std::uint32_t enb_ue_s1ap_id = 0;
  std::vector<ERabAdmitted> e_rabs_admitted;
  std::vector<ERabWithCause> e_rabs_failed;
  Bytes target_to_source_container;
  bool operator==(const HandoverRequestAcknowledge&) const = default;
};
struct HandoverFailure : Extras {
  std::uint32_t mme_ue_s1ap_id = 0;
  Cause cause;
  bool operator==(const HandoverFailure&) const = default;
};
struct HandoverNotify : Extras {
  std::uint32_t mme_ue_s1ap_id = 0;
  std::uint32_t enb_ue_s1ap_id = 0;
  Ecgi eutran_cgi;
  Tai tai;
  bool operator==(const HandoverNotify&) const = default;
};
struct HandoverCancel : Extras {
  std::uint32_t mme_ue_s1ap_id = 0;
  std::uint32_t enb_ue_s1ap_id = 0;
  Cause cause;
  bool operator==(const HandoverCancel&) const = default;
};
struct HandoverCancelAcknowledge : Extras {
  std::uint32_t mme_ue_s1ap_id = 0;
  std::uint32_t enb_ue_s1ap_id = 0;
  bool operator==(const HandoverCancelAcknowledge&) const = default;
};
struct EnbStatusTransfer : Extras {
  std::uint32_t mme_ue_s1ap_id = 0;
  std::uint32_t enb_ue_s1ap_id = 0;
  std::vector<BearerStatus> bearers;
  bool operator==(const EnbStatusTransfer&) const = default;
};
struct MmeStatusTransfer : Extras {
  std::uint32_t mme_ue_s1ap_id = 0;
  std::uint32_t enb_ue_s1ap_id = 0;
  std::vector<BearerStatus> bearers;
  bool operator==(const MmeStatusTransfer&) const = default;
};
struct PathSwitchRequest : Extras {
  std::uint32_t enb_ue_s1ap_id = 0;
  std::vector<ERabTunnel> e_rabs_to_switch_dl;
  std::uint32_t source_mme_ue_s1ap_id = 0;
  Ecgi eutran_cgi;
  Tai tai;
  UeSecurityCapabilities ue_security_capabilities;
  bool operator==(const PathSwitchRequest&) const = default;
};
/// Rule 3/9: security_context {NCC, NH}.
struct PathSwitchRequestAcknowledge : Extras {
  std::uint32_t mme_ue_s1ap_id = 0;
  std::uint32_t enb_ue_s1ap_id = 0;
  std::optional<UeAggregateMaximumBitrate> ue_ambr;
  std::vector<ERabTunnel> e_rabs_to_switch_ul;
  SecurityContext security_context;
  std::optional<UeSecurityCapabilities> ue_security_capabilities;
  bool operator==(const PathSwitchRequestAcknowledge&) const = default;
};
struct PathSwitchRequestFailure : Extras {
  std::uint32_t mme_ue_s1ap_id = 0;
  std::uint32_t enb_ue_s1ap_id = 0;
  Cause cause;
  bool operator==(const PathSwitchRequestFailure&) const = default;
};

/// Any S1AP PDU: a modelled message, or the IE-level form of any other procedure.
using S1apMessage = std::variant<
    RawPdu, S1SetupRequest, S1SetupResponse, S1SetupFailure, Reset, ErrorIndication, InitialUeMessage,
    DownlinkNasTransport, UplinkNasTransport, InitialContextSetupRequest, InitialContextSetupResponse,
    InitialContextSetupFailure, UeContextModificationRequest, UeContextModificationResponse,
    UeContextModificationFailure, UeContextReleaseRequest, UeContextReleaseCommand, UeContextReleaseComplete,
    HandoverRequired, HandoverCommand, HandoverPreparationFailure, HandoverRequest, HandoverRequestAcknowledge,
    HandoverFailure, HandoverNotify, HandoverCancel, HandoverCancelAcknowledge, EnbStatusTransfer,
    MmeStatusTransfer, PathSwitchRequest, PathSwitchRequestAcknowledge, PathSwitchRequestFailure>;

/// Decodes one S1AP PDU (one SCTP DATA payload, PPID 18). Modelled messages come back typed;
/// other procedures as RawPdu. Malformed input is an error naming the field and offset.
Result<S1apMessage> decode_pdu(ByteView pdu);

/// Encodes any of them. Fails (naming the field) when a value breaks its ASN.1 constraint,
/// e.g. an NCC above 7.
Result<Bytes> encode(const S1apMessage& message);

/// The IE-level form of a modelled message (what encode() sends).
Result<RawPdu> to_raw(const S1apMessage& message);

}  // namespace concur::s1ap
