// Dispatch of S1AP PDUs, S1 Setup, Error Indication, the control commands and the timers.
#include "mme.h"

#include <sstream>

namespace concur::reference {

namespace cause {
// TS 36.413 9.2.1.3: the ENUMERATED index within each CHOICE alternative.
inline constexpr s1ap::Cause unknown_plmn{s1ap::CauseGroup::misc, 5};
inline constexpr s1ap::Cause transfer_syntax_error{s1ap::CauseGroup::protocol, 0};
inline constexpr s1ap::Cause unknown_mme_ue_s1ap_id{s1ap::CauseGroup::radio_network, 13};
inline constexpr s1ap::Cause unknown_enb_ue_s1ap_id{s1ap::CauseGroup::radio_network, 14};
inline constexpr s1ap::Cause unknown_pair_ue_s1ap_id{s1ap::CauseGroup::radio_network, 15};
// CauseProtocol (TS 36.413 9.2.1.3): 3 = message-not-compatible-with-receiver-state (5 would be
// abstract-syntax-error-falsely-constructed-message).
inline constexpr s1ap::Cause message_not_compatible{s1ap::CauseGroup::protocol, 3};
inline constexpr s1ap::Cause normal_release{s1ap::CauseGroup::nas, 0};
}  // namespace cause

/// Messages of procedures only an MME initiates or answers: from an eNB they are out of place.
template <class T>
inline constexpr bool sent_only_by_an_mme =
    std::is_same_v<T, s1ap::S1SetupResponse> || std::is_same_v<T, s1ap::S1SetupFailure> ||
    std::is_same_v<T, s1ap::DownlinkNasTransport> || std::is_same_v<T, s1ap::InitialContextSetupRequest> ||
    std::is_same_v<T, s1ap::UeContextModificationRequest> || std::is_same_v<T, s1ap::UeContextReleaseCommand> ||
    std::is_same_v<T, s1ap::HandoverCommand> || std::is_same_v<T, s1ap::HandoverPreparationFailure> ||
    std::is_same_v<T, s1ap::HandoverRequest> || std::is_same_v<T, s1ap::HandoverCancelAcknowledge> ||
    std::is_same_v<T, s1ap::MmeStatusTransfer> || std::is_same_v<T, s1ap::PathSwitchRequestAcknowledge> ||
    std::is_same_v<T, s1ap::PathSwitchRequestFailure>;

ReferenceMme::ReferenceMme(MmeConfig config)
    : config_(std::move(config)),
      hss_(config_.subscribers, security::ServingNetworkId::from_digits(config_.mcc, config_.mnc)),
      serving_network_(security::ServingNetworkId::from_digits(config_.mcc, config_.mnc)),
      plmn_(plmn_octets(config_.mcc, config_.mnc)) {}

void ReferenceMme::enb_connected(std::size_t enb) { enbs_[enb] = Enb{}; }

void ReferenceMme::enb_lost(std::size_t enb) {
  enbs_.erase(enb);
  for (auto& [id, ue] : ues_) {
    if (ue->s1 && ue->s1->enb == enb) {
      log("ue " + std::to_string(id) + ": S1 connection lost with its eNB, UE goes to ECM-IDLE");
      ue->s1.reset();
      ue->as_security_ended();
      ue->as_key_procedure = AsKeyProcedure::none;
      ue->handover.reset();
    }
  }
}

void ReferenceMme::send(std::size_t enb, s1ap::S1apMessage m, bool ue_associated) {
  out_.push_back(Outgoing{enb, ue_associated, std::move(m)});
}

bool ReferenceMme::served(const s1ap::Tai& tai) const {
  if (tai.plmn != plmn_) return false;
  for (auto tac : config_.served_tacs)
    if (tac == tai.tac) return true;
  return false;
}

std::vector<Outgoing> ReferenceMme::on_s1ap(std::size_t enb, ByteView pdu, Clock::time_point now) {
  out_.clear();
  auto decoded = s1ap::decode_pdu(pdu);
  if (!decoded) {
    // TS 36.413 10.2: an undecodable PDU is answered with ERROR INDICATION; the MME keeps serving.
    log("undecodable S1AP from eNB " + std::to_string(enb) + ": " + decoded.error().to_string());
    error_indication(enb, std::nullopt, std::nullopt, cause::transfer_syntax_error);
    return std::move(out_);
  }
  try {
    handle(enb, *decoded, now);
  } catch (const std::exception& e) {
    // A bug in one procedure must not take the MME down with every other UE: log and go on.
    log("internal error while handling a message from eNB " + std::to_string(enb) + ": " + e.what());
  }
  return std::move(out_);
}

void ReferenceMme::error_indication(std::size_t enb, std::optional<std::uint32_t> mme_id,
                                    std::optional<std::uint32_t> enb_id, s1ap::Cause c) {
  s1ap::ErrorIndication e;
  e.mme_ue_s1ap_id = mme_id;
  e.enb_ue_s1ap_id = enb_id;
  e.cause = c;
  send(enb, e, mme_id.has_value());
}

UeContext* ReferenceMme::ue_for(std::size_t enb, std::uint32_t mme_id, std::uint32_t enb_id) {
  const auto it = ues_.find(mme_id);
  // TS 36.413 10.6: an unknown logical S1 connection gets ERROR INDICATION with the received ids
  // and the cause naming which id is wrong.
  std::optional<s1ap::Cause> wrong;
  if (it == ues_.end() || !it->second->s1) wrong = cause::unknown_mme_ue_s1ap_id;
  else if (it->second->s1->enb != enb) wrong = cause::unknown_pair_ue_s1ap_id;
  else if (it->second->s1->enb_ue_s1ap_id != enb_id) wrong = cause::unknown_enb_ue_s1ap_id;
  if (wrong) {
    log("no UE with MME UE S1AP ID " + std::to_string(mme_id) + " / eNB UE S1AP ID " + std::to_string(enb_id) +
        " on eNB " + std::to_string(enb) + ": ERROR INDICATION");
    error_indication(enb, mme_id, enb_id, *wrong);
    return nullptr;
  }
  return it->second.get();
}

UeContext* ReferenceMme::ue_by_imsi(const std::string& imsi) {
  for (auto& [id, ue] : ues_)
    if (ue->imsi == imsi) return ue.get();
  return nullptr;
}

void ReferenceMme::handle(std::size_t enb, s1ap::S1apMessage& msg, Clock::time_point now) {
  const bool setup_done = enbs_.count(enb) && enbs_[enb].setup_done;
  if (!std::holds_alternative<s1ap::S1SetupRequest>(msg) && !setup_done) {
    // TS 36.413 8.7.3: S1 SETUP is the first procedure on a new association.
    log("eNB " + std::to_string(enb) + " sent a message before S1 SETUP");
    error_indication(enb, std::nullopt, std::nullopt, cause::message_not_compatible);
    return;
  }
  std::visit(
      [&](auto& m) {
        using T = std::decay_t<decltype(m)>;
        if constexpr (std::is_same_v<T, s1ap::S1SetupRequest>) {
          s1_setup(enb, m);
        } else if constexpr (std::is_same_v<T, s1ap::InitialUeMessage>) {
          initial_ue_message(enb, m, now);
        } else if constexpr (std::is_same_v<T, s1ap::UplinkNasTransport>) {
          if (auto* ue = ue_for(enb, m.mme_ue_s1ap_id, m.enb_ue_s1ap_id)) {
            ue->ecgi = m.eutran_cgi;
            ue->tai = m.tai;
            uplink_nas(*ue, view_of(m.nas_pdu), now);
          }
        } else if constexpr (std::is_same_v<T, s1ap::InitialContextSetupResponse>) {
          if (auto* ue = ue_for(enb, m.mme_ue_s1ap_id, m.enb_ue_s1ap_id))
            initial_context_setup_response(*ue, true, now, m.e_rabs_setup);
        } else if constexpr (std::is_same_v<T, s1ap::InitialContextSetupFailure>) {
          if (auto* ue = ue_for(enb, m.mme_ue_s1ap_id, m.enb_ue_s1ap_id)) initial_context_setup_response(*ue, false, now);
        } else if constexpr (std::is_same_v<T, s1ap::UeContextModificationResponse>) {
          if (auto* ue = ue_for(enb, m.mme_ue_s1ap_id, m.enb_ue_s1ap_id)) ue_context_modification_answered(*ue, true, now);
        } else if constexpr (std::is_same_v<T, s1ap::UeContextModificationFailure>) {
          if (auto* ue = ue_for(enb, m.mme_ue_s1ap_id, m.enb_ue_s1ap_id)) ue_context_modification_answered(*ue, false, now);
        } else if constexpr (std::is_same_v<T, s1ap::UeContextReleaseRequest>) {
          if (auto* ue = ue_for(enb, m.mme_ue_s1ap_id, m.enb_ue_s1ap_id)) release(*ue, m.cause);
        } else if constexpr (std::is_same_v<T, s1ap::UeContextReleaseComplete>) {
          release_complete(enb, m);
        } else if constexpr (std::is_same_v<T, s1ap::HandoverRequired>) {
          if (auto* ue = ue_for(enb, m.mme_ue_s1ap_id, m.enb_ue_s1ap_id)) handover_required(*ue, m, now);
        } else if constexpr (std::is_same_v<T, s1ap::HandoverRequestAcknowledge>) {
          handover_request_acknowledge(enb, m);
        } else if constexpr (std::is_same_v<T, s1ap::HandoverFailure>) {
          handover_failure(enb, m, now);
        } else if constexpr (std::is_same_v<T, s1ap::EnbStatusTransfer>) {
          if (auto* ue = ue_for(enb, m.mme_ue_s1ap_id, m.enb_ue_s1ap_id)) enb_status_transfer(*ue, m);
        } else if constexpr (std::is_same_v<T, s1ap::HandoverNotify>) {
          handover_notify(enb, m, now);
        } else if constexpr (std::is_same_v<T, s1ap::HandoverCancel>) {
          if (auto* ue = ue_for(enb, m.mme_ue_s1ap_id, m.enb_ue_s1ap_id)) handover_cancel(*ue, m, now);
        } else if constexpr (std::is_same_v<T, s1ap::PathSwitchRequest>) {
          path_switch_request(enb, m);
        } else if constexpr (std::is_same_v<T, s1ap::ErrorIndication>) {
          log("eNB " + std::to_string(enb) + " reported an error indication");
        } else if constexpr (sent_only_by_an_mme<T>) {
          log("eNB " + std::to_string(enb) + " sent a message only an MME sends: ERROR INDICATION");
          error_indication(enb, std::nullopt, std::nullopt, cause::message_not_compatible);
        } else {
          log("eNB " + std::to_string(enb) + ": message not handled by the reference MME, ignored");
        }
      },
      msg);
}

void ReferenceMme::s1_setup(std::size_t enb, const s1ap::S1SetupRequest& m) {
  // TS 36.413 8.7.3: S1 SETUP FAILURE when no broadcast PLMN is the MME's (cause unknown-PLMN).
  bool plmn_served = false;
  Enb e;
  e.id = m.global_enb_id;
  for (const auto& ta : m.supported_tas) {
    e.tacs.push_back(ta.tac);
    for (const auto& p : ta.broadcast_plmns)
      if (p == plmn_) plmn_served = true;
  }
  if (!plmn_served) {
    log("S1 SETUP from eNB " + std::to_string(enb) + " refused: none of its PLMNs is served");
    s1ap::S1SetupFailure f;
    f.cause = cause::unknown_plmn;
    send(enb, f, false);
    return;
  }
  e.setup_done = true;
  enbs_[enb] = e;
  s1ap::S1SetupResponse r;
  r.mme_name = config_.mme_name;
  r.served_gummeis.push_back({{plmn_}, {config_.mme_group_id}, {config_.mme_code}});
  r.relative_mme_capacity = 127;
  send(enb, r, false);
}

std::vector<Outgoing> ReferenceMme::on_control(const std::string& line, std::string& reply, Clock::time_point now) {
  out_.clear();
  std::istringstream in(line);
  std::string command, imsi;
  in >> command >> imsi;
  if (command == "status") {
    std::ostringstream s;
    s << "status enbs=" << enbs_.size() << " ues=" << ues_.size();
    for (const auto& [id, ue] : ues_) {
      s << " ue{mme_ue_s1ap_id=" << id << " imsi=" << (ue->imsi.empty() ? "-" : ue->imsi)
        << " registered=" << ue->registered << " connected=" << ue->s1.has_value()
        << " ksi=" << (ue->nas.current_ksi() ? std::to_string(*ue->nas.current_ksi()) : "-")
        << " ncc=" << (ue->keys.connected() ? std::to_string(ue->keys.ncc()) : "-")
        << " as_eksi=" << (ue->keys.connected() ? std::to_string(ue->keys.as_chain().eksi()) : "-")
        << " rule3_window=" << ue->keys.pending_new_kasme().has_value() << " smc_ongoing=" << ue->nas_smc_ongoing()
        << " as_key_procedure=" << ue->as_key_procedure_ongoing() << "}";
    }
    reply = s.str();
  } else if (command == "reauth" || command == "release") {
    UeContext* ue = imsi.empty() ? nullptr : ue_by_imsi(imsi);
    if (!ue) {
      reply = "error " + command + ": no UE with IMSI '" + imsi + "'";
    } else if (command == "reauth") {
      reply = reauth(*ue, now);
    } else if (!ue->s1) {
      reply = "error release: UE " + imsi + " is in ECM-IDLE";
    } else {
      release(*ue, cause::normal_release);
      reply = "ok release " + imsi;
    }
  } else {
    reply = "error unknown command '" + command + "' (reauth IMSI | release IMSI | status)";
  }
  return std::move(out_);
}

std::optional<Clock::time_point> ReferenceMme::next_deadline() const {
  std::optional<Clock::time_point> d;
  const auto consider = [&](const std::optional<Clock::time_point>& t) {
    if (t && (!d || *t < *d)) d = t;
  };
  for (const auto& [id, ue] : ues_) {
    consider(ue->t3460);
    consider(ue->as_key_guard);
    consider(ue->reauth_queued);
    consider(ue->ucm_queued);
    if (ue->handover) consider(ue->handover->guard);
    if (ue->relocation) consider(ue->relocation->guard);
    if (ue->incoming && !ue->incoming->notified) consider(ue->incoming->guard);
  }
  return d;
}

std::vector<Outgoing> ReferenceMme::on_timers(Clock::time_point now) {
  out_.clear();
  std::vector<std::uint32_t> ids;
  for (const auto& [id, ue] : ues_) ids.push_back(id);
  for (auto id : ids) {
    const auto it = ues_.find(id);
    if (it != ues_.end()) expire_guards(*it->second, now);
    if (const auto again = ues_.find(id); again != ues_.end()) expire_relocation_guards(*again->second, now);
  }
  return std::move(out_);
}

}  // namespace concur::reference
