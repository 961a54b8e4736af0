// A helper process for the integration tests: fork/exec with stdout (and stderr) captured on a
// pipe, lines read with a timeout, stopped by its PID (never by name) when the test ends.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace concur::transport::testing {

class ChildProcess {
 public:
  /// Starts argv[0] (a path) with the given arguments. Throws std::runtime_error on failure.
  explicit ChildProcess(std::vector<std::string> argv);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  /// The next complete output line, or nullopt if none arrived within `timeout` or the child
  /// closed its output.
  std::optional<std::string> read_line(std::chrono::milliseconds timeout);
  /// Reads lines until one starts with `prefix`; returns it, or nullopt on timeout / end.
  /// Lines passed over are kept in transcript().
  std::optional<std::string> wait_for_line(const std::string& prefix, std::chrono::milliseconds timeout);
  /// Every line read so far, for failure messages.
  const std::string& transcript() const noexcept { return transcript_; }

  /// Waits for the exit status; nullopt if still running at the deadline.
  std::optional<int> wait_exit(std::chrono::milliseconds timeout);
  /// SIGKILL by PID and reap. Idempotent.
  void stop();
  pid_t pid() const noexcept { return pid_; }

 private:
  pid_t pid_ = -1;
  int out_fd_ = -1;  ///< child's stdout+stderr
  int in_fd_ = -1;   ///< child's stdin; closing it tells a helper the test is gone
  std::string buffer_;
  std::string transcript_;
  std::optional<int> status_;
};

/// Runs a command to completion (bounded by `timeout`), returning its exit code, or -1.
int run_command(const std::vector<std::string>& argv, std::chrono::milliseconds timeout, std::string* output = nullptr);

}  // namespace concur::transport::testing
