// concur-reference-mme --config FILE [--violate RULE[,RULE...]]
// The reference MME of concur: a small MME on real S1-MME SCTP that follows TS 33.401 7.2.10.
#include <csignal>
#include <cstring>
#include <iostream>

#include "config.h"
#include "server.h"
#include "violations.h"
#include "transport/transport_error.h"

namespace {

std::atomic<bool> g_stop{false};

extern "C" void on_stop_signal(int) { g_stop.store(true); }

int usage(const char* why) {
  std::cerr << "concur-reference-mme: " << why << "\n"
            << "usage: concur-reference-mme --config FILE [--violate RULE[,RULE...]]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string config_path;
  std::vector<std::string> violations;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if ((a == "--config" || a == "--violate") && i + 1 < argc) {
      (a == "--config" ? config_path : violations.emplace_back()) = argv[++i];
    } else if (a == "--help" || a == "-h") {
      std::cout << "usage: concur-reference-mme --config FILE [--violate RULE[,RULE...]]\n"
                << "The reference MME of concur (TS 33.401 7.2.10). Without --violate it follows every rule.\n"
                << concur::reference::violation_help();
      return 0;
    } else {
      return usage(("unknown or incomplete argument '" + a + "'").c_str());
    }
  }
  std::string violation_error;
  const auto rules = concur::reference::parse_violations(violations, violation_error);
  if (!violation_error.empty()) return usage(violation_error.c_str());
  if (config_path.empty()) return usage("--config FILE is required");

  struct sigaction sa {};
  sa.sa_handler = on_stop_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGINT, &sa, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  try {
    auto config = concur::reference::load_config(config_path);
    config.violations = rules;
    for (const auto& r : rules) std::cout << "faulty variant: breaks " << r << std::endl;
    const int rc = concur::reference::run_server(config, g_stop, std::cout);
    std::cout << "stopped" << std::endl;
    return rc;
  } catch (const concur::reference::ConfigError& e) {
    std::cerr << "concur-reference-mme: bad configuration: " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "concur-reference-mme: " << e.what() << "\n";
    return 3;
  }
}
