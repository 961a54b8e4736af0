#include "sample_messages.h"

#include "common/bytes.h"

namespace concur::diameter::samples {

CapabilitiesExchange mme_capabilities() {
  CapabilitiesExchange c;
  c.origin_host = kMmeHost;
  c.origin_realm = kRealm;
  c.host_ip_addresses = {"127.0.0.1", "::1"};
  c.vendor_id = 0;
  c.product_name = "concur";
  c.origin_state_id = 7;
  c.supported_vendor_ids = {kVendor3gpp};
  c.auth_application_ids = {kApplicationS6a};
  c.vendor_specific_applications = {VendorSpecificApplication{}};
  c.firmware_revision = 1;
  return c;
}

AuthenticationInformationRequest air() {
  AuthenticationInformationRequest r;
  r.route = Route{make_session_id(kMmeHost, 1, 2), kMmeHost, kRealm, std::nullopt, kRealm};
  r.imsi = kImsi;
  r.visited_plmn_id = {0x00, 0xf1, 0x10};  // 001-01
  r.number_of_requested_vectors = 1;
  r.immediate_response_preferred = true;
  return r;
}

AuthenticationInformationAnswer aia() {
  AuthenticationInformationAnswer a;
  a.route = Route{make_session_id(kMmeHost, 1, 2), kHssHost, kRealm, std::nullopt, std::nullopt};
  a.outcome = Outcome::success();
  EutranVector v;
  v.item_number = 1;
  // TS 35.208 test set 1 (RAND, XRES = f2) with an illustrative AUTN/KASME.
  v.rand = from_hex("23553cbe9637a89d218ae64dae47bf35");
  v.xres = from_hex("a54211d5e3ba50bf");
  v.autn = from_hex("55f328b43577b9b94a9ffac354dfafb3");
  v.kasme = from_hex("238e457e0f758badbca8d34bb2612c10428d426757cb5553b2b184fa64bfc549");
  a.vectors = {v};
  return a;
}

UpdateLocationRequest ulr() {
  UpdateLocationRequest r;
  r.route = Route{make_session_id(kMmeHost, 1, 3), kMmeHost, kRealm, kHssHost, kRealm};
  r.imsi = kImsi;
  r.ulr_flags = ulr_flag::s6a_s6d_indicator | ulr_flag::initial_attach;
  r.visited_plmn_id = {0x00, 0xf1, 0x10};
  return r;
}

UpdateLocationAnswer ula() {
  UpdateLocationAnswer a;
  a.route = Route{make_session_id(kMmeHost, 1, 3), kHssHost, kRealm, std::nullopt, std::nullopt};
  a.outcome = Outcome::success();
  a.ula_flags = 0;
  SubscriptionData s;
  s.msisdn = "4915100000001";
  s.ambr_ul = 1000000;
  s.ambr_dl = 2000000;
  ApnConfiguration apn;
  apn.service_selection = "internet";
  apn.ambr_ul = 500000;
  apn.ambr_dl = 1000000;
  s.apns = {apn};
  s.subscribed_periodic_rau_tau_timer = 3240;
  a.subscription = s;
  a.top_level_rau_tau_timer = 3240;
  return a;
}

PurgeUeRequest pur() {
  PurgeUeRequest r;
  r.route = Route{make_session_id(kMmeHost, 1, 4), kMmeHost, kRealm, kHssHost, kRealm};
  r.imsi = kImsi;
  r.pur_flags = 0;
  return r;
}

std::vector<std::pair<std::string, Message>> all_messages() {
  std::vector<std::pair<std::string, Message>> out;
  CapabilitiesExchange hss = mme_capabilities();
  hss.origin_host = kHssHost;
  const Message cer = build_capabilities_exchange_request(mme_capabilities(), 0x100, 0x200);
  out.emplace_back("CER", cer);
  out.emplace_back("CEA", build_capabilities_exchange_answer(hss, cer));
  const Message dwr = build_device_watchdog_request(DeviceWatchdog{kMmeHost, kRealm, 7, std::nullopt}, 0x101, 0x201);
  out.emplace_back("DWR", dwr);
  out.emplace_back("DWA", build_device_watchdog_answer(DeviceWatchdog{kHssHost, kRealm, 9, std::nullopt}, dwr));
  const Message air_m = build(air(), 0x102, 0x202);
  out.emplace_back("AIR", air_m);
  out.emplace_back("AIA", build(aia(), air_m));
  const Message ulr_m = build(ulr(), 0x103, 0x203);
  out.emplace_back("ULR", ulr_m);
  out.emplace_back("ULA", build(ula(), ulr_m));
  const Message pur_m = build(pur(), 0x104, 0x204);
  out.emplace_back("PUR", pur_m);
  PurgeUeAnswer pua{Route{pur().route.session_id, kHssHost, kRealm, std::nullopt, std::nullopt}, Outcome::success(), 0};
  out.emplace_back("PUA", build(pua, pur_m));
  const Message clr =
      build(CancelLocationRequest{Route{make_session_id(kHssHost, 9, 1), kHssHost, kRealm, kMmeHost, kRealm}, kImsi, 2},
            0x106, 0x206);
  out.emplace_back("CLR", clr);
  out.emplace_back("CLA", build(CancelLocationAnswer{Route{make_session_id(kHssHost, 9, 1), kMmeHost, kRealm, {}, {}},
                                                     Outcome::success()},
                                clr));
  const Message dpr = build_disconnect_peer_request(DisconnectPeer{kMmeHost, kRealm, 0, std::nullopt}, 0x105, 0x205);
  out.emplace_back("DPR", dpr);
  out.emplace_back("DPA",
                   build_disconnect_peer_answer(DisconnectPeer{kHssHost, kRealm, std::nullopt, std::nullopt}, dpr));
  return out;
}

}  // namespace concur::diameter::samples
