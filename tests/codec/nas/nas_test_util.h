// Helpers shared by the NAS codec tests.
#pragma once

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "codec/nas/message.h"
#include "codec/nas/pdu.h"
#include "common/bytes.h"

namespace concur::nas::test {

/// Encodes `built`, decodes the octets, re-encodes the result and checks both encodings are the
/// same octets; returns the decoded message so the caller can assert its fields.
template <class T>
T round_trip(const T& built, Bytes* wire = nullptr) {
  const Bytes first = encode(NasMessage{built});
  const auto decoded = decode_message(view_of(first));
  if (!decoded) throw std::runtime_error("decode failed: " + decoded.error().to_string() + " in " + to_hex(first));
  const T* m = std::get_if<T>(&decoded.value());
  if (!m) throw std::runtime_error("decoded as another message: " + std::string(message_name(decoded.value())));
  const Bytes second = encode(decoded.value());
  EXPECT_EQ(to_hex(first), to_hex(second)) << "re-encoding differs";
  EXPECT_EQ(*m, built) << "decoded fields differ from the built ones";
  if (wire) *wire = first;
  return *m;
}

/// Decodes hex that must be well formed and re-encodes it byte-identically.
inline NasPdu decode_exact(const std::string& hex, const DecodeOptions& options = {}) {
  const Bytes in = from_hex(hex);
  auto pdu = decode(view_of(in), options);
  if (!pdu) throw std::runtime_error("decode failed: " + pdu.error().to_string());
  EXPECT_EQ(to_hex(encode(pdu.value())), to_hex(in)) << "re-encoding differs";
  return pdu.value();
}

}  // namespace concur::nas::test
