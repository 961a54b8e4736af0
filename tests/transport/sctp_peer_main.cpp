// concur_sctp_peer: the other PROCESS in the SCTP integration tests. It is a second usrsctp
// stack (usrsctp is one stack per process) or a second kernel socket owner, scripted from argv.
//
//   listen  --backend B --bind IP:PORT [--udp-port P] [--associations N] --behaviour echo|abort|silent
//     prints "listening <ip> <port> <udp-encapsulation-port>", then one line per event.
//     echo: every message goes back on its stream with its PPID; abort: the first message is
//     answered with ABORT; silent: never sends anything.
//   connect --backend B --remote IP:PORT [--local IP:PORT] [--remote-udp-port P] [--udp-port P] STEP...
//     STEP: send:STREAM:SIZE   sends pattern(STREAM, SIZE) with PPID 18
//           next:MS            prints the next event (or timeout) within MS milliseconds
//           shutdown           graceful shutdown
//   Every event is printed with peer_protocol.h's event_line; the process ends with "done".
#include <poll.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "peer_protocol.h"
#include "transport/sctp.h"
#include "transport/transport_error.h"

using namespace concur;
using namespace concur::transport;
using concur::transport::testing::event_line;
using concur::transport::testing::pattern;

namespace {

void say(const std::string& line) {
  std::cout << line << std::endl;  // flushed: the test reads lines as they come
}

std::string arg_value(std::vector<std::string>& args, const std::string& name, const std::string& fallback) {
  for (std::size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] == name) {
      std::string v = args[i + 1];
      args.erase(args.begin() + static_cast<long>(i), args.begin() + static_cast<long>(i) + 2);
      return v;
    }
  }
  return fallback;
}

bool parent_gone() {
  pollfd p{0, POLLIN, 0};  // stdin is the test's pipe; EOF means the test ended
  if (::poll(&p, 1, 0) <= 0) return false;
  char c;
  return ::read(0, &c, 1) <= 0;
}

bool terminal(SctpEventKind k) {
  return k == SctpEventKind::abort_received || k == SctpEventKind::association_lost ||
         k == SctpEventKind::association_failed || k == SctpEventKind::shutdown;
}

int run_listen(std::vector<std::string> args) {
  SctpOptions o;
  o.backend = parse_sctp_backend(arg_value(args, "--backend", "automatic"));
  o.udp_encapsulation_port = static_cast<std::uint16_t>(std::stoi(arg_value(args, "--udp-port", "0")));
  const auto local = SocketAddress::parse(arg_value(args, "--bind", "127.0.0.1:0"));
  const int wanted = std::stoi(arg_value(args, "--associations", "1"));
  const std::string behaviour = arg_value(args, "--behaviour", "echo");

  auto listener = sctp_listen(local, o);
  say("listening " + listener->local().ip + " " + std::to_string(listener->local().port) + " " +
      std::to_string(listener->udp_encapsulation_port()));
  std::vector<std::unique_ptr<SctpAssociation>> assocs;
  int ended = 0;
  while (!parent_gone()) {
    if (static_cast<int>(assocs.size()) < wanted) {
      if (auto a = listener->accept(std::chrono::milliseconds(20))) {
        say("accepted " + a->remote().to_string());
        assocs.push_back(std::move(a));
      }
    }
    for (auto& a : assocs) {
      if (!a) continue;
      const SctpEvent e = a->receive(std::chrono::milliseconds(assocs.size() < static_cast<std::size_t>(wanted) ? 0 : 20));
      if (e.kind == SctpEventKind::timeout) continue;
      say(event_line(e));
      if (e.kind == SctpEventKind::message) {
        if (behaviour == "echo") {
          if (auto s = a->send(e.stream, e.ppid, view_of(e.bytes)); !s) say("send-failed " + s.error);
        } else if (behaviour == "abort") {
          a->abort();
          say("aborted");
        }
      }
      if (terminal(e.kind) || !a->alive()) {
        a.reset();
        ++ended;
      }
    }
    if (ended == wanted) break;
  }
  say("done");
  // Stay until the test closes our stdin: the stack may still be sending (an ABORT, the last
  // SACK), and a process that exits takes its userspace SCTP stack with it.
  pollfd p{0, POLLIN, 0};
  while (!parent_gone()) ::poll(&p, 1, -1);
  return 0;
}

int run_connect(std::vector<std::string> args) {
  SctpOptions o;
  o.backend = parse_sctp_backend(arg_value(args, "--backend", "automatic"));
  o.udp_encapsulation_port = static_cast<std::uint16_t>(std::stoi(arg_value(args, "--udp-port", "0")));
  o.remote_udp_encapsulation_port = static_cast<std::uint16_t>(std::stoi(arg_value(args, "--remote-udp-port", "9899")));
  o.connect_timeout = std::chrono::milliseconds(std::stoi(arg_value(args, "--connect-timeout-ms", "5000")));
  const auto remote = SocketAddress::parse(arg_value(args, "--remote", "127.0.0.1:36412"));
  const auto local = SocketAddress::parse(arg_value(args, "--local", "0.0.0.0:0"));
  auto a = sctp_connect(remote, o, local);
  for (const auto& step : args) {
    if (step.rfind("send:", 0) == 0) {
      const auto colon = step.find(':', 5);
      const auto stream = static_cast<std::uint16_t>(std::stoi(step.substr(5, colon - 5)));
      const auto size = static_cast<std::size_t>(std::stoul(step.substr(colon + 1)));
      const Bytes payload = pattern(stream, size);
      const auto s = a->send(stream, kS1apPpid, view_of(payload));
      say(s ? "sent stream=" + std::to_string(stream) + " len=" + std::to_string(size) : "send-failed " + s.error);
    } else if (step.rfind("next:", 0) == 0) {
      say(event_line(a->receive(std::chrono::milliseconds(std::stoi(step.substr(5))))));
    } else if (step == "shutdown") {
      a->shutdown();
      say("shutdown-sent");
    } else {
      say("unknown-step " + step);
      return 2;
    }
  }
  say("done");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::cerr << "usage: concur_sctp_peer listen|connect [options]\n";
    return 2;
  }
  const std::string mode = args.front();
  args.erase(args.begin());
  try {
    if (mode == "listen") return run_listen(args);
    if (mode == "connect") return run_connect(args);
  } catch (const TransportError& e) {
    say(std::string("error ") + e.what());
    return 1;
  }
  std::cerr << "unknown mode " << mode << "\n";
  return 2;
}
