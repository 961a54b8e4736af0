// Typed views of the base-protocol commands an S6a peer needs (RFC 6733: Capabilities-Exchange,
// Device-Watchdog, Disconnect-Peer) and of the S6a commands of TS 29.272 an MME and an HSS exchange
// to attach a UE (Authentication-Information, Update-Location, Purge-UE). build_* writes the AVPs in
// the order of the spec's command ABNF (Session-Id first, RFC 6733 8.8); parse_* reads a decoded
// Message, checks the AVPs the view needs and returns a DecodeError naming the missing or bad AVP.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "codec/diameter/message.h"

namespace concur::diameter {

/// The Result-Code (RFC 6733 7.1) or Experimental-Result (vendor + code) of an answer.
struct Outcome {
  std::optional<std::uint32_t> result_code;
  std::optional<std::uint32_t> experimental_code;
  std::uint32_t experimental_vendor = kVendor3gpp;

  static Outcome success() { return Outcome{result::success, std::nullopt}; }
  static Outcome result(std::uint32_t code) { return Outcome{code, std::nullopt}; }
  static Outcome experimental(std::uint32_t code) { return Outcome{std::nullopt, code}; }
  bool ok() const noexcept { return result_code == result::success; }
  bool operator==(const Outcome&) const = default;
};

/// Session and routing AVPs of an S6a message; answers carry no destination.
struct Route {
  std::string session_id;
  std::string origin_host;
  std::string origin_realm;
  std::optional<std::string> destination_host;
  std::optional<std::string> destination_realm;
  bool operator==(const Route&) const = default;
};

/// "<origin-host>;<high32>;<low32>" (RFC 6733 8.8).
std::string make_session_id(const std::string& origin_host, std::uint32_t high, std::uint32_t low);

// ---- RFC 6733 base commands ----

struct VendorSpecificApplication {
  std::uint32_t vendor_id = kVendor3gpp;
  std::uint32_t auth_application_id = kApplicationS6a;
  bool operator==(const VendorSpecificApplication&) const = default;
};

/// CER (5.3.1) and CEA (5.3.2); result_code only in a CEA.
struct CapabilitiesExchange {
  std::string origin_host;
  std::string origin_realm;
  std::vector<std::string> host_ip_addresses;
  std::uint32_t vendor_id = 0;
  std::string product_name;
  std::optional<std::uint32_t> origin_state_id;
  std::vector<std::uint32_t> supported_vendor_ids;
  std::vector<std::uint32_t> auth_application_ids;
  std::vector<VendorSpecificApplication> vendor_specific_applications;
  std::optional<std::uint32_t> firmware_revision;
  std::optional<std::uint32_t> result_code;
  bool operator==(const CapabilitiesExchange&) const = default;
};
Message build_capabilities_exchange_request(const CapabilitiesExchange& v, std::uint32_t hop_by_hop,
                                            std::uint32_t end_to_end);
Message build_capabilities_exchange_answer(const CapabilitiesExchange& v, const Message& request);
Result<CapabilitiesExchange> parse_capabilities_exchange(const Message& m);

/// DWR (5.5.1) and DWA (5.5.2).
struct DeviceWatchdog {
  std::string origin_host;
  std::string origin_realm;
  std::optional<std::uint32_t> origin_state_id;
  std::optional<std::uint32_t> result_code;
  bool operator==(const DeviceWatchdog&) const = default;
};
Message build_device_watchdog_request(const DeviceWatchdog& v, std::uint32_t hop_by_hop, std::uint32_t end_to_end);
Message build_device_watchdog_answer(const DeviceWatchdog& v, const Message& request);
Result<DeviceWatchdog> parse_device_watchdog(const Message& m);

/// DPR (5.4.1) and DPA (5.4.2). Disconnect-Cause: 0 REBOOTING, 1 BUSY, 2 DO_NOT_WANT_TO_TALK_TO_YOU.
struct DisconnectPeer {
  std::string origin_host;
  std::string origin_realm;
  std::optional<std::uint32_t> disconnect_cause;
  std::optional<std::uint32_t> result_code;
  bool operator==(const DisconnectPeer&) const = default;
};
Message build_disconnect_peer_request(const DisconnectPeer& v, std::uint32_t hop_by_hop, std::uint32_t end_to_end);
Message build_disconnect_peer_answer(const DisconnectPeer& v, const Message& request);
Result<DisconnectPeer> parse_disconnect_peer(const Message& m);

// ---- TS 29.272 S6a ----

using PlmnOctets = std::array<std::uint8_t, 3>;  ///< Visited-PLMN-Id, S1AP PLMN Identity order (7.3.9)

/// AIR, 7.2.5 (E-UTRAN part only).
struct AuthenticationInformationRequest {
  Route route;
  std::string imsi;  ///< User-Name
  PlmnOctets visited_plmn_id{};
  std::uint32_t number_of_requested_vectors = 1;
  bool immediate_response_preferred = false;
  std::optional<Bytes> resynchronization_info;  ///< RAND (16) || AUTS (14), 7.3.15
  bool operator==(const AuthenticationInformationRequest&) const = default;
};

/// E-UTRAN-Vector, 7.3.18.
struct EutranVector {
  std::optional<std::uint32_t> item_number;
  Bytes rand;   ///< 16 octets
  Bytes xres;   ///< 4..16 octets
  Bytes autn;   ///< 16 octets
  Bytes kasme;  ///< 32 octets
  bool operator==(const EutranVector&) const = default;
};

/// AIA, 7.2.6.
struct AuthenticationInformationAnswer {
  Route route;
  Outcome outcome;
  std::vector<EutranVector> vectors;
  bool operator==(const AuthenticationInformationAnswer&) const = default;
};

Message build(const AuthenticationInformationRequest& v, std::uint32_t hop_by_hop, std::uint32_t end_to_end);
Message build(const AuthenticationInformationAnswer& v, const Message& request);
Result<AuthenticationInformationRequest> parse_authentication_information_request(const Message& m);
Result<AuthenticationInformationAnswer> parse_authentication_information_answer(const Message& m);

/// ULR-Flags bits, 7.3.7.
namespace ulr_flag {
inline constexpr std::uint32_t single_registration = 0x01, s6a_s6d_indicator = 0x02, skip_subscriber_data = 0x04,
                               initial_attach = 0x20;
}

/// ULR, 7.2.3.
struct UpdateLocationRequest {
  Route route;
  std::string imsi;
  std::uint32_t rat_type = kRatTypeEutran;
  std::uint32_t ulr_flags = ulr_flag::s6a_s6d_indicator;
  PlmnOctets visited_plmn_id{};
  bool operator==(const UpdateLocationRequest&) const = default;
};

/// APN-Configuration, 7.3.35 (with EPS-Subscribed-QoS-Profile 7.3.37 and AMBR 7.3.41).
struct ApnConfiguration {
  std::uint32_t context_identifier = 1;
  std::uint32_t pdn_type = 0;  ///< 0 IPv4, 1 IPv6, 2 IPv4v6, 3 IPv4_OR_IPv6 (7.3.62)
  std::string service_selection = "internet";
  std::uint32_t qci = 9;
  std::uint32_t priority_level = 8;
  std::uint32_t pre_emption_capability = 1;     ///< 1 PRE-EMPTION_CAPABILITY_DISABLED (TS 29.212 5.3.46)
  std::uint32_t pre_emption_vulnerability = 0;  ///< 0 PRE-EMPTION_VULNERABILITY_ENABLED (5.3.47)
  std::uint32_t ambr_ul = 0;                    ///< bit/s
  std::uint32_t ambr_dl = 0;
  bool operator==(const ApnConfiguration&) const = default;
};

/// The minimal Subscription-Data (7.3.2) an MME needs to attach a UE.
struct SubscriptionData {
  std::string msisdn;                     ///< digits, TBCD on the wire (TS 29.329 6.3.2)
  std::uint32_t subscriber_status = 0;    ///< 0 SERVICE_GRANTED (7.3.29)
  std::uint32_t network_access_mode = 2;  ///< 2 ONLY_PACKET (7.3.21)
  std::uint32_t ambr_ul = 0;              ///< UE-AMBR, bit/s
  std::uint32_t ambr_dl = 0;
  std::uint32_t default_context_identifier = 1;
  std::uint32_t all_apn_included = 0;  ///< 0 All_APN_CONFIGURATIONS_INCLUDED (7.3.33)
  std::vector<ApnConfiguration> apns;
  std::optional<std::uint32_t> subscribed_periodic_rau_tau_timer;  ///< seconds (7.3.134)
  bool operator==(const SubscriptionData&) const = default;
};

/// ULA, 7.2.4.
struct UpdateLocationAnswer {
  Route route;
  Outcome outcome;
  std::optional<std::uint32_t> ula_flags;
  std::optional<SubscriptionData> subscription;
  /// Subscribed-Periodic-RAU-TAU-Timer at the answer's top level (allowed by the ULA's *[AVP]).
  /// The spec puts it inside Subscription-Data; NextEPC 0.3.10's MME reads it only here and drops
  /// a ULA without it (its mme_fd_path.c ULA callback), so an HSS for that MME sends both.
  std::optional<std::uint32_t> top_level_rau_tau_timer;
  bool operator==(const UpdateLocationAnswer&) const = default;
};

Message build(const UpdateLocationRequest& v, std::uint32_t hop_by_hop, std::uint32_t end_to_end);
Message build(const UpdateLocationAnswer& v, const Message& request);
Result<UpdateLocationRequest> parse_update_location_request(const Message& m);
Result<UpdateLocationAnswer> parse_update_location_answer(const Message& m);

/// PUR, 7.2.13 / PUA, 7.2.14.
struct PurgeUeRequest {
  Route route;
  std::string imsi;
  std::optional<std::uint32_t> pur_flags;
  bool operator==(const PurgeUeRequest&) const = default;
};
struct PurgeUeAnswer {
  Route route;
  Outcome outcome;
  std::optional<std::uint32_t> pua_flags;
  bool operator==(const PurgeUeAnswer&) const = default;
};
Message build(const PurgeUeRequest& v, std::uint32_t hop_by_hop, std::uint32_t end_to_end);
Message build(const PurgeUeAnswer& v, const Message& request);
Result<PurgeUeRequest> parse_purge_ue_request(const Message& m);
Result<PurgeUeAnswer> parse_purge_ue_answer(const Message& m);

/// CLR, 7.2.7 (HSS -> MME) / CLA, 7.2.8. Cancellation-Type (7.3.24): 0 MME_UPDATE_PROCEDURE,
/// 1 SGSN_UPDATE_PROCEDURE, 2 SUBSCRIPTION_WITHDRAWAL, 3 UPDATE_PROCEDURE_IWF, 4 INITIAL_ATTACH_PROCEDURE.
struct CancelLocationRequest {
  Route route;
  std::string imsi;
  std::uint32_t cancellation_type = 2;
  bool operator==(const CancelLocationRequest&) const = default;
};
struct CancelLocationAnswer {
  Route route;
  Outcome outcome;
  bool operator==(const CancelLocationAnswer&) const = default;
};
Message build(const CancelLocationRequest& v, std::uint32_t hop_by_hop, std::uint32_t end_to_end);
Message build(const CancelLocationAnswer& v, const Message& request);
Result<CancelLocationRequest> parse_cancel_location_request(const Message& m);
Result<CancelLocationAnswer> parse_cancel_location_answer(const Message& m);

/// An answer carrying only `outcome` (and Error-Message when given) to any request: what a peer
/// sends for a request it cannot serve. E bit set for protocol errors (3xxx, RFC 6733 7.1.3).
Message build_error_answer(const Message& request, const std::string& origin_host, const std::string& origin_realm,
                           const Outcome& outcome, const std::string& error_message = {});

/// The Session-Id of a message, if any (for answers to requests that failed to parse).
std::optional<std::string> session_id_of(const Message& m);

/// MSISDN digits <-> TBCD octets (two digits per octet, low nibble first, filler F).
Bytes encode_tbcd(const std::string& digits);
std::string decode_tbcd(const Avp& a);

}  // namespace concur::diameter
