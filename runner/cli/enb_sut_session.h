// The eNB side of a run: the runner's MME listening where the eNB profile says, the reference eNB
// started when the profile's eNB trigger has an empty path, the eNB's association accepted and its
// S1 SETUP answered, and the eNB trigger bound to the control socket. It lives for the whole run:
// an eNB keeps one S1 association, and the eNB cases take turns on it (scenario::EnbSut).
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "cli/reference_enb.h"
#include "profile/sut_profile.h"
#include "roles/mme.h"
#include "scenario/enb_sut.h"

namespace concur::cli {

class EnbSutSession {
 public:
  struct Opened {
    std::unique_ptr<EnbSutSession> session;
    std::string error;
    bool refused = false;  ///< the reference eNB refused its arguments
  };
  /// `work_dir`: where the reference eNB's configuration and socket go; `pcap_path`: its own pcap.
  static Opened open(const profile::SutProfile& profile, const std::vector<std::string>& violations, const std::string& work_dir,
                     const std::string& pcap_path);
  ~EnbSutSession();

  scenario::EnbSut& link() { return link_; }
  /// The eNB's S1 address as the MME sees it (the SUT node for the rule monitor).
  transport::SocketAddress enb_address() { return mme_->association().remote(); }
  bool reference_started() const { return reference_ != nullptr; }
  void pump_output(std::chrono::milliseconds timeout);
  std::string transcript() { return reference_ ? reference_->transcript() : std::string(); }

 private:
  EnbSutSession() = default;
  std::unique_ptr<roles::Mme> mme_;
  std::unique_ptr<ReferenceEnb> reference_;
  scenario::EnbSut link_;
};

}  // namespace concur::cli
