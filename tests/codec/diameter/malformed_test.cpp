// Malformed Diameter input is an error value naming the field and the absolute offset.
#include <gtest/gtest.h>

#include "codec/diameter/message.h"
#include "codec/diameter/s6a.h"
#include "sample_messages.h"

namespace concur::diameter {
namespace {

Bytes air_wire() { return encode(build(samples::air(), 1, 2)); }

TEST(DiameterMalformed, wrong_version_is_rejected_at_offset_zero) {
  Bytes b = air_wire();
  b[0] = 2;
  auto r = decode(view_of(b));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "header.version");
  EXPECT_EQ(r.error().offset, 0u);
}

TEST(DiameterMalformed, length_field_that_disagrees_with_the_buffer_is_rejected) {
  Bytes b = air_wire();
  b.push_back(0);
  b.push_back(0);
  b.push_back(0);
  b.push_back(0);
  auto r = decode(view_of(b));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "header.length");
}

TEST(DiameterMalformed, avp_length_past_the_end_names_the_avp_and_its_offset) {
  Bytes b = air_wire();
  // First AVP (Session-Id) starts at 20; its length field at 25..27.
  b[25] = 0x00;
  b[26] = 0xff;
  b[27] = 0xff;
  auto r = decode(view_of(b));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "AVP 263.length");
  EXPECT_EQ(r.error().offset, 25u);
}

TEST(DiameterMalformed, avp_length_shorter_than_its_header_is_rejected) {
  Bytes b = air_wire();
  b[25] = 0;
  b[26] = 0;
  b[27] = 4;
  auto r = decode(view_of(b));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().reason.find("shorter than the AVP header"), std::string::npos);
}

TEST(DiameterMalformed, truncated_header_is_an_error_not_a_crash) {
  const Bytes b = from_hex("01000014800001");
  auto r = decode(view_of(b));
  ASSERT_FALSE(r.ok());
}

TEST(DiameterMalformed, missing_user_name_makes_the_air_view_fail_naming_the_avp) {
  Message m = build(samples::air(), 1, 2);
  std::erase_if(m.avps, [](const Avp& a) { return a.is(avp::user_name); });
  auto r = parse_authentication_information_request(m);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "User-Name");
}

TEST(DiameterMalformed, short_rand_inside_a_vector_points_at_the_rand_octets) {
  AuthenticationInformationAnswer a = samples::aia();
  a.vectors[0].rand.resize(15);
  const Bytes wire = encode(build(a, build(samples::air(), 1, 2)));
  auto m = decode(view_of(wire));
  ASSERT_TRUE(m.ok());
  auto r = parse_authentication_information_answer(*m);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "E-UTRAN-Vector/RAND");
  // The offset points at the RAND data inside the grouped AVPs: find the 15 octets there.
  ASSERT_LT(r.error().offset + 15, wire.size());
  EXPECT_EQ(to_hex(ByteView(wire.data() + r.error().offset, 4)), "23553cbe");
}

TEST(DiameterMalformed, broken_member_of_a_grouped_avp_is_reported_with_its_path) {
  Message m = build(samples::air(), 1, 2);
  for (Avp& a : m.avps)
    if (a.is(avp::requested_eutran_authentication_info)) a.data.resize(a.data.size() - 2);
  auto back = decode(view_of(encode(m)));
  ASSERT_TRUE(back.ok());
  auto r = parse_authentication_information_request(*back);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().field.find("AVP 1408/"), std::string::npos) << r.error().to_string();
}

TEST(DiameterMalformed, request_with_the_error_bit_is_rejected) {
  Bytes b = air_wire();
  b[4] |= kFlagError;
  auto r = decode(view_of(b));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "header.flags");
}

}  // namespace
}  // namespace concur::diameter
