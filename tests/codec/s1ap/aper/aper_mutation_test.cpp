// Every single-bit corruption, truncation and extension of valid encodings either fails with a
// DecodeError or decodes to a value that encodes, and whose encoding is a fixed point of one
// more decode/encode round. Run under ASAN/UBSAN (build-asan) this also proves that no failure
// path reads out of bounds or leaks a partial result.
#include <gtest/gtest.h>

#include "Digits.h"
#include "Int-Alignment.h"
#include "List-Ext.h"
#include "Name-Printable.h"
#include "Nulls.h"
#include "Octet-Alignment.h"
#include "Pick-Ext.h"
#include "ProtocolIE-Container.h"
#include "Record-Additions.h"
#include "Record.h"
#include "Security-Context.h"
#include "Tree.h"
#include "aper_test_support.h"

namespace concur::s1ap::aper {
namespace {

using namespace testing;

struct Vector {
  asn_TYPE_descriptor_t* td;
  const char* hex;  // from the hand-derived tests of this folder
};

const Vector kVectors[] = {
    {&asn_DEF_Record, "7a406162a0"},
    {&asn_DEF_Record_Additions, "80070300021234"},
    {&asn_DEF_Record_Additions, "8007054002123402abcd"},
    {&asn_DEF_Pick_Ext, "8003a00080"},
    {&asn_DEF_Pick_Ext, "6af340"},
    {&asn_DEF_Security_Context, "10000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"},
    {&asn_DEF_ProtocolIE_Container, "000100490002abcd"},
    {&asn_DEF_Int_Alignment, "ff00ab01001234c001020304"},
    {&asn_DEF_Octet_Alignment, "8081000304050006100708" "0109"},
    {&asn_DEF_List_Ext, "80050102030405"},
    {&asn_DEF_Name_Printable, "0100616263"},
    {&asn_DEF_Digits, "601234"},
};

/// Decodes `in`; on success checks encode and the fixed point. Returns whether it decoded.
bool decode_is_sound(asn_TYPE_descriptor_t& td, const Bytes& in, const std::string& what) {
  auto first = decode(td, view_of(in));
  if (!first.ok()) {
    EXPECT_FALSE(first.error().reason.empty()) << what;
    return false;
  }
  Owned<void> v(*first, AsnDeleter{&td});
  auto enc = encode(td, v.get());
  EXPECT_TRUE(enc.ok()) << what << ": decoded but does not encode: " << (enc.ok() ? "" : enc.error().to_string());
  if (!enc.ok()) return true;
  auto second = decode(td, view_of(*enc));
  EXPECT_TRUE(second.ok()) << what << ": our own encoding " << to_hex(view_of(*enc)) << " does not decode";
  if (!second.ok()) return true;
  Owned<void> w(*second, AsnDeleter{&td});
  auto again = encode(td, w.get());
  EXPECT_TRUE(again.ok() && *again == *enc) << what << ": not a fixed point";
  return true;
}

TEST(AperMutations, every_single_bit_flip_fails_cleanly_or_decodes_to_an_encodable_value) {
  int decoded = 0;
  int rejected = 0;
  for (const Vector& v : kVectors) {
    const Bytes valid = from_hex(v.hex);
    for (std::size_t bit = 0; bit < 8 * valid.size(); ++bit) {
      Bytes in = valid;
      in[bit / 8] = static_cast<std::uint8_t>(in[bit / 8] ^ (0x80U >> (bit % 8)));
      (decode_is_sound(*v.td, in, std::string(v.td->name) + " " + v.hex + " bit " + std::to_string(bit)) ? decoded : rejected)++;
    }
  }
  EXPECT_GT(decoded, 0);
  EXPECT_GT(rejected, 0);
}

TEST(AperMutations, every_truncation_and_extension_of_a_valid_encoding_is_handled) {
  for (const Vector& v : kVectors) {
    const Bytes valid = from_hex(v.hex);
    EXPECT_TRUE(decode_is_sound(*v.td, valid, v.hex)) << v.hex << " must decode";
    for (std::size_t n = 0; n < valid.size(); ++n)
      decode_is_sound(*v.td, Bytes(valid.begin(), valid.begin() + static_cast<std::ptrdiff_t>(n)), std::string(v.hex) + " cut to " + std::to_string(n));
    for (std::uint8_t extra : {0x00, 0x80, 0xFF}) {
      Bytes longer = valid;
      longer.push_back(extra);
      EXPECT_FALSE(decode(*v.td, view_of(longer)).ok()) << v.hex << " + trailing octet decoded";
    }
  }
}

TEST(AperMutations, a_length_declaring_millions_of_zero_width_items_is_refused_by_the_node_budget) {
  // Nulls ::= SEQUENCE OF NULL: each c4 octet declares 65536 more items that take no bits.
  Bytes in(64, 0xC4);
  in.push_back(0x00);
  auto r = decode(asn_DEF_Nulls, view_of(in));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().reason.find("more values than an input of this size can carry"), std::string::npos) << r.error().to_string();
}

TEST(AperMutations, a_modest_list_of_zero_width_items_decodes) {
  auto v = aper_decode<Nulls_t>(asn_DEF_Nulls, "05");  // five NULLs: a length and no content
  ASSERT_TRUE(v);
  EXPECT_EQ(v->list.count, 5);
  EXPECT_EQ(aper_hex(asn_DEF_Nulls, v.get()), "05");
}

TEST(AperMutations, encoding_a_value_nested_deeper_than_the_limit_is_an_error) {
  // A Tree of 70 levels, built by hand.
  auto root = make<Tree_t>(asn_DEF_Tree);
  Tree_t* node = root.get();
  for (int depth = 0; depth < 70; ++depth) {
    node->children = static_cast<Tree::Tree__children*>(calloc(1, sizeof(*node->children)));
    auto* child = static_cast<Tree_t*>(calloc(1, sizeof(Tree_t)));
    ASN_SEQUENCE_ADD(&node->children->list, child);
    node = child;
  }
  auto r = encode(asn_DEF_Tree, root.get());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().reason.find("nesting deeper than 64"), std::string::npos) << r.error().to_string();
}

}  // namespace
}  // namespace concur::s1ap::aper
