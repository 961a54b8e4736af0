// The few fields of a NAS PDU that the TS 33.401 §7.2.10 rules and a human reading a trace care
// about, flattened for the `concur decode` command and the monitor's evidence lines.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "codec/nas/constants.h"
#include "codec/nas/ies.h"
#include "codec/nas/pdu.h"

namespace concur::nas {

struct NasSummary {
  std::string name;  ///< message name, or "Ciphered NAS message" when not inspectable
  SecurityHeaderType security_header_type = SecurityHeaderType::plain;
  bool inspectable = true;
  std::optional<ProtocolDiscriminator> protocol_discriminator;
  std::optional<std::uint8_t> message_type;
  std::optional<std::uint32_t> mac;              ///< header types 1–5
  std::optional<std::uint8_t> sequence_number;   ///< 8-bit SQN, or the 5-bit one of SERVICE REQUEST
  std::optional<std::uint16_t> short_mac;        ///< SERVICE REQUEST
  std::optional<NasKeySetIdentifier> eksi;       ///< NAS KSI of SMC, attach, TAU, auth request, …
  std::optional<NasSecurityAlgorithms> selected_algorithms;  ///< SECURITY MODE COMMAND
  std::optional<UeSecurityCapability> replayed_ue_security_capabilities;  ///< SECURITY MODE COMMAND
  std::optional<std::string> imsi;
  std::optional<Guti> guti;
  std::optional<std::uint8_t> emm_cause;
  std::optional<std::uint8_t> esm_cause;

  /// One line, e.g. "Security mode command [hdr 3 sqn 0 mac 0x1a2b3c4d] eKSI 1 EEA2/EIA2".
  std::string to_string() const;
};

NasSummary summarise(const NasPdu& pdu);

}  // namespace concur::nas
