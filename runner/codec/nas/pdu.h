// A NAS-EPS PDU as carried in S1AP NAS-PDU: a plain message, a security-protected message
// (TS 24.301 §9.1, Figure 9.1.2: header type | PD, MAC, sequence number, NAS message), or the
// 4-octet SERVICE REQUEST (§8.2.25, header type 12).
#pragma once

#include <cstdint>
#include <optional>

#include "codec/nas/constants.h"
#include "codec/nas/message.h"
#include "common/bytes.h"
#include "common/decode_error.h"

namespace concur::nas {

/// §8.2.25 SERVICE REQUEST: KSI and sequence number (§9.9.3.19) and short MAC (§9.9.3.28).
struct ServiceRequest {
  std::uint8_t ksi = 0;              ///< bits 8–6 of octet 2 (KSI_ASME, no TSC)
  std::uint8_t sequence_number = 0;  ///< bits 5–1: the 5 LSBs of the uplink NAS COUNT
  std::uint16_t short_mac = 0;       ///< the 2 least significant octets of the MAC
  bool operator==(const ServiceRequest&) const = default;
};

struct NasPdu {
  SecurityHeaderType security_header_type = SecurityHeaderType::plain;
  /// Header types 1–5: the MAC (octets 2–5, big-endian) and sequence number (octet 6).
  std::uint32_t mac = 0;
  std::uint8_t sequence_number = 0;
  /// Header types 1–5: octets 7..n exactly as received — ciphered for 2, 4 and 5. For 0 empty.
  Bytes nas_message;
  /// The plain message: header type 0; the inner message of 1 and 3; of 2 and 4 only when
  /// decoded with DecodeOptions::assume_null_ciphering. Empty = not inspectable until deciphered.
  std::optional<NasMessage> message;
  /// Header type 12 (and 13–15, read as 12).
  std::optional<ServiceRequest> service_request;

  bool is_protected() const { return security_header_type != SecurityHeaderType::plain; }
  /// False when the NAS message is still ciphered.
  bool inspectable() const { return message.has_value() || service_request.has_value(); }
};

/// Decodes any NAS-EPS PDU. Malformed input yields a DecodeError naming the field and the octet
/// offset from the start of `bytes` (inner-message offsets included).
Result<NasPdu> decode(ByteView bytes, const DecodeOptions& options = {});

/// Encodes the PDU: header type 0 from `message`; 1–5 from the header fields and `nas_message`
/// (or, if `nas_message` is empty, from `message` encoded as plain); 12–15 from `service_request`.
/// To build a correctly protected PDU use protect() in protection.h.
Bytes encode(const NasPdu& pdu);

/// Wraps a plain message as an unprotected PDU.
NasPdu plain_pdu(NasMessage message);

}  // namespace concur::nas
