#include "monitor/procedure_tracker.h"

#include <algorithm>

namespace concur::monitor {
namespace {

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

}  // namespace

HandoverScope scope_of(const HandoverRequired& m, const SutProfile& sut) {
  if (m.type == HandoverType::lte_to_utran || m.type == HandoverType::lte_to_geran) return HandoverScope::inter_rat;
  if (m.target_core == HandoverTargetCore::other_mme) return HandoverScope::inter_mme;
  if (m.target_core == HandoverTargetCore::same_mme) return HandoverScope::intra_mme;
  if (m.target_tai && !sut.served_tais.empty()) {
    const bool served = std::find(sut.served_tais.begin(), sut.served_tais.end(), *m.target_tai) != sut.served_tais.end();
    return served ? HandoverScope::intra_mme : HandoverScope::inter_mme;
  }
  return HandoverScope::unknown;
}

S1Leg* leg_of(const Event& e, UeState& ue) {
  if (!e.ids.s1) return nullptr;
  const S1UeIds& s1 = *e.ids.s1;
  for (S1Leg& l : ue.legs)
    if (l.is(s1)) return &l;
  return nullptr;
}

bool takes_new_kasme(const SecurityModeCommand& smc, const UeState& before) {
  // A fresh authentication with this eKSI, or an eKSI NAS does not use (first SMC of an attach).
  if (!before.nas_ksi) return true;
  if (smc.eksi != *before.nas_ksi) return true;
  return before.authenticated_ksi && *before.authenticated_ksi == smc.eksi;
}

void ProcedureTracker::end_connection(UeState& ue) const {
  // TS 36.413 8.3.3: UE Context Release ends the UE-associated logical S1 connection; every
  // procedure running on it ends unfinished and the AS security context is gone (ECM-IDLE).
  ue.ecm_connected = false;
  ue.smc.reset();
  ue.smc_ended_this_connection.reset();
  ue.smc_completed_this_connection.reset();
  ue.s1_rekey.reset();
  ue.s1_rekey_ended_this_connection.reset();
  ue.ucm.reset();
  ue.handover.reset();
  ue.as_chain.reset();
  ue.rekey.reset();
  ue.inherited.reset();
  ue.incoming_relocation.reset();
}

void ProcedureTracker::step_chain(UeState& ue, const NhNcc& sent) const {
  if (!ue.as_chain) return;
  ue.as_chain->anchor = ChainAnchor{sent.nh, sent.ncc, false};
  ue.as_chain->nh_sent = true;
  ++ue.as_chain->pairs_sent;
}

void ProcedureTracker::apply(const Event& e, UeState& ue) const {
  const EventRef here = ref_of(e);
  S1Leg* leg = leg_of(e, ue);
  std::visit(
      Overloaded{
          [&](const AuthenticationRequest& m) { ue.authenticated_ksi = m.eksi; },
          [&](const SecurityModeCommand& m) {
            const bool fresh = takes_new_kasme(m, ue);
            // T3460 expired just as the UE's COMPLETE was on its way: the MME resent the same
            // COMMAND, then took the COMPLETE. The procedure stays complete (the UE answers the
            // copy with another COMPLETE); reopening it would make the MME's next ICS look like
            // one sent during an SMC.
            if (!ue.smc && !fresh && ue.smc_completed_this_connection && ue.smc_completed_this_connection->eksi == m.eksi &&
                ue.smc_completed_this_connection->selected == m.selected)
              return;
            ue.smc = SmcInFlight{here, m.eksi, m.selected, fresh};
            // Rules 3 and 8: a new KASME while the AS context runs on the old one.
            if (fresh && ue.ecm_connected && ue.as_chain && !ue.inherited) {
              const std::optional<Ksi> old = ue.rekey ? ue.rekey->old_ksi : ue.as_chain->ksi;
              ue.rekey = NasRekey{here, old, m.eksi, m.selected, std::nullopt};
            }
          },
          [&](const SecurityModeComplete&) {
            if (ue.smc) {
              ue.smc_completed_this_connection = *ue.smc;
              ue.nas_ksi = ue.smc->eksi;
              if (ue.rekey && ue.rekey->new_ksi == ue.smc->eksi) ue.rekey->smc_complete = here;
            }
            ue.authenticated_ksi.reset();
            ue.smc.reset();
            ue.smc_ended_this_connection = here;
          },
          [&](const SecurityModeReject&) {
            // The UE refused the new KASME: nothing changes hands, the old chain stays.
            if (ue.rekey && !ue.rekey->smc_complete) ue.rekey.reset();
            ue.smc.reset();
            ue.smc_completed_this_connection.reset();
            ue.smc_ended_this_connection = here;
          },
          [&](const InitialContextSetupRequest& m) {
            ue.ecm_connected = true;
            ue.s1_rekey = S1RekeyInFlight{here, S1RekeyKind::initial_context_setup, m.security_key};
            // TS 33.401 7.2.8.1.1: KeNB with virtual NCC 0; NH1 (NCC 1) is kept by the MME.
            ue.as_chain = AsChain::begin(ue.nas_ksi, ChainAnchor{m.security_key, 0, true}, here);
          },
          [&](const InitialContextSetupResponse&) {
            ue.s1_rekey.reset();
            ue.s1_rekey_ended_this_connection = here;
          },
          [&](const InitialContextSetupFailure&) {
            ue.s1_rekey.reset();
            ue.s1_rekey_ended_this_connection = here;
          },
          [&](const UeContextModificationRequest& m) {
            ue.ucm = UcmInFlight{here, m.security_key.has_value()};
            if (m.security_key) ue.s1_rekey = S1RekeyInFlight{here, S1RekeyKind::ue_context_modification, *m.security_key};
          },
          [&](const UeContextModificationResponse&) {
            if (ue.ucm && ue.ucm->with_security_key && ue.s1_rekey) {
              // The KeNB of the current KASME is in use: a new chain, the old-KASME windows close.
              ue.as_chain = AsChain::begin(ue.nas_ksi, ChainAnchor{ue.s1_rekey->kenb, 0, true}, here);
              ue.rekey.reset();
              ue.inherited.reset();
              ue.s1_rekey.reset();
              ue.s1_rekey_ended_this_connection = here;
            }
            ue.ucm.reset();
          },
          [&](const UeContextModificationFailure&) {
            if (ue.ucm && ue.ucm->with_security_key) {
              ue.s1_rekey.reset();
              ue.s1_rekey_ended_this_connection = here;
            }
            ue.ucm.reset();
          },
          [&](const HandoverRequired& m) {
            ue.ecm_connected = true;
            ue.handover = SourceHandover{here, m.type, scope_of(m, sut_), e.ids.s1 ? e.ids.s1->association : "",
                                         false, std::nullopt, std::nullopt};
          },
          [&](const HandoverRequest& m) {
            ue.ecm_connected = true;
            if (ue.incoming_relocation) {
              // Target MME: the chain continues from what the S10 relocation brought.
              std::optional<Ksi> ksi = ue.nas_ksi;
              if (ue.inherited) ksi = ue.inherited->old_ksi;
              ue.as_chain = AsChain::begin(ksi, ChainAnchor{m.security_context.nh, m.security_context.ncc, false},
                                           *ue.incoming_relocation, true);
              ue.incoming_relocation.reset();
            } else {
              if (ue.handover) {
                ue.handover->target_leg_requested = true;
                if (ue.handover->scope == HandoverScope::unknown) ue.handover->scope = HandoverScope::intra_mme;
              }
              step_chain(ue, m.security_context);
            }
          },
          [&](const HandoverCommand&) {
            if (ue.handover) ue.handover->command = here;
          },
          [&](const HandoverPreparationFailure&) { ue.handover.reset(); },
          [&](const HandoverCancel&) { ue.handover.reset(); },
          [&](const HandoverNotify&) {
            // The UE arrived on the target leg: it serves from now on.
            for (S1Leg& l : ue.legs) l.serving = (&l == leg);
          },
          [&](const PathSwitchRequest&) {
            ue.ecm_connected = true;
            for (S1Leg& l : ue.legs) l.serving = (&l == leg);
          },
          [&](const PathSwitchRequestAcknowledge& m) { step_chain(ue, m.security_context); },
          [&](const UeContextReleaseCommand&) {
            if (leg && !leg->serving) {
              // The source leg after the UE moved on: the source side of the handover completes.
              if (ue.handover && ue.handover->source_association == leg->association) ue.handover.reset();
              return;
            }
            end_connection(ue);
          },
          [&](const ForwardRelocationRequest& m) {
            if (m.eps) {
              ue.learned_kasme[m.eps->ksi_asme] = m.eps->kasme;
              if (m.eps->old_context) ue.learned_kasme[m.eps->old_context->old_ksi_asme] = m.eps->old_context->old_kasme;
            }
            if (e.from == sut_.node) {
              // Source MME: the fresh pair of the chain the UE is on goes to the peer.
              if (ue.handover) {
                ue.handover->relocation = here;
                if (ue.handover->scope == HandoverScope::unknown || ue.handover->scope == HandoverScope::intra_mme) {
                  ue.handover->scope = m.interface == GtpInterface::s3 ? HandoverScope::inter_rat : HandoverScope::inter_mme;
                }
              }
              if (m.eps) {
                if (m.eps->old_context && m.eps->old_context->old_nh_ncc) step_chain(ue, *m.eps->old_context->old_nh_ncc);
                else if (!m.eps->old_context && m.eps->nh_ncc) step_chain(ue, *m.eps->nh_ncc);
              }
            } else if (e.to == sut_.node && m.eps) {
              // Target MME: NAS continues on the KASME of the relocated context.
              ue.nas_ksi = m.eps->ksi_asme;
              ue.incoming_relocation = here;
              if (m.eps->old_context) {
                const OldEpsSecurityContext& old = *m.eps->old_context;
                ue.inherited = InheritedOldContext{here, old.old_ksi_asme, old.old_kasme, old.old_nh_ncc,
                                                   m.eps->ksi_asme, m.eps->kasme, m.eps->nh_ncc};
              }
            }
          },
          [&](const auto&) {},
      },
      e.body);
}

}  // namespace concur::monitor
