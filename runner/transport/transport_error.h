// Set-up failures of a transport (bad address, bind refused, back-end unavailable). Runtime
// events of a live association (loss, ABORT, silence) are NOT errors: they arrive as events.
#pragma once

#include <stdexcept>
#include <string>

namespace concur::transport {

class TransportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// "what: strerror(errno_value)"
[[noreturn]] void throw_system_error(const std::string& what, int errno_value);

}  // namespace concur::transport
