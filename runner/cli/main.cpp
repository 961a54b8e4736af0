// concur: conformance tests for 3GPP TS 33.401 clause 7.2.10 (Rules on Concurrent Running of
// Security Procedures). Entry point: dispatches to the subcommands.
#include <iostream>
#include <string>
#include <vector>

#include "cli/decode_command.h"
#include "cli/list_command.h"
#include "cli/run_command.h"
#include "cli/replay_command.h"

namespace {

constexpr const char* kUsage =
    "concur — conformance tests for 3GPP TS 33.401 7.2.10 (concurrent security procedures)\n"
    "\n"
    "usage: concur COMMAND [ARGS]\n"
    "  decode CAPTURE        decode every S1AP / NAS-EPS / GTPv2-C / Diameter message of a capture\n"
    "  decode --stats CAPTURE  count them per protocol and message type (--json for JSON)\n"
    "  run [--profile FILE | --reference [--violate Rn]] [--filter P] [--jobs N] [--out DIR] [--show-keys]\n"
    "                        run the test cases against the SUT (default: the built-in reference MME)\n"
    "  list [--profile FILE] the test cases and whether they apply to the profile\n"
    "  replay CAPTURE [--keys F] [--profile F] [--junit F] [--report F]\n"
    "                        judge a capture against rules R1-R9: verdicts with evidence, JUnit\n"
    "  help [COMMAND]        this text, or a command's own\n"
    "  --version             the version\n";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::cerr << kUsage;
    return 2;
  }
  const std::string command = args.front();
  args.erase(args.begin());
  if (command == "--version" || command == "version") {
    std::cout << "concur " << CONCUR_VERSION << "\n";
    return 0;
  }
  if (command == "help" || command == "--help" || command == "-h") {
    if (!args.empty() && args.front() == "decode") return concur::cli::decode_command({"--help"}, std::cout, std::cerr);
    if (!args.empty() && args.front() == "replay") return concur::cli::replay_command({"--help"}, std::cout, std::cerr);
    std::cout << kUsage;
    return 0;
  }
  if (command == "run") return concur::cli::run_command(args, std::cout, std::cerr);
  if (command == "list") return concur::cli::list_command(args, std::cout, std::cerr);
  if (command == "decode") {
    return concur::cli::decode_command(args, std::cout, std::cerr);
  }
  if (command == "replay") {
    return concur::cli::replay_command(args, std::cout, std::cerr);
  }
  std::cerr << "concur: unknown command '" << command << "'\n\n" << kUsage;
  return 2;
}
