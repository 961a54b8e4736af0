// Build -> encode -> decode -> encode round trips of every EMM message in scope, with the fields
// that matter asserted, and the octets of the security-relevant ones pinned against TS 24.301
// layouts (octet comments follow the §8.2.x tables).
#include <gtest/gtest.h>

#include "codec/nas/emm.h"
#include "codec/nas/message.h"
#include "nas_test_util.h"

namespace concur::nas {
namespace {

using test::round_trip;

Guti sample_guti() { return Guti{Plmn{"001", "01"}, 0x8001, 0x01, 0xC0000001}; }

TaiList sample_tai_list() {
  TaiList l;
  l.lists.push_back({0, {Tai{{"001", "01"}, 1}, Tai{{"001", "01"}, 7}}});
  return l;
}

TEST(EmmRoundTrip, attach_request_with_imsi_and_optional_ies_round_trips) {
  AttachRequest m;
  m.eps_attach_type = 1;
  m.nas_ksi = {false, 7};
  m.eps_mobile_identity = EpsMobileIdentity::from_imsi("001010123456789");
  m.ue_network_capability.octets = {0xE0, 0xE0};
  m.esm_message_container = from_hex("0201d011d1");
  m.drx_parameter = DrxParameter{0x00, 0x00};
  m.last_visited_registered_tai = Tai{{"001", "01"}, 0x0001};
  m.ms_network_capability = from_hex("e5e034");
  Bytes wire;
  const auto d = round_trip(m, &wire);
  EXPECT_EQ(d.eps_mobile_identity.digits, "001010123456789");
  EXPECT_EQ(d.nas_ksi.ksi, 7);
  EXPECT_EQ(d.ue_network_capability.eea(), 0xE0);
  // octet 3: NAS KSI 7 (bits 8–5) | EPS attach type 1 (bits 4–1); octet 4: identity length 8.
  EXPECT_EQ(to_hex(ByteView(wire).first(4)), "07417108");
}

TEST(EmmRoundTrip, attach_request_with_old_guti_keeps_guti_fields) {
  AttachRequest m;
  m.nas_ksi = {false, 2};
  m.eps_mobile_identity = EpsMobileIdentity::from_guti(sample_guti());
  m.ue_network_capability.octets = {0xF0, 0xF0, 0xC0, 0x40};
  m.esm_message_container = from_hex("0201d011d1");
  m.additional_guti = EpsMobileIdentity::from_guti(sample_guti());
  m.ue_additional_security_capability = from_hex("00000000");
  const auto d = round_trip(m);
  EXPECT_EQ(d.eps_mobile_identity.type, EpsMobileIdentity::guti);
  EXPECT_EQ(d.eps_mobile_identity.guti_value, sample_guti());
}

TEST(EmmRoundTrip, attach_accept_with_guti_and_timers_round_trips) {
  AttachAccept m;
  m.eps_attach_result = 1;
  m.t3412 = {1, 9};
  m.tai_list = sample_tai_list();
  m.esm_message_container = from_hex("5201c1010904");
  m.guti = EpsMobileIdentity::from_guti(sample_guti());
  m.t3402 = GprsTimer{1, 12};
  m.emm_cause = 18;
  const auto d = round_trip(m);
  ASSERT_TRUE(d.guti);
  EXPECT_EQ(d.guti->guti_value.m_tmsi, 0xC0000001u);
  EXPECT_EQ(d.t3412.seconds(), 540u);
  EXPECT_EQ(d.tai_list.lists.at(0).tais.at(1).tac, 7);
}

TEST(EmmRoundTrip, attach_complete_and_reject_round_trip) {
  AttachComplete c;
  c.esm_message_container = from_hex("5200c2");
  EXPECT_EQ(round_trip(c).esm_message_container, from_hex("5200c2"));
  AttachReject r;
  r.emm_cause = 7;
  r.esm_message_container = from_hex("0201d11b");
  const auto d = round_trip(r);
  EXPECT_EQ(d.emm_cause, 7);
  EXPECT_EQ(d.esm_message_container, from_hex("0201d11b"));
}

TEST(EmmRoundTrip, authentication_request_carries_ksi_rand_and_autn) {
  AuthenticationRequest m;
  m.nas_ksi = {false, 1};
  for (int i = 0; i < 16; ++i) m.rand[i] = static_cast<std::uint8_t>(i);
  for (int i = 0; i < 16; ++i) m.autn[i] = static_cast<std::uint8_t>(0xA0 + i);
  Bytes wire;
  const auto d = round_trip(m, &wire);
  EXPECT_EQ(d.nas_ksi.ksi, 1);
  EXPECT_EQ(wire.size(), 3u + 16 + 17);
  EXPECT_EQ(wire[19], 16);  // AUTN length octet
}

TEST(EmmRoundTrip, authentication_response_reject_and_failure_round_trip) {
  AuthenticationResponse resp;
  resp.res = from_hex("a54211d5e3ba50bf");  // TS 35.208 test set 1 RES (PROTOCOL-FACTS §2.2)
  EXPECT_EQ(round_trip(resp).res.size(), 8u);
  round_trip(AuthenticationReject{});
  AuthenticationFailure f;
  f.emm_cause = emm_cause::synch_failure;
  f.auts = Auts{};
  for (int i = 0; i < 14; ++i) (*f.auts)[i] = static_cast<std::uint8_t>(0x10 + i);
  const auto d = round_trip(f);
  EXPECT_EQ(d.emm_cause, 21);
  ASSERT_TRUE(d.auts);
  EXPECT_EQ((*d.auts)[13], 0x1D);
}

TEST(EmmRoundTrip, security_mode_command_keeps_algorithms_eksi_and_replayed_capabilities) {
  SecurityModeCommand m;
  m.selected_nas_security_algorithms = {2, 2};
  m.nas_ksi = {false, 3};
  m.replayed_ue_security_capabilities.eea = 0xF0;
  m.replayed_ue_security_capabilities.eia = 0x70;
  m.replayed_ue_security_capabilities.uea = 0xC0;
  m.replayed_ue_security_capabilities.uia = 0x40;
  m.imeisv_request = 1;
  m.replayed_nonce_ue = 0x11223344;
  m.nonce_mme = 0x55667788;
  Bytes wire;
  const auto d = round_trip(m, &wire);
  EXPECT_EQ(d.selected_nas_security_algorithms.ciphering, 2);
  EXPECT_EQ(d.selected_nas_security_algorithms.integrity, 2);
  EXPECT_EQ(d.nas_ksi.ksi, 3);
  EXPECT_TRUE(d.replayed_ue_security_capabilities.supports_eia(2));
  EXPECT_FALSE(d.replayed_ue_security_capabilities.supports_eia(0));
  // Table 8.2.20.1 order: algorithms 0x22, KSI 03, LV caps, C- IMEISV request, 55 nonce, 56 nonce.
  EXPECT_EQ(to_hex(wire), "075d220304f070c040c1551122334456" "55667788");
}

TEST(EmmRoundTrip, security_mode_complete_with_imeisv_and_reject_round_trip) {
  SecurityModeComplete c;
  MobileIdentity imeisv;
  imeisv.type = MobileIdentity::imeisv;
  imeisv.digits = "3534900698733019";
  c.imeisv = imeisv;
  const auto d = round_trip(c);
  ASSERT_TRUE(d.imeisv);
  EXPECT_EQ(d.imeisv->digits, "3534900698733019");
  SecurityModeReject r;
  r.emm_cause = emm_cause::ue_security_capabilities_mismatch;
  EXPECT_EQ(round_trip(r).emm_cause, 23);
}

TEST(EmmRoundTrip, identity_request_and_response_round_trip) {
  IdentityRequest q;
  q.identity_type = 1;
  EXPECT_EQ(round_trip(q).identity_type, 1);
  IdentityResponse r;
  r.mobile_identity.type = MobileIdentity::imsi;
  r.mobile_identity.digits = "00101000000001";  // even digit count: filler nibble 1111
  EXPECT_EQ(round_trip(r).mobile_identity.digits, "00101000000001");
}

TEST(EmmRoundTrip, tracking_area_update_request_with_nonce_and_non_current_ksi_round_trips) {
  TrackingAreaUpdateRequest m;
  m.eps_update_type = 0x8;  // active flag, TA updating
  m.nas_ksi = {false, 4};
  m.old_guti = EpsMobileIdentity::from_guti(sample_guti());
  m.non_current_native_nas_ksi = NasKeySetIdentifier{false, 2};
  m.gprs_ciphering_key_sequence_number = 7;
  m.nonce_ue = 0x11223344;
  m.ue_network_capability = UeNetworkCapability{{0xE0, 0xE0}};
  m.last_visited_registered_tai = Tai{{"001", "01"}, 5};
  m.eps_bearer_context_status = from_hex("2000");
  const auto d = round_trip(m);
  EXPECT_EQ(d.eps_update_type, 0x8);
  ASSERT_TRUE(d.non_current_native_nas_ksi);
  EXPECT_EQ(d.non_current_native_nas_ksi->ksi, 2);
  EXPECT_EQ(d.nonce_ue, 0x11223344u);
}

TEST(EmmRoundTrip, tracking_area_update_accept_complete_and_reject_round_trip) {
  TrackingAreaUpdateAccept a;
  a.eps_update_result = 0;
  a.t3412 = GprsTimer{1, 30};
  a.guti = EpsMobileIdentity::from_guti(sample_guti());
  a.tai_list = sample_tai_list();
  a.eps_bearer_context_status = from_hex("2000");
  const auto d = round_trip(a);
  ASSERT_TRUE(d.tai_list);
  EXPECT_EQ(d.tai_list->lists[0].tais.size(), 2u);
  round_trip(TrackingAreaUpdateComplete{});
  TrackingAreaUpdateReject r;
  r.emm_cause = 9;
  EXPECT_EQ(round_trip(r).emm_cause, 9);
}

TEST(EmmRoundTrip, extended_service_request_and_service_reject_round_trip) {
  ExtendedServiceRequest e;
  e.service_type = 1;
  e.nas_ksi = {false, 1};
  e.m_tmsi.type = MobileIdentity::tmsi;
  e.m_tmsi.tmsi_value = 0xC0000001;
  e.csfb_response = 1;
  const auto d = round_trip(e);
  EXPECT_EQ(d.m_tmsi.tmsi_value, 0xC0000001u);
  ServiceReject s;
  s.emm_cause = 10;
  s.t3442 = GprsTimer{0, 5};
  EXPECT_EQ(round_trip(s).t3442->value, 5);
}

TEST(EmmRoundTrip, detach_request_in_both_directions_and_detach_accept_round_trip) {
  DetachRequestUplink up;
  up.detach_type = 0x9;  // switch off, EPS detach
  up.nas_ksi = {false, 1};
  up.eps_mobile_identity = EpsMobileIdentity::from_guti(sample_guti());
  EXPECT_EQ(round_trip(up).detach_type, 0x9);
  DetachRequestDownlink down;
  down.detach_type = 2;
  down.emm_cause = 17;
  EXPECT_EQ(round_trip(down).emm_cause, 17);
  DetachRequestDownlink bare;
  bare.detach_type = 1;
  round_trip(bare);
  round_trip(DetachAccept{});
}

TEST(EmmRoundTrip, emm_status_and_emm_information_round_trip) {
  EmmStatus s;
  s.emm_cause = 97;
  EXPECT_EQ(round_trip(s).emm_cause, 97);
  EmmInformation i;
  i.full_network_name = from_hex("80c3f2f0");
  i.local_time_zone = 0x40;
  i.universal_time_and_local_time_zone = from_hex("32110121345640");
  i.network_daylight_saving_time = from_hex("00");
  const auto d = round_trip(i);
  EXPECT_EQ(d.local_time_zone, 0x40);
}

TEST(EmmRoundTrip, guti_reallocation_command_and_complete_round_trip) {
  GutiReallocationCommand c;
  c.guti = EpsMobileIdentity::from_guti(sample_guti());
  TaiList consecutive;
  consecutive.lists.push_back({1, {Tai{{"208", "930"}, 10}, Tai{{"208", "930"}, 11}, Tai{{"208", "930"}, 12}}});
  c.tai_list = consecutive;
  const auto d = round_trip(c);
  EXPECT_EQ(d.guti.guti_value.mme_group_id, 0x8001);
  EXPECT_EQ(d.tai_list->lists[0].tais[2].tac, 12);
  EXPECT_EQ(d.tai_list->lists[0].tais[0].plmn.mnc, "930");
  round_trip(GutiReallocationComplete{});
}

TEST(EmmRoundTrip, downlink_and_uplink_nas_transport_round_trip) {
  DownlinkNasTransport d;
  d.nas_message_container = from_hex("0901");
  EXPECT_EQ(round_trip(d).nas_message_container, from_hex("0901"));
  UplinkNasTransport u;
  u.nas_message_container = from_hex("0904");
  EXPECT_EQ(round_trip(u).nas_message_container, from_hex("0904"));
}

TEST(EmmRoundTrip, unknown_optional_ies_are_kept_in_wire_order) {
  // SMC with IEI 0x37 (known, untyped) between two typed nonces and an unknown TLV 0x2B at the end.
  const auto pdu = test::decode_exact("075d2200" "02e0e0" "55aabbccdd" "370101" "5611223344" "2b02abcd");
  const auto& smc = std::get<SecurityModeCommand>(*pdu.message);
  EXPECT_EQ(smc.nonce_mme, 0x11223344u);
  ASSERT_EQ(smc.other.list.size(), 2u);
  EXPECT_EQ(smc.other.list[1].iei, 0x2B);
}

}  // namespace
}  // namespace concur::nas
