// S1AP messages -> monitor events (TS 33.401 7.2.10 speaks of ICS, UCM, handover, path switch and
// release; everything else is not an event). One to_body() per message type.
#include <type_traits>

#include "judge/adapter.h"

namespace concur::judge {
namespace {

using monitor::EventBody;

monitor::NhNcc nh_ncc_of(const s1ap::SecurityContext& sc) {
  return monitor::NhNcc{sc.next_hop_chaining_count, sc.next_hop};
}

std::optional<monitor::HandoverType> handover_type_of(s1ap::HandoverType t) {
  switch (t) {
    case s1ap::HandoverType::intralte: return monitor::HandoverType::intra_lte;
    case s1ap::HandoverType::ltetoutran: return monitor::HandoverType::lte_to_utran;
    case s1ap::HandoverType::ltetogeran: return monitor::HandoverType::lte_to_geran;
    case s1ap::HandoverType::utrantolte: return monitor::HandoverType::utran_to_lte;
    case s1ap::HandoverType::gerantolte: return monitor::HandoverType::geran_to_lte;
    // Handover to or from 5GS (N26) is outside clause 7.2.10: no event.
    case s1ap::HandoverType::eps_to_5gs:
    case s1ap::HandoverType::fivegs_to_eps: return std::nullopt;
  }
  return std::nullopt;
}

std::optional<EventBody> to_body(const s1ap::InitialContextSetupRequest& m) {
  return monitor::InitialContextSetupRequest{m.security_key};
}
std::optional<EventBody> to_body(const s1ap::InitialContextSetupResponse&) { return monitor::InitialContextSetupResponse{}; }
std::optional<EventBody> to_body(const s1ap::InitialContextSetupFailure&) { return monitor::InitialContextSetupFailure{}; }
std::optional<EventBody> to_body(const s1ap::UeContextModificationRequest& m) {
  return monitor::UeContextModificationRequest{m.security_key};
}
std::optional<EventBody> to_body(const s1ap::UeContextModificationResponse&) {
  return monitor::UeContextModificationResponse{};
}
std::optional<EventBody> to_body(const s1ap::UeContextModificationFailure&) {
  return monitor::UeContextModificationFailure{};
}
std::optional<EventBody> to_body(const s1ap::HandoverRequired& m) {
  const auto type = handover_type_of(m.handover_type);
  if (!type) return std::nullopt;
  monitor::HandoverRequired h;
  h.type = *type;
  // The selected TAI of a target eNB tells the monitor (with the profile's served TAIs) whether
  // another MME serves the target; a UTRAN/GERAN target is inter-RAT by its type already.
  if (const auto* enb = std::get_if<s1ap::TargetEnb>(&m.target_id)) {
    h.target_tai = monitor::TrackingAreaId{plmn_digits(enb->selected_tai.plmn), enb->selected_tai.tac};
  }
  return h;
}
std::optional<EventBody> to_body(const s1ap::HandoverRequest& m) {
  const auto type = handover_type_of(m.handover_type);
  if (!type) return std::nullopt;
  return monitor::HandoverRequest{*type, nh_ncc_of(m.security_context)};
}
std::optional<EventBody> to_body(const s1ap::HandoverRequestAcknowledge&) { return monitor::HandoverRequestAcknowledge{}; }
std::optional<EventBody> to_body(const s1ap::HandoverFailure&) { return monitor::HandoverFailure{}; }
std::optional<EventBody> to_body(const s1ap::HandoverCommand&) { return monitor::HandoverCommand{}; }
std::optional<EventBody> to_body(const s1ap::HandoverPreparationFailure&) { return monitor::HandoverPreparationFailure{}; }
std::optional<EventBody> to_body(const s1ap::HandoverNotify&) { return monitor::HandoverNotify{}; }
std::optional<EventBody> to_body(const s1ap::HandoverCancel&) { return monitor::HandoverCancel{}; }
std::optional<EventBody> to_body(const s1ap::HandoverCancelAcknowledge&) { return monitor::HandoverCancelAcknowledge{}; }
std::optional<EventBody> to_body(const s1ap::PathSwitchRequest& m) {
  return monitor::PathSwitchRequest{m.source_mme_ue_s1ap_id};
}
std::optional<EventBody> to_body(const s1ap::PathSwitchRequestAcknowledge& m) {
  return monitor::PathSwitchRequestAcknowledge{nh_ncc_of(m.security_context)};
}
std::optional<EventBody> to_body(const s1ap::PathSwitchRequestFailure&) { return monitor::PathSwitchRequestFailure{}; }
std::optional<EventBody> to_body(const s1ap::UeContextReleaseCommand&) { return monitor::UeContextReleaseCommand{}; }
std::optional<EventBody> to_body(const s1ap::UeContextReleaseComplete&) { return monitor::UeContextReleaseComplete{}; }
/// Setup, NAS transport, status transfer, reset, ...: not what the rules speak about.
template <class Other>
std::optional<EventBody> to_body(const Other&) {
  return std::nullopt;
}

template <class Id>
std::optional<std::uint32_t> id_of(const Id& v) {
  if constexpr (std::is_same_v<Id, std::uint32_t>) {
    return v;
  } else {
    return v;  // std::optional<std::uint32_t>
  }
}

}  // namespace

std::string plmn_digits(const std::array<std::uint8_t, 3>& plmn) {
  auto digit = [](std::uint8_t nibble) { return nibble <= 9 ? std::string(1, static_cast<char>('0' + nibble)) : ""; };
  // octet 1 = MCC2|MCC1, octet 2 = MNC3|MCC3, octet 3 = MNC2|MNC1 (high nibble first as written).
  return digit(plmn[0] & 0x0f) + digit(plmn[0] >> 4) + digit(plmn[1] & 0x0f) + digit(plmn[2] & 0x0f) +
         digit(plmn[2] >> 4) + digit(plmn[1] >> 4);
}

std::optional<bool> s1ap_sent_by_mme(const s1ap::S1apMessage& m) {
  return std::visit(
      [](const auto& msg) -> std::optional<bool> {
        using M = std::decay_t<decltype(msg)>;
        using namespace s1ap;
        if constexpr (std::is_same_v<M, S1SetupResponse> || std::is_same_v<M, S1SetupFailure> ||
                      std::is_same_v<M, DownlinkNasTransport> || std::is_same_v<M, InitialContextSetupRequest> ||
                      std::is_same_v<M, UeContextModificationRequest> || std::is_same_v<M, UeContextReleaseCommand> ||
                      std::is_same_v<M, HandoverCommand> || std::is_same_v<M, HandoverPreparationFailure> ||
                      std::is_same_v<M, HandoverRequest> || std::is_same_v<M, HandoverCancelAcknowledge> ||
                      std::is_same_v<M, MmeStatusTransfer> || std::is_same_v<M, PathSwitchRequestAcknowledge> ||
                      std::is_same_v<M, PathSwitchRequestFailure>) {
          return true;
        } else if constexpr (std::is_same_v<M, RawPdu> || std::is_same_v<M, Reset> ||
                             std::is_same_v<M, ErrorIndication>) {
          return std::nullopt;
        } else {
          return false;  // every other modelled message is the eNB's
        }
      },
      m);
}

std::optional<EventBody> s1ap_event_body(const s1ap::S1apMessage& m) {
  return std::visit([](const auto& msg) { return to_body(msg); }, m);
}

monitor::S1UeIds s1ap_ue_ids(const s1ap::S1apMessage& m, const std::string& association) {
  monitor::S1UeIds ids;
  ids.association = association;
  std::visit(
      [&](const auto& msg) {
        using M = std::decay_t<decltype(msg)>;
        if constexpr (requires { msg.mme_ue_s1ap_id; }) ids.mme_ue_s1ap_id = id_of(msg.mme_ue_s1ap_id);
        if constexpr (requires { msg.enb_ue_s1ap_id; }) ids.enb_ue_s1ap_id = id_of(msg.enb_ue_s1ap_id);
        if constexpr (std::is_same_v<M, s1ap::PathSwitchRequest>) ids.mme_ue_s1ap_id.reset();
      },
      m);
  return ids;
}

std::vector<ByteView> s1ap_nas_pdus(const s1ap::S1apMessage& m) {
  std::vector<ByteView> out;
  std::visit(
      [&](const auto& msg) {
        if constexpr (requires { msg.nas_pdu; }) {
          if constexpr (std::is_same_v<std::decay_t<decltype(msg.nas_pdu)>, Bytes>) {
            out.push_back(view_of(msg.nas_pdu));
          } else if (msg.nas_pdu) {
            out.push_back(view_of(*msg.nas_pdu));
          }
        }
        if constexpr (requires { msg.e_rabs; }) {
          for (const auto& e : msg.e_rabs) {
            if constexpr (requires { e.nas_pdu; }) {
              if (e.nas_pdu) out.push_back(view_of(*e.nas_pdu));
            }
          }
        }
      },
      m);
  return out;
}

std::optional<s1ap::Tai> s1ap_reported_tai(const s1ap::S1apMessage& m) {
  if (const auto* i = std::get_if<s1ap::InitialUeMessage>(&m)) return i->tai;
  if (const auto* u = std::get_if<s1ap::UplinkNasTransport>(&m)) return u->tai;
  return std::nullopt;
}

std::string s1ap_name(ByteView pdu) {
  // Aligned PER of S1AP-PDU (TS 36.413 9.3): octet 1 = extension bit, 2-bit CHOICE index
  // (initiating / successful / unsuccessful), padding; octet 2 = procedureCode. Reading the two
  // octets avoids a second decode just for the name.
  if (pdu.size() < 2 || (pdu[0] & 0x80) != 0 || ((pdu[0] >> 5) & 0x3) > 2) return "S1AP-PDU";
  const auto type = static_cast<s1ap::PduType>((pdu[0] >> 5) & 0x3);
  const std::string_view name = s1ap::message_name(pdu[1], type);
  return name.empty() ? "S1AP-PDU" : std::string(name);
}

}  // namespace concur::judge
