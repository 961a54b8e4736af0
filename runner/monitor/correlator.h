// Finds the UE context an event belongs to, across the identities a UE has on S1 and S10/S3.
//
// Order of evidence, strongest first:
//  1. S1AP ids on their association (MME-UE-S1AP-ID, then eNB-UE-S1AP-ID);
//     PATH SWITCH REQUEST: the Source MME-UE-S1AP-ID (unique within the MME, TS 36.413 9.2.3.3);
//  2. GTPv2-C: a response or acknowledge by the sequence number of its request (TS 29.274 7.6),
//     any other message by the TEID the UE's context owns on the receiving node;
//  3. IMSI, then GUTI;
//  4. a target leg nothing identifies yet (HANDOVER REQUEST carries only the MME's new id): the
//     oldest UE waiting for one, i.e. with a HANDOVER REQUIRED not yet followed by a HANDOVER
//     REQUEST, or with an S10 relocation received; an outgoing FORWARD RELOCATION REQUEST: the
//     oldest UE with an inter-MME/inter-RAT HANDOVER REQUIRED still waiting for it.
// Otherwise a new UE context is created. Every identity an event shows is then bound to the UE.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <tuple>

#include "monitor/event.h"
#include "monitor/ue_state.h"

namespace concur::monitor {

class Correlator {
 public:
  /// Index into `ues` of the UE `e` belongs to; appends a new UeState when none matches.
  std::size_t resolve(const Event& e, std::vector<UeState>& ues, const std::string& sut_node);
  /// Binds the identities `e` shows to UE `ue` (after the tracker applied the event).
  void bind(const Event& e, UeState& ue, const std::string& sut_node);
  /// Forgets the S1 ids of a released leg so they can be reused by a later UE.
  void unbind_leg(const S1Leg& leg);
  /// The UEs the index names for an S1 connection, by MME-UE-S1AP-ID and by eNB-UE-S1AP-ID on
  /// its association, without creating one: candidates only, the caller checks the UE's legs.
  std::array<std::optional<std::size_t>, 2> s1_candidates(const S1UeIds& s1) const;

 private:
  std::optional<std::size_t> by_s1(const S1UeIds& s1) const;
  std::optional<std::size_t> by_gtp(const Event& e) const;
  static std::optional<std::size_t> waiting_for_target_leg(const std::vector<UeState>& ues);
  static std::optional<std::size_t> waiting_for_relocation(const std::vector<UeState>& ues);

  std::map<std::pair<std::string, std::uint32_t>, std::size_t> by_mme_id_;  // (association, id)
  std::map<std::pair<std::string, std::uint32_t>, std::size_t> by_enb_id_;
  std::map<std::uint32_t, std::size_t> by_mme_id_any_;  // MME-UE-S1AP-ID, unique within the MME
  std::map<std::uint32_t, unsigned> mme_id_legs_;        // legs bound with that MME-UE-S1AP-ID
  // GTPv2 sequence numbers of requests: (requester, responder, sequence)
  std::map<std::tuple<std::string, std::string, std::uint32_t>, std::size_t> by_request_;
  std::map<std::pair<std::string, std::uint32_t>, std::size_t> by_teid_;  // (owning node, TEID)
  std::map<std::string, std::size_t> by_imsi_;
  std::map<std::string, std::size_t> by_guti_;
};

}  // namespace concur::monitor
