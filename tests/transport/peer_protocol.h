// What the SCTP test peer (sctp_peer_main.cpp, a separate process) and the tests agree on:
// deterministic payloads, a digest, and one text line per event on the peer's stdout.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

#include "common/bytes.h"
#include "transport/sctp.h"

namespace concur::transport::testing {

/// A payload that differs per stream and size, so a message delivered on the wrong stream or
/// cut short cannot pass for the right one.
inline Bytes pattern(std::uint16_t stream, std::size_t size) {
  Bytes b(size);
  for (std::size_t i = 0; i < size; ++i) b[i] = static_cast<std::uint8_t>(i * 31 + stream * 7 + size);
  return b;
}

/// FNV-1a 32-bit over the bytes.
inline std::uint32_t digest(ByteView b) {
  std::uint32_t h = 2166136261u;
  for (auto x : b) h = (h ^ x) * 16777619u;
  return h;
}

/// "event <kind> stream=<s> ppid=<p> len=<n> digest=<hex>"
inline std::string event_line(const SctpEvent& e) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "event %s stream=%u ppid=%u len=%zu digest=%08x", to_string(e.kind),
                unsigned{e.stream}, unsigned{e.ppid}, e.bytes.size(), unsigned{digest(view_of(e.bytes))});
  return buf;
}

inline std::string expected_message_line(std::uint16_t stream, std::uint32_t ppid, std::size_t size) {
  SctpEvent e{SctpEventKind::message, stream, ppid, std::nullopt, pattern(stream, size), {}};
  return event_line(e);
}

}  // namespace concur::transport::testing
