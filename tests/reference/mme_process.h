// concur-reference-mme as a child process for the integration tests: a config written to a
// fresh temporary folder, the "listening" line parsed for the real port, the control socket
// spoken to, SIGTERM by PID to stop it. Every wait has a timeout.
#pragma once
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "child_process.h"
#include "transport/sctp.h"

namespace concur::reference::testing {

/// Test subscriber (TS 35.208 Test Set 1 K and OPc; any valid Milenage pair would do).
inline constexpr const char* kImsi = "001010000000001";
inline constexpr const char* kK = "465b5ce8b199b49faa5f0a2ee238a6bc";
inline constexpr const char* kOpc = "cd63cb71954a9f4e48a5994e37a02baf";

struct MmeOptions {
  std::string extra_xml;  ///< appended inside <mme>
  std::string timers = R"(<timers t3460_ms="3000" s1ap_guard_ms="5000" rule_wait_ms="5000"/>)";
  std::string backend = "userspace_udp";
  std::vector<std::string> arguments;  ///< after --config FILE, e.g. {"--violate", "R1"}
};

class MmeProcess {
 public:
  explicit MmeProcess(const MmeOptions& options = {});
  ~MmeProcess();

  bool started() const { return started_; }
  const std::string& transcript() const { return child_->transcript(); }
  transport::SocketAddress s1_address() const { return address_; }
  std::uint16_t udp_encapsulation_port() const { return udp_port_; }
  const std::string& directory() const { return dir_; }

  /// Sends one control command and returns the reply line (nullopt on timeout).
  std::optional<std::string> control(const std::string& command, std::chrono::milliseconds timeout = std::chrono::milliseconds(3000));
  /// Asks `status` until its reply contains `needle` (the MME reads S1AP and the control socket
  /// independently, so a test waits for the state rather than assuming an order). The last reply.
  std::optional<std::string> wait_for_status(const std::string& needle,
                                             std::chrono::milliseconds timeout = std::chrono::milliseconds(3000));
  /// SIGTERM by PID; the exit status, or nullopt if it did not exit within `timeout`.
  std::optional<int> terminate(std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));
  transport::testing::ChildProcess& child() { return *child_; }

 private:
  std::string dir_;
  std::string control_path_;
  std::unique_ptr<transport::testing::ChildProcess> child_;
  transport::SocketAddress address_;
  std::uint16_t udp_port_ = 0;
  bool started_ = false;
};

/// What the MME said and how it ended when started with a configuration it should refuse: `xml`
/// is written to a fresh folder as `file_name` (so errors name it), the MME runs until it exits
/// (at most 10 s), and the folder is removed.
struct RefusedStart {
  std::optional<int> status;  ///< nullopt: it did not exit
  std::string transcript;
};
RefusedStart start_with_config(const std::string& file_name, const std::string& xml);

}  // namespace concur::reference::testing
