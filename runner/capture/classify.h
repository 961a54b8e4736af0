// Which application protocol a transport payload carries, by configurable SCTP PPIDs and ports
// (defaults from the specifications), and the GTPv2-C framing of a UDP payload.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "capture/captured_message.h"
#include "common/decode_error.h"

namespace concur::capture {

struct ClassifierConfig {
  std::vector<std::uint32_t> s1ap_ppids{18};        ///< TS 36.412 7: S1AP PPID 18
  std::vector<std::uint16_t> s1ap_ports{36412};     ///< TS 36.412 7: SCTP port 36412
  std::vector<std::uint16_t> gtpv2c_ports{2123};    ///< TS 29.274 4.2.1: GTPv2-C on UDP 2123
  std::vector<std::uint16_t> diameter_ports{3868};  ///< RFC 6733 2.1: TCP and SCTP 3868
  std::vector<std::uint32_t> diameter_ppids{46, 47};  ///< IANA: Diameter 46, Diameter over DTLS 47
  std::vector<std::uint16_t> sctp_over_udp_ports{9899};  ///< RFC 6951 5: SCTP tunnelling port
};

/// S1AP when the PPID is an S1AP one; Diameter when it is a Diameter one; otherwise by port
/// (either end). A known PPID wins over the port so that, e.g., NGAP on 36412 is not S1AP.
Protocol classify_sctp(const ClassifierConfig& c, std::uint16_t src_port, std::uint16_t dst_port, std::uint32_t ppid);

bool is_diameter_port(const ClassifierConfig& c, std::uint16_t src_port, std::uint16_t dst_port);
bool is_gtpv2c_port(const ClassifierConfig& c, std::uint16_t src_port, std::uint16_t dst_port);
bool is_sctp_over_udp_port(const ClassifierConfig& c, std::uint16_t src_port, std::uint16_t dst_port);

/// Splits a UDP payload on a GTPv2-C port into its messages: version 2 in octet 1 bits 8-6,
/// length in octets 3-4 counting from octet 5, and with the P flag set a piggybacked message
/// following (TS 29.274 5.5.1). Returns false and leaves a warning when the payload is not
/// GTPv2-C (another version) or a length overruns; messages before the fault are still given.
bool split_gtpv2c(ByteView payload, std::size_t offset, const std::function<void(ByteView)>& deliver,
                  std::vector<DecodeError>& warnings);

}  // namespace concur::capture
