#include "security/secret_key.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <stdexcept>

namespace concur::security::detail {

bool constant_time_equal(const std::uint8_t* a, const std::uint8_t* b, std::size_t n) noexcept {
  return CRYPTO_memcmp(a, b, n) == 0;
}

void wipe(void* p, std::size_t n) noexcept { OPENSSL_cleanse(p, n); }

std::string fingerprint_of(const std::uint8_t* p, std::size_t n) {
  std::uint8_t digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(p, n, digest, &len, EVP_sha256(), nullptr) != 1) throw std::runtime_error("SHA-256 failed");
  return to_hex(ByteView(digest, 4));
}

void throw_wrong_key_length(std::size_t want, std::size_t got) {
  throw std::invalid_argument("key must be " + std::to_string(want) + " octets, got " + std::to_string(got));
}

}  // namespace concur::security::detail
