// Transport figures: framing cost, and round trips on loopback through each transport.
// SCTP uses one usrsctp stack talking to itself over UDP encapsulation (a benchmark measures the
// stack and the wrapper, not a second process).
#include <benchmark/benchmark.h>

#include "transport/diameter_tcp.h"
#include "transport/gtpc_endpoint.h"
#include "transport/sctp.h"

using namespace concur;
using namespace concur::transport;
using namespace std::chrono_literals;

namespace {

// Captured DWR (orion-belt/tempo quectel.pcap frame 22), 92 octets.
const Bytes kDwr = from_hex(
    "0100005c80000118000000007fec2d5e22a3a56000000108400000206d6d652e6f70656e616972696e746572666163652e6f7267"
    "000001284000001c6f70656e616972696e746572666163652e6f7267000001164000000c603e422a");

void BM_DiameterFramerStream(benchmark::State& state) {
  Bytes stream;
  for (int i = 0; i < 1000; ++i) stream.insert(stream.end(), kDwr.begin(), kDwr.end());
  const std::size_t piece = static_cast<std::size_t>(state.range(0));
  for (auto _ : state) {
    DiameterFramer f;
    std::size_t messages = 0;
    for (std::size_t at = 0; at < stream.size(); at += piece) {
      f.feed(ByteView(stream).subspan(at, std::min(piece, stream.size() - at)));
      while (true) {
        auto m = f.next();
        if (!m.ok() || !m->has_value()) break;
        ++messages;
      }
    }
    benchmark::DoNotOptimize(messages);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * stream.size()));
}
BENCHMARK(BM_DiameterFramerStream)->Arg(1)->Arg(1460)->Arg(65536);

void BM_GtpcRequestReplyLoopback(benchmark::State& state) {
  GtpcOptions o;
  o.local = {"127.0.0.1", 0};
  GtpcEndpoint a(o);
  GtpcEndpoint b(o);
  for (auto _ : state) {
    const std::uint32_t seq = a.next_sequence();
    Bytes req = {0x48, 133, 0, 8, 0, 0, 0, 1, static_cast<std::uint8_t>(seq >> 16), static_cast<std::uint8_t>(seq >> 8),
                 static_cast<std::uint8_t>(seq), 0};
    a.send_request(b.local(), req);
    const GtpcEvent in = b.receive(2s);
    Bytes rep = in.bytes;
    rep[1] = 134;
    b.send_reply(in.peer, rep);
    if (a.receive(2s).kind != GtpcEventKind::reply) state.SkipWithError("no reply");
  }
}
BENCHMARK(BM_GtpcRequestReplyLoopback)->UseRealTime();

void BM_DiameterRoundTripLoopback(benchmark::State& state) {
  DiameterListener l({"127.0.0.1", 0}, {});
  auto client = diameter_connect(l.local(), {});
  auto server = l.accept(2s);
  for (auto _ : state) {
    client->send(view_of(kDwr));
    const DiameterEvent e = server->receive(2s);
    server->send(view_of(e.bytes));
    if (client->receive(2s).kind != DiameterEventKind::message) state.SkipWithError("no answer");
  }
}
BENCHMARK(BM_DiameterRoundTripLoopback)->UseRealTime();

void BM_SctpUserspaceUdpRoundTrip(benchmark::State& state) {
  SctpOptions o;
  o.backend = SctpBackend::userspace_udp;
  auto listener = sctp_listen({"127.0.0.1", 0}, o);
  o.remote_udp_encapsulation_port = listener->udp_encapsulation_port();
  auto client = sctp_connect(listener->local(), o, {"127.0.0.1", 0});
  auto server = listener->accept(5s);
  if (!server || client->receive(5s).kind != SctpEventKind::association_up ||
      server->receive(5s).kind != SctpEventKind::association_up) {
    state.SkipWithError("association did not come up");
    return;
  }
  const Bytes payload(static_cast<std::size_t>(state.range(0)), 0x5A);
  for (auto _ : state) {
    client->send(1, kS1apPpid, view_of(payload));
    const SctpEvent e = server->receive(5s);
    server->send(e.stream, e.ppid, view_of(e.bytes));
    if (client->receive(5s).kind != SctpEventKind::message) state.SkipWithError("no echo");
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * payload.size() * 2));
}
BENCHMARK(BM_SctpUserspaceUdpRoundTrip)->Arg(200)->Arg(100 * 1024)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
