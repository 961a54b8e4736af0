// Edge cases of the envelope and of the optional-IE machinery: header types read as others,
// ciphered octets under the null-ciphering guess, repeated and reordered IEs, unknown messages.
#include <gtest/gtest.h>

#include "codec/nas/protection.h"
#include "codec/nas/summary.h"
#include "nas_test_util.h"

namespace concur::nas {
namespace {

TEST(NasEdgeCases, header_types_13_to_15_are_read_as_service_request_and_re_encode_unchanged) {
  for (const char* hex : {"d7412345", "e7412345", "f7412345"}) {
    const auto pdu = test::decode_exact(hex);
    ASSERT_TRUE(pdu.service_request) << hex;
    EXPECT_EQ(pdu.service_request->ksi, 2);
    EXPECT_EQ(pdu.service_request->sequence_number, 1);
    EXPECT_EQ(pdu.service_request->short_mac, 0x2345);
  }
}

TEST(NasEdgeCases, partially_ciphered_header_type_5_stays_not_inspectable_even_with_null_ciphering) {
  const auto pdu = test::decode_exact("5701020304" "09" "074d01",
                                      DecodeOptions{.direction = std::nullopt, .assume_null_ciphering = true});
  EXPECT_FALSE(pdu.inspectable());
  EXPECT_EQ(pdu.nas_message, from_hex("074d01"));
}

TEST(NasEdgeCases, null_ciphering_guess_on_really_ciphered_octets_leaves_them_ciphered_without_error) {
  const auto pdu = test::decode_exact("2701020304" "09" "9a4e11",
                                      DecodeOptions{.direction = std::nullopt, .assume_null_ciphering = true});
  EXPECT_FALSE(pdu.inspectable());
  EXPECT_EQ(summarise(pdu).name, "Ciphered NAS message");
}

TEST(NasEdgeCases, plain_esm_message_with_a_bearer_identity_is_not_read_as_a_security_header) {
  // Octet 1 = EBI 5 | PD 2: the high nibble is the EPS bearer identity (§9.3.2), not header type 5.
  const auto pdu = test::decode_exact("5200c2");
  ASSERT_TRUE(pdu.message);
  const auto& accept = std::get<ActivateDefaultEpsBearerContextAccept>(*pdu.message);
  EXPECT_EQ(accept.header.eps_bearer_identity, 5);
  EXPECT_EQ(pdu.security_header_type, SecurityHeaderType::plain);
}

TEST(NasEdgeCases, a_repeated_typed_ie_keeps_the_first_typed_and_the_second_raw_in_place) {
  const auto pdu = test::decode_exact("075d2200" "02e0e0" "5611111111" "5622222222");
  const auto& smc = std::get<SecurityModeCommand>(*pdu.message);
  EXPECT_EQ(smc.nonce_mme, 0x11111111u);
  ASSERT_EQ(smc.other.list.size(), 1u);
  EXPECT_EQ(smc.other.list[0].value, from_hex("22222222"));
}

TEST(NasEdgeCases, ies_out_of_table_order_re_encode_in_the_order_received) {
  // NonceMME (0x56) before replayed NonceUE (0x55) and IMEISV request last.
  const auto pdu = test::decode_exact("075d2200" "02e0e0" "5611111111" "5522222222" "c1");
  const auto& smc = std::get<SecurityModeCommand>(*pdu.message);
  EXPECT_EQ(smc.replayed_nonce_ue, 0x22222222u);
  EXPECT_EQ(smc.imeisv_request, 1);
}

TEST(NasEdgeCases, built_message_without_wire_order_encodes_optional_ies_in_table_order) {
  SecurityModeCommand smc;
  smc.replayed_ue_security_capabilities.eea = 0xE0;
  smc.replayed_ue_security_capabilities.eia = 0xE0;
  smc.nonce_mme = 0x01020304;
  smc.imeisv_request = 1;
  smc.replayed_nonce_ue = 0x05060708;
  EXPECT_EQ(to_hex(encode(NasMessage{smc})), "075d000702e0e0c1550506070856" "01020304");
}

TEST(NasEdgeCases, a_tv_value_of_the_wrong_length_is_refused_by_the_encoder) {
  AttachRequest m;
  m.eps_mobile_identity = EpsMobileIdentity::from_imsi("001010000000001");
  m.ue_network_capability.octets = {0xE0, 0xE0};
  m.old_p_tmsi_signature = from_hex("0102");  // TV 4: value must be 3 octets
  EXPECT_THROW(encode(NasMessage{m}), std::invalid_argument);
}

TEST(NasEdgeCases, ue_security_capability_with_gea_but_no_uea_writes_the_positional_octets_as_zero) {
  UeSecurityCapability c{0xE0, 0xE0, std::nullopt, std::nullopt, 0x60, {}};
  ByteWriter w;
  encode_ue_security_capability(c, w);
  EXPECT_EQ(to_hex(w.data()), "e0e0000060");
}

TEST(NasEdgeCases, unmodelled_message_types_are_kept_whole_with_their_name) {
  const auto cs = test::decode_exact("0764" "620102");  // CS SERVICE NOTIFICATION
  const auto& u = std::get<UnknownMessage>(*cs.message);
  EXPECT_EQ(u.message_type, emm_type::cs_service_notification);
  EXPECT_EQ(message_name(*cs.message), "CS service notification");
  const auto esm = test::decode_exact("0201ff00");
  EXPECT_EQ(message_name(*esm.message), "Unknown ESM message");
}

TEST(NasEdgeCases, a_given_direction_decides_which_detach_request_is_decoded) {
  const Bytes bare = from_hex("074502");
  EXPECT_TRUE(std::holds_alternative<DetachRequestDownlink>(*decode(view_of(bare))->message));
  const auto forced = decode(view_of(bare), DecodeOptions{.direction = Direction::uplink});
  ASSERT_FALSE(forced.ok());  // an uplink DETACH REQUEST needs its EPS mobile identity
  EXPECT_EQ(forced.error().field, "DetachRequest.eps_mobile_identity.length");
  EXPECT_EQ(forced.error().offset, 3u);
}

class IdentityHook : public NasSecurityHook {
 public:
  std::array<std::uint8_t, 4> mac(std::uint32_t, Direction, ByteView) override { return {}; }
  Bytes cipher(std::uint32_t, Direction, ByteView m) override {
    Bytes out(m.begin(), m.end());
    for (auto& b : out) b ^= 0xFF;
    return out;
  }
};

TEST(NasEdgeCases, unprotect_reports_deciphered_octets_that_do_not_decode_with_an_offset_in_the_message) {
  IdentityHook hook;
  // Ciphered octets that decipher (XOR FF) to 07 5d 02: an SMC cut short.
  const Bytes wire = from_hex("2700000000" "00" "f8a2fd");
  const auto u = unprotect(view_of(wire), Direction::downlink, 0, hook);
  ASSERT_FALSE(u.ok());
  EXPECT_GE(u.error().offset, 6u);
  EXPECT_LE(u.error().offset, wire.size());
}

}  // namespace
}  // namespace concur::nas
