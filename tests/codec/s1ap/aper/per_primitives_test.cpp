// X.691 (07/2002) clause 10 building blocks in the ALIGNED variant, with expected octets derived
// by hand from the clause cited in each test. A leading one-bit field shows where alignment
// (padding to the octet boundary) happens.
#include <gtest/gtest.h>

#include "codec/s1ap/aper/field_path.h"
#include "codec/s1ap/aper/per_primitives.h"
#include "common/bytes.h"

namespace concur::s1ap::aper {
namespace {

std::string hex_of(BitWriter&& w) { return to_hex(view_of(std::move(w).finish())); }

TEST(AperPrimitives, range_up_to_255_is_a_minimal_unaligned_bit_field) {  // 10.5.7.1
  BitWriter w;
  w.bit(true);
  put_constrained_whole(w, 254, 255);  // 8 bits right after the flag: 1 11111110
  EXPECT_EQ(hex_of(std::move(w)), "ff00");
}

TEST(AperPrimitives, range_of_256_is_one_aligned_octet) {  // 10.5.7.2
  BitWriter w;
  w.bit(true);
  put_constrained_whole(w, 0xFE, 256);
  EXPECT_EQ(hex_of(std::move(w)), "80fe");
}

TEST(AperPrimitives, range_up_to_64K_is_two_aligned_octets) {  // 10.5.7.3
  BitWriter w;
  w.bit(true);
  put_constrained_whole(w, 256, 257);
  put_constrained_whole(w, 0x1234, 65536);
  EXPECT_EQ(hex_of(std::move(w)), "8001001234");
}

TEST(AperPrimitives, range_above_64K_writes_an_octet_count_then_aligned_octets) {  // 10.5.7.4
  BitWriter w;
  w.bit(true);
  // range 65537: up to 3 octets, count 1..3 in 2 bits; 3 octets -> '10'; 1 10 + padding = c0
  put_constrained_whole(w, 65536, 65537);
  EXPECT_EQ(hex_of(std::move(w)), "c0010000");
  BitWriter w32;  // range 2^32 (MME-UE-S1AP-ID): count 1..4 in 2 bits
  put_constrained_whole(w32, 1, static_cast<u128>(1) << 32);
  EXPECT_EQ(hex_of(std::move(w32)), "0001");
}

TEST(AperPrimitives, a_single_value_range_takes_no_bits) {  // 10.5.4
  BitWriter w;
  put_constrained_whole(w, 0, 1);
  EXPECT_EQ(w.bit_size(), 0U);
  EXPECT_EQ(hex_of(std::move(w)), "00");  // 10.1.3: an empty encoding is one zero octet
}

TEST(AperPrimitives, normally_small_numbers_use_six_bits_up_to_63_then_a_semi_constrained_form) {  // 10.6
  BitWriter small;
  put_normally_small(small, 5);
  EXPECT_EQ(hex_of(std::move(small)), "0a");
  BitWriter large;
  put_normally_small(large, 64);  // 1, then length 1 (aligned) and 0x40
  EXPECT_EQ(hex_of(std::move(large)), "800140");
}

TEST(AperPrimitives, normally_small_length_codes_n_minus_one) {  // 10.9.3.4
  BitWriter w;
  put_normally_small_length(w, 3);
  EXPECT_EQ(hex_of(std::move(w)), "04");
}

TEST(AperPrimitives, semi_constrained_and_unconstrained_numbers_use_minimal_octets) {  // 10.7, 10.8
  BitWriter semi;
  put_semi_constrained(semi, 300);
  EXPECT_EQ(hex_of(std::move(semi)), "02012c");
  BitWriter minus_one;
  put_unconstrained(minus_one, -1);
  EXPECT_EQ(hex_of(std::move(minus_one)), "01ff");
  BitWriter v128;
  put_unconstrained(v128, 128);
  EXPECT_EQ(hex_of(std::move(v128)), "020080");
  BitWriter vm129;
  put_unconstrained(vm129, -129);
  EXPECT_EQ(hex_of(std::move(vm129)), "02ff7f");
}

TEST(AperPrimitives, unconstrained_lengths_take_one_or_two_octets_then_fragment_by_16K) {  // 10.9.3.6-8
  BitWriter w;
  w.bit(true);
  EXPECT_EQ(put_length(w, 127, 0, kNoUpperBound).count, 127U);
  EXPECT_EQ(put_length(w, 128, 0, kNoUpperBound).count, 128U);
  EXPECT_EQ(put_length(w, 16383, 0, kNoUpperBound).count, 16383U);
  const LengthPart frag = put_length(w, 40000, 0, kNoUpperBound);
  EXPECT_TRUE(frag.fragment);
  EXPECT_EQ(frag.count, 2 * k16K);
  const LengthPart big = put_length(w, 70000, 0, kNoUpperBound);
  EXPECT_EQ(big.count, 4 * k16K);
  EXPECT_EQ(hex_of(std::move(w)), "807f8080bfffc2c4");
}

TEST(AperPrimitives, lengths_with_an_upper_bound_below_64K_are_constrained_whole_numbers) {  // 10.9.3.3
  BitWriter w;
  w.bit(true);
  put_length(w, 3, 1, 16);        // 4 bits: 0010
  put_length(w, 2, 0, 65535);     // two aligned octets (an S1AP ProtocolIE-Container count)
  EXPECT_EQ(hex_of(std::move(w)), "900002");
}

TEST(AperPrimitives, reader_decodes_what_the_writer_wrote) {
  BitWriter w;
  w.bit(true);
  put_constrained_whole(w, 65536, 65537);
  put_normally_small(w, 64);
  put_unconstrained(w, -129);
  put_length(w, 40000, 0, kNoUpperBound);
  const Bytes b = std::move(w).finish();
  FieldPath path;
  BitReader r(view_of(b), path);
  EXPECT_TRUE(r.bit("flag"));
  EXPECT_EQ(get_constrained_whole(r, 65537, "n"), 65536U);
  EXPECT_EQ(get_normally_small(r, "n"), 64U);
  EXPECT_EQ(get_unconstrained(r, "n"), -129);
  const LengthPart p = get_length(r, 0, kNoUpperBound, "len");
  EXPECT_TRUE(p.fragment);
  EXPECT_EQ(p.count, 2 * k16K);
}

TEST(AperPrimitives, reading_past_the_end_fails_with_the_bit_position) {
  const Bytes b = from_hex("80");  // count '10': 3 octets follow, none do
  FieldPath path;
  path.push("Test");
  BitReader r(view_of(b), path);
  try {
    (void)get_constrained_whole(r, 65537, "value");
    FAIL() << "expected a DecodeFailure";
  } catch (const DecodeFailure& e) {
    EXPECT_EQ(e.error().field, "Test");
    EXPECT_EQ(e.error().offset, 1U);
    EXPECT_NE(e.error().reason.find("at bit 8"), std::string::npos) << e.error().reason;
  }
}

TEST(AperPrimitives, a_decoded_constrained_number_beyond_the_range_is_rejected) {
  const Bytes b = from_hex("ff");  // offset 255 in a range of 255 (1..255)
  FieldPath path;
  BitReader r(view_of(b), path);
  EXPECT_THROW((void)get_constrained_whole(r, 255, "value"), DecodeFailure);
}

}  // namespace
}  // namespace concur::s1ap::aper
