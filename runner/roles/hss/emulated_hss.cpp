#include "roles/hss/emulated_hss.h"

#include "codec/diameter/message.h"
#include "security/milenage.h"

namespace concur::roles::hss {

namespace {

/// TS 23.003 19.2: "epc.mnc<MNC>.mcc<MCC>.3gppnetwork.org", a 2-digit MNC padded with a leading 0.
std::string epc_realm(const std::string& mcc, const std::string& mnc) {
  return "epc.mnc" + std::string(mnc.size() == 2 ? "0" : "") + mnc + ".mcc" + mcc + ".3gppnetwork.org";
}

}  // namespace

HssConfig hss_config_from_profile(const profile::SutProfile& p) {
  HssConfig c;
  if (p.hss) {  // what the profile says the SUT expects as its S6a peer
    c.listen = transport::SocketAddress{p.hss->listen.address, p.hss->listen.port};
    c.identity.origin_realm = p.hss->diameter_realm;
    c.identity.origin_host = p.hss->diameter_host;
  } else {
    c.listen = transport::SocketAddress{p.runner_address, transport::kDiameterPort};
    c.identity.origin_realm = epc_realm(p.mcc, p.mnc);
    c.identity.origin_host = "hss." + c.identity.origin_realm;
  }
  // Host-IP-Address (RFC 6733 5.3.5) must be reachable: a wildcard listen address is not.
  c.identity.host_ip_addresses = {c.listen.ip == "0.0.0.0" || c.listen.ip == "::" ? p.runner_address : c.listen.ip};
  for (const auto& s : p.subscribers) {
    SubscriberKeys k{s.imsi, s.k, s.opc ? *s.opc : security::Milenage::opc_from_op(s.k, *s.op), s.amf, s.sqn};
    c.subscribers.push_back(std::move(k));
  }
  return c;
}

EmulatedHss::~EmulatedHss() { stop(); }

void EmulatedHss::start(HssConfig config) {
  stop();
  config_ = std::move(config);
  store_ = std::make_unique<SubscriberStore>(config_.subscribers);
  transport::DiameterOptions options;
  options.tap = tap_;
  listener_ = std::make_unique<transport::DiameterListener>(config_.listen, options);
  if (config_.identity.host_ip_addresses.empty()) config_.identity.host_ip_addresses = {listener_->local().ip};
  service_ = std::make_unique<S6aService>(config_.identity, config_.subscription, *store_, counters_);
  stopping_ = false;
  acceptor_ = std::thread([this] { accept_loop(); });
}

void EmulatedHss::stop() {
  stopping_ = true;
  if (acceptor_.joinable()) acceptor_.join();
  std::vector<std::thread> threads;
  {
    std::lock_guard lock(threads_mutex_);
    threads.swap(connection_threads_);
  }
  for (auto& t : threads) t.join();
  listener_.reset();
}

transport::SocketAddress EmulatedHss::local() const { return listener_ ? listener_->local() : config_.listen; }

void EmulatedHss::accept_loop() {
  while (!stopping_) {
    std::unique_ptr<transport::DiameterConnection> c = listener_->accept(config_.poll);
    if (!c) continue;
    ++accepted_;
    std::shared_ptr<transport::DiameterConnection> shared(std::move(c));
    std::lock_guard lock(threads_mutex_);
    connection_threads_.emplace_back([this, shared] { serve(shared); });
  }
}

void EmulatedHss::serve(std::shared_ptr<transport::DiameterConnection> connection) {
  while (!stopping_ && connection->open()) {
    transport::DiameterEvent e = connection->receive(config_.poll);
    if (e.kind == transport::DiameterEventKind::timeout) continue;
    if (e.kind != transport::DiameterEventKind::message) break;  // closed, or framing broken (closed by transport)
    auto request = diameter::decode(view_of(e.bytes));
    std::optional<diameter::Message> answer;
    if (!request.ok()) {
      if (!e.header.is_request()) continue;  // a broken answer needs no reply
      diameter::Message header_only;
      header_only.flags = e.header.flags;
      header_only.command_code = e.header.command_code;
      header_only.application_id = e.header.application_id;
      header_only.hop_by_hop = e.header.hop_by_hop;
      header_only.end_to_end = e.header.end_to_end;
      answer = service_->answer_undecodable(header_only, request.error().to_string());
    } else {
      answer = service_->answer(*request);
    }
    if (answer && !connection->send(view_of(diameter::encode(*answer)))) break;
    if (request.ok() && request->is_request() && request->command_code == diameter::command::disconnect_peer) break;
  }
  connection->close();
}

}  // namespace concur::roles::hss
