// The adapter from the codecs' domain structs to the monitor's events (see the guide at the top
// of monitor/event.h): one function per decoded message type, in s1ap_events.cpp,
// nas_events.cpp and gtp_events.cpp. A message the rules do not speak about maps to nothing.
// No generated asn1c type appears here: only s1ap::, nas:: and gtpv2:: domain types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "codec/gtpv2/message.h"
#include "codec/nas/message.h"
#include "codec/nas/pdu.h"
#include "codec/s1ap/messages.h"
#include "monitor/event.h"

namespace concur::judge {

// ---- S1AP (TS 36.413) ----------------------------------------------------------------------

/// The event body of an S1AP message the rules speak about, or nothing.
std::optional<monitor::EventBody> s1ap_event_body(const s1ap::S1apMessage& m);
/// The UE-associated ids the message carries, on the association named by the eNB label.
/// PATH SWITCH REQUEST gives only the target's eNB id (its MME id names the source leg) and
/// HANDOVER REQUEST only the MME id (the target eNB has not chosen its id yet).
monitor::S1UeIds s1ap_ue_ids(const s1ap::S1apMessage& m, const std::string& association);
/// The NAS PDUs the message carries (NAS-PDU IE, and those inside E-RAB lists), in IE order.
std::vector<ByteView> s1ap_nas_pdus(const s1ap::S1apMessage& m);
/// The TAI the eNB reports with uplink NAS (INITIAL UE MESSAGE, UPLINK NAS TRANSPORT).
std::optional<s1ap::Tai> s1ap_reported_tai(const s1ap::S1apMessage& m);
/// Which end sent the message, from its type (TS 36.413 8: e.g. INITIAL UE MESSAGE is eNB->MME,
/// HANDOVER REQUEST MME->eNB); nullopt for messages either end may send (RESET, ERROR INDICATION)
/// and for procedures the codec does not model. Real eNBs often use port 36412 too, so ports
/// alone cannot tell.
std::optional<bool> s1ap_sent_by_mme(const s1ap::S1apMessage& m);
/// The message name as TS 36.413 spells it, e.g. "HandoverRequired", from the PDU's first octets.
std::string s1ap_name(ByteView pdu);

/// "00101" from a PLMN Identity (TS 36.413 9.2.3.8, TBCD, F filler for a 2-digit MNC).
std::string plmn_digits(const std::array<std::uint8_t, 3>& plmn);

// ---- NAS-EPS (TS 24.301) -------------------------------------------------------------------

/// The event body of a plain EMM message the rules speak about, or nothing.
std::optional<monitor::EventBody> nas_event_body(const nas::NasMessage& m);
/// SERVICE REQUEST (header type 12): a request that re-establishes ECM-CONNECTED.
monitor::EventBody nas_service_request_body(const nas::ServiceRequest& s);
/// IMSI shown in the message (ATTACH REQUEST, IDENTITY RESPONSE, ...).
std::optional<std::string> nas_imsi(const nas::NasMessage& m);
/// GUTI shown in the message, as text.
std::optional<std::string> nas_guti(const nas::NasMessage& m);

// ---- GTPv2-C (TS 29.274) -------------------------------------------------------------------

struct GtpFacts {
  std::optional<monitor::EventBody> body;
  monitor::GtpIds ids;
  std::optional<std::string> imsi;
  /// The message speaks of S3 (an SGSN): UMTS MM Context or an S3/S4/S16 F-TEID interface type.
  bool s3 = false;
  /// A typed message whose mandatory parts did not parse: field and offset.
  std::optional<DecodeError> error;
};
/// The event facts of a GTPv2-C message; body is empty for messages the rules do not speak about.
GtpFacts gtp_facts(const gtpv2::GtpMessage& m);

}  // namespace concur::judge
