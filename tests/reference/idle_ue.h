// What an emulated UE sends from ECM-IDLE (TS 24.301 5.5.3.2, 5.6.1), built with its own NAS
// security context: TRACKING AREA UPDATE REQUEST and the 4-octet SERVICE REQUEST with short MAC.
#pragma once
#include <optional>

#include "emulators.h"

namespace concur::reference::testing {

/// TRACKING AREA UPDATE REQUEST (TA updating) naming `guti`. With `protect`, it carries the
/// current eKSI and is integrity protected (header type 1, not ciphered: 24.301 4.4.5); without,
/// it is plain with KSI 7 ("no key is available").
Bytes tau_request(TestUe& ue, const nas::Guti& guti, bool protect);

/// SERVICE REQUEST with the current context's next uplink COUNT (TS 24.301 9.9.3.19, 9.9.3.28);
/// `ksi` overrides the KSI field (the short MAC is over what is sent). `count_used` gets the COUNT.
Bytes service_request(TestUe& ue, std::optional<std::uint8_t> ksi = std::nullopt, std::uint32_t* count_used = nullptr);

/// INITIAL UE MESSAGE carrying `nas_pdu`; `s_tmsi` for a SERVICE REQUEST (TS 36.413 9.1.7.1).
s1ap::InitialUeMessage initial_ue_message(const TestEnb& enb, std::uint32_t enb_ue_s1ap_id, const Bytes& nas_pdu,
                                          std::optional<s1ap::STmsi> s_tmsi = std::nullopt);

}  // namespace concur::reference::testing
