// Throughput of the judge (capture read + S1AP/NAS/GTPv2-C decode + adapter + rule monitor) on a
// large generated capture, next to tshark reading the same file. Issue 6 asks for >= 100x tshark.
//
//   bench_judge [UEs=10000] [--keep FILE]
// Each UE: attach with AKA and SMC (128-EEA2/EIA2), S1 handover, re-authentication in
// ECM-CONNECTED with a new SMC, UE Context Modification with a new KeNB, release: 23 S1AP
// messages carrying real encoded NAS. Times are wall clock and process CPU time.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <string>
#include <unistd.h>

#include "capture_ladder.h"
#include "judge/judge.h"
#include "judge/key_material.h"

namespace {

using namespace concur;
using Clock = std::chrono::steady_clock;

struct Timing {
  double wall = 0;
  double cpu = 0;
};

template <class F>
Timing timed(F&& f) {
  const auto w0 = Clock::now();
  const std::clock_t c0 = std::clock();
  f();
  return {std::chrono::duration<double>(Clock::now() - w0).count(),
          static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC};
}

std::size_t generate(const std::string& path, std::size_t ues) {
  judge::test::CaptureLadder l(path);
  for (std::size_t i = 0; i < ues; ++i) {
    judge::test::LadderUe ue;
    ue.enb = static_cast<int>(i % 8) + 1;
    ue.mme_ue_s1ap_id = static_cast<std::uint32_t>(i + 1);
    ue.enb_ue_s1ap_id = static_cast<std::uint32_t>(i + 1);
    l.attach(ue, 0);
    l.s1_handover(ue, static_cast<int>((i + 1) % 8) + 1, l.next_nh(ue));
    l.authenticate(ue, 1);
    l.security_mode_command(ue, 1);
    l.security_mode_complete(ue);
    l.ue_context_modification_request(ue);
    l.ue_context_modification_response(ue);
    l.release(ue);
  }
  return l.messages();
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t ues = 10000;
  std::string keep;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--keep" && i + 1 < argc) {
      keep = argv[++i];
    } else {
      ues = std::stoul(a);
    }
  }
  const std::string path = keep.empty() ? (std::filesystem::temp_directory_path() /
                                           ("concur_bench_judge_" + std::to_string(::getpid()) + ".pcap"))
                                              .string()
                                        : keep;
  std::size_t messages = 0;
  const Timing gen = timed([&] { messages = generate(path, ues); });
  std::printf("capture: %zu UEs, %zu S1AP messages, %.1f MB, generated in %.1f s\n", ues, messages,
              static_cast<double>(std::filesystem::file_size(path)) / 1e6, gen.wall);

  auto run_judge = [&](const judge::KeyMaterial* keys, const char* what) {
    judge::JudgeOptions o;
    o.keys = keys;
    o.keep_trace = false;
    judge::Judgement j;
    const Timing t = timed([&] { j = judge::judge_capture(path, o); });
    std::printf("concur judge (%s): %zu messages, %zu decode errors, %zu deciphered, %zu not inspectable: "
                "%.2f s wall, %.2f s CPU -> %.0f messages/s (wall), %.0f messages/s (CPU)\n",
                what, j.messages, j.decode_errors, j.deciphered, j.not_inspectable, t.wall, t.cpu,
                static_cast<double>(j.messages) / t.wall, static_cast<double>(j.messages) / t.cpu);
    return t;
  };
  const Timing plain = run_judge(nullptr, "no keys");
  const judge::KeyMaterial keys = judge::parse_key_file(judge::test::key_file_text(), "bench keys");
  const Timing keyed = run_judge(&keys, "with K/OPc: AKA, deciphering, exact NH checks");

  // tshark reads and dissects every frame (-q: no per-packet output); its CPU time is that of the
  // child, taken from times() around the call.
  const std::string command = "timeout 1800 tshark -n -r '" + path + "' -q > /dev/null 2>&1";
  int status = 0;
  const Timing ts = timed([&] { status = std::system(command.c_str()); });
  if (status != 0) {
    std::printf("tshark: not run or failed (status %d)\n", status);
  } else {
    std::printf("tshark -r -q: %.2f s wall -> %.0f messages/s\n", ts.wall, static_cast<double>(messages) / ts.wall);
    std::printf("ratio (wall): judge without keys %.1fx tshark, with keys %.1fx tshark\n", ts.wall / plain.wall,
                ts.wall / keyed.wall);
  }
  if (keep.empty()) std::filesystem::remove(path);
  return 0;
}
