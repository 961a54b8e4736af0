// Fuzzes the judge with arbitrary captured messages: each input is a sequence of messages (S1AP,
// GTPv2-C, Diameter or unclassified, between a few addresses) whose bytes are random, so the
// S1AP, NAS (with and without keys: deciphering with KASMEs derived from random AKA) and GTPv2-C
// decoders, the adapter and the monitor all see garbage. Nothing may crash; every decode error
// must become a problem, and the verdicts must stay consistent.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdint>
#include <cstdlib>

#include "judge/judge.h"
#include "judge/key_material.h"

namespace {

using namespace concur;

const judge::KeyMaterial& keys() {
  static const judge::KeyMaterial k = judge::parse_key_file(
      "subscriber imsi=001010000000001 k=465b5ce8b199b49faa5f0a2ee238a6bc opc=cd63cb71954a9f4e48a5994e37a02baf\n"
      "kasme imsi=001010000000001 eksi=1 kasme=238e457e0f758badbca8d34bb2612c10428d426757cb5553b2b184fa64bfc549\n",
      "fuzz keys");
  return k;
}

capture::TransportAddress address(FuzzedDataProvider& in) {
  static const char* const hosts[] = {"127.0.0.1", "127.0.1.1", "127.0.1.2", "127.0.0.9"};
  static const std::uint16_t ports[] = {36412, 50001, 2123, 3868};
  return capture::TransportAddress::from_text(hosts[in.ConsumeIntegralInRange<int>(0, 3)],
                                              ports[in.ConsumeIntegralInRange<int>(0, 3)]);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  judge::JudgeOptions options;
  if (in.ConsumeBool()) options.keys = &keys();
  judge::Judge j(options);
  std::uint64_t frame = 0;
  while (in.remaining_bytes() > 0) {
    capture::CapturedMessage m;
    m.frame_number = ++frame;
    m.timestamp_ns = static_cast<std::int64_t>(frame) * 1'000'000;
    m.protocol = static_cast<capture::Protocol>(in.ConsumeIntegralInRange<int>(0, 3));
    m.src = address(in);
    m.dst = address(in);
    const std::size_t n = in.ConsumeIntegralInRange<std::size_t>(0, 512);
    m.bytes = in.ConsumeBytes<std::uint8_t>(n);
    j.feed(m);
  }
  const judge::Judgement out = j.finish();
  if (out.problems.size() < out.decode_errors) std::abort();  // every decode error is named
  for (const auto& s : out.rules) {
    std::size_t total = 0;
    for (std::size_t c : s.count_by_verdict) total += c;
    if (total != s.per_ue.size()) std::abort();
  }
  (void)judge::format_judgement(out);
  return 0;
}
