#include "cli/reference_sut.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "security/milenage.h"
#include "transport/control_line.h"

namespace concur::cli {

std::string reference_mme_config(const profile::SutProfile& p, const std::string& control_socket, const std::string& pcap_path,
                                 const GtpcPeers& peers) {
  std::ostringstream x;
  x << "<?xml version=\"1.0\"?>\n<!-- written by concur run from the SUT profile " << p.source_file << " -->\n"
    << "<mme name=\"" << p.name << "\">\n"
    << "  <s1 address=\"" << p.s1.address << "\" port=\"" << p.s1.port << "\" backend=\"" << p.s1.sctp_backend
    << "\" udp_port=\"" << (p.s1.sctp_backend == "userspace_udp" ? p.s1.udp_encapsulation_port : 0) << "\"/>\n"
    << "  <plmn mcc=\"" << p.mcc << "\" mnc=\"" << p.mnc << "\"/>\n";
  for (auto tac : p.tacs) x << "  <tai tac=\"" << tac << "\"/>\n";
  std::string integrity, ciphering;
  for (const auto& a : p.integrity) integrity += (integrity.empty() ? "" : ",") + a;
  for (const auto& a : p.ciphering) ciphering += (ciphering.empty() ? "" : ",") + a;
  x << "  <nas integrity=\"" << integrity << "\" ciphering=\"" << ciphering << "\"/>\n"
    << "  <timers t3460_ms=\"" << p.timers.sut_t3460.count() << "\" s1ap_guard_ms=\"" << p.timers.sut_s1ap_guard.count()
    << "\" rule_wait_ms=\"" << p.timers.sut_rule_wait.count() << "\"/>\n";
  for (const auto& s : p.subscribers) {
    const security::Key128 opc = s.opc ? *s.opc : security::Milenage::opc_from_op(s.k, *s.op);
    // The MME's own HSS needs the real keys: this file lives in the run's private work folder.
    x << "  <subscriber imsi=\"" << s.imsi << "\" k=\"" << s.k.reveal_hex() << "\" opc=\"" << opc.reveal_hex() << "\" amf=\""
      << to_hex(ByteView(s.amf.data(), 2)) << "\" sqn=\"" << s.sqn << "\"/>\n";
  }
  // S10 and S3 share the MME's one GTPv2-C endpoint; its peers are the runner's roles.
  const auto& own = p.s10 ? p.s10 : p.s3;
  if (own && (peers.peer_mme || peers.sgsn)) {
    x << "  <gtpc address=\"" << own->address << "\" port=\"" << own->port << "\">\n";
    if (peers.peer_mme && p.peer_mme) {
      x << "    <peer_mme address=\"" << peers.peer_mme->ip << "\" port=\"" << peers.peer_mme->port << "\">";
      for (auto tac : p.peer_mme->tacs) x << "<tai tac=\"" << tac << "\"/>";
      x << "</peer_mme>\n";
    }
    if (peers.sgsn && p.sgsn)
      x << "    <sgsn address=\"" << peers.sgsn->ip << "\" port=\"" << peers.sgsn->port << "\"><rai lac=\"" << p.sgsn->lac
        << "\" rac=\"" << static_cast<unsigned>(p.sgsn->rac) << "\"/></sgsn>\n";
    x << "  </gtpc>\n";
  }
  x << "  <control socket=\"" << control_socket << "\"/>\n";
  if (!pcap_path.empty()) x << "  <capture pcap=\"" << pcap_path << "\"/>\n";
  x << "</mme>\n";
  return x.str();
}

std::string reference_mme_path() {
  std::error_code ec;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const auto beside = self.parent_path() / "concur-reference-mme";
    if (std::filesystem::exists(beside, ec)) return beside.string();
  }
#ifdef CONCUR_REFERENCE_MME_BUILD_PATH
  return CONCUR_REFERENCE_MME_BUILD_PATH;
#else
  return "concur-reference-mme";
#endif
}

std::string control_request(const std::string& socket_path, const std::string& line, std::chrono::milliseconds timeout) {
  return transport::control_line_request(socket_path, line, timeout).value_or("");
}

