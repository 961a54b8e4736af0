// `concur list [--profile FILE] [--cases DIR] [--filter PATTERN]`: one line per test case with its
// rules, clause, whether it applies to the profile (and why not), and its purpose.
#pragma once
#include <iosfwd>
#include <string>
#include <vector>

namespace concur::cli {

/// 0, or 2 on a usage / profile / test-case error.
int list_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace concur::cli
