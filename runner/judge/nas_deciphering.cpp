#include "judge/nas_deciphering.h"

#include <algorithm>
#include <stdexcept>

#include "judge/adapter.h"
#include "security/milenage.h"

namespace concur::judge {
namespace {

nas::Direction nas_direction(security::Direction d) {
  return d == security::Direction::uplink ? nas::Direction::uplink : nas::Direction::downlink;
}

template <std::size_t N>
std::array<std::uint8_t, N> plain_of(const security::SecretKey<N>& k) {
  std::array<std::uint8_t, N> out{};
  std::copy(k.view().begin(), k.view().end(), out.begin());
  return out;
}

constexpr std::size_t kProtectedHeaderOctets = 6;  // octet 1, MAC (2-5), SQN (6): TS 24.301 9.1

}  // namespace

NasDeciphering::NasDeciphering(const KeyMaterial* keys, KasmeSink on_kasme)
    : keys_(keys), on_kasme_(std::move(on_kasme)) {}

std::optional<std::string> NasDeciphering::imsi_for(const UeNasState& ue) const {
  if (ue.imsi) return ue.imsi;
  if (keys_ != nullptr) return keys_->only_imsi();
  return std::nullopt;
}

std::optional<monitor::Key256> NasDeciphering::kasme_for(const UeNasState& ue, monitor::Ksi ksi) const {
  if (auto it = ue.kasme_by_ksi.find(ksi); it != ue.kasme_by_ksi.end()) return it->second;
  if (keys_ == nullptr) return std::nullopt;
  const auto imsi = imsi_for(ue);
  return imsi ? keys_->kasme(*imsi, ksi) : std::nullopt;
}

OpenedNas NasDeciphering::open(UeNasState& ue, ByteView bytes, security::Direction direction) {
  OpenedNas out;
  nas::DecodeOptions options;
  options.direction = nas_direction(direction);
  // Under EEA0 a "ciphered" PDU carries its message in the clear (TS 33.401 5.1.3.2).
  options.assume_null_ciphering = ue.selected_eea == 0 && ue.contexts.current() == nullptr;
  Result<nas::NasPdu> pdu = nas::decode(bytes, options);
  if (!pdu.ok()) {
    out.error = pdu.error();
    return out;
  }
  out.pdu = std::move(*pdu);
  const nas::SecurityHeaderType header = out.pdu->security_header_type;
  if (!out.pdu->inspectable()) decipher(ue, bytes, direction, out);
  if (out.pdu && out.pdu->message) learn(ue, *out.pdu->message, bytes, direction, header, out);
  // Known by its header also when deciphering gave no SECURITY MODE COMPLETE: content that does
  // not decode (out.error), or octets that decode as another message under a MAC that does not
  // verify. Either way the SMC has ended; missing that turns the MME's next ICS into a false R1 fail.
  const bool is_smc_complete =
      out.pdu && out.pdu->message && std::holds_alternative<nas::SecurityModeComplete>(*out.pdu->message);
  if (header == nas::SecurityHeaderType::integrity_protected_ciphered_new_context &&
      direction == security::Direction::uplink && !is_smc_complete) {
    out.smc_complete_by_header = true;
    out.not_inspectable = false;  // what it is, is known; its IEs (IMEISV, ...) matter to no rule
    if (!out.deciphered) out.note.clear();  // a MAC that did not verify stays reported
    if (ue.pending_smc_ksi) ue.contexts.take_into_use(*ue.pending_smc_ksi);
    ue.pending_smc_ksi.reset();
  }
  return out;
}

void NasDeciphering::decipher(UeNasState& ue, ByteView bytes, security::Direction direction, OpenedNas& out) {
  const auto header = static_cast<security::SecurityHeaderType>(out.pdu->security_header_type);
  security::NasSecurityContext* ctx = ue.contexts.for_header_type(header, ue.pending_smc_ksi);
  if (ctx == nullptr) {
    out.not_inspectable = true;
    if (keys_ == nullptr || keys_->empty()) {
      out.note = "ciphered, and no key material was given";
    } else if (!imsi_for(ue)) {
      out.note = "ciphered, and the UE's IMSI is not known (the key file names several subscribers)";
    } else {
      out.note = "ciphered, and no NAS security context is known for it (no KASME for the eKSI of the SMC, "
                 "or the SMC was not captured)";
    }
    return;
  }
  Result<security::VerifiedNas> v = security::verify(*ctx, direction, bytes);
  if (!v.ok()) {
    out.error = v.error();
    return;
  }
  nas::DecodeOptions options;
  options.direction = nas_direction(direction);
  Result<nas::NasMessage> plain = nas::decode_message(view_of(v->message), options);
  if (!plain.ok()) {
    if (!v->mac_valid) {
      out.not_inspectable = true;
      out.note = "ciphered, and its MAC does not verify with the known context (eKSI " +
                 std::to_string(ctx->ksi()) + "): the keys do not match";
      return;
    }
    DecodeError e = plain.error();
    e.offset += kProtectedHeaderOctets;  // offsets in the deciphered message -> offsets in the PDU
    e.field = "deciphered " + e.field;
    out.error = e;
    return;
  }
  out.pdu->message = std::move(*plain);
  out.deciphered = true;
  if (!v->mac_valid) out.note = "deciphered, but its MAC does not verify (eKSI " + std::to_string(ctx->ksi()) + ")";
  if (header == security::SecurityHeaderType::integrity_protected_ciphered_new_context && v->mac_valid) {
    ue.contexts.take_into_use(ctx->ksi());
    ue.pending_smc_ksi.reset();
  }
}

void NasDeciphering::learn(UeNasState& ue, const nas::NasMessage& m, ByteView bytes, security::Direction direction,
                           nas::SecurityHeaderType header, OpenedNas& out) {
  if (auto imsi = nas_imsi(m)) ue.imsi = std::move(imsi);
  if (auto guti = nas_guti(m)) ue.guti = std::move(guti);
  if (const auto* a = std::get_if<nas::AuthenticationRequest>(&m); a && direction == security::Direction::downlink) {
    derive_kasme(ue, *a, out);
  } else if (const auto* smc = std::get_if<nas::SecurityModeCommand>(&m)) {
    prepare_context(ue, *smc, bytes, out);
  } else if (header == nas::SecurityHeaderType::integrity_protected) {
    // Keeps the context's COUNT in step with integrity-only PDUs, for the ciphered ones after them.
    if (security::NasSecurityContext* ctx = ue.contexts.current()) (void)security::verify(*ctx, direction, bytes);
  } else if (std::holds_alternative<nas::SecurityModeReject>(m)) {
    ue.pending_smc_ksi.reset();
  }
}

void NasDeciphering::derive_kasme(UeNasState& ue, const nas::AuthenticationRequest& a, OpenedNas& out) {
  if (keys_ == nullptr || a.nas_ksi.ksi > 6) return;
  const auto imsi = imsi_for(ue);
  const SubscriberKeys* sub = imsi ? keys_->subscriber(*imsi) : nullptr;
  if (sub == nullptr) return;
  if (!ue.serving_network) {
    out.note = "AKA seen, but the serving network is unknown (no TAI reported before it): KASME not derived";
    return;
  }
  // TS 33.401 A.2: KASME = KDF(CK || IK, FC 0x10, SN id, SQN xor AK); SQN xor AK = AUTN[0..5].
  const security::Milenage usim(security::Key128(sub->k), security::Key128(sub->opc));
  const security::Milenage::F2345 f = usim.f2345(a.rand);
  std::array<std::uint8_t, 6> sqn_xor_ak{};
  std::copy_n(a.autn.begin(), 6, sqn_xor_ak.begin());
  const monitor::Key256 kasme = plain_of(security::derive_kasme(f.ck, f.ik, *ue.serving_network, sqn_xor_ak));
  ue.kasme_by_ksi[a.nas_ksi.ksi] = kasme;
  if (on_kasme_) on_kasme_(*imsi, a.nas_ksi.ksi, kasme);
}

void NasDeciphering::prepare_context(UeNasState& ue, const nas::SecurityModeCommand& smc, ByteView bytes,
                                     OpenedNas& out) {
  ue.selected_eea = smc.selected_nas_security_algorithms.ciphering;
  const monitor::Ksi ksi = smc.nas_ksi.ksi;
  if (ksi > 6 || smc.nas_ksi.mapped) return;
  const auto eea = smc.selected_nas_security_algorithms.ciphering;
  const auto eia = smc.selected_nas_security_algorithms.integrity;
  if (eea > 3 || eia > 3) {
    out.note = "SMC selects an algorithm this suite does not implement (EEA" + std::to_string(eea) + "/EIA" +
               std::to_string(eia) + ")";
    return;
  }
  const auto kasme = kasme_for(ue, ksi);
  if (!kasme) return;
  security::NasSecurityContext ctx(ksi, security::Key256(*kasme), static_cast<security::CipheringAlgorithm>(eea),
                                   static_cast<security::IntegrityAlgorithm>(eia));
  // The SMC is the first downlink PDU of the new context (TS 24.301 5.4.3.2): its SQN sets the count.
  Result<security::VerifiedNas> v = security::verify(ctx, security::Direction::downlink, bytes);
  if (v.ok() && !v->mac_valid && eia != 0) {
    out.note = "the MAC of this SECURITY MODE COMMAND does not verify with the KASME for eKSI " +
               std::to_string(ksi) + ": the keys do not match";
  }
  ue.contexts.store(std::move(ctx));
  ue.pending_smc_ksi = ksi;
}

}  // namespace concur::judge
