// The usrsctp back-end. usrsctp is one SCTP stack per process with its own threads; it reports
// readiness through per-socket upcalls. The wrapper keeps the upcall trivial (bump a counter and
// wake waiters) and does every read and write on the caller's thread with non-blocking calls, so
// no usrsctp call ever runs inside a usrsctp callback and no object is touched after it is freed.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <usrsctp.h>

#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <utility>
#include <vector>

#include "transport/deadline.h"
#include "transport/sctp_backends.h"
#include "transport/sctp_message_assembly.h"
#include "transport/transport_error.h"

namespace concur::transport::detail {
namespace {

/// Finds a UDP port that is free right now, for the stack's encapsulation socket.
std::uint16_t free_udp_port() {
  const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
  if (fd < 0) throw_system_error("probe for a free UDP port", errno);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  socklen_t len = sizeof a;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
    const int e = errno;
    ::close(fd);
    throw_system_error("probe for a free UDP port", e);
  }
  ::close(fd);
  return ntohs(a.sin_port);
}

/// The process-wide usrsctp stack. Never destroyed: usrsctp threads may still run at exit.
class Stack {
 public:
  static Stack& get(std::uint16_t wanted_udp_port) {
    static Stack* stack = new Stack(wanted_udp_port == 0 ? free_udp_port() : wanted_udp_port);
    if (wanted_udp_port != 0 && wanted_udp_port != stack->udp_port_) {
      throw TransportError("usrsctp is one stack per process and already uses UDP encapsulation port " +
                           std::to_string(stack->udp_port_) + "; cannot also use " + std::to_string(wanted_udp_port));
    }
    return *stack;
  }

  std::uint16_t udp_port() const noexcept { return udp_port_; }

  std::uint64_t generation() {
    std::lock_guard lock(mutex_);
    return generation_;
  }
  /// Waits until some socket of this process reported activity after `seen`, or the deadline.
  void wait_after(std::uint64_t seen, Clock::time_point until) {
    close_retired();
    std::unique_lock lock(mutex_);
    changed_.wait_until(lock, until, [&] { return generation_ != seen; });
  }

  /// The stack if some userspace association exists in this process, else nullptr.
  static Stack* existing() noexcept { return instance_; }

  /// Closes `so` later. usrsctp_close on a socket whose association is still in a SHUTDOWN
  /// handshake (the peer's or its own) can free the socket while usrsctp's timer thread still runs that
  /// association's timers (a known usrsctp race, sctplab/usrsctp issue 676): the reference MME
  /// closed an eNB's association right after "peer sent SHUTDOWN" and now and then aborted with
  /// "malloc(): unsorted double linked list corrupted". After the grace the handshake (on loopback a
  /// few milliseconds) is long over. Closed from an application thread, never from a callback.
  void retire(struct socket* so) {
    std::lock_guard lock(retired_mutex_);
    retired_.push_back({so, Clock::now() + kRetireGrace});
  }

  void close_retired() {
    std::vector<struct socket*> due;
    {
      std::lock_guard lock(retired_mutex_);
      const auto now = Clock::now();
      while (!retired_.empty() && retired_.front().second <= now) {
        due.push_back(retired_.front().first);
        retired_.pop_front();
      }
    }
    for (auto* so : due) usrsctp_close(so);
  }

  static void upcall(struct socket*, void*, int) {
    Stack& s = *instance_;
    {
      std::lock_guard lock(s.mutex_);
      ++s.generation_;
    }
    s.changed_.notify_all();
  }

 private:
  explicit Stack(std::uint16_t udp_port) : udp_port_(udp_port) {
    instance_ = this;
    // Raw IP sockets are opened as well when permitted; the UDP socket serves RFC 6951 peers.
    usrsctp_init(udp_port_, nullptr, nullptr);
  }

