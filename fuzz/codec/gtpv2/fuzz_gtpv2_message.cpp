// libFuzzer target for the GTPv2-C decoder. Beyond "no crash, no OOB read" it checks the codec's
// promise: whatever decodes re-encodes to bytes that decode to the same message and re-encode
// identically (encode is a fixed point after one decode), and the typed views never throw.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>

#include "codec/gtpv2/message.h"
#include "codec/gtpv2/mobility.h"
#include "codec/gtpv2/summary.h"

using namespace concur;
using namespace concur::gtpv2;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto m = decode(ByteView(data, size));
  if (!m) {
    if (m.error().offset > size) std::abort();  // an error must point inside (or at the end of) the input
    return 0;
  }
  Bytes once;
  try {
    once = encode(*m);
  } catch (const std::invalid_argument&) {
    std::abort();  // anything the decoder produced must be encodable
  }
  auto again = decode(view_of(once));
  if (!again || !(*again == *m) || encode(*again) != once) std::abort();
  (void)summarise(*m);
  switch (m->type()) {
    case MessageType::forward_relocation_request: (void)parse_forward_relocation_request(*m); break;
    case MessageType::forward_relocation_response: (void)parse_forward_relocation_response(*m); break;
    case MessageType::context_request: (void)parse_context_request(*m); break;
    case MessageType::context_response: (void)parse_context_response(*m); break;
    default: break;
  }
  return 0;
}
