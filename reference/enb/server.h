// The reference eNB as a process: the S1-MME SCTP association towards the MME (re-established
// when lost), the control socket, guard timers, a log line per message, an optional pcap.
#pragma once
#include <atomic>
#include <iosfwd>

#include "config.h"

namespace concur::reference::enb {

/// Runs until `stop` becomes true (SIGTERM / SIGINT). Prints "ready control=<path>" once the
/// control socket accepts commands, "association up ..." when S1 comes up and "s1-setup done"
/// when the MME answered. Throws when the control socket or the pcap cannot be set up.
int run_server(const EnbConfig& config, const std::atomic<bool>& stop, std::ostream& out);

}  // namespace concur::reference::enb
