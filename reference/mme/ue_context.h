// What the reference MME knows about one UE: identities, the S1 connection, the EPS NAS
// security contexts, the AS key chain (TS 33.401 7.2.8) and the procedures in flight that the
// rules of TS 33.401 7.2.10 are about.
#pragma once
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "codec/nas/ies.h"
#include "codec/s1ap/types.h"
#include "relocation.h"
#include "s11_session.h"
#include "security/aka.h"
#include "security/key_chain.h"
#include "security/nas_security.h"

namespace concur::reference {

using Clock = std::chrono::steady_clock;

/// An S1 connection end: which eNB association, and the eNB's id for the UE there.
struct S1Leg {
  std::size_t enb = 0;
  std::uint32_t enb_ue_s1ap_id = 0;
  bool operator==(const S1Leg&) const = default;
};

/// Which procedure carrying a KeNB (S1AP SecurityKey) the eNB has not answered yet.
enum class AsKeyProcedure : std::uint8_t { none, initial_context_setup, ue_context_modification };

/// An S1 handover between two eNBs of this MME (TS 36.413 8.4, TS 23.401 5.5.1.2).
struct S1Handover {
  S1Leg source;
  std::size_t target_enb = 0;
  std::optional<std::uint32_t> target_enb_ue_s1ap_id;  ///< known from HANDOVER REQUEST ACKNOWLEDGE
  s1ap::HandoverType type = s1ap::HandoverType::intralte;
  Clock::time_point guard;
  std::vector<s1ap::ERabTunnel> target_tunnels;  ///< the target eNB's S1-U F-TEIDs, for S11 Modify Bearer
};

/// A procedure a UE started from ECM-IDLE that a re-authentication (AKA + SMC) may interrupt:
/// what SECURITY MODE COMPLETE continues with (TS 24.301 5.5.3.2, 5.6.1).
enum class IdleProcedure : std::uint8_t { none, tracking_area_update, service_request };

struct UeContext {
  std::uint32_t mme_ue_s1ap_id = 0;
  std::optional<S1Leg> s1;  ///< absent in ECM-IDLE
  std::string imsi;         ///< empty until the UE identified itself
  std::optional<std::uint32_t> m_tmsi;  ///< of the GUTI this MME assigned
  bool registered = false;  ///< EMM-REGISTERED (ATTACH COMPLETE received)
  s1ap::Tai tai;
  s1ap::Ecgi ecgi;
  nas::UeNetworkCapability ue_network_capability;
  std::uint8_t esm_pti = 0;  ///< of the PDN CONNECTIVITY REQUEST in the ATTACH REQUEST

  // NAS security (TS 24.301 4.4, TS 33.401 7.2.4)
  security::NasContextStore nas;
  std::optional<security::EpsAuthVector> pending_vector;  ///< AKA ongoing: the vector sent
  std::uint8_t pending_eksi = 0;
  std::optional<std::uint8_t> smc_ksi;  ///< NAS SMC ongoing for this eKSI (7.2.10 rules 1, 6)
  std::uint8_t next_eksi = 0;
  Bytes last_downlink_nas;  ///< for T3460 retransmission
  std::optional<Clock::time_point> t3460;
  unsigned t3460_expiries = 0;

  // AS security (TS 33.401 7.2.8, 7.2.9)
  security::NetworkKeyState keys;
  AsKeyProcedure as_key_procedure = AsKeyProcedure::none;  ///< rules 1, 2, 7
  std::optional<Clock::time_point> as_key_guard;
  std::uint32_t ucm_uplink_nas_count = 0;  ///< KeNB input of the UCM in flight
  /// A KeNB of the new KASME still has to reach the eNB by UCM (TS 33.401 7.2.9.2): set when NAS
  /// took the new KASME into use, cleared when the eNB confirmed the UCM. Kept apart from the
  /// rule-3 window because the R3 variant closes that window early and still owes the UCM.
  bool ucm_owed = false;
  /// Faulty variant R3 only: the AS chain it wrongly restarted from the new KASME at SECURITY
  /// MODE COMPLETE; its HANDOVER REQUEST / PATH SWITCH REQUEST ACKNOWLEDGE step this one (the
  /// rule-3 fault). It is kept beside `keys`, which still holds the old chain and the pending new
  /// KASME, so that the S10 MM Context (s10_source.cpp, rule 8) and the UCM stay conformant: the
  /// variant breaks rule 3 only, as a real MME whose fault sits in the S1 key choice would.
  /// Replaces `keys` when the eNB confirms the UCM. A pointer, not an optional, so the conformant
  /// MME's UE contexts do not carry its size (bench_reference_mme's heap bytes per UE).
  std::unique_ptr<security::NetworkKeyState> r3_restarted_keys;
  std::vector<s1ap::ERabToBeSetup> e_rabs;

  // Requests waiting because a rule says so, with the moment they give up (guard timers).
  std::optional<Clock::time_point> reauth_queued;  ///< rule 2: waits for ICS/UCM to end
  std::optional<Clock::time_point> ucm_queued;     ///< rule 1 (SMC ongoing) or a handover in flight
  std::optional<S1Handover> handover;
  bool detaching = false;  ///< DETACH REQUEST accepted: the context goes with the S1 release
  bool relocated_away = false;  ///< S10/S3 relocation completed: the target took the PDN connection over
  // S10 / S3 relocations (s10_source.cpp, s3_source.cpp, s10_target.cpp)
  std::optional<OutgoingRelocation> relocation;      ///< source side; rules 6, 7, 8
  std::optional<IncomingRelocation> incoming;        ///< target side; rule 9
  std::uint32_t s10_teid = 0;                        ///< this MME's S10/S3 TEID for the UE
  std::optional<S11Session> s11;                     ///< the PDN connection at the SGW (s11_client.cpp)

  // Idle-mode procedures (tau.cpp, service_request.cpp)
  IdleProcedure idle_procedure = IdleProcedure::none;
  unsigned ue_events = 0;  ///< TAUs and SERVICE REQUESTs so far (the every-Nth re-authentication trigger)

  bool nas_smc_ongoing() const { return smc_ksi.has_value(); }
  bool aka_ongoing() const { return pending_vector.has_value(); }
  bool as_key_procedure_ongoing() const { return as_key_procedure != AsKeyProcedure::none; }
  /// The chain HANDOVER REQUEST and PATH SWITCH REQUEST ACKNOWLEDGE take {NCC, NH} from: the
  /// AS chain, or the R3 variant's early restarted one.
  security::NetworkKeyState& s1_keys() { return r3_restarted_keys ? *r3_restarted_keys : keys; }
  /// AS security ends (ECM-IDLE, the eNB lost): no chain, no pending KASME, no restarted chain.
  void as_security_ended() {
    keys = security::NetworkKeyState{};
    r3_restarted_keys.reset();
  }
};

}  // namespace concur::reference