  static constexpr std::chrono::seconds kRetireGrace{3};
  static inline Stack* instance_ = nullptr;
  std::mutex retired_mutex_;
  std::deque<std::pair<struct socket*, Clock::time_point>> retired_;
  std::uint16_t udp_port_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::uint64_t generation_ = 0;
};

void set_option(struct socket* so, int level, int name, const void* value, socklen_t len, const char* what) {
  if (usrsctp_setsockopt(so, level, name, value, len) != 0) throw_system_error(std::string("usrsctp ") + what, errno);
}

/// Options every socket (listening or connecting) gets before the handshake, so that accepted
/// sockets inherit them.
void configure(struct socket* so, const SctpOptions& o) {
  if (usrsctp_set_non_blocking(so, 1) != 0) throw_system_error("usrsctp non-blocking", errno);
  usrsctp_set_upcall(so, &Stack::upcall, nullptr);
  const int on = 1;
  set_option(so, IPPROTO_SCTP, SCTP_RECVRCVINFO, &on, sizeof on, "SCTP_RECVRCVINFO");
  set_option(so, IPPROTO_SCTP, SCTP_NODELAY, &on, sizeof on, "SCTP_NODELAY");
  for (std::uint16_t type : {SCTP_ASSOC_CHANGE, SCTP_SHUTDOWN_EVENT}) {
    sctp_event ev{};
    ev.se_assoc_id = SCTP_FUTURE_ASSOC;
    ev.se_type = type;
    ev.se_on = 1;
    set_option(so, IPPROTO_SCTP, SCTP_EVENT, &ev, sizeof ev, "SCTP_EVENT");
  }
  sctp_initmsg init{};
  init.sinit_num_ostreams = o.outbound_streams;
  init.sinit_max_instreams = o.max_inbound_streams;
  init.sinit_max_attempts = o.max_init_attempts;
  set_option(so, IPPROTO_SCTP, SCTP_INITMSG, &init, sizeof init, "SCTP_INITMSG");
  if (o.rto_initial.count() > 0 || o.rto_min.count() > 0 || o.rto_max.count() > 0) {
    sctp_rtoinfo rto{};  // zero fields keep their current value (RFC 6458 8.1.1)
    rto.srto_initial = static_cast<std::uint32_t>(o.rto_initial.count());
    rto.srto_min = static_cast<std::uint32_t>(o.rto_min.count());
    rto.srto_max = static_cast<std::uint32_t>(o.rto_max.count());
    set_option(so, IPPROTO_SCTP, SCTP_RTOINFO, &rto, sizeof rto, "SCTP_RTOINFO");
  }
  if (o.max_retransmissions > 0) {
    sctp_assocparams assoc{};  // zero fields keep their current value (RFC 6458 8.1.2)
    assoc.sasoc_asocmaxrxt = o.max_retransmissions;
    set_option(so, IPPROTO_SCTP, SCTP_ASSOCINFO, &assoc, sizeof assoc, "SCTP_ASSOCINFO");
  }
  // Room for the largest message at once: SCTP sends a message whole or not at all.
  const int buf = static_cast<int>(std::max<std::size_t>(o.max_message_size * 2, 256 * 1024));
  set_option(so, SOL_SOCKET, SO_SNDBUF, &buf, sizeof buf, "SO_SNDBUF");
  set_option(so, SOL_SOCKET, SO_RCVBUF, &buf, sizeof buf, "SO_RCVBUF");
}

struct socket* open_socket(const SocketAddress& local, const SctpOptions& o) {
  const int family = local.is_ipv6() ? AF_INET6 : AF_INET;
  struct socket* so = usrsctp_socket(family, SOCK_STREAM, IPPROTO_SCTP, nullptr, nullptr, 0, nullptr);
  if (so == nullptr) throw_system_error("usrsctp_socket", errno);
  try {
    configure(so, o);
    sockaddr_storage ss{};
    const socklen_t len = local.to_sockaddr(ss);
    if (usrsctp_bind(so, reinterpret_cast<sockaddr*>(&ss), len) != 0) {
      throw_system_error("usrsctp bind to " + local.to_string() +
                             " (userspace SCTP binds only to addresses configured on an interface)",
                         errno);
    }
  } catch (...) {
    usrsctp_close(so);
    throw;
  }
  return so;
}

SocketAddress first_address(struct socket* so, bool peer, int family_hint) {
  sockaddr* addrs = nullptr;
  const int n = peer ? usrsctp_getpaddrs(so, 0, &addrs) : usrsctp_getladdrs(so, 0, &addrs);
  SocketAddress result;
  if (n > 0 && addrs != nullptr) {
    auto* p = reinterpret_cast<std::uint8_t*>(addrs);
    for (int i = 0; i < n; ++i) {
      auto* sa = reinterpret_cast<sockaddr*>(p);
      const bool v6 = sa->sa_family == AF_INET6;
      if (sa->sa_family == AF_INET || v6) {
        SocketAddress a = SocketAddress::from_sockaddr(sa);
        if (result.ip.empty() || sa->sa_family == family_hint) result = a;
        if (sa->sa_family == family_hint) break;
      }
      p += v6 ? sizeof(sockaddr_in6) : sizeof(sockaddr_in);
    }
  }
  if (addrs != nullptr) peer ? usrsctp_freepaddrs(addrs) : usrsctp_freeladdrs(addrs);
  return result;
}

class UserspaceAssociation final : public SctpAssociation {
 public:
  enum class State { connecting, up, closing, dead };

