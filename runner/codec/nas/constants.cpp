#include "codec/nas/constants.h"

namespace concur::nas {

std::string_view security_header_name(SecurityHeaderType t) {
  switch (t) {
    case SecurityHeaderType::plain: return "Plain NAS message, not security protected";
    case SecurityHeaderType::integrity_protected: return "Integrity protected";
    case SecurityHeaderType::integrity_protected_ciphered: return "Integrity protected and ciphered";
    case SecurityHeaderType::integrity_protected_new_context:
      return "Integrity protected with new EPS security context";
    case SecurityHeaderType::integrity_protected_ciphered_new_context:
      return "Integrity protected and ciphered with new EPS security context";
    case SecurityHeaderType::integrity_protected_partially_ciphered:
      return "Integrity protected and partially ciphered";
    case SecurityHeaderType::service_request: return "Security header for the SERVICE REQUEST message";
  }
  return "Reserved security header type";
}

namespace {

std::string_view emm_name(std::uint8_t t) {
  switch (t) {
    case emm_type::attach_request: return "Attach request";
    case emm_type::attach_accept: return "Attach accept";
    case emm_type::attach_complete: return "Attach complete";
    case emm_type::attach_reject: return "Attach reject";
    case emm_type::detach_request: return "Detach request";
    case emm_type::detach_accept: return "Detach accept";
    case emm_type::tracking_area_update_request: return "Tracking area update request";
    case emm_type::tracking_area_update_accept: return "Tracking area update accept";
    case emm_type::tracking_area_update_complete: return "Tracking area update complete";
    case emm_type::tracking_area_update_reject: return "Tracking area update reject";
    case emm_type::extended_service_request: return "Extended service request";
    case emm_type::control_plane_service_request: return "Control plane service request";
    case emm_type::service_reject: return "Service reject";
    case emm_type::service_accept: return "Service accept";
    case emm_type::guti_reallocation_command: return "GUTI reallocation command";
    case emm_type::guti_reallocation_complete: return "GUTI reallocation complete";
    case emm_type::authentication_request: return "Authentication request";
    case emm_type::authentication_response: return "Authentication response";
    case emm_type::authentication_reject: return "Authentication reject";
    case emm_type::identity_request: return "Identity request";
    case emm_type::identity_response: return "Identity response";
    case emm_type::authentication_failure: return "Authentication failure";
    case emm_type::security_mode_command: return "Security mode command";
    case emm_type::security_mode_complete: return "Security mode complete";
    case emm_type::security_mode_reject: return "Security mode reject";
    case emm_type::emm_status: return "EMM status";
    case emm_type::emm_information: return "EMM information";
    case emm_type::downlink_nas_transport: return "Downlink NAS transport";
    case emm_type::uplink_nas_transport: return "Uplink NAS transport";
    case emm_type::cs_service_notification: return "CS service notification";
    case emm_type::downlink_generic_nas_transport: return "Downlink generic NAS transport";
    case emm_type::uplink_generic_nas_transport: return "Uplink generic NAS transport";
    default: return "Unknown EMM message";
  }
}

std::string_view esm_name(std::uint8_t t) {
  switch (t) {
    case esm_type::activate_default_eps_bearer_context_request: return "Activate default EPS bearer context request";
    case esm_type::activate_default_eps_bearer_context_accept: return "Activate default EPS bearer context accept";
    case esm_type::activate_default_eps_bearer_context_reject: return "Activate default EPS bearer context reject";
    case esm_type::activate_dedicated_eps_bearer_context_request:
      return "Activate dedicated EPS bearer context request";
    case esm_type::activate_dedicated_eps_bearer_context_accept: return "Activate dedicated EPS bearer context accept";
    case esm_type::activate_dedicated_eps_bearer_context_reject: return "Activate dedicated EPS bearer context reject";
    case esm_type::modify_eps_bearer_context_request: return "Modify EPS bearer context request";
    case esm_type::modify_eps_bearer_context_accept: return "Modify EPS bearer context accept";
    case esm_type::modify_eps_bearer_context_reject: return "Modify EPS bearer context reject";
    case esm_type::deactivate_eps_bearer_context_request: return "Deactivate EPS bearer context request";
    case esm_type::deactivate_eps_bearer_context_accept: return "Deactivate EPS bearer context accept";
    case esm_type::pdn_connectivity_request: return "PDN connectivity request";
    case esm_type::pdn_connectivity_reject: return "PDN connectivity reject";
    case esm_type::pdn_disconnect_request: return "PDN disconnect request";
    case esm_type::pdn_disconnect_reject: return "PDN disconnect reject";
    case esm_type::bearer_resource_allocation_request: return "Bearer resource allocation request";
    case esm_type::bearer_resource_allocation_reject: return "Bearer resource allocation reject";
    case esm_type::bearer_resource_modification_request: return "Bearer resource modification request";
    case esm_type::bearer_resource_modification_reject: return "Bearer resource modification reject";
    case esm_type::esm_information_request: return "ESM information request";
    case esm_type::esm_information_response: return "ESM information response";
    case esm_type::notification: return "Notification";
    case esm_type::esm_dummy_message: return "ESM dummy message";
    case esm_type::esm_status: return "ESM status";
    case esm_type::remote_ue_report: return "Remote UE report";
    case esm_type::remote_ue_report_response: return "Remote UE report response";
    case esm_type::esm_data_transport: return "ESM data transport";
    default: return "Unknown ESM message";
  }
}

}  // namespace

std::string_view message_name(ProtocolDiscriminator pd, std::uint8_t message_type) {
  switch (pd) {
    case ProtocolDiscriminator::emm: return emm_name(message_type);
    case ProtocolDiscriminator::esm: return esm_name(message_type);
  }
  return "Unknown message";
}

}  // namespace concur::nas
