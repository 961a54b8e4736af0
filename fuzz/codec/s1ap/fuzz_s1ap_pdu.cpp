// Any octets given to decode_pdu give a message or a DecodeError, never a crash, a leak or an
// out-of-bounds read (ASAN/UBSAN). What decodes must encode again, and what the domain layer
// re-encodes must decode to the same message (S1AP is canonical: aligned PER, TS 36.413 9.4).
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "codec/s1ap/messages.h"
#include "codec/s1ap/pdu.h"

using namespace concur;
using namespace concur::s1ap;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const ByteView in(data, size);
  Result<S1apMessage> m = decode_pdu(in);
  if (!m.ok()) {
    if (m.error().offset > size) std::abort();  // an offset outside the input is a bug
    return 0;
  }
  Result<RawPdu> raw = decode_raw_pdu(in);
  if (!raw.ok()) std::abort();  // decode_pdu succeeded, so the IE layer must too
  (void)check_ie_values(*raw, in);

  Result<Bytes> again = encode(*m);
  if (!again.ok()) return 0;  // e.g. a value the domain struct keeps but its constraint refuses
  Result<S1apMessage> back = decode_pdu(*again);
  if (!back.ok() || !(*back == *m)) std::abort();  // our own encoding must decode to the same message
  return 0;
}
