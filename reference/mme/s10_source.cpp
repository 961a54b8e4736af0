// This MME as the SOURCE of a relocation over S10 (inter-MME S1 handover, TS 23.401 5.5.1.2.2) or
// S3 (E-UTRAN -> UTRAN/GERAN, 5.5.2.1.2), with the rules of TS 33.401 7.2.10 that bind it:
//   rule 6  an SMC for a new KASME is ongoing -> the FORWARD RELOCATION REQUEST waits for its end
//   rule 7  a UCM with a new KeNB is ongoing -> the S10 FORWARD RELOCATION REQUEST waits for its end
//   rule 8  after the SMC and before the UCM, the MM Context carries the new NAS context AND the
//           old KASME with its eKSI, NH and NCC (OSCI = 1)
// The waiting request resumes when what blocked it ends, and fails at the rule-wait guard.
#include <algorithm>

#include "mme.h"

namespace concur::reference {

namespace {

using RelocationPhase = OutgoingRelocation::Phase;

gtpv2::Key256 gtp_key(const security::Key256& k) {
  gtpv2::Key256 out{};
  std::copy(k.data(), k.data() + out.size(), out.begin());
  return out;
}

/// The UE's bearers as one PDN connection (Table 7.3.1-2): the tunnel ends the MME gave the eNB at
/// attach (the SGW's S1-U F-TEID with <s11>, placeholders without).
gtpv2::PdnConnection pdn_connection(const UeContext& ue, const gtpv2::Ipv4& local) {
  gtpv2::PdnConnection pdn;
  pdn.apn = {"internet"};
  pdn.ipv4_address = gtpv2::IpAddress{{10, 45, static_cast<std::uint8_t>(ue.mme_ue_s1ap_id >> 8),
                                       static_cast<std::uint8_t>(ue.mme_ue_s1ap_id)}};
  if (ue.s11 && ue.s11->sgw_teid) pdn.ipv4_address = gtpv2::IpAddress{Bytes(ue.s11->ue_ipv4.begin(), ue.s11->ue_ipv4.end())};
  pdn.linked_ebi = 5;
  pdn.pgw_control_fteid = {gtpv2::interface_type::s5s8_pgw_gtpc, 0x100u + ue.mme_ue_s1ap_id, local, std::nullopt};
  for (const auto& e : ue.e_rabs) {
    gtpv2::BearerContext b;
    b.ebi = e.e_rab_id;
    gtpv2::Ipv4 sgw = local;
    if (e.transport_layer_address.size() >= 4) std::copy_n(e.transport_layer_address.begin(), 4, sgw.begin());
    b.fteid_instance0 = gtpv2::FTeid{gtpv2::interface_type::s1u_sgw, e.gtp_teid, sgw, std::nullopt};
    gtpv2::BearerQos q;
    q.qci = e.qos.qci;
    b.qos = q;
    pdn.bearers.push_back(b);
  }
  pdn.apn_ambr = {50'000, 100'000};
  return pdn;
}

}  // namespace

bool ReferenceMme::relocation_required(UeContext& ue, const s1ap::HandoverRequired& m, Clock::time_point now) {
  if (!config_.gtpc) return false;
  std::optional<GtpPeer> peer;
  bool inter_rat = false;
  if (m.handover_type == s1ap::HandoverType::intralte) {
    const auto* target = std::get_if<s1ap::TargetEnb>(&m.target_id);
    if (!target || served(target->selected_tai) || target->selected_tai.plmn != plmn_) return false;
    for (const auto& p : config_.gtpc->peer_mmes)
      if (std::find(p.tacs.begin(), p.tacs.end(), target->selected_tai.tac) != p.tacs.end()) peer = GtpPeer{p.address, p.port};
  } else if (m.handover_type == s1ap::HandoverType::ltetoutran || m.handover_type == s1ap::HandoverType::ltetogeran) {
    peer = sgsn_for(m.target_id);
    inter_rat = true;
  }
  if (!peer) return false;

  const std::string who = "ue " + std::to_string(ue.mme_ue_s1ap_id) + ": ";
  const auto refuse = [&](const std::string& why) {
    log(who + "handover preparation failed: " + why);
    s1ap::HandoverPreparationFailure f;
    f.mme_ue_s1ap_id = ue.mme_ue_s1ap_id;
    f.enb_ue_s1ap_id = m.enb_ue_s1ap_id;
    f.cause = {s1ap::CauseGroup::radio_network, 6};  // ho-failure-in-target-EPC-eNB-or-target-system
    send(ue.s1->enb, f);
    return true;
  };
  if (!ue.keys.connected() || !ue.nas.current()) return refuse("no security context to hand over yet");
  if (ue.handover || ue.relocation) return refuse("a handover is already in preparation");

  if (ue.s10_teid == 0) ue.s10_teid = ue.mme_ue_s1ap_id;
  OutgoingRelocation r;
  r.inter_rat = inter_rat;
  r.peer = *peer;
  r.required = m;
  r.guard = now + config_.timers.rule_wait;
  ue.relocation = std::move(r);
  log(who + (inter_rat ? "inter-RAT handover over S3 to SGSN " : "inter-MME handover over S10 to ") + peer->address +
      ":" + std::to_string(peer->port));
  relocation_may_resume(ue, now);
  return true;
}

void ReferenceMme::relocation_may_resume(UeContext& ue, Clock::time_point now) {
  if (!ue.relocation || ue.relocation->phase != RelocationPhase::waiting) return;
  const std::string who = "ue " + std::to_string(ue.mme_ue_s1ap_id) + ": ";
  const bool smc_ongoing = ue.nas_smc_ongoing();
  // Rule 7 names the inter-MME handover (S10) only.
  const bool ucm_ongoing = ue.as_key_procedure == AsKeyProcedure::ue_context_modification && !ue.relocation->inter_rat;
  if (smc_ongoing) {
    if (!violates("R6")) {
      log(who + "rule R6: FORWARD RELOCATION REQUEST waits for the NAS SMC to end");
      return;
    }
    log(who + "VIOLATION R6: FORWARD RELOCATION REQUEST while the NAS SMC is outstanding");
  }
  if (ucm_ongoing) {
    if (!violates("R7")) {
      log(who + "rule R7: FORWARD RELOCATION REQUEST waits for the UE CONTEXT MODIFICATION to end");
      return;
    }
    log(who + "VIOLATION R7: FORWARD RELOCATION REQUEST while the UE CONTEXT MODIFICATION is outstanding");
  }
  send_forward_relocation_request(ue, now);
}

void ReferenceMme::send_forward_relocation_request(UeContext& ue, Clock::time_point now) {
  OutgoingRelocation& r = *ue.relocation;
  const std::string who = "ue " + std::to_string(ue.mme_ue_s1ap_id) + ": ";
  security::NasSecurityContext& nas = *ue.nas.current();
  gtpv2::ForwardRelocationRequest v;
  v.imsi = gtpv2::Imsi{ue.imsi};
  v.sender_control_fteid = {r.inter_rat ? gtpv2::interface_type::s3_mme : gtpv2::interface_type::s10_mme, ue.s10_teid,
                            gtpc_ipv4_, std::nullopt};
  v.pdn_connections.push_back(pdn_connection(ue, gtpc_ipv4_));
  // The SGW's S11 F-TEID when there is one (the target MME talks to it), else a placeholder.
  v.sgw_control_fteid = ue.s11 && ue.s11->sgw_teid
                            ? gtpv2::FTeid{gtpv2::interface_type::s11s4_sgw, *ue.s11->sgw_teid, ue.s11->sgw_s11_address, std::nullopt}
                            : gtpv2::FTeid{gtpv2::interface_type::s11s4_sgw, 0x200u + ue.mme_ue_s1ap_id, gtpc_ipv4_, std::nullopt};
  const auto plmn = gtpv2::PlmnId::from_digits(config_.mcc, config_.mnc);
  v.s1ap_cause = gtpv2::FCause{static_cast<std::uint8_t>(r.required.cause.group), {r.required.cause.value}};
  v.serving_network = gtpv2::ServingNetwork{plmn};

  if (r.inter_rat) {
    v.mm_context = umts_mm_context(ue);
    const bool geran = r.required.handover_type == s1ap::HandoverType::ltetogeran;
    gtpv2::TargetIdentification t;
    if (const auto* rnc = std::get_if<s1ap::TargetRnc>(&r.required.target_id)) {
      t.target_type = 0;
      t.rnc = gtpv2::TargetRncId{plmn, rnc->lai.lac, rnc->rac.value_or(0), rnc->rnc_id, rnc->extended_rnc_id};
    } else if (const auto* cgi = std::get_if<s1ap::TargetCgi>(&r.required.target_id)) {
      t.target_type = 2;
      t.cell = gtpv2::TargetCellIdentifier{plmn, cgi->lac, cgi->rac.value_or(0), cgi->ci};
    }
    v.target = t;
    if (geran) v.bss_container = gtpv2::FContainer{2, r.required.source_to_target_container};
    else v.utran_container = gtpv2::FContainer{1, r.required.source_to_target_container};
  } else {
    gtpv2::EpsSecurityContext mm;
    mm.ksi_asme = nas.ksi();
    mm.nas_integrity_alg = static_cast<std::uint8_t>(nas.eia());
    mm.nas_cipher_alg = static_cast<std::uint8_t>(nas.eea());
    mm.nas_downlink_count = nas.next_count(security::Direction::downlink) & 0xFFFFFF;
    mm.nas_uplink_count = nas.last_uplink_count() & 0xFFFFFF;
    mm.kasme = gtp_key(nas.kasme());
    mm.common.ue_network_capability = ue.ue_network_capability.octets;
    mm.common.access_restriction = 0;
    // TS 33.401 7.2.8.4.3: the source MME steps the chain AS uses and hands {NH, NCC} over.
    const security::NhNcc next = ue.keys.next_hop();
    const bool window = ue.keys.pending_new_kasme().has_value();
    if (window && !violates("R8")) {
      // Rule 8: the new KASME is the NAS context (no NH of it exists yet); the old KASME travels
      // with its eKSI and the {NH, NCC} of its chain, which the target must keep for AS (rule 9).
      gtpv2::OldEpsSecurityContext old;
      old.ksi_asme = ue.keys.as_chain().eksi();
      old.kasme = gtp_key(ue.keys.as_chain().kasme());
      old.nh = gtp_key(next.nh);
      old.ncc = next.ncc;
      mm.old_context = old;
      log(who + "rule R8: MM Context with the new KASME (eKSI " + std::to_string(nas.ksi()) + ") and the old KASME (eKSI " +
          std::to_string(old.ksi_asme) + ", NCC " + std::to_string(next.ncc) + ")");
    } else {
      if (window) log(who + "VIOLATION R8: MM Context with the new KASME only (OSCI=0) before the UCM");
      mm.next_hop = gtpv2::NextHop{gtp_key(next.nh), next.ncc};
    }
    v.mm_context = mm;
    const auto& target = std::get<s1ap::TargetEnb>(r.required.target_id);
    gtpv2::TargetIdentification t;
    t.target_type = 1;
    t.macro_enb = gtpv2::TargetMacroEnb{plmn, target.global_enb_id.id, target.selected_tai.tac};
    v.target = t;
    v.eutran_container = gtpv2::FContainer{3, r.required.source_to_target_container};
  }
  r.phase = RelocationPhase::requested;
  r.guard = now + config_.timers.s1ap_guard + config_.gtpc->t3_response * (config_.gtpc->n3_requests + 1);
  log(who + "FORWARD RELOCATION REQUEST to " + r.peer.address + " (" + (r.inter_rat ? "S3" : "S10") + ")");
  gtp_request(r.peer, gtpv2::encode(gtpv2::build(v, 0, next_gtp_sequence())));
}

void ReferenceMme::forward_relocation_response(UeContext& ue, const gtpv2::GtpMessage& m, Clock::time_point now) {
  if (!ue.relocation || ue.relocation->phase != RelocationPhase::requested || !ue.s1) return;
  auto v = gtpv2::parse_forward_relocation_response(m);
  if (!v) return relocation_failed(ue, "undecodable FORWARD RELOCATION RESPONSE: " + v.error().to_string(), now);
  if (v->cause.value != 16 && v->cause.value != 17)
    return relocation_failed(ue, "FORWARD RELOCATION RESPONSE with cause " + std::to_string(v->cause.value), now);
  OutgoingRelocation& r = *ue.relocation;
  if (v->sender_control_fteid) r.peer_teid = v->sender_control_fteid->teid;
  s1ap::HandoverCommand c;
  c.mme_ue_s1ap_id = ue.mme_ue_s1ap_id;
  c.enb_ue_s1ap_id = r.required.enb_ue_s1ap_id;
  c.handover_type = r.required.handover_type;
  const std::optional<gtpv2::FContainer>& container =
      !r.inter_rat ? v->eutran_container
                   : (r.required.handover_type == s1ap::HandoverType::ltetogeran ? v->bss_container : v->utran_container);
  if (container) c.target_to_source_container = container->container;
  if (r.inter_rat) {
    // TS 24.301 9.9.2.6: the 4 LSBs of the downlink NAS COUNT CK'/IK' were derived with.
    c.nas_security_parameters_from_eutran = Bytes{static_cast<std::uint8_t>(r.downlink_nas_count & 0x0F)};
  }
  r.phase = RelocationPhase::commanded;
  r.guard = now + config_.timers.rule_wait;
  log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": HANDOVER COMMAND to the source eNB");
  send(ue.s1->enb, c);
}

