// One filled-in instance of every modelled S1AP message, for round trips, the tshark judge,
// benchmarks and fuzz seeds. Values are plausible, not from a capture. Keys come from
// ../shared/PROTOCOL-FACTS.md 1.5(c): the NH chain recomputed from the open5gs
// security_test3 KASME (self-computed, used here only as realistic 256-bit values).
#pragma once

#include <vector>

#include "codec/s1ap/messages.h"
#include "common/bytes.h"

namespace concur::s1ap::samples {

inline Key256 key_of(const char* hex) {
  Bytes b = from_hex(hex);
  Key256 k{};
  std::copy(b.begin(), b.end(), k.begin());
  return k;
}
/// K_eNB for UL COUNT 0 (PROTOCOL-FACTS 1.5(c)).
inline Key256 kenb() { return key_of("0650eaf36cfaf5afca0bda96a5224406d6436b2bb0cf4cfde700aa59aa340f00"); }
/// NH for NCC 2 (PROTOCOL-FACTS 1.5(c)).
inline Key256 nh2() { return key_of("c38f0ff5a3ca01e85005c506e11a72c440764706bb6b707911c7be7910c8ff4b"); }

inline constexpr Plmn kPlmn{0x00, 0xf1, 0x10};  // MCC 001, MNC 01
inline Tai tai() { return {kPlmn, 0x0001}; }
inline Ecgi ecgi() { return {kPlmn, 0x0001a2b}; }
inline UeSecurityCapabilities ue_caps() { return {0xe000, 0xe000}; }  // 128-EEA1..3 / 128-EIA1..3
inline Cause cause() { return {CauseGroup::radio_network, 2}; }         // handover-desirable-for-radio-reason
inline ERabLevelQos qos() { return {9, 15, false, true, std::nullopt}; }
inline Bytes ipv4() { return {127, 0, 0, 1}; }

inline HandoverRequest handover_request() {
  HandoverRequest m;
  m.mme_ue_s1ap_id = 0x01020304;
  m.handover_type = HandoverType::intralte;
  m.cause = cause();
  m.ue_ambr = {100'000'000, 50'000'000};
  m.e_rabs.push_back({5, qos(), ipv4(), 0x11223344, std::nullopt});
  m.e_rabs.push_back({6, {1, 2, true, false, GbrQosInformation{64000, 64000, 32000, 32000}}, ipv4(), 0x55667788, std::nullopt});
  m.source_to_target_container = from_hex("40 80 00 01 02 03 04 05");
  m.ue_security_capabilities = ue_caps();
  m.security_context = {2, nh2()};
  return m;
}

inline PathSwitchRequestAcknowledge path_switch_request_acknowledge() {
  PathSwitchRequestAcknowledge m;
  m.mme_ue_s1ap_id = 7;
  m.enb_ue_s1ap_id = 0x00abcd;
  m.e_rabs_to_switch_ul.push_back({5, ipv4(), 0x0a0b0c0d});
  m.security_context = {2, nh2()};
  return m;
}

inline InitialContextSetupRequest initial_context_setup_request() {
  InitialContextSetupRequest m;
  m.mme_ue_s1ap_id = 1;
  m.enb_ue_s1ap_id = 2;
  m.ue_ambr = {1'000'000'000, 500'000'000};
  // NAS: integrity-protected EMM INFORMATION without optional IEs (TS 24.301 8.2.13), valid for tshark.
  m.e_rabs.push_back({5, qos(), ipv4(), 1, from_hex("17 01 02 03 04 05 07 61")});
  m.ue_security_capabilities = ue_caps();
  m.security_key = kenb();
  return m;
}

inline UeContextModificationRequest ue_context_modification_request() {
  UeContextModificationRequest m;
  m.mme_ue_s1ap_id = 1;
  m.enb_ue_s1ap_id = 2;
  m.security_key = kenb();
  m.ue_security_capabilities = ue_caps();
  return m;
}

inline HandoverRequired handover_required_inter_mme() {
  HandoverRequired m;
  m.mme_ue_s1ap_id = 1;
  m.enb_ue_s1ap_id = 2;
  m.cause = cause();
  m.target_id = TargetEnb{{{0x00, 0xf2, 0x20}, EnbIdKind::macro, 0x12345}, {{0x00, 0xf2, 0x20}, 0x0777}};
  m.source_to_target_container = from_hex("00 01 02 03");
  return m;
}

inline HandoverRequired handover_required_to_utran() {
  HandoverRequired m = handover_required_inter_mme();
  m.handover_type = HandoverType::ltetoutran;
  m.target_id = TargetRnc{{kPlmn, 0x1234}, 0x56, 0x0abc, std::nullopt};
  return m;
}

inline HandoverRequired handover_required_to_geran() {
  HandoverRequired m = handover_required_inter_mme();
  m.handover_type = HandoverType::ltetogeran;
  m.target_id = TargetCgi{kPlmn, 0x1234, 0x5678, 0x9a};
  return m;
}

inline HandoverCommand handover_command_to_utran() {
  HandoverCommand m;
  m.mme_ue_s1ap_id = 1;
  m.enb_ue_s1ap_id = 2;
  m.handover_type = HandoverType::ltetoutran;
  m.nas_security_parameters_from_eutran = Bytes{0x05};  // TS 24.301 9.9.2.6: 4 LSBs of DL NAS COUNT
  m.target_to_source_container = from_hex("0a 0b 0c");
  return m;
}

/// Every modelled message once (and the inter-RAT variants of HANDOVER REQUIRED).
inline std::vector<S1apMessage> all() {
  std::vector<S1apMessage> v;
  v.push_back(S1SetupRequest{{}, {kPlmn, EnbIdKind::macro, 0xabcde}, std::string("enb-1"), {{1, {kPlmn}}}, 1});
  v.push_back(S1SetupResponse{{}, std::string("mme-1"), {{{kPlmn}, {0x8001}, {0x01}}}, 255});
  v.push_back(S1SetupFailure{{}, {CauseGroup::misc, 0}, std::uint8_t{1}});
  v.push_back(Reset{{}, {CauseGroup::protocol, 0}, {}});
  v.push_back(Reset{{}, {CauseGroup::misc, 3}, {{1u, 2u}, {std::nullopt, 3u}}});
  v.push_back(ErrorIndication{{}, 1u, 2u, Cause{CauseGroup::protocol, 1}});
  // SERVICE REQUEST (TS 24.301 8.2.25): header type 12, KSI 0 / seq 1, short MAC.
  v.push_back(InitialUeMessage{{}, 2, from_hex("c7 01 23 45"), tai(), ecgi(), 3, STmsi{1, 0xc0000001}});
  // SECURITY MODE COMMAND (TS 24.301 8.2.20): EEA2/EIA2, KSI 0, replayed UE security capabilities e0 e0.
  v.push_back(DownlinkNasTransport{{}, 1, 2, from_hex("37 12 34 56 78 00 07 5d 22 00 02 e0 e0")});
  v.push_back(UplinkNasTransport{{}, 1, 2, from_hex("47 12 34 56 78 00 07 5e"), ecgi(), tai()});
  v.push_back(initial_context_setup_request());
  v.push_back(InitialContextSetupResponse{{}, 1, 2, {{5, ipv4(), 9}}, {{6, {CauseGroup::radio_network, 0}}}});
  v.push_back(InitialContextSetupFailure{{}, 1, 2, {CauseGroup::radio_network, 26}});
  v.push_back(ue_context_modification_request());
  v.push_back(UeContextModificationResponse{{}, 1, 2});
  v.push_back(UeContextModificationFailure{{}, 1, 2, {CauseGroup::radio_network, 3}});
  v.push_back(UeContextReleaseRequest{{}, 1, 2, {CauseGroup::radio_network, 20}});
  v.push_back(UeContextReleaseCommand{{}, 1, 2u, {CauseGroup::nas, 0}});
  v.push_back(UeContextReleaseCommand{{}, 1, std::nullopt, {CauseGroup::nas, 2}});
  v.push_back(UeContextReleaseComplete{{}, 1, 2});
  v.push_back(handover_required_inter_mme());
  v.push_back(handover_required_to_utran());
  v.push_back(handover_required_to_geran());
  v.push_back(handover_command_to_utran());
  v.push_back(HandoverPreparationFailure{{}, 1, 2, {CauseGroup::radio_network, 4}});
  v.push_back(handover_request());
  v.push_back(HandoverRequestAcknowledge{
      {}, 1, 3, {{5, ipv4(), 10, ipv4(), 11u, std::nullopt, std::nullopt}}, {{6, {CauseGroup::radio_network, 0}}}, from_hex("00 80 01")});
  v.push_back(HandoverFailure{{}, 1, {CauseGroup::radio_network, 11}});
  v.push_back(HandoverNotify{{}, 1, 3, ecgi(), tai()});
  v.push_back(HandoverCancel{{}, 1, 2, {CauseGroup::radio_network, 13}});
  v.push_back(HandoverCancelAcknowledge{{}, 1, 2});
  v.push_back(EnbStatusTransfer{{}, 1, 2, {{5, 100, 2, 200, 3, std::nullopt}}});
  v.push_back(MmeStatusTransfer{{}, 1, 3, {{5, 100, 2, 200, 3, Bytes(512, 0xff)}}});
  PathSwitchRequest ps;
  ps.enb_ue_s1ap_id = 3;
  ps.e_rabs_to_switch_dl.push_back({5, ipv4(), 12});
  ps.source_mme_ue_s1ap_id = 1;
  ps.eutran_cgi = ecgi();
  ps.tai = tai();
  ps.ue_security_capabilities = ue_caps();
  v.push_back(ps);
  v.push_back(path_switch_request_acknowledge());
  v.push_back(PathSwitchRequestFailure{{}, 1, 3, {CauseGroup::misc, 0}});
  return v;
}

}  // namespace concur::s1ap::samples
