#include "transport/control_line.h"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>

namespace concur::transport {

std::optional<std::string> control_line_request(const std::string& socket_path, const std::string& line,
                                                std::chrono::milliseconds timeout) {
  sockaddr_un addr{};
  if (socket_path.size() >= sizeof(addr.sun_path)) return std::nullopt;
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return std::nullopt;
  addr.sun_family = AF_UNIX;
  std::memcpy(addr.sun_path, socket_path.c_str(), socket_path.size() + 1);
  std::optional<std::string> reply;
  const std::string text = line + "\n";
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0 &&
      ::send(fd, text.data(), text.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(text.size())) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::string buffer;
    while (buffer.find('\n') == std::string::npos) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) break;
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
      char buf[2048];
      const ssize_t n = ::read(fd, buf, sizeof(buf));
      if (n <= 0) break;
      buffer.append(buf, static_cast<std::size_t>(n));
    }
    if (const auto nl = buffer.find('\n'); nl != std::string::npos) reply = buffer.substr(0, nl);
  }
  ::close(fd);
  return reply;
}

std::optional<std::string> control_line_wait_for(const std::string& socket_path, const std::string& line,
                                                 const std::string& needle, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::optional<std::string> last;
  while (std::chrono::steady_clock::now() < deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    last = control_line_request(socket_path, line, left);
    if (last && last->find(needle) != std::string::npos) return last;
  }
  return last;
}

}  // namespace concur::transport
