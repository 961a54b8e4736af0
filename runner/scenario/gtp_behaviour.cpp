// What the runner's peer MME (S10) and SGSN (S3) do on their own, as real ones would
// (TS 29.274 7.3, TS 23.401 5.5.1.2.2 / 5.5.2.1.2): a FORWARD RELOCATION REQUEST becomes an
// Arrival with the security fields matchers use and is accepted with a FORWARD RELOCATION
// RESPONSE (holdable like every answer); a RELOCATION CANCEL REQUEST is accepted. The case sends
// the FORWARD RELOCATION COMPLETE NOTIFICATION when the UE "arrives" at the target.
//
// The security fields are judged with the UE's own key view (the rule-4 oracle): `nh-from` says
// which KASME's chain the {NH, NCC} of the MM Context continues — the old context's when OSCI = 1
// (rule 8), else the context's own — and `kasme-from` which of the UE's KASMEs the MM Context's
// KASME is.
#include "scenario/case_run.h"
#include "scenario/handover_containers.h"
#include "scenario/message_names.h"
#include "scenario/nh_origin.h"
#include "security/kdf.h"

namespace concur::scenario::detail {
namespace {

using namespace std::chrono_literals;

/// The macro eNB id the HANDOVER REQUIRED names in the peer MME's area (any id: the SUT does not own it).
constexpr std::uint32_t kPeerEnbId = 0xE0000;
constexpr std::uint16_t kTargetRncId = 5;
constexpr std::uint16_t kTargetCellId = 0x1234;

/// The one cell of the peer MME's eNB kPeerEnbId (cell = eNB id * 256 + 1, as the runner's eNBs).
s1ap::Ecgi peer_cell(const s1ap::Plmn& plmn) { return s1ap::Ecgi{plmn, kPeerEnbId << 8 | 1}; }

std::string kasme_from(const UeSlot* ue, const gtpv2::Key256& kasme) {
  if (!ue) return "unknown (no UE of this case)";
  const auto role = ue->ue->kasme_role(security::Key256(kasme));
  if (!role) return "unknown: a KASME the UE never derived";
  return std::string(security::name(*role));
}

std::string nh_from(const UeSlot* ue, std::uint8_t ncc, const gtpv2::Key256& nh) {
  return nh_origin(ue ? ue->ue.get() : nullptr, ncc, security::Key256(nh));
}

}  // namespace

void CaseRun::join_gtp_roles() {
  std::vector<std::string> imsis;
  for (const auto& u : ues) imsis.push_back(u.ue->imsi());
  for (const auto& name : tc.gtp_names()) {
    const RoleDecl* d = tc.role(name);
    const bool sgsn = d->gtp == "sgsn";
    roles::GtpPort* port = sgsn ? env.s3 : env.s10;
    if (!port) throw std::runtime_error(std::string("the run has no ") + (sgsn ? "S3 (SGSN)" : "S10 (peer MME)") + " endpoint for role " + name);
    GtpSlot slot;
    slot.name = name;
    slot.peer = std::make_unique<roles::GtpPeer>(name, sgsn ? roles::GtpPeer::Kind::sgsn : roles::GtpPeer::Kind::peer_mme, *port, imsis,
                                                 env.tap);
    gtps.push_back(std::move(slot));
  }
}

void CaseRun::pump_gtp() {
  for (std::size_t g = 0; g < gtps.size(); ++g)
    while (auto in = gtps[g].peer->take(0ms)) on_gtp(g, *in);
}

bool CaseRun::target_gtp_role(const Step& s, s1ap::HandoverRequired& r) const {
  const RoleDecl* d = tc.role(s.target);
  if (!d || d->gtp.empty()) return false;
  const auto& p = *env.profile;
  const s1ap::Plmn plmn = roles::plmn_of(p.mcc, p.mnc);
  if (d->gtp == "peer-mme") {
    // A TAI the SUT does not serve but the peer MME does: inter-MME S1 handover over S10.
    r.source_to_target_container =
        source_to_target_container(enbs[enb_index(s.role)].enb->identity().ecgi, peer_cell(plmn));
    r.handover_type = s1ap::HandoverType::intralte;
    r.target_id = s1ap::TargetEnb{{plmn, s1ap::EnbIdKind::macro, kPeerEnbId}, {plmn, p.peer_mme->tacs.front()}};
  } else if (s.rat == "utran") {
    r.handover_type = s1ap::HandoverType::ltetoutran;
    s1ap::TargetRnc rnc;
    rnc.lai = {plmn, p.sgsn->lac};
    rnc.rac = p.sgsn->rac;
    rnc.rnc_id = kTargetRncId;
    r.target_id = rnc;
    // The UTRAN cell id is the RNC id and a cell within it (TS 25.401 6.1.5: C-Id, 16 bits).
    r.source_to_target_container = utran_source_to_target_container((std::uint32_t{kTargetRncId} << 16) | kTargetCellId);
  } else {
    r.handover_type = s1ap::HandoverType::ltetogeran;
    s1ap::TargetCgi cell;
    cell.plmn = plmn;
    cell.lac = p.sgsn->lac;
    cell.ci = kTargetCellId;
    cell.rac = p.sgsn->rac;
    r.target_id = cell;
    r.source_to_target_container = geran_source_to_target_container();
  }
  return true;
}

void CaseRun::on_gtp(std::size_t g, roles::GtpInbound& in) {
  GtpSlot& slot = gtps[g];
  if (in.kind == roles::GtpInbound::Kind::no_response) {
    note(slot.name, TimelineEntry::Kind::note, "no reply from the SUT to a request of " + slot.name + " after its retransmissions");
    if (!finished_body_) set_outcome(Verdict::fail, "the SUT did not answer " + slot.name + "'s GTPv2-C request (message type " +
                                                        std::to_string(in.message_type) + ")");
    return;
  }
  if (in.kind == roles::GtpInbound::Kind::undecodable || !in.message) {
    Arrival a;
    a.role = slot.name;
    a.name = "undecodable";
    a.summary = "undecodable GTPv2-C: " + in.error;
    add_arrival(std::move(a));
    if (!finished_body_) set_outcome(Verdict::fail, "the SUT sent GTPv2-C that does not decode: " + in.error);
    return;
  }
  const gtpv2::GtpMessage& m = *in.message;
  if (m.type() == gtpv2::MessageType::forward_relocation_request) return on_forward_relocation_request(g, in);

  Arrival a;
  a.role = slot.name;
  a.name = gtp_name(m);
  a.summary = a.name;
  if (const auto* cause = gtpv2::find<gtpv2::Cause>(m.ies)) {
    a.fields["cause"] = std::to_string(cause->value);
    a.summary += " (cause " + std::to_string(cause->value) + ")";
  }
  add_arrival(std::move(a));
  if (m.type() == gtpv2::MessageType::forward_relocation_response && slot.relocation) {
    // The SUT as target accepted: its F-TEID is where the acknowledgement goes later.
    if (const auto r = gtpv2::parse_forward_relocation_response(m); r && r->sender_control_fteid)
      slot.relocation->sut_teid = r->sender_control_fteid->teid;
  }
  if (m.type() == gtpv2::MessageType::forward_relocation_complete_notification) {
    // The UE arrived at the SUT's eNB (TS 23.401 5.5.1.2.2 step 16): acknowledged, accepted.
    gtpv2::Cause accepted;
    accepted.value = 16;
    const auto reply = gtpv2::make_message(gtpv2::MessageType::forward_relocation_complete_acknowledge,
                                           slot.relocation ? slot.relocation->sut_teid : 0, m.header.sequence, {gtpv2::make_ie(accepted)});
    roles::GtpPeer* peer = slot.peer.get();
    const auto to = in.from;
    emit({slot.name, "ForwardRelocationCompleteAcknowledge", "ForwardRelocationCompleteAcknowledge", [peer, to, reply] {
            return peer->reply(to, reply);
          }});
  }
  if (m.type() == gtpv2::MessageType::relocation_cancel_request) {
    // The source withdraws the relocation (TS 29.274 7.3.16): accepted, nothing was prepared.
    gtpv2::Cause accepted;
    accepted.value = 16;
    const auto reply = gtpv2::make_message(gtpv2::MessageType::relocation_cancel_response, slot.relocation ? slot.relocation->sut_teid : 0,
                                           m.header.sequence, {gtpv2::make_ie(accepted)});
    roles::GtpPeer* peer = slot.peer.get();
    const auto to = in.from;
    emit({slot.name, "RelocationCancelResponse", "RelocationCancelResponse", [peer, to, reply] { return peer->reply(to, reply); }});
  }
}

void CaseRun::on_forward_relocation_request(std::size_t g, const roles::GtpInbound& in) {
  GtpSlot& slot = gtps[g];
  const gtpv2::GtpMessage& m = *in.message;
  Arrival a;
  a.role = slot.name;
  a.name = "ForwardRelocationRequest";
  a.summary = a.name;
  auto v = gtpv2::parse_forward_relocation_request(m);
  if (!v) {
    a.summary += " that does not parse: " + v.error().to_string();
    add_arrival(std::move(a));
    if (!finished_body_) set_outcome(Verdict::fail, "the SUT sent a FORWARD RELOCATION REQUEST that does not parse: " + v.error().to_string());
    return;
  }
  const std::string imsi = v->imsi ? v->imsi->digits : "";
  const UeSlot* ue = nullptr;
  for (const auto& u : ues)
    if (u.ue->imsi() == imsi) ue = &u;
  a.fields["target"] = v->target && v->target->macro_enb ? "enb" : v->target && v->target->rnc ? "rnc" : v->target && v->target->cell ? "cell" : "other";
  if (const auto* eps = std::get_if<gtpv2::EpsSecurityContext>(&v->mm_context)) {
    a.fields["mm-context"] = "eps";
    a.fields["osci"] = eps->old_context ? "1" : "0";
    a.fields["old-context"] = eps->old_context ? "present" : "absent";
    a.fields["kasme-from"] = kasme_from(ue, eps->kasme);
    a.summary += " (EPS context eKSI " + std::to_string(eps->ksi_asme) + ", KASME " + key_text(eps->kasme) + " = " + a.fields["kasme-from"];
    // Rule 8: with OSCI = 1 the {NH, NCC} the target's eNB gets are the old context's.
    if (eps->old_context && eps->old_context->nh) {
      a.fields["ncc"] = std::to_string(eps->old_context->ncc);
      a.fields["nh-from"] = nh_from(ue, eps->old_context->ncc, *eps->old_context->nh);
      a.summary += "; old eKSI " + std::to_string(eps->old_context->ksi_asme) + " KASME " + key_text(eps->old_context->kasme) + " = " +
                   kasme_from(ue, eps->old_context->kasme);
    } else if (eps->next_hop) {
      a.fields["ncc"] = std::to_string(eps->next_hop->ncc);
      a.fields["nh-from"] = nh_from(ue, eps->next_hop->ncc, eps->next_hop->nh);
    }
    if (a.fields.count("ncc")) a.summary += "; NCC " + a.fields["ncc"] + " NH (" + a.fields["nh-from"] + ")";
    a.summary += eps->old_context ? ", OSCI 1)" : ", OSCI 0)";
  } else {
    a.fields["mm-context"] = "umts";  // CK'/IK' towards an SGSN (TS 33.401 9.2.1), never a KASME
    a.summary += " (UMTS context for " + a.fields["target"] + ")";
  }
  add_arrival(std::move(a));
  slot.relocation = GtpSlot::Relocation{in.from, v->sender_control_fteid.teid, m.header.sequence, imsi};

  // Accept, as the target would after its eNB / RNC / BSS admitted the UE.
  gtpv2::ForwardRelocationResponse r;
  r.cause.value = 16;  // Request accepted
  gtpv2::Ipv4 own{};
  const auto local = slot.peer->port().local();
  if (std::sscanf(local.ip.c_str(), "%hhu.%hhu.%hhu.%hhu", &own[0], &own[1], &own[2], &own[3]) != 4) own = {127, 0, 0, 1};
  r.sender_control_fteid = gtpv2::FTeid{slot.peer->interface_type(), slot.peer->teid(), own, std::nullopt};
  const std::uint8_t container_type = v->eutran_container ? 3 : v->utran_container ? 1 : 2;
  const Bytes container = container_type == 3   ? target_to_source_container()
                          : container_type == 1 ? utran_target_to_source_container()
                                                : geran_target_to_source_container();
  if (container_type == 3) r.eutran_container = gtpv2::FContainer{3, container};
  else if (container_type == 1) r.utran_container = gtpv2::FContainer{1, container};
  else r.bss_container = gtpv2::FContainer{2, container};
  const auto reply = gtpv2::build(r, v->sender_control_fteid.teid, m.header.sequence);
  roles::GtpPeer* peer = slot.peer.get();
  const auto to = in.from;
  emit({slot.name, "ForwardRelocationResponse", "ForwardRelocationResponse(accepted)", [peer, to, reply] { return peer->reply(to, reply); }});
}

bool CaseRun::send_from_gtp(const Step& s) {
  const std::string where = tc.source_file + ":" + std::to_string(s.line);
  GtpSlot* slot = nullptr;
  for (auto& g : gtps)
    if (g.name == s.role) slot = &g;
  if (slot && same_name(s.pattern.name, "ForwardRelocationRequest")) return send_relocation(s, *slot);
  if (!slot || !slot->relocation)
    return set_outcome(Verdict::error, where + ": " + s.role + " has no relocation from the SUT to complete"), false;
  UeSlot& ue = ue_named(s.ue);
  if (slot->relocation->imsi != ue.ue->imsi())
    return set_outcome(Verdict::error, where + ": the relocation at " + s.role + " is not " + ue.name + "'s"), false;
  // The UE arrived at the target (TS 23.401 5.5.1.2.2 step 16): tell the source MME.
  const auto m = gtpv2::make_message(gtpv2::MessageType::forward_relocation_complete_notification, slot->relocation->sut_teid,
                                     slot->peer->port().next_sequence());
  roles::GtpPeer* peer = slot->peer.get();
  const auto to = slot->relocation->sut;
  emit({s.role, "ForwardRelocationCompleteNotification", "ForwardRelocationCompleteNotification", [peer, to, m] { return peer->request(to, m); }});
  return outcome_.verdict == Verdict::pass;
}

void CaseRun::bind_arriving_ue(std::size_t enb, const s1ap::HandoverRequest& r) {
  if (ue_by_mme_id(r.mme_ue_s1ap_id)) return;
  for (auto& u : ues) {
    if (u.arriving_at != enb) continue;
    u.mme_ue_s1ap_id = r.mme_ue_s1ap_id;
    u.arriving_at.reset();
    return;
  }
}

bool CaseRun::send_relocation(const Step& s, GtpSlot& slot) {
  const std::string where = tc.source_file + ":" + std::to_string(s.line);
  if (!env.sut_gtpc) return set_outcome(Verdict::error, where + ": the profile gives no S10 address of the SUT"), false;
  UeSlot& ue = ue_named(s.ue);
  const std::size_t target = enb_index(s.target);
  const auto& id = enbs[target].enb->identity();
  const auto& p = *env.profile;

  // The peer MME's own history of this UE: AKA twice (its own RANDs), an SMC for the second
  // KASME, no UCM yet — the rule-8 window — so it hands over both contexts (TS 33.401 7.2.10
  // rule 8) and the AS chain of the old KASME at NCC 2 (KeNB at NCC 0, one NH kept, one step on).
  security::Rand rand_old{}, rand_new{};
  rand_old.fill(0x5A);
  rand_new.fill(0xA5);
  rand_old[15] = rand_new[15] = static_cast<std::uint8_t>(env.case_number);
  const std::uint64_t sqn = 0x10000;  // the peer MME's own vectors; the UE's SQN window never sees them
  const security::Key256 old_kasme = ue.ue->kasme_for(rand_old, sqn);
  const security::Key256 new_kasme = ue.ue->kasme_for(rand_new, sqn + 32);
  constexpr std::uint8_t kOldEksi = 1, kNewEksi = 2, kNcc = 2;
  constexpr std::uint32_t kUplinkCount = 4, kDownlinkCount = 5;
  security::Key256 nh = security::derive_kenb(old_kasme, 0);
  for (unsigned step = 0; step < kNcc; ++step) nh = security::derive_nh(old_kasme, nh);
  ue.ue->arrive_by_relocation(kOldEksi, old_kasme, kNcc, nh, kNewEksi, new_kasme, security::CipheringAlgorithm::eea2,
                              security::IntegrityAlgorithm::eia2, kUplinkCount, kDownlinkCount);
  ue.arriving_at = target;

  const auto key = [](const security::Key256& k) {
    gtpv2::Key256 out{};
    std::copy(k.data(), k.data() + out.size(), out.begin());
    return out;
  };
  gtpv2::Ipv4 own{};
  const auto local = slot.peer->port().local();
  if (std::sscanf(local.ip.c_str(), "%hhu.%hhu.%hhu.%hhu", &own[0], &own[1], &own[2], &own[3]) != 4) own = {127, 0, 0, 1};
  gtpv2::ForwardRelocationRequest v;
  v.imsi = gtpv2::Imsi{ue.ue->imsi()};
  v.sender_control_fteid = {slot.peer->interface_type(), slot.peer->teid(), own, std::nullopt};
  gtpv2::PdnConnection pdn;
  pdn.apn = {"internet"};
  pdn.linked_ebi = 5;
  pdn.pgw_control_fteid = {gtpv2::interface_type::s5s8_pgw_gtpc, 0x900, own, std::nullopt};
  gtpv2::BearerContext b;
  b.ebi = 5;
  b.fteid_instance0 = gtpv2::FTeid{gtpv2::interface_type::s1u_sgw, 0x901, own, std::nullopt};
  b.qos = gtpv2::BearerQos{};
  pdn.bearers.push_back(b);
  pdn.apn_ambr = {50'000, 100'000};
  v.pdn_connections.push_back(pdn);
  gtpv2::EpsSecurityContext mm;
  mm.ksi_asme = kNewEksi;
  mm.nas_integrity_alg = 2;  // 128-EIA2
  mm.nas_cipher_alg = 2;     // 128-EEA2
  mm.nas_downlink_count = kDownlinkCount;
  mm.nas_uplink_count = kUplinkCount;
  mm.kasme = key(new_kasme);
  mm.common.ue_network_capability = {0xE0, 0xE0};
  mm.common.access_restriction = 0;
  gtpv2::OldEpsSecurityContext old;
  old.ksi_asme = kOldEksi;
  old.kasme = key(old_kasme);
  old.nh = key(nh);
  old.ncc = kNcc;
  mm.old_context = old;
  v.mm_context = mm;
  v.eutran_container = gtpv2::FContainer{3, source_to_target_container(peer_cell(id.ecgi.plmn), id.ecgi)};
  gtpv2::TargetIdentification t;
  t.target_type = 1;
  t.macro_enb = gtpv2::TargetMacroEnb{gtpv2::PlmnId::from_digits(p.mcc, p.mnc), id.id.id, id.tai.tac};
  v.target = t;
  v.s1ap_cause = gtpv2::FCause{0, {16}};
  const std::uint32_t sequence = slot.peer->port().next_sequence();
  const auto m = gtpv2::build(v, 0, sequence);
  slot.relocation = GtpSlot::Relocation{*env.sut_gtpc, 0, sequence, ue.ue->imsi()};
  roles::GtpPeer* peer = slot.peer.get();
  const auto to = *env.sut_gtpc;
  emit({s.role, "ForwardRelocationRequest",
        "ForwardRelocationRequest(old eKSI " + std::to_string(kOldEksi) + " KASME " + key_text(key(old_kasme)) + " NCC " +
            std::to_string(kNcc) + " NH " + key_text(key(nh)) + "; new eKSI " + std::to_string(kNewEksi) + " KASME " +
            key_text(key(new_kasme)) + ", OSCI 1)",
        [peer, to, m] { return peer->request(to, m); }});
  return outcome_.verdict == Verdict::pass;
}

}  // namespace concur::scenario::detail
