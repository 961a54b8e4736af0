// Build -> encode -> decode -> encode for every modelled message (TS 36.413 9.1): the decoded
// struct equals the one built and the second encoding is byte-identical to the first.
#include <gtest/gtest.h>

#include "codec/s1ap/messages.h"
#include "sample_messages.h"

namespace concur::s1ap {
namespace {

// Encodes `m`, decodes it, checks the decoded message equals `m` and re-encodes identically.
template <class M>
M round_trip(const M& m) {
  Result<Bytes> first = encode(m);
  if (!first.ok()) throw std::runtime_error("encode: " + first.error().to_string());
  Result<S1apMessage> decoded = decode_pdu(*first);
  if (!decoded.ok()) throw std::runtime_error("decode: " + decoded.error().to_string() + " in " + to_hex(*first));
  if (!std::holds_alternative<M>(*decoded)) throw std::runtime_error("decoded as another message type");
  Result<Bytes> second = encode(*decoded);
  if (!second.ok()) throw std::runtime_error("re-encode: " + second.error().to_string());
  EXPECT_EQ(to_hex(*first), to_hex(*second));
  return std::get<M>(*decoded);
}

TEST(S1apRoundTrip, every_message_type_reencodes_byte_identically_and_decodes_to_what_was_built) {
  for (const S1apMessage& m : samples::all()) {
    Result<Bytes> first = encode(m);
    ASSERT_TRUE(first.ok()) << first.error().to_string() << " (variant " << m.index() << ")";
    Result<S1apMessage> decoded = decode_pdu(*first);
    ASSERT_TRUE(decoded.ok()) << decoded.error().to_string() << " in " << to_hex(*first);
    EXPECT_EQ(decoded->index(), m.index()) << to_hex(*first);
    EXPECT_TRUE(*decoded == m) << "variant " << m.index() << " changed in the round trip: " << to_hex(*first);
    Result<Bytes> second = encode(*decoded);
    ASSERT_TRUE(second.ok());
    EXPECT_EQ(to_hex(*first), to_hex(*second));
  }
}

TEST(S1apRoundTrip, handover_request_keeps_ncc_and_nh_of_the_security_context) {
  const HandoverRequest m = round_trip(samples::handover_request());
  EXPECT_EQ(m.security_context.next_hop_chaining_count, 2);
  EXPECT_EQ(m.security_context.next_hop, samples::nh2());
  EXPECT_EQ(m.mme_ue_s1ap_id, 0x01020304u);
  ASSERT_EQ(m.e_rabs.size(), 2u);
  EXPECT_EQ(m.e_rabs[1].qos.gbr->guaranteed_bitrate_dl, 32000u);
  EXPECT_EQ(m.e_rabs[0].gtp_teid, 0x11223344u);
  EXPECT_EQ(m.ue_security_capabilities.encryption_algorithms, 0xe000);
  EXPECT_FALSE(m.nas_security_parameters_to_eutran.has_value());
}

TEST(S1apRoundTrip, handover_request_from_utran_carries_nas_security_parameters_to_eutran) {
  HandoverRequest in = samples::handover_request();
  in.handover_type = HandoverType::utrantolte;
  in.nas_security_parameters_to_eutran = from_hex("01 02 03 04 22 01");  // NonceMME, EEA2/EIA2, KSI 1
  const HandoverRequest m = round_trip(in);
  EXPECT_EQ(m.handover_type, HandoverType::utrantolte);
  EXPECT_EQ(m.nas_security_parameters_to_eutran, in.nas_security_parameters_to_eutran);
}

TEST(S1apRoundTrip, path_switch_request_acknowledge_keeps_ncc_and_nh) {
  const PathSwitchRequestAcknowledge m = round_trip(samples::path_switch_request_acknowledge());
  EXPECT_EQ(m.security_context.next_hop_chaining_count, 2);
  EXPECT_EQ(m.security_context.next_hop, samples::nh2());
  EXPECT_EQ(m.enb_ue_s1ap_id, 0x00abcdu);
  EXPECT_FALSE(m.ue_ambr.has_value());
}

TEST(S1apRoundTrip, initial_context_setup_request_keeps_the_kenb_in_security_key) {
  const InitialContextSetupRequest m = round_trip(samples::initial_context_setup_request());
  EXPECT_EQ(m.security_key, samples::kenb());
  ASSERT_EQ(m.e_rabs.size(), 1u);
  EXPECT_EQ(m.e_rabs[0].nas_pdu, from_hex("17 01 02 03 04 05 07 61"));
  EXPECT_EQ(m.ue_ambr.downlink, 1'000'000'000u);
}

TEST(S1apRoundTrip, ue_context_modification_request_tells_a_new_kenb_from_none) {
  const UeContextModificationRequest with_key = round_trip(samples::ue_context_modification_request());
  ASSERT_TRUE(with_key.security_key.has_value());
  EXPECT_EQ(*with_key.security_key, samples::kenb());

  UeContextModificationRequest no_key = samples::ue_context_modification_request();
  no_key.security_key.reset();
  EXPECT_FALSE(round_trip(no_key).security_key.has_value());
}

TEST(S1apRoundTrip, handover_required_distinguishes_enb_rnc_and_cgi_targets) {
  const HandoverRequired enb = round_trip(samples::handover_required_inter_mme());
  ASSERT_TRUE(std::holds_alternative<TargetEnb>(enb.target_id));
  EXPECT_EQ(std::get<TargetEnb>(enb.target_id).selected_tai.tac, 0x0777);
  EXPECT_EQ(std::get<TargetEnb>(enb.target_id).global_enb_id.id, 0x12345u);

  const HandoverRequired rnc = round_trip(samples::handover_required_to_utran());
  EXPECT_EQ(rnc.handover_type, HandoverType::ltetoutran);
  ASSERT_TRUE(std::holds_alternative<TargetRnc>(rnc.target_id));
  EXPECT_EQ(std::get<TargetRnc>(rnc.target_id).rnc_id, 0x0abc);
  EXPECT_EQ(std::get<TargetRnc>(rnc.target_id).rac, 0x56);

  const HandoverRequired cgi = round_trip(samples::handover_required_to_geran());
  ASSERT_TRUE(std::holds_alternative<TargetCgi>(cgi.target_id));
  EXPECT_EQ(std::get<TargetCgi>(cgi.target_id).ci, 0x5678);
}

TEST(S1apRoundTrip, handover_command_to_utran_keeps_nas_security_parameters_from_eutran) {
  const HandoverCommand m = round_trip(samples::handover_command_to_utran());
  EXPECT_EQ(m.nas_security_parameters_from_eutran, Bytes{0x05});
  EXPECT_EQ(m.target_to_source_container, from_hex("0a 0b 0c"));
}

TEST(S1apRoundTrip, ies_the_model_does_not_break_down_are_kept_and_sent_again) {
  HandoverRequest m = samples::handover_request();
  // CSG-Id (id 127, BIT STRING (SIZE(27))): a real IE of the table this struct leaves raw.
  m.other_ies.push_back(Ie{127, Criticality::reject, from_hex("01 23 45 60"), 0});
  const HandoverRequest back = round_trip(m);
  ASSERT_EQ(back.other_ies.size(), 1u);
  EXPECT_EQ(back.other_ies[0].id, 127);
  EXPECT_EQ(back.other_ies[0].value, from_hex("01 23 45 60"));
}

TEST(S1apRoundTrip, an_ie_id_unknown_to_the_tables_survives_decode_and_encode) {
  HandoverNotify m{{}, 1, 2, samples::ecgi(), samples::tai()};
  m.other_ies.push_back(Ie{4000, Criticality::ignore, from_hex("de ad be ef"), 0});
  const HandoverNotify back = round_trip(m);
  ASSERT_EQ(back.other_ies.size(), 1u);
  EXPECT_EQ(back.other_ies[0].id, 4000);
  EXPECT_EQ(back.other_ies[0].criticality, Criticality::ignore);
}

}  // namespace
}  // namespace concur::s1ap
