// Start-up time of concur-reference-enb: spawn -> "ready" (control socket up) -> S1 SETUP done
// with an MME (this program, over userspace SCTP on loopback), then SIGTERM. Wall time per start,
// measured by hand (the process runs outside this one's CPU accounting); the idle RSS of the
// process after S1 SETUP is reported as a counter.
#include <benchmark/benchmark.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "child_process.h"
#include "codec/s1ap/messages.h"
#include "transport/sctp.h"

namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

/// VmRSS of `pid` in kB (0 when unreadable).
double rss_kb(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("VmRSS:", 0) == 0) return std::stod(line.substr(6));
  return 0;
}

void BM_ReferenceEnbStartupToS1SetupDone(benchmark::State& state) {
  concur::transport::SctpOptions o;
  o.backend = concur::transport::SctpBackend::userspace_udp;
  const auto listener = concur::transport::sctp_listen({"127.0.0.1", 0}, o);
  char tmpl[] = "/tmp/concur-bench-enb-XXXXXX";
  const std::string dir = ::mkdtemp(tmpl);
  const std::string config = dir + "/enb.xml";
  std::ofstream(config) << "<enb>\n  <s1 mme_address=\"127.0.0.1\" mme_port=\"" << listener->local().port
                        << "\" backend=\"userspace_udp\" mme_udp_port=\"" << listener->udp_encapsulation_port()
                        << "\" local_address=\"127.0.0.1\"/>\n  <plmn mcc=\"001\" mnc=\"01\"/>\n"
                        << "  <control socket=\"" << dir << "/control.sock\"/>\n</enb>\n";
  concur::s1ap::S1SetupResponse response;
  response.served_gummeis.push_back({{{0x00, 0xf1, 0x10}}, {32769}, {1}});
  const auto response_bytes = *concur::s1ap::encode(response);
  double ready_ms = 0, rss = 0;
  for (auto _ : state) {
    const auto start = Clock::now();
    concur::transport::testing::ChildProcess enb({CONCUR_REFERENCE_ENB, "--config", config});
    if (!enb.wait_for_line("ready ", 10s)) throw std::runtime_error("no ready line: " + enb.transcript());
    const auto ready = Clock::now();
    auto association = listener->accept(10s);
    if (!association || association->receive(10s).kind != concur::transport::SctpEventKind::association_up)
      throw std::runtime_error("the eNB did not connect: " + enb.transcript());
    if (association->receive(10s).kind != concur::transport::SctpEventKind::message)
      throw std::runtime_error("no S1 SETUP REQUEST: " + enb.transcript());
    association->send(0, concur::transport::kS1apPpid, concur::view_of(response_bytes));
    if (!enb.wait_for_line("s1-setup done", 10s)) throw std::runtime_error("no s1-setup done: " + enb.transcript());
    const auto done = Clock::now();
    state.SetIterationTime(std::chrono::duration<double>(done - start).count());
    ready_ms += std::chrono::duration<double, std::milli>(ready - start).count();
    rss += rss_kb(enb.pid());
    ::kill(enb.pid(), SIGTERM);
    enb.wait_exit(5s);
    association->abort();
  }
  state.counters["spawn_to_ready_ms"] = benchmark::Counter(ready_ms / static_cast<double>(state.iterations()));
  state.counters["idle_rss_kB"] = benchmark::Counter(rss / static_cast<double>(state.iterations()));
  std::remove(config.c_str());
  ::rmdir(dir.c_str());
}
BENCHMARK(BM_ReferenceEnbStartupToS1SetupDone)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(10);

}  // namespace

BENCHMARK_MAIN();
