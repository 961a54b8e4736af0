// Reading + reassembly throughput of the capture reader on a generated S1-MME capture, and the
// same file through tshark for scale.
//
//   bench_capture_reader [--messages=N] [--no-tshark] [--file=PATH] [google-benchmark flags]
//
// The capture (written with libpcap's pcap_dump) holds N S1AP messages from 16 eNBs to one MME:
// 1 to 4 DATA chunks bundled per SCTP packet, and every 50th message a 3000-octet one split into
// three B/E fragments over three packets. Most messages are an ErrorIndication with an empty IE
// container (000f4003000000: initiatingMessage, procedureCode 15, criticality ignore, as in the
// pcap writer's test), which tshark dissects without complaint.
#include <benchmark/benchmark.h>
#include <pcap/pcap.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "capture/capture_reader.h"
#include "common/byte_writer.h"

namespace {

using concur::Bytes;
using concur::ByteWriter;

std::string g_path = std::string(CONCUR_BENCH_DIR) + "/s1ap_bench.pcap";
std::uint64_t g_messages = 1'000'000;

const Bytes kErrorIndication{0x00, 0x0f, 0x40, 0x03, 0x00, 0x00, 0x00};

Bytes data_chunk(std::uint32_t tsn, std::uint16_t stream, std::uint16_t ssn, const Bytes& payload, std::uint8_t flags) {
  ByteWriter w;
  w.u8(0), w.u8(flags), w.u16(static_cast<std::uint16_t>(16 + payload.size()));
  w.u32(tsn), w.u16(stream), w.u16(ssn), w.u32(18);
  w.bytes(payload);
  while (w.size() % 4) w.u8(0);
  return w.take();
}

Bytes frame(int enb, const std::vector<Bytes>& chunks) {
  ByteWriter sctp;
  sctp.u16(36412), sctp.u16(36412), sctp.u32(0x1000u + static_cast<std::uint32_t>(enb)), sctp.u32(0);
  for (const auto& c : chunks) sctp.bytes(c);
  ByteWriter f;
  f.bytes(Bytes{0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, static_cast<std::uint8_t>(enb)});
  f.u16(0x0800);
  f.u8(0x45), f.u8(0), f.u16(static_cast<std::uint16_t>(20 + sctp.size())), f.u16(0), f.u16(0x4000), f.u8(64), f.u8(132), f.u16(0);
  f.bytes(Bytes{10, 0, 1, static_cast<std::uint8_t>(enb)}), f.bytes(Bytes{10, 0, 0, 1});
  f.bytes(sctp.data());
  return f.take();
}

/// Writes the capture; returns the number of frames.
std::uint64_t generate(const std::string& path, std::uint64_t messages) {
  pcap_t* dead = pcap_open_dead(DLT_EN10MB, 65535);
  pcap_dumper_t* d = pcap_dump_open(dead, path.c_str());
  if (!d) {
    std::fprintf(stderr, "cannot write %s: %s\n", path.c_str(), pcap_geterr(dead));
    std::exit(1);
  }
  struct Enb {
    std::uint32_t tsn = 1;
    std::uint16_t ssn = 0;
  };
  std::vector<Enb> enbs(16);
  Bytes large(3000, 0x5a);
  large[0] = 0x00, large[1] = 0x0c;  // initiatingMessage, InitialUEMessage (only the framing matters here)
  std::uint64_t written = 0, frames = 0, usec = 0;
  auto dump = [&](const Bytes& f) {
    pcap_pkthdr h{};
    usec += 10;
    h.ts.tv_sec = static_cast<time_t>(1'700'000'000 + usec / 1'000'000);
    h.ts.tv_usec = static_cast<suseconds_t>(usec % 1'000'000);
    h.caplen = h.len = static_cast<bpf_u_int32>(f.size());
    pcap_dump(reinterpret_cast<u_char*>(d), &h, f.data());
    ++frames;
  };
  while (written < messages) {
    const int e = static_cast<int>(frames % enbs.size());
    Enb& enb = enbs[static_cast<std::size_t>(e)];
    if (written % 50 == 49) {  // a large message in three fragments, one per packet
      for (int part = 0; part < 3; ++part) {
        const std::uint8_t flags = part == 0 ? 0x02 : part == 2 ? 0x01 : 0x00;
        dump(frame(e, {data_chunk(enb.tsn++, 1, enb.ssn, Bytes(large.begin() + part * 1000, large.begin() + (part + 1) * 1000), flags)}));
      }
      ++enb.ssn, ++written;
      continue;
    }
    const std::uint64_t bundle = std::min<std::uint64_t>(1 + frames % 4, messages - written);
    std::vector<Bytes> chunks;
    for (std::uint64_t i = 0; i < bundle; ++i) chunks.push_back(data_chunk(enb.tsn++, 1, enb.ssn++, kErrorIndication, 0x03));
    dump(frame(e, chunks));
    written += bundle;
  }
  pcap_dump_close(d);
  pcap_close(dead);
  return frames;
}

std::uint64_t read_all(const std::string& path) {
  concur::capture::CaptureReader reader(path);
  std::uint64_t n = 0;
  while (auto m = reader.next()) {
    benchmark::DoNotOptimize(m->bytes.data());
    ++n;
  }
  if (reader.error()) {
    std::fprintf(stderr, "%s\n", reader.error()->to_string().c_str());
    std::exit(1);
  }
  return n;
}

void BM_ReadCaptureWithReassembly(benchmark::State& state) {
  std::uint64_t n = 0;
  for (auto _ : state) n = read_all(g_path);
  if (n != g_messages) state.SkipWithError("reader yielded a different number of messages than were written");
  state.counters["messages"] = static_cast<double>(n);
  state.counters["messages_per_s"] = benchmark::Counter(static_cast<double>(n), benchmark::Counter::kIsIterationInvariantRate);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * std::filesystem::file_size(g_path)));
}
BENCHMARK(BM_ReadCaptureWithReassembly)->Unit(benchmark::kMillisecond)->Iterations(3);

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

