// build -> encode -> decode -> encode: byte-identical, equal structs, and the fields that matter read back.
#include <gtest/gtest.h>

#include "codec/gtpv2/message.h"
#include "codec/gtpv2/mobility.h"
#include "sample_messages.h"

namespace concur::gtpv2 {
namespace {

GtpMessage round_trip(const GtpMessage& built) {
  const Bytes wire = encode(built);
  auto decoded = decode(view_of(wire));
  if (!decoded) ADD_FAILURE() << decoded.error().to_string();
  EXPECT_EQ(decoded.value(), built);
  EXPECT_EQ(to_hex(view_of(encode(decoded.value()))), to_hex(view_of(wire)));
  return decoded.value();
}

class EveryMessage : public ::testing::TestWithParam<std::pair<std::string, GtpMessage>> {};

TEST_P(EveryMessage, re_encodes_byte_identically_after_decoding) {
  const GtpMessage& built = GetParam().second;
  const GtpMessage back = round_trip(built);
  EXPECT_EQ(back.header.message_type, built.header.message_type);
  EXPECT_EQ(back.header.sequence, built.header.sequence);
  EXPECT_EQ(back.header.teid, built.header.teid);
  EXPECT_EQ(back.ies.size(), built.ies.size());
}

INSTANTIATE_TEST_SUITE_P(Gtpv2, EveryMessage, ::testing::ValuesIn(samples::all_messages()),
                         [](const auto& test_param) { return test_param.param.first; });

TEST(RoundTrip, echo_request_has_no_teid_and_keeps_recovery_and_private_extension) {
  const GtpMessage m = round_trip(samples::echo_request());
  EXPECT_FALSE(m.header.teid.has_value());
  const Bytes wire = encode(m);
  EXPECT_EQ(wire[0], 0x40) << "version 2, P=0, T=0";
  EXPECT_EQ(wire.size(), 8u + 5u + 4u + 5u);
  ASSERT_NE(find<Recovery>(m.ies), nullptr);
  EXPECT_EQ(find<Recovery>(m.ies)->restart_counter, 7);
  ASSERT_NE(find<PrivateExtension>(m.ies), nullptr);
  EXPECT_EQ(find<PrivateExtension>(m.ies)->enterprise_id, 32473);
}

TEST(RoundTrip, echo_response_keeps_the_request_sequence_number) {
  const GtpMessage m = round_trip(samples::echo_response());
  EXPECT_EQ(m.header.sequence, 0x000101u);
  EXPECT_EQ(find<Recovery>(m.ies)->restart_counter, 9);
}

TEST(RoundTrip, create_session_request_keeps_identities_location_and_bearer) {
  const GtpMessage m = round_trip(samples::create_session_request());
  EXPECT_EQ(m.header.teid, 0u) << "peer TEID not yet known (29.274 5.5.1)";
  EXPECT_EQ(find<Imsi>(m.ies)->digits, "001010123456789");
  EXPECT_EQ(find<Msisdn>(m.ies)->digits, "8613900000001");
  EXPECT_EQ(find<Mei>(m.ies)->digits, "3530901234567810");
  const Uli* uli = find<Uli>(m.ies);
  ASSERT_NE(uli, nullptr);
  ASSERT_TRUE(uli->tai && uli->ecgi);
  EXPECT_EQ(uli->tai->tac, 1);
  EXPECT_EQ(uli->ecgi->eci, 0x0012345u);
  EXPECT_EQ(uli->tai->plmn.mcc(), "001");
  EXPECT_EQ(uli->tai->plmn.mnc(), "01");
  EXPECT_EQ(find<RatType>(m.ies)->value, 6);
  EXPECT_EQ(find<FTeid>(m.ies, 0)->interface_type, interface_type::s11_mme);
  EXPECT_EQ(find<FTeid>(m.ies, 1)->interface_type, interface_type::s5s8_pgw_gtpc);
  EXPECT_EQ(find<Apn>(m.ies)->name, "internet");
  EXPECT_EQ(find<PdnType>(m.ies)->value, 1);
  EXPECT_EQ(find<Paa>(m.ies)->ipv4, (Ipv4{0, 0, 0, 0}));
  EXPECT_EQ(find<Ambr>(m.ies)->downlink_kbps, 100000u);
  EXPECT_EQ(find<ChargingCharacteristics>(m.ies)->value, 0x0800);
  EXPECT_EQ(find<UeTimeZone>(m.ies)->time_zone, 0x40);
  const auto bearers = find_grouped(m.ies, ie_type::bearer_context);
  ASSERT_EQ(bearers.size(), 1u);
  auto b = parse_bearer_context(*bearers[0]);
  ASSERT_TRUE(b) << b.error().to_string();
  EXPECT_EQ(b->ebi, 5);
  ASSERT_TRUE(b->qos);
  EXPECT_EQ(b->qos->qci, 9);
  EXPECT_EQ(b->qos->priority_level, 9);
  EXPECT_TRUE(b->qos->pvi);
}

TEST(RoundTrip, create_session_response_keeps_cause_paa_and_bearer_f_teids) {
  const GtpMessage m = round_trip(samples::create_session_response());
  EXPECT_EQ(find<Cause>(m.ies)->value, 16);
  EXPECT_EQ(find<Paa>(m.ies)->ipv4, (Ipv4{100, 64, 0, 7}));
  auto b = parse_bearer_context(*find_grouped(m.ies, ie_type::bearer_context)[0]);
  ASSERT_TRUE(b);
  EXPECT_EQ(b->cause->value, 16);
  EXPECT_EQ(b->fteid_instance0->teid, 0x1001u);
  EXPECT_EQ(b->fteid_instance2->interface_type, interface_type::s5s8_pgw_gtpu);
}

TEST(RoundTrip, modify_bearer_request_and_response_keep_enb_and_sgw_f_teids) {
  const GtpMessage req = round_trip(samples::modify_bearer_request());
  EXPECT_EQ(find<DelayValue>(req.ies)->value, 2);
  auto b = parse_bearer_context(*find_grouped(req.ies, ie_type::bearer_context)[0]);
  ASSERT_TRUE(b);
  EXPECT_EQ(b->fteid_instance0->interface_type, interface_type::s1u_enb);
  EXPECT_EQ(b->fteid_instance0->teid, 0x0e000001u);
  const GtpMessage rsp = round_trip(samples::modify_bearer_response());
  EXPECT_EQ(find<Cause>(rsp.ies)->value, 16);
  EXPECT_EQ(find<Ebi>(rsp.ies)->value, 5);
}

TEST(RoundTrip, delete_session_request_and_response_keep_linked_ebi_indication_and_cause) {
  const GtpMessage req = round_trip(samples::delete_session_request());
  EXPECT_EQ(find<Ebi>(req.ies)->value, 5);
  EXPECT_TRUE(find<Indication>(req.ies)->test(indication::oi));
  EXPECT_FALSE(find<Indication>(req.ies)->test(indication::si));
  const GtpMessage rsp = round_trip(samples::delete_session_response());
  EXPECT_EQ(find<Cause>(rsp.ies)->value, 16);
}

TEST(RoundTrip, release_access_bearers_request_and_response_keep_node_type_and_cause) {
  const GtpMessage req = round_trip(samples::release_access_bearers_request());
  EXPECT_EQ(find<NodeType>(req.ies)->value, 0);
  const GtpMessage rsp = round_trip(samples::release_access_bearers_response());
  EXPECT_EQ(find<Cause>(rsp.ies)->value, 16);
  EXPECT_EQ(find<Recovery>(rsp.ies)->restart_counter, 4);
}

TEST(RoundTrip, s10_forward_relocation_request_keeps_every_typed_field) {
  const ForwardRelocationRequest built = samples::s10_forward_relocation_request();
  const GtpMessage m = round_trip(build(built, 0, 77));
  auto parsed = parse_forward_relocation_request(m);
  ASSERT_TRUE(parsed) << parsed.error().to_string();
  EXPECT_EQ(*parsed, built);
  EXPECT_EQ(parsed->sender_control_fteid.interface_type, interface_type::s10_mme);
  EXPECT_EQ(parsed->target->macro_enb->enb_id, 0x01234u);
  EXPECT_EQ(parsed->target->macro_enb->tac, 2);
  EXPECT_EQ(parsed->s1ap_cause->cause_type, 0);
  EXPECT_EQ(parsed->s1ap_cause->cause_value, Bytes{16});
  EXPECT_EQ(parsed->eutran_container->container_type, 3);
  EXPECT_EQ(parsed->eutran_container->container, samples::sample_eutran_container());
  ASSERT_EQ(parsed->pdn_connections.size(), 1u);
  const PdnConnection& pdn = parsed->pdn_connections[0];
  EXPECT_EQ(pdn.apn.name, "internet.mnc001.mcc001.gprs");
  EXPECT_EQ(pdn.pgw_node_name->name, "topon.s5s8.pgw.epc.mnc001.mcc001.3gppnetwork.org");
  EXPECT_EQ(pdn.linked_ebi, 5);
  ASSERT_EQ(pdn.bearers.size(), 1u);
  EXPECT_EQ(pdn.bearers[0].fteid_instance1->teid, 0x5001u);
  const auto& e = std::get<EpsSecurityContext>(parsed->mm_context);
  EXPECT_EQ(e.ksi_asme, 2);
  EXPECT_EQ(e.next_hop->ncc, 2);
  EXPECT_EQ(e.next_hop->nh, samples::nh_vector());
  EXPECT_EQ(e.old_context->ksi_asme, 1);
  EXPECT_EQ(e.old_context->ncc, 1);
  EXPECT_EQ(e.old_context->kasme, samples::old_kasme_vector());
  EXPECT_EQ(e.old_context->nh, samples::old_nh_vector());
}

TEST(RoundTrip, s3_forward_relocation_request_to_utran_carries_ck_prime_ik_prime_and_rnc_target) {
  const ForwardRelocationRequest built = samples::s3_forward_relocation_request_to_utran();
  const GtpMessage m = round_trip(build(built, 0, 78));
  auto parsed = parse_forward_relocation_request(m);
  ASSERT_TRUE(parsed) << parsed.error().to_string();
  EXPECT_EQ(*parsed, built);
  const auto& u = std::get<UmtsKeyQuadrupletsQuintuplets>(parsed->mm_context);
  EXPECT_EQ(u.ksi_asme, 2);
  EXPECT_EQ(u.ck_prime, std::get<UmtsKeyQuadrupletsQuintuplets>(built.mm_context).ck_prime);
  EXPECT_EQ(parsed->target->target_type, 0);
  EXPECT_EQ(parsed->target->rnc->rnc_id, 0x0101);
  EXPECT_EQ(parsed->ranap_cause->cause_value, Bytes{0x2b});
}

TEST(RoundTrip, s3_forward_relocation_request_to_geran_carries_cell_identifier_and_bss_container) {
  const ForwardRelocationRequest built = samples::s3_forward_relocation_request_to_geran();
  auto parsed = parse_forward_relocation_request(round_trip(build(built, 0, 79)));
  ASSERT_TRUE(parsed) << parsed.error().to_string();
  EXPECT_EQ(*parsed, built);
  EXPECT_EQ(parsed->target->cell->ci, 0x4321);
  EXPECT_EQ(parsed->target->cell->rac, 0x56);
  EXPECT_EQ(parsed->bss_container->container_type, 2);
}

TEST(RoundTrip, forward_relocation_response_keeps_cause_setup_bearers_and_target_to_source_container) {
  const ForwardRelocationResponse built = samples::forward_relocation_response();
  auto parsed = parse_forward_relocation_response(round_trip(build(built, 0x0a000001, 80)));
  ASSERT_TRUE(parsed) << parsed.error().to_string();
  EXPECT_EQ(*parsed, built);
  EXPECT_EQ(parsed->cause.value, 16);
  ASSERT_EQ(parsed->setup_bearers.size(), 1u);
  EXPECT_EQ(parsed->setup_bearers[0].fteid_instance0->interface_type, 19);
}

TEST(RoundTrip, forward_relocation_complete_notification_and_acknowledge_keep_their_ies) {
  const GtpMessage n = round_trip(samples::forward_relocation_complete_notification());
  EXPECT_EQ(find<Indication>(n.ies)->octets.size(), 2u);
  const GtpMessage a = round_trip(samples::forward_relocation_complete_acknowledge());
  EXPECT_EQ(find<Cause>(a.ies)->value, 16);
  EXPECT_EQ(find<Recovery>(a.ies)->restart_counter, 5);
}

TEST(RoundTrip, context_request_keeps_guti_complete_tau_request_and_hop_counter) {
  const ContextRequest built = samples::context_request();
  auto parsed = parse_context_request(round_trip(build(built, 0, 81)));
  ASSERT_TRUE(parsed) << parsed.error().to_string();
  EXPECT_EQ(*parsed, built);
  EXPECT_EQ(parsed->guti->m_tmsi, 0xc0000a01u);
  EXPECT_EQ(parsed->complete_tau_request->type, 1);
  EXPECT_EQ(parsed->hop_counter->value, 2);
}

TEST(RoundTrip, context_response_keeps_mm_context_without_old_security_context) {
  const ContextResponse built = samples::context_response();
  auto parsed = parse_context_response(round_trip(build(built, 0x0c000002, 82)));
  ASSERT_TRUE(parsed) << parsed.error().to_string();
  EXPECT_EQ(*parsed, built);
  const auto& e = std::get<EpsSecurityContext>(*parsed->mm_context);
  EXPECT_FALSE(e.old_context.has_value());
  EXPECT_EQ(e.quadruplets.size(), 2u);
  EXPECT_EQ(parsed->pdn_connections.size(), 1u);
}

TEST(RoundTrip, context_acknowledge_keeps_cause_and_indication) {
  const GtpMessage m = round_trip(samples::context_acknowledge());
  EXPECT_EQ(find<Cause>(m.ies)->value, 16);
}

TEST(RoundTrip, identification_request_and_response_keep_identities_and_mm_context) {
  const GtpMessage req = round_trip(samples::identification_request());
  EXPECT_EQ(find<Uli>(req.ies)->rai->rac, 0x56ff);
  EXPECT_EQ(find<PTmsi>(req.ies)->value, 0xc0000a01u);
  EXPECT_EQ(find<CompleteRequestMessage>(req.ies)->type, 0);
  EXPECT_EQ(find<PortNumber>(req.ies)->port, 2123);
  const GtpMessage rsp = round_trip(samples::identification_response());
  EXPECT_EQ(find<Imsi>(rsp.ies)->digits, "001010123456789");
  auto mm = find_mm_context(rsp);
  ASSERT_TRUE(mm);
  EXPECT_EQ(std::get<EpsSecurityContext>(*mm).quadruplets.size(), 1u);
}

TEST(RoundTrip, piggybacked_message_sets_the_p_flag_and_round_trips) {
  GtpMessage m = samples::create_session_response();
  m.piggybacked.push_back(make_message(static_cast<MessageType>(95), 0x00000001, 0x000202,
                                       {make_ie(Ebi{5})}));  // Create Bearer Request (type 95)
  const Bytes wire = encode(m);
  EXPECT_EQ(wire[0] & 0x10, 0x10);
  const GtpMessage back = round_trip(m);
  ASSERT_EQ(back.piggybacked.size(), 1u);
  EXPECT_EQ(back.piggybacked[0].header.message_type, 95);
}

TEST(RoundTrip, message_priority_is_carried_when_the_mp_flag_is_set) {
  GtpMessage m = samples::modify_bearer_request();
  m.header.message_priority = 5;
  const Bytes wire = encode(m);
  EXPECT_EQ(wire[0], 0x4c) << "version 2, T=1, MP=1";
  EXPECT_EQ(wire[11], 0x50);
  EXPECT_EQ(round_trip(m).header.message_priority, 5);
}

TEST(RoundTrip, unknown_ie_is_kept_raw_and_re_encoded_unchanged) {
  GtpMessage m = samples::delete_session_request();
  m.ies.push_back(Ie{200, 3, 0, RawIe{from_hex("0102030405")}, {}});
  const GtpMessage back = round_trip(m);
  ASSERT_NE(find_ie(back.ies, 200, 3), nullptr);
  EXPECT_EQ(std::get<RawIe>(find_ie(back.ies, 200, 3)->value).value, from_hex("0102030405"));
}

TEST(RoundTrip, octets_beyond_a_known_ie_layout_are_kept_as_its_extension) {
  // 29.274 8.2: an IE may be longer than this release's layout; receivers ignore the extra octets.
  const Bytes wire = from_hex("4801000e" "00000001" "00000100" "03000200" "07ee");  // Recovery with one extra octet
  auto m = decode(view_of(wire));
  ASSERT_TRUE(m) << m.error().to_string();
  EXPECT_EQ(find<Recovery>(m->ies)->restart_counter, 7);
  EXPECT_EQ(m->ies[0].extension, Bytes{0xee});
  EXPECT_EQ(encode(*m), wire);
}

TEST(RoundTrip, plmn_with_three_digit_mnc_uses_the_29274_octet_order) {
  const PlmnId p = PlmnId::from_digits("310", "410");
  EXPECT_EQ(to_hex(ByteView(p.octets.data(), 3)), "134001");  // MCC2|MCC1, MNC1|MCC3, MNC3|MNC2
  EXPECT_EQ(p.mcc(), "310");
  EXPECT_EQ(p.mnc(), "410");
}

}  // namespace
}  // namespace concur::gtpv2
