// NAS-EPS messages -> monitor events: the EMM procedures clause 7.2.10 speaks about (AKA, SMC) and
// the requests that bring a UE to ECM-CONNECTED. One to_body() per message type.
#include "judge/adapter.h"

namespace concur::judge {
namespace {

using monitor::EventBody;

/// eKSI 7 is "no key is available" (TS 24.301 9.9.3.21): the UE names no context.
std::optional<monitor::Ksi> ksi_of(const nas::NasKeySetIdentifier& k) {
  if (k.ksi == nas::NasKeySetIdentifier::no_key_available) return std::nullopt;
  return k.ksi;
}

std::optional<EventBody> to_body(const nas::AuthenticationRequest& m) {
  return monitor::AuthenticationRequest{m.nas_ksi.ksi};
}
std::optional<EventBody> to_body(const nas::AuthenticationResponse&) { return monitor::AuthenticationResponse{}; }
std::optional<EventBody> to_body(const nas::SecurityModeCommand& m) {
  return monitor::SecurityModeCommand{
      m.nas_ksi.ksi, monitor::NasAlgorithms{m.selected_nas_security_algorithms.ciphering,
                                            m.selected_nas_security_algorithms.integrity}};
}
std::optional<EventBody> to_body(const nas::SecurityModeComplete&) { return monitor::SecurityModeComplete{}; }
std::optional<EventBody> to_body(const nas::SecurityModeReject&) { return monitor::SecurityModeReject{}; }
std::optional<EventBody> to_body(const nas::AttachRequest& m) {
  return monitor::NasInitialRequest{monitor::NasRequestKind::attach, ksi_of(m.nas_ksi)};
}
std::optional<EventBody> to_body(const nas::TrackingAreaUpdateRequest& m) {
  return monitor::NasInitialRequest{monitor::NasRequestKind::tracking_area_update, ksi_of(m.nas_ksi)};
}
std::optional<EventBody> to_body(const nas::ExtendedServiceRequest& m) {
  return monitor::NasInitialRequest{monitor::NasRequestKind::service, ksi_of(m.nas_ksi)};
}
/// ESM, attach accept/complete, identity, detach, ...: not what the rules speak about.
template <class Other>
std::optional<EventBody> to_body(const Other&) {
  return std::nullopt;
}

std::optional<std::string> imsi_of(const nas::EpsMobileIdentity& id) {
  if (id.type == nas::EpsMobileIdentity::imsi) return id.digits;
  return std::nullopt;
}
std::optional<std::string> guti_of(const nas::EpsMobileIdentity& id) {
  if (id.type == nas::EpsMobileIdentity::guti) return nas::to_string(id.guti_value);
  return std::nullopt;
}

}  // namespace

std::optional<EventBody> nas_event_body(const nas::NasMessage& m) {
  return std::visit([](const auto& msg) { return to_body(msg); }, m);
}

EventBody nas_service_request_body(const nas::ServiceRequest& s) {
  return monitor::NasInitialRequest{monitor::NasRequestKind::service, s.ksi == 7 ? std::nullopt : std::optional(s.ksi)};
}

std::optional<std::string> nas_imsi(const nas::NasMessage& m) {
  if (const auto* a = std::get_if<nas::AttachRequest>(&m)) return imsi_of(a->eps_mobile_identity);
  if (const auto* r = std::get_if<nas::IdentityResponse>(&m)) {
    if (r->mobile_identity.type == nas::MobileIdentity::imsi) return r->mobile_identity.digits;
  }
  return std::nullopt;
}

std::optional<std::string> nas_guti(const nas::NasMessage& m) {
  if (const auto* a = std::get_if<nas::AttachRequest>(&m)) return guti_of(a->eps_mobile_identity);
  if (const auto* t = std::get_if<nas::TrackingAreaUpdateRequest>(&m)) return guti_of(t->old_guti);
  if (const auto* a = std::get_if<nas::AttachAccept>(&m)) {
    if (a->guti) return guti_of(*a->guti);
  }
  return std::nullopt;
}

}  // namespace concur::judge
