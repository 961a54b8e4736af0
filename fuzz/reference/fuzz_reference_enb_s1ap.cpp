// libFuzzer: arbitrary octets from an MME into the reference eNB's S1AP handling. After a valid
// S1 SETUP RESPONSE and one connected UE with a handover ongoing (so the input reaches rule 5's
// paths), each input is split into PDUs by a 1-octet length prefix and fed in order. Whatever
// arrives, the eNB answers with encodable S1AP and never crashes (TS 36.413 10: error handling).
#include <cstddef>
#include <cstdint>

#include "codec/s1ap/messages.h"
#include "config.h"
#include "enb.h"

namespace {

namespace enb = concur::reference::enb;

concur::Bytes setup_response() {
  concur::s1ap::S1SetupResponse r;
  r.served_gummeis.push_back({{{0x00, 0xf1, 0x10}}, {1}, {1}});
  return *concur::s1ap::encode(r);
}

concur::Bytes context_setup() {
  concur::s1ap::InitialContextSetupRequest r;
  r.mme_ue_s1ap_id = 1;
  r.enb_ue_s1ap_id = 1;
  r.e_rabs.push_back({5, {}, {127, 0, 0, 2}, 1, std::nullopt});
  return *concur::s1ap::encode(r);
}

void check(const std::vector<enb::Outgoing>& outs) {
  for (const auto& o : outs)
    if (!concur::s1ap::encode(o.message)) __builtin_trap();  // the eNB must send only valid S1AP
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const concur::Bytes setup = setup_response();
  static const concur::Bytes ics = context_setup();
  enb::ReferenceEnb e(enb::EnbConfig{});
  const auto now = enb::Clock::now();
  std::string reply;
  e.connected();
  e.on_s1ap(concur::view_of(setup), now);
  e.on_control("ue-connect 0741", reply, now);
  e.on_s1ap(concur::view_of(ics), now);
  e.on_control("handover 1 2 1", reply, now);
  std::size_t at = 0;
  while (at < size) {
    const std::size_t n = std::min<std::size_t>(data[at], size - at - 1);
    check(e.on_s1ap(concur::ByteView(data + at + 1, n), now));
    at += 1 + n;
  }
  check(e.on_timers(now + std::chrono::hours(1)));  // every guard timer fires on whatever state is left
  return 0;
}
