// Test-side procedure steps shared by the reference MME suites: builders for what the eNB sends
// and readers for what the UE receives, and the UE's own view of a key chain. Everything waits
// with the emulators' guard timers; a wrong message is a test failure naming what came instead.
#pragma once
#include <optional>

#include "emulators.h"
#include "security/kdf.h"

namespace concur::reference::testing {

/// UPLINK NAS TRANSPORT of `nas_pdu` for the UE known by these ids.
void uplink_nas(TestEnb& enb, std::uint32_t mme_id, std::uint32_t enb_id, const Bytes& nas_pdu);

/// The next DOWNLINK NAS TRANSPORT, read by `ue`, must carry a T.
template <class T>
std::optional<T> expect_downlink_nas(TestEnb& enb, TestUe& ue, std::uint32_t* mme_id = nullptr) {
  auto dl = enb.expect<s1ap::DownlinkNasTransport>();
  if (!dl) return std::nullopt;
  if (mme_id) *mme_id = dl->mme_ue_s1ap_id;
  auto m = ue.read_downlink(view_of(dl->nas_pdu));
  if (!m) return std::nullopt;
  if (auto* t = std::get_if<T>(&*m)) return std::move(*t);
  ADD_FAILURE() << "UE expected " << typeid(T).name() << ", got " << nas::message_name(*m);
  return std::nullopt;
}

/// HANDOVER REQUIRED (intra-LTE, S1) of an attached UE towards `target`.
s1ap::HandoverRequired handover_required(const AttachedUe& a, const TestEnb& target);

/// PATH SWITCH REQUEST of an attached UE arriving at `target` with a new eNB UE S1AP ID.
s1ap::PathSwitchRequest path_switch_request(const AttachedUe& a, const TestEnb& target, std::uint32_t new_enb_id);

/// NH at `step` of the chain grown from KeNB = KDF(kasme, uplink_count) (TS 33.401 A.3, A.4).
s1ap::Key256 nh_at(const security::Key256& kasme, std::uint32_t uplink_count, unsigned step);

/// Attach up to the INITIAL CONTEXT SETUP REQUEST, which stays unanswered; `mme_id` is the MME's
/// id for the UE. The UE has its NAS context; nothing of the ICS is answered.
std::optional<s1ap::InitialContextSetupRequest> attach_until_initial_context_setup(TestEnb& enb, TestUe& ue,
                                                                                  std::uint32_t enb_ue_s1ap_id,
                                                                                  std::uint32_t& mme_id);

}  // namespace concur::reference::testing
