#include "codec/gtpv2/summary.h"

#include <cstdio>

#include "codec/gtpv2/mobility.h"

namespace concur::gtpv2 {

namespace {
std::string prefix_hex(const Key256& k) { return to_hex(ByteView(k.data(), 4)); }
}  // namespace

GtpSummary summarise(const GtpMessage& m) {
  GtpSummary s;
  s.message = message_name(m);
  s.message_type = m.header.message_type;
  s.teid = m.header.teid;
  s.sequence = m.header.sequence;
  if (const auto* imsi = find<Imsi>(m.ies)) s.imsi = imsi->digits;
  if (const auto* cause = find<Cause>(m.ies)) s.cause = cause->value;
  if (const auto* target = find<TargetIdentification>(m.ies)) s.target_type = target->target_type;
  if (auto mm = find_mm_context(m)) {
    if (const auto* e = std::get_if<EpsSecurityContext>(&*mm)) {
      s.mm_context_security_mode = security_mode::eps_security_context_quadruplets;
      s.ksi = e->ksi_asme;
      if (e->next_hop) {
        s.ncc = e->next_hop->ncc;
        s.nh_prefix = prefix_hex(e->next_hop->nh);
      }
      if (e->old_context) {
        s.osci = true;
        s.old_ksi = e->old_context->ksi_asme;
        if (e->old_context->nh) {
          s.old_ncc = e->old_context->ncc;
          s.old_nh_prefix = prefix_hex(*e->old_context->nh);
        }
      }
    } else if (const auto* u = std::get_if<UmtsKeyQuintuplets>(&*mm)) {
      s.mm_context_security_mode = security_mode::umts_key_quintuplets;
      s.ksi = u->ksi;
    } else if (const auto* q = std::get_if<UmtsKeyQuadrupletsQuintuplets>(&*mm)) {
      s.mm_context_security_mode = security_mode::umts_key_quadruplets_quintuplets;
      s.ksi = q->ksi_asme;
    }
  }
  return s;
}

std::string GtpSummary::to_string() const {
  std::string out = message;
  char buf[32];
  if (teid) {
    std::snprintf(buf, sizeof buf, " teid=0x%08x", *teid);
    out += buf;
  }
  out += " seq=" + std::to_string(sequence);
  if (imsi) out += " imsi=" + *imsi;
  if (cause) out += " cause=" + std::to_string(*cause);
  if (target_type) out += " target_type=" + std::to_string(*target_type);
  if (mm_context_security_mode) out += " mm_security_mode=" + std::to_string(*mm_context_security_mode);
  if (ksi) out += " ksi=" + std::to_string(*ksi);
  if (ncc) out += " ncc=" + std::to_string(*ncc);
  if (nh_prefix) out += " nh=" + *nh_prefix + "…";
  if (mm_context_security_mode == security_mode::eps_security_context_quadruplets) out += osci ? " osci=1" : " osci=0";
  if (old_ksi) out += " old_ksi=" + std::to_string(*old_ksi);
  if (old_ncc) out += " old_ncc=" + std::to_string(*old_ncc);
  if (old_nh_prefix) out += " old_nh=" + *old_nh_prefix + "…";
  return out;
}

}  // namespace concur::gtpv2
