// The adapter: each decoded S1AP, NAS-EPS and GTPv2-C message type becomes the monitor event the
// rules expect, with the ids and security parameters it carried. Messages come from the codecs'
// own sample builders and go through encode -> decode first, as they would from a capture.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "codec/gtpv2/sample_messages.h"
#include "codec/nas/message.h"
#include "codec/s1ap/sample_messages.h"
#include "judge/adapter.h"

namespace concur::judge {
namespace {

namespace s = s1ap::samples;

s1ap::S1apMessage round_trip(const s1ap::S1apMessage& m) {
  const Bytes b = s1ap::encode(m).value();
  return s1ap::decode_pdu(view_of(b)).value();
}

template <class Body>
Body body_of(const s1ap::S1apMessage& m) {
  auto b = s1ap_event_body(round_trip(m));
  EXPECT_TRUE(b.has_value());
  EXPECT_TRUE(b && std::holds_alternative<Body>(*b));
  return b && std::holds_alternative<Body>(*b) ? std::get<Body>(*b) : Body{};
}

TEST(S1apAdapter, initial_context_setup_request_carries_its_security_key_as_the_new_kenb) {
  const auto e = body_of<monitor::InitialContextSetupRequest>(s::initial_context_setup_request());
  EXPECT_EQ(e.security_key, s::kenb());
}

TEST(S1apAdapter, ue_context_modification_request_with_and_without_security_key) {
  EXPECT_EQ(body_of<monitor::UeContextModificationRequest>(s::ue_context_modification_request()).security_key, s::kenb());
  s1ap::UeContextModificationRequest plain = s::ue_context_modification_request();
  plain.security_key.reset();
  EXPECT_FALSE(body_of<monitor::UeContextModificationRequest>(plain).security_key.has_value());
}

TEST(S1apAdapter, handover_required_to_another_plmn_names_the_target_tai_for_the_profile_to_judge) {
  const auto e = body_of<monitor::HandoverRequired>(s::handover_required_inter_mme());
  EXPECT_EQ(e.type, monitor::HandoverType::intra_lte);
  ASSERT_TRUE(e.target_tai.has_value());
  EXPECT_EQ(e.target_tai->plmn, "00202");
  EXPECT_EQ(e.target_tai->tac, 0x777);
}

TEST(S1apAdapter, handover_required_to_utran_and_geran_are_inter_rat_types) {
  EXPECT_EQ(body_of<monitor::HandoverRequired>(s::handover_required_to_utran()).type, monitor::HandoverType::lte_to_utran);
  EXPECT_EQ(body_of<monitor::HandoverRequired>(s::handover_required_to_geran()).type, monitor::HandoverType::lte_to_geran);
  EXPECT_FALSE(body_of<monitor::HandoverRequired>(s::handover_required_to_utran()).target_tai.has_value());
}

TEST(S1apAdapter, handover_request_and_path_switch_acknowledge_carry_ncc_and_nh) {
  const auto h = body_of<monitor::HandoverRequest>(s::handover_request());
  EXPECT_EQ(h.security_context.ncc, 2);
  EXPECT_EQ(h.security_context.nh, s::nh2());
  const auto p = body_of<monitor::PathSwitchRequestAcknowledge>(s::path_switch_request_acknowledge());
  EXPECT_EQ(p.security_context.ncc, 2);
  EXPECT_EQ(p.security_context.nh, s::nh2());
}

TEST(S1apAdapter, handover_request_has_only_the_mme_id_and_path_switch_request_only_the_target_enb_id) {
  const auto hr = round_trip(s::handover_request());
  const monitor::S1UeIds h = s1ap_ue_ids(hr, "eNB2");
  EXPECT_EQ(h.association, "eNB2");
  EXPECT_EQ(h.mme_ue_s1ap_id, 0x01020304u);
  EXPECT_FALSE(h.enb_ue_s1ap_id.has_value());

  s1ap::S1apMessage ps_msg;
  for (const auto& m : s::all()) {
    if (std::holds_alternative<s1ap::PathSwitchRequest>(m)) ps_msg = round_trip(m);
  }
  const monitor::S1UeIds p = s1ap_ue_ids(ps_msg, "eNB3");
  EXPECT_FALSE(p.mme_ue_s1ap_id.has_value()) << "its MME id names the source leg";
  EXPECT_EQ(p.enb_ue_s1ap_id, 3u);
  EXPECT_EQ(std::get<monitor::PathSwitchRequest>(*s1ap_event_body(ps_msg)).source_mme_ue_s1ap_id, 1u);
}

TEST(S1apAdapter, every_modelled_message_of_the_rules_maps_and_the_others_do_not) {
  std::vector<std::string> mapped, unmapped;
  for (const auto& m : s::all()) {
    const Bytes b = s1ap::encode(m).value();
    (s1ap_event_body(round_trip(m)) ? mapped : unmapped).push_back(s1ap_name(view_of(b)));
  }
  EXPECT_THAT(unmapped, ::testing::UnorderedElementsAre("S1SetupRequest", "S1SetupResponse", "S1SetupFailure", "Reset",
                                                        "Reset", "ErrorIndication", "InitialUEMessage",
                                                        "DownlinkNASTransport", "UplinkNASTransport",
                                                        "UEContextReleaseRequest", "ENBStatusTransfer",
                                                        "MMEStatusTransfer"));
  EXPECT_THAT(mapped, ::testing::Contains("HandoverCancelAcknowledge"));
  EXPECT_THAT(mapped, ::testing::Contains("PathSwitchRequestFailure"));
  EXPECT_EQ(mapped.size() + unmapped.size(), s::all().size());
}

TEST(S1apAdapter, nas_pdus_of_the_nas_pdu_ie_and_of_e_rab_lists_are_found) {
  EXPECT_EQ(s1ap_nas_pdus(round_trip(s::initial_context_setup_request())).size(), 1u);
  EXPECT_EQ(s1ap_nas_pdus(round_trip(s::handover_request())).size(), 0u);
}

TEST(S1apAdapter, plmn_digits_follow_tbcd_with_a_filler_for_two_digit_mncs) {
  EXPECT_EQ(plmn_digits({0x00, 0xf1, 0x10}), "00101");
  EXPECT_EQ(plmn_digits({0x13, 0x00, 0x62}), "310260");
}

TEST(S1apAdapter, the_name_comes_from_the_pdu_and_garbage_is_named_as_such) {
  const Bytes b = s1ap::encode(s::handover_request()).value();
  EXPECT_EQ(s1ap_name(view_of(b)), "HandoverRequest");
  EXPECT_EQ(s1ap_name(ByteView()), "S1AP-PDU");
}

TEST(NasAdapter, authentication_request_and_security_mode_command_carry_eksi_and_algorithms) {
  nas::AuthenticationRequest a;
  a.nas_ksi = {false, 3};
  EXPECT_EQ(std::get<monitor::AuthenticationRequest>(*nas_event_body(a)).eksi, 3);
  nas::SecurityModeCommand smc;
  smc.nas_ksi = {false, 2};
  smc.selected_nas_security_algorithms = {1, 3};
  const auto e = std::get<monitor::SecurityModeCommand>(*nas_event_body(smc));
  EXPECT_EQ(e.eksi, 2);
  EXPECT_EQ(e.selected, (monitor::NasAlgorithms{1, 3}));
}

TEST(NasAdapter, smc_complete_reject_and_authentication_response_map_one_to_one) {
  EXPECT_TRUE(std::holds_alternative<monitor::SecurityModeComplete>(*nas_event_body(nas::SecurityModeComplete{})));
  EXPECT_TRUE(std::holds_alternative<monitor::SecurityModeReject>(*nas_event_body(nas::SecurityModeReject{})));
  EXPECT_TRUE(std::holds_alternative<monitor::AuthenticationResponse>(*nas_event_body(nas::AuthenticationResponse{})));
}

TEST(NasAdapter, attach_tau_and_service_requests_open_a_connection_and_eksi_7_means_none) {
  nas::AttachRequest a;
  a.nas_ksi = {false, 7};
  a.eps_mobile_identity = nas::EpsMobileIdentity::from_imsi("001010000000009");
  const auto attach = std::get<monitor::NasInitialRequest>(*nas_event_body(a));
  EXPECT_EQ(attach.kind, monitor::NasRequestKind::attach);
  EXPECT_FALSE(attach.eksi.has_value());
  EXPECT_EQ(nas_imsi(a), "001010000000009");
  nas::TrackingAreaUpdateRequest t;
  t.nas_ksi = {false, 1};
  EXPECT_EQ(std::get<monitor::NasInitialRequest>(*nas_event_body(t)).kind, monitor::NasRequestKind::tracking_area_update);
  EXPECT_EQ(std::get<monitor::NasInitialRequest>(*nas_event_body(t)).eksi, 1);
  const auto sr = std::get<monitor::NasInitialRequest>(nas_service_request_body(nas::ServiceRequest{2, 5, 0}));
  EXPECT_EQ(sr.kind, monitor::NasRequestKind::service);
  EXPECT_EQ(sr.eksi, 2);
}

TEST(NasAdapter, messages_outside_the_rules_map_to_nothing) {
  EXPECT_FALSE(nas_event_body(nas::EmmInformation{}).has_value());
  EXPECT_FALSE(nas_event_body(nas::AttachComplete{}).has_value());
}

TEST(GtpAdapter, s10_forward_relocation_request_carries_both_contexts_and_the_sender_teid) {
  const gtpv2::GtpMessage m = gtpv2::build(gtpv2::samples::s10_forward_relocation_request(), 0, 0x42);
  const GtpFacts f = gtp_facts(gtpv2::decode(view_of(gtpv2::encode(m))).value());
  ASSERT_TRUE(f.body.has_value());
  const auto& r = std::get<monitor::ForwardRelocationRequest>(*f.body);
  EXPECT_EQ(r.interface, monitor::GtpInterface::s10);
  ASSERT_TRUE(r.eps.has_value());
  EXPECT_EQ(r.eps->ksi_asme, 2);
  EXPECT_EQ(r.eps->kasme, gtpv2::samples::kasme_vector());
  ASSERT_TRUE(r.eps->nh_ncc.has_value());
  EXPECT_EQ(r.eps->nh_ncc->ncc, 2);
  ASSERT_TRUE(r.eps->old_context.has_value());
  EXPECT_EQ(r.eps->old_context->old_kasme, gtpv2::samples::old_kasme_vector());
  EXPECT_EQ(f.ids.sequence, 0x42u);
  EXPECT_EQ(f.ids.sender_cp_teid, 0x0a000001u);
  EXPECT_EQ(f.imsi, "001010123456789");
  EXPECT_FALSE(f.s3);
}

TEST(GtpAdapter, s3_forward_relocation_request_is_recognised_by_its_umts_context) {
  const gtpv2::GtpMessage m = gtpv2::build(gtpv2::samples::s3_forward_relocation_request_to_utran(), 0, 7);
  const GtpFacts f = gtp_facts(gtpv2::decode(view_of(gtpv2::encode(m))).value());
  const auto& r = std::get<monitor::ForwardRelocationRequest>(*f.body);
  EXPECT_EQ(r.interface, monitor::GtpInterface::s3);
  EXPECT_TRUE(r.umts.has_value());
  EXPECT_TRUE(f.s3);
}

TEST(GtpAdapter, response_cause_and_completion_messages_map_and_echo_does_not) {
  gtpv2::ForwardRelocationResponse resp;
  resp.cause.value = 73;
  const GtpFacts f = gtp_facts(gtpv2::build(resp, 0x1000, 9));
  EXPECT_EQ(std::get<monitor::ForwardRelocationResponse>(*f.body).cause, 73);
  EXPECT_EQ(f.ids.teid, 0x1000u);
  EXPECT_TRUE(gtp_facts(gtpv2::make_message(gtpv2::MessageType::forward_relocation_complete_notification, 1, 2)).body);
  EXPECT_FALSE(gtp_facts(gtpv2::make_message(gtpv2::MessageType::echo_request, 0, 2)).body);
}

TEST(GtpAdapter, forward_relocation_request_without_mm_context_is_an_error_naming_the_ie) {
  const GtpFacts f = gtp_facts(gtpv2::make_message(gtpv2::MessageType::forward_relocation_request, 0, 3));
  ASSERT_TRUE(f.error.has_value());
  EXPECT_THAT(f.error->field, ::testing::HasSubstr("MM Context"));
  EXPECT_FALSE(f.body.has_value());
}

}  // namespace
}  // namespace concur::judge
