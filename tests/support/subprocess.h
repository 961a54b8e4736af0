// Runs a program with arguments (no shell), collects its output, and kills it by PID when it
// overruns its time limit. Used by tests that ask tshark for an independent opinion.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace concur::test {

struct ProcessResult {
  int exit_code = -1;      ///< exit status; -1 when killed or not started
  bool timed_out = false;  ///< the time limit ran out and the process was killed
  std::string out;         ///< standard output
  std::string err;         ///< standard error
};

/// Runs argv[0] (looked up in PATH) with the rest as arguments. Never hangs past `limit`.
ProcessResult run_process(const std::vector<std::string>& argv, std::chrono::milliseconds limit);

}  // namespace concur::test
