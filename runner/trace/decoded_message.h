// A captured or live message after decoding: the unit of a trace. One S1AP PDU gives one entry
// for itself and one for each NAS PDU it carries, so that `concur decode` and the monitor see the
// NAS procedures (SMC, authentication) in the order they crossed S1.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "capture/captured_message.h"
#include "common/decode_error.h"

namespace concur::trace {

enum class Protocol : std::uint8_t { s1ap, nas, gtpv2c, diameter, other };
std::string_view to_string(Protocol p);

struct DecodedMessage {
  std::uint64_t frame_number = 0;
  std::int64_t timestamp_ns = 0;
  std::string src;  ///< "10.0.0.1:36412"
  std::string dst;
  Protocol protocol = Protocol::other;
  /// 0 for a message on the wire, 1 for a NAS PDU inside an S1AP PDU.
  int depth = 0;
  /// The message's type as numbers, for statistics that must match other tools: S1AP
  /// (PDU type << 8) | procedure code; NAS (protocol discriminator << 8) | message type, or
  /// 0xffff when ciphered; GTPv2-C message type; Diameter command code. 0 when undecodable.
  std::uint32_t type_code = 0;
  /// Message name as the specification spells it, e.g. "HandoverRequest", "Security mode command".
  std::string name;
  /// Key fields for the rules, "name=value" separated by spaces (UE ids, eKSI, NCC, NH prefix, OSCI).
  std::string fields;
  /// Set when the message could not be decoded; `name` then says what was known.
  std::optional<DecodeError> error;
};

/// Decodes one message from the capture reader (or a live transport) into trace entries.
/// Never throws on malformed input: an undecodable message is an entry with `error` set.
std::vector<DecodedMessage> decode(const capture::CapturedMessage& message);

}  // namespace concur::trace
