// NAS-EPS numbering: protocol discriminators, security header types and message type codes.
// TS 24.301 §9.2 (PD), Table 9.3.1 (security header type), Tables 9.8.1 / 9.8.2 (message types).
#pragma once

#include <cstdint>
#include <string_view>

namespace concur::nas {

/// Protocol discriminator, bits 4–1 of octet 1 (TS 24.007 Table 11.2).
enum class ProtocolDiscriminator : std::uint8_t { esm = 0x2, emm = 0x7 };

/// Security header type, bits 8–5 of octet 1 of an EMM message (TS 24.301 Table 9.3.1).
enum class SecurityHeaderType : std::uint8_t {
  plain = 0,
  integrity_protected = 1,
  integrity_protected_ciphered = 2,
  integrity_protected_new_context = 3,          ///< only for SECURITY MODE COMMAND
  integrity_protected_ciphered_new_context = 4,  ///< only for SECURITY MODE COMPLETE
  integrity_protected_partially_ciphered = 5,    ///< only for CONTROL PLANE SERVICE REQUEST
  service_request = 12,                          ///< the 4-octet SERVICE REQUEST (13–15 read as 12)
};

/// Direction bit of the NAS COUNT input to EIA/EEA (TS 33.401 Annex B: 0 uplink, 1 downlink).
enum class Direction : std::uint8_t { uplink = 0, downlink = 1 };

/// True for the header types whose octets 2–6 are MAC and sequence number (1–5).
constexpr bool has_mac_and_sqn(SecurityHeaderType t) {
  const auto v = static_cast<std::uint8_t>(t);
  return v >= 1 && v <= 5;
}
/// True for the header types whose NAS message is ciphered (2, 4; 5 partially).
constexpr bool is_ciphered(SecurityHeaderType t) {
  return t == SecurityHeaderType::integrity_protected_ciphered ||
         t == SecurityHeaderType::integrity_protected_ciphered_new_context ||
         t == SecurityHeaderType::integrity_protected_partially_ciphered;
}

std::string_view security_header_name(SecurityHeaderType t);

/// EMM message types, TS 24.301 Table 9.8.1.
namespace emm_type {
inline constexpr std::uint8_t attach_request = 0x41;
inline constexpr std::uint8_t attach_accept = 0x42;
inline constexpr std::uint8_t attach_complete = 0x43;
inline constexpr std::uint8_t attach_reject = 0x44;
inline constexpr std::uint8_t detach_request = 0x45;
inline constexpr std::uint8_t detach_accept = 0x46;
inline constexpr std::uint8_t tracking_area_update_request = 0x48;
inline constexpr std::uint8_t tracking_area_update_accept = 0x49;
inline constexpr std::uint8_t tracking_area_update_complete = 0x4A;
inline constexpr std::uint8_t tracking_area_update_reject = 0x4B;
inline constexpr std::uint8_t extended_service_request = 0x4C;
inline constexpr std::uint8_t control_plane_service_request = 0x4D;
inline constexpr std::uint8_t service_reject = 0x4E;
inline constexpr std::uint8_t service_accept = 0x4F;
inline constexpr std::uint8_t guti_reallocation_command = 0x50;
inline constexpr std::uint8_t guti_reallocation_complete = 0x51;
inline constexpr std::uint8_t authentication_request = 0x52;
inline constexpr std::uint8_t authentication_response = 0x53;
inline constexpr std::uint8_t authentication_reject = 0x54;
inline constexpr std::uint8_t identity_request = 0x55;
inline constexpr std::uint8_t identity_response = 0x56;
inline constexpr std::uint8_t authentication_failure = 0x5C;
inline constexpr std::uint8_t security_mode_command = 0x5D;
inline constexpr std::uint8_t security_mode_complete = 0x5E;
inline constexpr std::uint8_t security_mode_reject = 0x5F;
inline constexpr std::uint8_t emm_status = 0x60;
inline constexpr std::uint8_t emm_information = 0x61;
inline constexpr std::uint8_t downlink_nas_transport = 0x62;
inline constexpr std::uint8_t uplink_nas_transport = 0x63;
inline constexpr std::uint8_t cs_service_notification = 0x64;
inline constexpr std::uint8_t downlink_generic_nas_transport = 0x68;
inline constexpr std::uint8_t uplink_generic_nas_transport = 0x69;
}  // namespace emm_type

/// ESM message types, TS 24.301 Table 9.8.2.
namespace esm_type {
inline constexpr std::uint8_t activate_default_eps_bearer_context_request = 0xC1;
inline constexpr std::uint8_t activate_default_eps_bearer_context_accept = 0xC2;
inline constexpr std::uint8_t activate_default_eps_bearer_context_reject = 0xC3;
inline constexpr std::uint8_t activate_dedicated_eps_bearer_context_request = 0xC5;
inline constexpr std::uint8_t activate_dedicated_eps_bearer_context_accept = 0xC6;
inline constexpr std::uint8_t activate_dedicated_eps_bearer_context_reject = 0xC7;
inline constexpr std::uint8_t modify_eps_bearer_context_request = 0xC9;
inline constexpr std::uint8_t modify_eps_bearer_context_accept = 0xCA;
inline constexpr std::uint8_t modify_eps_bearer_context_reject = 0xCB;
inline constexpr std::uint8_t deactivate_eps_bearer_context_request = 0xCD;
inline constexpr std::uint8_t deactivate_eps_bearer_context_accept = 0xCE;
inline constexpr std::uint8_t pdn_connectivity_request = 0xD0;
inline constexpr std::uint8_t pdn_connectivity_reject = 0xD1;
inline constexpr std::uint8_t pdn_disconnect_request = 0xD2;
inline constexpr std::uint8_t pdn_disconnect_reject = 0xD3;
inline constexpr std::uint8_t bearer_resource_allocation_request = 0xD4;
inline constexpr std::uint8_t bearer_resource_allocation_reject = 0xD5;
inline constexpr std::uint8_t bearer_resource_modification_request = 0xD6;
inline constexpr std::uint8_t bearer_resource_modification_reject = 0xD7;
inline constexpr std::uint8_t esm_information_request = 0xD9;
inline constexpr std::uint8_t esm_information_response = 0xDA;
inline constexpr std::uint8_t notification = 0xDB;
inline constexpr std::uint8_t esm_dummy_message = 0xDC;
inline constexpr std::uint8_t esm_status = 0xE8;
inline constexpr std::uint8_t remote_ue_report = 0xE9;
inline constexpr std::uint8_t remote_ue_report_response = 0xEA;
inline constexpr std::uint8_t esm_data_transport = 0xEB;
}  // namespace esm_type

/// The message's name as TS 24.301 Table 9.8.1/9.8.2 spells it ("Security mode command"), or
/// "Unknown EMM message" / "Unknown ESM message" / "Unknown message".
std::string_view message_name(ProtocolDiscriminator pd, std::uint8_t message_type);

}  // namespace concur::nas
