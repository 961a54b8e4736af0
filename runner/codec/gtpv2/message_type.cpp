#include "codec/gtpv2/message_type.h"

#include <string>

namespace concur::gtpv2 {

std::string message_name(std::uint8_t type) {
  switch (static_cast<MessageType>(type)) {
    case MessageType::echo_request: return "Echo Request";
    case MessageType::echo_response: return "Echo Response";
    case MessageType::version_not_supported: return "Version Not Supported Indication";
    case MessageType::create_session_request: return "Create Session Request";
    case MessageType::create_session_response: return "Create Session Response";
    case MessageType::modify_bearer_request: return "Modify Bearer Request";
    case MessageType::modify_bearer_response: return "Modify Bearer Response";
    case MessageType::delete_session_request: return "Delete Session Request";
    case MessageType::delete_session_response: return "Delete Session Response";
    case MessageType::identification_request: return "Identification Request";
    case MessageType::identification_response: return "Identification Response";
    case MessageType::context_request: return "Context Request";
    case MessageType::context_response: return "Context Response";
    case MessageType::context_acknowledge: return "Context Acknowledge";
    case MessageType::forward_relocation_request: return "Forward Relocation Request";
    case MessageType::forward_relocation_response: return "Forward Relocation Response";
    case MessageType::forward_relocation_complete_notification: return "Forward Relocation Complete Notification";
    case MessageType::forward_relocation_complete_acknowledge: return "Forward Relocation Complete Acknowledge";
    case MessageType::relocation_cancel_request: return "Relocation Cancel Request";
    case MessageType::relocation_cancel_response: return "Relocation Cancel Response";
    case MessageType::release_access_bearers_request: return "Release Access Bearers Request";
    case MessageType::release_access_bearers_response: return "Release Access Bearers Response";
  }
  return "Unknown (" + std::to_string(type) + ")";
}

bool message_has_teid(std::uint8_t type) {
  return type != static_cast<std::uint8_t>(MessageType::echo_request) &&
         type != static_cast<std::uint8_t>(MessageType::echo_response) &&
         type != static_cast<std::uint8_t>(MessageType::version_not_supported);
}

}  // namespace concur::gtpv2
