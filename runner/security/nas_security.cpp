#include "security/nas_security.h"

#include <openssl/crypto.h>

#include <stdexcept>

#include "common/byte_reader.h"

namespace concur::security {

bool is_ciphered(SecurityHeaderType t) {
  return t == SecurityHeaderType::integrity_protected_ciphered ||
         t == SecurityHeaderType::integrity_protected_ciphered_new_context;
}

std::string_view name(SecurityHeaderType t) {
  switch (t) {
    case SecurityHeaderType::plain: return "plain NAS message";
    case SecurityHeaderType::integrity_protected: return "integrity protected";
    case SecurityHeaderType::integrity_protected_ciphered: return "integrity protected and ciphered";
    case SecurityHeaderType::integrity_protected_new_context: return "integrity protected with new EPS security context";
    case SecurityHeaderType::integrity_protected_ciphered_new_context:
      return "integrity protected and ciphered with new EPS security context";
    case SecurityHeaderType::integrity_protected_partially_ciphered: return "integrity protected and partially ciphered";
    case SecurityHeaderType::service_request: return "security header for the SERVICE REQUEST message";
  }
  return "reserved";
}

Mac32 nas_mac(IntegrityAlgorithm alg, const Key128& k_nas_int, std::uint32_t count, Direction direction,
              ByteView sqn_and_message) {
  return integrity_mac(alg, k_nas_int, count, kNasBearer, direction, BitString::whole(sqn_and_message));
}

Bytes nas_cipher(CipheringAlgorithm alg, const Key128& k_nas_enc, std::uint32_t count, Direction direction,
                 ByteView message) {
  return cipher(alg, k_nas_enc, count, kNasBearer, direction, BitString::whole(message));
}

std::uint32_t estimate_nas_count(std::uint32_t next_expected, std::uint8_t received_sqn) {
  next_expected &= kNasCountMask;
  std::uint32_t c = (next_expected & 0x00FFFF00) | received_sqn;
  if (received_sqn < (next_expected & 0xFF)) c += 0x100;
  return c & kNasCountMask;
}

std::uint32_t estimate_nas_count_5bit(std::uint32_t next_expected, std::uint8_t received_sqn5) {
  next_expected &= kNasCountMask;
  received_sqn5 &= 0x1F;
  std::uint32_t c = (next_expected & 0x00FFFFE0) | received_sqn5;
  if (received_sqn5 < (next_expected & 0x1F)) c += 0x20;
  return c & kNasCountMask;
}

NasSecurityContext::NasSecurityContext(std::uint8_t ksi, const Key256& kasme, CipheringAlgorithm eea,
                                       IntegrityAlgorithm eia, bool mapped)
    : ksi_(ksi),
      mapped_(mapped),
      kasme_(kasme),
      eea_(eea),
      eia_(eia),
      k_nas_enc_(derive_algorithm_key(kasme, AlgorithmDistinguisher::nas_enc, static_cast<std::uint8_t>(eea))),
      k_nas_int_(derive_algorithm_key(kasme, AlgorithmDistinguisher::nas_int, static_cast<std::uint8_t>(eia))) {
  if (ksi > 6) throw std::invalid_argument("eKSI must be 0..6 (7 means no key available)");
}

Bytes protect(NasSecurityContext& ctx, Direction direction, SecurityHeaderType type, ByteView plain_message) {
  const auto t = static_cast<std::uint8_t>(type);
  if (t < 1 || t > 4) throw std::invalid_argument("protect() takes security header types 1 to 4");
  const std::uint32_t count = ctx.next_count(direction);
  Bytes pdu;
  pdu.reserve(6 + plain_message.size());
  pdu.push_back(static_cast<std::uint8_t>((t << 4) | kProtocolDiscriminatorEmm));
  pdu.insert(pdu.end(), 4, 0);
  pdu.push_back(static_cast<std::uint8_t>(count));
  if (is_ciphered(type)) {
    const Bytes c = nas_cipher(ctx.eea(), ctx.k_nas_enc(), count, direction, plain_message);
    pdu.insert(pdu.end(), c.begin(), c.end());
  } else {
    pdu.insert(pdu.end(), plain_message.begin(), plain_message.end());
  }
  const Mac32 mac = nas_mac(ctx.eia(), ctx.k_nas_int(), count, direction, ByteView(pdu).subspan(5));
  std::copy(mac.begin(), mac.end(), pdu.begin() + 1);
  ctx.set_next_count(direction, count + 1);
  return pdu;
}

namespace {

bool macs_equal(const std::uint8_t* a, const std::uint8_t* b, std::size_t n) { return CRYPTO_memcmp(a, b, n) == 0; }

VerifiedNas verify_service_request(const NasSecurityContext& ctx, Direction direction, ByteReader& r, ByteView pdu,
                                   std::uint32_t next_expected) {
  // SERVICE REQUEST (24.301 8.2.25, 9.9.3.19, 9.9.3.28): octet 2 = KSI(3) | SQN(5), octets 3-4 =
  // short MAC = the 2 least significant octets of the MAC over octets 1-2.
  const std::uint8_t ksi_and_sqn = r.u8("NAS.ksi_and_sequence_number");
  const ByteView short_mac = r.view(2, "NAS.short_mac");
  if (!r.empty()) r.fail("NAS.service_request", "SERVICE REQUEST is 4 octets long");
  VerifiedNas v;
  v.header_type = SecurityHeaderType::service_request;
  v.count = estimate_nas_count_5bit(next_expected, ksi_and_sqn & 0x1F);
  const Mac32 full = nas_mac(ctx.eia(), ctx.k_nas_int(), v.count, direction, pdu.first(2));
  v.expected_mac = {0, 0, full[2], full[3]};
  v.received_mac = {0, 0, short_mac[0], short_mac[1]};
  v.mac_valid = ctx.eia() == IntegrityAlgorithm::eia0 || macs_equal(full.data() + 2, short_mac.data(), 2);
  return v;
}

}  // namespace

Result<VerifiedNas> verify_at(const NasSecurityContext& ctx, Direction direction, ByteView pdu,
                              std::uint32_t next_expected) {
  return decode_guarded([&]() -> VerifiedNas {
    ByteReader r(pdu);
    const std::uint8_t first = r.u8("NAS.security_header_type");
    if ((first & 0x0F) != kProtocolDiscriminatorEmm)
      throw_decode("NAS.protocol_discriminator", 0,
                   "protocol discriminator " + std::to_string(first & 0x0F) + " is not EMM (7)");
    const std::uint8_t t = first >> 4;
    if (t == 0) throw_decode("NAS.security_header_type", 0, "plain NAS message: not security protected");
    if (t >= 12) return verify_service_request(ctx, direction, r, pdu, next_expected);
    if (t == 5)
      throw_decode("NAS.security_header_type", 0, "partially ciphered (CONTROL PLANE SERVICE REQUEST) not supported");
    if (t > 5) throw_decode("NAS.security_header_type", 0, "reserved security header type " + std::to_string(t));

    VerifiedNas v;
    v.header_type = static_cast<SecurityHeaderType>(t);
    const ByteView mac = r.view(4, "NAS.message_authentication_code");
    const std::size_t sqn_offset = r.offset();
    const std::uint8_t sqn = r.u8("NAS.sequence_number");
    if (r.empty()) r.fail("NAS.message", "no NAS message after the sequence number");
    const ByteView body = r.rest();
    std::copy(mac.begin(), mac.end(), v.received_mac.begin());
    v.count = estimate_nas_count(next_expected, sqn);
    v.expected_mac = nas_mac(ctx.eia(), ctx.k_nas_int(), v.count, direction, pdu.subspan(sqn_offset));
    v.mac_valid = ctx.eia() == IntegrityAlgorithm::eia0 || macs_equal(v.expected_mac.data(), mac.data(), 4);
    if (is_ciphered(v.header_type)) {
      v.message = nas_cipher(ctx.eea(), ctx.k_nas_enc(), v.count, direction, body);
    } else {
      v.message.assign(body.begin(), body.end());
    }
    return v;
  });
}

Result<VerifiedNas> verify(NasSecurityContext& ctx, Direction direction, ByteView pdu) {
  Result<VerifiedNas> r = verify_at(ctx, direction, pdu, ctx.next_count(direction));
  if (r.ok() && r->mac_valid) ctx.set_next_count(direction, r->count + 1);
  return r;
}

void NasContextStore::store(NasSecurityContext ctx) {
  const std::uint8_t k = ctx.ksi();
  contexts_.insert_or_assign(k, std::move(ctx));
}

bool NasContextStore::take_into_use(std::uint8_t ksi) {
  if (contexts_.find(ksi) == contexts_.end()) return false;
  current_ = ksi;
  return true;
}

void NasContextStore::remove(std::uint8_t ksi) {
  contexts_.erase(ksi);
  if (current_ == ksi) current_.reset();
}

NasSecurityContext* NasContextStore::current() { return current_ ? find(*current_) : nullptr; }

NasSecurityContext* NasContextStore::for_header_type(SecurityHeaderType t, std::optional<std::uint8_t> smc_ksi) {
  if (t != SecurityHeaderType::integrity_protected_new_context &&
      t != SecurityHeaderType::integrity_protected_ciphered_new_context)
    return current();
  if (smc_ksi) return find(*smc_ksi);
  NasSecurityContext* only = nullptr;
  for (auto& [ksi, ctx] : contexts_) {
    if (current_ == ksi) continue;
    if (only != nullptr) return nullptr;  // ambiguous without the eKSI
    only = &ctx;
  }
  return only;
}

NasSecurityContext* NasContextStore::find(std::uint8_t ksi) {
  const auto it = contexts_.find(ksi);
  return it == contexts_.end() ? nullptr : &it->second;
}

}  // namespace concur::security
