// The bit-level AES-CMAC of 128-EIA2 against OpenSSL's own (octet-only) CMAC on whole octets,
// including the empty message and exact multiples of the block size, where the final-block
// handling (subkey K1 vs K2 and the padding bit) differs.
#include "security/aes.h"

#include <gtest/gtest.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include "test_hex.h"

namespace concur::security {
namespace {

Block openssl_cmac(const Key128& key, ByteView msg) {
  EVP_MAC* mac = EVP_MAC_fetch(nullptr, "CMAC", nullptr);
  EVP_MAC_CTX* ctx = EVP_MAC_CTX_new(mac);
  char cipher_name[] = "AES-128-CBC";
  const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_CIPHER, cipher_name, 0),
                               OSSL_PARAM_construct_end()};
  Block out{};
  std::size_t len = 0;
  EXPECT_EQ(EVP_MAC_init(ctx, key.data(), 16, params), 1);
  EXPECT_EQ(EVP_MAC_update(ctx, msg.data(), msg.size()), 1);
  EXPECT_EQ(EVP_MAC_final(ctx, out.data(), &len, out.size()), 1);
  EVP_MAC_CTX_free(ctx);
  EVP_MAC_free(mac);
  return out;
}

TEST(AesCmac, equals_openssl_cmac_for_every_octet_length_from_0_to_80) {
  const Key128 key = testing::k128("2b7e151628aed2a6abf7158809cf4f3c");
  Bytes msg;
  for (int n = 0; n <= 80; ++n) {
    EXPECT_EQ(testing::hex(aes128_cmac(key, BitString::whole(msg))), testing::hex(openssl_cmac(key, msg))) << n << " octets";
    msg.push_back(static_cast<std::uint8_t>(n * 37 + 11));
  }
}

TEST(AesCmac, rfc4493_example_2_sixteen_octets) {
  // RFC 4493 section 4, Example 2 (AES-128, Mlen = 16).
  const Key128 key = testing::k128("2b7e151628aed2a6abf7158809cf4f3c");
  const Bytes m = from_hex("6bc1bee22e409f96e93d7e117393172a");
  EXPECT_EQ(testing::hex(aes128_cmac(key, BitString::whole(m))), "070a16b46b4d4144f79bdd9dd04a287c");
}

}  // namespace
}  // namespace concur::security