  UserspaceAssociation(struct socket* so, const SctpOptions& o, Stack& stack, State state,
                       Clock::time_point connect_deadline)
      : so_(so), options_(o), stack_(stack), state_(state), connect_deadline_(connect_deadline),
        assembly_(o.max_message_size) {}

  ~UserspaceAssociation() override { release(); }

  /// For accepted sockets: the handshake is over already, so association_up is reported from
  /// SCTP_STATUS, and the COMM_UP notification (if the stack also queues one) is not repeated.
  void mark_accepted_up() {
    sctp_status st{};
    socklen_t len = sizeof st;
    if (usrsctp_getsockopt(so_, IPPROTO_SCTP, SCTP_STATUS, &st, &len) == 0) {
      outbound_ = st.sstat_outstrms;
      inbound_ = st.sstat_instrms;
    }
    become_up();
    pending_.push_back(up_event("accepted"));
  }

  SendStatus send(std::uint16_t stream, std::uint32_t ppid, ByteView bytes) override {
    if (state_ != State::up) return SendStatus::failure(not_up_reason());
    if (stream >= outbound_) {
      return SendStatus::failure("stream " + std::to_string(stream) + " is out of range: the peer granted " +
                                 std::to_string(outbound_) + " outbound streams");
    }
    sctp_sndinfo info{};
    info.snd_sid = stream;
    info.snd_ppid = htonl(ppid);  // PPID is opaque to the stack: it goes on the wire as given
    // Reported before it is handed to the stack, not after: the SUT's answer can arrive and be
    // reported by another thread (a parallel case polling the shared S10/S3 port) before this
    // call returns, and the judge takes the tap's order as the order of events. A send that
    // then fails ends the case in error with the reason, so the record is not left unexplained.
    tap_sctp(options_, Direction::sent, local_, remote_, stream, ppid, std::nullopt, bytes);
    const Deadline deadline(options_.send_timeout);
    for (;;) {
      const auto seen = stack_.generation();
      const ssize_t n = usrsctp_sendv(so_, bytes.data(), bytes.size(), nullptr, 0, &info, sizeof info,
                                      SCTP_SENDV_SNDINFO, 0);
      if (n >= 0) break;
      if (errno != EWOULDBLOCK && errno != EAGAIN) {
        return SendStatus::failure(std::string("usrsctp_sendv: ") + std::strerror(errno));
      }
      if (deadline.expired()) {
        return SendStatus::failure("send buffer stayed full for " + std::to_string(options_.send_timeout.count()) +
                                   " ms (peer not acknowledging)");
      }
      stack_.wait_after(seen, deadline.when());
    }
    return SendStatus::success();
  }

  SctpEvent receive(std::chrono::milliseconds timeout) override {
    const Deadline deadline(timeout);
    for (;;) {
      const auto seen = stack_.generation();
      if (!pending_.empty()) {
        SctpEvent e = std::move(pending_.front());
        pending_.pop_front();
        return e;
      }
      if (state_ == State::connecting && Clock::now() >= connect_deadline_) {
        release();
        state_ = State::dead;
        return SctpEvent{SctpEventKind::association_failed, 0, 0, std::nullopt, {},
                         "no answer to INIT within " + std::to_string(options_.connect_timeout.count()) + " ms"};
      }
      if (so_ != nullptr) {
        if (auto e = read_once()) return std::move(*e);
      }
      auto until = deadline.when();
      if (state_ == State::connecting) until = std::min(until, connect_deadline_);
      if (Clock::now() >= deadline.when()) return SctpEvent{SctpEventKind::timeout, 0, 0, std::nullopt, {}, {}};
      stack_.wait_after(seen, until);
    }
  }

  void shutdown() override {
    if (so_ != nullptr && state_ == State::up) {
      usrsctp_shutdown(so_, SHUT_WR);
      state_ = State::closing;
    }
  }

  void abort() override {
    if (so_ == nullptr) return;
    // SO_LINGER with zero time makes close send ABORT (RFC 6458 8.1.4).
    linger l{1, 0};
    usrsctp_setsockopt(so_, SOL_SOCKET, SO_LINGER, &l, sizeof l);
    release();
    state_ = State::dead;
  }

