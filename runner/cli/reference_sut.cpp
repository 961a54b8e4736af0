#include "cli/reference_sut.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "security/milenage.h"
#include "transport/control_line.h"

namespace concur::cli {

std::string reference_mme_config(const profile::SutProfile& p, const std::string& control_socket, const std::string& pcap_path,
                                 const GtpcPeers& peers) {
  std::ostringstream x;
  x << "<?xml version=\"1.0\"?>\n<!-- written by concur run from the SUT profile " << p.source_file << " -->\n"
    << "<mme name=\"" << p.name << "\">\n"
    << "  <s1 address=\"" << p.s1.address << "\" port=\"" << p.s1.port << "\" backend=\"" << p.s1.sctp_backend
    << "\" udp_port=\"" << (p.s1.sctp_backend == "userspace_udp" ? p.s1.udp_encapsulation_port : 0) << "\"/>\n"
    << "  <plmn mcc=\"" << p.mcc << "\" mnc=\"" << p.mnc << "\"/>\n";
  for (auto tac : p.tacs) x << "  <tai tac=\"" << tac << "\"/>\n";
  std::string integrity, ciphering;
  for (const auto& a : p.integrity) integrity += (integrity.empty() ? "" : ",") + a;
  for (const auto& a : p.ciphering) ciphering += (ciphering.empty() ? "" : ",") + a;
  x << "  <nas integrity=\"" << integrity << "\" ciphering=\"" << ciphering << "\"/>\n"
    << "  <timers t3460_ms=\"" << p.timers.sut_t3460.count() << "\" s1ap_guard_ms=\"" << p.timers.sut_s1ap_guard.count()
    << "\" rule_wait_ms=\"" << p.timers.sut_rule_wait.count() << "\"/>\n";
  for (const auto& s : p.subscribers) {
    const security::Key128 opc = s.opc ? *s.opc : security::Milenage::opc_from_op(s.k, *s.op);
    // The MME's own HSS needs the real keys: this file lives in the run's private work folder.
    x << "  <subscriber imsi=\"" << s.imsi << "\" k=\"" << s.k.reveal_hex() << "\" opc=\"" << opc.reveal_hex() << "\" amf=\""
      << to_hex(ByteView(s.amf.data(), 2)) << "\" sqn=\"" << s.sqn << "\"/>\n";
  }
  // S10 and S3 share the MME's one GTPv2-C endpoint; its peers are the runner's roles.
  const auto& own = p.s10 ? p.s10 : p.s3;
  if (own && (peers.peer_mme || peers.sgsn)) {
    x << "  <gtpc address=\"" << own->address << "\" port=\"" << own->port << "\">\n";
    if (peers.peer_mme && p.peer_mme) {
      x << "    <peer_mme address=\"" << peers.peer_mme->ip << "\" port=\"" << peers.peer_mme->port << "\">";
      for (auto tac : p.peer_mme->tacs) x << "<tai tac=\"" << tac << "\"/>";
      x << "</peer_mme>\n";
    }
    if (peers.sgsn && p.sgsn)
      x << "    <sgsn address=\"" << peers.sgsn->ip << "\" port=\"" << peers.sgsn->port << "\"><rai lac=\"" << p.sgsn->lac
        << "\" rac=\"" << static_cast<unsigned>(p.sgsn->rac) << "\"/></sgsn>\n";
    x << "  </gtpc>\n";
  }
  x << "  <control socket=\"" << control_socket << "\"/>\n";
  if (!pcap_path.empty()) x << "  <capture pcap=\"" << pcap_path << "\"/>\n";
  x << "</mme>\n";
  return x.str();
}

std::string reference_mme_path() {
#ifdef CONCUR_REFERENCE_MME_BUILD_PATH
  return companion_binary("concur-reference-mme", CONCUR_REFERENCE_MME_BUILD_PATH);
#else
  return companion_binary("concur-reference-mme", nullptr);
#endif
}

std::string control_request(const std::string& socket_path, const std::string& line, std::chrono::milliseconds timeout) {
  return transport::control_line_request(socket_path, line, timeout).value_or("");
}

ReferenceSut::Started ReferenceSut::start(const profile::SutProfile& profile, const std::vector<std::string>& violations,
                                          const std::string& work_dir, const std::string& pcap_path, const GtpcPeers& peers) {
  Started r;
  std::unique_ptr<ReferenceSut> sut(new ReferenceSut());
  sut->control_ = work_dir + "/mme-control.sock";
  const std::string config = work_dir + "/reference-mme.xml";
  {
    std::ofstream f(config);
    f << reference_mme_config(profile, sut->control_, pcap_path, peers);
    if (!f) {
      r.error = "cannot write " + config;
      return r;
    }
  }
  std::vector<std::string> argv{reference_mme_path(), "--config", config};
  for (const auto& v : violations) {
    argv.push_back("--violate");
    argv.push_back(v);
  }
  sut->process_ = ChildProcess::spawn(argv, r.error);
  if (!sut->process_) return r;
  if (const auto line = sut->process_->wait_for_line("listening ", std::chrono::milliseconds(10000))) {
    // "gtpc listening IP PORT" (S10/S3) comes before the S1 "listening" line: it is in the transcript.
    std::istringstream lines(sut->process_->transcript());
    for (std::string l; std::getline(lines, l);) {
      if (l.rfind("gtpc listening ", 0) != 0) continue;
      std::istringstream g_in(l.substr(15));
      transport::SocketAddress g;
      unsigned g_port = 0;
      if (g_in >> g.ip >> g_port) {
        g.port = static_cast<std::uint16_t>(g_port);
        sut->gtpc_ = g;
      }
    }
    std::istringstream in(line->substr(10));
    unsigned port = 0, udp = 0;
    in >> sut->s1_.ip >> port >> udp;
    sut->s1_.port = static_cast<std::uint16_t>(port);
    sut->udp_port_ = static_cast<std::uint16_t>(udp);
    r.sut = std::move(sut);
    return r;
  }
  // It closed its output or stayed silent: give it a bounded moment to exit and say why.
  const auto status = sut->process_->exit_status(std::chrono::milliseconds(2000));
  r.refused = status && *status == 2;
  r.error = "concur-reference-mme (" + argv[0] + ") did not start listening" +
            (status ? " (exit " + std::to_string(*status) + ")" : "") + ": " + sut->process_->transcript();
  return r;
}

}  // namespace concur::cli
