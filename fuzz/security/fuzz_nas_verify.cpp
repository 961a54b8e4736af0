// Fuzzes verify_at() on raw NAS PDUs: any input must give a value or a DecodeError, never a crash
// or an out-of-bounds read. Octet 0 of the input picks the algorithms and direction; the rest is
// the PDU. As a second property, a message protected by protect() must verify.
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "security/nas_security.h"

using namespace concur;
using namespace concur::security;

namespace {
const Key256& kasme() {
  static const Key256 k = Key256::from_hex("238e457e0f758badbca8d34bb2612c10428d426757cb5553b2b184fa64bfc549");
  return k;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto eea = static_cast<CipheringAlgorithm>(data[0] & 0x03);
  const auto eia = static_cast<IntegrityAlgorithm>((data[0] >> 2) & 0x03);
  const auto dir = static_cast<Direction>((data[0] >> 4) & 0x01);
  // One context per algorithm pair, derived once: verify_at() does not change it.
  static const std::vector<NasSecurityContext> contexts = [] {
    std::vector<NasSecurityContext> v;
    for (int i = 0; i < 16; ++i)
      v.emplace_back(1, kasme(), static_cast<CipheringAlgorithm>(i & 3), static_cast<IntegrityAlgorithm>(i >> 2));
    return v;
  }();
  const NasSecurityContext& ctx = contexts[data[0] & 0x0F];
  const ByteView pdu(data + 1, size - 1);

  const std::uint32_t expected = (size > 1 ? data[1] : 0) * 0x10101u;
  const auto r = verify_at(ctx, dir, pdu, expected);
  if (r.ok()) {
    // A verified message never claims more octets than the input had.
    if (r->message.size() + 6 > pdu.size() && r->header_type != SecurityHeaderType::service_request) std::abort();
  } else if (r.error().offset > pdu.size()) {
    std::abort();
  }

  if (!pdu.empty() && (data[0] & 0x20)) {
    NasSecurityContext sender(1, kasme(), eea, eia), receiver(1, kasme(), eea, eia);
    const auto type = (data[0] & 0x40) ? SecurityHeaderType::integrity_protected_ciphered
                                       : SecurityHeaderType::integrity_protected;
    const Bytes protected_pdu = protect(sender, dir, type, pdu);
    const auto v = verify(receiver, dir, protected_pdu);
    if (!v.ok() || !v->mac_valid || v->message != Bytes(pdu.begin(), pdu.end())) std::abort();
  }
  return 0;
}
