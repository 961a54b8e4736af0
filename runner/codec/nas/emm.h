// EPS mobility management messages, TS 24.301 §8.2. Each struct holds the message's IEs after
// the message type octet; `type` is its Table 9.8.1 code. Optional IEs the codec types are
// std::optional fields; the others (and unknown ones) stay in `other` so re-encoding is exact.
#pragma once

#include <array>
#include <cstdint>
#include <optional>

#include "codec/nas/constants.h"
#include "codec/nas/ie_table.h"
#include "codec/nas/ies.h"

namespace concur::nas {

/// EMM cause values used by the security procedures (TS 24.301 §9.9.3.9).
namespace emm_cause {
inline constexpr std::uint8_t illegal_ue = 3;
inline constexpr std::uint8_t ue_identity_cannot_be_derived = 9;
inline constexpr std::uint8_t implicitly_detached = 10;
inline constexpr std::uint8_t mac_failure = 20;
inline constexpr std::uint8_t synch_failure = 21;
inline constexpr std::uint8_t congestion = 22;
inline constexpr std::uint8_t ue_security_capabilities_mismatch = 23;
inline constexpr std::uint8_t security_mode_rejected_unspecified = 24;
inline constexpr std::uint8_t non_eps_authentication_unacceptable = 26;
inline constexpr std::uint8_t semantically_incorrect_message = 95;
inline constexpr std::uint8_t invalid_mandatory_information = 96;
inline constexpr std::uint8_t protocol_error_unspecified = 111;
}  // namespace emm_cause

using Autn = std::array<std::uint8_t, 16>;

/// §8.2.4 ATTACH REQUEST (UE → network).
struct AttachRequest {
  static constexpr std::uint8_t type = emm_type::attach_request;
  std::uint8_t eps_attach_type = 1;  ///< §9.9.3.11: 1 EPS attach, 2 combined, 6 emergency (bit 4 spare)
  NasKeySetIdentifier nas_ksi;
  EpsMobileIdentity eps_mobile_identity;  ///< old GUTI or IMSI
  UeNetworkCapability ue_network_capability;
  Bytes esm_message_container;  ///< normally a PDN CONNECTIVITY REQUEST
  std::optional<Bytes> old_p_tmsi_signature;               ///< 0x19, TV 4
  std::optional<EpsMobileIdentity> additional_guti;        ///< 0x50
  std::optional<Tai> last_visited_registered_tai;          ///< 0x52, TV 6
  std::optional<DrxParameter> drx_parameter;               ///< 0x5C, TV 3
  std::optional<Bytes> ms_network_capability;              ///< 0x31 (TS 24.008 §10.5.5.12)
  std::optional<Bytes> ue_additional_security_capability;  ///< 0x6F
  OtherIes other;
  bool operator==(const AttachRequest&) const = default;
};

/// §8.2.1 ATTACH ACCEPT (network → UE).
struct AttachAccept {
  static constexpr std::uint8_t type = emm_type::attach_accept;
  std::uint8_t eps_attach_result = 1;  ///< §9.9.3.10: 1 EPS only, 2 combined EPS/IMSI
  GprsTimer t3412;
  TaiList tai_list;
  Bytes esm_message_container;  ///< normally an ACTIVATE DEFAULT EPS BEARER CONTEXT REQUEST
  std::optional<EpsMobileIdentity> guti;   ///< 0x50
  std::optional<MobileIdentity> ms_identity;  ///< 0x23
  std::optional<std::uint8_t> emm_cause;   ///< 0x53, TV 2
  std::optional<GprsTimer> t3402;          ///< 0x17, TV 2
  std::optional<GprsTimer> t3423;          ///< 0x59, TV 2
  OtherIes other;
  bool operator==(const AttachAccept&) const = default;
};

/// §8.2.2 ATTACH COMPLETE.
struct AttachComplete {
  static constexpr std::uint8_t type = emm_type::attach_complete;
  Bytes esm_message_container;  ///< normally an ACTIVATE DEFAULT EPS BEARER CONTEXT ACCEPT
  OtherIes other;
  bool operator==(const AttachComplete&) const = default;
};

/// §8.2.3 ATTACH REJECT.
struct AttachReject {
  static constexpr std::uint8_t type = emm_type::attach_reject;
  std::uint8_t emm_cause = 0;
  std::optional<Bytes> esm_message_container;  ///< 0x78, TLV-E
  OtherIes other;
  bool operator==(const AttachReject&) const = default;
};

/// §8.2.7 AUTHENTICATION REQUEST.
struct AuthenticationRequest {
  static constexpr std::uint8_t type = emm_type::authentication_request;
  NasKeySetIdentifier nas_ksi;  ///< KSI_ASME the new key will get
  Rand rand{};
  Autn autn{};
  OtherIes other;
  bool operator==(const AuthenticationRequest&) const = default;
};

/// §8.2.8 AUTHENTICATION RESPONSE.
struct AuthenticationResponse {
  static constexpr std::uint8_t type = emm_type::authentication_response;
  Bytes res;  ///< 4..16 octets
  OtherIes other;
  bool operator==(const AuthenticationResponse&) const = default;
};

/// §8.2.6 AUTHENTICATION REJECT.
struct AuthenticationReject {
  static constexpr std::uint8_t type = emm_type::authentication_reject;
  OtherIes other;
  bool operator==(const AuthenticationReject&) const = default;
};

/// §8.2.5 AUTHENTICATION FAILURE; AUTS only with cause #21 synch failure.
struct AuthenticationFailure {
  static constexpr std::uint8_t type = emm_type::authentication_failure;
  std::uint8_t emm_cause = 0;
  std::optional<Auts> auts;  ///< 0x30 authentication failure parameter
  OtherIes other;
  bool operator==(const AuthenticationFailure&) const = default;
};

/// §8.2.20 SECURITY MODE COMMAND.
struct SecurityModeCommand {
  static constexpr std::uint8_t type = emm_type::security_mode_command;
  NasSecurityAlgorithms selected_nas_security_algorithms;
  NasKeySetIdentifier nas_ksi;  ///< eKSI of the context being taken into use
  UeSecurityCapability replayed_ue_security_capabilities;
  std::optional<std::uint8_t> imeisv_request;       ///< 0xC-, 1 = requested
  std::optional<std::uint32_t> replayed_nonce_ue;   ///< 0x55
  std::optional<std::uint32_t> nonce_mme;           ///< 0x56
  std::optional<Bytes> hash_mme;                    ///< 0x4F
  std::optional<Bytes> replayed_ue_additional_security_capability;  ///< 0x6F
  OtherIes other;
  bool operator==(const SecurityModeCommand&) const = default;
};

/// §8.2.21 SECURITY MODE COMPLETE.
struct SecurityModeComplete {
  static constexpr std::uint8_t type = emm_type::security_mode_complete;
  std::optional<MobileIdentity> imeisv;                   ///< 0x23
  std::optional<Bytes> replayed_nas_message_container;    ///< 0x79, TLV-E
  OtherIes other;
  bool operator==(const SecurityModeComplete&) const = default;
};

/// §8.2.22 SECURITY MODE REJECT.
struct SecurityModeReject {
  static constexpr std::uint8_t type = emm_type::security_mode_reject;
  std::uint8_t emm_cause = 0;
  OtherIes other;
  bool operator==(const SecurityModeReject&) const = default;
};

/// §8.2.18 IDENTITY REQUEST.
struct IdentityRequest {
  static constexpr std::uint8_t type = emm_type::identity_request;
  std::uint8_t identity_type = 1;  ///< §9.9.3.17: 1 IMSI, 2 IMEI, 3 IMEISV, 4 TMSI
  OtherIes other;
  bool operator==(const IdentityRequest&) const = default;
};

/// §8.2.19 IDENTITY RESPONSE.
struct IdentityResponse {
  static constexpr std::uint8_t type = emm_type::identity_response;
  MobileIdentity mobile_identity;
  OtherIes other;
  bool operator==(const IdentityResponse&) const = default;
};

/// §8.2.29 TRACKING AREA UPDATE REQUEST.
struct TrackingAreaUpdateRequest {
  static constexpr std::uint8_t type = emm_type::tracking_area_update_request;
  std::uint8_t eps_update_type = 0;  ///< §9.9.3.14: bit 4 "active" flag, bits 3–1 update type
  NasKeySetIdentifier nas_ksi;
  EpsMobileIdentity old_guti;
  std::optional<NasKeySetIdentifier> non_current_native_nas_ksi;  ///< 0xB-
  std::optional<std::uint8_t> gprs_ciphering_key_sequence_number;  ///< 0x8-
  std::optional<Bytes> old_p_tmsi_signature;                       ///< 0x19, TV 4
  std::optional<EpsMobileIdentity> additional_guti;                ///< 0x50
  std::optional<std::uint32_t> nonce_ue;                           ///< 0x55
  std::optional<UeNetworkCapability> ue_network_capability;        ///< 0x58
  std::optional<Tai> last_visited_registered_tai;                  ///< 0x52, TV 6
  std::optional<DrxParameter> drx_parameter;                       ///< 0x5C, TV 3
  std::optional<Bytes> eps_bearer_context_status;                  ///< 0x57
  std::optional<Bytes> ms_network_capability;                      ///< 0x31
  std::optional<Bytes> ue_additional_security_capability;          ///< 0x6F
  OtherIes other;
  bool operator==(const TrackingAreaUpdateRequest&) const = default;
};

/// §8.2.26 TRACKING AREA UPDATE ACCEPT.
struct TrackingAreaUpdateAccept {
  static constexpr std::uint8_t type = emm_type::tracking_area_update_accept;
  std::uint8_t eps_update_result = 0;  ///< §9.9.3.13 (bits 3–1; bit 4 spare)
  std::optional<GprsTimer> t3412;                  ///< 0x5A, TV 2
  std::optional<EpsMobileIdentity> guti;           ///< 0x50
  std::optional<TaiList> tai_list;                 ///< 0x54
  std::optional<Bytes> eps_bearer_context_status;  ///< 0x57
  std::optional<MobileIdentity> ms_identity;       ///< 0x23
  std::optional<std::uint8_t> emm_cause;           ///< 0x53, TV 2
  std::optional<GprsTimer> t3402;                  ///< 0x17, TV 2
  std::optional<GprsTimer> t3423;                  ///< 0x59, TV 2
  OtherIes other;
  bool operator==(const TrackingAreaUpdateAccept&) const = default;
};

/// §8.2.27 TRACKING AREA UPDATE COMPLETE.
struct TrackingAreaUpdateComplete {
  static constexpr std::uint8_t type = emm_type::tracking_area_update_complete;
  OtherIes other;
  bool operator==(const TrackingAreaUpdateComplete&) const = default;
};

/// §8.2.28 TRACKING AREA UPDATE REJECT.
struct TrackingAreaUpdateReject {
  static constexpr std::uint8_t type = emm_type::tracking_area_update_reject;
  std::uint8_t emm_cause = 0;
  OtherIes other;
  bool operator==(const TrackingAreaUpdateReject&) const = default;
};

/// §8.2.15 EXTENDED SERVICE REQUEST.
struct ExtendedServiceRequest {
  static constexpr std::uint8_t type = emm_type::extended_service_request;
  std::uint8_t service_type = 0;  ///< §9.9.3.27
  NasKeySetIdentifier nas_ksi;
  MobileIdentity m_tmsi;
  std::optional<std::uint8_t> csfb_response;       ///< 0xB-
  std::optional<Bytes> eps_bearer_context_status;  ///< 0x57
  OtherIes other;
  bool operator==(const ExtendedServiceRequest&) const = default;
};

/// §8.2.24 SERVICE REJECT.
struct ServiceReject {
  static constexpr std::uint8_t type = emm_type::service_reject;
  std::uint8_t emm_cause = 0;
  std::optional<GprsTimer> t3442;  ///< 0x5B, TV 2
  OtherIes other;
  bool operator==(const ServiceReject&) const = default;
};

/// §8.2.11.1 DETACH REQUEST, UE originating detach (UE → network).
struct DetachRequestUplink {
  static constexpr std::uint8_t type = emm_type::detach_request;
  std::uint8_t detach_type = 1;  ///< §9.9.3.7: bit 4 switch off, bits 3–1 type of detach
  NasKeySetIdentifier nas_ksi;
  EpsMobileIdentity eps_mobile_identity;
  OtherIes other;
  bool operator==(const DetachRequestUplink&) const = default;
};

/// §8.2.11.2 DETACH REQUEST, UE terminated detach (network → UE).
struct DetachRequestDownlink {
  static constexpr std::uint8_t type = emm_type::detach_request;
  std::uint8_t detach_type = 1;  ///< bits 3–1: 1 re-attach required, 2 not required, 3 IMSI detach
  std::optional<std::uint8_t> emm_cause;  ///< 0x53, TV 2
  OtherIes other;
  bool operator==(const DetachRequestDownlink&) const = default;
};

/// §8.2.10 DETACH ACCEPT (either direction).
struct DetachAccept {
  static constexpr std::uint8_t type = emm_type::detach_accept;
  OtherIes other;
  bool operator==(const DetachAccept&) const = default;
};

/// §8.2.14 EMM STATUS.
struct EmmStatus {
  static constexpr std::uint8_t type = emm_type::emm_status;
  std::uint8_t emm_cause = 0;
  OtherIes other;
  bool operator==(const EmmStatus&) const = default;
};

/// §8.2.13 EMM INFORMATION.
struct EmmInformation {
  static constexpr std::uint8_t type = emm_type::emm_information;
  std::optional<Bytes> full_network_name;   ///< 0x43
  std::optional<Bytes> short_network_name;  ///< 0x45
  std::optional<std::uint8_t> local_time_zone;  ///< 0x46, TV 2
  std::optional<Bytes> universal_time_and_local_time_zone;  ///< 0x47, TV 8
  std::optional<Bytes> network_daylight_saving_time;        ///< 0x49
  OtherIes other;
  bool operator==(const EmmInformation&) const = default;
};

/// §8.2.16 GUTI REALLOCATION COMMAND.
struct GutiReallocationCommand {
  static constexpr std::uint8_t type = emm_type::guti_reallocation_command;
  EpsMobileIdentity guti;
  std::optional<TaiList> tai_list;  ///< 0x54
  OtherIes other;
  bool operator==(const GutiReallocationCommand&) const = default;
};

/// §8.2.17 GUTI REALLOCATION COMPLETE.
struct GutiReallocationComplete {
  static constexpr std::uint8_t type = emm_type::guti_reallocation_complete;
  OtherIes other;
  bool operator==(const GutiReallocationComplete&) const = default;
};

/// §8.2.12 DOWNLINK NAS TRANSPORT (an SMS over SGs, 2..252 octets).
struct DownlinkNasTransport {
  static constexpr std::uint8_t type = emm_type::downlink_nas_transport;
  Bytes nas_message_container;
  OtherIes other;
  bool operator==(const DownlinkNasTransport&) const = default;
};

/// §8.2.30 UPLINK NAS TRANSPORT.
struct UplinkNasTransport {
  static constexpr std::uint8_t type = emm_type::uplink_nas_transport;
  Bytes nas_message_container;
  OtherIes other;
  bool operator==(const UplinkNasTransport&) const = default;
};

}  // namespace concur::nas
