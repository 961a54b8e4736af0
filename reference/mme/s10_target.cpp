// This MME as the TARGET of an inter-MME S1 handover over S10 (TS 23.401 5.5.1.2.2), and rule 9 of
// TS 33.401 7.2.10: when the FORWARD RELOCATION REQUEST carries the new NAS context AND the old
// KASME with its {NH, NCC}, NAS uses the new KASME at once, but HANDOVER REQUEST (and any PATH
// SWITCH REQUEST ACKNOWLEDGE) keep the old KASME's chain until a UE CONTEXT MODIFICATION took a
// KeNB of the new KASME into use; the MME starts that UCM once the UE has arrived.
#include "mme.h"

namespace concur::reference {

namespace {

security::Key256 sec_key(const gtpv2::Key256& k) { return security::Key256(k); }

s1ap::Key256 s1ap_key(const security::Key256& k) {
  s1ap::Key256 out{};
  std::copy(k.data(), k.data() + out.size(), out.begin());
  return out;
}

Bytes relocation_response_bytes(std::uint32_t teid, std::uint32_t sequence, std::uint8_t cause,
                                  std::optional<gtpv2::FTeid> sender = std::nullopt,
                                  std::optional<gtpv2::FContainer> container = std::nullopt) {
  gtpv2::ForwardRelocationResponse r;
  r.cause.value = cause;
  r.sender_control_fteid = sender;
  r.eutran_container = container;
  return gtpv2::encode(gtpv2::build(r, teid, sequence));
}

}  // namespace

void ReferenceMme::incoming_forward_relocation(const GtpPeer& peer, const gtpv2::GtpMessage& m, Clock::time_point now) {
  constexpr std::uint8_t relocation_failure = 81, mandatory_ie_incorrect = 69, service_not_supported = 68;
  const std::uint32_t sequence = m.header.sequence;
  auto parsed = gtpv2::parse_forward_relocation_request(m);
  if (!parsed) {
    log("FORWARD RELOCATION REQUEST refused: " + parsed.error().to_string());
    gtp_reply(peer, relocation_response_bytes(0, sequence, mandatory_ie_incorrect));
    return;
  }
  const gtpv2::ForwardRelocationRequest& v = *parsed;
  const std::uint32_t source_teid = v.sender_control_fteid.teid;
  const auto refuse = [&](std::uint8_t cause, const std::string& why) {
    log("FORWARD RELOCATION REQUEST refused (cause " + std::to_string(cause) + "): " + why);
    gtp_reply(peer, relocation_response_bytes(source_teid, sequence, cause));
  };
  const auto* eps = std::get_if<gtpv2::EpsSecurityContext>(&v.mm_context);
  if (!eps) return refuse(service_not_supported, "only an EPS security context (MM Context type 107) is accepted on S10");
  if (!v.imsi || v.imsi->digits.empty()) return refuse(mandatory_ie_incorrect, "no IMSI");
  if (!v.target || !v.target->macro_enb) return refuse(relocation_failure, "target is not a macro eNB");
  s1ap::GlobalEnbId target_id{plmn_, s1ap::EnbIdKind::macro, v.target->macro_enb->enb_id};
  const auto target_enb = enb_by_id(target_id);
  if (!target_enb) return refuse(relocation_failure, "target eNB " + std::to_string(target_id.id) + " is not connected");
  const bool both_contexts = eps->old_context && eps->old_context->nh;
  if (!both_contexts && !eps->next_hop) return refuse(mandatory_ie_incorrect, "MM Context without {NH, NCC} (NHI = 0)");
  // HANDOVER REQUEST needs at least one E-RAB with an S1-U tunnel end (TS 36.413 9.1.5.4).
  std::size_t bearers = 0;
  for (const auto& pdn : v.pdn_connections) {
    for (const auto& b : pdn.bearers) {
      if (b.ebi > 15 || !b.fteid_instance0 || !b.fteid_instance0->ipv4)
        return refuse(mandatory_ie_incorrect, "Bearer Context EBI " + std::to_string(b.ebi) + " without a valid S1-U SGW F-TEID");
      ++bearers;
    }
  }
  if (bearers == 0) return refuse(mandatory_ie_incorrect, "no PDN Connection with a Bearer Context");

  auto owned = std::make_unique<UeContext>();
  UeContext& ue = *owned;
  ue.mme_ue_s1ap_id = next_mme_ue_s1ap_id_++;
  ue.s10_teid = ue.mme_ue_s1ap_id;
  ue.imsi = v.imsi->digits;
  ue.registered = true;
  ue.tai = {plmn_, v.target->macro_enb->tac};
  ue.ue_network_capability.octets = eps->common.ue_network_capability;
  ue.next_eksi = static_cast<std::uint8_t>((eps->ksi_asme + 1) % 7);
  // NAS continues on the context received: the new KASME when both came (rule 9).
  security::NasSecurityContext nas(eps->ksi_asme, sec_key(eps->kasme), static_cast<security::CipheringAlgorithm>(eps->nas_cipher_alg),
                                   static_cast<security::IntegrityAlgorithm>(eps->nas_integrity_alg));
  nas.set_next_count(security::Direction::downlink, eps->nas_downlink_count);
  nas.set_next_count(security::Direction::uplink, eps->nas_uplink_count + 1);
  ue.nas.store(nas);
  ue.nas.take_into_use(eps->ksi_asme);
  for (const auto& pdn : v.pdn_connections) {
    for (const auto& b : pdn.bearers) {
      s1ap::ERabToBeSetup e;
      e.e_rab_id = b.ebi;
      if (b.qos) e.qos.qci = b.qos->qci;
      if (b.fteid_instance0 && b.fteid_instance0->ipv4) {
        e.transport_layer_address.assign(b.fteid_instance0->ipv4->begin(), b.fteid_instance0->ipv4->end());
        e.gtp_teid = b.fteid_instance0->teid;
      }
      ue.e_rabs.push_back(e);
    }
  }

  s1ap::SecurityContext as;
  const std::string who = "ue " + std::to_string(ue.mme_ue_s1ap_id) + ": ";
  if (both_contexts) {
    const auto& old = *eps->old_context;
    ue.keys.handed_over(old.ksi_asme, sec_key(old.kasme), old.ncc, sec_key(*old.nh));
    ue.keys.new_kasme_in_nas(eps->ksi_asme, sec_key(eps->kasme));
    ue.ucm_uplink_nas_count = eps->nas_uplink_count;
    ue.ucm_owed = true;
    if (!violates("R9")) {
      as = {old.ncc, *old.nh};
      log(who + "rule R9: new KASME (eKSI " + std::to_string(eps->ksi_asme) + ") for NAS, HANDOVER REQUEST with the OLD KASME's NCC " +
          std::to_string(old.ncc));
    } else {
      // The faulty variant: AS moves to the new KASME at once, as if it had been set up afresh
      // (KeNB at NCC 0) and handed over once: NCC 2 of the new chain.
      security::KasmeChain fresh(eps->ksi_asme, sec_key(eps->kasme), eps->nas_uplink_count);
      as = {2, s1ap_key(fresh.at_step(2))};
      log(who + "VIOLATION R9: HANDOVER REQUEST with NCC 2 of the NEW KASME's chain");
    }
  } else {
    ue.keys.handed_over(eps->ksi_asme, sec_key(eps->kasme), eps->next_hop->ncc, sec_key(eps->next_hop->nh));
    as = {eps->next_hop->ncc, eps->next_hop->nh};
  }

  IncomingRelocation in;
  in.source = peer;
  in.source_teid = source_teid;
  in.request_sequence = sequence;
  in.target_enb = *target_enb;
  in.guard = now + config_.timers.rule_wait;
  ue.incoming = in;

  s1ap::HandoverRequest r;
  r.mme_ue_s1ap_id = ue.mme_ue_s1ap_id;
  r.handover_type = s1ap::HandoverType::intralte;
  r.cause = {s1ap::CauseGroup::radio_network, 16};
  if (v.s1ap_cause && v.s1ap_cause->cause_type <= 4 && !v.s1ap_cause->cause_value.empty())
    r.cause = {static_cast<s1ap::CauseGroup>(v.s1ap_cause->cause_type), v.s1ap_cause->cause_value[0]};
  r.ue_ambr = {100'000'000, 50'000'000};
  r.e_rabs = ue.e_rabs;
  if (v.eutran_container) r.source_to_target_container = v.eutran_container->container;
  r.ue_security_capabilities = {static_cast<std::uint16_t>((ue.ue_network_capability.eea() & 0x70) << 9),
                                static_cast<std::uint16_t>((ue.ue_network_capability.eia() & 0x70) << 9)};
  r.security_context = as;
  log(who + "inbound S10 relocation of IMSI " + ue.imsi + ": HANDOVER REQUEST to eNB " + std::to_string(*target_enb));
  if (!s1ap::encode(r)) {
    // A value the source sent that S1AP cannot carry (e.g. an F-Cause outside the S1AP ranges):
    // fall back to handover-desirable-for-radio-reason, else refuse rather than send garbage.
    r.cause = {s1ap::CauseGroup::radio_network, 16};
    if (auto again = s1ap::encode(r); !again)
      return refuse(mandatory_ie_incorrect, "no encodable HANDOVER REQUEST: " + again.error().to_string());
  }
  const std::size_t enb = *target_enb;
  ues_.emplace(ue.mme_ue_s1ap_id, std::move(owned));
  send(enb, r);
}

bool ReferenceMme::incoming_handover_acknowledged(std::size_t enb, const s1ap::HandoverRequestAcknowledge& m) {
  const auto it = ues_.find(m.mme_ue_s1ap_id);
  if (it == ues_.end() || !it->second->incoming || it->second->incoming->target_enb != enb) return false;
  UeContext& ue = *it->second;
  ue.incoming->target_enb_ue_s1ap_id = m.enb_ue_s1ap_id;
  const gtpv2::FTeid own{gtpv2::interface_type::s10_mme, ue.s10_teid, gtpc_ipv4_, std::nullopt};
  log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": FORWARD RELOCATION RESPONSE (accepted) to the source MME");
  gtp_reply(ue.incoming->source, relocation_response_bytes(ue.incoming->source_teid, ue.incoming->request_sequence, 16,
                                                              own, gtpv2::FContainer{3, m.target_to_source_container}));
  return true;
}

