// The reference MME's footprint: heap bytes per attached UE context (N UEs attached in-process
// through ReferenceMme, each with its own AKA, NAS SMC, INITIAL CONTEXT SETUP and ATTACH COMPLETE,
// counted by a global operator new/delete) and the process start-up time (spawn of
// concur-reference-mme to its "listening" line, userspace SCTP on loopback).
#include <benchmark/benchmark.h>
#include <malloc.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <new>
#include <string>

#include "codec/nas/pdu.h"
#include "codec/s1ap/messages.h"
#include "config.h"
#include "mme.h"
#include "security/aka.h"
#include "security/nas_security.h"

// --- live heap bytes: every allocation of the program goes through here ------------------------
namespace {
std::atomic<long long> g_live_bytes{0};
}  // namespace

void* operator new(std::size_t n) {
  void* p = std::malloc(n == 0 ? 1 : n);
  if (!p) throw std::bad_alloc();
  g_live_bytes.fetch_add(static_cast<long long>(malloc_usable_size(p)), std::memory_order_relaxed);
  return p;
}
// Not inlined: inlined into a caller, g++ 12 sees free() on what `operator new` returned and
// warns (-Wmismatched-new-delete) without knowing this `new` is the malloc above.
__attribute__((noinline)) void operator delete(void* p) noexcept {
  if (!p) return;
  g_live_bytes.fetch_sub(static_cast<long long>(malloc_usable_size(p)), std::memory_order_relaxed);
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept { operator delete(p); }

namespace {

using namespace concur;
namespace ref = concur::reference;

const char* kK = "465b5ce8b199b49faa5f0a2ee238a6bc";  // TS 35.208 Test Set 1
const char* kOpc = "cd63cb71954a9f4e48a5994e37a02baf";
const s1ap::Plmn kPlmn{0x00, 0xf1, 0x10};

std::string imsi_of(int i) {
  char b[16];
  std::snprintf(b, sizeof b, "00101%010d", i);
  return b;
}

ref::MmeConfig config_with(int subscribers) {
  ref::MmeConfig c;
  c.served_tacs = {1};
  for (int i = 0; i < subscribers; ++i) {
    ref::SubscriberConfig s;
    s.imsi = imsi_of(i);
    s.k = security::Key128::from_hex(kK);
    s.opc = security::Key128::from_hex(kOpc);
    c.subscribers.push_back(s);
  }
  return c;
}

/// Feeds one S1AP message to the MME as the eNB on association 1; returns what came back.
std::vector<ref::Outgoing> feed(ref::ReferenceMme& mme, const s1ap::S1apMessage& m) {
  return mme.on_s1ap(1, view_of(*s1ap::encode(m)), ref::Clock::now());
}

template <class T>
const T* first_of(const std::vector<ref::Outgoing>& out) {
  for (const auto& o : out)
    if (const auto* t = std::get_if<T>(&o.message)) return t;
  return nullptr;
}

/// One UE attached through the MME's own procedures; false if any step did not happen.
bool attach_one(ref::ReferenceMme& mme, int i) {
  const std::uint32_t enb_id = static_cast<std::uint32_t>(i + 1);
  security::Milenage usim(security::Key128::from_hex(kK), security::Key128::from_hex(kOpc));
  security::UsimSqnWindow window;
  const auto sn = security::ServingNetworkId::from_digits("001", "01");

  nas::PdnConnectivityRequest pdn;
  pdn.header = {0, 1};
  nas::AttachRequest a;
  a.nas_ksi = {false, nas::NasKeySetIdentifier::no_key_available};
  a.eps_mobile_identity = nas::EpsMobileIdentity::from_imsi(imsi_of(i));
  a.ue_network_capability.octets = {0xE0, 0xE0};
  a.esm_message_container = nas::encode(nas::NasMessage(pdn));
  s1ap::InitialUeMessage initial;
  initial.enb_ue_s1ap_id = enb_id;
  initial.nas_pdu = nas::encode(nas::NasMessage(a));
  initial.tai = {kPlmn, 1};
  initial.eutran_cgi = {kPlmn, 0x100};
  auto out = feed(mme, initial);
  const auto* dl = first_of<s1ap::DownlinkNasTransport>(out);
  if (!dl) return false;
  const std::uint32_t mme_id = dl->mme_ue_s1ap_id;
  const auto uplink = [&](const Bytes& pdu) {
    s1ap::UplinkNasTransport ul;
    ul.mme_ue_s1ap_id = mme_id;
    ul.enb_ue_s1ap_id = enb_id;
    ul.nas_pdu = pdu;
    ul.tai = initial.tai;
    ul.eutran_cgi = initial.eutran_cgi;
    return feed(mme, ul);
  };

  nas::DecodeOptions o;
  o.direction = nas::Direction::downlink;
  auto auth_pdu = nas::decode(view_of(dl->nas_pdu), o);
  if (!auth_pdu || !auth_pdu->message) return false;
  const auto* auth = std::get_if<nas::AuthenticationRequest>(&*auth_pdu->message);
  if (!auth) return false;
  security::Rand rand{};
  security::Autn autn{};
  std::copy(auth->rand.begin(), auth->rand.end(), rand.begin());
  std::copy(auth->autn.begin(), auth->autn.end(), autn.begin());
  const auto outcome = security::ue_authenticate(usim, window, rand, autn, sn);
  const auto* ok = std::get_if<security::AkaSuccess>(&outcome);
  if (!ok) return false;
  nas::AuthenticationResponse res;
  res.res.assign(ok->res.begin(), ok->res.end());
  out = uplink(nas::encode(nas::NasMessage(res)));

  dl = first_of<s1ap::DownlinkNasTransport>(out);
  if (!dl) return false;
  auto smc_pdu = nas::decode(view_of(dl->nas_pdu), o);
  if (!smc_pdu || !smc_pdu->message) return false;
  const auto* smc = std::get_if<nas::SecurityModeCommand>(&*smc_pdu->message);
  if (!smc) return false;
  security::NasSecurityContext ctx(smc->nas_ksi.ksi, ok->kasme,
                                   static_cast<security::CipheringAlgorithm>(smc->selected_nas_security_algorithms.ciphering),
                                   static_cast<security::IntegrityAlgorithm>(smc->selected_nas_security_algorithms.integrity));
  ctx.set_next_count(security::Direction::downlink, 1);
  out = uplink(security::protect(ctx, security::Direction::uplink,
                                 security::SecurityHeaderType::integrity_protected_ciphered_new_context,
                                 view_of(nas::encode(nas::NasMessage(nas::SecurityModeComplete{})))));
  if (!first_of<s1ap::InitialContextSetupRequest>(out)) return false;
  s1ap::InitialContextSetupResponse r;
  r.mme_ue_s1ap_id = mme_id;
  r.enb_ue_s1ap_id = enb_id;
  r.e_rabs_setup.push_back({5, {127, 0, 0, 10}, 0x5000 + enb_id});
  feed(mme, r);
  uplink(security::protect(ctx, security::Direction::uplink, security::SecurityHeaderType::integrity_protected_ciphered,
                           view_of(nas::encode(nas::NasMessage(nas::AttachComplete{})))));
  return true;
}

void BM_HeapBytesPerAttachedUeContext(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  double per_ue = 0;
  for (auto _ : state) {
    state.PauseTiming();
    auto mme = std::make_unique<ref::ReferenceMme>(config_with(n));
    mme->enb_connected(1);
    s1ap::S1SetupRequest setup;
    setup.global_enb_id = {kPlmn, s1ap::EnbIdKind::macro, 1};
    setup.supported_tas.push_back({1, {kPlmn}});
    feed(*mme, setup);
    state.ResumeTiming();
    const long long before = g_live_bytes.load();
    for (int i = 0; i < n; ++i) {
      if (!attach_one(*mme, i)) {
        state.SkipWithError(("attach " + std::to_string(i) + " failed").c_str());
        return;
      }
    }
    const long long after = g_live_bytes.load();
    if (mme->ue_count() != static_cast<std::size_t>(n)) {
      state.SkipWithError("not every UE has a context");
      return;
    }
    per_ue = static_cast<double>(after - before) / n;
    state.PauseTiming();
    mme.reset();
    state.ResumeTiming();
  }
  state.counters["heap_bytes_per_ue"] = per_ue;
  state.counters["attaches_per_s"] = benchmark::Counter(static_cast<double>(n) * state.iterations(), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_HeapBytesPerAttachedUeContext)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond)->Iterations(3);

/// Spawn to the "listening" line of concur-reference-mme, then SIGTERM by PID and reap.
void BM_ProcessStartupToListening(benchmark::State& state) {
  const auto dir = std::filesystem::temp_directory_path() / ("concur-bench-mme-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string config = (dir / "mme.xml").string();
  std::ofstream(config) << "<mme><s1 address=\"127.0.0.1\" port=\"0\" backend=\"userspace_udp\"/>"
                        << "<plmn mcc=\"001\" mnc=\"01\"/><tai tac=\"1\"/>"
                        << "<subscriber imsi=\"001010000000001\" k=\"" << kK << "\" opc=\"" << kOpc << "\"/></mme>\n";
  for (auto _ : state) {
    int out[2];
    if (::pipe(out) != 0) return state.SkipWithError("pipe");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    const char* argv[] = {CONCUR_REFERENCE_MME, "--config", config.c_str(), nullptr};
    pid_t pid = -1;
    const auto start = std::chrono::steady_clock::now();
    const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, const_cast<char* const*>(argv), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(out[1]);
    if (rc != 0) {
      ::close(out[0]);
      return state.SkipWithError("spawn failed");
    }
    std::string text;
    bool listening = false;
    const auto deadline = start + std::chrono::seconds(10);
    while (!listening && std::chrono::steady_clock::now() < deadline) {
      pollfd p{out[0], POLLIN, 0};
      if (::poll(&p, 1, 1000) <= 0) continue;
      char buf[512];
      const ssize_t got = ::read(out[0], buf, sizeof buf);
      if (got <= 0) break;
      text.append(buf, static_cast<std::size_t>(got));
      listening = text.find("listening ") != std::string::npos;
    }
    const auto elapsed = std::chrono::steady_clock::now() - start;
    ::kill(pid, SIGTERM);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ::close(out[0]);
    if (!listening) return state.SkipWithError(("no listening line: " + text).c_str());
    state.SetIterationTime(std::chrono::duration<double>(elapsed).count());
  }
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_ProcessStartupToListening)->UseManualTime()->Iterations(5)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
