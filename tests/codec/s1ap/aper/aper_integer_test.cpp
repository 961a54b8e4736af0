// INTEGER, ENUMERATED, BOOLEAN and NULL in the ALIGNED variant. Expected octets are derived by
// hand from X.691 (07/2002); each test names its clause.
#include <gtest/gtest.h>

#include "Enum-Ext.h"
#include "Enum-One.h"
#include "Enum-Root.h"
#include "Flag.h"
#include "Int-Alignment.h"
#include "Int-Extensible.h"
#include "Int-Range255.h"
#include "Int-Range32.h"
#include "Int-Range63.h"
#include "Int-Range64KP1.h"
#include "Int-Range8.h"
#include "Int-Semi.h"
#include "Int-Signed.h"
#include "Int-Single.h"
#include "Int-Unconstrained.h"
#include "Nothing.h"
#include "aper_test_support.h"

namespace concur::s1ap::aper {
namespace {

using namespace testing;

TEST(AperInteger, each_aligned_range_rule_applies_after_a_one_bit_field) {  // 12.2.2, 10.5.7.1-4
  Int_Alignment_t v{};
  v.flag = 1;
  v.r255 = 255;      // offset 254 in 8 unaligned bits: 1 11111110 -> ff, then 0 + padding
  v.r256 = 0xAB;     // one aligned octet
  v.r257 = 256;      // two aligned octets
  v.r64k = 0x1234;   // two aligned octets
  v.big = 0x01020304;  // 2-bit octet count '11', padding, four octets
  EXPECT_EQ(round_trip(asn_DEF_Int_Alignment, &v), "ff00ab01001234c001020304");
}

TEST(AperInteger, a_range_of_eight_takes_three_bits) {  // 10.5.7.1
  long v = 5;
  EXPECT_EQ(round_trip(asn_DEF_Int_Range8, &v), "a0");
}

TEST(AperInteger, range_above_64K_uses_the_length_in_octets_form) {  // 10.5.7.4
  long v = 65536;  // (0..65536): count 1..3 in 2 bits, '10', then 01 00 00
  EXPECT_EQ(round_trip(asn_DEF_Int_Range64KP1, &v), "80010000");
  unsigned long id = 4294967295UL;  // MME-UE-S1AP-ID's range, 0..2^32-1, an unsigned C field
  EXPECT_EQ(round_trip(asn_DEF_Int_Range32, &id), "c0ffffffff");
}

TEST(AperInteger, a_range_of_two_to_the_63_is_held_in_an_INTEGER_t_and_uses_up_to_eight_octets) {  // 10.5.7.4
  auto v = make<Int_Range63_t>(asn_DEF_Int_Range63);
  ASSERT_EQ(asn_long2INTEGER(v.get(), 9223372036854775807L), 0);
  EXPECT_EQ(round_trip(asn_DEF_Int_Range63, v.get()), "e07fffffffffffffff");  // count 8 -> '111'
  ASSERT_EQ(asn_long2INTEGER(v.get(), 5), 0);
  EXPECT_EQ(round_trip(asn_DEF_Int_Range63, v.get()), "0005");
}

TEST(AperInteger, negative_lower_bounds_encode_the_offset_from_lb) {  // 12.2.2
  long v = -1;  // (-128..127): offset 127 in one aligned octet
  EXPECT_EQ(round_trip(asn_DEF_Int_Signed, &v), "7f");
}

TEST(AperInteger, semi_constrained_values_encode_the_offset_from_lb_in_minimal_octets) {  // 12.2.3, 10.7
  long v = 300;  // (-5..MAX): offset 305 = 0x131
  EXPECT_EQ(round_trip(asn_DEF_Int_Semi, &v), "020131");
}

TEST(AperInteger, unconstrained_values_are_minimal_twos_complement) {  // 12.2.4, 10.8
  long v = -129;
  EXPECT_EQ(round_trip(asn_DEF_Int_Unconstrained, &v), "02ff7f");
}

TEST(AperInteger, extensible_values_in_the_root_carry_a_zero_extension_bit) {  // 12.1
  long v = 5;  // 0, then 0101 (range 16)
  EXPECT_EQ(round_trip(asn_DEF_Int_Extensible, &v), "28");
}

TEST(AperInteger, extensible_values_outside_the_root_are_unconstrained) {  // 12.1
  long v = 16;  // 1, padding, length 01, 0x10
  EXPECT_EQ(round_trip(asn_DEF_Int_Extensible, &v), "800110");
}

TEST(AperInteger, a_single_value_integer_encodes_as_one_zero_octet) {  // 10.5.4, 10.1.3
  long v = 7;
  EXPECT_EQ(round_trip(asn_DEF_Int_Single, &v), "00");
}

TEST(AperInteger, a_value_outside_a_non_extensible_range_is_an_encode_error) {
  long v = 0;  // (1..255)
  auto r = encode(asn_DEF_Int_Range255, &v);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "Int-Range255");
  EXPECT_NE(r.error().reason.find("outside (1..255)"), std::string::npos) << r.error().reason;
}

TEST(AperEnumerated, root_values_are_a_constrained_index) {  // 13.2
  long v = Enum_Root_blue;  // index 2 of 3: '10'
  EXPECT_EQ(round_trip(asn_DEF_Enum_Root, &v), "80");
}

TEST(AperEnumerated, extensible_root_values_carry_a_zero_extension_bit) {  // 13.2
  long v = Enum_Ext_ltetogeran;  // 0, '10'
  EXPECT_EQ(round_trip(asn_DEF_Enum_Ext, &v), "40");
}

TEST(AperEnumerated, extension_values_are_a_normally_small_index_among_the_additions) {  // 13.3, 10.6
  long first = Enum_Ext_eps_to_5gs;  // 1, 0 000000
  EXPECT_EQ(round_trip(asn_DEF_Enum_Ext, &first), "80");
  long second = Enum_Ext_fivegs_to_eps;  // 1, 0 000001
  EXPECT_EQ(round_trip(asn_DEF_Enum_Ext, &second), "81");
}

TEST(AperEnumerated, a_single_enumerator_takes_no_bits) {  // 13.2, 10.5.4
  long v = Enum_One_only;
  EXPECT_EQ(round_trip(asn_DEF_Enum_One, &v), "00");
}

TEST(AperEnumerated, a_value_that_is_not_an_enumerator_is_an_encode_error) {
  long v = 7;
  auto r = encode(asn_DEF_Enum_Root, &v);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().reason.find("not an enumerator"), std::string::npos);
}

TEST(AperBoolean, true_is_one_bit_and_null_is_empty) {  // 11, 17
  BOOLEAN_t t = 1;
  EXPECT_EQ(round_trip(asn_DEF_Flag, &t), "80");
  BOOLEAN_t f = 0;
  EXPECT_EQ(round_trip(asn_DEF_Flag, &f), "00");
  NULL_t n = 0;
  EXPECT_EQ(round_trip(asn_DEF_Nothing, &n), "00");
}

}  // namespace
}  // namespace concur::s1ap::aper
