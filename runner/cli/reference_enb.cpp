#include "cli/reference_enb.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace concur::cli {

std::string reference_enb_config(const profile::SutProfile& p, const transport::SocketAddress& mme, std::uint16_t mme_udp_port,
                                 const std::string& control_socket, const std::string& pcap_path) {
  std::ostringstream x;
  x << "<?xml version=\"1.0\"?>\n<!-- written by concur run from the SUT profile " << p.source_file << " -->\n"
    << "<enb name=\"" << p.name << "\">\n"
    << "  <s1 mme_address=\"" << mme.ip << "\" mme_port=\"" << mme.port << "\" backend=\"" << p.enb.sctp_backend
    << "\" mme_udp_port=\"" << mme_udp_port << "\" local_address=\"" << p.runner_address << "\" udp_port=\"0\"/>\n"
    << "  <plmn mcc=\"" << p.mcc << "\" mnc=\"" << p.mnc << "\"/>\n"
    << "  <cell enb_id=\"" << p.first_enb_id << "\" cell=\"1\" tac=\"" << p.tacs.front() << "\" pci=\"1\" earfcn_dl=\"100\"/>\n"
    << "  <s1u address=\"" << p.runner_address << "\"/>\n"
    << "  <reconfiguration duration_ms=\"100\" hold=\"true\"/>\n"
    << "  <timers ts1relocprep_ms=\"" << p.timers.guard.count() << "\" ts1relocoverall_ms=\"" << 2 * p.timers.guard.count()
    << "\" handover_queue_ms=\"" << p.timers.guard.count() << "\"/>\n"
    << "  <control socket=\"" << control_socket << "\"/>\n";
  if (!pcap_path.empty()) x << "  <capture pcap=\"" << pcap_path << "\"/>\n";
  x << "</enb>\n";
  return x.str();
}

std::string reference_enb_path() {
#ifdef CONCUR_REFERENCE_ENB_BUILD_PATH
  return companion_binary("concur-reference-enb", CONCUR_REFERENCE_ENB_BUILD_PATH);
#else
  return companion_binary("concur-reference-enb", nullptr);
#endif
}

ReferenceEnb::Started ReferenceEnb::start(const profile::SutProfile& profile, const std::vector<std::string>& violations,
                                          const transport::SocketAddress& mme, std::uint16_t mme_udp_port, const std::string& work_dir,
                                          const std::string& pcap_path) {
  Started r;
  std::unique_ptr<ReferenceEnb> enb(new ReferenceEnb());
  enb->control_ = work_dir + "/enb-control.sock";
  const std::string config = work_dir + "/reference-enb.xml";
  {
    std::ofstream f(config);
    f << reference_enb_config(profile, mme, mme_udp_port, enb->control_, pcap_path);
    if (!f) {
      r.error = "cannot write " + config;
      return r;
    }
  }
  std::vector<std::string> argv{reference_enb_path(), "--config", config};
  for (const auto& v : violations) {
    argv.push_back("--violate");
    argv.push_back(v);
  }
  enb->process_ = ChildProcess::spawn(argv, r.error);
  if (!enb->process_) return r;
  if (enb->process_->wait_for_line("ready ", std::chrono::milliseconds(10000))) {
    r.enb = std::move(enb);
    return r;
  }
  const auto status = enb->process_->exit_status(std::chrono::milliseconds(2000));
  r.refused = status && *status == 2;
  r.error = "concur-reference-enb (" + argv[0] + ") did not get ready" + (status ? " (exit " + std::to_string(*status) + ")" : "") +
            ": " + enb->process_->transcript();
  return r;
}

}  // namespace concur::cli
