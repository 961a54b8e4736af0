// ns per decode and per encode of an S10 Forward Relocation Request with a full MM Context (NHI=1,
// OSCI=1, NHI_old=1, two quadruplets, DRX, UE-AMBRs, capabilities), one PDN connection with a bearer,
// and an E-UTRAN transparent container: the largest message the 33.401 7.2.10 rules inspect.
#include <benchmark/benchmark.h>

#include "codec/gtpv2/message.h"
#include "codec/gtpv2/mobility.h"
#include "sample_messages.h"

namespace {

using namespace concur;
using namespace concur::gtpv2;

const GtpMessage& full_forward_relocation_request() {
  static const GtpMessage m = build(samples::s10_forward_relocation_request(), 0x0a000001, 42);
  return m;
}

void BM_decode_forward_relocation_request(benchmark::State& state) {
  const Bytes wire = encode(full_forward_relocation_request());
  for (auto _ : state) {
    auto m = decode(view_of(wire));
    benchmark::DoNotOptimize(m);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * wire.size()));
  state.counters["octets"] = static_cast<double>(wire.size());
}
BENCHMARK(BM_decode_forward_relocation_request);

void BM_decode_and_parse_forward_relocation_request(benchmark::State& state) {
  const Bytes wire = encode(full_forward_relocation_request());
  for (auto _ : state) {
    auto m = decode(view_of(wire));
    auto v = parse_forward_relocation_request(*m);
    benchmark::DoNotOptimize(v);
  }
}
BENCHMARK(BM_decode_and_parse_forward_relocation_request);

void BM_encode_forward_relocation_request(benchmark::State& state) {
  const GtpMessage& m = full_forward_relocation_request();
  for (auto _ : state) {
    Bytes wire = encode(m);
    benchmark::DoNotOptimize(wire);
  }
}
BENCHMARK(BM_encode_forward_relocation_request);

}  // namespace

BENCHMARK_MAIN();
