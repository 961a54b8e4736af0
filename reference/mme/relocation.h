// Handovers that leave or enter this MME over GTPv2-C (TS 23.401 5.5.1.2.3 inter-MME over S10,
// 5.5.2.1 E-UTRAN -> UTRAN/GERAN over S3): what one UE context remembers about them, and the
// GTPv2-C messages the MME hands to the server to send.
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "codec/s1ap/messages.h"
#include "common/bytes.h"

namespace concur::reference {

/// A GTPv2-C peer (a peer MME on S10, an SGSN on S3).
struct GtpPeer {
  std::string address;
  std::uint16_t port = 2123;
  bool operator==(const GtpPeer&) const = default;
};

/// One GTPv2-C message for the server's endpoint: a request (retransmitted until answered, TS
/// 29.274 7.6) or the reply to the request `peer` sent with that sequence number.
struct GtpOutgoing {
  enum class Kind : std::uint8_t { request, reply };
  Kind kind = Kind::request;
  GtpPeer peer;
  Bytes message;
};

/// This MME is the SOURCE of a relocation: the eNB asked for a handover to a TAI of a peer MME
/// (S10) or to a UTRAN/GERAN target (S3).
struct OutgoingRelocation {
  enum class Phase : std::uint8_t {
    waiting,    ///< TS 33.401 7.2.10 rule 6 (SMC ongoing) or rule 7 (UCM ongoing): not sent yet
    requested,  ///< FORWARD RELOCATION REQUEST sent, no response yet
    commanded,  ///< HANDOVER COMMAND sent; waits for FORWARD RELOCATION COMPLETE NOTIFICATION
  };
  Phase phase = Phase::waiting;
  bool inter_rat = false;  ///< S3 towards an SGSN, else S10 towards a peer MME
  GtpPeer peer;
  s1ap::HandoverRequired required;           ///< the eNB's request, kept while it waits
  std::optional<std::uint32_t> peer_teid;    ///< from the response's sender F-TEID
  std::uint32_t downlink_nas_count = 0;      ///< S3: the COUNT CK'/IK' were derived with (A.8)
  std::chrono::steady_clock::time_point guard;  ///< TS1RELOCprep / rule wait
};

/// This MME is the TARGET of an S10 relocation (rule 9).
struct IncomingRelocation {
  GtpPeer source;
  std::uint32_t source_teid = 0;     ///< the source MME's S10 F-TEID
  std::uint32_t request_sequence = 0;  ///< of the FORWARD RELOCATION REQUEST, for the response
  std::size_t target_enb = 0;
  std::optional<std::uint32_t> target_enb_ue_s1ap_id;
  bool notified = false;  ///< HANDOVER NOTIFY seen, COMPLETE NOTIFICATION sent
  std::chrono::steady_clock::time_point guard;
};

}  // namespace concur::reference