/// CPU seconds (user + system) of this process or of its waited-for children: the machine is
/// shared, so wall time alone says more about the neighbours than about the code.
double cpu_seconds(int who) {
  rusage u{};
  getrusage(who, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

}  // namespace

int main(int argc, char** argv) {
  bool run_tshark = true;
  std::vector<char*> rest{argv[0]};
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--messages=", 11) == 0) g_messages = std::strtoull(argv[i] + 11, nullptr, 10);
    else if (std::strcmp(argv[i], "--no-tshark") == 0) run_tshark = false;
    else if (std::strncmp(argv[i], "--file=", 7) == 0) g_path = argv[i] + 7;
    else rest.push_back(argv[i]);
  }
  auto t = std::chrono::steady_clock::now();
  const std::uint64_t frames = generate(g_path, g_messages);
  std::printf("generated %s: %llu S1AP messages in %llu frames, %.1f MB, in %.1f s\n", g_path.c_str(),
              static_cast<unsigned long long>(g_messages), static_cast<unsigned long long>(frames),
              static_cast<double>(std::filesystem::file_size(g_path)) / 1e6, seconds_since(t));

  int rest_argc = static_cast<int>(rest.size());
  benchmark::Initialize(&rest_argc, rest.data());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();

  t = std::chrono::steady_clock::now();
  const double cpu0 = cpu_seconds(RUSAGE_SELF);
  const std::uint64_t ours = read_all(g_path);
  const double ours_s = seconds_since(t), ours_cpu = cpu_seconds(RUSAGE_SELF) - cpu0;
  std::printf("concur reader: %llu messages in %.3f s wall, %.3f s CPU = %.0f messages/s wall, %.0f per CPU second\n",
              static_cast<unsigned long long>(ours), ours_s, ours_cpu, static_cast<double>(ours) / ours_s,
              static_cast<double>(ours) / ours_cpu);
  if (!run_tshark) return 0;
  const std::string cmd = "tshark -n -r '" + g_path + "' -Y s1ap -T fields -e frame.number -e s1ap.procedureCode 2>/dev/null";
  t = std::chrono::steady_clock::now();
  const double child0 = cpu_seconds(RUSAGE_CHILDREN);
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return 1;
  std::uint64_t pdus = 0;
  char buf[1 << 16];
  std::size_t got;
  bool in_codes = false;  // count procedure codes: one per S1AP-PDU, comma-separated within a frame
  while ((got = std::fread(buf, 1, sizeof buf, p)) > 0) {
    for (std::size_t i = 0; i < got; ++i) {
      if (buf[i] == '\t') in_codes = true, ++pdus;
      else if (buf[i] == ',' && in_codes) ++pdus;
      else if (buf[i] == '\n') in_codes = false;
    }
  }
  const int rc = pclose(p);
  const double tshark_s = seconds_since(t), tshark_cpu = cpu_seconds(RUSAGE_CHILDREN) - child0;
  std::printf("tshark -Y s1ap -T fields: %llu S1AP PDUs in %.3f s wall, %.3f s CPU = %.0f messages/s wall (exit %d)\n",
              static_cast<unsigned long long>(pdus), tshark_s, tshark_cpu, static_cast<double>(pdus) / tshark_s, rc);
  std::printf("ratio: concur reader is %.1f x faster than tshark on the same file (wall), %.1f x (CPU)\n",
              tshark_s / ours_s, tshark_cpu / ours_cpu);
  return 0;
}
