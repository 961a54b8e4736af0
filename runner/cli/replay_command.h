// `concur replay CAPTURE [--keys FILE] [--profile FILE] [--junit FILE] [--report FILE]`: judges a
// capture against TS 33.401 7.2.10 with the same monitor a live run uses.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace concur::cli {

/// Runs the command with its arguments (after the word "replay"). Returns the exit status:
/// 0 no rule failed, 1 a rule failed, 2 usage or input error (missing or corrupt capture, bad
/// key file or profile).
int replay_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace concur::cli
