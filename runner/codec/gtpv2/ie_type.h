// GTPv2-C IE type numbers (TS 29.274 Table 8.1-1) for the IEs this codec knows.
#pragma once

#include <cstdint>
#include <string>

namespace concur::gtpv2 {

namespace ie_type {
inline constexpr std::uint8_t imsi = 1;
inline constexpr std::uint8_t cause = 2;
inline constexpr std::uint8_t recovery = 3;
inline constexpr std::uint8_t apn = 71;
inline constexpr std::uint8_t ambr = 72;
inline constexpr std::uint8_t ebi = 73;
inline constexpr std::uint8_t ip_address = 74;
inline constexpr std::uint8_t mei = 75;
inline constexpr std::uint8_t msisdn = 76;
inline constexpr std::uint8_t indication = 77;
inline constexpr std::uint8_t paa = 79;
inline constexpr std::uint8_t bearer_qos = 80;
inline constexpr std::uint8_t rat_type = 82;
inline constexpr std::uint8_t serving_network = 83;
inline constexpr std::uint8_t uli = 86;
inline constexpr std::uint8_t f_teid = 87;
inline constexpr std::uint8_t delay_value = 92;
inline constexpr std::uint8_t bearer_context = 93;
inline constexpr std::uint8_t charging_characteristics = 95;
inline constexpr std::uint8_t trace_information = 96;
inline constexpr std::uint8_t pdn_type = 99;
inline constexpr std::uint8_t mm_context_umts_quintuplets = 106;
inline constexpr std::uint8_t mm_context_eps = 107;
inline constexpr std::uint8_t mm_context_umts_quadruplets_quintuplets = 108;
inline constexpr std::uint8_t pdn_connection = 109;
inline constexpr std::uint8_t p_tmsi = 111;
inline constexpr std::uint8_t hop_counter = 113;
inline constexpr std::uint8_t ue_time_zone = 114;
inline constexpr std::uint8_t complete_request_message = 116;
inline constexpr std::uint8_t guti = 117;
inline constexpr std::uint8_t f_container = 118;
inline constexpr std::uint8_t f_cause = 119;
inline constexpr std::uint8_t selected_plmn_id = 120;
inline constexpr std::uint8_t target_identification = 121;
inline constexpr std::uint8_t port_number = 126;
inline constexpr std::uint8_t selection_mode = 128;
inline constexpr std::uint8_t node_type = 135;
inline constexpr std::uint8_t fqdn = 136;
inline constexpr std::uint8_t private_extension = 255;
}  // namespace ie_type

/// "F-TEID", "MM Context (EPS Security Context and Quadruplets)", or "IE 200" for an unknown type.
std::string ie_name(std::uint8_t type);

}  // namespace concur::gtpv2
