// The MME as S11 client of one SGW (TS 29.274 7.2, TS 23.401): CREATE SESSION at attach before
// the INITIAL CONTEXT SETUP (whose E-RAB carries the SGW's S1-U F-TEID), MODIFY BEARER with the
// eNB's S1-U F-TEID after INITIAL CONTEXT SETUP RESPONSE, HANDOVER NOTIFY and PATH SWITCH REQUEST,
// RELEASE ACCESS BEARERS when the UE goes to ECM-IDLE, DELETE SESSION at detach. An SGW that
// refuses or stays silent (T3/N3 of the S11 endpoint) gets the protocol's reaction for the one
// UE concerned: ATTACH REJECT, PATH SWITCH REQUEST FAILURE, or the release of the UE.
#include <arpa/inet.h>

#include <algorithm>

#include "codec/gtpv2/mobility.h"
#include "codec/nas/esm.h"
#include "mme.h"

namespace concur::reference {

namespace {

// TS 29.274 Table 8.4-1.
inline constexpr std::uint8_t kRequestAccepted = 16;
inline constexpr std::uint8_t kNoResourcesAvailable = 73;
// TS 24.301 9.9.4.4 ESM causes, 9.9.3.9 EMM cause #19 "ESM failure".
inline constexpr std::uint8_t kEsmInsufficientResources = 26;
inline constexpr std::uint8_t kEsmNetworkFailure = 38;
inline constexpr std::uint8_t kEmmEsmFailure = 19;
inline constexpr std::uint8_t kDefaultEbi = 5;

const char* name_of(S11Session::Waiting w) {
  switch (w) {
    case S11Session::Waiting::create_session: return "CREATE SESSION";
    case S11Session::Waiting::modify_after_setup:
    case S11Session::Waiting::modify_after_handover:
    case S11Session::Waiting::modify_for_path_switch: return "MODIFY BEARER";
    case S11Session::Waiting::none: break;
  }
  return "S11 request";
}

std::optional<gtpv2::FTeid> enb_fteid(const std::vector<s1ap::ERabTunnel>& tunnels, std::uint8_t ebi) {
  for (const auto& t : tunnels)
    if (t.e_rab_id == ebi && t.transport_layer_address.size() == 4) {
      gtpv2::Ipv4 a{};
      std::copy_n(t.transport_layer_address.begin(), 4, a.begin());
      return gtpv2::FTeid{gtpv2::interface_type::s1u_enb, t.gtp_teid, a, std::nullopt};
    }
  return std::nullopt;
}

}  // namespace

void ReferenceMme::set_s11_local(const std::string& ipv4) {
  in_addr a{};
  if (::inet_pton(AF_INET, ipv4.c_str(), &a) == 1) std::copy_n(reinterpret_cast<const std::uint8_t*>(&a), 4, s11_ipv4_.begin());
}

void ReferenceMme::s11_request(Bytes message) {
  s11_out_.push_back(GtpOutgoing{GtpOutgoing::Kind::request, GtpPeer{config_.s11->sgw_address, config_.s11->sgw_port},
                                 std::move(message)});
}

UeContext* ReferenceMme::ue_by_s11_teid(std::uint32_t mme_teid) {
  if (mme_teid == 0) return nullptr;
  for (auto& [id, ue] : ues_)
    if (ue->s11 && ue->s11->mme_teid == mme_teid) return ue.get();
  return nullptr;
}

void ReferenceMme::create_session(UeContext& ue, std::uint32_t uplink_count) {
  if (!ue.s11) ue.s11 = S11Session{};
  S11Session& s = *ue.s11;
  s.mme_teid = ue.mme_ue_s1ap_id;  // unique while the context lives, never 0
  s.waiting = S11Session::Waiting::create_session;
  s.waiting_sequence = next_gtp_sequence();
  s.attach_uplink_count = uplink_count;
  gtpv2::BearerContext bearer;
  bearer.ebi = kDefaultEbi;
  gtpv2::BearerQos qos;
  qos.qci = 9;
  bearer.qos = qos;
  gtpv2::Paa paa;
  paa.pdn_type = 1;
  paa.ipv4 = gtpv2::Ipv4{};  // 0.0.0.0: the PGW allocates (TS 29.274 8.14)
  std::vector<gtpv2::Ie> ies{
      gtpv2::make_ie(gtpv2::Imsi{ue.imsi}),
      gtpv2::make_ie(gtpv2::ServingNetwork{gtpv2::PlmnId::from_digits(config_.mcc, config_.mnc)}),
      gtpv2::make_ie(gtpv2::RatType{6}),  // EUTRAN
      gtpv2::make_ie(gtpv2::FTeid{gtpv2::interface_type::s11_mme, s.mme_teid, s11_ipv4_, std::nullopt}, 0),
      gtpv2::make_ie(gtpv2::Apn{"internet"}),
      gtpv2::make_ie(gtpv2::SelectionMode{0}),
      gtpv2::make_ie(gtpv2::PdnType{1}),
      gtpv2::make_ie(paa),
      gtpv2::make_ie(gtpv2::Ambr{50'000, 100'000}),
      gtpv2::make_bearer_context_ie(bearer, 0)};
  log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": S11 CREATE SESSION REQUEST to the SGW " + config_.s11->sgw_address);
  s11_request(gtpv2::encode(gtpv2::make_message(gtpv2::MessageType::create_session_request, 0, s.waiting_sequence, std::move(ies))));
}

