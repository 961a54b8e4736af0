// `concur decode CAPTURE`: one line per decoded message, or statistics per message type.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace concur::cli {

/// Runs the command with its arguments (after the word "decode"). Returns the exit status:
/// 0 all decoded, 1 a message failed to decode or the capture is corrupt, 2 usage error.
int decode_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace concur::cli
