// SEQUENCE, SEQUENCE OF / SET OF, CHOICE and open types in the ALIGNED variant. Expected octets
// are derived by hand from X.691 (07/2002), clause per test.
#include <gtest/gtest.h>

#include "Empty-Record.h"
#include "List-Constrained.h"
#include "List-Ext.h"
#include "List-Fixed.h"
#include "List-Unconstrained.h"
#include "Pick-Ext.h"
#include "Pick-One.h"
#include "Pick-Root.h"
#include "ProtocolIE-Container.h"
#include "ProtocolIE-Field.h"
#include "Record-Additions.h"
#include "Record-Closed.h"
#include "Record.h"
#include "Security-Context.h"
#include "Set-Constrained.h"
#include "aper_test_support.h"

namespace concur::s1ap::aper {
namespace {

using namespace testing;

template <class L, class T>
void add(L& list, T value) {
  auto* p = static_cast<T*>(calloc(1, sizeof(T)));
  *p = value;
  ASN_SEQUENCE_ADD(&list, p);
}

TEST(AperSequence, absent_optionals_and_defaults_leave_zero_bits_in_the_bitmap) {  // 18.1, 18.2
  auto v = make<Record_t>(asn_DEF_Record);
  v->count = 5;  // 0 (ext), 000 (label, mode, flag), 101
  EXPECT_EQ(aper_hex(asn_DEF_Record, v.get()), "0a");
  auto back = aper_decode<Record_t>(asn_DEF_Record, "0a");
  ASSERT_TRUE(back);
  EXPECT_EQ(back->count, 5);
  EXPECT_EQ(back->label, nullptr);
  EXPECT_EQ(back->flag, nullptr);
}

TEST(AperSequence, present_optionals_set_their_bits_and_follow_in_order) {  // 18.2, 18.4
  auto v = make<Record_t>(asn_DEF_Record);
  v->count = 5;
  v->label = static_cast<Octets_Var_t*>(calloc(1, sizeof(Octets_Var_t)));
  set_octets(*v->label, "ab");
  v->mode = static_cast<long*>(calloc(1, sizeof(long)));
  *v->mode = Enum_Root_blue;
  v->flag = static_cast<BOOLEAN_t*>(calloc(1, sizeof(BOOLEAN_t)));
  *v->flag = 1;
  // 0 111 101, label length '001', padding, 61 62, mode '10', flag '1'
  EXPECT_EQ(round_trip(asn_DEF_Record, v.get()), "7a406162a0");
}

TEST(AperSequence, a_default_member_equal_to_its_default_is_not_encoded) {  // 18.2 (X.680 DEFAULT)
  auto v = make<Record_t>(asn_DEF_Record);
  v->count = 5;
  v->mode = static_cast<long*>(calloc(1, sizeof(long)));
  *v->mode = Enum_Root_green;
  EXPECT_EQ(aper_hex(asn_DEF_Record, v.get()), "0a");
  auto back = aper_decode<Record_t>(asn_DEF_Record, "0a");
  ASSERT_TRUE(back && back->mode);
  EXPECT_EQ(*back->mode, Enum_Root_green);  // the decoder fills the default in
}

TEST(AperSequence, a_constraint_violation_inside_a_sequence_is_an_encode_error_naming_the_field_path) {
  auto v = make<Security_Context_t>(asn_DEF_Security_Context);
  v->nextHopChainingCount = 9;  // outside (0..7)
  set_bits(v->nextHopParameter, Bytes(32, 0), 0);
  auto r = encode(asn_DEF_Security_Context, v.get());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "Security-Context.nextHopChainingCount");
}

TEST(AperSequence, a_non_extensible_sequence_has_no_extension_bit) {  // 18.1
  auto v = make<Record_Closed_t>(asn_DEF_Record_Closed);
  v->a = 7;  // 0 (b absent), 111
  EXPECT_EQ(round_trip(asn_DEF_Record_Closed, v.get()), "70");
}

TEST(AperSequence, extension_additions_follow_a_bitmap_as_open_types) {  // 18.1, 18.7-18.9, 10.2
  auto v = make<Record_Additions_t>(asn_DEF_Record_Additions);
  v->id = 7;
  v->extra = static_cast<long*>(calloc(1, sizeof(long)));
  *v->extra = 0x1234;
  // 1 (ext), padding, 07; bitmap length 2 as 0 000001; bitmap 10; padding; open type 02 12 34
  EXPECT_EQ(round_trip(asn_DEF_Record_Additions, v.get()), "800703000" "21234");
}

TEST(AperSequence, additions_of_a_later_version_are_skipped_by_their_length) {  // 18.9, 10.2
  // as above but the bitmap says 3 additions, the third one present with 2 unknown octets
  auto v = aper_decode<Record_Additions_t>(asn_DEF_Record_Additions, "8007" "0540" "021234" "02abcd");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->id, 7);
  ASSERT_TRUE(v->extra);
  EXPECT_EQ(*v->extra, 0x1234);
  EXPECT_EQ(v->note, nullptr);
}

