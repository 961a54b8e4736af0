// What the monitor knows about one UE context: its S1 legs, the procedures in flight and the
// security state (KASMEs by eKSI, the KASME NAS uses, the NH chain the AS context is on).
// Written only by the ProcedureTracker; rules read it as it was before each event.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "monitor/event.h"
#include "monitor/key_chain.h"
#include "monitor/verdict.h"

namespace concur::monitor {

/// One UE-associated logical S1 connection. A handover adds a leg with new ids on the target.
struct S1Leg {
  std::string association;
  std::optional<std::uint32_t> mme_ue_s1ap_id;
  std::optional<std::uint32_t> enb_ue_s1ap_id;
  bool serving = true;  ///< false for the source leg once the UE has moved, until its release

  /// Whether `s1` names this leg: its association, and its MME-UE-S1AP-ID or eNB-UE-S1AP-ID.
  bool is(const S1UeIds& s1) const {
    return association == s1.association && ((s1.mme_ue_s1ap_id && mme_ue_s1ap_id == s1.mme_ue_s1ap_id) ||
                                             (s1.enb_ue_s1ap_id && enb_ue_s1ap_id == s1.enb_ue_s1ap_id));
  }
};

/// NAS Security Mode Command procedure, from Command to Complete / Reject / release.
struct SmcInFlight {
  EventRef command;
  Ksi eksi = 0;
  NasAlgorithms selected;
  bool new_kasme = false;  ///< takes a KASME into use that NAS did not use before
};

enum class S1RekeyKind { initial_context_setup, ue_context_modification };
/// Initial Context Setup, or UE Context Modification with a SecurityKey: a new KeNB.
struct S1RekeyInFlight {
  EventRef request;
  S1RekeyKind kind = S1RekeyKind::initial_context_setup;
  Key256 kenb{};
};

/// Any UE Context Modification, from Request to Response / Failure / release (rule 5).
struct UcmInFlight {
  EventRef request;
  bool with_security_key = false;
};

enum class HandoverScope { unknown, intra_mme, inter_mme, inter_rat };
/// S1 handover on the source side, from HANDOVER REQUIRED until the source leg is released,
/// the preparation fails or the handover is cancelled.
struct SourceHandover {
  EventRef required;
  HandoverType type = HandoverType::intra_lte;
  HandoverScope scope = HandoverScope::unknown;
  std::string source_association;
  bool target_leg_requested = false;  ///< HANDOVER REQUEST sent (intra-MME)
  std::optional<EventRef> relocation;  ///< FORWARD RELOCATION REQUEST sent (inter-MME/RAT)
  std::optional<EventRef> command;
};

/// The NH chain the UE's AS security context is on (TS 33.401 7.2.8.1.1).
struct AsChain {
  std::optional<Ksi> ksi;  ///< eKSI of the KASME the chain hangs off, when known
  ChainAnchor anchor;      ///< latest point: the KeNB (virtual NCC 0) or the last NH sent, with its NCC
  bool nh_sent = false;    ///< an NH of this chain went to an eNB or a peer already
  EventRef origin;         ///< the ICS / UCM / S10 relocation that started the chain
  ChainAnchor start;       ///< where the chain began: the KeNB, or the NH a relocation brought
  unsigned pairs_sent = 0; ///< {NCC, NH} pairs sent since `start` (right or wrong)

  static AsChain begin(std::optional<Ksi> ksi, const ChainAnchor& at, const EventRef& origin, bool nh_sent = false) {
    return AsChain{ksi, at, nh_sent, origin, at, 0};
  }
};

/// Source-MME window of rules 3 and 8: from the NAS SMC taking a new KASME into use in
/// ECM-CONNECTED until a UE Context Modification takes a KeNB of the new KASME into use.
struct NasRekey {
  EventRef smc_command;
  std::optional<Ksi> old_ksi;
  Ksi new_ksi = 0;
  NasAlgorithms selected;
  std::optional<EventRef> smc_complete;  ///< rule 8 starts here
};

/// Target-MME window of rule 9: an S10 FORWARD RELOCATION REQUEST brought both the old KASME
/// (eKSI, NH, NCC) and a new EPS NAS security context; ends with a UCM taking a new KeNB into use.
struct InheritedOldContext {
  EventRef relocation;
  Ksi old_ksi = 0;
  Key256 old_kasme{};
  std::optional<NhNcc> old_nh_ncc;
  Ksi new_ksi = 0;
  Key256 new_kasme{};
  std::optional<NhNcc> current_nh_ncc;
};

struct UeState {
  std::size_t id = 0;
  std::string label;  ///< "UE1", "UE1 (IMSI 001010123456789)"
  std::optional<std::string> imsi;
  std::optional<std::string> guti;
  std::vector<S1Leg> legs;

  bool ecm_connected = false;
  std::optional<SmcInFlight> smc;
  std::optional<EventRef> smc_ended_this_connection;    ///< last SMC Complete / Reject
  /// The last SMC that completed in this connection: a COMMAND identical to it that comes after
  /// its COMPLETE is the MME's T3460 retransmission crossing that COMPLETE (TS 24.301 5.4.3.7),
  /// not a new procedure.
  std::optional<SmcInFlight> smc_completed_this_connection;
  std::optional<S1RekeyInFlight> s1_rekey;
  std::optional<EventRef> s1_rekey_ended_this_connection;  ///< last ICS / UCM(key) response or failure
  std::optional<UcmInFlight> ucm;
  std::optional<SourceHandover> handover;

  std::optional<Ksi> nas_ksi;           ///< the KASME NAS uses
  std::optional<Ksi> authenticated_ksi;  ///< eKSI of the last Authentication Request
  std::map<Ksi, Key256> learned_kasme;   ///< KASMEs that travelled in S10 MM Contexts
  std::optional<AsChain> as_chain;
  std::optional<NasRekey> rekey;
  std::optional<InheritedOldContext> inherited;
  std::optional<EventRef> incoming_relocation;  ///< FRR received, target leg not yet requested
};

}  // namespace concur::monitor
