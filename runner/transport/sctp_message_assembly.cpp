#include "transport/sctp_message_assembly.h"

#include <utility>

namespace concur::transport {

std::optional<SctpEvent> SctpMessageAssembly::add(ByteView part, bool end_of_record, std::uint16_t stream,
                                                  std::uint32_t ppid, std::optional<std::uint32_t> tsn) {
  if (!started_) {
    started_ = true;
    overflowed_ = false;
    total_ = 0;
    pending_ = SctpEvent{SctpEventKind::message, stream, ppid, tsn, {}, {}};
  }
  total_ += part.size();
  if (total_ > max_) {
    overflowed_ = true;
    pending_.bytes.clear();
    pending_.bytes.shrink_to_fit();
  } else {
    pending_.bytes.insert(pending_.bytes.end(), part.begin(), part.end());
  }
  if (!end_of_record) return std::nullopt;

  started_ = false;
  SctpEvent done = std::move(pending_);
  pending_ = {};
  if (overflowed_) {
    done.kind = SctpEventKind::protocol_error;
    done.detail = "message of " + std::to_string(total_) + " octets on stream " + std::to_string(stream) +
                  " exceeds max_message_size " + std::to_string(max_) + "; dropped";
    done.bytes.clear();
  }
  return done;
}

}  // namespace concur::transport
