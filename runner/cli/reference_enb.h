// The built-in reference eNB as the SUT of the rule-5 cases (`concur run --reference`, or a
// profile whose eNB trigger has an empty path): its configuration written from the SUT profile
// and pointed at the runner's MME listener, the process started (beside the concur binary, or
// from the build) through ChildProcess, its control socket used as the eNB trigger, SIGTERM by
// PID at the end. It connects to the runner's MME itself; the S1 SETUP is the runner's answer.
#pragma once
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "cli/child_process.h"
#include "profile/sut_profile.h"
#include "transport/socket_address.h"

namespace concur::cli {

/// The reference eNB's XML configuration (reference/enb/README.md) for `profile`, connecting to
/// the MME at `mme` (UDP encapsulation port `mme_udp_port` for userspace_udp). Its RRC
/// reconfiguration is held until the runner's `reconfiguration-complete` trigger: the runner plays
/// the UE, so a case decides when the reconfiguration a UCM started ends.
std::string reference_enb_config(const profile::SutProfile& profile, const transport::SocketAddress& mme, std::uint16_t mme_udp_port,
                                 const std::string& control_socket, const std::string& pcap_path);

/// Where concur-reference-enb is: beside the running concur binary, else the build's copy.
std::string reference_enb_path();

class ReferenceEnb {
 public:
  struct Started {
    std::unique_ptr<ReferenceEnb> enb;
    std::string error;
    bool refused = false;  ///< it refused its arguments (exit 2, e.g. --violate of another rule)
  };
  /// Starts the eNB and waits for its `ready` line (its control socket is up; it is connecting).
  static Started start(const profile::SutProfile& profile, const std::vector<std::string>& violations,
                       const transport::SocketAddress& mme, std::uint16_t mme_udp_port, const std::string& work_dir,
                       const std::string& pcap_path);

  const std::string& control_socket() const { return control_; }
  /// Waits (bounded) for its `s1-setup done` line.
  bool wait_for_s1_setup(std::chrono::milliseconds timeout) { return process_->wait_for_line("s1-setup done", timeout).has_value(); }
  std::string transcript() { return process_->transcript(); }
  void pump_output(std::chrono::milliseconds timeout) { process_->drain(timeout); }

 private:
  ReferenceEnb() = default;
  std::unique_ptr<ChildProcess> process_;
  std::string control_;
};

}  // namespace concur::cli
