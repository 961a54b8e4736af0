// The monitor's own event model: the facts of TS 33.401 clause 7.2.10 that a decoded S1AP,
// NAS-EPS or GTPv2-C message carries, and nothing else. It depends on no codec on purpose: a
// thin adapter (one function per decoded message type) fills an Event, and both feeds, live
// runs and capture replays, use the same adapter.
//
// Adapter guide: one Event per message, in capture/trace order; `index` strictly increasing.
//  - S1AP UE-associated message      -> ids.s1 = {association, MME-UE-S1AP-ID, eNB-UE-S1AP-ID}
//    (NAS carried in S1AP NAS transport: the NAS body, with the S1AP ids of the carrier)
//  - GTPv2-C message                  -> ids.gtp = {header TEID, sequence number, sender F-TEID for CP}
//  - IMSI / GUTI whenever the message shows them (Attach Request, S10 IMSI IE, ...)
//  - `from`/`to` are node labels of the SUT profile ("eNB1", "MME", "MME-peer", "SGSN").
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>

namespace concur::monitor {

using Key256 = std::array<std::uint8_t, 32>;  ///< KASME, KeNB, NH
using Key128 = std::array<std::uint8_t, 16>;  ///< CK', IK'

/// eKSI / KSI_ASME: 3-bit key set identifier (TS 24.301 9.9.3.21; 7 = no key available).
using Ksi = std::uint8_t;

// ---- correlation keys -------------------------------------------------------------------

/// S1AP UE identities. MME-UE-S1AP-ID is unique within the MME, eNB-UE-S1AP-ID within the eNB;
/// both are kept per S1 association because a handover gives the target leg new ids.
struct S1UeIds {
  std::string association;  ///< e.g. "eNB1" (the eNB end of the S1-MME association)
  std::optional<std::uint32_t> mme_ue_s1ap_id;
  std::optional<std::uint32_t> enb_ue_s1ap_id;
};

/// GTPv2-C header identities (TS 29.274 5.1): requests and responses share the sequence number.
struct GtpIds {
  std::uint32_t teid = 0;                          ///< header TEID (0 on an initial request)
  std::uint32_t sequence = 0;                      ///< 24-bit sequence number
  std::optional<std::uint32_t> sender_cp_teid;     ///< Sender F-TEID for Control Plane, when present
};

struct UeIds {
  std::optional<S1UeIds> s1;
  std::optional<GtpIds> gtp;
  std::optional<std::string> imsi;
  std::optional<std::string> guti;
};

// ---- security parameters ------------------------------------------------------------------

/// S1AP SecurityContext IE (id 40) and the GTPv2 MM Context NH/NCC pair.
struct NhNcc {
  std::uint8_t ncc = 0;  ///< Next Hop Chaining Count, 3 bits (0..7)
  Key256 nh{};
};

struct NasAlgorithms {
  std::uint8_t eea = 0;  ///< 0 = EEA0, 1 = 128-EEA1, ...
  std::uint8_t eia = 0;  ///< 0 = EIA0, 1 = 128-EIA1, ...
  friend bool operator==(const NasAlgorithms&, const NasAlgorithms&) = default;
};

/// MM Context "EPS Security Context and Quadruplets" (TS 29.274 8.38, type 107), the parts
/// clause 7.2.10 rules 8 and 9 speak about.
struct OldEpsSecurityContext {  ///< present iff OSCI = 1
  Ksi old_ksi_asme = 0;
  Key256 old_kasme{};
  std::optional<NhNcc> old_nh_ncc;  ///< present iff NHI_old = 1
};
struct EpsMmContext {
  Ksi ksi_asme = 0;
  Key256 kasme{};
  NasAlgorithms nas_algorithms;
  std::uint32_t nas_downlink_count = 0;
  std::uint32_t nas_uplink_count = 0;
  std::optional<NhNcc> nh_ncc;  ///< present iff NHI = 1
  std::optional<OldEpsSecurityContext> old_context;
};
/// MM Context "UMTS Key, Quadruplets and Quintuplets" (type 108): what goes to an SGSN over S3.
struct UmtsMmContext {
  Ksi ksi = 0;
  Key128 ck_prime{};
  Key128 ik_prime{};
};

// ---- message bodies -----------------------------------------------------------------------
// NAS-EPS (TS 24.301)
struct AuthenticationRequest { Ksi eksi = 0; };
struct AuthenticationResponse {};
struct SecurityModeCommand { Ksi eksi = 0; NasAlgorithms selected; };
struct SecurityModeComplete {};
struct SecurityModeReject {};
enum class NasRequestKind { attach, tracking_area_update, service };
struct NasInitialRequest { NasRequestKind kind = NasRequestKind::attach; std::optional<Ksi> eksi; };

// S1AP (TS 36.413)
struct InitialContextSetupRequest { Key256 security_key{}; };  ///< SecurityKey is mandatory here
struct InitialContextSetupResponse {};
struct InitialContextSetupFailure {};
struct UeContextModificationRequest { std::optional<Key256> security_key; };
struct UeContextModificationResponse {};
struct UeContextModificationFailure {};

enum class HandoverType { intra_lte, lte_to_utran, lte_to_geran, utran_to_lte, geran_to_lte };
/// Where the target of a HANDOVER REQUIRED lies, seen from the serving MME.
enum class HandoverTargetCore { unknown, same_mme, other_mme };
struct TrackingAreaId {
  std::string plmn;        ///< MCC+MNC digits, e.g. "00101"
  std::uint16_t tac = 0;
  friend bool operator==(const TrackingAreaId&, const TrackingAreaId&) = default;
};
struct HandoverRequired {
  HandoverType type = HandoverType::intra_lte;
  std::optional<TrackingAreaId> target_tai;  ///< the monitor maps it with the profile's served TAIs
  HandoverTargetCore target_core = HandoverTargetCore::unknown;  ///< when the adapter knows better
};
struct HandoverRequest { HandoverType type = HandoverType::intra_lte; NhNcc security_context; };
struct HandoverRequestAcknowledge {};
struct HandoverFailure {};
struct HandoverCommand {};
struct HandoverPreparationFailure {};
struct HandoverNotify {};
struct HandoverCancel {};
struct HandoverCancelAcknowledge {};
struct PathSwitchRequest { std::uint32_t source_mme_ue_s1ap_id = 0; };
struct PathSwitchRequestAcknowledge { NhNcc security_context; };
struct PathSwitchRequestFailure {};
struct UeContextReleaseCommand {};
struct UeContextReleaseComplete {};

// GTPv2-C (TS 29.274)
enum class GtpInterface { s10, s3 };
struct ForwardRelocationRequest {
  GtpInterface interface = GtpInterface::s10;
  std::optional<EpsMmContext> eps;    ///< S10
  std::optional<UmtsMmContext> umts;  ///< S3
};
struct ForwardRelocationResponse { std::uint8_t cause = 16; };  ///< 16 "Request accepted"
struct ForwardRelocationCompleteNotification {};
struct ForwardRelocationCompleteAcknowledge {};

using EventBody = std::variant<
    AuthenticationRequest, AuthenticationResponse, SecurityModeCommand, SecurityModeComplete,
    SecurityModeReject, NasInitialRequest,
    InitialContextSetupRequest, InitialContextSetupResponse, InitialContextSetupFailure,
    UeContextModificationRequest, UeContextModificationResponse, UeContextModificationFailure,
    HandoverRequired, HandoverRequest, HandoverRequestAcknowledge, HandoverFailure, HandoverCommand,
    HandoverPreparationFailure, HandoverNotify, HandoverCancel, HandoverCancelAcknowledge,
    PathSwitchRequest, PathSwitchRequestAcknowledge, PathSwitchRequestFailure,
    UeContextReleaseCommand, UeContextReleaseComplete,
    ForwardRelocationRequest, ForwardRelocationResponse, ForwardRelocationCompleteNotification,
    ForwardRelocationCompleteAcknowledge>;

struct Event {
  std::size_t index = 0;                   ///< position in the trace; strictly increasing
  std::optional<std::uint64_t> frame;      ///< pcap frame number (replays)
  std::chrono::nanoseconds time{0};        ///< since the start of the trace
  std::string from;                        ///< node label of the sender
  std::string to;                          ///< node label of the receiver
  UeIds ids;
  EventBody body;
};

/// The message name as the specs spell it, e.g. "HANDOVER REQUEST".
std::string message_name(const EventBody& body);
/// One line for evidence: "#12 (frame 40, t=1.250000 s) MME->eNB2 HANDOVER REQUEST NCC=2".
std::string describe(const Event& e);

}  // namespace concur::monitor