  SctpBackend backend() const noexcept override { return options_.backend; }
  SocketAddress local() const override { return local_; }
  SocketAddress remote() const override { return remote_; }
  std::uint16_t outbound_streams() const noexcept override { return outbound_; }
  std::uint16_t inbound_streams() const noexcept override { return inbound_; }
  bool alive() const noexcept override { return state_ == State::up || state_ == State::connecting; }
  Readiness readiness() const noexcept override { return {}; }

  void set_addresses(SocketAddress local, SocketAddress remote) {
    local_ = std::move(local);
    remote_ = std::move(remote);
  }

 private:
  void release() {
    if (so_ == nullptr) return;
    usrsctp_set_upcall(so_, nullptr, nullptr);
    // Any SHUTDOWN handshake may still be running, the peer's or our own (the runner shuts its
    // eNBs down at the end of a case and does not wait for SHUTDOWN COMPLETE): see Stack::retire.
    // The runner aborted now and then with "malloc(): unaligned tcache chunk detected" right after
    // such a case end.
    if (peer_shutdown_in_progress_ || state_ == State::closing) stack_.retire(so_);
    else usrsctp_close(so_);
    so_ = nullptr;
  }

  std::string not_up_reason() const {
    switch (state_) {
      case State::connecting: return "association is not up yet (wait for association_up)";
      case State::closing: return "association is shutting down";
      default: return "association is gone (lost, aborted or shut down)";
    }
  }

  void become_up() {
    state_ = State::up;
    reported_up_ = true;
    const int family = remote_.is_ipv6() ? AF_INET6 : AF_INET;
    if (auto r = first_address(so_, true, family); !r.ip.empty()) remote_ = r;
    if (auto l = first_address(so_, false, family); !l.ip.empty()) local_ = l;
  }

  SctpEvent up_event(const std::string& how) const {
    return SctpEvent{SctpEventKind::association_up, 0, 0, std::nullopt, {},
                     how + "; streams out " + std::to_string(outbound_) + ", in " + std::to_string(inbound_)};
  }

  /// One non-blocking read; returns an event when the read completes one.
  std::optional<SctpEvent> read_once() {
    for (;;) {
      sockaddr_storage from{};
      socklen_t fromlen = sizeof from;
      sctp_rcvinfo info{};
      socklen_t infolen = sizeof info;
      unsigned int infotype = 0;
      int flags = 0;
      const ssize_t n = usrsctp_recvv(so_, buffer_, sizeof buffer_, reinterpret_cast<sockaddr*>(&from), &fromlen,
                                      &info, &infolen, &infotype, &flags);
      if (n < 0) {
        if (errno == EWOULDBLOCK || errno == EAGAIN || errno == ENOTCONN || errno == EINPROGRESS) return std::nullopt;
        return end_once(SctpEventKind::association_lost, std::string("usrsctp_recvv: ") + std::strerror(errno));
      }
      if (n == 0) {
        if (assembly_.in_progress()) continue;
        return end_once(SctpEventKind::shutdown, "peer closed the association");
      }
      const ByteView part(reinterpret_cast<const std::uint8_t*>(buffer_), static_cast<std::size_t>(n));
      if ((flags & MSG_NOTIFICATION) != 0) {
        notification_.insert(notification_.end(), part.begin(), part.end());
        if ((flags & MSG_EOR) == 0) continue;
        auto e = translate_notification();
        notification_.clear();
        if (e) return e;
        continue;
      }
      const bool have_info = infotype == SCTP_RECVV_RCVINFO;
      const std::uint16_t stream = have_info ? info.rcv_sid : 0;
      const std::uint32_t ppid = have_info ? ntohl(info.rcv_ppid) : 0;
      const std::optional<std::uint32_t> tsn = have_info ? std::optional(info.rcv_tsn) : std::nullopt;
      if (auto e = assembly_.add(part, (flags & MSG_EOR) != 0, stream, ppid, tsn)) {
        if (e->kind == SctpEventKind::message) {
          tap_sctp(options_, Direction::received, local_, remote_, e->stream, e->ppid, e->tsn, view_of(e->bytes));
        }
        return e;
      }
    }
  }

