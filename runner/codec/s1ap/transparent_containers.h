// The eNB-to-eNB transparent containers of an intra-LTE S1 handover (TS 36.413 V17.1.0
// 9.2.1.56 and 9.2.1.57), which the S1AP messages carry as octet strings (Source to Target /
// Target to Source Transparent Container IEs). The MME relays them untouched; an eNB builds
// them, and a dissector (tshark) decodes them, so they must be valid aligned PER.
#pragma once

#include <cstdint>
#include <vector>

#include "codec/s1ap/types.h"
#include "common/bytes.h"
#include "common/decode_error.h"

namespace concur::s1ap {

/// Last Visited E-UTRAN Cell Information (9.2.1.43b).
struct LastVisitedEutranCell {
  Ecgi cell;
  std::uint8_t cell_size = 2;          ///< Cell-Size: verysmall, small, medium, large
  std::uint16_t time_in_cell_s = 0;    ///< Time UE Stayed in Cell, 0..4095 s
  bool operator==(const LastVisitedEutranCell&) const = default;
};

/// Source eNB to Target eNB Transparent Container (9.2.1.56).
struct SourceEnbToTargetEnbContainer {
  Bytes rrc_container;  ///< RRC HandoverPreparationInformation (TS 36.331 10.2.2), UPER
  Ecgi target_cell;
  std::vector<LastVisitedEutranCell> ue_history;  ///< 1..16 cells, most recent first
  bool operator==(const SourceEnbToTargetEnbContainer&) const = default;
};

/// Target eNB to Source eNB Transparent Container (9.2.1.57).
struct TargetEnbToSourceEnbContainer {
  Bytes rrc_container;  ///< RRC HandoverCommand (TS 36.331 10.2.2), UPER
  bool operator==(const TargetEnbToSourceEnbContainer&) const = default;
};

/// Aligned-PER encodings; an error names the field that breaks its constraint.
Result<Bytes> encode_container(const SourceEnbToTargetEnbContainer& c);
Result<Bytes> encode_container(const TargetEnbToSourceEnbContainer& c);

}  // namespace concur::s1ap
