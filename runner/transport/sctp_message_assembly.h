// Joins the pieces of one SCTP user message. Both stacks hand a large message (e.g. a 100 KB
// S1AP PDU split across many DATA chunks) to the reader in parts when it exceeds the read buffer
// or the partial delivery point; only the part carrying MSG_EOR ends it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "transport/sctp.h"

namespace concur::transport {

class SctpMessageAssembly {
 public:
  explicit SctpMessageAssembly(std::size_t max_message_size) : max_(max_message_size) {}

  /// Adds one part. Returns the finished event when `end_of_record`: a message event, or a
  /// protocol_error event when the whole message was longer than max_message_size (its bytes
  /// are dropped, the association stays usable). The first part fixes stream, PPID and TSN.
  std::optional<SctpEvent> add(ByteView part, bool end_of_record, std::uint16_t stream, std::uint32_t ppid,
                               std::optional<std::uint32_t> tsn);

  bool in_progress() const noexcept { return started_; }

 private:
  std::size_t max_;
  bool started_ = false;
  bool overflowed_ = false;
  std::size_t total_ = 0;
  SctpEvent pending_;
};

}  // namespace concur::transport
