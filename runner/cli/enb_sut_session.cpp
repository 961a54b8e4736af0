#include "cli/enb_sut_session.h"

#include <thread>

#include "cli/reference_sut.h"
#include "roles/enb.h"

namespace concur::cli {

EnbSutSession::Opened EnbSutSession::open(const profile::SutProfile& p, const std::vector<std::string>& violations,
                                          const std::string& work_dir, const std::string& pcap_path) {
  Opened r;
  std::unique_ptr<EnbSutSession> s(new EnbSutSession());
  s->link_.tap = std::make_shared<transport::Tap>();
  transport::SctpOptions o;
  o.backend = transport::parse_sctp_backend(p.enb.sctp_backend);
  o.udp_encapsulation_port = p.enb.udp_encapsulation_port;
  o.connect_timeout = p.timers.guard;
  o.tap = s->link_.tap;
  s->mme_ = roles::Mme::listen({p.enb.listen.address, p.enb.listen.port}, o, roles::plmn_of(p.mcc, p.mnc), r.error);
  if (!s->mme_) return r;
  const bool start_reference = p.enb_trigger.kind == profile::EnbTrigger::Kind::control_socket && p.enb_trigger.path.empty();
  std::string control = p.enb_trigger.path;
  if (start_reference) {
    auto started = ReferenceEnb::start(p, violations, s->mme_->local(), s->mme_->udp_encapsulation_port(), work_dir, pcap_path);
    if (!started.enb) {
      r.error = started.error;
      r.refused = started.refused;
      return r;
    }
    s->reference_ = std::move(started.enb);
    control = s->reference_->control_socket();
  }
  // A real eNB is started by its operator and connects on its own: wait longer for it.
  const auto wait = start_reference ? p.timers.guard : 6 * p.timers.guard;
  if (auto why = s->mme_->accept_enb(wait)) {
    r.error = *why + (s->reference_ ? ": " + s->reference_->transcript() : std::string());
    return r;
  }
  if (s->reference_ && !s->reference_->wait_for_s1_setup(p.timers.guard)) {
    r.error = "the reference eNB did not report S1 SETUP done: " + s->reference_->transcript();
    return r;
  }
  if (p.enb_trigger.kind == profile::EnbTrigger::Kind::control_socket)
    s->link_.control = [control](const std::string& line) {
      const std::string reply = control_request(control, line, std::chrono::milliseconds(3000));
      return reply.empty() ? std::string("error: no reply from ") + control : reply;
    };
  s->link_.mme = s->mme_.get();
  r.session = std::move(s);
  return r;
}

void EnbSutSession::pump_output(std::chrono::milliseconds timeout) {
  if (reference_) reference_->pump_output(timeout);
  else std::this_thread::sleep_for(timeout);
}

EnbSutSession::~EnbSutSession() {
  // Shut the association down before the eNB process goes, so it sees its MME leave cleanly.
  if (mme_ && mme_->connected()) mme_->association().shutdown();
  reference_.reset();  // SIGTERM by PID, bounded wait
}

}  // namespace concur::cli
