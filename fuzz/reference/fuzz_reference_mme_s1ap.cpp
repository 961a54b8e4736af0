// libFuzzer: arbitrary octets from an eNB into the reference MME's S1AP handling. After a valid
// S1 SETUP (so the input reaches every procedure, not only the "setup first" check), each input is
// split into PDUs by a 1-octet length prefix and fed in order on one association. Whatever
// arrives, the MME answers with encodable S1AP and never crashes (TS 36.413 10: error handling).
#include <cstddef>
#include <cstdint>

#include "codec/s1ap/messages.h"
#include "config.h"
#include "mme.h"

namespace {

concur::reference::MmeConfig fuzz_config() {
  concur::reference::MmeConfig c;
  c.served_tacs = {1};
  concur::reference::SubscriberConfig s;
  s.imsi = "001010000000001";
  s.k = concur::security::Key128::from_hex("465b5ce8b199b49faa5f0a2ee238a6bc");
  s.opc = concur::security::Key128::from_hex("cd63cb71954a9f4e48a5994e37a02baf");
  c.subscribers.push_back(s);
  return c;
}

concur::Bytes s1_setup() {
  concur::s1ap::S1SetupRequest r;
  const concur::s1ap::Plmn plmn{0x00, 0xf1, 0x10};
  r.global_enb_id = {plmn, concur::s1ap::EnbIdKind::macro, 1};
  r.supported_tas.push_back({1, {plmn}});
  return *concur::s1ap::encode(r);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const concur::Bytes setup = s1_setup();
  concur::reference::ReferenceMme mme(fuzz_config());
  const auto now = concur::reference::Clock::now();
  mme.enb_connected(1);
  mme.on_s1ap(1, concur::view_of(setup), now);
  std::size_t at = 0;
  while (at < size) {
    const std::size_t n = std::min<std::size_t>(data[at], size - at - 1);
    const auto outs = mme.on_s1ap(1, concur::ByteView(data + at + 1, n), now);
    for (const auto& o : outs)
      if (!concur::s1ap::encode(o.message)) __builtin_trap();  // the MME must send only valid S1AP
    at += 1 + n;
  }
  mme.on_timers(now + std::chrono::hours(1));  // every guard timer fires on whatever state is left
  return 0;
}
