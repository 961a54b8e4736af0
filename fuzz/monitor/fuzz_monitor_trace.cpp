// Fuzzes the rule monitor with arbitrary event traces: any order of messages, colliding S1AP ids,
// GTPv2 sequence numbers and TEIDs, missing or repeated responses, keys from the input. The
// monitor must neither crash nor break its own invariants, whatever a capture or SUT throws at it:
//  - a rule's aggregated verdict is the combination of its per-UE verdicts, and the counts add up;
//  - every fail names at least one message as evidence, and every finding has a reason.
// Half of the inputs run with the security library's KDF and a key source, so the exact chain
// checks are exercised too.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdint>
#include <cstdlib>
#include <string>

#include "monitor/monitor.h"
#include "monitor/report.h"
#include "monitor/security_kdf.h"

namespace {

using namespace concur::monitor;

Key256 key(FuzzedDataProvider& in) {
  // Few distinct keys, so that equal values (same NH again, same KASME) actually happen.
  Key256 k{};
  k.fill(in.ConsumeIntegralInRange<std::uint8_t>(0, 3));
  return k;
}

NhNcc pair(FuzzedDataProvider& in) { return NhNcc{in.ConsumeIntegralInRange<std::uint8_t>(0, 7), key(in)}; }

template <class T>
std::optional<T> maybe(FuzzedDataProvider& in, T v) {
  return in.ConsumeBool() ? std::optional<T>(v) : std::nullopt;
}

EpsMmContext mm_context(FuzzedDataProvider& in) {
  EpsMmContext mm;
  mm.ksi_asme = in.ConsumeIntegralInRange<std::uint8_t>(0, 7);
  mm.kasme = key(in);
  mm.nas_algorithms = NasAlgorithms{in.ConsumeIntegralInRange<std::uint8_t>(0, 3), in.ConsumeIntegralInRange<std::uint8_t>(0, 3)};
  mm.nh_ncc = maybe(in, pair(in));
  if (in.ConsumeBool()) mm.old_context = OldEpsSecurityContext{in.ConsumeIntegralInRange<std::uint8_t>(0, 7), key(in), maybe(in, pair(in))};
  return mm;
}

EventBody body(FuzzedDataProvider& in) {
  const HandoverType ho_type = static_cast<HandoverType>(in.ConsumeIntegralInRange<int>(0, 4));
  switch (in.ConsumeIntegralInRange<int>(0, 29)) {
    case 0: return AuthenticationRequest{in.ConsumeIntegralInRange<std::uint8_t>(0, 7)};
    case 1: return AuthenticationResponse{};
    case 2: return SecurityModeCommand{in.ConsumeIntegralInRange<std::uint8_t>(0, 7), {}};
    case 3: return SecurityModeComplete{};
    case 4: return SecurityModeReject{};
    case 5: return NasInitialRequest{NasRequestKind::attach, std::nullopt};
    case 6: return InitialContextSetupRequest{key(in)};
    case 7: return InitialContextSetupResponse{};
    case 8: return InitialContextSetupFailure{};
    case 9: return UeContextModificationRequest{maybe(in, key(in))};
    case 10: return UeContextModificationResponse{};
    case 11: return UeContextModificationFailure{};
    case 12: return HandoverRequired{ho_type, maybe(in, TrackingAreaId{"00101", in.ConsumeIntegral<std::uint16_t>()}),
                                     static_cast<HandoverTargetCore>(in.ConsumeIntegralInRange<int>(0, 2))};
    case 13: return HandoverRequest{ho_type, pair(in)};
    case 14: return HandoverRequestAcknowledge{};
    case 15: return HandoverFailure{};
    case 16: return HandoverCommand{};
    case 17: return HandoverPreparationFailure{};
    case 18: return HandoverNotify{};
    case 19: return HandoverCancel{};
    case 20: return HandoverCancelAcknowledge{};
    case 21: return PathSwitchRequest{in.ConsumeIntegralInRange<std::uint32_t>(0, 4)};
    case 22: return PathSwitchRequestAcknowledge{pair(in)};
    case 23: return PathSwitchRequestFailure{};
    case 24: return UeContextReleaseCommand{};
    case 25: return UeContextReleaseComplete{};
    case 26: {
      ForwardRelocationRequest f;
      f.interface = in.ConsumeBool() ? GtpInterface::s10 : GtpInterface::s3;
      if (in.ConsumeBool()) f.eps = mm_context(in);
      return f;
    }
    case 27: return ForwardRelocationResponse{in.ConsumeIntegral<std::uint8_t>()};
    case 28: return ForwardRelocationCompleteNotification{};
    default: return ForwardRelocationCompleteAcknowledge{};
  }
}

const char* const kNodes[] = {"MME", "eNB1", "eNB2", "MME-peer", "SGSN"};

Event event(FuzzedDataProvider& in, std::size_t& index) {
  Event e;
  // Mostly increasing, sometimes not: out-of-order traces must be reported, not crash.
  index = in.ConsumeProbability<float>() < 0.95f ? index + 1 : in.ConsumeIntegralInRange<std::size_t>(0, index + 1);
  e.index = index;
  e.frame = maybe(in, static_cast<std::uint64_t>(index));
  e.time = std::chrono::nanoseconds(in.ConsumeIntegral<std::int64_t>());
  e.from = kNodes[in.ConsumeIntegralInRange<int>(0, 4)];
  e.to = kNodes[in.ConsumeIntegralInRange<int>(0, 4)];
  if (in.ConsumeBool()) {
    e.ids.s1 = S1UeIds{kNodes[in.ConsumeIntegralInRange<int>(1, 2)], maybe(in, in.ConsumeIntegralInRange<std::uint32_t>(0, 4)),
                       maybe(in, in.ConsumeIntegralInRange<std::uint32_t>(0, 4))};
  }
  if (in.ConsumeBool()) {
    e.ids.gtp = GtpIds{in.ConsumeIntegralInRange<std::uint32_t>(0, 3), in.ConsumeIntegralInRange<std::uint32_t>(0, 3),
                       maybe(in, in.ConsumeIntegralInRange<std::uint32_t>(0, 3))};
  }
  if (in.ConsumeBool()) e.ids.imsi = "00101000000000" + std::to_string(in.ConsumeIntegralInRange<int>(0, 2));
  e.body = body(in);
  return e;
}

void check_invariants(const std::vector<RuleSummary>& summary) {
  for (const RuleSummary& s : summary) {
    Verdict combined = Verdict::none;
    std::size_t counted = 0;
    for (std::size_t v = 0; v < s.count_by_verdict.size(); ++v) counted += s.count_by_verdict[v];
    if (counted != s.per_ue.size()) std::abort();
    for (const UeRuleVerdict& u : s.per_ue) {
      combined = combine(combined, u.verdict);
      for (const Finding& f : u.findings) {
        if (f.reason.empty()) std::abort();
        if (f.verdict == Verdict::fail && f.events.empty()) std::abort();
      }
    }
    if (combined != s.verdict) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  static const SecurityLibraryKdf kdf;
  static const KasmeTable keys = [] {
    KasmeTable t;
    for (int imsi = 0; imsi <= 2; ++imsi)
      for (std::uint8_t ksi = 0; ksi < 8; ++ksi) {
        Key256 k{};
        k.fill(static_cast<std::uint8_t>(ksi % 4));
        t.add("00101000000000" + std::to_string(imsi), ksi, k);
      }
    return t;
  }();
  MonitorConfig config;
  if (in.ConsumeBool()) {
    config.kdf = &kdf;
    config.keys = &keys;
  }
  config.sut.role = in.ConsumeBool() ? SutRole::mme : SutRole::enb;
  config.sut.node = config.sut.role == SutRole::mme ? "MME" : "eNB1";
  if (in.ConsumeBool()) config.sut.served_tais = {TrackingAreaId{"00101", 1}};
  Monitor monitor(config);
  std::size_t index = 0;
  for (int n = 0; n < 200 && in.remaining_bytes() > 0; ++n) monitor.feed(event(in, index));
  const auto summary = monitor.summary();
  check_invariants(summary);
  (void)format_report(summary);
  return 0;
}
