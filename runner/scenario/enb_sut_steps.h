// Which steps, messages and triggers a case for an eNB SUT may use (the case declares an <mme>
// role: the runner plays the MME). Shared by the reader, which refuses the rest with
// file:line: field, and the interpreter (enb_sut_run.cpp).
#pragma once
#include <string>

#include "scenario/test_case.h"

namespace concur::scenario {

/// attach (the UE arrives and its context is set up), detach (its context is released), send,
/// expect, expect-none, trigger. Holds and answers are MME-SUT tools.
bool enb_sut_step(StepKind k);
/// What the runner's MME may send: UEContextModificationRequest (with a new KeNB),
/// HandoverCommand, HandoverPreparationFailure, UEContextReleaseCommand.
bool enb_sut_sendable(const std::string& message);
std::string enb_sut_sendable_list();
/// What the eNB trigger may ask: handover, handover-cancel, reconfiguration-complete, and
/// await-reconfiguration (wait until the eNB reports the UCM-triggered RRC reconfiguration of the
/// UE ongoing: S1 shows nothing of it, and a handover asked for before the UCM arrived proves nothing).
bool enb_sut_trigger(const std::string& action);
std::string enb_sut_trigger_list();

}  // namespace concur::scenario
