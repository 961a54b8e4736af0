#include "control_socket.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace concur::reference {

ControlSocket::ControlSocket(std::string path) : path_(std::move(path)) {
  sockaddr_un addr{};
  if (path_.size() >= sizeof(addr.sun_path)) throw std::runtime_error("control socket path too long: " + path_);
  fd_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd_ < 0) throw std::runtime_error(std::string("control socket: ") + std::strerror(errno));
  addr.sun_family = AF_UNIX;
  std::memcpy(addr.sun_path, path_.c_str(), path_.size() + 1);
  ::unlink(path_.c_str());
  if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 || ::listen(fd_, 4) != 0) {
    const std::string why = std::strerror(errno);
    ::close(fd_);
    throw std::runtime_error("control socket " + path_ + ": " + why);
  }
}

ControlSocket::~ControlSocket() {
  for (auto& c : clients_) ::close(c.fd);
  ::close(fd_);
  ::unlink(path_.c_str());
}

void ControlSocket::poll(const std::function<std::string(const std::string&)>& on_line) {
  for (;;) {
    const int c = ::accept4(fd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (c < 0) break;
    clients_.push_back({c, {}});
  }
  for (auto it = clients_.begin(); it != clients_.end();) {
    char buf[512];
    bool closed = false;
    for (;;) {
      const ssize_t n = ::read(it->fd, buf, sizeof(buf));
      if (n > 0) {
        it->buffer.append(buf, static_cast<std::size_t>(n));
        if (it->buffer.size() > 4096) closed = true;  // not a command: drop the client
        continue;
      }
      if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) closed = true;
      break;
    }
    std::size_t nl;
    while (!closed && (nl = it->buffer.find('\n')) != std::string::npos) {
      std::string line = it->buffer.substr(0, nl);
      it->buffer.erase(0, nl + 1);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      const std::string reply = on_line(line) + "\n";
      // Replies are short; a client that does not read them is dropped rather than waited for.
      if (::send(it->fd, reply.data(), reply.size(), MSG_NOSIGNAL | MSG_DONTWAIT) != static_cast<ssize_t>(reply.size()))
        closed = true;
    }
    if (closed) {
      ::close(it->fd);
      it = clients_.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace concur::reference
