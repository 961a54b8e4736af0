// Internal: the two SCTP back-ends behind sctp.h. Kept apart because the kernel's
// <netinet/sctp.h> and <usrsctp.h> define the same names and cannot share a translation unit.
#pragma once

#include <memory>

#include "transport/sctp.h"

namespace concur::transport::detail {

// Kernel SCTP (lksctp), sctp_kernel.cpp.
bool kernel_sctp_available();
std::unique_ptr<SctpAssociation> kernel_connect(const SocketAddress& remote, const SctpOptions& options,
                                                const SocketAddress& local);
std::unique_ptr<SctpListener> kernel_listen(const SocketAddress& local, const SctpOptions& options);

// usrsctp, sctp_userspace.cpp. `backend` is userspace_raw or userspace_udp.
bool userspace_raw_available();
std::unique_ptr<SctpAssociation> userspace_connect(const SocketAddress& remote, const SctpOptions& options,
                                                   const SocketAddress& local);
std::unique_ptr<SctpListener> userspace_listen(const SocketAddress& local, const SctpOptions& options);

/// Activity counter of the process's usrsctp stack (0 when none) and a wait for it to move.
std::uint64_t userspace_activity();
void userspace_wait_activity(std::uint64_t seen, std::chrono::steady_clock::time_point until);

/// Builds the tap record for one message and reports it (no-op without a tap).
void tap_sctp(const SctpOptions& options, Direction direction, const SocketAddress& local,
              const SocketAddress& remote, std::uint16_t stream, std::uint32_t ppid,
              std::optional<std::uint32_t> tsn, ByteView bytes);

}  // namespace concur::transport::detail
