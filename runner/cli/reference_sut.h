// The built-in reference MME as the SUT of `concur run --reference`: its configuration written
// from the SUT profile, the process started (next to the concur binary, or from the build), its
// "listening" line read for the real ports, its control socket used as the re-authentication
// trigger, and SIGTERM by PID at the end. Every wait has a timeout.
#pragma once
#include <sys/types.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/child_process.h"
#include "profile/sut_profile.h"
#include "transport/socket_address.h"

namespace concur::cli {

/// The reference MME's XML configuration for `profile` (see reference/mme/config.h).
/// The runner's GTPv2-C nodes the MME's <gtpc> points at (their bound addresses).
struct GtpcPeers {
  std::optional<transport::SocketAddress> peer_mme;  ///< serves the profile's <peer-mme tacs>
  std::optional<transport::SocketAddress> sgsn;      ///< serves the profile's <sgsn lac rac>
};

/// The reference MME's XML configuration for `profile` (see reference/mme/config.h).
std::string reference_mme_config(const profile::SutProfile& profile, const std::string& control_socket,
                                 const std::string& pcap_path, const GtpcPeers& peers = {});

/// Where concur-reference-mme is: beside the running concur binary, else the build's copy.
std::string reference_mme_path();

/// Sends one line to a control socket and returns the reply line ("" on timeout or error).
std::string control_request(const std::string& socket_path, const std::string& line, std::chrono::milliseconds timeout);

class ReferenceSut {
 public:
  struct Started {
    std::unique_ptr<ReferenceSut> sut;
    std::string error;      ///< why it did not start
    bool refused = false;   ///< the MME refused its arguments (e.g. --violate it does not implement)
  };
  /// Starts the MME with a configuration in `work_dir`; the S1 address and ports of the result
  /// are the ones the MME reported.
  static Started start(const profile::SutProfile& profile, const std::vector<std::string>& violations,
                       const std::string& work_dir, const std::string& pcap_path, const GtpcPeers& peers = {});

  transport::SocketAddress s1() const { return s1_; }
  std::uint16_t udp_encapsulation_port() const { return udp_port_; }
  /// S10/S3 (one endpoint), from its "gtpc listening" line; nullopt when it has none.
  const std::optional<transport::SocketAddress>& gtpc() const { return gtpc_; }
  const std::string& control_socket() const { return control_; }
  /// Everything the MME printed so far (its decision log).
  std::string transcript() { return process_->transcript(); }
  /// Reads what the MME printed, waiting at most `timeout` (its pipe must not fill up).
  void pump_output(std::chrono::milliseconds timeout) { process_->drain(timeout); }

 private:
  ReferenceSut() = default;

  std::unique_ptr<ChildProcess> process_;  ///< stopped by PID when this goes
  transport::SocketAddress s1_;
  std::uint16_t udp_port_ = 0;
  std::optional<transport::SocketAddress> gtpc_;
  std::string control_;
};

}  // namespace concur::cli
