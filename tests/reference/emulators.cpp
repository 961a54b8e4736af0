#include "emulators.h"

#include <algorithm>

#include "codec/nas/pdu.h"

namespace concur::reference::testing {

using security::SecurityHeaderType;

s1ap::Key256 to_s1ap(const security::Key256& k) {
  s1ap::Key256 out{};
  std::copy(k.data(), k.data() + out.size(), out.begin());
  return out;
}

// --- eNB -------------------------------------------------------------------------------------

TestEnb::TestEnb(const MmeProcess& mme, std::uint32_t enb_id, std::uint16_t tac) {
  id = {kPlmn, s1ap::EnbIdKind::macro, enb_id};
  tai = {kPlmn, tac};
  ecgi = {kPlmn, enb_id << 8};
  transport::SctpOptions o;
  o.backend = transport::SctpBackend::userspace_udp;
  o.remote_udp_encapsulation_port = mme.udp_encapsulation_port();
  association_ = transport::sctp_connect(mme.s1_address(), o, {"127.0.0.1", 0});
  const auto e = association_->receive(kWait);
  up_ = e.kind == transport::SctpEventKind::association_up;
  if (!up_) ADD_FAILURE() << "association to the MME did not come up: " << transport::to_string(e.kind) << " " << e.detail;
}

void TestEnb::send(const s1ap::S1apMessage& m, std::uint16_t stream) {
  auto bytes = s1ap::encode(m);
  ASSERT_TRUE(bytes.ok()) << bytes.error().to_string();
  send_raw(*bytes, stream);
}

void TestEnb::send_raw(const Bytes& bytes, std::uint16_t stream) {
  const auto s = association_->send(stream, transport::kS1apPpid, view_of(bytes));
  ASSERT_TRUE(s.ok) << s.error;
}

std::optional<s1ap::S1apMessage> TestEnb::receive(std::chrono::milliseconds timeout, std::string* why) {
  const auto e = association_->receive(timeout);
  if (e.kind != transport::SctpEventKind::message) {
    if (why) *why = std::string(transport::to_string(e.kind)) + " " + e.detail;
    return std::nullopt;
  }
  auto m = s1ap::decode_pdu(view_of(e.bytes));
  if (!m) {
    if (why) *why = "undecodable S1AP from the MME: " + m.error().to_string();
    return std::nullopt;
  }
  return std::move(*m);
}

s1ap::S1SetupRequest TestEnb::s1_setup_request(const s1ap::Plmn& plmn) const {
  s1ap::S1SetupRequest r;
  r.global_enb_id = id;
  r.global_enb_id.plmn = plmn;
  r.enb_name = "test-enb-" + std::to_string(id.id);
  r.supported_tas.push_back({tai.tac, {plmn}});
  r.default_paging_drx = 1;
  return r;
}

bool TestEnb::setup() {
  send(s1_setup_request(), 0);
  return expect<s1ap::S1SetupResponse>().has_value();
}

// --- UE --------------------------------------------------------------------------------------

TestUe::TestUe()
    : usim_(security::Key128::from_hex(kK), security::Key128::from_hex(kOpc)),
      sn_(security::ServingNetworkId::from_digits("001", "01")) {}

Bytes TestUe::attach_request() const {
  nas::PdnConnectivityRequest pdn;
  pdn.header = {0, 1};
  nas::AttachRequest a;
  a.eps_attach_type = 1;
  a.nas_ksi = {false, nas::NasKeySetIdentifier::no_key_available};
  a.eps_mobile_identity = nas::EpsMobileIdentity::from_imsi(kImsi);
  a.ue_network_capability.octets = {0xE0, 0xE0};  // EEA0-2, EIA0-2 (TS 24.301 9.9.3.34)
  a.esm_message_container = nas::encode(nas::NasMessage(pdn));
  return nas::encode(nas::NasMessage(a));
}

std::optional<nas::NasMessage> TestUe::read_downlink(ByteView pdu) {
  nas::DecodeOptions o;
  o.direction = nas::Direction::downlink;
  if (pdu.empty()) return std::nullopt;
  const auto header = static_cast<SecurityHeaderType>(pdu[0] >> 4);
  if (header == SecurityHeaderType::plain) {
    auto m = nas::decode_message(pdu, o);
    if (!m) ADD_FAILURE() << "UE cannot decode plain downlink NAS: " << m.error().to_string();
    return m ? std::optional(std::move(*m)) : std::nullopt;
  }
  if (header == SecurityHeaderType::integrity_protected_new_context) {
    // SECURITY MODE COMMAND: read it, create the context it names from the last AKA, check the MAC.
    auto outer = nas::decode(pdu, o);
    if (!outer || !outer->message || !std::holds_alternative<nas::SecurityModeCommand>(*outer->message)) {
      ADD_FAILURE() << "header type 3 that is not a SECURITY MODE COMMAND";
      return std::nullopt;
    }
    const auto& smc = std::get<nas::SecurityModeCommand>(*outer->message);
    if (!last_aka || last_aka->first != smc.nas_ksi.ksi) {
      ADD_FAILURE() << "SMC for eKSI " << int(smc.nas_ksi.ksi) << " without a matching AKA";
      return std::nullopt;
    }
    security::NasSecurityContext ctx(smc.nas_ksi.ksi, last_aka->second,
                                     static_cast<security::CipheringAlgorithm>(smc.selected_nas_security_algorithms.ciphering),
                                     static_cast<security::IntegrityAlgorithm>(smc.selected_nas_security_algorithms.integrity));
    auto v = security::verify(ctx, security::Direction::downlink, pdu);
    if (!v || !v->mac_valid) {
      ADD_FAILURE() << "SMC MAC does not verify with the UE's own KASME";
      return std::nullopt;
    }
    nas.store(ctx);
    return *outer->message;
  }
  security::NasSecurityContext* ctx = nas.current();
  if (!ctx) {
    ADD_FAILURE() << "protected downlink NAS before any SMC";
    return std::nullopt;
  }
  auto v = security::verify(*ctx, security::Direction::downlink, pdu);
  if (!v || !v->mac_valid) {
    ADD_FAILURE() << "downlink NAS MAC does not verify with the UE's context";
    return std::nullopt;
  }
  auto m = nas::decode_message(view_of(v->message), o);
  if (!m) ADD_FAILURE() << "UE cannot decode deciphered NAS: " << m.error().to_string();
  return m ? std::optional(std::move(*m)) : std::nullopt;
}

Bytes TestUe::answer_authentication(const nas::AuthenticationRequest& request) {
  security::Rand rand{};
  security::Autn autn{};
  std::copy(request.rand.begin(), request.rand.end(), rand.begin());
  std::copy(request.autn.begin(), request.autn.end(), autn.begin());
  const auto outcome = security::ue_authenticate(usim_, usim_window, rand, autn, sn_);
  const auto* ok = std::get_if<security::AkaSuccess>(&outcome);
  if (!ok) {
    ADD_FAILURE() << "the USIM rejected the network's AUTN (outcome index " << outcome.index() << ")";
    return {};
  }
  last_aka = std::make_pair(request.nas_ksi.ksi, ok->kasme);
  nas::AuthenticationResponse r;
  r.res.assign(ok->res.begin(), ok->res.end());
  return protect_uplink(r);
}

Bytes TestUe::answer_security_mode_command(const nas::SecurityModeCommand& smc) {
  security::NasSecurityContext* ctx = nas.find(smc.nas_ksi.ksi);
  smc_complete_uplink_count = ctx->next_count(security::Direction::uplink);
  const Bytes pdu = security::protect(*ctx, security::Direction::uplink,
                                      SecurityHeaderType::integrity_protected_ciphered_new_context,
                                      view_of(nas::encode(nas::NasMessage(nas::SecurityModeComplete{}))));
  nas.take_into_use(smc.nas_ksi.ksi);
  return pdu;
}

Bytes TestUe::protect_uplink(const nas::NasMessage& m) {
  const Bytes plain = nas::encode(m);
  if (auto* ctx = nas.current())
    return security::protect(*ctx, security::Direction::uplink, SecurityHeaderType::integrity_protected_ciphered, view_of(plain));
  return plain;
}

// --- attach ----------------------------------------------------------------------------------

namespace {

/// Next DOWNLINK NAS TRANSPORT read by the UE, which must be a T.
template <class T>
std::optional<T> downlink_nas(TestEnb& enb, TestUe& ue, std::uint32_t* mme_id = nullptr) {
  auto dl = enb.expect<s1ap::DownlinkNasTransport>();
  if (!dl) return std::nullopt;
  if (mme_id) *mme_id = dl->mme_ue_s1ap_id;
  auto m = ue.read_downlink(view_of(dl->nas_pdu));
  if (!m) return std::nullopt;
  if (auto* t = std::get_if<T>(&*m)) return *t;
  ADD_FAILURE() << "UE expected " << typeid(T).name() << ", got " << nas::message_name(*m);
  return std::nullopt;
}

}  // namespace

std::optional<AttachedUe> attach(TestEnb& enb, TestUe& ue, std::uint32_t enb_ue_s1ap_id) {
  AttachedUe a;
  a.enb_ue_s1ap_id = enb_ue_s1ap_id;
  s1ap::InitialUeMessage initial;
  initial.enb_ue_s1ap_id = enb_ue_s1ap_id;
  initial.nas_pdu = ue.attach_request();
  initial.tai = enb.tai;
  initial.eutran_cgi = enb.ecgi;
  initial.rrc_establishment_cause = 3;  // mo-Signalling
  enb.send(initial);

  const auto uplink = [&](const Bytes& nas_pdu) {
    s1ap::UplinkNasTransport ul;
    ul.mme_ue_s1ap_id = a.mme_ue_s1ap_id;
    ul.enb_ue_s1ap_id = enb_ue_s1ap_id;
    ul.nas_pdu = nas_pdu;
    ul.eutran_cgi = enb.ecgi;
    ul.tai = enb.tai;
    enb.send(ul);
  };

  auto auth = downlink_nas<nas::AuthenticationRequest>(enb, ue, &a.mme_ue_s1ap_id);
  if (!auth) return std::nullopt;
  uplink(ue.answer_authentication(*auth));
  auto smc = downlink_nas<nas::SecurityModeCommand>(enb, ue);
  if (!smc) return std::nullopt;
  uplink(ue.answer_security_mode_command(*smc));

  auto ics = enb.expect<s1ap::InitialContextSetupRequest>();
  if (!ics || ics->e_rabs.size() != 1 || !ics->e_rabs[0].nas_pdu) {
    ADD_FAILURE() << "INITIAL CONTEXT SETUP REQUEST missing or without the ATTACH ACCEPT in its E-RAB";
    return std::nullopt;
  }
  auto accept = ue.read_downlink(view_of(*ics->e_rabs[0].nas_pdu));
  if (!accept || !std::holds_alternative<nas::AttachAccept>(*accept)) {
    ADD_FAILURE() << "the E-RAB's NAS-PDU is not an ATTACH ACCEPT";
    return std::nullopt;
  }
  if (const auto& g = std::get<nas::AttachAccept>(*accept).guti) a.guti = g->guti_value;
  a.kenb = ics->security_key;
  a.eksi = ue.last_aka->first;
  a.kasme = ue.last_aka->second;
  a.kenb_uplink_count = ue.smc_complete_uplink_count;

  s1ap::InitialContextSetupResponse response;
  response.mme_ue_s1ap_id = a.mme_ue_s1ap_id;
  response.enb_ue_s1ap_id = enb_ue_s1ap_id;
  response.e_rabs_setup.push_back({5, {127, 0, 0, 10}, 0x5000 + enb_ue_s1ap_id});
  enb.send(response);
  uplink(ue.protect_uplink(nas::AttachComplete{}));
  return a;
}

}  // namespace concur::reference::testing
