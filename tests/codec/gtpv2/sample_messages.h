// Realistic GTPv2-C messages for the round-trip, tshark and benchmark programs: one builder per
// message the codec covers, and the MM Context variants that TS 33.401 7.2.10 cares about.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "codec/gtpv2/mobility.h"

namespace concur::gtpv2::samples {

/// KASME of the srsRAN 4G KDF test (PROTOCOL-FACTS §1.5(a), row "K_ASME (A.2)").
Key256 kasme_vector();
/// NH derived from that KASME (PROTOCOL-FACTS §1.5(a), row "NH (A.4)").
Key256 nh_vector();
/// A second KASME (the other §1.5(a) K_ASME input row), used as the old KASME.
Key256 old_kasme_vector();
/// K_eNB of §1.5(a), used as an old NH value.
Key256 old_nh_vector();

/// NHI=1 (NCC 2), OSCI=1 with NHI_old=1 (old KSI 1, old NCC 1), two quadruplets, DRX, both UE-AMBRs,
/// UE and MS network capability, MEI and access restriction data: what a source MME sends in
/// rule R8's window (after SMC for a new KASME, before UCM).
EpsSecurityContext full_eps_security_context();
/// The smallest valid type-107 context: no NH, no old context, no quadruplets.
EpsSecurityContext minimal_eps_security_context();

PdnConnection sample_pdn_connection();
/// S1AP Source-to-Target transparent container octets (opaque to GTPv2; Wireshark does not dissect them).
Bytes sample_eutran_container();

ForwardRelocationRequest s10_forward_relocation_request();  ///< inter-MME, macro eNB target, type 107
ForwardRelocationRequest s3_forward_relocation_request_to_utran();  ///< RNC target, type 108 (CK', IK')
ForwardRelocationRequest s3_forward_relocation_request_to_geran();  ///< cell identifier target, BSS container
ForwardRelocationResponse forward_relocation_response();
ContextRequest context_request();
ContextResponse context_response();

GtpMessage echo_request();
GtpMessage echo_response();
GtpMessage create_session_request();
GtpMessage create_session_response();
GtpMessage modify_bearer_request();
GtpMessage modify_bearer_response();
GtpMessage delete_session_request();
GtpMessage delete_session_response();
GtpMessage release_access_bearers_request();
GtpMessage release_access_bearers_response();
GtpMessage forward_relocation_complete_notification();
GtpMessage forward_relocation_complete_acknowledge();
GtpMessage context_acknowledge();
GtpMessage identification_request();
GtpMessage identification_response();

/// Every sample as a message, named for test output.
std::vector<std::pair<std::string, GtpMessage>> all_messages();

}  // namespace concur::gtpv2::samples
