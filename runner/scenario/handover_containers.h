// The eNB-to-eNB transparent containers the runner's emulated eNBs put in HANDOVER REQUIRED and
// HANDOVER REQUEST ACKNOWLEDGE (TS 36.413 9.2.1.56, 9.2.1.57). The MME only relays them, but
// they are in every case's pcap: they must be valid aligned PER, with RRC inside that a dissector
// can follow, or Wireshark marks the handover messages malformed.
#pragma once

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

}  // namespace concur::scenario
