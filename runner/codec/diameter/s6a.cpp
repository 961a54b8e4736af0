#include "codec/diameter/s6a.h"

#include <stdexcept>

namespace concur::diameter {
namespace {

// Offset for "missing AVP" errors: the end of the header, where the AVPs start.
constexpr std::size_t kAvpsStart = kHeaderSize;

Message request(std::uint32_t command_code, std::uint32_t application_id, bool proxiable, std::uint32_t hbh,
                std::uint32_t e2e) {
  Message m;
  m.flags = static_cast<std::uint8_t>(kFlagRequest | (proxiable ? kFlagProxiable : 0));
  m.command_code = command_code;
  m.application_id = application_id;
  m.hop_by_hop = hbh;
  m.end_to_end = e2e;
  return m;
}

void expect_command(const Message& m, std::uint32_t code, std::optional<bool> is_request) {
  if (m.command_code != code)
    throw_decode("header.command_code", 5,
                 "command " + std::to_string(m.command_code) + ", expected " + std::to_string(code));
  if (is_request && m.is_request() != *is_request)
    throw_decode("header.flags", 4,
                 *is_request ? "an answer where a request was expected" : "a request where an answer was expected");
}

std::string text_of(const std::vector<Avp>& avps, const AvpDef& d, std::size_t at) {
  return as_text(require(avps, d, at));
}

std::optional<std::string> optional_text(const std::vector<Avp>& avps, const AvpDef& d) {
  if (const Avp* a = find(avps, d)) return as_text(*a);
  return std::nullopt;
}

std::optional<std::uint32_t> optional_u32(const std::vector<Avp>& avps, const AvpDef& d) {
  if (const Avp* a = find(avps, d)) return as_u32(*a);
  return std::nullopt;
}

// Session-Id first (RFC 6733 8.8), then Auth-Session-State, then origin and destination (29.272 7.2).
void write_route_head(std::vector<Avp>& out, const Route& r) {
  out.push_back(make_text(avp::session_id, r.session_id));
  out.push_back(make_u32(avp::auth_session_state, kNoStateMaintained));
  out.push_back(make_text(avp::origin_host, r.origin_host));
  out.push_back(make_text(avp::origin_realm, r.origin_realm));
  if (r.destination_host) out.push_back(make_text(avp::destination_host, *r.destination_host));
  if (r.destination_realm) out.push_back(make_text(avp::destination_realm, *r.destination_realm));
}

Route read_route(const std::vector<Avp>& avps, bool is_request) {
  Route r;
  r.session_id = text_of(avps, avp::session_id, kAvpsStart);
  r.origin_host = text_of(avps, avp::origin_host, kAvpsStart);
  r.origin_realm = text_of(avps, avp::origin_realm, kAvpsStart);
  r.destination_host = optional_text(avps, avp::destination_host);
  r.destination_realm = is_request ? std::optional(text_of(avps, avp::destination_realm, kAvpsStart))
                                   : optional_text(avps, avp::destination_realm);
  return r;
}

void write_outcome(std::vector<Avp>& out, const Outcome& o) {
  if (o.result_code) out.push_back(make_u32(avp::result_code, *o.result_code));
  if (o.experimental_code)
    out.push_back(
        make_grouped(avp::experimental_result, {make_u32(avp::vendor_id, o.experimental_vendor),
                                                make_u32(avp::experimental_result_code, *o.experimental_code)}));
}

Outcome read_outcome(const std::vector<Avp>& avps) {
  Outcome o;
  o.result_code = optional_u32(avps, avp::result_code);
  if (const Avp* e = find(avps, avp::experimental_result)) {
    const auto m = members(*e);
    o.experimental_vendor = as_u32(require(m, avp::vendor_id, e->data_offset));
    o.experimental_code = as_u32(require(m, avp::experimental_result_code, e->data_offset));
  }
  if (!o.result_code && !o.experimental_code)
    throw_decode("Result-Code", kAvpsStart, "an answer needs Result-Code or Experimental-Result");
  return o;
}

PlmnOctets read_plmn(const std::vector<Avp>& avps) {
  const Bytes b = as_fixed(require(avps, avp::visited_plmn_id, kAvpsStart), 3, "Visited-PLMN-Id");
  return PlmnOctets{b[0], b[1], b[2]};
}

void write_peer_identity(std::vector<Avp>& out, const std::string& host, const std::string& realm) {
  out.push_back(make_text(avp::origin_host, host));
  out.push_back(make_text(avp::origin_realm, realm));
}

std::vector<Avp> capabilities_avps(const CapabilitiesExchange& v) {
  std::vector<Avp> a;
  if (v.result_code) a.push_back(make_u32(avp::result_code, *v.result_code));
  write_peer_identity(a, v.origin_host, v.origin_realm);
  for (const auto& ip : v.host_ip_addresses) a.push_back(make_address(avp::host_ip_address, ip));
  a.push_back(make_u32(avp::vendor_id, v.vendor_id));
  a.push_back(make_text(avp::product_name, v.product_name));
  if (v.origin_state_id) a.push_back(make_u32(avp::origin_state_id, *v.origin_state_id));
  for (auto id : v.supported_vendor_ids) a.push_back(make_u32(avp::supported_vendor_id, id));
  for (auto id : v.auth_application_ids) a.push_back(make_u32(avp::auth_application_id, id));
  for (const auto& vs : v.vendor_specific_applications)
    a.push_back(make_grouped(
        avp::vendor_specific_application_id,
        {make_u32(avp::vendor_id, vs.vendor_id), make_u32(avp::auth_application_id, vs.auth_application_id)}));
  if (v.firmware_revision) a.push_back(make_u32(avp::firmware_revision, *v.firmware_revision));
  return a;
}

Avp apn_configuration_avp(const ApnConfiguration& c) {
  const Avp arp = make_grouped(
      avp::allocation_retention_priority,
      {make_u32(avp::priority_level, c.priority_level), make_u32(avp::pre_emption_capability, c.pre_emption_capability),
       make_u32(avp::pre_emption_vulnerability, c.pre_emption_vulnerability)});
  return make_grouped(avp::apn_configuration,
                      {make_u32(avp::context_identifier, c.context_identifier), make_u32(avp::pdn_type, c.pdn_type),
                       make_text(avp::service_selection, c.service_selection),
                       make_grouped(avp::eps_subscribed_qos_profile, {make_u32(avp::qos_class_identifier, c.qci), arp}),
                       make_grouped(avp::ambr, {make_u32(avp::max_requested_bandwidth_ul, c.ambr_ul),
                                                make_u32(avp::max_requested_bandwidth_dl, c.ambr_dl)})});
}

ApnConfiguration read_apn_configuration(const Avp& g) {
  const auto m = members(g);
  ApnConfiguration c;
  c.context_identifier = as_u32(require(m, avp::context_identifier, g.data_offset));
  c.pdn_type = as_u32(require(m, avp::pdn_type, g.data_offset));
  c.service_selection = as_text(require(m, avp::service_selection, g.data_offset));
  const Avp& qos = require(m, avp::eps_subscribed_qos_profile, g.data_offset);
  const auto q = members(qos);
  c.qci = as_u32(require(q, avp::qos_class_identifier, qos.data_offset));
  const Avp& arp = require(q, avp::allocation_retention_priority, qos.data_offset);
  const auto p = members(arp);
  c.priority_level = as_u32(require(p, avp::priority_level, arp.data_offset));
  if (auto v = optional_u32(p, avp::pre_emption_capability)) c.pre_emption_capability = *v;
  if (auto v = optional_u32(p, avp::pre_emption_vulnerability)) c.pre_emption_vulnerability = *v;
  if (const Avp* ambr = find(m, avp::ambr)) {
    const auto b = members(*ambr);
    c.ambr_ul = as_u32(require(b, avp::max_requested_bandwidth_ul, ambr->data_offset));
    c.ambr_dl = as_u32(require(b, avp::max_requested_bandwidth_dl, ambr->data_offset));
  }
  return c;
}

Avp subscription_data_avp(const SubscriptionData& s) {
  std::vector<Avp> profile{make_u32(avp::context_identifier, s.default_context_identifier),
                           make_u32(avp::all_apn_configurations_included_indicator, s.all_apn_included)};
  for (const auto& apn : s.apns) profile.push_back(apn_configuration_avp(apn));
  std::vector<Avp> m;
  m.push_back(make_u32(avp::subscriber_status, s.subscriber_status));
  if (!s.msisdn.empty()) m.push_back(make_octets(avp::msisdn, view_of(encode_tbcd(s.msisdn))));
  m.push_back(make_u32(avp::network_access_mode, s.network_access_mode));
  m.push_back(make_grouped(avp::ambr, {make_u32(avp::max_requested_bandwidth_ul, s.ambr_ul),
                                       make_u32(avp::max_requested_bandwidth_dl, s.ambr_dl)}));
  if (s.subscribed_periodic_rau_tau_timer)
    m.push_back(make_u32(avp::subscribed_periodic_rau_tau_timer, *s.subscribed_periodic_rau_tau_timer));
  m.push_back(make_grouped(avp::apn_configuration_profile, profile));
  return make_grouped(avp::subscription_data, m);
}

SubscriptionData read_subscription_data(const Avp& g) {
  const auto m = members(g);
  SubscriptionData s;
  if (auto v = optional_u32(m, avp::subscriber_status)) s.subscriber_status = *v;
  if (const Avp* msisdn = find(m, avp::msisdn)) s.msisdn = decode_tbcd(*msisdn);
  if (auto v = optional_u32(m, avp::network_access_mode)) s.network_access_mode = *v;
  s.subscribed_periodic_rau_tau_timer = optional_u32(m, avp::subscribed_periodic_rau_tau_timer);
  if (const Avp* ambr = find(m, avp::ambr)) {
    const auto b = members(*ambr);
    s.ambr_ul = as_u32(require(b, avp::max_requested_bandwidth_ul, ambr->data_offset));
    s.ambr_dl = as_u32(require(b, avp::max_requested_bandwidth_dl, ambr->data_offset));
  }
  if (const Avp* p = find(m, avp::apn_configuration_profile)) {
    const auto pm = members(*p);
    s.default_context_identifier = as_u32(require(pm, avp::context_identifier, p->data_offset));
    s.all_apn_included = as_u32(require(pm, avp::all_apn_configurations_included_indicator, p->data_offset));
    for (const Avp* apn : find_all(pm, avp::apn_configuration)) s.apns.push_back(read_apn_configuration(*apn));
  }
  return s;
}

EutranVector read_vector(const Avp& g) {
  const auto m = members(g);
  EutranVector v;
  v.item_number = optional_u32(m, avp::item_number);
  v.rand = as_fixed(require(m, avp::rand, g.data_offset), 16, "E-UTRAN-Vector/RAND");
  const Avp& xres = require(m, avp::xres, g.data_offset);
  if (xres.data.size() < 4 || xres.data.size() > 16)
    throw_decode("E-UTRAN-Vector/XRES", xres.data_offset, "XRES must have 4 to 16 octets (TS 33.102 6.3.2)");
  v.xres = xres.data;
  v.autn = as_fixed(require(m, avp::autn, g.data_offset), 16, "E-UTRAN-Vector/AUTN");
  v.kasme = as_fixed(require(m, avp::kasme, g.data_offset), 32, "E-UTRAN-Vector/KASME");
  return v;
}

}  // namespace

std::string make_session_id(const std::string& origin_host, std::uint32_t high, std::uint32_t low) {
  return origin_host + ";" + std::to_string(high) + ";" + std::to_string(low);
}

// ---- base commands ----

Message build_capabilities_exchange_request(const CapabilitiesExchange& v, std::uint32_t hbh, std::uint32_t e2e) {
  Message m = request(command::capabilities_exchange, kApplicationCommon, false, hbh, e2e);
  m.avps = capabilities_avps(v);
  return m;
}

Message build_capabilities_exchange_answer(const CapabilitiesExchange& v, const Message& req) {
  Message m = answer_to(req);
  CapabilitiesExchange with_result = v;
  if (!with_result.result_code) with_result.result_code = result::success;
  m.avps = capabilities_avps(with_result);
  return m;
}

Result<CapabilitiesExchange> parse_capabilities_exchange(const Message& m) {
  return decode_guarded([&] {
    expect_command(m, command::capabilities_exchange, std::nullopt);
    CapabilitiesExchange v;
    if (!m.is_request()) v.result_code = as_u32(require(m.avps, avp::result_code, kAvpsStart));
    v.origin_host = text_of(m.avps, avp::origin_host, kAvpsStart);
    v.origin_realm = text_of(m.avps, avp::origin_realm, kAvpsStart);
    for (const Avp* a : find_all(m.avps, avp::host_ip_address)) v.host_ip_addresses.push_back(as_address(*a));
    v.vendor_id = as_u32(require(m.avps, avp::vendor_id, kAvpsStart));
    v.product_name = text_of(m.avps, avp::product_name, kAvpsStart);
    v.origin_state_id = optional_u32(m.avps, avp::origin_state_id);
    for (const Avp* a : find_all(m.avps, avp::supported_vendor_id)) v.supported_vendor_ids.push_back(as_u32(*a));
    for (const Avp* a : find_all(m.avps, avp::auth_application_id)) v.auth_application_ids.push_back(as_u32(*a));
    for (const Avp* a : find_all(m.avps, avp::vendor_specific_application_id)) {
      const auto g = members(*a);
      VendorSpecificApplication vs;
      vs.vendor_id = as_u32(require(g, avp::vendor_id, a->data_offset));
      vs.auth_application_id = as_u32(require(g, avp::auth_application_id, a->data_offset));
      v.vendor_specific_applications.push_back(vs);
    }
    v.firmware_revision = optional_u32(m.avps, avp::firmware_revision);
    return v;
  });
}

namespace {
std::vector<Avp> watchdog_avps(const std::string& host, const std::string& realm, std::optional<std::uint32_t> rc,
                               std::optional<std::uint32_t> tail, const AvpDef& tail_def) {
  std::vector<Avp> a;
  if (rc) a.push_back(make_u32(avp::result_code, *rc));
  write_peer_identity(a, host, realm);
  if (tail) a.push_back(make_u32(tail_def, *tail));
  return a;
}
}  // namespace

Message build_device_watchdog_request(const DeviceWatchdog& v, std::uint32_t hbh, std::uint32_t e2e) {
  Message m = request(command::device_watchdog, kApplicationCommon, false, hbh, e2e);
  m.avps = watchdog_avps(v.origin_host, v.origin_realm, std::nullopt, v.origin_state_id, avp::origin_state_id);
  return m;
}

Message build_device_watchdog_answer(const DeviceWatchdog& v, const Message& req) {
  Message m = answer_to(req);
  m.avps = watchdog_avps(v.origin_host, v.origin_realm, v.result_code.value_or(result::success), v.origin_state_id,
                         avp::origin_state_id);
  return m;
}

Result<DeviceWatchdog> parse_device_watchdog(const Message& m) {
  return decode_guarded([&] {
    expect_command(m, command::device_watchdog, std::nullopt);
    DeviceWatchdog v;
    if (!m.is_request()) v.result_code = as_u32(require(m.avps, avp::result_code, kAvpsStart));
    v.origin_host = text_of(m.avps, avp::origin_host, kAvpsStart);
    v.origin_realm = text_of(m.avps, avp::origin_realm, kAvpsStart);
    v.origin_state_id = optional_u32(m.avps, avp::origin_state_id);
    return v;
  });
}

Message build_disconnect_peer_request(const DisconnectPeer& v, std::uint32_t hbh, std::uint32_t e2e) {
  Message m = request(command::disconnect_peer, kApplicationCommon, false, hbh, e2e);
  m.avps =
      watchdog_avps(v.origin_host, v.origin_realm, std::nullopt, v.disconnect_cause.value_or(0), avp::disconnect_cause);
  return m;
}

Message build_disconnect_peer_answer(const DisconnectPeer& v, const Message& req) {
  Message m = answer_to(req);
  m.avps = watchdog_avps(v.origin_host, v.origin_realm, v.result_code.value_or(result::success), std::nullopt,
                         avp::disconnect_cause);
  return m;
}

Result<DisconnectPeer> parse_disconnect_peer(const Message& m) {
  return decode_guarded([&] {
    expect_command(m, command::disconnect_peer, std::nullopt);
    DisconnectPeer v;
    if (m.is_request()) {
      v.disconnect_cause = as_u32(require(m.avps, avp::disconnect_cause, kAvpsStart));
    } else {
      v.result_code = as_u32(require(m.avps, avp::result_code, kAvpsStart));
    }
    v.origin_host = text_of(m.avps, avp::origin_host, kAvpsStart);
    v.origin_realm = text_of(m.avps, avp::origin_realm, kAvpsStart);
    return v;
  });
}

// ---- Authentication-Information ----

Message build(const AuthenticationInformationRequest& v, std::uint32_t hbh, std::uint32_t e2e) {
  Message m = request(command::authentication_information, kApplicationS6a, true, hbh, e2e);
  write_route_head(m.avps, v.route);
  m.avps.push_back(make_text(avp::user_name, v.imsi));
  std::vector<Avp> info{make_u32(avp::number_of_requested_vectors, v.number_of_requested_vectors),
                        make_u32(avp::immediate_response_preferred, v.immediate_response_preferred ? 1 : 0)};
  if (v.resynchronization_info)
    info.push_back(make_octets(avp::re_synchronization_info, view_of(*v.resynchronization_info)));
  m.avps.push_back(make_grouped(avp::requested_eutran_authentication_info, info));
  m.avps.push_back(make_octets(avp::visited_plmn_id, ByteView(v.visited_plmn_id.data(), 3)));
  return m;
}

Message build(const AuthenticationInformationAnswer& v, const Message& req) {
  Message m = answer_to(req);
  write_route_head(m.avps, v.route);
  write_outcome(m.avps, v.outcome);
  if (!v.vectors.empty()) {
    std::vector<Avp> info;
    for (const auto& vec : v.vectors) {
      std::vector<Avp> e;
      if (vec.item_number) e.push_back(make_u32(avp::item_number, *vec.item_number));
      e.push_back(make_octets(avp::rand, view_of(vec.rand)));
      e.push_back(make_octets(avp::xres, view_of(vec.xres)));
      e.push_back(make_octets(avp::autn, view_of(vec.autn)));
      e.push_back(make_octets(avp::kasme, view_of(vec.kasme)));
      info.push_back(make_grouped(avp::e_utran_vector, e));
    }
    m.avps.push_back(make_grouped(avp::authentication_info, info));
  }
  return m;
}

Result<AuthenticationInformationRequest> parse_authentication_information_request(const Message& m) {
  return decode_guarded([&] {
    expect_command(m, command::authentication_information, true);
    AuthenticationInformationRequest v;
    v.route = read_route(m.avps, true);
    v.imsi = text_of(m.avps, avp::user_name, kAvpsStart);
    v.visited_plmn_id = read_plmn(m.avps);
    const Avp& info = require(m.avps, avp::requested_eutran_authentication_info, kAvpsStart);
    const auto im = members(info);
    v.number_of_requested_vectors = optional_u32(im, avp::number_of_requested_vectors).value_or(1);
    v.immediate_response_preferred = optional_u32(im, avp::immediate_response_preferred).value_or(0) != 0;
    if (const Avp* rs = find(im, avp::re_synchronization_info))
      v.resynchronization_info = as_fixed(*rs, 30, "Re-Synchronization-Info");
    return v;
  });
}

Result<AuthenticationInformationAnswer> parse_authentication_information_answer(const Message& m) {
  return decode_guarded([&] {
    expect_command(m, command::authentication_information, false);
    AuthenticationInformationAnswer v;
    v.route = read_route(m.avps, false);
    v.outcome = read_outcome(m.avps);
    if (const Avp* info = find(m.avps, avp::authentication_info)) {
      const auto vectors = members(*info);  // find_all points into this vector: keep it alive
      for (const Avp* e : find_all(vectors, avp::e_utran_vector)) v.vectors.push_back(read_vector(*e));
    }
    return v;
  });
}

// ---- Update-Location ----

Message build(const UpdateLocationRequest& v, std::uint32_t hbh, std::uint32_t e2e) {
  Message m = request(command::update_location, kApplicationS6a, true, hbh, e2e);
  write_route_head(m.avps, v.route);
  m.avps.push_back(make_text(avp::user_name, v.imsi));
  m.avps.push_back(make_u32(avp::rat_type, v.rat_type));
  m.avps.push_back(make_u32(avp::ulr_flags, v.ulr_flags));
  m.avps.push_back(make_octets(avp::visited_plmn_id, ByteView(v.visited_plmn_id.data(), 3)));
  return m;
}

Message build(const UpdateLocationAnswer& v, const Message& req) {
  Message m = answer_to(req);
  write_route_head(m.avps, v.route);
  write_outcome(m.avps, v.outcome);
  if (v.ula_flags) m.avps.push_back(make_u32(avp::ula_flags, *v.ula_flags));
  if (v.subscription) m.avps.push_back(subscription_data_avp(*v.subscription));
  if (v.top_level_rau_tau_timer)
    m.avps.push_back(make_u32(avp::subscribed_periodic_rau_tau_timer, *v.top_level_rau_tau_timer));
  return m;
}

Result<UpdateLocationRequest> parse_update_location_request(const Message& m) {
  return decode_guarded([&] {
    expect_command(m, command::update_location, true);
    UpdateLocationRequest v;
    v.route = read_route(m.avps, true);
    v.imsi = text_of(m.avps, avp::user_name, kAvpsStart);
    v.rat_type = as_u32(require(m.avps, avp::rat_type, kAvpsStart));
    v.ulr_flags = as_u32(require(m.avps, avp::ulr_flags, kAvpsStart));
    v.visited_plmn_id = read_plmn(m.avps);
    return v;
  });
}

Result<UpdateLocationAnswer> parse_update_location_answer(const Message& m) {
  return decode_guarded([&] {
    expect_command(m, command::update_location, false);
    UpdateLocationAnswer v;
    v.route = read_route(m.avps, false);
    v.outcome = read_outcome(m.avps);
    v.ula_flags = optional_u32(m.avps, avp::ula_flags);
    if (const Avp* s = find(m.avps, avp::subscription_data)) v.subscription = read_subscription_data(*s);
    v.top_level_rau_tau_timer = optional_u32(m.avps, avp::subscribed_periodic_rau_tau_timer);
    return v;
  });
}

// ---- Purge-UE ----

Message build(const PurgeUeRequest& v, std::uint32_t hbh, std::uint32_t e2e) {
  Message m = request(command::purge_ue, kApplicationS6a, true, hbh, e2e);
  write_route_head(m.avps, v.route);
  m.avps.push_back(make_text(avp::user_name, v.imsi));
  if (v.pur_flags) m.avps.push_back(make_u32(avp::pur_flags, *v.pur_flags));
  return m;
}

Message build(const PurgeUeAnswer& v, const Message& req) {
  Message m = answer_to(req);
  write_route_head(m.avps, v.route);
  write_outcome(m.avps, v.outcome);
  if (v.pua_flags) m.avps.push_back(make_u32(avp::pua_flags, *v.pua_flags));
  return m;
}

Result<PurgeUeRequest> parse_purge_ue_request(const Message& m) {
  return decode_guarded([&] {
    expect_command(m, command::purge_ue, true);
    PurgeUeRequest v;
    v.route = read_route(m.avps, true);
    v.imsi = text_of(m.avps, avp::user_name, kAvpsStart);
    v.pur_flags = optional_u32(m.avps, avp::pur_flags);
    return v;
  });
}

Result<PurgeUeAnswer> parse_purge_ue_answer(const Message& m) {
  return decode_guarded([&] {
    expect_command(m, command::purge_ue, false);
    PurgeUeAnswer v;
    v.route = read_route(m.avps, false);
    v.outcome = read_outcome(m.avps);
    v.pua_flags = optional_u32(m.avps, avp::pua_flags);
    return v;
  });
}

// ---- Cancel-Location ----

Message build(const CancelLocationRequest& v, std::uint32_t hbh, std::uint32_t e2e) {
  Message m = request(command::cancel_location, kApplicationS6a, true, hbh, e2e);
  write_route_head(m.avps, v.route);
  m.avps.push_back(make_text(avp::user_name, v.imsi));
  m.avps.push_back(make_u32(avp::cancellation_type, v.cancellation_type));
  return m;
}

Message build(const CancelLocationAnswer& v, const Message& req) {
  Message m = answer_to(req);
  write_route_head(m.avps, v.route);
  write_outcome(m.avps, v.outcome);
  return m;
}

Result<CancelLocationRequest> parse_cancel_location_request(const Message& m) {
  return decode_guarded([&] {
    expect_command(m, command::cancel_location, true);
    CancelLocationRequest v;
    v.route = read_route(m.avps, true);
    v.imsi = text_of(m.avps, avp::user_name, kAvpsStart);
    v.cancellation_type = as_u32(require(m.avps, avp::cancellation_type, kAvpsStart));
    return v;
  });
}

Result<CancelLocationAnswer> parse_cancel_location_answer(const Message& m) {
  return decode_guarded([&] {
    expect_command(m, command::cancel_location, false);
    CancelLocationAnswer v;
    v.route = read_route(m.avps, false);
    v.outcome = read_outcome(m.avps);
    return v;
  });
}

// ---- helpers ----

Message build_error_answer(const Message& req, const std::string& origin_host, const std::string& origin_realm,
                           const Outcome& outcome, const std::string& error_message) {
  Message m = answer_to(req);
  if (outcome.result_code && *outcome.result_code / 1000 == 3) m.flags |= kFlagError;
  if (auto sid = session_id_of(req)) m.avps.push_back(make_text(avp::session_id, *sid));
  if (req.application_id == kApplicationS6a) m.avps.push_back(make_u32(avp::auth_session_state, kNoStateMaintained));
  write_peer_identity(m.avps, origin_host, origin_realm);
  write_outcome(m.avps, outcome);
  if (!error_message.empty()) m.avps.push_back(make_text(avp::error_message, error_message));
  return m;
}

std::optional<std::string> session_id_of(const Message& m) { return optional_text(m.avps, avp::session_id); }

Bytes encode_tbcd(const std::string& digits) {
  Bytes out;
  for (std::size_t i = 0; i < digits.size(); i += 2) {
    auto nibble = [&](std::size_t k) -> std::uint8_t {
      if (k >= digits.size()) return 0xF;
      const char c = digits[k];
      if (c < '0' || c > '9') throw std::invalid_argument("TBCD: not a decimal digit: " + digits);
      return static_cast<std::uint8_t>(c - '0');
    };
    out.push_back(static_cast<std::uint8_t>(nibble(i) | (nibble(i + 1) << 4)));
  }
  return out;
}

std::string decode_tbcd(const Avp& a) {
  std::string digits;
  for (std::size_t i = 0; i < a.data.size(); ++i) {
    for (int shift : {0, 4}) {
      const std::uint8_t n = (a.data[i] >> shift) & 0x0F;
      if (n == 0xF && i + 1 == a.data.size() && shift == 4) return digits;
      if (n > 9) throw_decode("MSISDN", a.data_offset + i, "nibble " + std::to_string(n) + " is not a TBCD digit");
      digits.push_back(static_cast<char>('0' + n));
    }
  }
  return digits;
}

}  // namespace concur::diameter
