#include "capture/classify.h"

#include <algorithm>

namespace concur::capture {
namespace {

template <class T>
bool contains(const std::vector<T>& v, T x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

bool either(const std::vector<std::uint16_t>& ports, std::uint16_t a, std::uint16_t b) {
  return contains(ports, a) || contains(ports, b);
}

constexpr std::size_t kGtpv2MaxPiggybacked = 2;  // a response and at most one piggybacked message (TS 29.274 5.5.1)

}  // namespace

Protocol classify_sctp(const ClassifierConfig& c, std::uint16_t src_port, std::uint16_t dst_port, std::uint32_t ppid) {
  if (contains(c.s1ap_ppids, ppid)) return Protocol::s1ap;
  if (contains(c.diameter_ppids, ppid)) return Protocol::diameter;
  // PPID 0 means "unspecified" (RFC 9260 3.3.1); other PPIDs name another protocol.
  if (ppid != 0) return Protocol::unclassified;
  if (either(c.s1ap_ports, src_port, dst_port)) return Protocol::s1ap;
  if (either(c.diameter_ports, src_port, dst_port)) return Protocol::diameter;
  return Protocol::unclassified;
}

bool is_diameter_port(const ClassifierConfig& c, std::uint16_t s, std::uint16_t d) { return either(c.diameter_ports, s, d); }
bool is_gtpv2c_port(const ClassifierConfig& c, std::uint16_t s, std::uint16_t d) { return either(c.gtpv2c_ports, s, d); }
bool is_sctp_over_udp_port(const ClassifierConfig& c, std::uint16_t s, std::uint16_t d) {
  return either(c.sctp_over_udp_ports, s, d);
}

bool split_gtpv2c(ByteView payload, std::size_t offset, const std::function<void(ByteView)>& deliver,
                  std::vector<DecodeError>& warnings) {
  std::size_t pos = 0;
  for (std::size_t n = 0; n < kGtpv2MaxPiggybacked && pos < payload.size(); ++n) {
    if (payload.size() - pos < 4) {
      warnings.push_back({"gtpv2.header", offset + pos, "fewer than 4 octets left for a GTPv2-C header"});
      return false;
    }
    const std::uint8_t first = payload[pos];
    if ((first >> 5) != 2) {
      if (n == 0) return false;  // GTPv1-C or another protocol on the port: not ours, not malformed
      warnings.push_back({"gtpv2.version", offset + pos, "piggybacked message has version " + std::to_string(first >> 5)});
      return false;
    }
    const std::size_t length = 4 + ((std::size_t{payload[pos + 2]} << 8) | payload[pos + 3]);
    if (length > payload.size() - pos) {
      warnings.push_back({"gtpv2.length", offset + pos + 2, "message length " + std::to_string(length) + " overruns the " +
                                                                std::to_string(payload.size() - pos) + " octets left"});
      return false;
    }
    deliver(payload.subspan(pos, length));
    pos += length;
    if (!(first & 0x10)) break;  // no P flag: nothing piggybacked
  }
  return true;
}

}  // namespace concur::capture
