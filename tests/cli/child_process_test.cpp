// The runner's reference SUT processes log every decision on stdout. If the runner reads that pipe
// more slowly than the child writes, the pipe fills and the child blocks in its next log line: a
// reference MME stalled for seconds mid-case (CI saw explored orderings flip between runs). One
// drain() must take everything the child has written, not one line.
#include <gtest/gtest.h>

#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "cli/child_process.h"

namespace {

using namespace std::chrono_literals;
using concur::cli::ChildProcess;

TEST(ChildProcessDrain, a_child_writing_more_than_a_pipe_holds_is_not_blocked_between_drains) {
  char dir_template[] = "/tmp/concur-child-drain-XXXXXX";
  ASSERT_NE(::mkdtemp(dir_template), nullptr);
  const std::filesystem::path marker = std::filesystem::path(dir_template) / "wrote-everything";
  std::string error;
  // 3000 lines (~100 kB, more than a pipe holds); the marker file says the child got past them.
  auto child = ChildProcess::spawn({"/bin/sh", "-c",
                                    "i=0; while [ $i -lt 3000 ]; do echo \"decision line $i of the reference SUT\"; i=$((i+1)); done; "
                                    "touch '" + marker.string() + "'; sleep 30"},
                                   error);
  ASSERT_TRUE(child) << error;
  // A few drains suffice however fast the machine is: each takes all that is there. Reading one
  // line per call (the defect) leaves the child blocked in its write after ~1700 lines.
  // Paced like the runner's loop, which drains between its other work.
  for (int call = 0; call < 40 && !std::filesystem::exists(marker); ++call) {
    child->drain(250ms);
    std::this_thread::sleep_for(100ms);
  }
  EXPECT_TRUE(std::filesystem::exists(marker)) << "the child is still blocked writing its log";
  EXPECT_NE(child->transcript().find("decision line 2999 of the reference SUT\n"), std::string::npos);
  std::filesystem::remove_all(dir_template);
}

TEST(ChildProcessDrain, a_line_without_its_newline_yet_stays_out_of_the_transcript_until_complete) {
  std::string error;
  auto child = ChildProcess::spawn({"/bin/sh", "-c", "printf 'whole\\nhal'; sleep 1; printf 'f\\n'; sleep 30"}, error);
  ASSERT_TRUE(child) << error;
  std::string first;
  for (int call = 0; call < 20 && first.find("whole\n") == std::string::npos; ++call) {
    child->drain(100ms);
    first = child->transcript();
  }
  // transcript() also returns the unfinished tail; the next drain completes it once.
  std::string done;
  for (int call = 0; call < 40 && done.find("half\n") == std::string::npos; ++call) {
    child->drain(100ms);
    done = child->transcript();
  }
  EXPECT_EQ(done, "whole\nhalf\n");
}

}  // namespace
