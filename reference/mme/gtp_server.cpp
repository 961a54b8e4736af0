// GTPv2-C dispatch for S10 and S3 (TS 29.274): requests from peers, replies to our requests, and
// the error responses that keep the MME serving when a peer sends something it cannot use
// (unknown TEID -> Context Not Found, missing mandatory IE -> Mandatory IE missing, undecodable
// -> Invalid Message Format; TS 29.274 7.7 and Table 8.4-1).
#include <arpa/inet.h>

#include <algorithm>

#include "mme.h"
#include "violations.h"

namespace concur::reference {

namespace {
// The variants of the S10/S3 rules (TS 33.401 7.2.10 rules 6-9), registered here because this
// file is always linked when the MME is (a registrar alone in its own object file would be
// dropped from the static library).
const ViolationRegistrar r6{"R6", "sends the S10/S3 FORWARD RELOCATION REQUEST while the NAS SMC is still outstanding"};
const ViolationRegistrar r7{"R7", "sends the S10 FORWARD RELOCATION REQUEST while the UE CONTEXT MODIFICATION is still "
                                  "outstanding"};
const ViolationRegistrar r8{"R8", "between SMC and UCM sends only the new context (OSCI=0), with the old chain's "
                                  "{NH, NCC} as if it were the new KASME's"};
const ViolationRegistrar r9{"R9", "as target MME, puts NCC 2 of the NEW KASME's chain in HANDOVER REQUEST before a UCM"};
}  // namespace

namespace gtp_cause {
// TS 29.274 Table 8.4-1.
inline constexpr std::uint8_t context_not_found = 64;
inline constexpr std::uint8_t invalid_message_format = 65;
inline constexpr std::uint8_t mandatory_ie_missing = 70;
}  // namespace gtp_cause

bool ReferenceMme::violates(std::string_view rule) const { return breaks(config_, rule); }

void ReferenceMme::set_gtpc_local(const std::string& ipv4) {
  in_addr a{};
  if (::inet_pton(AF_INET, ipv4.c_str(), &a) == 1) std::copy_n(reinterpret_cast<const std::uint8_t*>(&a), 4, gtpc_ipv4_.begin());
}

void ReferenceMme::gtp_request(const GtpPeer& peer, Bytes message) {
  gtp_out_.push_back(GtpOutgoing{GtpOutgoing::Kind::request, peer, std::move(message)});
}

void ReferenceMme::gtp_reply(const GtpPeer& peer, Bytes message) {
  gtp_out_.push_back(GtpOutgoing{GtpOutgoing::Kind::reply, peer, std::move(message)});
}

std::uint32_t ReferenceMme::next_gtp_sequence() {
  gtp_sequence_ = (gtp_sequence_ + 1) & 0xFFFFFF;
  if (gtp_sequence_ == 0) gtp_sequence_ = 1;
  return gtp_sequence_;
}

UeContext* ReferenceMme::ue_by_teid(std::uint32_t teid) {
  if (teid == 0) return nullptr;
  for (auto& [id, ue] : ues_)
    if (ue->s10_teid == teid) return ue.get();
  return nullptr;
}

namespace {

/// The header fields of a message the codec could not decode: enough to answer it.
struct RawHeader {
  std::uint8_t type = 0;
  std::uint32_t sequence = 0;
};
std::optional<RawHeader> raw_header(ByteView b) {
  if (b.size() < 8 || (b[0] >> 5) != 2) return std::nullopt;
  const bool t = (b[0] & 0x08) != 0;
  const std::size_t s = t ? 8 : 4;
  if (b.size() < s + 3) return std::nullopt;
  return RawHeader{b[1], static_cast<std::uint32_t>(b[s] << 16 | b[s + 1] << 8 | b[s + 2])};
}

Bytes cause_only(gtpv2::MessageType type, std::uint32_t teid, std::uint32_t sequence, std::uint8_t cause,
                 std::optional<gtpv2::OffendingIe> offending = std::nullopt) {
  gtpv2::Cause c;
  c.value = cause;
  c.offending_ie = offending;
  return gtpv2::encode(gtpv2::make_message(type, teid, sequence, {gtpv2::make_ie(c)}));
}

}  // namespace

std::vector<Outgoing> ReferenceMme::on_gtpc(const GtpPeer& peer, ByteView bytes, Clock::time_point now) {
  out_.clear();
  const std::string from = "GTPv2-C from " + peer.address + ":" + std::to_string(peer.port);
  auto decoded = gtpv2::decode(bytes);
  if (!decoded) {
    log(from + " undecodable: " + decoded.error().to_string());
    // A request we would have answered gets its response with Invalid Message Format.
    if (const auto h = raw_header(bytes)) {
      if (h->type == static_cast<std::uint8_t>(gtpv2::MessageType::forward_relocation_request))
        gtp_reply(peer, cause_only(gtpv2::MessageType::forward_relocation_response, 0, h->sequence,
                                   gtp_cause::invalid_message_format));
      else if (h->type == static_cast<std::uint8_t>(gtpv2::MessageType::forward_relocation_complete_notification))
        gtp_reply(peer, cause_only(gtpv2::MessageType::forward_relocation_complete_acknowledge, 0, h->sequence,
                                   gtp_cause::invalid_message_format));
    }
    return std::move(out_);
  }
  const gtpv2::GtpMessage& m = *decoded;
  log(from + ": " + gtpv2::message_name(m) + " teid=" + std::to_string(m.header.teid.value_or(0)) +
      " seq=" + std::to_string(m.header.sequence));
  try {
    switch (m.type()) {
      case gtpv2::MessageType::echo_request:
        gtp_reply(peer, gtpv2::encode(gtpv2::make_message(gtpv2::MessageType::echo_response, 0, m.header.sequence,
                                                          {gtpv2::make_ie(gtpv2::Recovery{0})})));
        break;
      case gtpv2::MessageType::forward_relocation_request:
        // Mandatory IEs checked here so the response can name the one missing (cause 70).
        if (!gtpv2::find<gtpv2::FTeid>(m.ies, 0)) {
          gtp_reply(peer, cause_only(gtpv2::MessageType::forward_relocation_response, 0, m.header.sequence,
                                     gtp_cause::mandatory_ie_missing, gtpv2::OffendingIe{gtpv2::ie_type::f_teid, 0}));
        } else if (!gtpv2::find_mm_context(m)) {
          const auto* f = gtpv2::find<gtpv2::FTeid>(m.ies, 0);
          gtp_reply(peer, cause_only(gtpv2::MessageType::forward_relocation_response, f->teid, m.header.sequence,
                                     gtp_cause::mandatory_ie_missing, gtpv2::OffendingIe{gtpv2::ie_type::mm_context_eps, 0}));
        } else {
          incoming_forward_relocation(peer, m, now);
        }
        break;
      case gtpv2::MessageType::forward_relocation_complete_notification:
        relocation_complete_notification(peer, m, now);
        break;
      case gtpv2::MessageType::relocation_cancel_request:
        incoming_relocation_cancelled(peer, m);
        break;
      default:
        log(from + ": " + gtpv2::message_name(m) + " is not handled by the reference MME, ignored");
        break;
    }
  } catch (const std::exception& e) {
    log("internal error while handling " + from + ": " + e.what());
  }
  return std::move(out_);
}

std::vector<Outgoing> ReferenceMme::on_gtpc_reply(const GtpPeer& peer, ByteView bytes, ByteView, Clock::time_point now) {
  out_.clear();
  auto decoded = gtpv2::decode(bytes);
  if (!decoded) {
    log("GTPv2-C reply from " + peer.address + " undecodable: " + decoded.error().to_string());
    return std::move(out_);
  }
  const gtpv2::GtpMessage& m = *decoded;
  UeContext* ue = ue_by_teid(m.header.teid.value_or(0));
  log("GTPv2-C reply " + gtpv2::message_name(m) + " teid=" + std::to_string(m.header.teid.value_or(0)));
  if (!ue) {
    log("GTPv2-C reply for no known TEID, ignored");
    return std::move(out_);
  }
  try {
    if (m.type() == gtpv2::MessageType::forward_relocation_response) forward_relocation_response(*ue, m, now);
    else if (m.type() == gtpv2::MessageType::forward_relocation_complete_acknowledge) incoming_complete_acknowledged(*ue, m);
  } catch (const std::exception& e) {
    log("internal error while handling a GTPv2-C reply: " + std::string(e.what()));
  }
  return std::move(out_);
}

std::vector<Outgoing> ReferenceMme::on_gtpc_no_response(const GtpPeer& peer, ByteView request, Clock::time_point now) {
  out_.clear();
  auto decoded = gtpv2::decode(request);
  if (!decoded) return std::move(out_);
  log("GTPv2-C " + gtpv2::message_name(*decoded) + " to " + peer.address + " got no response after N3 retransmissions");
  if (decoded->type() == gtpv2::MessageType::forward_relocation_request) {
    if (const auto* f = gtpv2::find<gtpv2::FTeid>(decoded->ies, 0))
      if (UeContext* ue = ue_by_teid(f->teid); ue && ue->relocation)
        relocation_failed(*ue, "no FORWARD RELOCATION RESPONSE", now);
  }
  return std::move(out_);
}

void ReferenceMme::relocation_complete_notification(const GtpPeer& peer, const gtpv2::GtpMessage& m, Clock::time_point now) {
  UeContext* ue = ue_by_teid(m.header.teid.value_or(0));
  if (!ue || !ue->relocation || ue->relocation->phase != OutgoingRelocation::Phase::commanded) {
    // TS 29.274 7.7: a message for a TEID without a context is answered with Context Not Found.
    log("FORWARD RELOCATION COMPLETE NOTIFICATION for unknown TEID " + std::to_string(m.header.teid.value_or(0)));
    gtp_reply(peer, cause_only(gtpv2::MessageType::forward_relocation_complete_acknowledge, 0, m.header.sequence,
                               gtp_cause::context_not_found));
    return;
  }
  gtp_reply(peer, cause_only(gtpv2::MessageType::forward_relocation_complete_acknowledge,
                             ue->relocation->peer_teid.value_or(0), m.header.sequence, 16));
  // TS 23.401 5.5.1.2.2 step 19 / 5.5.2.1.2: the source side is released; the UE now belongs to
  // the target MME or SGSN, so its context here goes with the release.
  log("ue " + std::to_string(ue->mme_ue_s1ap_id) + ": relocation complete, releasing the source eNB");
  ue->detaching = true;
  ue->relocated_away = true;  // the target MME / SGSN keeps the SGW session: no DELETE SESSION
  release(*ue, {s1ap::CauseGroup::radio_network, 2});  // successful-handover
  ue->relocation.reset();
  (void)now;
}

}  // namespace concur::reference
