#include "cli/core_roles.h"

#include <thread>

namespace concur::cli {

CoreRoles::CoreRoles(const profile::SutProfile& profile) {
  if (profile.hss) {
    const roles::hss::HssConfig config = roles::hss::hss_config_from_profile(profile);
    hss_identity_ = config.identity.origin_host;
    hss_ = std::make_unique<roles::hss::EmulatedHss>(tap_);
    try {
      hss_->start(config);
    } catch (const std::exception& e) {
      hss_.reset();
      throw CoreRolesError("the emulated HSS (S6a, Diameter over TCP) cannot listen on " + config.listen.to_string() + ": " +
                           e.what() + " (profile " + profile.source_file + ", <runner><hss>)");
    }
  }
  if (profile.sgw) {
    roles::sgw::SgwConfig config;
    try {
      config = roles::sgw::sgw_config_from_profile(profile);
    } catch (const std::exception& e) {
      stop();
      throw CoreRolesError(std::string("the emulated SGW-C (S11): ") + e.what());
    }
    sgw_ = std::make_unique<roles::sgw::EmulatedSgw>(tap_);
    try {
      sgw_->start(config);
    } catch (const std::exception& e) {
      sgw_.reset();
      stop();  // the HSS is already serving: a run that will not happen must not leave it
      throw CoreRolesError("the emulated SGW-C (S11, GTPv2-C over UDP) cannot listen on " + config.listen.to_string() + ": " +
                           e.what() + " (profile " + profile.source_file + ", <runner><sgw>)");
    }
  }
}

void CoreRoles::stop() {
  if (hss_) hss_->stop();
  if (sgw_) sgw_->stop();
}

std::optional<transport::SocketAddress> CoreRoles::hss() const {
  return hss_ ? std::optional(hss_->local()) : std::nullopt;
}

std::optional<transport::SocketAddress> CoreRoles::sgw() const {
  return sgw_ ? std::optional(sgw_->local()) : std::nullopt;
}

bool CoreRoles::wait_for_s6a_peer(std::chrono::milliseconds limit, const std::atomic<bool>* stop) const {
  if (!hss_) return true;
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (hss_->counters().cer.load() == 0) {
    if (std::chrono::steady_clock::now() >= deadline || (stop && stop->load())) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return true;
}

std::string CoreRoles::describe() const {
  std::string out;
  if (hss_) out += "emulated HSS (S6a, Diameter identity " + hss_identity_ + ") listening on TCP " + hss_->local().to_string() + "\n";
  if (sgw_) out += "emulated SGW-C (S11) listening on UDP " + sgw_->local().to_string() + "\n";
  return out;
}

CoreRoles::Feed CoreRoles::feed(const std::shared_ptr<transport::Tap>& case_tap) {
  // The observer holds the case tap weakly: a case that ended without ending its feed loses
  // nothing but the forwarding.
  std::weak_ptr<transport::Tap> to = case_tap;
  const int id = tap_->add([to](const transport::TapRecord& r) {
    if (auto t = to.lock()) t->report(r);
  });
  return Feed(tap_, id);
}

CoreRoles::Feed& CoreRoles::Feed::operator=(Feed&& o) noexcept {
  if (this != &o) {
    end();
    from_ = std::move(o.from_);
    id_ = o.id_;
    o.id_ = 0;
  }
  return *this;
}

void CoreRoles::Feed::end() {
  if (from_ && id_ != 0) from_->remove(id_);
  from_.reset();
  id_ = 0;
}

}  // namespace concur::cli