bool ReferenceMme::incoming_handover_failed(std::size_t enb, const s1ap::HandoverFailure& m) {
  const auto it = ues_.find(m.mme_ue_s1ap_id);
  if (it == ues_.end() || !it->second->incoming || it->second->incoming->target_enb != enb) return false;
  UeContext& ue = *it->second;
  log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": target eNB refused the handover; relocation failure to the source");
  gtp_reply(ue.incoming->source, relocation_response_bytes(ue.incoming->source_teid, ue.incoming->request_sequence, 81));
  ues_.erase(it);
  return true;
}

bool ReferenceMme::incoming_handover_notified(std::size_t enb, const s1ap::HandoverNotify& m, Clock::time_point now) {
  const auto it = ues_.find(m.mme_ue_s1ap_id);
  if (it == ues_.end() || !it->second->incoming || it->second->incoming->target_enb != enb ||
      it->second->incoming->target_enb_ue_s1ap_id != m.enb_ue_s1ap_id)
    return false;
  UeContext& ue = *it->second;
  ue.s1 = S1Leg{enb, m.enb_ue_s1ap_id};
  ue.ecgi = m.eutran_cgi;
  ue.tai = m.tai;
  ue.incoming->notified = true;
  log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": UE arrived; FORWARD RELOCATION COMPLETE NOTIFICATION to the source MME");
  gtp_request(ue.incoming->source, gtpv2::encode(gtpv2::make_message(gtpv2::MessageType::forward_relocation_complete_notification,
                                                                     ue.incoming->source_teid, next_gtp_sequence())));
  // Rule 9 window: the new KASME is waiting for AS; the UCM takes a KeNB of it into use.
  if (ue.ucm_owed) request_ue_context_modification(ue, now);
  return true;
}

