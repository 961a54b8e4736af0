#include "roles/mme.h"

#include "security/aka.h"
#include "security/milenage.h"

namespace concur::roles {

std::unique_ptr<Mme> Mme::listen(const transport::SocketAddress& local, const transport::SctpOptions& options,
                                 const s1ap::Plmn& plmn, std::string& why) {
  try {
    auto l = transport::sctp_listen(local, options);
    return std::unique_ptr<Mme>(new Mme(std::move(l), plmn));
  } catch (const std::exception& e) {
    why = "MME: cannot listen for SCTP on " + local.to_string() + ": " + e.what();
    return nullptr;
  }
}

std::optional<std::string> Mme::accept_enb(std::chrono::milliseconds timeout) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  const auto left = [&] {
    return std::max(std::chrono::milliseconds(0),
                    std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now()));
  };
  association_ = listener_->accept(left());
  if (!association_)
    return "MME: no eNB connected to " + local().to_string() + " within " + std::to_string(timeout.count()) + " ms";
  while (left().count() > 0) {
    auto e = association_->receive(left());
    if (e.kind == transport::SctpEventKind::association_up || e.kind == transport::SctpEventKind::timeout) continue;
    if (e.kind != transport::SctpEventKind::message)
      return "MME: the eNB's association ended before S1 SETUP: " + std::string(transport::to_string(e.kind)) + " " + e.detail;
    auto m = s1ap::decode_pdu(view_of(e.bytes));
    if (!m) return "MME: undecodable S1AP from the eNB before S1 SETUP: " + m.error().to_string();
    const auto* setup = std::get_if<s1ap::S1SetupRequest>(&*m);
    if (!setup) continue;  // TS 36.413 8.7.3: nothing else is valid before S1 SETUP; ignore it
    enb_setup_ = *setup;
    s1ap::S1SetupResponse r;
    r.mme_name = "concur-mme";
    r.served_gummeis.push_back({{plmn_}, {1}, {1}});
    r.relative_mme_capacity = 127;
    auto bytes = s1ap::encode(r);
    if (!bytes) return "MME: cannot encode S1 SETUP RESPONSE: " + bytes.error().to_string();
    const auto s = association_->send(0, transport::kS1apPpid, view_of(*bytes));
    if (!s.ok) return "MME: cannot send S1 SETUP RESPONSE: " + s.error;
    return std::nullopt;
  }
  return "MME: no S1 SETUP REQUEST from the eNB within " + std::to_string(timeout.count()) + " ms";
}

std::optional<std::string> Mme::send(const s1ap::S1apMessage& m) {
  if (!connected()) return std::string("MME: no association to the eNB");
  auto bytes = s1ap::encode(m);
  if (!bytes) return "MME: cannot encode S1AP: " + bytes.error().to_string();
  const std::uint16_t stream = association_->outbound_streams() > 1 ? 1 : 0;
  const auto s = association_->send(stream, transport::kS1apPpid, view_of(*bytes));
  if (!s.ok) return "MME: SCTP send failed: " + s.error;
  return std::nullopt;
}

UeKeys ue_keys(const security::Key128& k, const security::Key128& opc, const security::ServingNetworkId& sn, std::uint32_t round) {
  security::Rand rand{};
  rand.fill(0x5A);
  rand[12] = static_cast<std::uint8_t>(round >> 24);
  rand[13] = static_cast<std::uint8_t>(round >> 16);
  rand[14] = static_cast<std::uint8_t>(round >> 8);
  rand[15] = static_cast<std::uint8_t>(round);
  const security::Milenage milenage(k, opc);
  const auto v = security::generate_eps_auth_vector(milenage, rand, 32 * (round + 1), security::Amf{0x80, 0x00}, sn);
  return {v.kasme, security::derive_kenb(v.kasme, 0)};
}

}  // namespace concur::roles