void ReferenceMme::relocation_failed(UeContext& ue, const std::string& why, Clock::time_point now) {
  log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": relocation failed: " + why);
  if (ue.s1 && ue.relocation) {
    s1ap::HandoverPreparationFailure f;
    f.mme_ue_s1ap_id = ue.mme_ue_s1ap_id;
    f.enb_ue_s1ap_id = ue.relocation->required.enb_ue_s1ap_id;
    f.cause = {s1ap::CauseGroup::radio_network, 6};
    send(ue.s1->enb, f);
  }
  relocation_ended(ue, now);
}

void ReferenceMme::relocation_ended(UeContext& ue, Clock::time_point now) {
  ue.relocation.reset();
  // A UCM held back for the relocation (rule 8 window) goes now, also when the relocation failed
  // or was cancelled after the UCM's own queue guard ran out.
  ue_context_modification_may_resume(ue, now);
}

void ReferenceMme::relocation_cancelled(UeContext& ue, Clock::time_point now) {
  // HANDOVER CANCEL from the source eNB: a request already sent is withdrawn with RELOCATION
  // CANCEL REQUEST (TS 29.274 7.3.16, IMSI), so the target releases what it prepared.
  if (ue.relocation->phase != RelocationPhase::waiting) {
    log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": RELOCATION CANCEL REQUEST to " + ue.relocation->peer.address);
    gtp_request(ue.relocation->peer,
                gtpv2::encode(gtpv2::make_message(gtpv2::MessageType::relocation_cancel_request, ue.relocation->peer_teid.value_or(0),
                                                  next_gtp_sequence(), {gtpv2::make_ie(gtpv2::Imsi{ue.imsi})})));
  }
  relocation_ended(ue, now);
}

