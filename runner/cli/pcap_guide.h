// pcap/README.txt of a `concur run`: what the captures hold and how to make Wireshark decode
// the traffic it cannot place by port. GTPv2-C and Diameter are recognised by their well-known
// ports (2123, 3868); the reference MME and the runner's own roles bind free ports instead, and
// a person opening a case's pcap would see bare UDP / TCP there.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "transport/socket_address.h"

namespace concur::cli {

/// One endpoint of the run whose messages go into the pcaps.
struct CapturedEndpoint {
  std::string role;          ///< e.g. "SUT MME (S10/S3)", "runner's SGSN (S3)"
  std::string protocol;      ///< "gtpv2" (UDP) or "diameter" (TCP)
  transport::SocketAddress address;
};

/// The guide's text: the endpoints, and for those off their well-known port the Wireshark
/// "Decode As" and the tshark options that decode them.
void write_pcap_guide(std::ostream& out, const std::vector<CapturedEndpoint>& endpoints);

/// The tshark options ("-d udp.port==P,gtp" ...) for the endpoints off their well-known port;
/// empty when there are none.
std::vector<std::string> tshark_decode_as(const std::vector<CapturedEndpoint>& endpoints);

}  // namespace concur::cli
