// GTPv2-C messages -> monitor events: the S10/S3 relocation of an inter-MME or inter-RAT handover
// (TS 33.401 7.2.10 rules 6-9). One function per message type; the MM Context IE (TS 29.274 8.38)
// becomes the monitor's EpsMmContext / UmtsMmContext.
#include "codec/gtpv2/ie_values.h"
#include "codec/gtpv2/mobility.h"
#include "judge/adapter.h"

namespace concur::judge {
namespace {

using monitor::EventBody;

bool is_s3_interface(std::uint8_t t) {
  namespace it = gtpv2::interface_type;
  return t == it::s3_mme || t == it::s3_sgsn || t == it::s4_sgsn || t == it::s16_sgsn;
}

monitor::EpsMmContext eps_context_of(const gtpv2::EpsSecurityContext& c) {
  monitor::EpsMmContext mm;
  mm.ksi_asme = c.ksi_asme;
  mm.kasme = c.kasme;
  mm.nas_algorithms = monitor::NasAlgorithms{c.nas_cipher_alg, c.nas_integrity_alg};
  mm.nas_downlink_count = c.nas_downlink_count;
  mm.nas_uplink_count = c.nas_uplink_count;
  if (c.next_hop) mm.nh_ncc = monitor::NhNcc{c.next_hop->ncc, c.next_hop->nh};
  if (c.old_context) {
    monitor::OldEpsSecurityContext old;
    old.old_ksi_asme = c.old_context->ksi_asme;
    old.old_kasme = c.old_context->kasme;
    // NHI_old = 0: the old NCC octet is there but means nothing (TS 29.274 8.38).
    if (c.old_context->nh) old.old_nh_ncc = monitor::NhNcc{c.old_context->ncc, *c.old_context->nh};
    mm.old_context = old;
  }
  return mm;
}

void forward_relocation_request(const gtpv2::GtpMessage& m, GtpFacts& f) {
  const std::optional<gtpv2::MmContext> mm = gtpv2::find_mm_context(m);
  if (!mm) {
    f.error = DecodeError{"Forward Relocation Request/MM Context", 0,
                          "mandatory MM Context IE (type 106/107/108) missing or not decodable"};
    return;
  }
  monitor::ForwardRelocationRequest r;
  if (const auto* eps = std::get_if<gtpv2::EpsSecurityContext>(&*mm)) {
    r.interface = monitor::GtpInterface::s10;
    r.eps = eps_context_of(*eps);
  } else if (const auto* q = std::get_if<gtpv2::UmtsKeyQuadrupletsQuintuplets>(&*mm)) {
    r.interface = monitor::GtpInterface::s3;
    r.umts = monitor::UmtsMmContext{q->ksi_asme, q->ck_prime, q->ik_prime};
  } else {
    const auto& u = std::get<gtpv2::UmtsKeyQuintuplets>(*mm);
    r.interface = monitor::GtpInterface::s3;
    r.umts = monitor::UmtsMmContext{u.ksi, u.ck, u.ik};
  }
  f.s3 = f.s3 || r.interface == monitor::GtpInterface::s3;
  f.body = std::move(r);
}

void forward_relocation_response(const gtpv2::GtpMessage& m, GtpFacts& f) {
  const auto* cause = gtpv2::find<gtpv2::Cause>(m.ies);
  if (!cause) {
    f.error = DecodeError{"Forward Relocation Response/Cause", 0, "mandatory Cause IE missing"};
    return;
  }
  f.body = monitor::ForwardRelocationResponse{cause->value};
}

void forward_relocation_complete_notification(const gtpv2::GtpMessage&, GtpFacts& f) {
  f.body = monitor::ForwardRelocationCompleteNotification{};
}

void forward_relocation_complete_acknowledge(const gtpv2::GtpMessage&, GtpFacts& f) {
  f.body = monitor::ForwardRelocationCompleteAcknowledge{};
}

}  // namespace

GtpFacts gtp_facts(const gtpv2::GtpMessage& m) {
  GtpFacts f;
  f.ids.teid = m.header.teid.value_or(0);
  f.ids.sequence = m.header.sequence;
  if (const auto* sender = gtpv2::find<gtpv2::FTeid>(m.ies, 0)) {
    f.ids.sender_cp_teid = sender->teid;
    f.s3 = is_s3_interface(sender->interface_type);
  }
  if (const auto* imsi = gtpv2::find<gtpv2::Imsi>(m.ies)) f.imsi = imsi->digits;
  switch (m.type()) {
    case gtpv2::MessageType::forward_relocation_request: forward_relocation_request(m, f); break;
    case gtpv2::MessageType::forward_relocation_response: forward_relocation_response(m, f); break;
    case gtpv2::MessageType::forward_relocation_complete_notification:
      forward_relocation_complete_notification(m, f);
      break;
    case gtpv2::MessageType::forward_relocation_complete_acknowledge:
      forward_relocation_complete_acknowledge(m, f);
      break;
    default: break;  // S11, echo, context transfer: not what the rules speak about
  }
  return f;
}

}  // namespace concur::judge
