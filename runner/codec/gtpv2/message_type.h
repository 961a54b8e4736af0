// GTPv2-C message types (TS 29.274 Table 6.1-1) and their names.
#pragma once

#include <cstdint>
#include <string>

namespace concur::gtpv2 {

enum class MessageType : std::uint8_t {
  echo_request = 1,
  echo_response = 2,
  version_not_supported = 3,
  create_session_request = 32,
  create_session_response = 33,
  modify_bearer_request = 34,
  modify_bearer_response = 35,
  delete_session_request = 36,
  delete_session_response = 37,
  identification_request = 128,
  identification_response = 129,
  context_request = 130,
  context_response = 131,
  context_acknowledge = 132,
  forward_relocation_request = 133,
  forward_relocation_response = 134,
  forward_relocation_complete_notification = 135,
  forward_relocation_complete_acknowledge = 136,
  relocation_cancel_request = 139,
  relocation_cancel_response = 140,
  release_access_bearers_request = 170,
  release_access_bearers_response = 171,
};

/// "Forward Relocation Request" etc.; "Unknown (N)" for a type this table does not name.
std::string message_name(std::uint8_t type);
inline std::string message_name(MessageType t) { return message_name(static_cast<std::uint8_t>(t)); }

/// Echo and Version Not Supported carry no TEID (T=0, 29.274 5.5.1); every other message has one.
bool message_has_teid(std::uint8_t type);

}  // namespace concur::gtpv2
