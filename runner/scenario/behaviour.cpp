// What the emulated nodes do on their own, as real ones would (TS 36.413, TS 24.301): every
// arriving message becomes an Arrival the steps can match, and the role answers it unless a step
// held the answer back or asked for a different one. The UE's key view follows every AS key
// event here, so `nh-from` says which KASME's chain an {NCC, NH} comes from.
#include <sstream>

#include "scenario/case_run.h"
#include "scenario/handover_containers.h"
#include "scenario/message_names.h"
#include "scenario/nh_origin.h"

namespace concur::scenario::detail {
namespace {

std::string security_context_text(const s1ap::SecurityContext& sc, const std::string& nh_text, const std::string& from) {
  return "NCC " + std::to_string(sc.next_hop_chaining_count) + ", NH " + nh_text + " (" + from + ")";
}

std::string nh_from(const UeSlot* ue, const s1ap::SecurityContext& sc) {
  return nh_origin(ue ? ue->ue.get() : nullptr, sc.next_hop_chaining_count, security::Key256(sc.next_hop));
}

}  // namespace

void CaseRun::fields_of(std::size_t enb_index, const s1ap::S1apMessage& m, Arrival& a) {
  if (const auto* r = std::get_if<s1ap::HandoverRequest>(&m)) {
    const UeSlot* ue = ue_for_handover_request(enb_index, r->mme_ue_s1ap_id);
    a.fields["ncc"] = std::to_string(r->security_context.next_hop_chaining_count);
    a.fields["nh-from"] = nh_from(ue, r->security_context);
    a.summary += " " + security_context_text(r->security_context, key_text(r->security_context.next_hop), a.fields["nh-from"]);
  } else if (const auto* p = std::get_if<s1ap::PathSwitchRequestAcknowledge>(&m)) {
    const UeSlot* ue = ue_by_mme_id(p->mme_ue_s1ap_id);
    a.fields["ncc"] = std::to_string(p->security_context.next_hop_chaining_count);
    a.fields["nh-from"] = nh_from(ue, p->security_context);
    a.summary += " " + security_context_text(p->security_context, key_text(p->security_context.next_hop), a.fields["nh-from"]);
  } else if (const auto* u = std::get_if<s1ap::UeContextModificationRequest>(&m)) {
    a.fields["security-key"] = u->security_key ? "present" : "absent";
    if (u->security_key) a.summary += " with SecurityKey " + key_text(*u->security_key);
  } else if (const auto* i = std::get_if<s1ap::InitialContextSetupRequest>(&m)) {
    a.fields["security-key"] = "present";
    a.summary += " with SecurityKey " + key_text(i->security_key);
    // After a SERVICE REQUEST: KDF(the KASME NAS uses, its uplink COUNT) (TS 33.401 7.2.9.2, A.3).
    const UeSlot* ue = ue_by_leg(enb_index, i->enb_ue_s1ap_id);
    const auto& expected = ue ? ue->ue->service_request_kenb() : std::optional<security::Key256>{};
    a.fields["kenb-from"] = !expected ? "unknown" : *expected == security::Key256(i->security_key) ? "nas-kasme" : "other";
  }
}

void CaseRun::on_s1ap(std::size_t enb_index, s1ap::S1apMessage& m) {
  EnbSlot& enb = enbs[enb_index];
  if (const auto* r = std::get_if<s1ap::HandoverRequest>(&m)) bind_arriving_ue(enb_index, *r);
  Arrival a;
  a.role = enb.name;
  a.name = s1ap_name(m);
  a.summary = a.name;
  fields_of(enb_index, m, a);
  add_arrival(std::move(a));

  if (auto* dl = std::get_if<s1ap::DownlinkNasTransport>(&m)) {
    UeSlot* ue = ue_by_leg(enb_index, dl->enb_ue_s1ap_id);
    if (!ue) return note(enb.name, TimelineEntry::Kind::note, "DOWNLINK NAS TRANSPORT for an eNB UE S1AP ID no UE of the case has");
    ue->mme_ue_s1ap_id = dl->mme_ue_s1ap_id;
    auto nas_message = ue->ue->read_downlink(view_of(dl->nas_pdu));
    if (auto* error = std::get_if<roles::RoleError>(&nas_message))
      return set_outcome(Verdict::fail, "UE " + ue->name + ": " + error->reason);
    on_nas(*ue, std::get<nas::NasMessage>(nas_message));
  } else if (auto* ics = std::get_if<s1ap::InitialContextSetupRequest>(&m)) {
    UeSlot* ue = ue_by_leg(enb_index, ics->enb_ue_s1ap_id);
    if (!ue) return;
    ue->mme_ue_s1ap_id = ics->mme_ue_s1ap_id;
    std::optional<nas::NasMessage> carried;
    for (const auto& erab : ics->e_rabs) {
      if (!erab.nas_pdu) continue;
      auto r = ue->ue->read_downlink(view_of(*erab.nas_pdu));
      if (auto* error = std::get_if<roles::RoleError>(&r)) return set_outcome(Verdict::fail, "UE " + ue->name + ": " + error->reason);
      carried = std::get<nas::NasMessage>(r);
    }
    ue->ue->as_security_started();  // the eNB hands the KeNB to the UE's RRC (AS SMC)
    const std::uint32_t mme_id = ics->mme_ue_s1ap_id, enb_id = ics->enb_ue_s1ap_id;
    if (auto with = answer_override(enb.name, "InitialContextSetupRequest")) {
      s1ap::InitialContextSetupFailure f;
      f.mme_ue_s1ap_id = mme_id;
      f.enb_ue_s1ap_id = enb_id;
      f.cause = {s1ap::CauseGroup::radio_network, 0};  // unspecified
      emit({enb.name, "InitialContextSetupFailure", "InitialContextSetupFailure", [this, enb_index, f] { return send_s1ap(enb_index, f); }});
    } else {
      s1ap::InitialContextSetupResponse r;
      r.mme_ue_s1ap_id = mme_id;
      r.enb_ue_s1ap_id = enb_id;
      for (const auto& erab : ics->e_rabs) r.e_rabs_setup.push_back({erab.e_rab_id, {127, 0, 0, 10}, 0x5000 + enb_id});
      emit({enb.name, "InitialContextSetupResponse", "InitialContextSetupResponse", [this, enb_index, r] { return send_s1ap(enb_index, r); }});
    }
    if (carried) on_nas(*ue, *carried);
  } else if (auto* ucm = std::get_if<s1ap::UeContextModificationRequest>(&m)) {
    UeSlot* ue = ue_by_leg(enb_index, ucm->enb_ue_s1ap_id);
    const std::uint32_t mme_id = ucm->mme_ue_s1ap_id, enb_id = ucm->enb_ue_s1ap_id;
    if (auto with = answer_override(enb.name, "UEContextModificationRequest")) {
      s1ap::UeContextModificationFailure f;
      f.mme_ue_s1ap_id = mme_id;
      f.enb_ue_s1ap_id = enb_id;
      f.cause = {s1ap::CauseGroup::radio_network, 0};
      emit({enb.name, "UEContextModificationFailure", "UEContextModificationFailure", [this, enb_index, f] { return send_s1ap(enb_index, f); }});
    } else {
      s1ap::UeContextModificationResponse r;
      r.mme_ue_s1ap_id = mme_id;
      r.enb_ue_s1ap_id = enb_id;
      const bool new_key = ucm->security_key.has_value();
      // The UE takes the new KeNB into use when the eNB does, i.e. when the response goes out.
      emit({enb.name, "UEContextModificationResponse", "UEContextModificationResponse", [this, enb_index, r, ue, new_key] {
              if (ue && new_key) ue->ue->new_kasme_taken_into_use();
              return send_s1ap(enb_index, r);
            }});
    }
  } else if (auto* rel = std::get_if<s1ap::UeContextReleaseCommand>(&m)) {
    UeSlot* ue = ue_by_mme_id(rel->mme_ue_s1ap_id);
    s1ap::UeContextReleaseComplete c;
    c.mme_ue_s1ap_id = rel->mme_ue_s1ap_id;
    c.enb_ue_s1ap_id = rel->enb_ue_s1ap_id.value_or(0);
    if (ue && ue->leg && ue->leg->enb == enb_index && (!rel->enb_ue_s1ap_id || *rel->enb_ue_s1ap_id == ue->leg->enb_ue_s1ap_id)) {
      c.enb_ue_s1ap_id = ue->leg->enb_ue_s1ap_id;
      ue->leg.reset();
      ue->release_seen = true;
      ue->ue->connection_released();  // the next ICS starts a new NH chain (TS 33.401 7.2.9.1)
    }
    emit({enb.name, "UEContextReleaseComplete", "UEContextReleaseComplete", [this, enb_index, c] { return send_s1ap(enb_index, c); }});
  } else if (auto* ho = std::get_if<s1ap::HandoverRequest>(&m)) {
    UeSlot* ue = ue_for_handover_request(enb_index, ho->mme_ue_s1ap_id);
    const std::uint32_t mme_id = ho->mme_ue_s1ap_id;
    if (ue) ue->target_mme_ue_s1ap_id = mme_id;
    if (auto with = answer_override(enb.name, "HandoverRequest")) {
      s1ap::HandoverFailure f;
      f.mme_ue_s1ap_id = mme_id;
      f.cause = {s1ap::CauseGroup::radio_network, 0};
      emit({enb.name, "HandoverFailure", "HandoverFailure", [this, enb_index, f] { return send_s1ap(enb_index, f); }});
      return;
    }
    s1ap::HandoverRequestAcknowledge ack;
    ack.mme_ue_s1ap_id = mme_id;
    ack.enb_ue_s1ap_id = enb.next_enb_ue_s1ap_id++;
    for (const auto& erab : ho->e_rabs) ack.e_rabs_admitted.push_back({erab.e_rab_id, {127, 0, 0, 20}, 0x7100 + ack.enb_ue_s1ap_id, {}, {}, {}, {}});
    ack.target_to_source_container = target_to_source_container();
    if (ue) ue->target_leg = UeLeg{enb_index, ack.enb_ue_s1ap_id};
    emit({enb.name, "HandoverRequestAcknowledge", "HandoverRequestAcknowledge", [this, enb_index, ack] { return send_s1ap(enb_index, ack); }});
  }
}

void CaseRun::on_nas(UeSlot& ue, const nas::NasMessage& m) {
  Arrival a;
  a.role = ue.name;
  a.name = nas_name(m);
  a.summary = a.name;
  if (const auto* smc = std::get_if<nas::SecurityModeCommand>(&m)) {
    const auto before = ue.ue->nas_eksi();
    a.fields["eksi-changed"] = before && *before != smc->nas_ksi.ksi ? "true" : "false";
    a.summary += " (eKSI " + std::to_string(smc->nas_ksi.ksi) + ")";
  }
  add_arrival(std::move(a));

  UeSlot* self = &ue;
  if (const auto* auth = std::get_if<nas::AuthenticationRequest>(&m)) {
    auto r = ue.ue->answer_authentication(*auth);
    if (auto* error = std::get_if<roles::RoleError>(&r)) return set_outcome(Verdict::fail, "UE " + ue.name + ": " + error->reason);
    const Bytes pdu = std::get<Bytes>(r);
    // A USIM that rejects AUTN answers with a plain AUTHENTICATION FAILURE (PD 7, type 0x5C).
    const bool failure = pdu.size() >= 2 && pdu[0] == 0x07 && pdu[1] == 0x5C;
    emit({ue.name, failure ? "AuthenticationFailure" : "AuthenticationResponse",
          std::string("UplinkNASTransport(") + (failure ? "AuthenticationFailure" : "AuthenticationResponse") + ")",
          [this, self, pdu] { return send_uplink_nas(*self, pdu); }});
  } else if (const auto* smc = std::get_if<nas::SecurityModeCommand>(&m)) {
    if (answer_override(ue.name, "SecurityModeCommand")) {
      const Bytes pdu = ue.ue->reject_security_mode_command(*smc, 24);  // #24 security mode rejected, unspecified
      emit({ue.name, "SecurityModeReject", "UplinkNASTransport(SecurityModeReject)", [this, self, pdu] { return send_uplink_nas(*self, pdu); }});
      return;
    }
    auto r = ue.ue->answer_security_mode_command(*smc);
    if (auto* error = std::get_if<roles::RoleError>(&r)) return set_outcome(Verdict::fail, "UE " + ue.name + ": " + error->reason);
    const Bytes pdu = std::get<Bytes>(r);
    emit({ue.name, "SecurityModeComplete", "UplinkNASTransport(SecurityModeComplete)", [this, self, pdu] { return send_uplink_nas(*self, pdu); }});
  } else if (std::holds_alternative<nas::IdentityRequest>(m)) {
    nas::IdentityResponse r;
    r.mobile_identity.type = nas::MobileIdentity::imsi;
    r.mobile_identity.digits = ue.ue->imsi();
    const Bytes pdu = ue.ue->protect_uplink(r);
    emit({ue.name, "IdentityResponse", "UplinkNASTransport(IdentityResponse)", [this, self, pdu] { return send_uplink_nas(*self, pdu); }});
  } else if (const auto* accept = std::get_if<nas::AttachAccept>(&m)) {
    const Bytes pdu = ue.ue->attach_complete(*accept);
    emit({ue.name, "AttachComplete", "UplinkNASTransport(AttachComplete)", [this, self, pdu] {
            self->attach_complete_sent = true;
            return send_uplink_nas(*self, pdu);
          }});
  }
}

}  // namespace concur::scenario::detail
