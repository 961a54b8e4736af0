// One request line, one reply line over a local (UNIX stream) socket: how the runner and the tests
// talk to the control interface of the reference MME and eNB ("reauth IMSI" -> "ok ..."), with
// every wait bounded.
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace concur::transport {

/// Connects to `socket_path`, sends `line` and a newline, and returns the first reply line
/// (without its newline). nullopt when the socket cannot be reached or no whole line arrives
/// within `timeout`.
std::optional<std::string> control_line_request(const std::string& socket_path, const std::string& line,
                                                std::chrono::milliseconds timeout);

/// Asks `line` again and again until a reply contains `needle` or `timeout` ends (e.g. "status"
/// until the process reports "attached"). Returns the matching reply, or the last one (nullopt
/// when none came) so a failing test can show what the process said instead.
std::optional<std::string> control_line_wait_for(const std::string& socket_path, const std::string& line,
                                                 const std::string& needle, std::chrono::milliseconds timeout);

}  // namespace concur::transport
