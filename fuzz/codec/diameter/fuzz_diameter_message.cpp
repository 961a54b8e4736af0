// libFuzzer target for the Diameter decoder and the S6a typed views. Beyond "no crash, no OOB
// read": every error points inside the input, whatever decodes re-encodes to a message that
// decodes equal (encode is a fixed point after one decode), and no parse_* view throws.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>

#include "codec/diameter/message.h"
#include "codec/diameter/s6a.h"

using namespace concur;
using namespace concur::diameter;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto m = decode(ByteView(data, size));
  if (!m) {
    if (m.error().offset > size) std::abort();
    return 0;
  }
  Bytes once;
  try {
    once = encode(*m);
  } catch (const std::invalid_argument&) {
    std::abort();
  }
  auto again = decode(view_of(once));
  if (!again || !(*again == *m) || encode(*again) != once) std::abort();
  auto check = [&](const auto& r) {
    if (!r.ok() && r.error().offset > size) std::abort();
  };
  check(parse_capabilities_exchange(*m));
  check(parse_device_watchdog(*m));
  check(parse_disconnect_peer(*m));
  check(parse_authentication_information_request(*m));
  check(parse_authentication_information_answer(*m));
  check(parse_update_location_request(*m));
  check(parse_update_location_answer(*m));
  check(parse_purge_ue_request(*m));
  check(parse_purge_ue_answer(*m));
  check(parse_cancel_location_request(*m));
  check(parse_cancel_location_answer(*m));
  return 0;
}