  /// The first terminal event is reported; later reads on a dead socket stay quiet.
  std::optional<SctpEvent> end_once(SctpEventKind kind, std::string detail) {
    if (state_ == State::dead) return std::nullopt;
    state_ = State::dead;
    // The peer's SHUTDOWN was reported already; its completion is the same event, not a new one.
    if (kind == SctpEventKind::shutdown && shutdown_reported_) return std::nullopt;
    return SctpEvent{kind, 0, 0, std::nullopt, {}, std::move(detail)};
  }

  std::optional<SctpEvent> translate_notification() {
    if (notification_.size() < 8) return std::nullopt;  // sn_type, sn_flags, sn_length
    std::uint16_t type = 0;
    std::memcpy(&type, notification_.data(), sizeof type);
    if (type == SCTP_SHUTDOWN_EVENT) {
      if (state_ == State::dead || shutdown_reported_) return std::nullopt;
      state_ = State::closing;
      shutdown_reported_ = true;
      peer_shutdown_in_progress_ = true;
      return SctpEvent{SctpEventKind::shutdown, 0, 0, std::nullopt, {}, "peer sent SHUTDOWN"};
    }
    if (type != SCTP_ASSOC_CHANGE || notification_.size() < sizeof(sctp_assoc_change)) return std::nullopt;
    sctp_assoc_change sac{};
    std::memcpy(&sac, notification_.data(), sizeof sac);
    const ByteView info = ByteView(notification_).subspan(sizeof sac);
    switch (sac.sac_state) {
      case SCTP_COMM_UP:
        outbound_ = sac.sac_outbound_streams;
        inbound_ = sac.sac_inbound_streams;
        if (reported_up_) return std::nullopt;
        become_up();
        return up_event("COMM_UP");
      case SCTP_RESTART:
        outbound_ = sac.sac_outbound_streams;
        inbound_ = sac.sac_inbound_streams;
        state_ = State::up;
        return SctpEvent{SctpEventKind::restarted, 0, 0, std::nullopt, {}, "peer restarted the association"};
      case SCTP_COMM_LOST: {
        // usrsctp appends the received ABORT chunk (type 6) to sac_info when the peer aborted.
        const bool abort_from_peer = !info.empty() && info[0] == SCTP_ABORT_ASSOCIATION;
        if (state_ == State::dead) return std::nullopt;
        state_ = State::dead;
        if (abort_from_peer) {
          return SctpEvent{SctpEventKind::abort_received, 0, 0, std::nullopt, Bytes(info.begin(), info.end()),
                           "peer sent ABORT (error " + std::to_string(sac.sac_error) + ")"};
        }
        return SctpEvent{SctpEventKind::association_lost, 0, 0, std::nullopt, {},
                         "communication lost (error " + std::to_string(sac.sac_error) + ")"};
      }
      case SCTP_SHUTDOWN_COMP:
        peer_shutdown_in_progress_ = false;
        return end_once(SctpEventKind::shutdown, "SHUTDOWN complete");
      case SCTP_CANT_STR_ASSOC: {
        const bool aborted = !info.empty() && info[0] == SCTP_ABORT_ASSOCIATION;
        state_ = State::dead;
        return SctpEvent{SctpEventKind::association_failed, 0, 0, std::nullopt, {},
                         aborted ? "peer answered INIT with ABORT" : "INIT/COOKIE-ECHO retransmissions exhausted"};
      }
      default: return std::nullopt;
    }
  }

  struct socket* so_;
  SctpOptions options_;
  Stack& stack_;
  State state_;
  Clock::time_point connect_deadline_;
  bool reported_up_ = false;
  bool shutdown_reported_ = false;
  bool peer_shutdown_in_progress_ = false;  ///< the peer's SHUTDOWN came, its SHUTDOWN COMPLETE not yet
  std::uint16_t outbound_ = 0;
  std::uint16_t inbound_ = 0;
  SocketAddress local_;
  SocketAddress remote_;
  SctpMessageAssembly assembly_;
  Bytes notification_;
  std::deque<SctpEvent> pending_;
  char buffer_[64 * 1024];
};

class UserspaceListener final : public SctpListener {
 public:
  UserspaceListener(struct socket* so, const SctpOptions& o, Stack& stack, SocketAddress local)
      : so_(so), options_(o), stack_(stack), local_(std::move(local)) {}
  ~UserspaceListener() override {
    usrsctp_set_upcall(so_, nullptr, nullptr);
    usrsctp_close(so_);
  }

