// The NextEPC lab VM for the lab tests: brought up by lab/lab.sh under a namespace name of this
// process, always taken down again. Shared by the S1 Setup and the attach test.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>

#include "child_process.h"

namespace concur::lab {

using namespace std::chrono_literals;

// Cold: mmdebstrap of the image (a few minutes) plus the boot; cached: the boot alone.
constexpr auto kLabUpTimeout = std::chrono::minutes(15);
constexpr auto kLabDownTimeout = std::chrono::seconds(60);
constexpr int kCannotRunHere = 77;

inline std::string lab_script() { return std::string(CONCUR_SOURCE_DIR) + "/lab/lab.sh"; }

/// Brings the lab up under a namespace name of this process and always takes it down again.
class Lab {
 public:
  Lab() : name_("concur-lab-test-" + std::to_string(::getpid())) {
    ::setenv("CONCUR_LAB_NAME", name_.c_str(), 1);  // read by lab.sh in the child processes
    status_ = transport::testing::run_command({"/bin/bash", lab_script(), "up"}, kLabUpTimeout, &output_);
    started_ = true;
  }
  ~Lab() {
    std::string out;
    if (started_ && transport::testing::run_command({"/bin/bash", lab_script(), "down"}, kLabDownTimeout, &out) != 0) {
      ADD_FAILURE() << "lab.sh down failed:\n" << out;
      return;
    }
    // lab.sh keeps its state folder (the VM's serial log) after "down" for whoever debugs a
    // failure; this test's folder is named after its PID, so one per run would pile up. Kept
    // when the test failed, and never touched when the caller chose the folder.
    if (!started_ || ::getenv("CONCUR_LAB_STATE") != nullptr) return;
    const std::filesystem::path state = std::filesystem::path("/run/concur-lab") / name_;
    if (::testing::Test::HasFailure()) {
      std::cerr << "lab: the VM's serial log is kept in " << state.string() << "\n";
      return;
    }
    std::error_code ec;
    std::filesystem::remove_all(state, ec);
  }
  Lab(const Lab&) = delete;
  Lab& operator=(const Lab&) = delete;

  int status() const { return status_; }
  const std::string& output() const { return output_; }
  const std::string& netns() const { return name_; }

 private:
  std::string name_;
  int status_ = -1;
  bool started_ = false;
  std::string output_;
};

}  // namespace concur::lab
