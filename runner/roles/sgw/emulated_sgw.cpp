#include "roles/sgw/emulated_sgw.h"

#include <arpa/inet.h>

#include <stdexcept>

namespace concur::roles::sgw {

namespace {
std::optional<gtpv2::Ipv4> ipv4_of(const std::string& text) {
  gtpv2::Ipv4 a{};
  if (inet_pton(AF_INET, text.c_str(), a.data()) != 1) return std::nullopt;
  return a;
}
}  // namespace

SgwConfig sgw_config_from_profile(const profile::SutProfile& p) {
  SgwConfig c;
  c.listen = p.sgw ? transport::SocketAddress{p.sgw->listen.address, p.sgw->listen.port}
                   : transport::SocketAddress{p.runner_address, transport::kGtpcPort};
  const auto v4 = ipv4_of(c.listen.ip);
  if (!v4) throw std::invalid_argument("emulated SGW: address " + c.listen.ip + " is not IPv4");
  c.addressing.s11_address = *v4;
  c.addressing.s1u_address = *v4;
  if (p.sgw && p.sgw->reply_to_sut_port && p.s11) c.also_reply_to = transport::SocketAddress{p.s11->address, p.s11->port};
  return c;
}

EmulatedSgw::~EmulatedSgw() { stop(); }

void EmulatedSgw::start(SgwConfig config) {
  stop();
  config_ = std::move(config);
  if (const auto v4 = ipv4_of(config_.listen.ip); v4 && config_.listen.ip != "0.0.0.0")
    config_.addressing.s11_address = *v4;
  transport::GtpcOptions options;
  options.local = config_.listen;
  options.tap = tap_;
  endpoint_ = std::make_unique<transport::GtpcEndpoint>(options);
  local_ = endpoint_->local();
  service_ = std::make_unique<S11Service>(config_.addressing, counters_);
  stopping_ = false;
  thread_ = std::thread([this] { serve(); });
}

void EmulatedSgw::stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
  endpoint_.reset();
}

void EmulatedSgw::serve() {
  while (!stopping_) {
    transport::GtpcEvent e = endpoint_->receive(config_.poll);
    if (e.kind != transport::GtpcEventKind::request) continue;  // duplicates are answered by the endpoint
    auto request = gtpv2::decode(view_of(e.bytes));
    const std::optional<gtpv2::GtpMessage> reply =
        request.ok() ? service_->answer(*request) : service_->answer_undecodable(e.message_type, e.sequence);
    if (!reply) continue;
    Bytes bytes = gtpv2::encode(*reply);
    // A copy for a peer that does not read replies on its request's source port; the cached reply
    // for duplicates stays keyed to the source, as TS 29.274 7.2.1 has it.
    if (config_.also_reply_to && !(*config_.also_reply_to == e.peer)) endpoint_->send_unacknowledged(*config_.also_reply_to, bytes);
    endpoint_->send_reply(e.peer, std::move(bytes));
  }
}

}  // namespace concur::roles::sgw
