// What the reference eNB keeps per UE in connected mode: the S1 ids, the AS key, and the two
// procedures TS 33.401 7.2.10 rule 5 makes exclusive (own handover, UCM-triggered reconfiguration).
#pragma once
#include <chrono>
#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

#include "codec/s1ap/types.h"
#include "common/bytes.h"
#include "security/secret_key.h"

namespace concur::reference::enb {

using Clock = std::chrono::steady_clock;

/// This eNB as source of an S1 handover of the UE (TS 36.413 8.4.1).
struct OwnHandover {
  enum class Stage { preparing, prepared, cancelling };
  Stage stage = Stage::preparing;
  std::uint32_t target_enb_id = 0;
  s1ap::Tai target_tai;
  /// TS1RELOCprep while preparing, TS1RELOCoverall once prepared; nullopt once acted upon.
  std::optional<Clock::time_point> guard;
};

/// A handover asked for while a UCM-triggered reconfiguration runs (rule 5: it waits).
struct QueuedHandover {
  std::uint32_t target_enb_id = 0;
  s1ap::Tai target_tai;
  Clock::time_point give_up;
};

/// The RRC Connection Reconfiguration a UE CONTEXT MODIFICATION with a new KeNB triggers; the
/// UCM RESPONSE goes when it ends (TS 33.401 7.2.9.2).
struct Reconfiguration {
  security::Key256 new_kenb;
  std::optional<Clock::time_point> ends;  ///< nullopt: held until `reconfiguration-complete`
};

struct UeContext {
  std::uint32_t enb_ue_s1ap_id = 0;
  std::optional<std::uint32_t> mme_ue_s1ap_id;
  bool context_setup = false;  ///< ICS done, or handover in as target: AS security active
  bool incoming_handover = false;  ///< target side: resources allocated, HANDOVER NOTIFY not sent yet
  std::optional<security::Key256> kenb;
  std::optional<std::uint8_t> ncc;  ///< NCC of the NH the KeNB came from (target side)
  std::vector<s1ap::ERabTunnel> e_rabs;  ///< with this eNB's S1-U endpoint
  std::optional<OwnHandover> handover;
  std::optional<QueuedHandover> queued_handover;
  std::optional<Reconfiguration> reconfiguration;
  std::deque<Bytes> downlink_nas;  ///< not yet collected by `downlink-nas UE`
};

}  // namespace concur::reference::enb