void ReferenceMme::modify_bearer(UeContext& ue, const std::vector<s1ap::ERabTunnel>& enb_tunnels, S11Session::Waiting why) {
  S11Session& s = *ue.s11;
  const auto fteid = enb_fteid(enb_tunnels, kDefaultEbi);
  if (!fteid) {
    log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": no IPv4 S1-U F-TEID of the eNB for EBI 5; bearer not modified");
    return s11_failed(ue, why, "the eNB gave no IPv4 S1-U F-TEID for EBI 5");
  }
  s.waiting = why;
  s.waiting_sequence = next_gtp_sequence();
  gtpv2::BearerContext b;
  b.ebi = kDefaultEbi;
  b.fteid_instance0 = fteid;  // S1-U eNodeB F-TEID (Table 7.2.7-2)
  log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": S11 MODIFY BEARER REQUEST, eNB S1-U TEID " + std::to_string(fteid->teid));
  s11_request(gtpv2::encode(gtpv2::make_message(gtpv2::MessageType::modify_bearer_request, *s.sgw_teid, s.waiting_sequence,
                                                {gtpv2::make_bearer_context_ie(b, 0)})));
}

void ReferenceMme::release_access_bearers(UeContext& ue) {
  if (!ue.s11 || !ue.s11->sgw_teid) return;
  ue.s11->waiting = S11Session::Waiting::none;  // an answer for an older request no longer matters
  log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": S11 RELEASE ACCESS BEARERS REQUEST (ECM-IDLE)");
  s11_request(gtpv2::encode(
      gtpv2::make_message(gtpv2::MessageType::release_access_bearers_request, *ue.s11->sgw_teid, next_gtp_sequence())));
}

void ReferenceMme::delete_session(UeContext& ue) {
  if (!ue.s11 || !ue.s11->sgw_teid) return;
  log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": S11 DELETE SESSION REQUEST");
  s11_request(gtpv2::encode(gtpv2::make_message(gtpv2::MessageType::delete_session_request, *ue.s11->sgw_teid,
                                                next_gtp_sequence(), {gtpv2::make_ie(gtpv2::Ebi{kDefaultEbi})})));
  ue.s11.reset();
}

void ReferenceMme::create_session_accepted(UeContext& ue, const gtpv2::GtpMessage& m, Clock::time_point now) {
  S11Session& s = *ue.s11;
  const auto* sgw = gtpv2::find<gtpv2::FTeid>(m.ies, 0);
  const auto* paa = gtpv2::find<gtpv2::Paa>(m.ies);
  std::optional<gtpv2::BearerContext> bearer;
  for (const gtpv2::Grouped* g : gtpv2::find_grouped(m.ies, gtpv2::ie_type::bearer_context, 0))
    if (auto b = gtpv2::parse_bearer_context(*g); b.ok() && b->ebi == kDefaultEbi) bearer = *b;
  if (!sgw || !sgw->ipv4 || !bearer || !bearer->fteid_instance0 || !bearer->fteid_instance0->ipv4 || !paa || !paa->ipv4)
    return s11_failed(ue, S11Session::Waiting::create_session,
                      "CREATE SESSION RESPONSE without the SGW's IPv4 S11 F-TEID, an IPv4 PAA or the S1-U F-TEID of EBI 5");
  if (bearer->cause && bearer->cause->value != kRequestAccepted)
    return s11_failed(ue, S11Session::Waiting::create_session,
                      "default bearer refused with cause " + std::to_string(bearer->cause->value));
  s.sgw_teid = sgw->teid;
  s.sgw_s11_address = *sgw->ipv4;
  s.sgw_s1u_address = *bearer->fteid_instance0->ipv4;
  s.sgw_s1u_teid = bearer->fteid_instance0->teid;
  s.ue_ipv4 = *paa->ipv4;
  s.waiting = S11Session::Waiting::none;
  log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": S11 session created (SGW TEID " + std::to_string(sgw->teid) +
      ", S1-U TEID " + std::to_string(s.sgw_s1u_teid) + ")");
  initial_context_setup(ue, s.attach_uplink_count, now);
}

