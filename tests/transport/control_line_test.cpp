// The control-line client the runner and the tests use to drive the reference MME / eNB: one
// request line, one reply line, every wait bounded.
#include <gtest/gtest.h>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>

#include "transport/control_line.h"

namespace concur::transport {
namespace {

using namespace std::chrono_literals;

/// A one-shot UNIX stream server in a temporary folder: accepts one client, reads its line and
/// answers with `reply` (or nothing when `reply` is empty).
class OneShotServer {
 public:
  explicit OneShotServer(std::string reply) {
    char tmpl[] = "/tmp/concur-control-line-XXXXXX";
    dir_ = ::mkdtemp(tmpl);
    path_ = dir_ + "/control.sock";
    fd_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, path_.c_str(), sizeof(addr.sun_path) - 1);
    EXPECT_EQ(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
    EXPECT_EQ(::listen(fd_, 1), 0);
    thread_ = std::thread([this, reply = std::move(reply)] {
      const int client = ::accept(fd_, nullptr, nullptr);
      if (client < 0) return;
      char buf[256];
      (void)!::read(client, buf, sizeof(buf));
      if (!reply.empty()) (void)!::write(client, reply.data(), reply.size());
      // Keep the connection open a while without answering more, as a stuck peer would.
      char drain[16];
      (void)!::read(client, drain, sizeof(drain));
      ::close(client);
    });
  }
  ~OneShotServer() {
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    thread_.join();
    ::unlink(path_.c_str());
    ::rmdir(dir_.c_str());
  }
  const std::string& path() const { return path_; }

 private:
  std::string dir_, path_;
  int fd_ = -1;
  std::thread thread_;
};

TEST(ControlLine, sends_the_request_line_and_returns_the_first_reply_line) {
  OneShotServer server("ok reauth started\nsecond line\n");
  const auto reply = control_line_request(server.path(), "reauth 001010000000001", 2s);
  ASSERT_TRUE(reply);
  EXPECT_EQ(*reply, "ok reauth started");
}

TEST(ControlLine, a_peer_that_never_answers_gives_nothing_after_the_timeout) {
  OneShotServer server("");
  const auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(control_line_request(server.path(), "status", 200ms));
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
}

TEST(ControlLine, waiting_for_a_reply_returns_the_one_that_contains_the_needle) {
  OneShotServer server("status attached=1\n");
  const auto reply = control_line_wait_for(server.path(), "status", "attached=1", 2s);
  ASSERT_TRUE(reply);
  EXPECT_EQ(*reply, "status attached=1");
}

TEST(ControlLine, waiting_for_a_needle_that_never_comes_ends_at_the_timeout_with_nothing) {
  const auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(control_line_wait_for("/tmp/concur-no-such-control-socket", "status", "attached", 200ms));
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
}

TEST(ControlLine, an_absent_socket_gives_nothing) {
  EXPECT_FALSE(control_line_request("/tmp/concur-no-such-control-socket", "status", 200ms));
}

TEST(ControlLine, a_path_too_long_for_a_unix_socket_gives_nothing) {
  EXPECT_FALSE(control_line_request(std::string(200, 'x'), "status", 200ms));
}

}  // namespace
}  // namespace concur::transport
