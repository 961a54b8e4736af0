// AES-128 building blocks on OpenSSL 3: the block function (Milenage kernel, TS 35.206), CTR
// keystream (128-EEA2) and CMAC over an exact bit length (128-EIA2). OpenSSL's CMAC works on
// whole octets only, so the final-block handling of NIST SP 800-38B is done here on AES-ECB.
#pragma once

#include <array>
#include <cstdint>

#include "security/bit_string.h"
#include "security/secret_key.h"

typedef struct evp_cipher_ctx_st EVP_CIPHER_CTX;

namespace concur::security {

using Block = std::array<std::uint8_t, 16>;

/// One AES-128 key schedule, reused for many blocks.
class Aes128 {
 public:
  explicit Aes128(const Key128& key);
  ~Aes128();
  Aes128(const Aes128&) = delete;
  Aes128& operator=(const Aes128&) = delete;

  Block encrypt(const Block& in) const;
  /// CBC-MAC over whole blocks starting from `chain`: returns the last ciphertext block.
  Block cbc_mac(const Block& chain, const std::uint8_t* blocks, std::size_t n_blocks) const;

 private:
  EVP_CIPHER_CTX* ecb_;  ///< holds the key schedule; freed (and cleansed by OpenSSL) with the object
};

/// out = in XOR AES-128-CTR keystream from the initial counter block `iv` (whole octets).
void aes128_ctr_xor(const Key128& key, const Block& iv, ByteView in, std::uint8_t* out);

/// AES-CMAC (NIST SP 800-38B) of a message of any bit length.
Block aes128_cmac(const Key128& key, BitString message);

}  // namespace concur::security
