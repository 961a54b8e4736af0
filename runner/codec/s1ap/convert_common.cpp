#include "codec/s1ap/convert_common.h"

#include <CGI.h>
#include <GBR-QosInformation.h>
#include <TargetRNC-ID.h>
#include <TargeteNB-ID.h>

namespace concur::s1ap::detail {

Cause cause_of(const Cause_t& c, const std::string& path) {
  switch (c.present) {
    case Cause_PR_radioNetwork: return {CauseGroup::radio_network, static_cast<std::uint8_t>(c.choice.radioNetwork)};
    case Cause_PR_transport: return {CauseGroup::transport, static_cast<std::uint8_t>(c.choice.transport)};
    case Cause_PR_nas: return {CauseGroup::nas, static_cast<std::uint8_t>(c.choice.nas)};
    case Cause_PR_protocol: return {CauseGroup::protocol, static_cast<std::uint8_t>(c.choice.protocol)};
    case Cause_PR_misc: return {CauseGroup::misc, static_cast<std::uint8_t>(c.choice.misc)};
    default: fail(path, 0, "Cause alternative unknown to TS 36.413 V17.1.0");
  }
}

void fill(Cause_t& c, const Cause& v) {
  switch (v.group) {
    case CauseGroup::radio_network: c.present = Cause_PR_radioNetwork, c.choice.radioNetwork = v.value; break;
    case CauseGroup::transport: c.present = Cause_PR_transport, c.choice.transport = v.value; break;
    case CauseGroup::nas: c.present = Cause_PR_nas, c.choice.nas = v.value; break;
    case CauseGroup::protocol: c.present = Cause_PR_protocol, c.choice.protocol = v.value; break;
    case CauseGroup::misc: c.present = Cause_PR_misc, c.choice.misc = v.value; break;
  }
}

Tai tai_of(const TAI_t& t, const std::string& path) {
  return {plmn_of(t.pLMNidentity, path + ".pLMNidentity"),
          static_cast<std::uint16_t>(u32_of_octets(t.tAC, path + ".tAC"))};
}
void fill(TAI_t& t, const Tai& v) {
  set_plmn(t.pLMNidentity, v.plmn);
  set_u32_octets(t.tAC, v.tac, 2);
}

Ecgi ecgi_of(const EUTRAN_CGI_t& e, const std::string& path) {
  return {plmn_of(e.pLMNidentity, path + ".pLMNidentity"), static_cast<std::uint32_t>(bits_value(e.cell_ID))};
}
void fill(EUTRAN_CGI_t& e, const Ecgi& v) {
  set_plmn(e.pLMNidentity, v.plmn);
  set_bits(e.cell_ID, v.cell_id, 28);
}

GlobalEnbId global_enb_id_of(const Global_ENB_ID_t& g, const std::string& path) {
  GlobalEnbId out;
  out.plmn = plmn_of(g.pLMNidentity, path + ".pLMNidentity");
  switch (g.eNB_ID.present) {
    case ENB_ID_PR_macroENB_ID: out.kind = EnbIdKind::macro, out.id = bits_value(g.eNB_ID.choice.macroENB_ID); break;
    case ENB_ID_PR_homeENB_ID: out.kind = EnbIdKind::home, out.id = bits_value(g.eNB_ID.choice.homeENB_ID); break;
    case ENB_ID_PR_short_macroENB_ID:
      out.kind = EnbIdKind::short_macro, out.id = bits_value(g.eNB_ID.choice.short_macroENB_ID);
      break;
    case ENB_ID_PR_long_macroENB_ID:
      out.kind = EnbIdKind::long_macro, out.id = bits_value(g.eNB_ID.choice.long_macroENB_ID);
      break;
    default: fail(path + ".eNB-ID", 0, "unknown eNB ID alternative");
  }
  return out;
}
void fill(Global_ENB_ID_t& g, const GlobalEnbId& v) {
  set_plmn(g.pLMNidentity, v.plmn);
  switch (v.kind) {
    case EnbIdKind::macro: g.eNB_ID.present = ENB_ID_PR_macroENB_ID, set_bits(g.eNB_ID.choice.macroENB_ID, v.id, 20); break;
    case EnbIdKind::home: g.eNB_ID.present = ENB_ID_PR_homeENB_ID, set_bits(g.eNB_ID.choice.homeENB_ID, v.id, 28); break;
    case EnbIdKind::short_macro:
      g.eNB_ID.present = ENB_ID_PR_short_macroENB_ID, set_bits(g.eNB_ID.choice.short_macroENB_ID, v.id, 18);
      break;
    case EnbIdKind::long_macro:
      g.eNB_ID.present = ENB_ID_PR_long_macroENB_ID, set_bits(g.eNB_ID.choice.long_macroENB_ID, v.id, 21);
      break;
  }
}

Key256 key256_of(const BIT_STRING_t& b, const std::string& path) {
  if (b.size != 32 || b.bits_unused != 0) fail(path, 0, "a 256-bit key must be 32 whole octets");
  Key256 k{};
  std::copy(b.buf, b.buf + 32, k.begin());
  return k;
}
void fill_key(BIT_STRING_t& b, const Key256& k) { set_bit_octets(b, ByteView(k.data(), k.size())); }

SecurityContext security_context_of(const SecurityContext_t& s, const std::string& path) {
  return {static_cast<std::uint8_t>(s.nextHopChainingCount), key256_of(s.nextHopParameter, path + ".nextHopParameter")};
}
void fill(SecurityContext_t& s, const SecurityContext& v) {
  s.nextHopChainingCount = v.next_hop_chaining_count;
  fill_key(s.nextHopParameter, v.next_hop);
}

namespace {
std::uint16_t first16(const BIT_STRING_t& b) {
  std::uint16_t v = 0;
  if (b.size >= 1) v = static_cast<std::uint16_t>(b.buf[0] << 8);
  if (b.size >= 2) v |= b.buf[1];
  return v;
}
}  // namespace

UeSecurityCapabilities ue_security_capabilities_of(const UESecurityCapabilities_t& u, const std::string&) {
  return {first16(u.encryptionAlgorithms), first16(u.integrityProtectionAlgorithms)};
}
void fill(UESecurityCapabilities_t& u, const UeSecurityCapabilities& v) {
  set_bits(u.encryptionAlgorithms, v.encryption_algorithms, 16);
  set_bits(u.integrityProtectionAlgorithms, v.integrity_algorithms, 16);
}

UeAggregateMaximumBitrate ue_ambr_of(const UEAggregateMaximumBitrate_t& a, const std::string& path) {
  return {integer_value(a.uEaggregateMaximumBitRateDL, path + ".uEaggregateMaximumBitRateDL"),
          integer_value(a.uEaggregateMaximumBitRateUL, path + ".uEaggregateMaximumBitRateUL")};
}
void fill(UEAggregateMaximumBitrate_t& a, const UeAggregateMaximumBitrate& v) {
  set_integer(a.uEaggregateMaximumBitRateDL, v.downlink);
  set_integer(a.uEaggregateMaximumBitRateUL, v.uplink);
}

ERabLevelQos qos_of(const E_RABLevelQoSParameters_t& q, const std::string& path) {
  ERabLevelQos out;
  out.qci = static_cast<std::uint8_t>(q.qCI);
  out.priority_level = static_cast<std::uint8_t>(q.allocationRetentionPriority.priorityLevel);
  out.preemption_capability_may_trigger = q.allocationRetentionPriority.pre_emptionCapability == 1;
  out.preemption_vulnerable = q.allocationRetentionPriority.pre_emptionVulnerability == 1;
  if (q.gbrQosInformation) {
    const auto& g = *q.gbrQosInformation;
    out.gbr = GbrQosInformation{integer_value(g.e_RAB_MaximumBitrateDL, path + ".gbr"),
                                integer_value(g.e_RAB_MaximumBitrateUL, path + ".gbr"),
                                integer_value(g.e_RAB_GuaranteedBitrateDL, path + ".gbr"),
                                integer_value(g.e_RAB_GuaranteedBitrateUL, path + ".gbr")};
  }
  return out;
}
void fill(E_RABLevelQoSParameters_t& q, const ERabLevelQos& v) {
  q.qCI = v.qci;
  q.allocationRetentionPriority.priorityLevel = v.priority_level;
  q.allocationRetentionPriority.pre_emptionCapability = v.preemption_capability_may_trigger ? 1 : 0;
  q.allocationRetentionPriority.pre_emptionVulnerability = v.preemption_vulnerable ? 1 : 0;
  if (v.gbr) {
    q.gbrQosInformation = new_zeroed<GBR_QosInformation_t>();
    set_integer(q.gbrQosInformation->e_RAB_MaximumBitrateDL, v.gbr->max_bitrate_dl);
    set_integer(q.gbrQosInformation->e_RAB_MaximumBitrateUL, v.gbr->max_bitrate_ul);
    set_integer(q.gbrQosInformation->e_RAB_GuaranteedBitrateDL, v.gbr->guaranteed_bitrate_dl);
    set_integer(q.gbrQosInformation->e_RAB_GuaranteedBitrateUL, v.gbr->guaranteed_bitrate_ul);
  }
}

TargetId target_id_of(const TargetID_t& t, const std::string& path) {
  switch (t.present) {
    case TargetID_PR_targeteNB_ID:
      return TargetEnb{global_enb_id_of(t.choice.targeteNB_ID.global_ENB_ID, path + ".global-ENB-ID"),
                       tai_of(t.choice.targeteNB_ID.selected_TAI, path + ".selected-TAI")};
    case TargetID_PR_targetRNC_ID: {
      const auto& r = t.choice.targetRNC_ID;
      TargetRnc out;
      out.lai = {plmn_of(r.lAI.pLMNidentity, path + ".lAI"), static_cast<std::uint16_t>(u32_of_octets(r.lAI.lAC, path))};
      if (r.rAC) out.rac = static_cast<std::uint8_t>(u32_of_octets(*r.rAC, path + ".rAC"));
      out.rnc_id = static_cast<std::uint16_t>(r.rNC_ID);
      if (r.extendedRNC_ID) out.extended_rnc_id = static_cast<std::uint16_t>(*r.extendedRNC_ID);
      return out;
    }
    case TargetID_PR_cGI: {
      const auto& c = t.choice.cGI;
      TargetCgi out;
      out.plmn = plmn_of(c.pLMNidentity, path + ".cGI");
      out.lac = static_cast<std::uint16_t>(u32_of_octets(c.lAC, path + ".lAC"));
      out.ci = static_cast<std::uint16_t>(u32_of_octets(c.cI, path + ".cI"));
      if (c.rAC) out.rac = static_cast<std::uint8_t>(u32_of_octets(*c.rAC, path + ".rAC"));
      return out;
    }
    default:
      return TargetOther{encode_as(asn_DEF_TargetID, &t, path)};
  }
}

bool fill(TargetID_t& t, const TargetId& v) {
  if (const auto* e = std::get_if<TargetEnb>(&v)) {
    t.present = TargetID_PR_targeteNB_ID;
    fill(t.choice.targeteNB_ID.global_ENB_ID, e->global_enb_id);
    fill(t.choice.targeteNB_ID.selected_TAI, e->selected_tai);
    return true;
  }
  if (const auto* r = std::get_if<TargetRnc>(&v)) {
    t.present = TargetID_PR_targetRNC_ID;
    auto& c = t.choice.targetRNC_ID;
    set_plmn(c.lAI.pLMNidentity, r->lai.plmn);
    set_u32_octets(c.lAI.lAC, r->lai.lac, 2);
    if (r->rac) {
      c.rAC = new_zeroed<RAC_t>();
      set_u32_octets(*c.rAC, *r->rac, 1);
    }
    c.rNC_ID = r->rnc_id;
    if (r->extended_rnc_id) {
      c.extendedRNC_ID = new_zeroed<ExtendedRNC_ID_t>();
      *c.extendedRNC_ID = *r->extended_rnc_id;
    }
    return true;
  }
  if (const auto* g = std::get_if<TargetCgi>(&v)) {
    t.present = TargetID_PR_cGI;
    auto& c = t.choice.cGI;
    set_plmn(c.pLMNidentity, g->plmn);
    set_u32_octets(c.lAC, g->lac, 2);
    set_u32_octets(c.cI, g->ci, 2);
    if (g->rac) {
      c.rAC = new_zeroed<RAC_t>();
      set_u32_octets(*c.rAC, *g->rac, 1);
    }
    return true;
  }
  return false;
}

}  // namespace concur::s1ap::detail