TEST(AperSequence, an_empty_sequence_encodes_as_one_zero_octet) {  // 18, 10.1.3
  auto v = make<Empty_Record_t>(asn_DEF_Empty_Record);
  EXPECT_EQ(round_trip(asn_DEF_Empty_Record, v.get()), "00");
}

TEST(AperSequence, a_security_context_puts_the_key_on_an_octet_boundary) {  // 18, 15.9 (TS 36.413 SecurityContext)
  auto v = make<Security_Context_t>(asn_DEF_Security_Context);
  v->nextHopChainingCount = 2;  // 0 (ext), 0 (iE-Extensions), 010, padding
  Bytes key(32);
  for (std::size_t i = 0; i < key.size(); ++i) key[i] = static_cast<std::uint8_t>(i);
  set_bits(v->nextHopParameter, key, 0);
  EXPECT_EQ(round_trip(asn_DEF_Security_Context, v.get()), "10" + to_hex(view_of(key)));
}

TEST(AperSequenceOf, a_fixed_size_list_has_no_length) {  // 19.5
  auto v = make<List_Fixed_t>(asn_DEF_List_Fixed);
  add(v->list, 1L);
  add(v->list, 2L);
  EXPECT_EQ(round_trip(asn_DEF_List_Fixed, v.get()), "0102");
}

TEST(AperSequenceOf, a_constrained_list_has_a_bit_field_length) {  // 19.6, 10.9.3.3
  auto v = make<List_Constrained_t>(asn_DEF_List_Constrained);
  add(v->list, 1L);
  add(v->list, 2L);
  add(v->list, 3L);  // 0010, 001 010 011
  EXPECT_EQ(round_trip(asn_DEF_List_Constrained, v.get()), "2298");
}

TEST(AperSequenceOf, an_extensible_list_outside_its_root_uses_an_unconstrained_length) {  // 19.4, 19.6
  auto in_root = make<List_Ext_t>(asn_DEF_List_Ext);
  add(in_root->list, 5L);
  add(in_root->list, 6L);  // 0, 01, padding, 05 06
  EXPECT_EQ(round_trip(asn_DEF_List_Ext, in_root.get()), "200506");
  auto outside = make<List_Ext_t>(asn_DEF_List_Ext);
  for (long i = 1; i <= 5; ++i) add(outside->list, i);  // 1, padding, 05, 01..05
  EXPECT_EQ(round_trip(asn_DEF_List_Ext, outside.get()), "80050102030405");
}

TEST(AperSequenceOf, an_unconstrained_list_has_an_octet_length_and_unaligned_items) {  // 19.6, 10.9.3.6
  auto v = make<List_Unconstrained_t>(asn_DEF_List_Unconstrained);
  add(v->list, 1);
  add(v->list, 0);
  add(v->list, 1);
  EXPECT_EQ(round_trip(asn_DEF_List_Unconstrained, v.get()), "03a0");
}

TEST(AperSequenceOf, lists_of_16K_items_and_more_are_fragmented) {  // 19.6, 10.9.3.8
  auto v = make<List_Unconstrained_t>(asn_DEF_List_Unconstrained);
  for (int i = 0; i < 20000; ++i) add(v->list, i % 3 == 0 ? 1 : 0);
  const std::string hex = round_trip(asn_DEF_List_Unconstrained, v.get());
  // c1, 16384 one-bit items (2048 octets), then 3616 = 0x0e20 items with a two-octet length
  EXPECT_EQ(hex.substr(0, 4), "c192");
  EXPECT_EQ(hex.substr(2 + 2 * 2048, 4), "8e20");
  EXPECT_EQ(hex.size(), 2 * (1 + 2048 + 2 + 452));
}

