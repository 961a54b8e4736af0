// Dispatch of S1AP PDUs, S1 Setup, NAS transport, Error Indication, control commands, timers.
#include "enb.h"

#include <arpa/inet.h>

#include <sstream>

#include "causes.h"

namespace concur::reference::enb {

ReferenceEnb::ReferenceEnb(EnbConfig config) : config_(std::move(config)), plmn_(plmn_octets(config_.mcc, config_.mnc)) {}

s1ap::Ecgi ReferenceEnb::own_cell() const { return {plmn_, config_.enb_id << 8 | config_.cell}; }
s1ap::Tai ReferenceEnb::own_tai() const { return {plmn_, config_.tac}; }

Bytes ReferenceEnb::s1u_address() const {
  // IPv4 (checked by load_config) -> the 32-bit Transport Layer Address (TS 36.413 9.2.2.1).
  in_addr a{};
  if (::inet_pton(AF_INET, config_.s1u_address.c_str(), &a) != 1) return {127, 0, 0, 1};
  const auto* p = reinterpret_cast<const std::uint8_t*>(&a.s_addr);
  return Bytes(p, p + 4);
}

void ReferenceEnb::send(s1ap::S1apMessage m, bool ue_associated) { out_.push_back({ue_associated, std::move(m)}); }

std::vector<Outgoing> ReferenceEnb::connected() {
  out_.clear();
  setup_done_ = false;
  s1ap::S1SetupRequest r;
  r.global_enb_id = {plmn_, s1ap::EnbIdKind::macro, config_.enb_id};
  r.enb_name = config_.enb_name;
  r.supported_tas.push_back({config_.tac, {plmn_}});
  r.default_paging_drx = 1;  // v64
  send(r, false);
  return std::move(out_);
}

void ReferenceEnb::lost() {
  if (!ues_.empty()) log("S1 association lost: " + std::to_string(ues_.size()) + " UE context(s) dropped");
  ues_.clear();
  setup_done_ = false;
}

std::vector<Outgoing> ReferenceEnb::on_s1ap(ByteView pdu, Clock::time_point now) {
  out_.clear();
  auto decoded = s1ap::decode_pdu(pdu);
  if (!decoded) {
    // TS 36.413 10.2: an undecodable PDU is answered with ERROR INDICATION; the eNB keeps serving.
    log("undecodable S1AP from the MME: " + decoded.error().to_string());
    error_indication(std::nullopt, std::nullopt, cause::transfer_syntax_error);
    return std::move(out_);
  }
  try {
    handle(*decoded, now);
  } catch (const std::exception& e) {
    // One bad procedure must not take the other UEs down: log and go on.
    log("internal error while handling a message from the MME: " + std::string(e.what()));
  }
  return std::move(out_);
}

void ReferenceEnb::error_indication(std::optional<std::uint32_t> mme_id, std::optional<std::uint32_t> enb_id,
                                    s1ap::Cause c) {
  s1ap::ErrorIndication e;
  e.mme_ue_s1ap_id = mme_id;
  e.enb_ue_s1ap_id = enb_id;
  e.cause = c;
  send(e, mme_id.has_value() || enb_id.has_value());
}

UeContext* ReferenceEnb::ue_for(std::uint32_t mme_id, std::uint32_t enb_id) {
  const auto it = ues_.find(enb_id);
  if (it == ues_.end()) {
    log("no UE with eNB UE S1AP ID " + std::to_string(enb_id));
    error_indication(mme_id, enb_id, cause::unknown_enb_ue_s1ap_id);
    return nullptr;
  }
  if (it->second.mme_ue_s1ap_id && *it->second.mme_ue_s1ap_id != mme_id) {
    log("UE " + std::to_string(enb_id) + " has MME UE S1AP ID " + std::to_string(*it->second.mme_ue_s1ap_id) + ", not " +
        std::to_string(mme_id));
    error_indication(mme_id, enb_id, cause::unknown_pair_ue_s1ap_id);
    return nullptr;
  }
  it->second.mme_ue_s1ap_id = mme_id;  // the first MME-originated message fixes it (TS 36.413 8.6.2.3)
  return &it->second;
}

void ReferenceEnb::handle(s1ap::S1apMessage& msg, Clock::time_point now) {
  if (const auto* r = std::get_if<s1ap::S1SetupResponse>(&msg)) {
    setup_done_ = true;
    log("s1-setup done with MME '" + r->mme_name.value_or("") + "'");
    return;
  }
  if (const auto* f = std::get_if<s1ap::S1SetupFailure>(&msg)) {
    log("s1-setup failed: cause group " + std::to_string(static_cast<int>(f->cause.group)) + " value " +
        std::to_string(f->cause.value));
    return;
  }
  if (!setup_done_ && !std::holds_alternative<s1ap::ErrorIndication>(msg)) {
    // TS 36.413 8.7.3: nothing else before S1 SETUP has succeeded. (An ERROR INDICATION is never
    // answered with another one: two peers must not ping-pong.)
    log("message from the MME before S1 SETUP completed");
    error_indication(std::nullopt, std::nullopt, cause::message_not_compatible);
    return;
  }
  std::visit(
      [&](auto& m) {
        using T = std::decay_t<decltype(m)>;
        if constexpr (std::is_same_v<T, s1ap::DownlinkNasTransport>) {
          downlink_nas(m);
        } else if constexpr (std::is_same_v<T, s1ap::InitialContextSetupRequest>) {
          initial_context_setup(m);
        } else if constexpr (std::is_same_v<T, s1ap::UeContextModificationRequest>) {
          ue_context_modification(m, now);
        } else if constexpr (std::is_same_v<T, s1ap::UeContextReleaseCommand>) {
          release_command(m);
        } else if constexpr (std::is_same_v<T, s1ap::HandoverCommand>) {
          handover_command(m, now);
        } else if constexpr (std::is_same_v<T, s1ap::HandoverPreparationFailure>) {
          handover_preparation_failure(m);
        } else if constexpr (std::is_same_v<T, s1ap::HandoverCancelAcknowledge>) {
          handover_cancel_acknowledge(m);
        } else if constexpr (std::is_same_v<T, s1ap::HandoverRequest>) {
          handover_request(m);
        } else if constexpr (std::is_same_v<T, s1ap::MmeStatusTransfer>) {
          if (ue_for(m.mme_ue_s1ap_id, m.enb_ue_s1ap_id)) log("ue " + std::to_string(m.enb_ue_s1ap_id) + ": MME STATUS TRANSFER");
        } else if constexpr (std::is_same_v<T, s1ap::ErrorIndication>) {
          log("the MME reported an error indication" +
              (m.cause ? " (cause group " + std::to_string(static_cast<int>(m.cause->group)) + " value " +
                             std::to_string(m.cause->value) + ")"
                       : std::string()));
        } else {
          log("message not handled by the reference eNB, ignored");
        }
      },
      msg);
}

void ReferenceEnb::downlink_nas(const s1ap::DownlinkNasTransport& m) {
  UeContext* ue = ue_for(m.mme_ue_s1ap_id, m.enb_ue_s1ap_id);
  if (!ue) return;
  log("downlink-nas ue=" + std::to_string(ue->enb_ue_s1ap_id) + " " + to_hex(view_of(m.nas_pdu)));
  ue->downlink_nas.push_back(m.nas_pdu);
}

std::string ReferenceEnb::ue_connect(const std::string& nas_hex) {
  if (!setup_done_) return "error ue-connect: S1 SETUP has not succeeded";
  Bytes nas;
  try {
    nas = from_hex(nas_hex);
  } catch (const std::exception& e) {
    return std::string("error ue-connect: NAS PDU: ") + e.what();
  }
  if (nas.empty()) return "error ue-connect: NAS PDU missing (ue-connect NAS-HEX)";
  UeContext ue;
  ue.enb_ue_s1ap_id = next_enb_ue_s1ap_id_++ & 0xFFFFFF;  // 24 bits (TS 36.413 9.2.3.4)
  s1ap::InitialUeMessage m;
  m.enb_ue_s1ap_id = ue.enb_ue_s1ap_id;
  m.nas_pdu = nas;
  m.tai = own_tai();
  m.eutran_cgi = own_cell();
  m.rrc_establishment_cause = 3;  // mo-Signalling (TS 36.413 9.2.1.3a)
  send(m);
  const auto id = ue.enb_ue_s1ap_id;
  ues_.emplace(id, std::move(ue));
  return "ok ue-connect ue=" + std::to_string(id);
}

std::string ReferenceEnb::uplink_nas(UeContext& ue, const std::string& nas_hex) {
  if (!ue.mme_ue_s1ap_id) return "error uplink-nas: the MME has not answered this UE yet";
  Bytes nas;
  try {
    nas = from_hex(nas_hex);
  } catch (const std::exception& e) {
    return std::string("error uplink-nas: NAS PDU: ") + e.what();
  }
  if (nas.empty()) return "error uplink-nas: NAS PDU missing (uplink-nas UE NAS-HEX)";
  s1ap::UplinkNasTransport m;
  m.mme_ue_s1ap_id = *ue.mme_ue_s1ap_id;
  m.enb_ue_s1ap_id = ue.enb_ue_s1ap_id;
  m.nas_pdu = std::move(nas);
  m.eutran_cgi = own_cell();
  m.tai = own_tai();
  send(m);
  return "ok uplink-nas ue=" + std::to_string(ue.enb_ue_s1ap_id);
}

UeContext* ReferenceEnb::ue_by_command(const std::string& token, std::string& reply) {
  std::uint32_t id = 0;
  try {
    std::size_t used = 0;
    id = static_cast<std::uint32_t>(std::stoul(token, &used));
    if (used != token.size()) throw std::invalid_argument(token);
  } catch (const std::exception&) {
    reply = "error: '" + token + "' is not a UE (its eNB UE S1AP ID)";
    return nullptr;
  }
  const auto it = ues_.find(id);
  if (it == ues_.end()) {
    reply = "error: no UE " + token;
    return nullptr;
  }
  return &it->second;
}

std::string ReferenceEnb::status() const {
  std::ostringstream s;
  s << "status setup=" << setup_done_ << " ues=" << ues_.size();
  for (const auto& [id, ue] : ues_) {
    s << " ue{id=" << id << " mme_ue_s1ap_id=" << (ue.mme_ue_s1ap_id ? std::to_string(*ue.mme_ue_s1ap_id) : "-")
      << " context=" << ue.context_setup << " kenb=" << (ue.kenb ? ue.kenb->fingerprint() : "-")
      << " ncc=" << (ue.ncc ? std::to_string(*ue.ncc) : "-") << " handover=";
    if (!ue.handover) s << "none";
    else if (ue.handover->stage == OwnHandover::Stage::preparing) s << "preparing";
    else if (ue.handover->stage == OwnHandover::Stage::prepared) s << "prepared";
    else s << "cancelling";
    s << " incoming_handover=" << ue.incoming_handover << " queued_handover=" << ue.queued_handover.has_value()
      << " reconfiguration=" << ue.reconfiguration.has_value() << " downlink_nas=" << ue.downlink_nas.size() << "}";
  }
  return s.str();
}

std::vector<Outgoing> ReferenceEnb::on_control(const std::string& line, std::string& reply, Clock::time_point now) {
  out_.clear();
  std::istringstream in(line);
  std::string command;
  in >> command;
  std::vector<std::string> args;
  for (std::string a; in >> a;) args.push_back(a);
  const auto need = [&](std::size_t n, const char* usage) {
    if (args.size() == n) return true;
    reply = std::string("error usage: ") + usage;
    return false;
  };
  UeContext* ue = nullptr;
  if (command == "status") {
    reply = status();
  } else if (command == "ue-connect") {
    if (need(1, "ue-connect NAS-HEX")) reply = ue_connect(args[0]);
  } else if (command == "uplink-nas") {
    if (need(2, "uplink-nas UE NAS-HEX") && (ue = ue_by_command(args[0], reply))) reply = uplink_nas(*ue, args[1]);
  } else if (command == "downlink-nas") {
    if (need(1, "downlink-nas UE") && (ue = ue_by_command(args[0], reply))) {
      if (ue->downlink_nas.empty()) {
        reply = "ok downlink-nas ue=" + args[0] + " none";
      } else {
        reply = "ok downlink-nas ue=" + args[0] + " " + to_hex(view_of(ue->downlink_nas.front()));
        ue->downlink_nas.pop_front();
      }
    }
  } else if (command == "handover") {
    if (need(3, "handover UE TARGET-ENB-ID TAC") && (ue = ue_by_command(args[0], reply))) {
      try {
        const auto target = std::stoul(args[1]);
        const auto tac = std::stoul(args[2]);
        if (target > 0xFFFFF || tac > 0xFFFF) throw std::out_of_range("range");
        reply = handover(*ue, static_cast<std::uint32_t>(target), static_cast<std::uint16_t>(tac), now);
      } catch (const std::exception&) {
        reply = "error handover: TARGET-ENB-ID is a 20-bit macro eNB ID and TAC 0..65535";
      }
    }
  } else if (command == "handover-cancel") {
    if (need(1, "handover-cancel UE") && (ue = ue_by_command(args[0], reply))) reply = handover_cancel(*ue, cause::handover_cancelled);
  } else if (command == "handover-notify") {
    if (need(1, "handover-notify UE") && (ue = ue_by_command(args[0], reply))) reply = handover_notify(*ue);
  } else if (command == "reconfiguration-complete") {
    if (need(1, "reconfiguration-complete UE") && (ue = ue_by_command(args[0], reply)))
      reply = reconfiguration_complete(*ue, now);
  } else {
    reply = "error unknown command '" + command +
            "' (status | ue-connect NAS-HEX | uplink-nas UE NAS-HEX | downlink-nas UE | handover UE TARGET-ENB-ID TAC"
            " | handover-cancel UE | handover-notify UE | reconfiguration-complete UE)";
  }
  return std::move(out_);
}

std::optional<Clock::time_point> ReferenceEnb::next_deadline() const {
  std::optional<Clock::time_point> d;
  const auto consider = [&](const std::optional<Clock::time_point>& t) {
    if (t && (!d || *t < *d)) d = t;
  };
  for (const auto& [id, ue] : ues_) {
    if (ue.handover) consider(ue.handover->guard);
    if (ue.queued_handover) consider(ue.queued_handover->give_up);
    if (ue.reconfiguration) consider(ue.reconfiguration->ends);
  }
  return d;
}

std::vector<Outgoing> ReferenceEnb::on_timers(Clock::time_point now) {
  out_.clear();
  std::vector<std::uint32_t> ids;
  for (const auto& [id, ue] : ues_) ids.push_back(id);
  for (auto id : ids) {
    const auto it = ues_.find(id);
    if (it != ues_.end()) expire_guards(it->second, now);
  }
  return std::move(out_);
}

}  // namespace concur::reference::enb
