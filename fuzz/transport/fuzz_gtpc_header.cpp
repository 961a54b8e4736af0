// Fuzzes the transport's GTPv2-C header reader. Invariants: no crash; on success the message
// fits the datagram and the header fields agree with the octets they came from.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "transport/gtpc_header.h"

using namespace concur;
using namespace concur::transport;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto h = peek_gtpc_header(ByteView(data, size));
  if (!h.ok()) {
    if (h.error().offset > size) std::abort();
    return 0;
  }
  if (h->message_size() > size || h->version != 2 || h->message_type != data[1]) std::abort();
  if (h->teid_present != h->teid.has_value() || h->sequence > 0xFFFFFF) std::abort();
  (void)gtpc_role(h->message_type);
  return 0;
}
