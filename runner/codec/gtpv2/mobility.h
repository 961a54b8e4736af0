// Typed views of the S10/S3 mobility messages (TS 29.274 7.3) and of the grouped IEs they carry. A
// parse_* function reads a decoded GtpMessage, checks the mandatory IEs and returns the typed view;
// build() writes the IEs in the order of the spec's table. IEs a view does not name are kept, in
// order, in other_ies and written after the named ones.
#pragma once

#include <optional>
#include <variant>
#include <vector>

#include "codec/gtpv2/message.h"

namespace concur::gtpv2 {

/// The MM Context IE of a Forward Relocation Request / Context Response, by security mode.
using MmContext = std::variant<EpsSecurityContext, UmtsKeyQuintuplets, UmtsKeyQuadrupletsQuintuplets>;
Ie make_mm_context_ie(const MmContext& mm);

/// 8.28 Bearer Context. What the F-TEID instances mean depends on the message (e.g. in a Forward
/// Relocation Request's PDN Connection: 0 SGW S1-U, 1 PGW S5/S8-U, 2 SGW S11-U; Table 7.3.1-3).
struct BearerContext {
  std::uint8_t ebi = 5;
  std::optional<Cause> cause;
  std::optional<FTeid> fteid_instance0;
  std::optional<FTeid> fteid_instance1;
  std::optional<FTeid> fteid_instance2;
  std::optional<BearerQos> qos;
  std::vector<Ie> other_ies;
  bool operator==(const BearerContext&) const = default;
};
Ie make_bearer_context_ie(const BearerContext& b, std::uint8_t instance = 0);
Result<BearerContext> parse_bearer_context(const Grouped& g);

/// 8.39 PDN Connection (Table 7.3.1-2).
struct PdnConnection {
  Apn apn;
  std::optional<SelectionMode> selection_mode;
  std::optional<IpAddress> ipv4_address;  ///< IP Address instance 0
  std::optional<IpAddress> ipv6_address;  ///< IP Address instance 1
  std::uint8_t linked_ebi = 5;
  FTeid pgw_control_fteid;                ///< PGW S5/S8 GTP-C F-TEID (instance 0)
  std::optional<Fqdn> pgw_node_name;
  std::vector<BearerContext> bearers;
  Ambr apn_ambr;
  std::optional<ChargingCharacteristics> charging_characteristics;
  std::vector<Ie> other_ies;
  bool operator==(const PdnConnection&) const = default;
};
Ie make_pdn_connection_ie(const PdnConnection& p);
Result<PdnConnection> parse_pdn_connection(const Grouped& g);

/// 7.3.1 Forward Relocation Request (Table 7.3.1-1).
struct ForwardRelocationRequest {
  std::optional<Imsi> imsi;
  FTeid sender_control_fteid;                  ///< M, F-TEID instance 0 (S10/S3 MME GTP-C)
  std::vector<PdnConnection> pdn_connections;
  std::optional<FTeid> sgw_control_fteid;      ///< F-TEID instance 1
  std::optional<Fqdn> sgw_node_name;
  MmContext mm_context;                        ///< M
  std::optional<Indication> indication;
  std::optional<FContainer> eutran_container;  ///< F-Container instance 0, type 3 (S1AP Source to Target container)
  std::optional<FContainer> utran_container;   ///< instance 1, type 1
  std::optional<FContainer> bss_container;     ///< instance 2, type 2
  std::optional<TargetIdentification> target;
  std::optional<FCause> s1ap_cause;            ///< F-Cause instance 0
  std::optional<FCause> ranap_cause;           ///< instance 1
  std::optional<FCause> bssgp_cause;           ///< instance 2
  std::optional<SelectedPlmnId> selected_plmn;
  std::optional<Recovery> recovery;
  std::optional<TraceInformation> trace;
  std::optional<UeTimeZone> ue_time_zone;
  std::optional<ServingNetwork> serving_network;
  std::optional<Msisdn> c_msisdn;
  std::vector<Ie> other_ies;
  bool operator==(const ForwardRelocationRequest&) const = default;
};
Result<ForwardRelocationRequest> parse_forward_relocation_request(const GtpMessage& m);
GtpMessage build(const ForwardRelocationRequest& v, std::uint32_t teid, std::uint32_t sequence);

/// 7.3.2 Forward Relocation Response (Table 7.3.2-1).
struct ForwardRelocationResponse {
  Cause cause;                                  ///< M
  std::optional<FTeid> sender_control_fteid;
  std::optional<Indication> indication;
  std::vector<BearerContext> setup_bearers;     ///< Bearer Context instance 0
  std::optional<FCause> s1ap_cause;
  std::optional<FContainer> eutran_container;   ///< instance 0: S1AP Target to Source container
  std::optional<FContainer> utran_container;
  std::optional<FContainer> bss_container;
  std::vector<Ie> other_ies;
  bool operator==(const ForwardRelocationResponse&) const = default;
};
Result<ForwardRelocationResponse> parse_forward_relocation_response(const GtpMessage& m);
GtpMessage build(const ForwardRelocationResponse& v, std::uint32_t teid, std::uint32_t sequence);

/// 7.3.5 Context Request (Table 7.3.5-1), sent by a new MME/SGSN at TAU/RAU.
struct ContextRequest {
  std::optional<Imsi> imsi;
  std::optional<Guti> guti;
  std::optional<Uli> rai;                              ///< ULI carrying the RAI
  std::optional<PTmsi> p_tmsi;
  std::optional<CompleteRequestMessage> complete_tau_request;
  std::optional<FTeid> sender_control_fteid;
  std::optional<PortNumber> udp_source_port;
  std::optional<RatType> rat_type;
  std::optional<Indication> indication;
  std::optional<HopCounter> hop_counter;
  std::optional<ServingNetwork> target_plmn;
  std::vector<Ie> other_ies;
  bool operator==(const ContextRequest&) const = default;
};
Result<ContextRequest> parse_context_request(const GtpMessage& m);
GtpMessage build(const ContextRequest& v, std::uint32_t teid, std::uint32_t sequence);

/// 7.3.6 Context Response (Table 7.3.6-1).
struct ContextResponse {
  Cause cause;                                  ///< M
  std::optional<Imsi> imsi;
  std::optional<MmContext> mm_context;
  std::vector<PdnConnection> pdn_connections;
  std::optional<FTeid> sender_control_fteid;
  std::optional<FTeid> sgw_control_fteid;       ///< instance 1
  std::optional<Fqdn> sgw_node_name;
  std::optional<Indication> indication;
  std::optional<TraceInformation> trace;
  std::optional<UeTimeZone> ue_time_zone;
  std::vector<Ie> other_ies;
  bool operator==(const ContextResponse&) const = default;
};
Result<ContextResponse> parse_context_response(const GtpMessage& m);
GtpMessage build(const ContextResponse& v, std::uint32_t teid, std::uint32_t sequence);

/// The MM Context of a Forward Relocation Request / Context Response / Identification Response, if any.
std::optional<MmContext> find_mm_context(const GtpMessage& m);

}  // namespace concur::gtpv2
