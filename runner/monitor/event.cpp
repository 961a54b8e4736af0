#include "monitor/event.h"

#include <cstdio>

#include "common/bytes.h"

namespace concur::monitor {
namespace {

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

std::string nh_text(const NhNcc& p) {
  return "NCC=" + std::to_string(p.ncc) + " NH=" + to_hex(ByteView(p.nh.data(), p.nh.size()), 4);
}

std::string handover_type_text(HandoverType t) {
  switch (t) {
    case HandoverType::intra_lte: return "intralte";
    case HandoverType::lte_to_utran: return "ltetoutran";
    case HandoverType::lte_to_geran: return "ltetogeran";
    case HandoverType::utran_to_lte: return "utrantolte";
    case HandoverType::geran_to_lte: return "gerantolte";
  }
  return "?";
}

std::string details(const EventBody& body) {
  return std::visit(
      Overloaded{
          [](const AuthenticationRequest& m) { return " eKSI=" + std::to_string(m.eksi); },
          [](const SecurityModeCommand& m) {
            return " eKSI=" + std::to_string(m.eksi) + " EEA" + std::to_string(m.selected.eea) + " EIA" +
                   std::to_string(m.selected.eia);
          },
          [](const UeContextModificationRequest& m) {
            return std::string(m.security_key ? " with SecurityKey" : " without SecurityKey");
          },
          [](const HandoverRequired& m) { return " " + handover_type_text(m.type); },
          [](const HandoverRequest& m) { return " " + nh_text(m.security_context); },
          [](const PathSwitchRequestAcknowledge& m) { return " " + nh_text(m.security_context); },
          [](const ForwardRelocationRequest& m) {
            std::string s = m.interface == GtpInterface::s10 ? " S10" : " S3";
            if (m.eps) {
              s += " KSI_ASME=" + std::to_string(m.eps->ksi_asme);
              if (m.eps->old_context) s += " OSCI=1 old_KSI=" + std::to_string(m.eps->old_context->old_ksi_asme);
            }
            return s;
          },
          [](const ForwardRelocationResponse& m) { return " cause=" + std::to_string(m.cause); },
          [](const auto&) { return std::string(); },
      },
      body);
}

}  // namespace

std::string message_name(const EventBody& body) {
  return std::visit(
      Overloaded{
          [](const AuthenticationRequest&) { return "AUTHENTICATION REQUEST"; },
          [](const AuthenticationResponse&) { return "AUTHENTICATION RESPONSE"; },
          [](const SecurityModeCommand&) { return "SECURITY MODE COMMAND"; },
          [](const SecurityModeComplete&) { return "SECURITY MODE COMPLETE"; },
          [](const SecurityModeReject&) { return "SECURITY MODE REJECT"; },
          [](const NasInitialRequest& m) {
            switch (m.kind) {
              case NasRequestKind::attach: return "ATTACH REQUEST";
              case NasRequestKind::tracking_area_update: return "TRACKING AREA UPDATE REQUEST";
              case NasRequestKind::service: return "SERVICE REQUEST";
            }
            return "NAS REQUEST";
          },
          [](const InitialContextSetupRequest&) { return "INITIAL CONTEXT SETUP REQUEST"; },
          [](const InitialContextSetupResponse&) { return "INITIAL CONTEXT SETUP RESPONSE"; },
          [](const InitialContextSetupFailure&) { return "INITIAL CONTEXT SETUP FAILURE"; },
          [](const UeContextModificationRequest&) { return "UE CONTEXT MODIFICATION REQUEST"; },
          [](const UeContextModificationResponse&) { return "UE CONTEXT MODIFICATION RESPONSE"; },
          [](const UeContextModificationFailure&) { return "UE CONTEXT MODIFICATION FAILURE"; },
          [](const HandoverRequired&) { return "HANDOVER REQUIRED"; },
          [](const HandoverRequest&) { return "HANDOVER REQUEST"; },
          [](const HandoverRequestAcknowledge&) { return "HANDOVER REQUEST ACKNOWLEDGE"; },
          [](const HandoverFailure&) { return "HANDOVER FAILURE"; },
          [](const HandoverCommand&) { return "HANDOVER COMMAND"; },
          [](const HandoverPreparationFailure&) { return "HANDOVER PREPARATION FAILURE"; },
          [](const HandoverNotify&) { return "HANDOVER NOTIFY"; },
          [](const HandoverCancel&) { return "HANDOVER CANCEL"; },
          [](const HandoverCancelAcknowledge&) { return "HANDOVER CANCEL ACKNOWLEDGE"; },
          [](const PathSwitchRequest&) { return "PATH SWITCH REQUEST"; },
          [](const PathSwitchRequestAcknowledge&) { return "PATH SWITCH REQUEST ACKNOWLEDGE"; },
          [](const PathSwitchRequestFailure&) { return "PATH SWITCH REQUEST FAILURE"; },
          [](const UeContextReleaseCommand&) { return "UE CONTEXT RELEASE COMMAND"; },
          [](const UeContextReleaseComplete&) { return "UE CONTEXT RELEASE COMPLETE"; },
          [](const ForwardRelocationRequest&) { return "FORWARD RELOCATION REQUEST"; },
          [](const ForwardRelocationResponse&) { return "FORWARD RELOCATION RESPONSE"; },
          [](const ForwardRelocationCompleteNotification&) { return "FORWARD RELOCATION COMPLETE NOTIFICATION"; },
          [](const ForwardRelocationCompleteAcknowledge&) { return "FORWARD RELOCATION COMPLETE ACKNOWLEDGE"; },
      },
      body);
}

std::string describe(const Event& e) {
  // Every event is described (EventRef), so this is on the judge's hot path: whole microseconds
  // by integer arithmetic, which rounds as "%.6f" does except on an exact half microsecond,
  // left to snprintf with the negative times.
  char when[48];
  const std::int64_t ns = e.time.count();
  if (ns >= 0 && ns % 1000 != 500) {
    // Rounded without adding first: a capture's or a fuzzer's time can be near INT64_MAX.
    const std::int64_t us = ns / 1000 + (ns % 1000 > 500 ? 1 : 0);
    std::snprintf(when, sizeof when, "t=%lld.%06lld s", static_cast<long long>(us / 1'000'000),
                  static_cast<long long>(us % 1'000'000));
  } else {
    std::snprintf(when, sizeof when, "t=%.6f s", static_cast<double>(ns) / 1e9);
  }
  std::string s = "#" + std::to_string(e.index) + " (";
  if (e.frame) s += "frame " + std::to_string(*e.frame) + ", ";
  s += when;
  s += ") " + e.from + "->" + e.to + " " + message_name(e.body) + details(e.body);
  return s;
}

}  // namespace concur::monitor
