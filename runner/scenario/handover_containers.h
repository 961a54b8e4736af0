// The transparent containers the runner's emulated eNBs put in HANDOVER REQUIRED and HANDOVER
// REQUEST ACKNOWLEDGE (TS 36.413 9.2.1.56, 9.2.1.57), and its emulated SGSN in a FORWARD
// RELOCATION RESPONSE for an inter-RAT handover. The MME only relays them, but
// they are in every case's pcap: they must be valid aligned PER, with RRC inside that a dissector
// can follow, or Wireshark marks the handover messages malformed.
#pragma once

#include <cstdint>

#include "codec/s1ap/types.h"
#include "common/bytes.h"

namespace concur::scenario {

/// Source eNB to Target eNB Transparent Container: RRC HandoverPreparationInformation with
/// criticalExtensionsFuture (TS 36.331 10.2.2; the runner has no UE capabilities to report), the
/// target cell, and the source cell as the UE's one visited cell.
Bytes source_to_target_container(const s1ap::Ecgi& source_cell, const s1ap::Ecgi& target_cell);

/// Target eNB to Source eNB Transparent Container: RRC HandoverCommand with
/// criticalExtensionsFuture (the runner's UE does not read it).
Bytes target_to_source_container();

/// LTE to UTRAN (TS 36.413 9.2.1.56 with TS 25.413 9.2.1.28): a Source RNC to Target RNC
/// Transparent Container for a relocation with the UE involved, into `target_cell_id`.
Bytes utran_source_to_target_container(std::uint32_t target_cell_id);
/// The target RNC's answer, a Target RNC to Source RNC Transparent Container around an empty
/// HANDOVER TO UTRAN COMMAND (TS 25.413 9.2.1.29).
Bytes utran_target_to_source_container();
/// LTE to GERAN (TS 48.018 11.3.79): the Source BSS to Target BSS container's contents.
Bytes geran_source_to_target_container();
/// The target BSS's answer (TS 48.018 11.3.80).
Bytes geran_target_to_source_container();

}  // namespace concur::scenario
