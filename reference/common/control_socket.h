// The operator's control interface of a reference SUT process (MME, eNB): a Unix stream socket
// taking one command per line and answering one line each. Non-blocking, polled by
// the server loop, so commands interleave with S1AP in arrival order.
#pragma once
#include <functional>
#include <string>
#include <vector>

namespace concur::reference {

class ControlSocket {
 public:
  /// Binds `path` (an old socket file there is replaced). Throws std::runtime_error on failure.
  explicit ControlSocket(std::string path);
  ~ControlSocket();
  ControlSocket(const ControlSocket&) = delete;
  ControlSocket& operator=(const ControlSocket&) = delete;

  /// Accepts clients and hands every complete line to `on_line`, writing back what it returns.
  void poll(const std::function<std::string(const std::string&)>& on_line);

 private:
  struct Client {
    int fd;
    std::string buffer;
  };
  std::string path_;
  int fd_ = -1;
  std::vector<Client> clients_;
};

}  // namespace concur::reference
