#include "common/bytes.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace concur {
namespace {

TEST(Hex, round_trips_and_ignores_separators) {
  EXPECT_EQ(from_hex("00 F1:10-ab"), (Bytes{0x00, 0xf1, 0x10, 0xab}));
  EXPECT_EQ(to_hex(from_hex("d5ef4d8f")), "d5ef4d8f");
}

TEST(Hex, cuts_long_output_with_an_ellipsis) { EXPECT_EQ(to_hex(from_hex("0102030405"), 2), "0102…"); }

TEST(Hex, rejects_odd_digits_and_non_hex) {
  EXPECT_THROW(from_hex("abc"), std::invalid_argument);
  EXPECT_THROW(from_hex("zz"), std::invalid_argument);
}

}  // namespace
}  // namespace concur
