// The cost of what the monitor does per message: NAS protect + verify of a ~30-octet message
// (128-EIA2 + 128-EEA2, and the SNOW 3G / ZUC pairs for comparison), one NH step (A.4) and the
// attribution of an {NCC, NH} pair.
#include <benchmark/benchmark.h>

#include "security/key_chain.h"
#include "security/nas_security.h"

using namespace concur;
using namespace concur::security;

namespace {

const Key256 kKasme = Key256::from_hex("238e457e0f758badbca8d34bb2612c10428d426757cb5553b2b184fa64bfc549");
const Bytes kMessage = from_hex("0742013e060000f1100001001b5201c101090908696e7465726e6574050201");  // 30 octets

void protect_and_verify(benchmark::State& state, CipheringAlgorithm eea, IntegrityAlgorithm eia) {
  NasSecurityContext sender(1, kKasme, eea, eia), receiver(1, kKasme, eea, eia);
  for (auto _ : state) {
    const Bytes pdu = protect(sender, Direction::downlink, SecurityHeaderType::integrity_protected_ciphered, kMessage);
    auto v = verify(receiver, Direction::downlink, pdu);
    if (!v.ok() || !v->mac_valid) state.SkipWithError("verify failed");
    benchmark::DoNotOptimize(v);
  }
  state.SetLabel(std::to_string(kMessage.size()) + "-octet message");
}

void BM_NasProtectVerify_Eia2Eea2(benchmark::State& s) {
  protect_and_verify(s, CipheringAlgorithm::eea2, IntegrityAlgorithm::eia2);
}
void BM_NasProtectVerify_Eia1Eea1(benchmark::State& s) {
  protect_and_verify(s, CipheringAlgorithm::eea1, IntegrityAlgorithm::eia1);
}
void BM_NasProtectVerify_Eia3Eea3(benchmark::State& s) {
  protect_and_verify(s, CipheringAlgorithm::eea3, IntegrityAlgorithm::eia3);
}

void BM_NhStep(benchmark::State& state) {
  Key256 nh = derive_kenb(kKasme, 0);
  for (auto _ : state) {
    nh = derive_nh(kKasme, nh);
    benchmark::DoNotOptimize(nh);
  }
}

void BM_AttributeNhOnOldChainStep4(benchmark::State& state) {
  NetworkKeyState net;
  net.initial_context_setup(0, kKasme, 0);
  for (int i = 0; i < 3; ++i) net.next_hop();
  net.new_kasme_in_nas(1, derive_kenb(kKasme, 77));
  const NhNcc hop = net.next_hop();
  for (auto _ : state) benchmark::DoNotOptimize(net.attribute(hop.ncc, hop.nh));
}

}  // namespace

BENCHMARK(BM_NasProtectVerify_Eia2Eea2);
BENCHMARK(BM_NasProtectVerify_Eia1Eea1);
BENCHMARK(BM_NasProtectVerify_Eia3Eea3);
BENCHMARK(BM_NhStep);
BENCHMARK(BM_AttributeNhOnOldChainStep4);
BENCHMARK_MAIN();
