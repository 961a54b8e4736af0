#include "common/byte_reader.h"
#include "common/byte_writer.h"

#include <gtest/gtest.h>

namespace concur {
namespace {

TEST(ByteReader, reads_big_endian_fields_in_order) {
  const Bytes in = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a};
  ByteReader r(view_of(in));
  EXPECT_EQ(r.u8("a"), 0x01);
  EXPECT_EQ(r.u16("b"), 0x0203);
  EXPECT_EQ(r.u24("c"), 0x040506u);
  EXPECT_EQ(r.u32("d"), 0x0708090au);
  EXPECT_TRUE(r.empty());
}

TEST(ByteReader, short_read_names_the_field_and_absolute_offset) {
  const Bytes in = {0x00, 0x00, 0x00, 0xff};
  ByteReader outer(view_of(in));
  outer.skip(2, "header");
  ByteReader inner = outer.sub(2, "body");
  inner.u8("first");
  try {
    inner.u16("ncc_and_nh");
    FAIL() << "a read past the end must throw";
  } catch (const DecodeFailure& e) {
    EXPECT_EQ(e.error().field, "ncc_and_nh");
    EXPECT_EQ(e.error().offset, 3u);
  }
}

TEST(DecodeGuarded, turns_a_thrown_failure_into_an_error_value) {
  const Bytes in = {0x01};
  auto r = decode_guarded([&] {
    ByteReader rd(view_of(in));
    return rd.u32("count");
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "count");
  EXPECT_EQ(r.error().to_string(), "field 'count' at offset 0: needs 4 octet(s), only 1 left");
}

TEST(ByteWriter, patches_a_length_written_before_its_content) {
  ByteWriter w;
  w.u8(0x6b);
  w.u16(0);
  w.u32(0xdeadbeef);
  w.patch_u16(1, 4);
  EXPECT_EQ(w.data(), (Bytes{0x6b, 0x00, 0x04, 0xde, 0xad, 0xbe, 0xef}));
}

}  // namespace
}  // namespace concur
