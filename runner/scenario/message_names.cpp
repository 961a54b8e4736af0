#include "scenario/message_names.h"

#include <array>
#include <cctype>

namespace concur::scenario {
namespace {

// In the order of s1ap::S1apMessage's alternatives (messages.h).
constexpr std::array<const char*, std::variant_size_v<s1ap::S1apMessage>> kS1apNames{
    "S1apPdu", "S1SetupRequest", "S1SetupResponse", "S1SetupFailure", "Reset", "ErrorIndication",
    "InitialUEMessage", "DownlinkNASTransport", "UplinkNASTransport", "InitialContextSetupRequest",
    "InitialContextSetupResponse", "InitialContextSetupFailure", "UEContextModificationRequest",
    "UEContextModificationResponse", "UEContextModificationFailure", "UEContextReleaseRequest",
    "UEContextReleaseCommand", "UEContextReleaseComplete", "HandoverRequired", "HandoverCommand",
    "HandoverPreparationFailure", "HandoverRequest", "HandoverRequestAcknowledge", "HandoverFailure",
    "HandoverNotify", "HandoverCancel", "HandoverCancelAcknowledge", "ENBStatusTransfer", "MMEStatusTransfer",
    "PathSwitchRequest", "PathSwitchRequestAcknowledge", "PathSwitchRequestFailure"};

constexpr const char* kNasNames[] = {
    "AttachRequest", "AttachAccept", "AttachComplete", "AttachReject", "AuthenticationRequest",
    "AuthenticationResponse", "AuthenticationReject", "AuthenticationFailure", "SecurityModeCommand",
    "SecurityModeComplete", "SecurityModeReject", "IdentityRequest", "IdentityResponse", "DetachRequest",
    "DetachAccept", "EmmInformation", "EmmStatus", "ServiceReject", "TrackingAreaUpdateRequest",
    "TrackingAreaUpdateAccept"};

// The GTPv2-C messages of S10/S3 relocation the runner's peer MME and SGSN handle (TS 29.274 7.3).
constexpr const char* kGtpNames[] = {
    "ForwardRelocationRequest", "ForwardRelocationResponse", "ForwardRelocationCompleteNotification",
    "ForwardRelocationCompleteAcknowledge", "RelocationCancelRequest", "RelocationCancelResponse"};

std::string camel_case(std::string_view spec) {
  std::string out;
  bool upper = true;
  for (char c : spec) {
    if (c == ' ' || c == '-' || c == '_') {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c)))
                 : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    upper = false;
  }
  return out;
}

}  // namespace

std::string gtp_name(const gtpv2::GtpMessage& m) { return camel_case(gtpv2::message_name(m)); }

std::string s1ap_name(const s1ap::S1apMessage& m) { return kS1apNames[m.index()]; }

std::string nas_name(const nas::NasMessage& m) {
  // The NAS library names messages as the spec does ("SECURITY MODE COMMAND"): make it CamelCase.
  return camel_case(nas::message_name(m));
}

std::string normalized(std::string_view name) {
  std::string out;
  for (char c : name)
    if (std::isalnum(static_cast<unsigned char>(c))) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool same_name(std::string_view a, std::string_view b) { return normalized(a) == normalized(b); }

bool known_message(std::string_view name) {
  if (name == "*") return true;
  for (const char* n : kS1apNames)
    if (same_name(n, name)) return true;
  for (const char* n : kNasNames)
    if (same_name(n, name)) return true;
  for (const char* n : kGtpNames)
    if (same_name(n, name)) return true;
  return false;
}

}  // namespace concur::scenario
