#include "monitor/correlator.h"

#include <algorithm>
#include <limits>

namespace concur::monitor {
namespace {

bool is_gtp_response(const EventBody& b) {
  return std::holds_alternative<ForwardRelocationResponse>(b) ||
         std::holds_alternative<ForwardRelocationCompleteAcknowledge>(b);
}

std::string ue_label(const UeState& ue) {
  std::string l = "UE" + std::to_string(ue.id + 1);
  if (ue.imsi) return l + " (IMSI " + *ue.imsi + ")";
  if (ue.guti) return l + " (GUTI " + *ue.guti + ")";
  return l;
}

template <class Map, class Key>
std::optional<std::size_t> find_in(const Map& m, const Key& k) {
  const auto it = m.find(k);
  if (it == m.end()) return std::nullopt;
  return it->second;
}

}  // namespace

std::optional<std::size_t> Correlator::by_s1(const S1UeIds& s1) const {
  if (s1.mme_ue_s1ap_id) {
    if (auto u = find_in(by_mme_id_, std::pair{s1.association, *s1.mme_ue_s1ap_id})) return u;
  }
  if (s1.enb_ue_s1ap_id) {
    if (auto u = find_in(by_enb_id_, std::pair{s1.association, *s1.enb_ue_s1ap_id})) return u;
  }
  return std::nullopt;
}

std::array<std::optional<std::size_t>, 2> Correlator::s1_candidates(const S1UeIds& s1) const {
  std::array<std::optional<std::size_t>, 2> out;
  if (s1.mme_ue_s1ap_id) out[0] = find_in(by_mme_id_, std::pair{s1.association, *s1.mme_ue_s1ap_id});
  if (s1.enb_ue_s1ap_id) out[1] = find_in(by_enb_id_, std::pair{s1.association, *s1.enb_ue_s1ap_id});
  return out;
}

std::optional<std::size_t> Correlator::by_gtp(const Event& e) const {
  const GtpIds& g = *e.ids.gtp;
  if (is_gtp_response(e.body)) {
    if (auto u = find_in(by_request_, std::tuple{e.to, e.from, g.sequence})) return u;
  }
  if (g.teid != 0) return find_in(by_teid_, std::pair{e.to, g.teid});
  return std::nullopt;
}

std::optional<std::size_t> Correlator::waiting_for_target_leg(const std::vector<UeState>& ues) {
  // The oldest waiting UE: smallest index of the event that made it wait.
  std::optional<std::size_t> best;
  std::size_t best_since = std::numeric_limits<std::size_t>::max();
  for (const UeState& ue : ues) {
    std::optional<std::size_t> since;
    if (ue.handover && !ue.handover->target_leg_requested && !ue.handover->relocation &&
        ue.handover->scope != HandoverScope::inter_mme && ue.handover->scope != HandoverScope::inter_rat) {
      since = ue.handover->required.index;
    } else if (ue.incoming_relocation) {
      since = ue.incoming_relocation->index;
    }
    if (since && *since < best_since) {
      best_since = *since;
      best = ue.id;
    }
  }
  return best;
}

std::optional<std::size_t> Correlator::waiting_for_relocation(const std::vector<UeState>& ues) {
  std::optional<std::size_t> best;
  std::size_t best_since = std::numeric_limits<std::size_t>::max();
  for (const UeState& ue : ues) {
    if (ue.handover && !ue.handover->relocation && !ue.handover->target_leg_requested &&
        ue.handover->scope != HandoverScope::intra_mme && ue.handover->required.index < best_since) {
      best_since = ue.handover->required.index;
      best = ue.id;
    }
  }
  return best;
}

std::size_t Correlator::resolve(const Event& e, std::vector<UeState>& ues, const std::string& sut_node) {
  std::optional<std::size_t> found;
  if (e.ids.s1) {
    if (const auto* ps = std::get_if<PathSwitchRequest>(&e.body)) {
      found = find_in(by_mme_id_any_, ps->source_mme_ue_s1ap_id);
    }
    if (!found) found = by_s1(*e.ids.s1);
  }
  if (!found && e.ids.gtp) found = by_gtp(e);
  if (!found && e.ids.imsi) found = find_in(by_imsi_, *e.ids.imsi);
  if (!found && e.ids.guti) found = find_in(by_guti_, *e.ids.guti);
  if (!found && std::holds_alternative<HandoverRequest>(e.body)) found = waiting_for_target_leg(ues);
  if (!found && std::holds_alternative<ForwardRelocationRequest>(e.body) && e.from == sut_node) {
    found = waiting_for_relocation(ues);
  }
  if (found) return *found;
  UeState ue;
  ue.id = ues.size();
  ue.label = ue_label(ue);
  ues.push_back(std::move(ue));
  return ues.size() - 1;
}

void Correlator::bind(const Event& e, UeState& ue, const std::string& /*sut_node*/) {
  if (e.ids.s1) {
    const S1UeIds& s1 = *e.ids.s1;
    // The leg these ids belong to, else a new leg.
    auto leg = std::find_if(ue.legs.begin(), ue.legs.end(), [&](const S1Leg& l) { return l.is(s1); });
    if (leg == ue.legs.end()) {
      const bool any_serving = std::any_of(ue.legs.begin(), ue.legs.end(), [](const S1Leg& l) { return l.serving; });
      ue.legs.push_back(S1Leg{s1.association, std::nullopt, std::nullopt, !any_serving});
      leg = std::prev(ue.legs.end());
    }
    if (s1.mme_ue_s1ap_id) {
      leg->mme_ue_s1ap_id = s1.mme_ue_s1ap_id;
      const auto [it, added] = by_mme_id_.insert_or_assign({s1.association, *s1.mme_ue_s1ap_id}, ue.id);
      if (added) ++mme_id_legs_[*s1.mme_ue_s1ap_id];
      by_mme_id_any_[*s1.mme_ue_s1ap_id] = ue.id;
    }
    if (s1.enb_ue_s1ap_id) {
      leg->enb_ue_s1ap_id = s1.enb_ue_s1ap_id;
      by_enb_id_[{s1.association, *s1.enb_ue_s1ap_id}] = ue.id;
    }
  }
  if (e.ids.gtp) {
    const GtpIds& g = *e.ids.gtp;
    if (!is_gtp_response(e.body)) by_request_[{e.from, e.to, g.sequence}] = ue.id;
    // A node advertises the TEID it wants to be addressed with: it owns that TEID.
    if (g.sender_cp_teid) by_teid_[{e.from, *g.sender_cp_teid}] = ue.id;
  }
  if (e.ids.imsi) {
    by_imsi_[*e.ids.imsi] = ue.id;
    ue.imsi = e.ids.imsi;
  }
  if (e.ids.guti) {
    by_guti_[*e.ids.guti] = ue.id;
    ue.guti = e.ids.guti;
  }
  ue.label = ue_label(ue);
}

void Correlator::unbind_leg(const S1Leg& leg) {
  if (leg.mme_ue_s1ap_id && by_mme_id_.erase({leg.association, *leg.mme_ue_s1ap_id}) == 1) {
    // The MME-wide index may still serve another leg with the same id (the MME kept its id
    // across an intra-MME handover); forget it only when no leg uses it any more.
    const auto uses = mme_id_legs_.find(*leg.mme_ue_s1ap_id);
    if (uses != mme_id_legs_.end() && --uses->second == 0) {
      mme_id_legs_.erase(uses);
      by_mme_id_any_.erase(*leg.mme_ue_s1ap_id);
    }
  }
  if (leg.enb_ue_s1ap_id) by_enb_id_.erase({leg.association, *leg.enb_ue_s1ap_id});
}

}  // namespace concur::monitor