  std::unique_ptr<SctpAssociation> accept(std::chrono::milliseconds timeout) override {
    const Deadline deadline(timeout);
    for (;;) {
      const auto seen = stack_.generation();
      sockaddr_storage peer{};
      socklen_t len = sizeof peer;
      struct socket* so = usrsctp_accept(so_, reinterpret_cast<sockaddr*>(&peer), &len);
      if (so != nullptr) {
        usrsctp_set_non_blocking(so, 1);
        usrsctp_set_upcall(so, &Stack::upcall, nullptr);
        auto a = std::make_unique<UserspaceAssociation>(so, options_, stack_, UserspaceAssociation::State::up,
                                                        Clock::now());
        a->set_addresses(local_, SocketAddress::from_sockaddr(reinterpret_cast<sockaddr*>(&peer)));
        a->mark_accepted_up();
        return a;
      }
      if (errno != EWOULDBLOCK && errno != EAGAIN) throw_system_error("usrsctp_accept", errno);
      if (deadline.expired()) return nullptr;
      stack_.wait_after(seen, deadline.when());
    }
  }

  SocketAddress local() const override { return local_; }
  SctpBackend backend() const noexcept override { return options_.backend; }
  std::uint16_t udp_encapsulation_port() const noexcept override {
    return options_.backend == SctpBackend::userspace_udp ? stack_.udp_port() : 0;
  }

 private:
  struct socket* so_;
  SctpOptions options_;
  Stack& stack_;
  SocketAddress local_;
};

SocketAddress bound_address(struct socket* so, const SocketAddress& asked) {
  SocketAddress a = first_address(so, false, asked.is_ipv6() ? AF_INET6 : AF_INET);
  if (a.ip.empty()) a = asked;
  if (asked.ip != "0.0.0.0" && asked.ip != "::") a.ip = asked.ip;
  return a;
}

}  // namespace

std::uint64_t userspace_activity() {
  Stack* s = Stack::existing();
  return s ? s->generation() : 0;
}

void userspace_wait_activity(std::uint64_t seen, Clock::time_point until) {
  if (Stack* s = Stack::existing()) s->wait_after(seen, until);
}

bool userspace_raw_available() {
  const int fd = ::socket(AF_INET, SOCK_RAW, IPPROTO_SCTP);
  if (fd < 0) return false;
  ::close(fd);
  return true;
}

std::unique_ptr<SctpAssociation> userspace_connect(const SocketAddress& remote, const SctpOptions& o,
                                                   const SocketAddress& local) {
  Stack& stack = Stack::get(o.backend == SctpBackend::userspace_udp ? o.udp_encapsulation_port : 0);
  SocketAddress from = local;
  if (remote.is_ipv6() && from.ip == "0.0.0.0") from.ip = "::";
  struct socket* so = open_socket(from, o);
  try {
    if (o.backend == SctpBackend::userspace_udp) {
      sctp_udpencaps encaps{};
      encaps.sue_address.ss_family = remote.is_ipv6() ? AF_INET6 : AF_INET;
      encaps.sue_port = htons(o.remote_udp_encapsulation_port);
      set_option(so, IPPROTO_SCTP, SCTP_REMOTE_UDP_ENCAPS_PORT, &encaps, sizeof encaps, "SCTP_REMOTE_UDP_ENCAPS_PORT");
    }
    sockaddr_storage ss{};
    const socklen_t len = remote.to_sockaddr(ss);
    if (usrsctp_connect(so, reinterpret_cast<sockaddr*>(&ss), len) != 0 && errno != EINPROGRESS) {
      throw_system_error("usrsctp connect to " + remote.to_string(), errno);
    }
  } catch (...) {
    usrsctp_close(so);
    throw;
  }
  auto a = std::make_unique<UserspaceAssociation>(so, o, stack, UserspaceAssociation::State::connecting,
                                                  Clock::now() + o.connect_timeout);
  a->set_addresses(bound_address(so, from), remote);
  return a;
}

std::unique_ptr<SctpListener> userspace_listen(const SocketAddress& local, const SctpOptions& o) {
  Stack& stack = Stack::get(o.backend == SctpBackend::userspace_udp ? o.udp_encapsulation_port : 0);
  struct socket* so = open_socket(local, o);
  if (usrsctp_listen(so, 16) != 0) {
    const int e = errno;
    usrsctp_close(so);
    throw_system_error("usrsctp listen on " + local.to_string(), e);
  }
  return std::make_unique<UserspaceListener>(so, o, stack, bound_address(so, local));
}

}  // namespace concur::transport::detail
