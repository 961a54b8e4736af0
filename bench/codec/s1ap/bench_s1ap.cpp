// Decode and encode cost of HANDOVER REQUEST and PATH SWITCH REQUEST ACKNOWLEDGE, the two
// messages whose SecurityContext the rule monitor reads for every handover.
#include <benchmark/benchmark.h>

#include "codec/s1ap/messages.h"
#include "sample_messages.h"

namespace {

using namespace concur;
using namespace concur::s1ap;

template <class M>
void decode_message(benchmark::State& state, const M& m) {
  const Bytes pdu = encode(m).value();
  for (auto _ : state) {
    Result<S1apMessage> r = decode_pdu(pdu);
    if (!r.ok()) state.SkipWithError(r.error().to_string().c_str());
    benchmark::DoNotOptimize(r);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * pdu.size()));
}

template <class M>
void encode_message(benchmark::State& state, const M& m) {
  const S1apMessage msg = m;
  for (auto _ : state) {
    Result<Bytes> r = encode(msg);
    if (!r.ok()) state.SkipWithError(r.error().to_string().c_str());
    benchmark::DoNotOptimize(r);
  }
}

void BM_decode_handover_request(benchmark::State& s) { decode_message(s, samples::handover_request()); }
void BM_encode_handover_request(benchmark::State& s) { encode_message(s, samples::handover_request()); }
void BM_decode_path_switch_request_acknowledge(benchmark::State& s) {
  decode_message(s, samples::path_switch_request_acknowledge());
}
void BM_encode_path_switch_request_acknowledge(benchmark::State& s) {
  encode_message(s, samples::path_switch_request_acknowledge());
}

BENCHMARK(BM_decode_handover_request);
BENCHMARK(BM_encode_handover_request);
BENCHMARK(BM_decode_path_switch_request_acknowledge);
BENCHMARK(BM_encode_path_switch_request_acknowledge);

}  // namespace

BENCHMARK_MAIN();
