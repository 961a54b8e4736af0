#include "security/secret_key.h"

#include <gtest/gtest.h>

#include <sstream>
#include <type_traits>

namespace concur::security {
namespace {

TEST(SecretKey, equal_keys_compare_equal_and_one_differing_bit_makes_them_unequal) {
  const Key256 a = Key256::from_hex("d5ef4d8f33266902295d42f322a2f2cf11fb2ccc124c09b4d88d361597037990");
  Key256 b = a;
  EXPECT_TRUE(a == b);
  b.data()[31] ^= 0x01;
  EXPECT_FALSE(a == b);
}

TEST(SecretKey, reveal_hex_gives_the_full_value_only_when_asked) {
  const Key128 k = Key128::from_hex("465b5ce8b199b49faa5f0a2ee238a6bc");
  EXPECT_EQ(k.reveal_hex(), "465b5ce8b199b49faa5f0a2ee238a6bc");
}

TEST(SecretKey, fingerprint_identifies_a_key_without_containing_its_octets) {
  const Key128 k = Key128::from_hex("465b5ce8b199b49faa5f0a2ee238a6bc");
  const Key128 other = Key128::from_hex("fec86ba6eb707ed08905757b1bb44b8f");
  EXPECT_EQ(k.fingerprint().size(), 8u);
  EXPECT_EQ(k.fingerprint(), Key128(k).fingerprint());
  EXPECT_NE(k.fingerprint(), other.fingerprint());
  EXPECT_EQ(k.reveal_hex().find(k.fingerprint()), std::string::npos);
}

TEST(SecretKey, construction_from_octets_of_the_wrong_length_is_refused) {
  const Bytes fifteen(15, 0);
  EXPECT_THROW(Key128{ByteView(fifteen)}, std::invalid_argument);
  EXPECT_THROW(Key256::from_hex("00"), std::invalid_argument);
}

// A key must not be printable by accident: no operator<< exists for it.
template <class T, class = void>
struct streamable : std::false_type {};
template <class T>
struct streamable<T, std::void_t<decltype(std::declval<std::ostream&>() << std::declval<const T&>())>>
    : std::true_type {};

TEST(SecretKey, cannot_be_streamed_to_a_log) {
  EXPECT_FALSE(streamable<Key128>::value);
  EXPECT_FALSE(streamable<Key256>::value);
}

}  // namespace
}  // namespace concur::security
