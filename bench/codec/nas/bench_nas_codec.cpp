// Decode / encode / protect throughput of the NAS codec on the messages of an attach and an SMC.
// Figures: see runner/codec/nas/README.md.
#include <benchmark/benchmark.h>

#include "codec/nas/protection.h"
#include "codec/nas/summary.h"

namespace {

using namespace concur;
using namespace concur::nas;

// ATTACH REQUEST as a UE sends it (integrity protected), built with the codec itself.
Bytes attach_request_wire() {
  PdnConnectivityRequest pdn;
  pdn.header = {0, 1};
  pdn.esm_information_transfer_flag = 1;
  pdn.protocol_configuration_options = from_hex("8080211001000010810600000000830600000000000d00000a00");
  AttachRequest m;
  m.nas_ksi = {false, 1};
  m.eps_mobile_identity = EpsMobileIdentity::from_guti(Guti{Plmn{"001", "01"}, 0x8001, 1, 0xC0000001});
  m.ue_network_capability.octets = {0xE0, 0xE0, 0xC0, 0x40};
  m.esm_message_container = encode(NasMessage{pdn});
  m.drx_parameter = DrxParameter{0, 0};
  m.ms_network_capability = from_hex("e5e034");
  return encode(NasMessage{m});
}

SecurityModeCommand smc() {
  SecurityModeCommand m;
  m.selected_nas_security_algorithms = {2, 2};
  m.nas_ksi = {false, 1};
  m.replayed_ue_security_capabilities.eea = 0xE0;
  m.replayed_ue_security_capabilities.eia = 0xE0;
  m.imeisv_request = 1;
  return m;
}

class NoCrypto : public NasSecurityHook {
 public:
  std::array<std::uint8_t, 4> mac(std::uint32_t, Direction, ByteView) override { return {}; }
  Bytes cipher(std::uint32_t, Direction, ByteView m) override { return Bytes(m.begin(), m.end()); }
};

void decode_attach_request(benchmark::State& state) {
  const Bytes wire = attach_request_wire();
  for (auto _ : state) benchmark::DoNotOptimize(decode(view_of(wire)));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * wire.size()));
}
BENCHMARK(decode_attach_request);

void encode_attach_request(benchmark::State& state) {
  const auto msg = decode_message(view_of(attach_request_wire())).value();
  for (auto _ : state) benchmark::DoNotOptimize(encode(msg));
}
BENCHMARK(encode_attach_request);

void decode_and_summarise_protected_smc(benchmark::State& state) {
  NoCrypto hook;
  const Bytes wire = protect(smc(), SecurityHeaderType::integrity_protected_new_context, 0, Direction::downlink, hook);
  for (auto _ : state) {
    auto pdu = decode(view_of(wire));
    benchmark::DoNotOptimize(summarise(pdu.value()));
  }
}
BENCHMARK(decode_and_summarise_protected_smc);

void protect_smc_without_crypto(benchmark::State& state) {
  NoCrypto hook;
  const SecurityModeCommand m = smc();
  std::uint32_t count = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(protect(m, SecurityHeaderType::integrity_protected_new_context, count++, Direction::downlink, hook));
  }
}
BENCHMARK(protect_smc_without_crypto);

}  // namespace

BENCHMARK_MAIN();
