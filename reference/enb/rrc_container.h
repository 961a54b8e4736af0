// The RRC messages a handover puts inside the S1AP eNB-to-eNB transparent containers (TS 36.331
// 10.2.2), in unaligned PER. Only what this eNB needs, written bit by bit: the reference eNB has
// no RRC layer, but what it sends must be a valid encoding a dissector can follow.
#pragma once
#include <cstdint>

#include "common/bytes.h"

namespace concur::reference::enb {

/// HandoverPreparationInformation-r8 with an empty UE capability list and no AS configuration.
Bytes rrc_handover_preparation_information();

/// HandoverCommand-r8 whose handoverCommandMessage is a DL-DCCH RRCConnectionReconfiguration
/// carrying only securityConfigHO (intraLTE): keyChangeIndicator and the NCC the UE must derive
/// KeNB* from (TS 33.401 7.2.8.4.3). No mobilityControlInfo: the reference eNB has no radio.
Bytes rrc_handover_command(std::uint8_t rrc_transaction_id, std::uint8_t next_hop_chaining_count, bool key_change_indicator);

}  // namespace concur::reference::enb
