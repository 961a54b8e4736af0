// BIT STRING, OCTET STRING and restricted character strings in the ALIGNED variant, including
// 16K fragmentation. Expected octets are derived by hand from X.691 (07/2002), clause per test.
#include <gtest/gtest.h>

#include "Bits-Ext.h"
#include "Bits-Fixed16.h"
#include "Bits-Fixed8.h"
#include "Bits-Unconstrained.h"
#include "Bits-Var.h"
#include "Digits.h"
#include "Name-IA5-Fixed.h"
#include "Name-Printable.h"
#include "Name-UTF8.h"
#include "Name-Visible.h"
#include "Octet-Alignment.h"
#include "Octets-Empty-Fixed.h"
#include "Octets-Unconstrained.h"
#include "Uri.h"
#include "aper_test_support.h"

namespace concur::s1ap::aper {
namespace {

using namespace testing;

TEST(AperBitString, fixed_sizes_up_to_16_bits_have_no_length_and_no_alignment) {  // 15.8
  auto v = make<BIT_STRING_t>(asn_DEF_Bits_Fixed16);
  set_bits(*v, {0xAB, 0xCD}, 0);
  EXPECT_EQ(round_trip(asn_DEF_Bits_Fixed16, v.get()), "abcd");
}

TEST(AperBitString, variable_sizes_have_a_constrained_length_then_aligned_bits) {  // 15.11, 10.9.3.3
  auto v = make<BIT_STRING_t>(asn_DEF_Bits_Var);
  set_bits(*v, {0xAB, 0xC0}, 4);  // 12 bits; SIZE(1..160): length 12-1 in 8 bits
  EXPECT_EQ(round_trip(asn_DEF_Bits_Var, v.get()), "0babc0");
}

TEST(AperBitString, extensible_sizes_in_the_root_use_the_root_form_after_a_zero_bit) {  // 15.6, 15.8
  auto v = make<BIT_STRING_t>(asn_DEF_Bits_Ext);
  set_bits(*v, {0xAB, 0xCD}, 0);  // 0 + 16 unaligned bits
  EXPECT_EQ(round_trip(asn_DEF_Bits_Ext, v.get()), "55e680");
}

TEST(AperBitString, extensible_sizes_outside_the_root_use_an_unconstrained_length) {  // 15.6, 15.11
  auto v = make<BIT_STRING_t>(asn_DEF_Bits_Ext);
  set_bits(*v, {0xFF}, 0);  // 1, padding, length 8, ff
  EXPECT_EQ(round_trip(asn_DEF_Bits_Ext, v.get()), "8008ff");
}

TEST(AperBitString, unconstrained_strings_have_an_octet_length) {  // 15.11, 10.9.3.6
  auto v = make<BIT_STRING_t>(asn_DEF_Bits_Unconstrained);
  set_bits(*v, {0xFF, 0x80}, 7);
  EXPECT_EQ(round_trip(asn_DEF_Bits_Unconstrained, v.get()), "09ff80");
  auto empty = make<BIT_STRING_t>(asn_DEF_Bits_Unconstrained);
  EXPECT_EQ(round_trip(asn_DEF_Bits_Unconstrained, empty.get()), "00");
}

TEST(AperBitString, a_size_outside_a_fixed_constraint_is_an_encode_error) {
  auto v = make<BIT_STRING_t>(asn_DEF_Bits_Fixed8);
  set_bits(*v, {0xFF, 0x80}, 7);
  auto r = encode(asn_DEF_Bits_Fixed8, v.get());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().reason.find("size 9 outside SIZE(8..8)"), std::string::npos) << r.error().reason;
}

TEST(AperBitString, exactly_16K_bits_are_one_fragment_and_a_zero_length) {  // 10.9.3.8
  auto v = make<BIT_STRING_t>(asn_DEF_Bits_Unconstrained);
  set_bits(*v, Bytes(2048, 0x5A), 0);
  const std::string hex = round_trip(asn_DEF_Bits_Unconstrained, v.get());
  EXPECT_EQ(hex.substr(0, 4), "c15a");
  EXPECT_EQ(hex.size(), 2 * (1 + 2048 + 1));
  EXPECT_EQ(hex.substr(hex.size() - 2), "00");
}

TEST(AperOctetString, alignment_depends_on_fixed_size_and_length_form) {  // 16.6, 16.7, 16.8
  auto v = make<Octet_Alignment_t>(asn_DEF_Octet_Alignment);
  v->flag = 1;
  set_octets(v->two, "\x01\x02");       // fixed 2: not aligned -> 1 00000001 00000010
  set_octets(v->three, "\x03\x04\x05"); // fixed 3: aligned, no length
  set_octets(v->var, "\x06");           // SIZE(1..8): 3-bit length 000, aligned content
  set_octets(v->ext, "\x07\x08");       // SIZE(1..8,...): 0 + 001, aligned content
  set_octets(v->any, "\x09");           // no size: octet length
  EXPECT_EQ(round_trip(asn_DEF_Octet_Alignment, v.get()), "8081000304050006100708" "0109");
}

TEST(AperOctetString, a_zero_size_fixed_string_encodes_as_one_zero_octet) {  // 16.5, 10.1.3
  auto v = make<OCTET_STRING_t>(asn_DEF_Octets_Empty_Fixed);
  EXPECT_EQ(round_trip(asn_DEF_Octets_Empty_Fixed, v.get()), "00");
}

TEST(AperOctetString, lengths_of_128_and_more_take_two_octets) {  // 10.9.3.7
  auto v = make<OCTET_STRING_t>(asn_DEF_Octets_Unconstrained);
  set_octets(*v, std::string(300, 'x'));
  EXPECT_EQ(round_trip(asn_DEF_Octets_Unconstrained, v.get()).substr(0, 6), "812c78");
}

TEST(AperOctetString, strings_of_16K_and_more_are_fragmented) {  // 10.9.3.8
  auto v = make<OCTET_STRING_t>(asn_DEF_Octets_Unconstrained);
  std::string content(40000, '\0');
  for (std::size_t i = 0; i < content.size(); ++i) content[i] = static_cast<char>(i * 7);
  set_octets(*v, content);
  const std::string hex = round_trip(asn_DEF_Octets_Unconstrained, v.get());
  // 32K fragment (c2), then the remaining 7232 = 0x1c40 octets with a two-octet length
  EXPECT_EQ(hex.substr(0, 2), "c2");
  EXPECT_EQ(hex.substr(2 + 2 * 32768, 4), "9c40");
  EXPECT_EQ(hex.size(), 2 * (1 + 32768 + 2 + 7232));
}

TEST(AperOctetString, a_64K_multiple_ends_with_a_zero_length) {  // 10.9.3.8
  auto v = make<OCTET_STRING_t>(asn_DEF_Octets_Unconstrained);
  set_octets(*v, std::string(65536 + 16384, 'a'));
  const std::string hex = round_trip(asn_DEF_Octets_Unconstrained, v.get());
  EXPECT_EQ(hex.substr(0, 2), "c4");
  EXPECT_EQ(hex.substr(2 + 2 * 65536, 2), "c1");
  EXPECT_EQ(hex.substr(hex.size() - 2), "00");
}

TEST(AperCharacterString, printable_strings_use_eight_bit_characters_after_a_constrained_length) {  // 26.5.2-4, 26.5.8
  auto v = make<OCTET_STRING_t>(asn_DEF_Name_Printable);
  set_octets(*v, "abc");  // 0 (ext), length 3-1 in 8 bits, padding, 61 62 63
  EXPECT_EQ(round_trip(asn_DEF_Name_Printable, v.get()), "0100616263");
  auto vis = make<OCTET_STRING_t>(asn_DEF_Name_Visible);
  set_octets(*vis, "a~");
  EXPECT_EQ(round_trip(asn_DEF_Name_Visible, vis.get()), "0080617e");
}

TEST(AperCharacterString, a_fixed_size_string_over_16_bits_is_aligned_without_length) {  // 26.5.7
  auto v = make<OCTET_STRING_t>(asn_DEF_Name_IA5_Fixed);
  set_octets(*v, "ABCD");
  EXPECT_EQ(round_trip(asn_DEF_Name_IA5_Fixed, v.get()), "41424344");
}

TEST(AperCharacterString, a_permitted_alphabet_of_ten_digits_is_indexed_in_four_bits) {  // 26.5.2-4
  auto v = make<OCTET_STRING_t>(asn_DEF_Digits);
  set_octets(*v, "1234");  // length 4-1 in 3 bits, padding (ub*B = 32 > 16), indices 1 2 3 4
  EXPECT_EQ(round_trip(asn_DEF_Digits, v.get()), "601234");
}

TEST(AperCharacterString, utf8_strings_are_octets_with_an_unconstrained_length) {  // 27
  auto v = make<OCTET_STRING_t>(asn_DEF_Name_UTF8);
  set_octets(*v, "\xC3\xA9");
  EXPECT_EQ(round_trip(asn_DEF_Name_UTF8, v.get()), "02c3a9");
  auto uri = make<OCTET_STRING_t>(asn_DEF_Uri);
  set_octets(*uri, "a");
  EXPECT_EQ(round_trip(asn_DEF_Uri, uri.get()), "0161");
}

TEST(AperCharacterString, a_character_outside_the_permitted_alphabet_is_an_encode_error) {
  auto v = make<OCTET_STRING_t>(asn_DEF_Name_Printable);
  set_octets(*v, "a*b");  // '*' is not a PrintableString character
  auto r = encode(asn_DEF_Name_Printable, v.get());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().reason.find("0x2a at index 1"), std::string::npos) << r.error().reason;
  auto d = make<OCTET_STRING_t>(asn_DEF_Digits);
  set_octets(*d, "12a");
  EXPECT_FALSE(encode(asn_DEF_Digits, d.get()).ok());
}

TEST(AperCharacterString, a_printable_length_outside_the_root_uses_the_extension_form) {  // 26.4, 10.9.3.6
  auto v = make<OCTET_STRING_t>(asn_DEF_Name_Printable);
  set_octets(*v, std::string(151, 'x'));  // 1, padding, length 0x80 0x97, characters
  EXPECT_EQ(round_trip(asn_DEF_Name_Printable, v.get()).substr(0, 8), "80809778");
}

}  // namespace
}  // namespace concur::s1ap::aper
