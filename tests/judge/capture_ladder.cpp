#include "capture_ladder.h"

#include "codec/gtpv2/ie_values.h"
#include "codec/s1ap/sample_messages.h"
#include "codec/gtpv2/sample_messages.h"
#include "security/aka.h"
#include "security/kdf.h"

namespace concur::judge::test {
namespace {

constexpr std::uint32_t kS1apPpid = 18;
const s1ap::Plmn kOtherPlmn{0x00, 0xf2, 0x20};  // MCC 002 / MNC 02: another MME's area

s1ap::Tai tai() { return {kPlmn, 1}; }
s1ap::Ecgi ecgi(int enb) { return {kPlmn, static_cast<std::uint32_t>(0x1000 * enb)}; }
Bytes ipv4() { return {127, 0, 0, 1}; }
s1ap::Cause radio_cause() { return {s1ap::CauseGroup::radio_network, 2}; }
s1ap::ERabToBeSetup e_rab() { return {5, {9, 15, false, true, std::nullopt}, ipv4(), 1, std::nullopt}; }

gtpv2::Key256 key_array(const Key256& k) { return k; }

}  // namespace

std::string key_file_text() {
  return std::string("# test subscriber, TS 35.208 test set 1\nsubscriber imsi=") + kImsi + " k=" + kK +
         " opc=" + kOpc + "\n";
}

CaptureLadder::CaptureLadder(const std::string& path)
    : writer_(path),
      usim_(security::Key128::from_hex(kK), security::Key128::from_hex(kOpc)),
      t_(std::chrono::seconds(1'800'000'000)) {}

capture::TransportAddress CaptureLadder::mme_s1() const { return capture::TransportAddress::from_text("127.0.0.1", 36412); }
capture::TransportAddress CaptureLadder::enb(int n) const {
  return capture::TransportAddress::from_text("127.0.1." + std::to_string(n), static_cast<std::uint16_t>(50000 + n));
}
capture::TransportAddress CaptureLadder::mme_gtp() const { return capture::TransportAddress::from_text("127.0.0.1", 2123); }
capture::TransportAddress CaptureLadder::peer_gtp() const { return capture::TransportAddress::from_text("127.0.0.9", 2123); }

capture::PcapWriter::Clock::time_point CaptureLadder::tick() {
  t_ += std::chrono::milliseconds(10);
  return t_;
}

void CaptureLadder::s1(const capture::TransportAddress& src, const capture::TransportAddress& dst,
                       const s1ap::S1apMessage& m) {
  const Bytes bytes = s1ap::encode(m).value();
  writer_.sctp_data(tick(), src, dst, 1, kS1apPpid, view_of(bytes));
  ++messages_;
}

void CaptureLadder::downlink(const LadderUe& ue, const s1ap::S1apMessage& m) { s1(mme_s1(), enb(ue.enb), m); }
void CaptureLadder::uplink(const LadderUe& ue, const s1ap::S1apMessage& m) { s1(enb(ue.enb), mme_s1(), m); }
void CaptureLadder::to_enb(int n, const s1ap::S1apMessage& m) { s1(mme_s1(), enb(n), m); }
void CaptureLadder::from_enb(int n, const s1ap::S1apMessage& m) { s1(enb(n), mme_s1(), m); }

void CaptureLadder::gtp(bool from_mme, const gtpv2::GtpMessage& m) {
  const Bytes bytes = gtpv2::encode(m);
  if (from_mme) {
    writer_.udp(tick(), mme_gtp(), peer_gtp(), view_of(bytes));
  } else {
    writer_.udp(tick(), peer_gtp(), mme_gtp(), view_of(bytes));
  }
  ++messages_;
}

void CaptureLadder::downlink_nas(const LadderUe& ue, const Bytes& nas) {
  downlink(ue, s1ap::DownlinkNasTransport{{}, ue.mme_ue_s1ap_id, ue.enb_ue_s1ap_id, nas});
}
void CaptureLadder::uplink_nas(const LadderUe& ue, const Bytes& nas) {
  uplink(ue, s1ap::UplinkNasTransport{{}, ue.mme_ue_s1ap_id, ue.enb_ue_s1ap_id, nas, ecgi(ue.enb), tai()});
}

Bytes CaptureLadder::ciphered(LadderUe& ue, security::Direction d, const nas::NasMessage& plain) {
  const Bytes octets = nas::encode(plain);
  return security::protect(*ue.nas, d, security::SecurityHeaderType::integrity_protected_ciphered, view_of(octets));
}

void CaptureLadder::attach(LadderUe& ue, std::uint8_t ksi) {
  nas::AttachRequest a;
  a.nas_ksi = {false, 7};
  a.eps_mobile_identity = nas::EpsMobileIdentity::from_imsi(ue.imsi);
  a.ue_network_capability.octets = {0xE0, 0xE0};
  a.esm_message_container = from_hex("0201d011");  // PDN CONNECTIVITY REQUEST, IPv4
  uplink(ue, s1ap::InitialUeMessage{{}, ue.enb_ue_s1ap_id, nas::encode(a), tai(), ecgi(ue.enb), 3, std::nullopt});
  authenticate(ue, ksi);
  security_mode_command(ue, ksi);
  security_mode_complete(ue);
  initial_context_setup_request(ue);
  initial_context_setup_response(ue);
  downlink_nas(ue, ciphered(ue, security::Direction::downlink, nas::EmmInformation{}));
}

void CaptureLadder::authenticate(LadderUe& ue, std::uint8_t ksi) {
  security::Rand rand{};
  rand.fill(static_cast<std::uint8_t>(0x30 + ksi));
  const auto sn = security::ServingNetworkId::from_plmn_identity(kPlmn);
  const security::EpsAuthVector av = security::generate_eps_auth_vector(usim_, rand, ue.sqn += 0x20, {0x80, 0x00}, sn);
  ue.kasme[ksi] = plain_key(av.kasme);
  nas::AuthenticationRequest req;
  req.nas_ksi = {false, ksi};
  req.rand = av.rand;
  req.autn = av.autn;
  nas::AuthenticationResponse res;
  res.res.assign(av.xres.begin(), av.xres.end());
  // In ECM-CONNECTED with a context, AKA runs ciphered (TS 24.301 4.4.5).
  downlink_nas(ue, ue.nas ? ciphered(ue, security::Direction::downlink, req) : nas::encode(req));
  uplink_nas(ue, ue.nas ? ciphered(ue, security::Direction::uplink, res) : nas::encode(res));
}

void CaptureLadder::security_mode_command(LadderUe& ue, std::uint8_t ksi) {
  ue.pending.emplace(ksi, security::Key256(ue.kasme.at(ksi)), security::CipheringAlgorithm::eea2,
                     security::IntegrityAlgorithm::eia2);
  nas::SecurityModeCommand smc;
  smc.selected_nas_security_algorithms = {2, 2};
  smc.nas_ksi = {false, ksi};
  smc.replayed_ue_security_capabilities.eea = 0xE0;
  smc.replayed_ue_security_capabilities.eia = 0xE0;
  const Bytes octets = nas::encode(smc);
  downlink_nas(ue, security::protect(*ue.pending, security::Direction::downlink,
                                     security::SecurityHeaderType::integrity_protected_new_context, view_of(octets)));
}

void CaptureLadder::security_mode_complete(LadderUe& ue) {
  const Bytes octets = nas::encode(nas::SecurityModeComplete{});
  const Bytes pdu = security::protect(*ue.pending, security::Direction::uplink,
                                      security::SecurityHeaderType::integrity_protected_ciphered_new_context,
                                      view_of(octets));
  ue.ksi = ue.pending->ksi();
  ue.nas.emplace(*ue.pending);
  ue.pending.reset();
  uplink_nas(ue, pdu);
}

void CaptureLadder::initial_context_setup_request(LadderUe& ue) {
  ue.kenb = plain_key(security::derive_kenb(security::Key256(ue.kasme.at(ue.ksi)), ue.nas->last_uplink_count()));
  ue.nh = ue.kenb;  // SYNC-input of NH1 (TS 33.401 A.4); the KeNB is NCC 0
  ue.ncc = 0;
  ue.chain_ksi = ue.ksi;
  s1ap::InitialContextSetupRequest m;
  m.mme_ue_s1ap_id = ue.mme_ue_s1ap_id;
  m.enb_ue_s1ap_id = ue.enb_ue_s1ap_id;
  m.ue_ambr = {1'000'000, 500'000};
  m.e_rabs.push_back(e_rab());
  m.ue_security_capabilities = {0xe000, 0xe000};
  m.security_key = ue.kenb;
  downlink(ue, m);
}

void CaptureLadder::initial_context_setup_response(LadderUe& ue) {
  uplink(ue, s1ap::InitialContextSetupResponse{{}, ue.mme_ue_s1ap_id, ue.enb_ue_s1ap_id, {{5, ipv4(), 9}}, {}});
}

void CaptureLadder::ue_context_modification_request(LadderUe& ue) {
  s1ap::UeContextModificationRequest m;
  m.mme_ue_s1ap_id = ue.mme_ue_s1ap_id;
  m.enb_ue_s1ap_id = ue.enb_ue_s1ap_id;
  m.security_key = plain_key(security::derive_kenb(security::Key256(ue.kasme.at(ue.ksi)), ue.nas->last_uplink_count()));
  m.ue_security_capabilities = s1ap::UeSecurityCapabilities{0xe000, 0xe000};
  downlink(ue, m);
}

void CaptureLadder::ue_context_modification_response(LadderUe& ue) {
  // The KeNB of the new KASME is in use: the AS chain restarts from it.
  ue.kenb = plain_key(security::derive_kenb(security::Key256(ue.kasme.at(ue.ksi)), ue.nas->last_uplink_count()));
  ue.nh = ue.kenb;
  ue.ncc = 0;
  ue.chain_ksi = ue.ksi;
  uplink(ue, s1ap::UeContextModificationResponse{{}, ue.mme_ue_s1ap_id, ue.enb_ue_s1ap_id});
}

void CaptureLadder::ue_context_modification_failure(LadderUe& ue) {
  uplink(ue, s1ap::UeContextModificationFailure{{}, ue.mme_ue_s1ap_id, ue.enb_ue_s1ap_id, radio_cause()});
}

monitor::NhNcc CaptureLadder::next_nh(LadderUe& ue, std::optional<std::uint8_t> from_kasme_ksi) {
  const Key256& kasme = ue.kasme.at(from_kasme_ksi.value_or(ue.chain_ksi));
  ue.nh = plain_key(security::derive_nh(security::Key256(kasme), security::Key256(ue.nh)));
  ue.ncc = static_cast<std::uint8_t>((ue.ncc + 1) % 8);
  return {ue.ncc, ue.nh};
}

void CaptureLadder::s1_handover(LadderUe& ue, int target, const monitor::NhNcc& sc) {
  uplink(ue, s1ap::HandoverRequired{{}, ue.mme_ue_s1ap_id, ue.enb_ue_s1ap_id, s1ap::HandoverType::intralte,
                                    radio_cause(),
                                    s1ap::TargetEnb{{kPlmn, s1ap::EnbIdKind::macro, 0x100u + target}, tai()},
                                    from_hex("00010203")});
  handover_in(ue, target, sc);
}

void CaptureLadder::handover_in(LadderUe& ue, int target, const monitor::NhNcc& sc) {
  s1ap::HandoverRequest r;
  r.mme_ue_s1ap_id = ue.mme_ue_s1ap_id;
  r.handover_type = s1ap::HandoverType::intralte;
  r.cause = radio_cause();
  r.ue_ambr = {1'000'000, 500'000};
  r.e_rabs.push_back(e_rab());
  r.source_to_target_container = from_hex("40800001");
  r.ue_security_capabilities = {0xe000, 0xe000};
  r.security_context = {sc.ncc, sc.nh};
  to_enb(target, r);
  const int source = ue.enb;
  const std::uint32_t source_enb_id = ue.enb_ue_s1ap_id;
  const std::uint32_t target_enb_id = ue.enb_ue_s1ap_id + 1000;
  from_enb(target, s1ap::HandoverRequestAcknowledge{
                       {}, ue.mme_ue_s1ap_id, target_enb_id, {{5, ipv4(), 10, ipv4(), 11u, std::nullopt, std::nullopt}}, {},
                       from_hex("008001")});
  const bool intra_mme = source != 0;  // source 0: the UE came over S10, no source eNB here
  if (intra_mme) {
    to_enb(source, s1ap::HandoverCommand{{}, ue.mme_ue_s1ap_id, source_enb_id, s1ap::HandoverType::intralte,
                                         std::nullopt, from_hex("0a0b0c")});
  }
  from_enb(target, s1ap::HandoverNotify{{}, ue.mme_ue_s1ap_id, target_enb_id, ecgi(target), tai()});
  if (intra_mme) {
    to_enb(source, s1ap::UeContextReleaseCommand{{}, ue.mme_ue_s1ap_id, source_enb_id, radio_cause()});
    from_enb(source, s1ap::UeContextReleaseComplete{{}, ue.mme_ue_s1ap_id, source_enb_id});
  }
  ue.enb = target;
  ue.enb_ue_s1ap_id = target_enb_id;
}

void CaptureLadder::handover_required_inter_mme(LadderUe& ue) {
  uplink(ue, s1ap::HandoverRequired{{}, ue.mme_ue_s1ap_id, ue.enb_ue_s1ap_id, s1ap::HandoverType::intralte,
                                    radio_cause(),
                                    s1ap::TargetEnb{{kOtherPlmn, s1ap::EnbIdKind::macro, 0x12345}, {kOtherPlmn, 0x777}},
                                    from_hex("00010203")});
}

void CaptureLadder::forward_relocation_out(LadderUe& ue, std::uint32_t sequence, bool with_old, std::uint8_t old_ksi) {
  gtpv2::ForwardRelocationRequest r = gtpv2::samples::s10_forward_relocation_request();
  r.imsi = gtpv2::Imsi{ue.imsi};
  r.sender_control_fteid.teid = 0x1000 + sequence;
  gtpv2::EpsSecurityContext mm = gtpv2::samples::minimal_eps_security_context();
  mm.ksi_asme = ue.ksi;
  mm.kasme = key_array(ue.kasme.at(ue.ksi));
  mm.nas_cipher_alg = 2;
  if (with_old) {
    // The old KASME's chain goes on for AS (rule 8): the next {NH, NCC} of it.
    const monitor::NhNcc old_pair = next_nh(ue);
    gtpv2::OldEpsSecurityContext old;
    old.ksi_asme = old_ksi;
    old.kasme = key_array(ue.kasme.at(old_ksi));
    old.nh = old_pair.nh;
    old.ncc = old_pair.ncc;
    mm.old_context = old;
  } else {
    const monitor::NhNcc pair = next_nh(ue);
    mm.next_hop = gtpv2::NextHop{pair.nh, pair.ncc};
  }
  r.mm_context = mm;
  gtp(true, gtpv2::build(r, 0, sequence));
}

void CaptureLadder::finish_relocation_out(LadderUe& ue, std::uint32_t sequence) {
  gtpv2::ForwardRelocationResponse resp;
  resp.cause.value = 16;
  resp.sender_control_fteid = gtpv2::FTeid{gtpv2::interface_type::s10_mme, 0x2000 + sequence, gtpv2::Ipv4{127, 0, 0, 9}, std::nullopt};
  gtp(false, gtpv2::build(resp, 0x1000 + sequence, sequence));
  downlink(ue, s1ap::HandoverCommand{{}, ue.mme_ue_s1ap_id, ue.enb_ue_s1ap_id, s1ap::HandoverType::intralte,
                                     std::nullopt, from_hex("0a0b0c")});
  gtp(false, gtpv2::make_message(gtpv2::MessageType::forward_relocation_complete_notification, 0x1000 + sequence,
                                 sequence + 1));
  gtp(true, gtpv2::make_message(gtpv2::MessageType::forward_relocation_complete_acknowledge, 0x2000 + sequence,
                                sequence + 1, {gtpv2::make_ie(gtpv2::Cause{})}));
  release(ue);
}

void CaptureLadder::forward_relocation_in(LadderUe& ue, std::uint32_t sequence, std::uint8_t new_ksi,
                                          std::uint8_t old_ksi, const monitor::NhNcc& old_pair) {
  gtpv2::ForwardRelocationRequest r = gtpv2::samples::s10_forward_relocation_request();
  r.imsi = gtpv2::Imsi{ue.imsi};
  r.sender_control_fteid.teid = 0x3000 + sequence;
  gtpv2::EpsSecurityContext mm = gtpv2::samples::minimal_eps_security_context();
  mm.ksi_asme = new_ksi;
  mm.kasme = key_array(ue.kasme.at(new_ksi));
  gtpv2::OldEpsSecurityContext old;
  old.ksi_asme = old_ksi;
  old.kasme = key_array(ue.kasme.at(old_ksi));
  old.nh = old_pair.nh;
  old.ncc = old_pair.ncc;
  mm.old_context = old;
  r.mm_context = mm;
  gtp(false, gtpv2::build(r, 0, sequence));
  // The target MME continues the old chain from the pair it received (rule 9).
  ue.nh = old_pair.nh;
  ue.ncc = old_pair.ncc;
  ue.chain_ksi = old_ksi;
  ue.ksi = new_ksi;
  ue.enb = 0;
}

void CaptureLadder::release(LadderUe& ue) {
  downlink(ue, s1ap::UeContextReleaseCommand{{}, ue.mme_ue_s1ap_id, ue.enb_ue_s1ap_id, radio_cause()});
  uplink(ue, s1ap::UeContextReleaseComplete{{}, ue.mme_ue_s1ap_id, ue.enb_ue_s1ap_id});
}

}  // namespace concur::judge::test
