// Fuzzes DiameterFramer with arbitrary streams cut into arbitrary pieces. Invariants: no crash,
// every message returned has a valid header whose length equals its size, and the messages
// returned are, in order, exactly a prefix of the stream.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <algorithm>

#include "transport/diameter_framer.h"

using namespace concur;
using namespace concur::transport;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::size_t piece = 1 + data[0] % 64;  // first octet picks the segment size
  const ByteView stream(data + 1, size - 1);
  DiameterFramer framer(4096);
  Bytes joined;
  bool broken = false;
  for (std::size_t at = 0; at < stream.size() && !broken; at += piece) {
    framer.feed(stream.subspan(at, std::min(piece, stream.size() - at)));
    for (;;) {
      auto m = framer.next();
      if (!m.ok()) {
        if (m.error().offset > stream.size()) std::abort();
        broken = true;
        break;
      }
      if (!m->has_value()) break;
      const Bytes& msg = **m;
      const auto h = read_diameter_header(view_of(msg), 4096);
      if (!h.ok() || h->length != msg.size()) std::abort();
      joined.insert(joined.end(), msg.begin(), msg.end());
    }
  }
  if (joined.size() > stream.size() || !std::equal(joined.begin(), joined.end(), stream.begin())) std::abort();
  if (framer.stream_offset() != joined.size()) std::abort();
  return 0;
}
