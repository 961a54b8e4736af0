// The S1AP causes the reference eNB sends (TS 36.413 9.2.1.3: the ENUMERATED index within each
// CHOICE alternative).
#pragma once
#include "codec/s1ap/types.h"

namespace concur::reference::enb::cause {
using s1ap::Cause;
using s1ap::CauseGroup;
inline constexpr Cause handover_cancelled{CauseGroup::radio_network, 4};
inline constexpr Cause ts1relocoverall_expiry{CauseGroup::radio_network, 8};
inline constexpr Cause ts1relocprep_expiry{CauseGroup::radio_network, 9};
inline constexpr Cause unknown_mme_ue_s1ap_id{CauseGroup::radio_network, 13};
inline constexpr Cause unknown_enb_ue_s1ap_id{CauseGroup::radio_network, 14};
inline constexpr Cause unknown_pair_ue_s1ap_id{CauseGroup::radio_network, 15};
inline constexpr Cause handover_desirable_for_radio_reason{CauseGroup::radio_network, 16};
inline constexpr Cause interaction_with_other_procedure{CauseGroup::radio_network, 29};
/// Rule 5: what a source eNB answers a UCM with while its own S1 handover is ongoing (the cause
/// TS 36.413 gives other UE-associated procedures that meet an ongoing S1 handover, 8.2.1.2).
inline constexpr Cause s1_intra_system_handover_triggered{CauseGroup::radio_network, 33};
inline constexpr Cause transfer_syntax_error{CauseGroup::protocol, 0};
inline constexpr Cause message_not_compatible{CauseGroup::protocol, 3};
}  // namespace concur::reference::enb::cause
