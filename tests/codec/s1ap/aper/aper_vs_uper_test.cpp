// Sanity against asn1c's own unaligned PER: the variants must differ exactly where X.691's
// ALIGNED rules (padding, 8-bit characters, octet-count integers) apply, and agree where they
// do not (small bit-fields only).
#include <gtest/gtest.h>

#include "Int-Alignment.h"
#include "List-Constrained.h"
#include "Name-Printable.h"
#include "Octet-Alignment.h"
#include "Record-Additions.h"
#include "Record.h"
#include "Security-Context.h"
#include "aper_test_support.h"

namespace concur::s1ap::aper {
namespace {

using namespace testing;

TEST(AperVersusUper, aligned_integers_differ_from_asn1c_unaligned_per) {
  Int_Alignment_t v{};
  v.flag = 1;
  v.r255 = 255;
  v.r256 = 0xAB;
  v.r257 = 256;
  v.r64k = 0x1234;
  v.big = 0x01020304;
  const std::string uper = uper_hex(asn_DEF_Int_Alignment, &v);
  ASSERT_NE(uper, "<uper failed>");
  EXPECT_NE(aper_hex(asn_DEF_Int_Alignment, &v), uper);
}

TEST(AperVersusUper, seven_bit_printable_characters_differ_from_aligned_eight_bit_ones) {
  auto v = make<OCTET_STRING_t>(asn_DEF_Name_Printable);
  set_octets(*v, "abc");
  EXPECT_NE(aper_hex(asn_DEF_Name_Printable, v.get()), uper_hex(asn_DEF_Name_Printable, v.get()));
}

TEST(AperVersusUper, padded_octet_strings_and_keys_differ) {
  auto o = make<Octet_Alignment_t>(asn_DEF_Octet_Alignment);
  o->flag = 1;
  set_octets(o->two, "\x01\x02");
  set_octets(o->three, "\x03\x04\x05");
  set_octets(o->var, "\x06");
  set_octets(o->ext, "\x07\x08");
  set_octets(o->any, "\x09");
  EXPECT_NE(aper_hex(asn_DEF_Octet_Alignment, o.get()), uper_hex(asn_DEF_Octet_Alignment, o.get()));
  auto s = make<Security_Context_t>(asn_DEF_Security_Context);
  s->nextHopChainingCount = 2;
  set_bits(s->nextHopParameter, Bytes(32, 0xEE), 0);
  EXPECT_NE(aper_hex(asn_DEF_Security_Context, s.get()), uper_hex(asn_DEF_Security_Context, s.get()));
}

TEST(AperVersusUper, small_bit_fields_without_alignment_agree_with_asn1c_unaligned_per) {
  auto l = make<List_Constrained_t>(asn_DEF_List_Constrained);
  for (long i = 1; i <= 3; ++i) {
    auto* p = static_cast<long*>(calloc(1, sizeof(long)));
    *p = i;
    ASN_SEQUENCE_ADD(&l->list, p);
  }
  EXPECT_EQ(aper_hex(asn_DEF_List_Constrained, l.get()), uper_hex(asn_DEF_List_Constrained, l.get()));
  auto r = make<Record_t>(asn_DEF_Record);
  r->count = 5;
  EXPECT_EQ(aper_hex(asn_DEF_Record, r.get()), uper_hex(asn_DEF_Record, r.get()));
}

}  // namespace
}  // namespace concur::s1ap::aper
