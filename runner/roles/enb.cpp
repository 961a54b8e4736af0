#include "roles/enb.h"

namespace concur::roles {

s1ap::Plmn plmn_of(const std::string& mcc, const std::string& mnc) {
  const auto d = [](char c) { return static_cast<std::uint8_t>(c - '0'); };
  const std::uint8_t mnc3 = mnc.size() == 3 ? d(mnc[2]) : 0xF;
  return {static_cast<std::uint8_t>(d(mcc[1]) << 4 | d(mcc[0])), static_cast<std::uint8_t>(mnc3 << 4 | d(mcc[2])),
          static_cast<std::uint8_t>(d(mnc[1]) << 4 | d(mnc[0]))};
}

EnbIdentity make_enb_identity(const s1ap::Plmn& plmn, std::uint32_t enb_id, std::uint16_t tac, std::string name) {
  EnbIdentity e;
  e.id = {plmn, s1ap::EnbIdKind::macro, enb_id};
  e.tai = {plmn, tac};
  e.ecgi = {plmn, enb_id << 8 | 1};  // 28-bit cell identity: eNB id and cell 1 (TS 36.413 9.2.1.38)
  e.name = std::move(name);
  return e;
}

std::unique_ptr<Enb> Enb::connect(EnbIdentity identity, const transport::SocketAddress& mme,
                                  const transport::SctpOptions& options, const std::string& local_ip, std::string& why) {
  std::unique_ptr<transport::SctpAssociation> a;
  try {
    a = transport::sctp_connect(mme, options, {local_ip, 0});
  } catch (const std::exception& e) {
    why = "eNB " + identity.name + ": cannot start SCTP to " + mme.to_string() + ": " + e.what();
    return nullptr;
  }
  const auto e = a->receive(options.connect_timeout + std::chrono::milliseconds(500));
  if (e.kind != transport::SctpEventKind::association_up) {
    why = "eNB " + identity.name + ": SCTP association to " + mme.to_string() + " did not come up: " +
          transport::to_string(e.kind) + (e.detail.empty() ? "" : " (" + e.detail + ")");
    return nullptr;
  }
  return std::unique_ptr<Enb>(new Enb(std::move(identity), std::move(a)));
}

std::optional<std::string> Enb::send(const s1ap::S1apMessage& m) {
  auto bytes = s1ap::encode(m);
  if (!bytes) return "eNB " + identity_.name + ": cannot encode S1AP: " + bytes.error().to_string();
  const bool non_ue = std::holds_alternative<s1ap::S1SetupRequest>(m) || std::holds_alternative<s1ap::Reset>(m);
  std::uint16_t stream = 0;
  if (!non_ue) {
    const std::uint16_t streams = association_->outbound_streams();
    stream = streams > 1 ? static_cast<std::uint16_t>(1 + (next_ue_stream_ - 1) % (streams - 1)) : 0;
  }
  const auto s = association_->send(stream, transport::kS1apPpid, view_of(*bytes));
  if (!s.ok) return "eNB " + identity_.name + ": SCTP send failed: " + s.error;
  return std::nullopt;
}

s1ap::S1SetupRequest Enb::s1_setup_request() const {
  s1ap::S1SetupRequest r;
  r.global_enb_id = identity_.id;
  r.enb_name = identity_.name;
  r.supported_tas.push_back({identity_.tai.tac, {identity_.tai.plmn}});
  r.default_paging_drx = 1;
  return r;
}

void Enb::close() {
  if (association_ && association_->alive()) association_->shutdown();
}

}  // namespace concur::roles
