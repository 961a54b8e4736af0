// A plain NAS-EPS message (no security header around it): one of the typed EMM/ESM messages,
// or an UnknownMessage kept as bytes. Decoding the security-protected envelope is in pdu.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <variant>

#include "codec/nas/constants.h"
#include "codec/nas/emm.h"
#include "codec/nas/esm.h"
#include "common/byte_reader.h"
#include "common/bytes.h"
#include "common/decode_error.h"

namespace concur::nas {

/// A well-formed header whose message type the codec does not model (e.g. CS service
/// notification): kept whole so it re-encodes byte-identically.
struct UnknownMessage {
  std::uint8_t protocol_discriminator = 0;
  std::uint8_t message_type = 0;
  Bytes bytes;  ///< the complete plain message, octet 1 included
  bool operator==(const UnknownMessage&) const = default;
};

using NasMessage = std::variant<
    AttachRequest, AttachAccept, AttachComplete, AttachReject, AuthenticationRequest, AuthenticationResponse,
    AuthenticationReject, AuthenticationFailure, SecurityModeCommand, SecurityModeComplete, SecurityModeReject,
    IdentityRequest, IdentityResponse, TrackingAreaUpdateRequest, TrackingAreaUpdateAccept,
    TrackingAreaUpdateComplete, TrackingAreaUpdateReject, ExtendedServiceRequest, ServiceReject, DetachRequestUplink,
    DetachRequestDownlink, DetachAccept, EmmStatus, EmmInformation, GutiReallocationCommand, GutiReallocationComplete,
    DownlinkNasTransport, UplinkNasTransport, PdnConnectivityRequest, PdnConnectivityReject,
    ActivateDefaultEpsBearerContextRequest, ActivateDefaultEpsBearerContextAccept,
    ActivateDefaultEpsBearerContextReject, EsmInformationRequest, EsmInformationResponse, EsmStatus,
    PdnDisconnectRequest, UnknownMessage>;

struct DecodeOptions {
  /// Which way the message travelled. Only DETACH REQUEST differs by direction (§8.2.11.1 vs
  /// §8.2.11.2); without a direction the codec tells them apart by what follows the detach type.
  std::optional<Direction> direction;
  /// Treat the NAS message of header types 2 and 4 as plain (EEA0 in use), as Wireshark's
  /// "null decipher" preference does. Off by default: ciphered octets are then reported as such.
  bool assume_null_ciphering = false;
};

/// Decodes a plain NAS message: EMM with security header type 0, or ESM.
Result<NasMessage> decode_message(ByteView plain, const DecodeOptions& options = {});
/// Encodes a plain NAS message (security header type 0 for EMM).
Bytes encode(const NasMessage& message);

ProtocolDiscriminator protocol_discriminator(const NasMessage& message);
std::uint8_t message_type(const NasMessage& message);
std::string_view message_name(const NasMessage& message);

/// Decodes a message carried in a container (ESM message container, NAS message container).
/// Offsets in errors are relative to `container`; pass `base_offset` to make them absolute.
Result<NasMessage> decode_container(ByteView container, std::size_t base_offset = 0);

namespace detail {
/// Internal: decodes a plain message from `r` (to its end), throwing DecodeFailure with absolute offsets.
NasMessage decode_plain(ByteReader& r, const DecodeOptions& options);
}  // namespace detail

}  // namespace concur::nas