void ReferenceMme::incoming_relocation_cancelled(const GtpPeer& peer, const gtpv2::GtpMessage& m) {
  // RELOCATION CANCEL REQUEST (TS 29.274 7.3.16) names the UE by IMSI; what the target eNB
  // prepared is released (TS 23.401 5.5.1.2.2 / 8.4.5 of TS 36.413).
  const auto* imsi = gtpv2::find<gtpv2::Imsi>(m.ies);
  UeContext* ue = nullptr;
  for (auto& [id, u] : ues_)
    if (imsi && u->incoming && u->imsi == imsi->digits && u->incoming->source == peer) ue = u.get();
  gtpv2::Cause c;
  c.value = ue ? 16 : 64;  // Request accepted / Context Not Found
  gtp_reply(peer, gtpv2::encode(gtpv2::make_message(gtpv2::MessageType::relocation_cancel_response,
                                                    ue ? ue->incoming->source_teid : 0, m.header.sequence, {gtpv2::make_ie(c)})));
  if (!ue) return;
  log("ue " + std::to_string(ue->mme_ue_s1ap_id) + ": relocation cancelled by the source MME");
  if (ue->incoming->target_enb_ue_s1ap_id) {
    s1ap::UeContextReleaseCommand r;
    r.mme_ue_s1ap_id = ue->mme_ue_s1ap_id;
    r.enb_ue_s1ap_id = *ue->incoming->target_enb_ue_s1ap_id;
    r.cause = {s1ap::CauseGroup::radio_network, 4};  // handover-cancelled
    send(ue->incoming->target_enb, r);
  }
  ue->incoming.reset();
  ue->detaching = true;  // the context goes with the release (or stays idle and unused)
}

void ReferenceMme::incoming_complete_acknowledged(UeContext& ue, const gtpv2::GtpMessage& m) {
  const auto* c = gtpv2::find<gtpv2::Cause>(m.ies);
  log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": FORWARD RELOCATION COMPLETE ACKNOWLEDGE cause " +
      (c ? std::to_string(c->value) : std::string("missing")));
  ue.incoming.reset();
}

}  // namespace concur::reference
