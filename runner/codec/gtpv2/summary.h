// A one-line view of a GTPv2-C message with the fields the TS 33.401 7.2.10 rules look at: the lead's
// `concur decode` command prints it and the monitor can use it to label trace entries.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "codec/gtpv2/message.h"

namespace concur::gtpv2 {

struct GtpSummary {
  std::string message;  ///< "Forward Relocation Request"
  std::uint8_t message_type = 0;
  std::optional<std::uint32_t> teid;
  std::uint32_t sequence = 0;
  std::optional<std::string> imsi;
  std::optional<std::uint8_t> cause;
  std::optional<std::uint8_t> mm_context_security_mode;  ///< Table 8.38-1 (4 = EPS security context)
  std::optional<std::uint8_t> ksi;                      ///< KSI_ASME (types 107/108) or KSI (106)
  std::optional<std::uint8_t> ncc;                      ///< present iff NHI=1
  std::optional<std::string> nh_prefix;                 ///< first 4 octets of NH, hex
  bool osci = false;
  std::optional<std::uint8_t> old_ksi;
  std::optional<std::uint8_t> old_ncc;                  ///< only when NHI_old=1 (ignored by receivers otherwise)
  std::optional<std::string> old_nh_prefix;
  std::optional<std::uint8_t> target_type;              ///< Target Identification type

  /// "Forward Relocation Request teid=0x... seq=12 imsi=001010000000001 mm=EPS ksi=1 ncc=2 nh=0a0b0c0d… osci=1 old_ksi=0 ..."
  std::string to_string() const;
};

GtpSummary summarise(const GtpMessage& m);

}  // namespace concur::gtpv2
