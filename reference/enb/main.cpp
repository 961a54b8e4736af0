// concur-reference-enb --config FILE [--pcap FILE] [--violate R5]
// The reference eNB of concur: the system under test for TS 33.401 7.2.10 rule 5, on real S1-MME SCTP.
#include <csignal>
#include <iostream>
#include <string>

#include "config.h"
#include "server.h"

namespace {

std::atomic<bool> g_stop{false};

extern "C" void on_stop_signal(int) { g_stop.store(true); }

int usage(const std::string& why) {
  std::cerr << "concur-reference-enb: " << why << "\n"
            << "usage: concur-reference-enb --config FILE [--pcap FILE] [--violate R5]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string config_path, pcap_path;
  bool violate_r5 = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if ((a == "--config" || a == "--pcap" || a == "--violate") && i + 1 < argc) {
      const std::string v = argv[++i];
      if (a == "--config") {
        config_path = v;
      } else if (a == "--pcap") {
        pcap_path = v;
      } else if (v == "R5") {
        violate_r5 = true;
      } else {
        // Rule 5 is the only eNB rule of 7.2.10; R1-R3 and R6-R9 are the MME's, R4 the UE's.
        return usage("--violate " + v + ": this process can violate only R5 (the eNB's rule); "
                     "R1-R3 and R6-R9 are the MME's (concur-reference-mme), R4 is the UE's");
      }
    } else if (a == "--help" || a == "-h") {
      usage("help");
      return 0;
    } else {
      return usage("unknown or incomplete argument '" + a + "'");
    }
  }
  if (config_path.empty()) return usage("--config FILE is required");

  struct sigaction sa {};
  sa.sa_handler = on_stop_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGINT, &sa, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  try {
    auto config = concur::reference::enb::load_config(config_path);
    if (!pcap_path.empty()) config.pcap_path = pcap_path;
    config.violate_r5 = violate_r5;
    const int rc = concur::reference::enb::run_server(config, g_stop, std::cout);
    std::cout << "stopped" << std::endl;
    return rc;
  } catch (const concur::reference::enb::ConfigError& e) {
    std::cerr << "concur-reference-enb: bad configuration: " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "concur-reference-enb: " << e.what() << "\n";
    return 3;
  }
}