void ReferenceMme::expire_relocation_guards(UeContext& ue, Clock::time_point now) {
  if (ue.relocation && now >= ue.relocation->guard) {
    switch (ue.relocation->phase) {
      case RelocationPhase::waiting:
        relocation_failed(ue, "rule wait ended before the SMC / UCM did", now);
        break;
      case RelocationPhase::requested:
        relocation_failed(ue, "no FORWARD RELOCATION RESPONSE (TS1RELOCprep)", now);
        break;
      case RelocationPhase::commanded:
        log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": no FORWARD RELOCATION COMPLETE NOTIFICATION, relocation dropped");
        relocation_ended(ue, now);
        break;
    }
  }
  if (ue.incoming && now >= ue.incoming->guard && !ue.incoming->notified) {
    log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": incoming relocation timed out (TS1RELOCoverall)");
    if (!ue.incoming->target_enb_ue_s1ap_id) {  // the source still waits for our response
      gtpv2::ForwardRelocationResponse r;
      r.cause.value = 81;  // Relocation failure (TS 29.274 Table 8.4-1)
      gtp_reply(ue.incoming->source, gtpv2::encode(gtpv2::build(r, ue.incoming->source_teid, ue.incoming->request_sequence)));
    }
    ue.incoming.reset();
  }
}

}  // namespace concur::reference
