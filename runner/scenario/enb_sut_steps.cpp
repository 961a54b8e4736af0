#include "scenario/enb_sut_steps.h"

#include <algorithm>
#include <iterator>

#include "scenario/message_names.h"

namespace concur::scenario {
namespace {
constexpr const char* kSendable[] = {"UEContextModificationRequest", "HandoverCommand", "HandoverPreparationFailure",
                                     "UEContextReleaseCommand"};
constexpr const char* kTriggers[] = {"handover", "handover-cancel", "reconfiguration-complete", "await-reconfiguration"};

template <std::size_t N>
std::string list(const char* const (&items)[N]) {
  std::string out;
  for (const char* i : items) out += (out.empty() ? "" : ", ") + std::string(i);
  return out;
}
}  // namespace

bool enb_sut_step(StepKind k) {
  switch (k) {
    case StepKind::attach:
    case StepKind::detach:
    case StepKind::send:
    case StepKind::expect:
    case StepKind::expect_none:
    case StepKind::trigger: return true;
    default: return false;
  }
}

bool enb_sut_sendable(const std::string& message) {
  return std::any_of(std::begin(kSendable), std::end(kSendable), [&](const char* x) { return same_name(x, message); });
}
std::string enb_sut_sendable_list() { return list(kSendable); }

bool enb_sut_trigger(const std::string& action) {
  return std::any_of(std::begin(kTriggers), std::end(kTriggers), [&](const char* x) { return action == x; });
}
std::string enb_sut_trigger_list() { return list(kTriggers); }

}  // namespace concur::scenario
