// A reference SUT process the runner starts itself (concur-reference-mme, concur-reference-enb):
// spawned in its own process group (a Ctrl-C in the terminal reaches the runner, which stops it),
// stdout and stderr read line by line with a timeout (its decision log; the pipe must not fill),
// and stopped by its PID: SIGTERM, a bounded wait, then SIGKILL.
#pragma once
#include <sys/types.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace concur::cli {

/// Where a program shipped with concur is: beside the running concur binary (an installed tree),
/// else `build_path` (the build's copy, when given), else `name` for PATH.
std::string companion_binary(const std::string& name, const char* build_path);

class ChildProcess {
 public:
  /// Starts argv[0] with argv. nullptr with `error` set when it cannot be spawned.
  static std::unique_ptr<ChildProcess> spawn(const std::vector<std::string>& argv, std::string& error);
  ~ChildProcess();  ///< SIGTERM by PID, at most 5 s, then SIGKILL

  /// The next line it printed, waiting at most `timeout`; nullopt on timeout or end of output.
  std::optional<std::string> read_line(std::chrono::milliseconds timeout);
  /// Waits until a line starting with `prefix` (returned), at most `timeout`.
  std::optional<std::string> wait_for_line(const std::string& prefix, std::chrono::milliseconds timeout);
  /// Files everything it has printed so far in the transcript, waiting at most `timeout` for the
  /// first bytes: a child that logs faster than one line per call must never find its pipe full
  /// (it would block on its next log line and stall the SUT mid-case).
  void drain(std::chrono::milliseconds timeout);
  /// Everything it printed so far.
  std::string transcript();
  /// Whether it exited (waiting at most `timeout`), and its exit status when it did.
  std::optional<int> exit_status(std::chrono::milliseconds timeout);

 private:
  ChildProcess() = default;
  pid_t pid_ = -1;
  int out_fd_ = -1;
  std::string buffer_;
  std::string transcript_;
};

}  // namespace concur::cli
