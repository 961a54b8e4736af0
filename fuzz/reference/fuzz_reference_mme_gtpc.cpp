// libFuzzer: arbitrary octets from S10/S3 peers into the reference MME's GTPv2-C handling. Each
// input is split into datagrams by a 2-octet length prefix (15 bits: a Forward Relocation Request
// with an MM Context is longer than 127 octets); its top bit says whether the datagram arrives as
// a request from a peer or as the reply to one of the MME's requests.
// Whatever arrives, the MME answers with decodable GTPv2-C and encodable S1AP and never crashes
// (TS 29.274 7.7: error handling).
#include <cstddef>
#include <cstdint>
#include <cstdio>

#include "codec/gtpv2/message.h"
#include "codec/s1ap/messages.h"
#include "config.h"
#include "mme.h"

namespace {

concur::reference::MmeConfig fuzz_config() {
  concur::reference::MmeConfig c;
  c.served_tacs = {1};
  concur::reference::GtpcConfig g;
  g.peer_mmes.push_back({"127.0.0.2", 2123, {3}});
  g.sgsns.push_back({"127.0.0.3", 2123, {{100, std::nullopt, std::nullopt}}});
  c.gtpc = g;
  return c;
}

concur::Bytes s1_setup() {
  concur::s1ap::S1SetupRequest r;
  const concur::s1ap::Plmn plmn{0x00, 0xf1, 0x10};
  r.global_enb_id = {plmn, concur::s1ap::EnbIdKind::macro, 1};
  r.supported_tas.push_back({1, {plmn}});
  return *concur::s1ap::encode(r);
}

void check(concur::reference::ReferenceMme& mme, const std::vector<concur::reference::Outgoing>& outs) {
  for (const auto& o : outs) {
    if (auto e = concur::s1ap::encode(o.message); !e) {  // only valid S1AP goes to the eNB
      std::fprintf(stderr, "unencodable S1AP: %s\n", e.error().to_string().c_str());
      __builtin_trap();
    }
  }
  for (const auto& g : mme.take_gtp_out()) {
    if (auto d = concur::gtpv2::decode(concur::view_of(g.message)); !d) {  // only valid GTPv2-C to peers
      std::fprintf(stderr, "undecodable GTPv2-C: %s\n", d.error().to_string().c_str());
      __builtin_trap();
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const concur::Bytes setup = s1_setup();
  concur::reference::ReferenceMme mme(fuzz_config());
  const auto now = concur::reference::Clock::now();
  const concur::reference::GtpPeer peer{"127.0.0.2", 2123};
  mme.enb_connected(1);
  check(mme, mme.on_s1ap(1, concur::view_of(setup), now));  // a target eNB for inbound relocations
  std::size_t at = 0;
  while (at + 2 <= size) {
    const bool as_reply = (data[at] & 0x80) != 0;
    const std::size_t n = std::min<std::size_t>(static_cast<std::size_t>((data[at] & 0x7F) << 8 | data[at + 1]), size - at - 2);
    const concur::ByteView datagram(data + at + 2, n);
    check(mme, as_reply ? mme.on_gtpc_reply(peer, datagram, {}, now) : mme.on_gtpc(peer, datagram, now));
    at += 2 + n;
  }
  check(mme, mme.on_timers(now + std::chrono::hours(1)));  // every guard fires on what is left
  return 0;
}
