// Malformed input is a DecodeError naming the field and the absolute octet offset (never a
// crash, never a read past the end). Offsets count from octet 1 of the whole PDU = 0.
#include <gtest/gtest.h>

#include "codec/nas/pdu.h"
#include "nas_test_util.h"

namespace concur::nas {
namespace {

DecodeError error_of(const std::string& hex) {
  const Bytes b = from_hex(hex);
  const auto r = decode(view_of(b));
  if (r.ok()) throw std::runtime_error("decoded without error: " + hex);
  return r.error();
}

TEST(NasMalformed, empty_input_fails_at_the_protocol_discriminator) {
  const auto e = error_of("");
  EXPECT_EQ(e.field, "protocol_discriminator");
  EXPECT_EQ(e.offset, 0u);
}

TEST(NasMalformed, unknown_protocol_discriminator_is_named) {
  const auto e = error_of("0541");
  EXPECT_EQ(e.field, "protocol_discriminator");
  EXPECT_NE(e.reason.find("5"), std::string::npos);
}

TEST(NasMalformed, reserved_security_header_type_is_an_error) {
  const auto e = error_of("67000000000007");
  EXPECT_EQ(e.field, "security_header_type");
  EXPECT_EQ(e.offset, 0u);
}

TEST(NasMalformed, protected_header_truncated_inside_the_mac_fails_at_the_mac) {
  const auto e = error_of("370102");
  EXPECT_EQ(e.field, "message_authentication_code");
  EXPECT_EQ(e.offset, 1u);
}

TEST(NasMalformed, protected_header_without_a_nas_message_is_an_error) {
  const auto e = error_of("370102030405");
  EXPECT_EQ(e.field, "nas_message");
  EXPECT_EQ(e.offset, 6u);
}

TEST(NasMalformed, truncated_inner_smc_reports_the_absolute_offset_inside_the_envelope) {
  // Header type 3 envelope (6 octets) around an SMC cut after its NAS KSI octet.
  const auto e = error_of("3701020304" "00" "075d0201");
  EXPECT_EQ(e.field, "SecurityModeCommand.replayed_ue_security_capabilities.length");
  EXPECT_EQ(e.offset, 10u);
}

TEST(NasMalformed, overlong_replayed_ue_security_capabilities_length_is_rejected) {
  const auto e = error_of("075d02010e" "e0e0e0e0e0e0e0e0e0e0e0e0e0e0");
  EXPECT_EQ(e.field, "SecurityModeCommand.replayed_ue_security_capabilities.length");
  EXPECT_EQ(e.offset, 4u);
  EXPECT_NE(e.reason.find("2..13"), std::string::npos);
}

TEST(NasMalformed, lv_length_beyond_the_end_of_the_message_fails_at_that_ie) {
  const auto e = error_of("075608091020");  // IMSI LV says 8 octets, 3 follow
  EXPECT_EQ(e.field, "IdentityResponse.mobile_identity");
  EXPECT_EQ(e.offset, 3u);
}

TEST(NasMalformed, truncated_tv_nonce_fails_at_its_value) {
  const auto e = error_of("075d020102e0e0" "56aabb");
  EXPECT_EQ(e.field, "SecurityModeCommand.nonce_mme");
  EXPECT_EQ(e.offset, 8u);
}

TEST(NasMalformed, overlong_typed_optional_ie_is_rejected) {
  // AUTHENTICATION FAILURE with a 15-octet authentication failure parameter (AUTS is 14).
  const auto e = error_of("075c15" "300f" "000102030405060708090a0b0c0d0e");
  EXPECT_EQ(e.field, "AuthenticationFailure.authentication_failure_parameter.auts");
  EXPECT_EQ(e.offset, 5u);
}

TEST(NasMalformed, tlv_length_beyond_the_end_fails_at_that_ie) {
  const auto e = error_of("0761" "4305" "80c3");  // EMM INFORMATION, full network name cut
  EXPECT_EQ(e.field, "EmmInformation.full_network_name");
  EXPECT_EQ(e.offset, 4u);
}

TEST(NasMalformed, unknown_comprehension_required_ie_is_an_error) {
  const auto e = error_of("0761" "050100");
  EXPECT_EQ(e.field, "EmmInformation.unknown_ie_0x05");
  EXPECT_EQ(e.offset, 2u);
}

TEST(NasMalformed, unknown_non_comprehension_required_ies_are_skipped_and_kept) {
  const auto pdu = test::decode_exact("0761" "2b02abcd" "a5" "7f0003010203");
  const auto& info = std::get<EmmInformation>(*pdu.message);
  ASSERT_EQ(info.other.list.size(), 3u);
  EXPECT_EQ(info.other.list[0].format, RawIe::Format::tlv);
  EXPECT_EQ(info.other.list[1].format, RawIe::Format::t);
  EXPECT_EQ(info.other.list[2].format, RawIe::Format::tlv_e);
}

TEST(NasMalformed, guti_of_the_wrong_length_is_rejected) {
  const auto e = error_of("0745" "01" "0af600f1100001012f4c11");  // detach request, 10-octet GUTI
  EXPECT_EQ(e.field, "DetachRequest.eps_mobile_identity.eps_mobile_identity.guti");
  EXPECT_EQ(e.offset, 4u);
}

TEST(NasMalformed, non_bcd_digit_in_an_imsi_is_rejected_with_its_offset) {
  const auto e = error_of("0756" "08" "0910a00000000046");
  EXPECT_EQ(e.field, "IdentityResponse.mobile_identity.mobile_identity.digits");
  EXPECT_EQ(e.offset, 5u);
}

TEST(NasMalformed, service_request_of_the_wrong_length_is_rejected) {
  const auto e = error_of("c7010203" "04");
  EXPECT_EQ(e.field, "ServiceRequest");
  EXPECT_EQ(e.offset, 0u);
}

TEST(NasMalformed, inner_message_with_its_own_security_header_is_rejected) {
  const auto e = error_of("1701020304" "05" "1701020304");
  EXPECT_EQ(e.field, "security_header_type");
  EXPECT_EQ(e.offset, 6u);
}

TEST(NasMalformed, every_prefix_of_a_valid_attach_request_fails_cleanly_or_decodes) {
  // magma_roaming_attach.pcapng frame 12, inner ATTACH REQUEST (magma/magma feg capture).
  const Bytes full = from_hex(
      "0741010bf600f1100001012f4c115b07e060e060003c00002e0201d011d127278080211001010010810600000000830600"
      "000000000a00000d00000500001100001000001a01055c0a003103e5e0fd1103471826200a60144c8f65223b88008040080402"
      "600400021c005d0103e0");
  ASSERT_TRUE(decode(view_of(full)).ok()) << decode(view_of(full)).error().to_string();
  for (std::size_t n = 0; n < full.size(); ++n) {
    const auto r = decode(ByteView(full.data(), n));
    if (!r.ok()) {
      EXPECT_LE(r.error().offset, n) << "prefix " << n << ": " << r.error().to_string();
    }
  }
}

}  // namespace
}  // namespace concur::nas
