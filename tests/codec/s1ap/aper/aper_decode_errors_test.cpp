// Malformed input: every failure is a DecodeError naming the field path, the octet offset and
// the bit position, never a crash, an out-of-bounds read or a leak (run under ASAN/LSan).
#include <gtest/gtest.h>

#include "Enum-Ext.h"
#include "Enum-Root.h"
#include "Int-Range255.h"
#include "Int-Range64K.h"
#include "Int-Range8.h"
#include "List-Constrained.h"
#include "Octets-Unconstrained.h"
#include "Pick-Ext.h"
#include "Pick-Root.h"
#include "ProtocolIE-Container.h"
#include "Record.h"
#include "Tree.h"
#include "aper_test_support.h"
#include "codec/s1ap/aper/bit_writer.h"

namespace concur::s1ap::aper {
namespace {

using namespace testing;

DecodeError decode_error(asn_TYPE_descriptor_t& td, const std::string& hex) {
  const Bytes in = from_hex(hex);
  auto r = decode(td, view_of(in));
  if (r.ok()) {
    td.free_struct(&td, *r, 0);
    ADD_FAILURE() << "decoding " << hex << " as " << td.name << " succeeded";
    return {};
  }
  return r.error();
}

bool mentions(const DecodeError& e, const std::string& text) { return e.reason.find(text) != std::string::npos; }

TEST(AperDecodeErrors, a_truncated_value_names_the_type_offset_and_bit) {
  const DecodeError e = decode_error(asn_DEF_Int_Range64K, "12");
  EXPECT_EQ(e.field, "Int-Range64K");
  EXPECT_EQ(e.offset, 0U);
  EXPECT_TRUE(mentions(e, "at bit 0")) << e.to_string();
  EXPECT_TRUE(mentions(e, "needs 16 bits, 8 left")) << e.to_string();
}

TEST(AperDecodeErrors, a_truncated_member_names_the_member_path) {
  // Record with label present: 0 100 101, label length '001', then the content is missing
  const DecodeError e = decode_error(asn_DEF_Record, "4a40");
  EXPECT_EQ(e.field, "Record.label");
  EXPECT_EQ(e.offset, 2U);
  EXPECT_TRUE(mentions(e, "OCTET STRING")) << e.to_string();
}

TEST(AperDecodeErrors, a_value_beyond_the_constrained_range_is_rejected) {
  const DecodeError e = decode_error(asn_DEF_Int_Range255, "ff");  // offset 255 in range 255
  EXPECT_TRUE(mentions(e, "outside the constrained range")) << e.to_string();
}

TEST(AperDecodeErrors, an_enumeration_index_beyond_the_root_is_rejected) {
  EXPECT_TRUE(mentions(decode_error(asn_DEF_Enum_Root, "c0"), "outside the constrained range"));
}

TEST(AperDecodeErrors, an_unknown_extension_enumerator_is_rejected) {
  EXPECT_TRUE(mentions(decode_error(asn_DEF_Enum_Ext, "85"), "unknown to this version"));
}

TEST(AperDecodeErrors, a_choice_index_beyond_the_root_is_rejected) {
  EXPECT_TRUE(mentions(decode_error(asn_DEF_Pick_Root, "c0"), "outside the constrained range"));
}

TEST(AperDecodeErrors, an_unknown_extension_alternative_is_rejected) {
  EXPECT_TRUE(mentions(decode_error(asn_DEF_Pick_Ext, "8501a0"), "unknown to this version"));
}

TEST(AperDecodeErrors, an_open_type_longer_than_its_content_is_rejected) {
  // extension alternative 'long' (Int-Range8) whose open type holds two octets
  EXPECT_TRUE(mentions(decode_error(asn_DEF_Pick_Ext, "8102a000"), "octets left"));
}

TEST(AperDecodeErrors, trailing_octets_after_the_complete_encoding_are_rejected) {
  const DecodeError e = decode_error(asn_DEF_Int_Range8, "a000");
  EXPECT_TRUE(mentions(e, "1 octets left")) << e.to_string();
}

TEST(AperDecodeErrors, empty_input_is_rejected) {
  EXPECT_TRUE(mentions(decode_error(asn_DEF_Int_Range8, ""), "at least one octet"));
}

TEST(AperDecodeErrors, a_declared_length_beyond_the_input_fails_before_allocating) {
  const DecodeError e = decode_error(asn_DEF_Octets_Unconstrained, "bfff00");  // 16383 octets, 1 present
  EXPECT_TRUE(mentions(e, "16383 items of 8 bits exceed the 8 bits left")) << e.to_string();
  EXPECT_EQ(e.offset, 2U);
}

TEST(AperDecodeErrors, a_fragment_without_its_content_is_rejected) {
  EXPECT_TRUE(mentions(decode_error(asn_DEF_Octets_Unconstrained, "c4"), "exceed"));
  EXPECT_TRUE(mentions(decode_error(asn_DEF_Octets_Unconstrained, "c5"), "fragment multiplier 5"));
}

TEST(AperDecodeErrors, a_failure_inside_a_list_names_the_item_and_frees_the_partial_list) {
  // ProtocolIE-Container with 2 fields; the second one is cut short
  const DecodeError e = decode_error(asn_DEF_ProtocolIE_Container, "0002" "00490002abcd" "0008");
  EXPECT_EQ(e.field, "ProtocolIE-Container[1].criticality");
}

TEST(AperDecodeErrors, nesting_deeper_than_the_limit_is_rejected) {
  // Tree: each level is 1 (children present), leaf 000, children count 1 (3 bits 001)
  BitWriter w;
  for (int i = 0; i < 200; ++i) {
    w.bit(true);
    w.bits(0, 3);
    w.bits(1, 3);
  }
  const Bytes in = std::move(w).finish();
  auto r = decode(asn_DEF_Tree, view_of(in));
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(mentions(r.error(), "nesting deeper than 64")) << r.error().to_string();
}

TEST(AperDecodeErrors, a_tree_within_the_nesting_limit_round_trips) {
  BitWriter w;
  for (int i = 0; i < 20; ++i) {
    w.bit(true);
    w.bits(static_cast<std::uint64_t>(i % 8), 3);
    w.bits(1, 3);
  }
  w.bit(false);
  w.bits(7, 3);
  const Bytes in = std::move(w).finish();
  auto r = decode(asn_DEF_Tree, view_of(in));
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  Owned<Tree_t> tree(static_cast<Tree_t*>(*r), AsnDeleter{&asn_DEF_Tree});
  EXPECT_EQ(aper_hex(asn_DEF_Tree, tree.get()), to_hex(view_of(in)));
}

TEST(AperDecodeErrors, every_truncation_of_a_valid_encoding_fails_cleanly) {
  const std::string full = "00010049000" "2abcd";
  for (std::size_t n = 0; n + 2 < full.size(); n += 2) {
    const Bytes in = from_hex(full.substr(0, n));
    auto r = decode(asn_DEF_ProtocolIE_Container, view_of(in));
    EXPECT_FALSE(r.ok()) << "prefix of " << n / 2 << " octets decoded";
    if (r.ok()) asn_DEF_ProtocolIE_Container.free_struct(&asn_DEF_ProtocolIE_Container, *r, 0);
  }
}

}  // namespace
}  // namespace concur::s1ap::aper
