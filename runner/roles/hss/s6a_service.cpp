#include "roles/hss/s6a_service.h"

#include <algorithm>
#include <stdexcept>

#include "security/kdf.h"

namespace concur::roles::hss {

using namespace concur::diameter;

namespace {
// TS 29.272 7.3.11 leaves the number of vectors to the HSS; five is plenty for any MME here.
constexpr std::uint32_t kMaxVectorsPerAnswer = 5;

template <std::size_t N>
std::array<std::uint8_t, N> to_array(const Bytes& b) {
  std::array<std::uint8_t, N> a{};
  std::copy_n(b.begin(), N, a.begin());
  return a;
}

Bytes to_bytes(ByteView v) { return Bytes(v.begin(), v.end()); }
}  // namespace

S6aService::S6aService(HssIdentity identity, SubscriptionTemplate subscription, SubscriberStore& store,
                       HssCounters& counters)
    : identity_(std::move(identity)), subscription_(std::move(subscription)), store_(store), counters_(counters) {}

std::optional<Message> S6aService::answer(const Message& req) {
  if (!req.is_request()) return std::nullopt;
  switch (req.command_code) {
    case command::capabilities_exchange:
      ++counters_.cer;
      return capabilities(req);
    case command::device_watchdog:
      ++counters_.dwr;
      return build_device_watchdog_answer(
          DeviceWatchdog{identity_.origin_host, identity_.origin_realm, identity_.origin_state_id, std::nullopt}, req);
    case command::disconnect_peer:
      ++counters_.dpr;
      return build_disconnect_peer_answer(DisconnectPeer{identity_.origin_host, identity_.origin_realm, {}, {}}, req);
    case command::authentication_information:
      ++counters_.air;
      return authentication_information(req);
    case command::update_location:
      ++counters_.ulr;
      return update_location(req);
    case command::purge_ue:
      ++counters_.pur;
      return purge_ue(req);
    default:
      ++counters_.unsupported;
      return build_error_answer(req, identity_.origin_host, identity_.origin_realm,
                                Outcome::result(result::command_unsupported),
                                "command " + std::to_string(req.command_code) + " is not served by this HSS");
  }
}

Message S6aService::answer_undecodable(const Message& header_only, const std::string& error) {
  ++counters_.invalid;
  return build_error_answer(header_only, identity_.origin_host, identity_.origin_realm,
                            Outcome::result(result::invalid_avp_value), error);
}

Message S6aService::invalid(const Message& req, const DecodeError& e) {
  ++counters_.invalid;
  // A missing mandatory AVP has its own code (RFC 6733 7.1.5); anything else is a bad value.
  const bool missing = e.reason.rfind("missing mandatory AVP", 0) == 0;
  return build_error_answer(req, identity_.origin_host, identity_.origin_realm,
                            Outcome::result(missing ? result::missing_avp : result::invalid_avp_value), e.to_string());
}

Route S6aService::answer_route(const std::string& session_id) const {
  return Route{session_id, identity_.origin_host, identity_.origin_realm, std::nullopt, std::nullopt};
}

Message S6aService::capabilities(const Message& req) {
  if (auto cer = parse_capabilities_exchange(req); !cer.ok()) return invalid(req, cer.error());
  CapabilitiesExchange c;
  c.origin_host = identity_.origin_host;
  c.origin_realm = identity_.origin_realm;
  c.host_ip_addresses = identity_.host_ip_addresses;
  c.vendor_id = 0;
  c.product_name = identity_.product_name;
  c.origin_state_id = identity_.origin_state_id;
  c.supported_vendor_ids = {kVendor3gpp};
  c.auth_application_ids = {kApplicationS6a};
  c.vendor_specific_applications = {VendorSpecificApplication{kVendor3gpp, kApplicationS6a}};
  return build_capabilities_exchange_answer(c, req);
}

Message S6aService::authentication_information(const Message& req) {
  auto air = parse_authentication_information_request(req);
  if (!air.ok()) return invalid(req, air.error());
  AuthenticationInformationAnswer a;
  a.route = answer_route(air->route.session_id);
  if (!store_.knows(air->imsi)) {
    ++counters_.user_unknown;
    a.outcome = Outcome::experimental(result::error_user_unknown);
    return build(a, req);
  }
  std::optional<security::ServingNetworkId> sn;
  try {
    sn = security::ServingNetworkId::from_plmn_identity(air->visited_plmn_id);
  } catch (const std::invalid_argument& e) {
    return invalid(req, DecodeError{"Visited-PLMN-Id", kHeaderSize, e.what()});
  }
  if (air->resynchronization_info) {
    // RAND (16) || AUTS (14), TS 29.272 7.3.15.
    const Bytes& rs = *air->resynchronization_info;
    if (store_.resynchronise(air->imsi, to_array<16>(Bytes(rs.begin(), rs.begin() + 16)),
                             to_array<14>(Bytes(rs.begin() + 16, rs.end()))))
      ++counters_.resync;
  }
  const std::uint32_t n = std::clamp<std::uint32_t>(air->number_of_requested_vectors, 1, kMaxVectorsPerAnswer);
  for (std::uint32_t i = 0; i < n; ++i) {
    const auto v = store_.next_vector(air->imsi, *sn);
    if (!v) break;
    ++counters_.vectors;
    a.vectors.push_back(EutranVector{i + 1, to_bytes(ByteView(v->rand.data(), v->rand.size())),
                                     to_bytes(ByteView(v->xres.data(), v->xres.size())),
                                     to_bytes(ByteView(v->autn.data(), v->autn.size())), to_bytes(v->kasme.view())});
  }
  a.outcome = Outcome::success();
  return build(a, req);
}

std::string S6aService::msisdn_for(const std::string& imsi) const {
  const std::size_t keep = std::min<std::size_t>(10, imsi.size());
  return subscription_.msisdn_prefix + imsi.substr(imsi.size() - keep);
}

Message S6aService::update_location(const Message& req) {
  auto ulr = parse_update_location_request(req);
  if (!ulr.ok()) return invalid(req, ulr.error());
  UpdateLocationAnswer a;
  a.route = answer_route(ulr->route.session_id);
  if (!store_.knows(ulr->imsi)) {
    ++counters_.user_unknown;
    a.outcome = Outcome::experimental(result::error_user_unknown);
    return build(a, req);
  }
  a.outcome = Outcome::success();
  a.ula_flags = 0;
  if ((ulr->ulr_flags & ulr_flag::skip_subscriber_data) == 0) {
    SubscriptionData s;
    s.msisdn = msisdn_for(ulr->imsi);
    s.ambr_ul = subscription_.ue_ambr_ul;
    s.ambr_dl = subscription_.ue_ambr_dl;
    ApnConfiguration apn;
    apn.service_selection = subscription_.apn;
    apn.qci = subscription_.qci;
    apn.priority_level = subscription_.arp_priority;
    apn.ambr_ul = subscription_.apn_ambr_ul;
    apn.ambr_dl = subscription_.apn_ambr_dl;
    s.apns = {apn};
    s.default_context_identifier = apn.context_identifier;
    s.subscribed_periodic_rau_tau_timer = subscription_.periodic_tau_timer_s;
    a.subscription = s;
    if (subscription_.rau_tau_timer_at_top_level) a.top_level_rau_tau_timer = subscription_.periodic_tau_timer_s;
  }
  return build(a, req);
}

Message S6aService::purge_ue(const Message& req) {
  auto pur = parse_purge_ue_request(req);
  if (!pur.ok()) return invalid(req, pur.error());
  PurgeUeAnswer a;
  a.route = answer_route(pur->route.session_id);
  if (!store_.knows(pur->imsi)) {
    ++counters_.user_unknown;
    a.outcome = Outcome::experimental(result::error_user_unknown);
  } else {
    a.outcome = Outcome::success();
  }
  return build(a, req);
}

}  // namespace concur::roles::hss
