#include "child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace concur::transport::testing {

using Clock = std::chrono::steady_clock;

namespace {
int ms_left(Clock::time_point until) {
  const auto left = std::chrono::ceil<std::chrono::milliseconds>(until - Clock::now()).count();
  return left > 0 ? static_cast<int>(left) : 0;
}
}  // namespace

ChildProcess::ChildProcess(std::vector<std::string> argv) {
  int out[2];
  int in[2];
  if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(in, O_CLOEXEC) != 0) {
    throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  }
  std::vector<char*> cargv;
  for (auto& a : argv) cargv.push_back(a.data());
  cargv.push_back(nullptr);
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  if (pid_ == 0) {
    ::dup2(in[0], 0);
    ::dup2(out[1], 1);
    ::dup2(out[1], 2);
    ::execv(cargv[0], cargv.data());
    const char msg[] = "exec failed\n";
    (void)!::write(1, msg, sizeof msg - 1);
    ::_exit(127);
  }
  ::close(out[1]);
  ::close(in[0]);
  out_fd_ = out[0];
  in_fd_ = in[1];
}

ChildProcess::~ChildProcess() { stop(); }

std::optional<std::string> ChildProcess::read_line(std::chrono::milliseconds timeout) {
  const auto until = Clock::now() + timeout;
  for (;;) {
    if (const auto nl = buffer_.find('\n'); nl != std::string::npos) {
      std::string line = buffer_.substr(0, nl);
      buffer_.erase(0, nl + 1);
      transcript_ += line + "\n";
      return line;
    }
    if (out_fd_ < 0) return std::nullopt;
    pollfd p{out_fd_, POLLIN, 0};
    const int rc = ::poll(&p, 1, ms_left(until));
    if (rc == 0) return std::nullopt;
    if (rc < 0 && errno == EINTR) continue;
    char chunk[4096];
    const ssize_t n = ::read(out_fd_, chunk, sizeof chunk);
    if (n <= 0) {
      ::close(out_fd_);
      out_fd_ = -1;
      continue;
    }
    buffer_.append(chunk, static_cast<std::size_t>(n));
  }
}

std::optional<std::string> ChildProcess::wait_for_line(const std::string& prefix, std::chrono::milliseconds timeout) {
  const auto until = Clock::now() + timeout;
  for (;;) {
    auto line = read_line(std::chrono::milliseconds(ms_left(until)));
    if (!line) return std::nullopt;
    if (line->rfind(prefix, 0) == 0) return line;
  }
}

std::optional<int> ChildProcess::wait_exit(std::chrono::milliseconds timeout) {
  if (status_) return status_;
  const auto until = Clock::now() + timeout;
  for (;;) {
    int st = 0;
    const pid_t r = ::waitpid(pid_, &st, WNOHANG);
    if (r == pid_) {
      status_ = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
      return status_;
    }
    if (Clock::now() >= until) return std::nullopt;
    // Wait for the child's output to close or change (it closes at exit), bounded by the deadline.
    if (out_fd_ >= 0) {
      pollfd p{out_fd_, POLLIN, 0};
      if (::poll(&p, 1, std::min(ms_left(until), 50)) > 0) {
        char chunk[4096];
        const ssize_t n = ::read(out_fd_, chunk, sizeof chunk);
        if (n > 0) buffer_.append(chunk, static_cast<std::size_t>(n));
        else { ::close(out_fd_); out_fd_ = -1; }
      }
    } else {
      pollfd none{-1, 0, 0};
      ::poll(&none, 0, std::min(ms_left(until), 20));
    }
  }
}

void ChildProcess::stop() {
  if (in_fd_ >= 0) { ::close(in_fd_); in_fd_ = -1; }
  if (pid_ > 0 && !status_) {
    ::kill(pid_, SIGKILL);
    int st = 0;
    ::waitpid(pid_, &st, 0);
    status_ = 128 + SIGKILL;
  }
  if (out_fd_ >= 0) { ::close(out_fd_); out_fd_ = -1; }
}

int run_command(const std::vector<std::string>& argv, std::chrono::milliseconds timeout, std::string* output) {
  ChildProcess p(argv);
  std::string all;
  const auto until = Clock::now() + timeout;
  while (auto line = p.read_line(std::chrono::milliseconds(ms_left(until)))) all += *line + "\n";
  const auto rc = p.wait_exit(std::chrono::milliseconds(ms_left(until)));
  if (output) *output = all;
  return rc.value_or(-1);
}

}  // namespace concur::transport::testing