ReferenceSut::Started ReferenceSut::start(const profile::SutProfile& profile, const std::vector<std::string>& violations,
                                          const std::string& work_dir, const std::string& pcap_path, const GtpcPeers& peers) {
  Started r;
  std::unique_ptr<ReferenceSut> sut(new ReferenceSut());
  sut->control_ = work_dir + "/mme-control.sock";
  const std::string config = work_dir + "/reference-mme.xml";
  {
    std::ofstream f(config);
    f << reference_mme_config(profile, sut->control_, pcap_path, peers);
    if (!f) {
      r.error = "cannot write " + config;
      return r;
    }
  }
  std::vector<std::string> argv{reference_mme_path(), "--config", config};
  for (const auto& v : violations) {
    argv.push_back("--violate");
    argv.push_back(v);
  }
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) {
    r.error = std::string("pipe: ") + std::strerror(errno);
    return r;
  }
  const pid_t pid = ::fork();
  if (pid < 0) {
    r.error = std::string("fork: ") + std::strerror(errno);
    return r;
  }
  if (pid == 0) {
    ::dup2(pipe_fds[1], 1);
    ::dup2(pipe_fds[1], 2);
    const int devnull = ::open("/dev/null", O_RDONLY);
    if (devnull >= 0) ::dup2(devnull, 0);
    // A Ctrl-C in the terminal reaches the whole process group: the runner stops the MME itself.
    ::setpgid(0, 0);
    std::vector<char*> args;
    for (auto& a : argv) args.push_back(a.data());
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    std::fprintf(stderr, "cannot execute %s: %s\n", args[0], std::strerror(errno));
    ::_exit(127);
  }
  ::close(pipe_fds[1]);
  sut->pid_ = pid;
  sut->out_fd_ = pipe_fds[0];
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(10000);
  while (std::chrono::steady_clock::now() < deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    auto line = sut->read_line(left);
    if (!line) break;
    if (line->rfind("gtpc listening ", 0) == 0) {  // printed before the S1 "listening" line
      std::istringstream in(line->substr(15));
      transport::SocketAddress g;
      unsigned port = 0;
      if (in >> g.ip >> port) {
        g.port = static_cast<std::uint16_t>(port);
        sut->gtpc_ = g;
      }
      continue;
    }
    if (line->rfind("listening ", 0) == 0) {
      std::istringstream in(line->substr(10));
      unsigned port = 0, udp = 0;
      in >> sut->s1_.ip >> port >> udp;
      sut->s1_.port = static_cast<std::uint16_t>(port);
      sut->udp_port_ = static_cast<std::uint16_t>(udp);
      r.sut = std::move(sut);
      return r;
    }
  }
  // It closed its output or stayed silent: give it a bounded moment to exit and say why.
  int status = 0;
  bool exited = false;
  for (int i = 0; i < 100 && !exited; ++i) {
    exited = ::waitpid(pid, &status, WNOHANG) == pid;
    if (!exited) ::poll(nullptr, 0, 20);
  }
  if (exited) sut->pid_ = -1;
  r.refused = exited && WIFEXITED(status) && WEXITSTATUS(status) == 2;
  r.error = "concur-reference-mme (" + argv[0] + ") did not start listening" +
            (exited && WIFEXITED(status) ? " (exit " + std::to_string(WEXITSTATUS(status)) + ")" : "") + ": " + sut->transcript();
  return r;
}

std::optional<std::string> ReferenceSut::read_line(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (const auto nl = buffer_.find('\n'); nl != std::string::npos) {
      std::string line = buffer_.substr(0, nl);
      buffer_.erase(0, nl + 1);
      transcript_ += line + "\n";
      return line;
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0 || out_fd_ < 0) return std::nullopt;
    pollfd p{out_fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return std::nullopt;
    char buf[4096];
    const ssize_t n = ::read(out_fd_, buf, sizeof(buf));
    if (n <= 0) {
      ::close(out_fd_);
      out_fd_ = -1;
      return std::nullopt;
    }
    buffer_.append(buf, static_cast<std::size_t>(n));
  }
}

void ReferenceSut::drain() {
  while (read_line(std::chrono::milliseconds(0))) {
  }
}

std::string ReferenceSut::transcript() {
  drain();
  return transcript_ + buffer_;
}

ReferenceSut::~ReferenceSut() {
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(5000);
    int status = 0;
    bool reaped = false;
    while (std::chrono::steady_clock::now() < deadline) {
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        reaped = true;
        break;
      }
      read_line(std::chrono::milliseconds(20));  // keep its pipe from filling while it shuts down
    }
    if (!reaped) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
    }
  }
  if (out_fd_ >= 0) ::close(out_fd_);
}

}  // namespace concur::cli
