#include "mme_process.h"
#include "transport/control_line.h"

#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace concur::reference::testing {

MmeProcess::MmeProcess(const MmeOptions& options) {
  char tmpl[] = "/tmp/concur-reference-XXXXXX";
  dir_ = ::mkdtemp(tmpl);
  control_path_ = dir_ + "/control.sock";
  const std::string config = dir_ + "/mme.xml";
  std::ofstream(config) << "<?xml version=\"1.0\"?>\n"
                        << "<mme name=\"reference-under-test\">\n"
                        << "  <s1 address=\"127.0.0.1\" port=\"0\" backend=\"" << options.backend << "\"/>\n"
                        << "  <plmn mcc=\"001\" mnc=\"01\"/>\n"
                        << "  <mme_id group=\"32769\" code=\"1\"/>\n"
                        << "  <tai tac=\"1\"/>\n  <tai tac=\"2\"/>\n"
                        << "  <nas integrity=\"eia2,eia1\" ciphering=\"eea2,eea0\"/>\n"
                        << "  " << options.timers << "\n"
                        << "  <subscriber imsi=\"" << kImsi << "\" k=\"" << kK << "\" opc=\"" << kOpc
                        << "\" amf=\"8000\" sqn=\"0\"/>\n"
                        << "  <control socket=\"" << control_path_ << "\"/>\n"
                        << "  <capture pcap=\"" << dir_ << "/mme.pcap\"/>\n"
                        << options.extra_xml << "</mme>\n";
  std::vector<std::string> argv{CONCUR_REFERENCE_MME, "--config", config};
  argv.insert(argv.end(), options.arguments.begin(), options.arguments.end());
  child_ = std::make_unique<transport::testing::ChildProcess>(argv);
  const auto line = child_->wait_for_line("listening ", std::chrono::milliseconds(10000));
  if (!line) return;
  std::istringstream in(line->substr(10));
  unsigned port = 0, udp = 0;
  in >> address_.ip >> port >> udp;
  address_.port = static_cast<std::uint16_t>(port);
  udp_port_ = static_cast<std::uint16_t>(udp);
  started_ = true;
}

MmeProcess::~MmeProcess() {
  child_->stop();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

std::optional<std::string> MmeProcess::control(const std::string& command, std::chrono::milliseconds timeout) {
  return transport::control_line_request(control_path_, command, timeout);
}

std::optional<std::string> MmeProcess::wait_for_status(const std::string& needle, std::chrono::milliseconds timeout) {
  return transport::control_line_wait_for(control_path_, "status", needle, timeout);
}

std::optional<int> MmeProcess::terminate(std::chrono::milliseconds timeout) {
  ::kill(child_->pid(), SIGTERM);
  return child_->wait_exit(timeout);
}

RefusedStart start_with_config(const std::string& file_name, const std::string& xml) {
  char tmpl[] = "/tmp/concur-reference-config-XXXXXX";
  const std::string dir = ::mkdtemp(tmpl);
  const std::string path = dir + "/" + file_name;
  std::ofstream(path) << xml;
  transport::testing::ChildProcess p({CONCUR_REFERENCE_MME, "--config", path});
  RefusedStart r;
  r.status = p.wait_exit(std::chrono::seconds(10));
  while (p.read_line(std::chrono::milliseconds(100))) {
  }
  r.transcript = p.transcript();
  std::filesystem::remove_all(dir);
  return r;
}

}  // namespace concur::reference::testing
