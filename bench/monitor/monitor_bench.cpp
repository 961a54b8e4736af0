// Events per second through the rule monitor: N UEs, each attaching, re-authenticating in
// ECM-CONNECTED, handing over twice (once inside the rule-3 window) and modifying its context,
// interleaved message by message as a busy capture would be. With and without the exact key
// checks (each judged NH costs up to ~80 HMAC-SHA-256 when it is off the chain, a few when on it).
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "monitor/monitor.h"
#include "monitor/security_kdf.h"

namespace {

using namespace concur::monitor;

Key256 filled(std::uint8_t v) {
  Key256 k{};
  k.fill(v);
  return k;
}


/// The messages of one UE, in its own order; ids derived from `ue`.
std::vector<Event> ue_ladder(std::uint32_t ue, const KeyDerivation& kdf) {
  const std::string imsi = "00101" + std::to_string(1000000000u + ue);
  const Key256 kasme0 = filled(static_cast<std::uint8_t>(ue));
  const Key256 kenb = kdf.kenb(kasme0, 0);
  const Key256 nh1 = kdf.nh(kasme0, kenb);
  const Key256 nh2 = kdf.nh(kasme0, nh1);
  const Key256 nh3 = kdf.nh(kasme0, nh2);
  std::vector<Event> out;
  auto add = [&](std::string enb, std::uint32_t mme_id, std::optional<std::uint32_t> enb_id, bool down, EventBody b) {
    Event e;
    e.from = down ? "MME" : enb;
    e.to = down ? enb : "MME";
    e.ids.s1 = S1UeIds{enb, mme_id, enb_id};
    e.ids.imsi = imsi;
    e.body = std::move(b);
    out.push_back(std::move(e));
  };
  const std::uint32_t a = ue * 4, b = ue * 4 + 1, c = ue * 4 + 2;
  add("eNB1", a, a, false, NasInitialRequest{});
  add("eNB1", a, a, true, AuthenticationRequest{0});
  add("eNB1", a, a, false, AuthenticationResponse{});
  add("eNB1", a, a, true, SecurityModeCommand{0, {2, 2}});
  add("eNB1", a, a, false, SecurityModeComplete{});
  add("eNB1", a, a, true, InitialContextSetupRequest{kenb});
  add("eNB1", a, a, false, InitialContextSetupResponse{});
  add("eNB1", a, a, false, HandoverRequired{HandoverType::intra_lte, std::nullopt, HandoverTargetCore::same_mme});
  add("eNB2", b, std::nullopt, true, HandoverRequest{HandoverType::intra_lte, NhNcc{2, nh2}});
  add("eNB2", b, b, false, HandoverRequestAcknowledge{});
  add("eNB1", a, a, true, HandoverCommand{});
  add("eNB2", b, b, false, HandoverNotify{});
  add("eNB1", a, a, true, UeContextReleaseCommand{});
  add("eNB1", a, a, false, UeContextReleaseComplete{});
  add("eNB2", b, b, true, AuthenticationRequest{1});
  add("eNB2", b, b, false, AuthenticationResponse{});
  add("eNB2", b, b, true, SecurityModeCommand{1, {2, 2}});
  add("eNB2", b, b, false, SecurityModeComplete{});
  add("eNB2", b, b, false, HandoverRequired{HandoverType::intra_lte, std::nullopt, HandoverTargetCore::same_mme});
  add("eNB3", c, std::nullopt, true, HandoverRequest{HandoverType::intra_lte, NhNcc{3, nh3}});
  add("eNB3", c, c, false, HandoverRequestAcknowledge{});
  add("eNB2", b, b, true, HandoverCommand{});
  add("eNB3", c, c, false, HandoverNotify{});
  add("eNB2", b, b, true, UeContextReleaseCommand{});
  add("eNB2", b, b, false, UeContextReleaseComplete{});
  add("eNB3", c, c, true, UeContextModificationRequest{filled(0xee)});
  add("eNB3", c, c, false, UeContextModificationResponse{});
  return out;
}

/// UEs interleaved round-robin; HANDOVER REQUESTs stay right after their HANDOVER REQUIRED so
/// the oldest-waiting pairing sees a realistic, not adversarial, order.
std::vector<Event> interleaved(std::uint32_t ues, const KeyDerivation& kdf) {
  std::vector<std::vector<Event>> per_ue;
  for (std::uint32_t u = 0; u < ues; ++u) per_ue.push_back(ue_ladder(u, kdf));
  std::vector<Event> trace;
  for (std::size_t step = 0; step < per_ue[0].size(); ++step) {
    for (auto& l : per_ue) {
      trace.push_back(l[step]);
      if (std::holds_alternative<HandoverRequired>(l[step].body)) {
        trace.push_back(l[step + 1]);
        l[step + 1].body = AuthenticationResponse{};  // placeholder, skipped below
        l[step + 1].from.clear();
      }
    }
  }
  std::vector<Event> out;
  for (Event& e : trace) {
    if (e.from.empty()) continue;
    e.index = out.size() + 1;
    out.push_back(std::move(e));
  }
  return out;
}

void run(benchmark::State& state, bool with_keys) {
  static const SecurityLibraryKdf kdf;
  const auto ues = static_cast<std::uint32_t>(state.range(0));
  const std::vector<Event> trace = interleaved(ues, kdf);
  KasmeTable keys;
  for (std::uint32_t u = 0; u < ues; ++u) {
    keys.add("00101" + std::to_string(1000000000u + u), 0, filled(static_cast<std::uint8_t>(u)));
  }
  for (auto _ : state) {
    MonitorConfig cfg;
    if (with_keys) {
      cfg.kdf = &kdf;
      cfg.keys = &keys;
    }
    Monitor m(cfg);
    for (const Event& e : trace) m.feed(e);
    auto summary = m.summary();
    benchmark::DoNotOptimize(summary);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(trace.size()));
}

void BM_monitor_without_keys(benchmark::State& s) { run(s, false); }
void BM_monitor_with_keys(benchmark::State& s) { run(s, true); }

}  // namespace

BENCHMARK(BM_monitor_without_keys)->Arg(10)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_monitor_with_keys)->Arg(10)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