void ReferenceMme::s11_answered(UeContext& ue, const gtpv2::GtpMessage& m, Clock::time_point now) {
  const std::string who = "ue " + std::to_string(ue.mme_ue_s1ap_id) + ": ";
  const auto* cause = gtpv2::find<gtpv2::Cause>(m.ies);
  const S11Session::Waiting was = ue.s11 ? ue.s11->waiting : S11Session::Waiting::none;
  const bool accepted = cause && (cause->value == kRequestAccepted || cause->value == kRequestAccepted + 1);
  // Only the answer to the request in flight continues its procedure (TS 29.274 7.6: a response
  // carries its request's sequence number); a late one to an overtaken request is just logged.
  const bool in_flight = ue.s11 && m.header.sequence == ue.s11->waiting_sequence;
  switch (m.type()) {
    case gtpv2::MessageType::create_session_response:
      if (was != S11Session::Waiting::create_session || !in_flight) break;
      if (!accepted) return s11_failed(ue, was, "cause " + std::to_string(cause ? cause->value : 0), cause ? cause->value : 0);
      return create_session_accepted(ue, m, now);
    case gtpv2::MessageType::modify_bearer_response:
      if ((was != S11Session::Waiting::modify_after_setup && was != S11Session::Waiting::modify_after_handover &&
           was != S11Session::Waiting::modify_for_path_switch) ||
          !in_flight)
        break;
      if (!accepted) return s11_failed(ue, was, "cause " + std::to_string(cause ? cause->value : 0), cause ? cause->value : 0);
      ue.s11->waiting = S11Session::Waiting::none;
      log(who + "S11 bearer modified");
      if (ue.s11->held_path_switch_ack) {
        // TS 23.401 5.5.1.1.2 step 7: the ACKNOWLEDGE follows the SGW's answer.
        send(ue.s11->path_switch_enb, *ue.s11->held_path_switch_ack);
        ue.s11->held_path_switch_ack.reset();
      }
      return;
    default:
      break;
  }
  log(who + "S11 " + gtpv2::message_name(m) + (accepted ? " accepted" : " with cause " + std::to_string(cause ? cause->value : 0)));
}

void ReferenceMme::s11_failed(UeContext& ue, S11Session::Waiting what, const std::string& why, std::uint8_t gtp_cause) {
  const std::string who = "ue " + std::to_string(ue.mme_ue_s1ap_id) + ": ";
  log(who + "S11 " + name_of(what) + " failed: " + why);
  switch (what) {
    case S11Session::Waiting::create_session: {
      // TS 24.301 5.5.1.2.5 / 6.5.1.4: the default bearer cannot be set up, so the attach fails with
      // EMM cause #19 "ESM failure" and the PDN CONNECTIVITY REJECT in the ESM container.
      nas::PdnConnectivityReject esm;
      esm.header = {0, ue.esm_pti};
      esm.esm_cause = gtp_cause == kNoResourcesAvailable ? kEsmInsufficientResources : kEsmNetworkFailure;
      nas::AttachReject reject;
      reject.emm_cause = kEmmEsmFailure;
      reject.esm_message_container = nas::encode(nas::NasMessage(esm));
      log(who + "ATTACH REJECT #19 (ESM failure, ESM cause #" + std::to_string(esm.esm_cause) + ")");
      send_nas(ue, reject, Clock::now());
      ue.s11.reset();
      ue.detaching = true;
      release(ue, {s1ap::CauseGroup::nas, 3});  // unspecified
      return;
    }
    case S11Session::Waiting::modify_for_path_switch:
      if (ue.s11 && ue.s11->held_path_switch_ack) {
        // TS 23.401 5.5.1.1.2: the path cannot be switched at the SGW.
        s1ap::PathSwitchRequestFailure f;
        f.mme_ue_s1ap_id = ue.mme_ue_s1ap_id;
        f.enb_ue_s1ap_id = ue.s11->held_path_switch_ack->enb_ue_s1ap_id;
        f.cause = {s1ap::CauseGroup::misc, 3};  // unspecified
        send(ue.s11->path_switch_enb, f);
        ue.s11->held_path_switch_ack.reset();
      }
      [[fallthrough]];
    case S11Session::Waiting::modify_after_setup:
    case S11Session::Waiting::modify_after_handover:
      // The SGW will not send downlink data to this eNB: the connection is of no use. Drop the
      // session (a refusing SGW holds none we could rely on) and release the UE's S1 connection.
      if (ue.s11) ue.s11->waiting = S11Session::Waiting::none;
      delete_session(ue);
      ue.detaching = true;
      release(ue, {s1ap::CauseGroup::nas, 3});
      return;
    case S11Session::Waiting::none:
      return;
  }
}

