#include "capture/captured_message.h"

#include <cstdio>

namespace concur::capture {

std::string_view to_string(Protocol p) {
  switch (p) {
    case Protocol::s1ap: return "S1AP";
    case Protocol::gtpv2c: return "GTPv2-C";
    case Protocol::diameter: return "Diameter";
    case Protocol::unclassified: return "unclassified";
  }
  return "?";
}

std::string_view to_string(Transport t) {
  switch (t) {
    case Transport::sctp: return "SCTP";
    case Transport::udp: return "UDP";
    case Transport::tcp: return "TCP";
  }
  return "?";
}

IpAddress IpAddress::v4(ByteView four) {
  IpAddress a;
  a.version = 4;
  for (std::size_t i = 0; i < 4 && i < four.size(); ++i) a.octets[i] = four[i];
  return a;
}

IpAddress IpAddress::v6(ByteView sixteen) {
  IpAddress a;
  a.version = 6;
  for (std::size_t i = 0; i < 16 && i < sixteen.size(); ++i) a.octets[i] = sixteen[i];
  return a;
}

std::string IpAddress::to_string() const {
  char buf[64];
  if (version == 4) {
    std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", octets[0], octets[1], octets[2], octets[3]);
    return buf;
  }
  std::array<unsigned, 8> groups{};
  for (int i = 0; i < 8; ++i) groups[i] = (unsigned{octets[2 * i]} << 8) | octets[2 * i + 1];
  // RFC 5952 4.2: compress the longest run of two or more zero groups (the first one on a tie).
  int best = -1, best_len = 0;
  for (int i = 0; i < 8;) {
    if (groups[i] != 0) { ++i; continue; }
    int j = i;
    while (j < 8 && groups[j] == 0) ++j;
    if (j - i > best_len && j - i >= 2) best = i, best_len = j - i;
    i = j;
  }
  std::string out;
  for (int i = 0; i < 8; ++i) {
    if (i == best) {
      out += "::";
      i += best_len - 1;
      continue;
    }
    if (!out.empty() && out.back() != ':') out += ':';
    std::snprintf(buf, sizeof buf, "%x", groups[i]);
    out += buf;
  }
  return out;
}

std::string Endpoint::to_string() const {
  const std::string a = address.to_string();
  return (address.version == 6 ? "[" + a + "]" : a) + ":" + std::to_string(port);
}

std::string CaptureError::to_string() const {
  const std::string where = frame == 0 ? "file header at offset " + std::to_string(offset)
                                       : "frame " + std::to_string(frame) + " at file offset " + std::to_string(offset);
  return file + ": " + where + ": " + reason;
}

std::string FrameWarning::to_string() const {
  return "frame " + std::to_string(frame) + ": " + error.to_string() + (in_reassembled ? " (in reassembled datagram)" : "");
}

}  // namespace concur::capture
