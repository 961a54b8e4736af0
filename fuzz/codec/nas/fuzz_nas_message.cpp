// libFuzzer target for the NAS-EPS decoder: any input must decode to a value or a DecodeError
// whose offset lies within the input, and whatever decodes must re-encode to octets that decode
// again and re-encode to the same octets (encode is a fixed point after one round).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "codec/nas/pdu.h"
#include "codec/nas/protection.h"
#include "codec/nas/summary.h"

namespace {

using namespace concur;
using namespace concur::nas;

// A stand-in for EIA/EEA so that unprotect() runs its decipher-and-decode path on fuzzed octets.
class XorHook : public NasSecurityHook {
 public:
  std::array<std::uint8_t, 4> mac(std::uint32_t count, Direction, ByteView msg) override {
    std::uint8_t x = static_cast<std::uint8_t>(count);
    for (auto b : msg) x ^= b;
    return {x, 0, 0, x};
  }
  Bytes cipher(std::uint32_t count, Direction, ByteView msg) override {
    Bytes out(msg.begin(), msg.end());
    for (auto& b : out) b ^= static_cast<std::uint8_t>(count);
    return out;
  }
};

[[noreturn]] void fail(const char* what, ByteView in) {
  std::fprintf(stderr, "fuzz_nas_message: %s for input %s\n", what, to_hex(in).c_str());
  std::abort();
}

void check(ByteView in, const DecodeOptions& options) {
  const auto first = decode(in, options);
  if (!first.ok()) {
    if (first.error().offset > in.size()) fail("error offset beyond the input", in);
    return;
  }
  (void)summarise(first.value()).to_string();
  Bytes once;
  try {
    once = encode(first.value());
  } catch (const std::exception& e) {
    fail(e.what(), in);
  }
  const auto second = decode(view_of(once), options);
  if (!second.ok()) fail("re-encoded octets do not decode", in);
  if (encode(second.value()) != once) fail("encoding is not a fixed point", in);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const ByteView in(data, size);
  check(in, DecodeOptions{});
  check(in, DecodeOptions{.direction = Direction::downlink, .assume_null_ciphering = true});
  XorHook hook;
  const auto u = unprotect(in, Direction::uplink, size > 0 ? data[0] : 0, hook);
  if (!u.ok() && u.error().offset > in.size()) fail("unprotect error offset beyond the input", in);
  return 0;
}
