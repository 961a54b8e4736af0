#include "common/decode_error.h"

namespace concur {

std::string DecodeError::to_string() const {
  return "field '" + field + "' at offset " + std::to_string(offset) + ": " + reason;
}

void throw_decode(std::string field, std::size_t offset, std::string reason) {
  throw DecodeFailure(DecodeError{std::move(field), offset, std::move(reason)});
}

}  // namespace concur
