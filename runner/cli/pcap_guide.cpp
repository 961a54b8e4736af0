#include "cli/pcap_guide.h"

#include <set>

namespace concur::cli {
namespace {

constexpr std::uint16_t kGtpcPort = 2123;     // TS 29.274 4.4.2.1
constexpr std::uint16_t kDiameterPort = 3868;  // RFC 6733 2.1

bool is_gtp(const CapturedEndpoint& e) { return e.protocol == "gtpv2"; }

bool off_its_port(const CapturedEndpoint& e) { return e.address.port != (is_gtp(e) ? kGtpcPort : kDiameterPort); }

// Wireshark's names: its GTP dissector takes UDP ports and hands version 2 to GTPv2.
std::string decode_as(const CapturedEndpoint& e) {
  return is_gtp(e) ? "udp.port==" + std::to_string(e.address.port) + ",gtp"
                   : "tcp.port==" + std::to_string(e.address.port) + ",diameter";
}

}  // namespace

std::vector<std::string> tshark_decode_as(const std::vector<CapturedEndpoint>& endpoints) {
  std::vector<std::string> args;
  std::set<std::string> seen;  // one endpoint may serve two roles (the MME's S10 and S3)
  for (const auto& e : endpoints) {
    if (!off_its_port(e) || !seen.insert(decode_as(e)).second) continue;
    args.push_back("-d");
    args.push_back(decode_as(e));
  }
  return args;
}

void write_pcap_guide(std::ostream& out, const std::vector<CapturedEndpoint>& endpoints) {
  out << "concur run: one pcap per test case, named after the case id. Each holds what the runner's\n"
         "roles sent and received during the case (S1AP over SCTP, GTPv2-C over UDP, Diameter over TCP),\n"
         "stamped with the time it was sent or received.\n";
  if (endpoints.empty()) return;
  out << "\nEndpoints of this run:\n";
  for (const auto& e : endpoints)
    out << "  " << e.role << ": " << (is_gtp(e) ? "GTPv2-C on UDP " : "Diameter on TCP ") << e.address.to_string() << "\n";
  const auto args = tshark_decode_as(endpoints);
  if (args.empty()) return;
  out << "\nSome of these ports are not the well-known ones (GTPv2-C 2123, Diameter 3868), so Wireshark shows\n"
         "that traffic as bare UDP / TCP until told what it is:\n"
         "  Wireshark: Analyze > Decode As..., one row per port of the tshark line (field UDP port or\n"
         "             TCP port, current GTP or Diameter)\n"
         "  tshark:    tshark -r FILE";
  for (const auto& a : args) out << " " << a;
  out << "\n";
}

}  // namespace concur::cli
