// The reference MME as a process: the S1-MME SCTP listener and its associations, the control
// socket, guard timers, a log line per message and an optional pcap through the transport tap.
#pragma once
#include <atomic>
#include <iosfwd>

#include "config.h"

namespace concur::reference {

/// Runs until `stop` becomes true (SIGTERM / SIGINT). Prints "listening <ip> <port> <udp-port>"
/// once it accepts associations and the control socket is ready. Throws transport::TransportError
/// or std::runtime_error when the listener or the control socket cannot be set up.
int run_server(const MmeConfig& config, const std::atomic<bool>& stop, std::ostream& out);

}  // namespace concur::reference
