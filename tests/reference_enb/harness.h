// The tester's side for the reference eNB: the test plays the MME (an S1-MME SCTP listener in
// the test process, userspace SCTP over UDP on loopback) and drives concur-reference-enb, a child
// process, through its control socket. Every wait has a timeout; the child is stopped by PID.
#pragma once
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <typeinfo>

#include <gtest/gtest.h>

#include "child_process.h"
#include "codec/s1ap/messages.h"
#include "transport/sctp.h"

namespace concur::reference::enb::testing {

inline constexpr auto kWait = std::chrono::milliseconds(5000);
inline const s1ap::Plmn kPlmn{0x00, 0xf1, 0x10};  // MCC 001 MNC 01 (TS 36.413 9.2.3.8)
/// The eNB under test: macro eNB ID 1, TAC 1, PCI 7, EARFCN-DL 1575 (its XML config).
inline constexpr std::uint32_t kEnbId = 1;
inline constexpr std::uint16_t kPci = 7;
inline constexpr std::uint32_t kEarfcnDl = 1575;

/// The MME role: one listener, the eNB's association once it connects.
class TestMme {
 public:
  TestMme();
  transport::SocketAddress address() const { return listener_->local(); }
  std::uint16_t udp_port() const { return listener_->udp_encapsulation_port(); }

  /// Waits for the eNB to connect and the association to come up.
  bool accept(std::chrono::milliseconds timeout = kWait);
  void send(const s1ap::S1apMessage& m, std::uint16_t stream = 1);
  void send_raw(const Bytes& bytes, std::uint16_t stream = 1);
  /// The next S1AP PDU, decoded; nullopt on timeout or association trouble (reason in `why`).
  std::optional<s1ap::S1apMessage> receive(std::chrono::milliseconds timeout, std::string* why = nullptr);
  /// The next PDU must be a T, otherwise a test failure naming what came instead.
  template <class T>
  std::optional<T> expect(std::chrono::milliseconds timeout = kWait) {
    std::string why;
    auto m = receive(timeout, &why);
    if (!m) {
      ADD_FAILURE() << "MME: waited for " << typeid(T).name() << ": " << why;
      return std::nullopt;
    }
    if (auto* t = std::get_if<T>(&*m)) return std::move(*t);
    ADD_FAILURE() << "MME: expected " << typeid(T).name() << ", got variant index " << m->index();
    return std::nullopt;
  }

 private:
  std::unique_ptr<transport::SctpListener> listener_;
  std::unique_ptr<transport::SctpAssociation> enb_;
};

struct EnbOptions {
  std::uint32_t enb_id = kEnbId;
  std::uint16_t tac = 1;
  std::uint16_t pci = kPci;
  bool violate_r5 = false;
  bool hold_reconfiguration = false;  ///< the UCM answer waits for `reconfiguration-complete`
  std::chrono::milliseconds reconfiguration{50};
  std::chrono::milliseconds handover_queue{5000};
  std::chrono::milliseconds ts1relocprep{5000};
};

/// concur-reference-enb as a child process, configured towards `mme`.
class EnbProcess {
 public:
  EnbProcess(const TestMme& mme, const EnbOptions& options = {})
      : EnbProcess(mme.address(), mme.udp_port(), options) {}
  /// Towards any MME: its S1 address and UDP encapsulation port (e.g. concur-reference-mme).
  EnbProcess(const transport::SocketAddress& mme, std::uint16_t mme_udp_port, const EnbOptions& options = {});
  ~EnbProcess();

  bool started() const { return started_; }
  const std::string& transcript() const { return child_->transcript(); }
  const std::string& directory() const { return dir_; }
  std::string pcap_path() const { return dir_ + "/enb.pcap"; }

  /// One control command; the reply line, or nullopt on timeout.
  std::optional<std::string> control(const std::string& command, std::chrono::milliseconds timeout = kWait);
  /// Asks `status` until the reply contains `needle`; the last reply.
  std::optional<std::string> wait_for_status(const std::string& needle, std::chrono::milliseconds timeout = kWait);
  /// Reads the eNB's output until a line starts with `prefix`.
  std::optional<std::string> wait_for_line(const std::string& prefix, std::chrono::milliseconds timeout = kWait) {
    return child_->wait_for_line(prefix, timeout);
  }
  /// SIGTERM by PID; the exit status, or nullopt if it did not exit in time.
  std::optional<int> terminate(std::chrono::milliseconds timeout = kWait);

 private:
  std::string dir_;
  std::string control_path_;
  std::unique_ptr<transport::testing::ChildProcess> child_;
  bool started_ = false;
};

/// S1 SETUP: the eNB connects, the MME answers; true once the eNB reported "s1-setup done".
bool s1_setup(TestMme& mme, EnbProcess& enb);

/// A UE brought to connected mode with an AS security context: ue-connect (INITIAL UE MESSAGE),
/// then INITIAL CONTEXT SETUP with `kenb`. Returns the eNB UE S1AP ID.
std::optional<std::uint32_t> connected_ue(TestMme& mme, EnbProcess& enb, std::uint32_t mme_ue_s1ap_id,
                                          const s1ap::Key256& kenb);

/// A key whose 32 octets are all `fill` (test keys: only their identity matters here).
s1ap::Key256 key_of(std::uint8_t fill);
/// The fingerprint the eNB prints for a key (security::Key256::fingerprint).
std::string fingerprint(const s1ap::Key256& k);

/// NAS PDUs from the NAS codec: an ATTACH REQUEST (IMSI 001010000000001) for ue-connect.
Bytes attach_request_nas();

}  // namespace concur::reference::enb::testing
