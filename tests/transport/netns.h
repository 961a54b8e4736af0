// Two network namespaces joined by a veth pair, made and deleted by one test. userspace SCTP
// over raw IP sees every SCTP packet of its namespace, so two stacks on one host need a
// namespace each. Needs root; when `ip netns add` fails the test skips with the reason.
#pragma once

#include <string>
#include <vector>

namespace concur::transport::testing {

class NetnsPair {
 public:
  NetnsPair();
  ~NetnsPair();
  NetnsPair(const NetnsPair&) = delete;
  NetnsPair& operator=(const NetnsPair&) = delete;

  bool ready() const noexcept { return ready_; }
  const std::string& why_not() const noexcept { return why_not_; }

  const std::string& name_a() const noexcept { return a_; }
  const std::string& name_b() const noexcept { return b_; }
  static constexpr const char* ip_a = "10.91.0.1";
  static constexpr const char* ip_b = "10.91.0.2";
  /// An address in the same subnet that no namespace owns: INIT sent there is never answered.
  static constexpr const char* ip_nobody = "10.91.0.3";

  /// argv that runs `argv` inside namespace `ns` ("ip netns exec ns ..."; ip execs, so the PID
  /// of the started process is the helper's own).
  static std::vector<std::string> exec_in(const std::string& ns, std::vector<std::string> argv);

 private:
  bool ip(const std::vector<std::string>& args);
  bool ready_ = false;
  std::string why_not_;
  std::string a_;
  std::string b_;
  bool made_a_ = false;
  bool made_b_ = false;
};

}  // namespace concur::transport::testing
