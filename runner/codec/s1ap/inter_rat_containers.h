// The transparent containers of an E-UTRAN to UTRAN / GERAN handover. S1AP carries them as octet
// strings whose contents other specifications define (TS 36.413 V17.1.0 9.2.1.56-57): RANAP's
// Source/Target RNC containers (TS 25.413 9.2.1.28-29, aligned PER) for UTRAN, and BSSGP's
// Source/Target BSS container contents (TS 48.018 11.3.79-80, TLV) for GERAN. The MME relays
// them towards the SGSN and back untouched; an eNB and the target RAT build them, and a
// dissector (tshark) follows them by the HandoverType, so they must be valid.
#pragma once

#include <cstdint>

#include "common/bytes.h"
#include "common/decode_error.h"

namespace concur::s1ap {

/// RANAP RelocationType (TS 25.413 9.2.1.23).
enum class RelocationType : std::uint8_t { ue_not_involved = 0, ue_involved = 1 };

/// RANAP Source RNC to Target RNC Transparent Container (TS 25.413 9.2.1.28), the fields an
/// inter-RAT handover from E-UTRAN sets. The security fields are left out: the SGSN sends the
/// UMTS keys to the RNC itself (TS 33.401 9.2.1).
struct SourceRncToTargetRncContainer {
  Bytes rrc_container;  ///< RRC ToTargetRNC-Container (TS 25.331 14.12.4.2), UPER
  std::uint8_t number_of_iu_instances = 1;  ///< 1..2
  RelocationType relocation_type = RelocationType::ue_involved;
  std::uint32_t target_cell_id = 0;  ///< UTRAN cell id, 0..268435455; sent when the UE is involved
  std::uint32_t d_rnti = 0;          ///< 0..1048575; sent when the UE is not involved
};

/// RANAP Target RNC to Source RNC Transparent Container (TS 25.413 9.2.1.29).
struct TargetRncToSourceRncContainer {
  Bytes rrc_container;  ///< RRC HANDOVER TO UTRAN COMMAND (TS 25.331 10.2.16a), UPER
};

/// Aligned-PER encodings (RANAP is aligned PER, TS 25.413 9.4); an error names the field that
/// breaks its constraint.
Result<Bytes> encode_container(const SourceRncToTargetRncContainer& c);
Result<Bytes> encode_container(const TargetRncToSourceRncContainer& c);

/// RRC ToTargetRNC-Container choosing `extension` (NULL): the runner has no UE radio
/// capabilities to describe (TS 25.331 14.12.4.2).
Bytes rrc_to_target_rnc_extension();
/// RRC HANDOVER TO UTRAN COMMAND whose nested criticalExtensions reach the empty future
/// extension (TS 25.331 10.2.16a): a valid message that commands nothing.
Bytes rrc_handover_to_utran_command_future();

/// Contents of the BSSGP Source BSS to Target BSS Transparent Container (TS 48.018 11.3.79,
/// table 11.3.79.b): its one mandatory IE, MS Radio Access Capability (11.3.22, TS 24.008
/// 10.5.5.12a), here a GSM-E mobile of power class 4 without multislot or A5 information.
Bytes source_bss_to_target_bss_contents();
/// Contents of the BSSGP Target BSS to Source BSS Transparent Container (TS 48.018 11.3.80,
/// table 11.3.80.b): an SI/PSI Container (11.3.95b) with no system information, the smallest
/// valid contents (every IE of the container is optional).
Bytes target_bss_to_source_bss_contents();

}  // namespace concur::s1ap