TEST(AperSetOf, a_set_of_strings_encodes_each_item_in_order) {  // 21, 16.8
  auto v = make<Set_Constrained_t>(asn_DEF_Set_Constrained);
  auto* item = static_cast<Octets_Var_t*>(calloc(1, sizeof(Octets_Var_t)));
  set_octets(*item, "a");
  ASN_SET_ADD(&v->list, item);  // length '00', item length '000', padding, 61
  EXPECT_EQ(round_trip(asn_DEF_Set_Constrained, v.get()), "0061");
}

TEST(AperChoice, the_root_index_is_a_constrained_whole_number) {  // 22.6
  auto v = make<Pick_Root_t>(asn_DEF_Pick_Root);
  v->present = Pick_Root_PR_small;
  v->choice.small = 5;  // 00, 101
  EXPECT_EQ(round_trip(asn_DEF_Pick_Root, v.get()), "28");
  auto one = make<Pick_One_t>(asn_DEF_Pick_One);
  one->present = Pick_One_PR_only;
  one->choice.only = 5;  // no index bits
  EXPECT_EQ(round_trip(asn_DEF_Pick_One, one.get()), "a0");
}

TEST(AperChoice, extensible_root_alternatives_carry_a_zero_bit) {  // 22.5, 22.6, 15.8
  auto v = make<Pick_Ext_t>(asn_DEF_Pick_Ext);
  v->present = Pick_Ext_PR_macro;
  set_bits(v->choice.macro, {0xA5}, 0);  // 0, 0, 10100101
  EXPECT_EQ(round_trip(asn_DEF_Pick_Ext, v.get()), "2940");
  auto home = make<Pick_Ext_t>(asn_DEF_Pick_Ext);
  home->present = Pick_Ext_PR_home;
  set_bits(home->choice.home, {0xAB, 0xCD}, 0);  // 0, 1, 16 bits
  EXPECT_EQ(round_trip(asn_DEF_Pick_Ext, home.get()), "6af340");
}

TEST(AperChoice, extension_alternatives_are_a_normally_small_index_and_an_open_type) {  // 22.8, 10.6, 10.2
  auto v = make<Pick_Ext_t>(asn_DEF_Pick_Ext);
  v->present = Pick_Ext_PR_short;
  set_bits(v->choice.Short, {0xA0, 0x00, 0x80}, 7);  // 1 0000000, open type 03 a0 00 80
  EXPECT_EQ(round_trip(asn_DEF_Pick_Ext, v.get()), "8003a00080");
  auto l = make<Pick_Ext_t>(asn_DEF_Pick_Ext);
  l->present = Pick_Ext_PR_long;
  l->choice.Long = 5;  // 1 0000001, open type 01 a0
  EXPECT_EQ(round_trip(asn_DEF_Pick_Ext, l.get()), "8101a0");
}

TEST(AperChoice, no_selected_alternative_is_an_encode_error) {
  auto v = make<Pick_Root_t>(asn_DEF_Pick_Root);
  auto r = encode(asn_DEF_Pick_Root, v.get());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().reason.find("no alternative selected"), std::string::npos);
}

TEST(AperOpenType, a_protocol_ie_container_carries_each_value_as_a_length_prefixed_encoding) {  // 19.6, 10.2
  auto v = make<ProtocolIE_Container_t>(asn_DEF_ProtocolIE_Container);
  auto* field = static_cast<ProtocolIE_Field_t*>(calloc(1, sizeof(ProtocolIE_Field_t)));
  field->id = 73;  // id-SecurityKey
  field->criticality = Criticality_reject;
  set_octets(field->value, "\xAB\xCD");
  ASN_SEQUENCE_ADD(&v->list, field);
  // count 00 01; id 00 49; criticality '00' + padding; value length 02, ab cd
  EXPECT_EQ(round_trip(asn_DEF_ProtocolIE_Container, v.get()), "00010049000" "2abcd");
}

}  // namespace
}  // namespace concur::s1ap::aper
