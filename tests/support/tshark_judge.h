// tshark as the independent judge of our encoders: write messages into a pcap with real
// framing (our PcapWriter), let tshark dissect them, and hand back what it saw.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/bytes.h"

namespace concur::test {

/// How messages are framed for tshark.
enum class Carrier {
  s1ap_sctp,     ///< SCTP DATA, PPID 18, port 36412 (eNB 127.0.1.1 -> MME 127.0.0.1), stream 1
  gtpv2_udp,     ///< UDP 2123 both ways (127.0.0.1 -> 127.0.0.2)
  diameter_tcp,  ///< TCP to port 3868, one connection, handshake included
  nas,           ///< one bare NAS-EPS PDU per packet, DLT_USER0 mapped to "nas-eps"
};

struct Dissection {
  std::size_t packets = 0;        ///< packets tshark read
  std::size_t malformed = 0;      ///< packets with a "Malformed Packet" exception
  std::size_t expert_errors = 0;  ///< expert items of severity Error
  std::vector<std::string> expert_texts;  ///< the messages of those errors, for test output
  /// fields[i][name]: every occurrence of `name` in packet i, in tshark's order.
  std::vector<std::map<std::string, std::vector<std::string>>> fields;
  std::string pcap_path;  ///< kept for a person to open when a test fails

  /// All values of `name` in packet i (empty when absent).
  const std::vector<std::string>& values(std::size_t i, const std::string& name) const;
};

/// Why tshark cannot judge here (for GTEST_SKIP), or nullopt when it can.
std::optional<std::string> tshark_unusable();

/// Writes `messages` (one per packet, or per SCTP message) and runs tshark over them. The pcap is
/// kept in a temporary folder whose path is in the result. Throws std::runtime_error when tshark
/// fails or overruns its time limit.
Dissection tshark_dissect(Carrier carrier, const std::vector<Bytes>& messages,
                          const std::vector<std::string>& field_names);

/// tshark's verbose text of the same capture (-V), for a failing test's message.
std::string tshark_verbose(const Dissection& d);

}  // namespace concur::test
