#include "report/ladder_from_events.h"

#include <algorithm>

namespace concur::report {

LadderMessage ladder_message_of(const monitor::Event& e) {
  LadderMessage m;
  m.index = e.index;
  m.frame = e.frame;
  m.time = e.time;
  m.from = e.from;
  m.to = e.to;
  m.name = monitor::message_name(e.body);
  // describe() ends with "<from>-><to> <NAME><details>"; the details are the one-line fields
  // (NCC, eKSI, ...) the monitor already knows how to print.
  const std::string line = monitor::describe(e);
  const std::string head = e.from + "->" + e.to + " " + m.name;
  const std::size_t at = line.find(head);
  if (at != std::string::npos) {
    std::string detail = line.substr(at + head.size());
    const std::size_t first = detail.find_first_not_of(' ');
    m.detail = first == std::string::npos ? "" : detail.substr(first);
  }
  return m;
}

MessageLadder ladder_of(const std::vector<monitor::Event>& events, std::vector<std::string> roles) {
  MessageLadder ladder;
  ladder.roles = std::move(roles);
  auto add_role = [&](const std::string& r) {
    if (std::find(ladder.roles.begin(), ladder.roles.end(), r) == ladder.roles.end()) ladder.roles.push_back(r);
  };
  for (const monitor::Event& e : events) {
    add_role(e.from);
    add_role(e.to);
    ladder.messages.push_back(ladder_message_of(e));
  }
  return ladder;
}

}  // namespace concur::report
