// E-UTRAN -> UTRAN/GERAN PS handover over S3 (TS 23.401 5.5.2.1.2): which SGSN serves the target,
// and the mapped security context it gets (TS 33.401 9.2.1: CK' || IK' from KASME, never KASME
// itself, 6.4). Rule 6 (and the CR on inter-RAT handover) applies: relocation_may_resume() in
// s10_source.cpp holds the request while an SMC is ongoing.
#include "mme.h"
#include "security/kdf.h"

namespace concur::reference {

namespace {

gtpv2::Key128 gtp_key(const security::Key128& k) {
  gtpv2::Key128 out{};
  std::copy(k.data(), k.data() + out.size(), out.begin());
  return out;
}

bool area_matches(const RoutingAreaConfig& a, std::uint16_t lac, std::optional<std::uint8_t> rac,
                  std::optional<std::uint16_t> rnc_id) {
  if (a.lac != lac) return false;
  if (a.rac && rac != a.rac) return false;
  if (a.rnc_id && rnc_id != a.rnc_id) return false;
  return true;
}

}  // namespace

std::optional<GtpPeer> ReferenceMme::sgsn_for(const s1ap::TargetId& target) const {
  if (!config_.gtpc) return std::nullopt;
  for (const auto& sgsn : config_.gtpc->sgsns) {
    for (const auto& area : sgsn.areas) {
      if (const auto* rnc = std::get_if<s1ap::TargetRnc>(&target)) {
        if (rnc->lai.plmn == plmn_ && area_matches(area, rnc->lai.lac, rnc->rac, rnc->rnc_id))
          return GtpPeer{sgsn.address, sgsn.port};
      } else if (const auto* cgi = std::get_if<s1ap::TargetCgi>(&target)) {
        if (cgi->plmn == plmn_ && area_matches(area, cgi->lac, cgi->rac, std::nullopt))
          return GtpPeer{sgsn.address, sgsn.port};
      }
    }
  }
  return std::nullopt;
}

gtpv2::MmContext ReferenceMme::umts_mm_context(UeContext& ue) {
  security::NasSecurityContext& nas = *ue.nas.current();
  // TS 33.401 A.8 (FC 0x16) over the current NAS downlink COUNT; the COUNT then advances as if a
  // NAS message had been sent, so the next mapping never reuses it (PROTOCOL-FACTS §6 item 4).
  const std::uint32_t dl = nas.next_count(security::Direction::downlink);
  const security::CkIkPrime keys = security::derive_ck_ik_handover(nas.kasme(), dl);
  nas.set_next_count(security::Direction::downlink, dl + 1);
  ue.relocation->downlink_nas_count = dl;

  gtpv2::UmtsKeyQuadrupletsQuintuplets mm;
  mm.ksi_asme = nas.ksi();  // the KSI of the mapped UMTS context is the eKSI (33.401 9.2.1)
  mm.ck_prime = gtp_key(keys.ck);
  mm.ik_prime = gtp_key(keys.ik);
  mm.common.ue_network_capability = ue.ue_network_capability.octets;
  mm.common.access_restriction = 0;
  log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": CK'/IK' for the SGSN from eKSI " + std::to_string(nas.ksi()) +
      " and downlink NAS COUNT " + std::to_string(dl) + " (TS 33.401 A.8)");
  return mm;
}

}  // namespace concur::reference
