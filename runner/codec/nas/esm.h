// EPS session management messages of a default-bearer attach, TS 24.301 §8.3. Every ESM
// message starts with EPS bearer identity | PD (octet 1), the procedure transaction identity
// (octet 2) and the message type (octet 3), §9.3.2 / §9.4.
#pragma once

#include <cstdint>
#include <optional>

#include "codec/nas/constants.h"
#include "codec/nas/ie_table.h"
#include "codec/nas/ies.h"

namespace concur::nas {

struct EsmHeader {
  std::uint8_t eps_bearer_identity = 0;  ///< 0 = no bearer assigned, 5..15 bearers
  std::uint8_t procedure_transaction_identity = 0;
  bool operator==(const EsmHeader&) const = default;
};

/// §8.3.20 PDN CONNECTIVITY REQUEST.
struct PdnConnectivityRequest {
  static constexpr std::uint8_t type = esm_type::pdn_connectivity_request;
  EsmHeader header;
  std::uint8_t request_type = 1;  ///< §9.9.4.14: 1 initial request, 2 handover, 4 emergency
  std::uint8_t pdn_type = 1;      ///< §9.9.4.10: 1 IPv4, 2 IPv6, 3 IPv4v6, 5 non-IP
  std::optional<std::uint8_t> esm_information_transfer_flag;  ///< 0xD-
  std::optional<AccessPointName> access_point_name;            ///< 0x28
  std::optional<Bytes> protocol_configuration_options;         ///< 0x27
  std::optional<Bytes> extended_protocol_configuration_options;  ///< 0x7B, TLV-E
  OtherIes other;
  bool operator==(const PdnConnectivityRequest&) const = default;
};

/// §8.3.19 PDN CONNECTIVITY REJECT.
struct PdnConnectivityReject {
  static constexpr std::uint8_t type = esm_type::pdn_connectivity_reject;
  EsmHeader header;
  std::uint8_t esm_cause = 0;
  std::optional<Bytes> protocol_configuration_options;  ///< 0x27
  std::optional<Bytes> back_off_timer;                  ///< 0x37
  OtherIes other;
  bool operator==(const PdnConnectivityReject&) const = default;
};

/// §8.3.6 ACTIVATE DEFAULT EPS BEARER CONTEXT REQUEST.
struct ActivateDefaultEpsBearerContextRequest {
  static constexpr std::uint8_t type = esm_type::activate_default_eps_bearer_context_request;
  EsmHeader header;
  EpsQos eps_qos;
  AccessPointName access_point_name;
  PdnAddress pdn_address;
  std::optional<Bytes> transaction_identifier;   ///< 0x5D
  std::optional<Bytes> negotiated_qos;           ///< 0x30
  std::optional<std::uint8_t> negotiated_llc_sapi;  ///< 0x32, TV 2
  std::optional<std::uint8_t> radio_priority;    ///< 0x8-
  std::optional<Bytes> packet_flow_identifier;   ///< 0x34
  std::optional<Bytes> apn_ambr;                 ///< 0x5E
  std::optional<std::uint8_t> esm_cause;         ///< 0x58, TV 2
  std::optional<Bytes> protocol_configuration_options;  ///< 0x27
  std::optional<Bytes> extended_protocol_configuration_options;  ///< 0x7B, TLV-E
  OtherIes other;
  bool operator==(const ActivateDefaultEpsBearerContextRequest&) const = default;
};

/// §8.3.4 ACTIVATE DEFAULT EPS BEARER CONTEXT ACCEPT.
struct ActivateDefaultEpsBearerContextAccept {
  static constexpr std::uint8_t type = esm_type::activate_default_eps_bearer_context_accept;
  EsmHeader header;
  std::optional<Bytes> protocol_configuration_options;  ///< 0x27
  std::optional<Bytes> extended_protocol_configuration_options;  ///< 0x7B
  OtherIes other;
  bool operator==(const ActivateDefaultEpsBearerContextAccept&) const = default;
};

/// §8.3.5 ACTIVATE DEFAULT EPS BEARER CONTEXT REJECT.
struct ActivateDefaultEpsBearerContextReject {
  static constexpr std::uint8_t type = esm_type::activate_default_eps_bearer_context_reject;
  EsmHeader header;
  std::uint8_t esm_cause = 0;
  std::optional<Bytes> protocol_configuration_options;  ///< 0x27
  OtherIes other;
  bool operator==(const ActivateDefaultEpsBearerContextReject&) const = default;
};

/// §8.3.13 ESM INFORMATION REQUEST.
struct EsmInformationRequest {
  static constexpr std::uint8_t type = esm_type::esm_information_request;
  EsmHeader header;
  OtherIes other;
  bool operator==(const EsmInformationRequest&) const = default;
};

/// §8.3.14 ESM INFORMATION RESPONSE.
struct EsmInformationResponse {
  static constexpr std::uint8_t type = esm_type::esm_information_response;
  EsmHeader header;
  std::optional<AccessPointName> access_point_name;     ///< 0x28
  std::optional<Bytes> protocol_configuration_options;  ///< 0x27
  std::optional<Bytes> extended_protocol_configuration_options;  ///< 0x7B
  OtherIes other;
  bool operator==(const EsmInformationResponse&) const = default;
};

/// §8.3.15 ESM STATUS.
struct EsmStatus {
  static constexpr std::uint8_t type = esm_type::esm_status;
  EsmHeader header;
  std::uint8_t esm_cause = 0;
  OtherIes other;
  bool operator==(const EsmStatus&) const = default;
};

/// §8.3.22 PDN DISCONNECT REQUEST.
struct PdnDisconnectRequest {
  static constexpr std::uint8_t type = esm_type::pdn_disconnect_request;
  EsmHeader header;
  std::uint8_t linked_eps_bearer_identity = 5;
  std::optional<Bytes> protocol_configuration_options;  ///< 0x27
  OtherIes other;
  bool operator==(const PdnDisconnectRequest&) const = default;
};

}  // namespace concur::nas
