#include "sample_messages.h"

namespace concur::gtpv2::samples {

namespace {

template <std::size_t N>
std::array<std::uint8_t, N> key(const char* hex) {
  const Bytes b = from_hex(hex);
  std::array<std::uint8_t, N> k{};
  for (std::size_t i = 0; i < N && i < b.size(); ++i) k[i] = b[i];
  return k;
}

Key128 pattern128(std::uint8_t seed) {
  Key128 k{};
  for (std::size_t i = 0; i < k.size(); ++i) k[i] = static_cast<std::uint8_t>(seed + 17 * i);
  return k;
}

// Cause "Request accepted" (29.274 Table 8.4-1).
Cause accepted() {
  Cause c;
  c.value = 16;
  return c;
}

PlmnId home() { return PlmnId::from_digits("001", "01"); }
constexpr Ipv4 mme_a{10, 0, 0, 1}, mme_b{10, 0, 0, 2}, sgw{10, 0, 1, 1}, pgw{10, 0, 2, 1}, enb{10, 0, 3, 1};

AuthenticationQuadruplet quadruplet(std::uint8_t seed) {
  AuthenticationQuadruplet q;
  q.rand = pattern128(seed);
  q.xres = Bytes{0xa5, 0x42, 0xa0, 0x1b, 0x13, 0x5e, 0x7f, 0xd1};
  q.autn = Bytes(16, static_cast<std::uint8_t>(seed + 1));
  q.autn[6] = 0x80;  // AMF separation bit, as EPS AUTNs carry
  q.kasme = key<32>("6144c681d1bea9dae1b8cf6cd10a686341db8046a1e7a9ab4d1ea0e33c994ac0");
  return q;
}

AuthenticationQuintuplet quintuplet(std::uint8_t seed) {
  AuthenticationQuintuplet q;
  q.rand = pattern128(seed);
  q.xres = Bytes{0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88};
  q.ck = pattern128(static_cast<std::uint8_t>(seed + 3));
  q.ik = pattern128(static_cast<std::uint8_t>(seed + 5));
  q.autn = Bytes(16, static_cast<std::uint8_t>(seed + 7));
  return q;
}

MmCommonData common_data() {
  MmCommonData c;
  c.subscribed_ue_ambr = UeAmbr{50000, 100000};
  c.used_ue_ambr = UeAmbr{20000, 80000};
  c.ue_network_capability = from_hex("e0e0");      // EEA0-2, EIA0-2 (TS 24.301 9.9.3.34)
  c.ms_network_capability = from_hex("e5e034");    // TS 24.008 10.5.5.12
  c.mei = from_hex("5304901234567810");            // IMEISV TBCD
  c.access_restriction = 0x00;
  return c;
}

// Plain Attach Request (TS 24.301 8.2.4): KSI 7 (none) | EPS attach, GUTI, UE network capability,
// ESM container with a PDN Connectivity Request (IPv4, initial request).
Bytes attach_request() { return from_hex("0741710bf600f110800101c0000a0102e0e000040201d011"); }

// Trace Information (29.274 8.31): PLMN, trace ID, triggering events (9), NE types (2), depth,
// interfaces (12), trace collection entity IPv4.
Bytes trace_information() {
  return from_hex("00f110" "000001" "000000000000000000" "0000" "01" "000000000000000000000000" "0a000001");
}

FTeid fteid(std::uint8_t interface, std::uint32_t teid, Ipv4 address) { return FTeid{interface, teid, address, std::nullopt}; }

}  // namespace

Key256 kasme_vector() { return key<32>("d5ef4d8f33266902295d42f322a2f2cf11fb2ccc124c09b4d88d361597037990"); }
Key256 nh_vector() { return key<32>("c855866413071b74aba01c132b943e7698aa5c11760d9bb1162ab313b11c6051"); }
Key256 old_kasme_vector() { return key<32>("6144c681d1bea9dae1b8cf6cd10a686341db8046a1e7a9ab4d1ea0e33c994ac0"); }
Key256 old_nh_vector() { return key<32>("c4c7bc798ab94e3d354cd6608e79aa92f5569df46519507850051e36f018ca5f"); }

EpsSecurityContext minimal_eps_security_context() {
  EpsSecurityContext e;
  e.ksi_asme = 1;
  e.nas_integrity_alg = 2;
  e.nas_cipher_alg = 0;
  e.nas_downlink_count = 7;
  e.nas_uplink_count = 5;
  e.kasme = kasme_vector();
  e.common.ue_network_capability = from_hex("e0e0");
  e.common.access_restriction = 0x00;
  return e;
}

EpsSecurityContext full_eps_security_context() {
  EpsSecurityContext e;
  e.ksi_asme = 2;  // the new KASME's eKSI after the SMC
  e.nas_integrity_alg = 2;
  e.nas_cipher_alg = 2;
  e.nas_downlink_count = 0x000102;
  e.nas_uplink_count = 0x000101;
  e.kasme = kasme_vector();
  e.quadruplets = {quadruplet(0x10), quadruplet(0x20)};
  e.drx = 0x0a00;
  e.next_hop = NextHop{nh_vector(), 2};
  e.common = common_data();
  OldEpsSecurityContext old;
  old.ksi_asme = 1;
  old.kasme = old_kasme_vector();
  old.nh = old_nh_vector();
  old.ncc = 1;
  e.old_context = old;
  return e;
}

PdnConnection sample_pdn_connection() {
  PdnConnection c;
  c.apn = Apn{"internet.mnc001.mcc001.gprs"};
  c.selection_mode = SelectionMode{0};
  c.ipv4_address = IpAddress{Bytes{100, 64, 0, 7}};
  c.linked_ebi = 5;
  c.pgw_control_fteid = fteid(interface_type::s5s8_pgw_gtpc, 0x5000, pgw);
  c.pgw_node_name = Fqdn{"topon.s5s8.pgw.epc.mnc001.mcc001.3gppnetwork.org"};
  BearerContext b;
  b.ebi = 5;
  b.fteid_instance0 = fteid(interface_type::s1u_sgw, 0x1001, sgw);
  b.fteid_instance1 = fteid(interface_type::s5s8_pgw_gtpu, 0x5001, pgw);
  b.qos = BearerQos{false, 9, true, 9, 0, 0, 0, 0};
  c.bearers.push_back(b);
  c.apn_ambr = Ambr{100000, 200000};
  c.charging_characteristics = ChargingCharacteristics{0x0800};
  return c;
}

// Aligned-PER SourceeNB-ToTargeteNB-TransparentContainer (TS 36.413): no optional IEs; RRC container =
// HandoverPreparationInformation with criticalExtensionsFuture (0x80); target cell 001/01 ECI 0x0012345;
// UE history: one E-UTRAN cell (same ECGI), cell size small, stayed 10 s. Hand-encoded; tshark 4.0.17
// dissects it without errors (gtpv2_tshark_test).
Bytes sample_eutran_container() { return from_hex("000180" "0000f110001234500000f11000123450" "80000a"); }

ForwardRelocationRequest s10_forward_relocation_request() {
  ForwardRelocationRequest r;
  r.imsi = Imsi{"001010123456789"};
  r.sender_control_fteid = fteid(interface_type::s10_mme, 0x0a000001, mme_a);
  r.pdn_connections.push_back(sample_pdn_connection());
  r.sgw_control_fteid = fteid(interface_type::s11s4_sgw, 0x0b000001, sgw);
  r.sgw_node_name = Fqdn{"topon.s11.sgw.epc.mnc001.mcc001.3gppnetwork.org"};
  r.mm_context = full_eps_security_context();
  r.indication = Indication{}.set(indication::msv);
  r.eutran_container = FContainer{3, sample_eutran_container()};
  TargetIdentification t;
  t.target_type = 1;
  t.macro_enb = TargetMacroEnb{home(), 0x01234, 0x0002};
  r.target = t;
  r.s1ap_cause = FCause{0, Bytes{16}};  // radio network: handover-desirable-for-radio-reason
  r.selected_plmn = SelectedPlmnId{home()};
  r.recovery = Recovery{3};
  r.ue_time_zone = UeTimeZone{0x40, 0};
  r.serving_network = ServingNetwork{home()};
  return r;
}

ForwardRelocationRequest s3_forward_relocation_request_to_utran() {
  ForwardRelocationRequest r;
  r.imsi = Imsi{"001010123456789"};
  r.sender_control_fteid = fteid(interface_type::s3_mme, 0x0a000002, mme_a);
  r.pdn_connections.push_back(sample_pdn_connection());
  r.sgw_control_fteid = fteid(interface_type::s11s4_sgw, 0x0b000001, sgw);
  UmtsKeyQuadrupletsQuintuplets u;
  u.ksi_asme = 2;
  u.ck_prime = pattern128(0x31);
  u.ik_prime = pattern128(0x47);
  u.quintuplets = {quintuplet(0x40)};  // returned to the SGSN it came from (33.401 6.1.5)
  u.drx = 0x0a00;
  u.common = common_data();
  r.mm_context = u;
  TargetIdentification t;
  t.target_type = 0;
  t.rnc = TargetRncId{home(), 0x1234, 0x56, 0x0101, std::nullopt};
  r.target = t;
  r.ranap_cause = FCause{0, Bytes{0x2b}};
  return r;
}

ForwardRelocationRequest s3_forward_relocation_request_to_geran() {
  ForwardRelocationRequest r = s3_forward_relocation_request_to_utran();
  TargetIdentification t;
  t.target_type = 2;
  t.cell = TargetCellIdentifier{home(), 0x1234, 0x56, 0x4321};
  r.target = t;
  r.ranap_cause.reset();
  r.bss_container = FContainer{2, Bytes{0x00}};  // no PFI/SAPI/RP/XiD (29.274 8.48)
  r.bssgp_cause = FCause{0, Bytes{0x00}};
  return r;
}

ForwardRelocationResponse forward_relocation_response() {
  ForwardRelocationResponse r;
  r.cause = accepted();
  r.sender_control_fteid = fteid(interface_type::s10_mme, 0x0c000001, mme_b);
  r.indication = Indication{Bytes{0x00, 0x00}};
  BearerContext b;
  b.ebi = 5;
  b.fteid_instance0 = fteid(19, 0x0d000001, enb);  // eNodeB DL data forwarding
  r.setup_bearers.push_back(b);
  // TargeteNB-ToSourceeNB-TransparentContainer: RRC container = HandoverCommand, criticalExtensionsFuture.
  r.eutran_container = FContainer{3, from_hex("000180")};
  return r;
}

ContextRequest context_request() {
  ContextRequest r;
  r.guti = Guti{home(), 0x8001, 0x01, 0xc0000a01};
  // Plain TAU Request (TS 24.301 8.2.29): PD 7, type 0x48, KSI 1 | TA updating, old GUTI (LV).
  r.complete_tau_request = CompleteRequestMessage{1, from_hex("0748100bf600f110800101c0000a01")};
  r.sender_control_fteid = fteid(interface_type::s10_mme, 0x0c000002, mme_b);
  r.rat_type = RatType{6};
  r.hop_counter = HopCounter{2};
  r.target_plmn = ServingNetwork{home()};
  return r;
}

ContextResponse context_response() {
  ContextResponse r;
  r.cause = accepted();
  r.imsi = Imsi{"001010123456789"};
  EpsSecurityContext e = full_eps_security_context();
  e.old_context.reset();  // 29.274 8.38: the old context goes only in S10 Forward Relocation Request
  e.next_hop.reset();
  r.mm_context = e;
  r.pdn_connections.push_back(sample_pdn_connection());
  r.sender_control_fteid = fteid(interface_type::s10_mme, 0x0a000003, mme_a);
  r.sgw_control_fteid = fteid(interface_type::s11s4_sgw, 0x0b000001, sgw);
  r.sgw_node_name = Fqdn{"topon.s11.sgw.epc.mnc001.mcc001.3gppnetwork.org"};
  r.ue_time_zone = UeTimeZone{0x40, 1};
  return r;
}

GtpMessage echo_request() {
  return make_message(MessageType::echo_request, 0, 0x000101,
                      {make_ie(Recovery{7}), make_ie(PrivateExtension{32473, from_hex("c0ffee")})});
}

GtpMessage echo_response() { return make_message(MessageType::echo_response, 0, 0x000101, {make_ie(Recovery{9})}); }

GtpMessage create_session_request() {
  Uli uli;
  uli.tai = Tai{home(), 0x0001};
  uli.ecgi = Ecgi{home(), 0x0012345};
  BearerContext b;
  b.ebi = 5;
  b.qos = BearerQos{false, 9, true, 9, 0, 0, 0, 0};
  Paa paa;
  paa.pdn_type = 1;
  paa.ipv4 = Ipv4{0, 0, 0, 0};
  Indication ind;
  ind.octets = {0x00, 0x00, 0x00};
  return make_message(
      MessageType::create_session_request, 0, 0x000201,
      {make_ie(Imsi{"001010123456789"}), make_ie(Msisdn{"8613900000001"}), make_ie(Mei{"3530901234567810"}),
       make_ie(uli), make_ie(ServingNetwork{home()}), make_ie(RatType{6}), make_ie(ind),
       make_ie(fteid(interface_type::s11_mme, 0x00000001, mme_a), 0),
       make_ie(fteid(interface_type::s5s8_pgw_gtpc, 0, pgw), 1), make_ie(Apn{"internet"}), make_ie(SelectionMode{0}),
       make_ie(PdnType{1}), make_ie(paa), make_ie(Ambr{50000, 100000}), make_bearer_context_ie(b, 0),
       make_ie(Recovery{3}), make_ie(UeTimeZone{0x40, 0}), make_ie(ChargingCharacteristics{0x0800})});
}

GtpMessage create_session_response() {
  BearerContext b;
  b.ebi = 5;
  b.cause = accepted();
  b.fteid_instance0 = fteid(interface_type::s1u_sgw, 0x1001, sgw);
  b.fteid_instance2 = fteid(interface_type::s5s8_pgw_gtpu, 0x5001, pgw);
  Paa paa;
  paa.pdn_type = 1;
  paa.ipv4 = Ipv4{100, 64, 0, 7};
  return make_message(MessageType::create_session_response, 0x00000001, 0x000201,
                      {make_ie(accepted()), make_ie(fteid(interface_type::s11s4_sgw, 0x0b000001, sgw), 0),
                       make_ie(fteid(interface_type::s5s8_pgw_gtpc, 0x5000, pgw), 1), make_ie(paa),
                       make_ie(Ambr{50000, 100000}), make_bearer_context_ie(b, 0), make_ie(Recovery{4})});
}

GtpMessage modify_bearer_request() {
  Uli uli;
  uli.tai = Tai{home(), 0x0002};
  uli.ecgi = Ecgi{home(), 0x0012346};
  BearerContext b;
  b.ebi = 5;
  b.fteid_instance0 = fteid(interface_type::s1u_enb, 0x0e000001, enb);
  return make_message(MessageType::modify_bearer_request, 0x0b000001, 0x000301,
                      {make_ie(Mei{"3530901234567810"}), make_ie(uli), make_ie(ServingNetwork{home()}),
                       make_ie(RatType{6}), make_ie(DelayValue{2}), make_bearer_context_ie(b, 0)});
}

GtpMessage modify_bearer_response() {
  BearerContext b;
  b.ebi = 5;
  b.cause = accepted();
  b.fteid_instance0 = fteid(interface_type::s1u_sgw, 0x1001, sgw);
  return make_message(MessageType::modify_bearer_response, 0x00000001, 0x000301,
                      {make_ie(accepted()), make_ie(Msisdn{"8613900000001"}), make_ie(Ebi{5}),
                       make_bearer_context_ie(b, 0), make_ie(Recovery{4})});
}

GtpMessage delete_session_request() {
  Uli uli;
  uli.tai = Tai{home(), 0x0002};
  uli.ecgi = Ecgi{home(), 0x0012346};
  Indication ind;
  ind.octets = {0x00, 0x00, 0x00};  // Rel-8 and later send at least 2 flag octets
  ind.set(indication::oi);
  return make_message(MessageType::delete_session_request, 0x0b000001, 0x000401,
                      {make_ie(Ebi{5}), make_ie(uli), make_ie(ind)});
}

GtpMessage delete_session_response() {
  return make_message(MessageType::delete_session_response, 0x00000001, 0x000401,
                      {make_ie(accepted()), make_ie(Recovery{4})});
}

GtpMessage release_access_bearers_request() {
  return make_message(MessageType::release_access_bearers_request, 0x0b000001, 0x000501,
                      {make_ie(NodeType{0})});
}

GtpMessage release_access_bearers_response() {
  return make_message(MessageType::release_access_bearers_response, 0x00000001, 0x000501,
                      {make_ie(accepted()), make_ie(Recovery{4})});
}

GtpMessage forward_relocation_complete_notification() {
  Indication ind;
  ind.octets = {0x00, 0x00};
  return make_message(MessageType::forward_relocation_complete_notification, 0x0a000001, 0x000601, {make_ie(ind)});
}

GtpMessage forward_relocation_complete_acknowledge() {
  return make_message(MessageType::forward_relocation_complete_acknowledge, 0x0c000001, 0x000601,
                      {make_ie(accepted()), make_ie(Recovery{5})});
}

GtpMessage context_acknowledge() {
  Indication ind;
  ind.octets = {0x00, 0x00};
  return make_message(MessageType::context_acknowledge, 0x0a000003, 0x000701, {make_ie(accepted()), make_ie(ind)});
}

GtpMessage identification_request() {
  Uli rai;
  rai.rai = Rai{home(), 0x1234, 0x56ff};
  return make_message(MessageType::identification_request, 0, 0x000801,
                      {make_ie(Guti{home(), 0x8001, 0x01, 0xc0000a01}), make_ie(rai), make_ie(PTmsi{0xc0000a01}),
                       make_ie(CompleteRequestMessage{0, attach_request()}), make_ie(PortNumber{2123}),
                       make_ie(HopCounter{1}), make_ie(ServingNetwork{home()})});
}

GtpMessage identification_response() {
  EpsSecurityContext e = minimal_eps_security_context();
  e.quadruplets = {quadruplet(0x30)};
  return make_message(MessageType::identification_response, 0x0c000003, 0x000801,
                      {make_ie(accepted()), make_ie(Imsi{"001010123456789"}), make_ie(e),
                       make_ie(TraceInformation{trace_information()})});
}

std::vector<std::pair<std::string, GtpMessage>> all_messages() {
  return {
      {"echo_request", echo_request()},
      {"echo_response", echo_response()},
      {"create_session_request", create_session_request()},
      {"create_session_response", create_session_response()},
      {"modify_bearer_request", modify_bearer_request()},
      {"modify_bearer_response", modify_bearer_response()},
      {"delete_session_request", delete_session_request()},
      {"delete_session_response", delete_session_response()},
      {"release_access_bearers_request", release_access_bearers_request()},
      {"release_access_bearers_response", release_access_bearers_response()},
      {"s10_forward_relocation_request", build(s10_forward_relocation_request(), 0, 0x000901)},
      {"s3_forward_relocation_request_to_utran", build(s3_forward_relocation_request_to_utran(), 0, 0x000902)},
      {"s3_forward_relocation_request_to_geran", build(s3_forward_relocation_request_to_geran(), 0, 0x000903)},
      {"forward_relocation_response", build(forward_relocation_response(), 0x0a000001, 0x000901)},
      {"forward_relocation_complete_notification", forward_relocation_complete_notification()},
      {"forward_relocation_complete_acknowledge", forward_relocation_complete_acknowledge()},
      {"context_request", build(context_request(), 0, 0x000a01)},
      {"context_response", build(context_response(), 0x0c000002, 0x000a01)},
      {"context_acknowledge", context_acknowledge()},
      {"identification_request", identification_request()},
      {"identification_response", identification_response()},
  };
}

}  // namespace concur::gtpv2::samples
