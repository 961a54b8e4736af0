// Monitor events into ladder arrows: what a live run or a replay already has (the trace it fed
// the monitor) becomes the test case's message ladder without a second decoding.
#pragma once

#include <string>
#include <vector>

#include "monitor/event.h"
#include "report/report_model.h"

namespace concur::report {

/// One arrow: index, frame, time, from, to, the message name and the detail describe() gives it.
LadderMessage ladder_message_of(const monitor::Event& event);

/// The ladder of a trace. `roles` orders the lifelines; roles the events name beyond them follow
/// in order of appearance.
MessageLadder ladder_of(const std::vector<monitor::Event>& events, std::vector<std::string> roles = {});

}  // namespace concur::report