std::vector<Outgoing> ReferenceMme::on_s11(const GtpPeer& peer, ByteView bytes, Clock::time_point) {
  out_.clear();
  auto decoded = gtpv2::decode(bytes);
  if (!decoded) {
    log("S11 from " + peer.address + " undecodable: " + decoded.error().to_string());
    return std::move(out_);
  }
  if (decoded->type() == gtpv2::MessageType::echo_request) {
    s11_out_.push_back(GtpOutgoing{GtpOutgoing::Kind::reply, peer,
                                   gtpv2::encode(gtpv2::make_message(gtpv2::MessageType::echo_response, 0,
                                                                     decoded->header.sequence,
                                                                     {gtpv2::make_ie(gtpv2::Recovery{0})}))});
  } else {
    log("S11 " + gtpv2::message_name(*decoded) + " from the SGW is not handled by the reference MME, ignored");
  }
  return std::move(out_);
}

std::vector<Outgoing> ReferenceMme::on_s11_reply(ByteView bytes, ByteView request_bytes, Clock::time_point now) {
  out_.clear();
  auto reply = gtpv2::decode(bytes);
  auto request = gtpv2::decode(request_bytes);
  if (!reply || !request) {
    log("S11 reply undecodable: " + (reply ? request.error().to_string() : reply.error().to_string()));
    return std::move(out_);
  }
  // A refusal may come with TEID 0 (TS 29.274 5.5.2: the SGW found no context): the request we
  // sent names the UE then, by our F-TEID (CREATE SESSION) or the SGW's TEID.
  UeContext* ue = ue_by_s11_teid(reply->header.teid.value_or(0));
  if (!ue) {
    if (const auto* f = gtpv2::find<gtpv2::FTeid>(request->ies, 0); f && request->type() == gtpv2::MessageType::create_session_request)
      ue = ue_by_s11_teid(f->teid);
    for (auto& [id, u] : ues_)
      if (!ue && u->s11 && u->s11->sgw_teid && request->header.teid == u->s11->sgw_teid) ue = u.get();
  }
  if (!ue) {
    log("S11 " + gtpv2::message_name(*reply) + " for no UE context (gone already), ignored");
    return std::move(out_);
  }
  try {
    s11_answered(*ue, *reply, now);
  } catch (const std::exception& e) {
    log("internal error while handling an S11 reply: " + std::string(e.what()));
  }
  return std::move(out_);
}

std::vector<Outgoing> ReferenceMme::on_s11_no_response(ByteView request_bytes, Clock::time_point) {
  out_.clear();
  auto request = gtpv2::decode(request_bytes);
  if (!request) return std::move(out_);
  log("S11 " + gtpv2::message_name(*request) + " got no response after N3 retransmissions");
  UeContext* ue = nullptr;
  if (request->type() == gtpv2::MessageType::create_session_request) {
    if (const auto* f = gtpv2::find<gtpv2::FTeid>(request->ies, 0)) ue = ue_by_s11_teid(f->teid);
  } else {
    for (auto& [id, u] : ues_)
      if (u->s11 && u->s11->sgw_teid && request->header.teid == u->s11->sgw_teid) ue = u.get();
  }
  const bool answers_matter = request->type() == gtpv2::MessageType::create_session_request ||
                              request->type() == gtpv2::MessageType::modify_bearer_request;
  if (ue && ue->s11 && answers_matter && ue->s11->waiting != S11Session::Waiting::none)
    s11_failed(*ue, ue->s11->waiting, "no response from the SGW (T3 x N3)");
  return std::move(out_);
}

}  // namespace concur::reference
