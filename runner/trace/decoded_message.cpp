#include "trace/decoded_message.h"

#include <sstream>
#include <tuple>
#include <type_traits>
#include <variant>

#include "codec/gtpv2/message.h"
#include "codec/gtpv2/summary.h"
#include "codec/nas/pdu.h"
#include "codec/nas/summary.h"
#include "codec/s1ap/messages.h"
#include "codec/s1ap/pdu.h"
#include "common/byte_reader.h"

namespace concur::trace {
namespace {

constexpr std::size_t kKeyPrefixOctets = 4;  // enough to tell keys apart in a trace, not to leak them

DecodedMessage base_of(const capture::CapturedMessage& m, Protocol p) {
  DecodedMessage d;
  d.frame_number = m.frame_number;
  d.timestamp_ns = m.timestamp_ns;
  d.src = m.src.to_string();
  d.dst = m.dst.to_string();
  d.protocol = p;
  return d;
}

std::string_view handover_type_name(s1ap::HandoverType t) {
  switch (t) {
    case s1ap::HandoverType::intralte: return "intralte";
    case s1ap::HandoverType::ltetoutran: return "ltetoutran";
    case s1ap::HandoverType::ltetogeran: return "ltetogeran";
    case s1ap::HandoverType::utrantolte: return "utrantolte";
    case s1ap::HandoverType::gerantolte: return "gerantolte";
    case s1ap::HandoverType::eps_to_5gs: return "eps-to-5gs";
    case s1ap::HandoverType::fivegs_to_eps: return "fivegs-to-eps";
  }
  return "?";
}

void add_nas(const capture::CapturedMessage& m, ByteView nas_bytes, std::vector<DecodedMessage>& out) {
  DecodedMessage d = base_of(m, Protocol::nas);
  d.depth = 1;
  Result<nas::NasPdu> pdu = nas::decode(nas_bytes);
  if (!pdu.ok()) {
    d.name = "NAS-PDU";
    d.error = pdu.error();
  } else {
    const nas::NasSummary s = nas::summarise(*pdu);
    d.name = s.name;
    d.type_code = (s.protocol_discriminator && s.message_type)
                      ? (static_cast<std::uint32_t>(*s.protocol_discriminator) << 8) | *s.message_type
                      : 0xffff;
    d.fields = s.to_string();
  }
  out.push_back(std::move(d));
}

// Fields the rules look at, taken from whichever of them a message has.
template <class M>
void s1ap_fields(const M& msg, std::ostringstream& f) {
  if constexpr (requires { msg.mme_ue_s1ap_id; }) {
    if constexpr (std::is_same_v<std::decay_t<decltype(msg.mme_ue_s1ap_id)>, std::uint32_t>) {
      f << " mme_ue=" << msg.mme_ue_s1ap_id;
    } else if (msg.mme_ue_s1ap_id) {
      f << " mme_ue=" << *msg.mme_ue_s1ap_id;
    }
  }
  if constexpr (requires { msg.enb_ue_s1ap_id; }) {
    if constexpr (std::is_same_v<std::decay_t<decltype(msg.enb_ue_s1ap_id)>, std::uint32_t>) {
      f << " enb_ue=" << msg.enb_ue_s1ap_id;
    } else if (msg.enb_ue_s1ap_id) {
      f << " enb_ue=" << *msg.enb_ue_s1ap_id;
    }
  }
  if constexpr (requires { msg.source_mme_ue_s1ap_id; }) f << " source_mme_ue=" << msg.source_mme_ue_s1ap_id;
  if constexpr (requires { msg.handover_type; }) f << " handover_type=" << handover_type_name(msg.handover_type);
  if constexpr (requires { msg.security_key; }) {
    if constexpr (std::is_same_v<std::decay_t<decltype(msg.security_key)>, s1ap::Key256>) {
      f << " kenb=" << to_hex(ByteView(msg.security_key), kKeyPrefixOctets);
    } else if (msg.security_key) {
      f << " kenb=" << to_hex(ByteView(*msg.security_key), kKeyPrefixOctets);
    }
  }
  if constexpr (requires { msg.security_context; }) {
    f << " ncc=" << int{msg.security_context.next_hop_chaining_count}
      << " nh=" << to_hex(ByteView(msg.security_context.next_hop), kKeyPrefixOctets);
  }
}

template <class M>
void s1ap_nas(const capture::CapturedMessage& m, const M& msg, std::vector<DecodedMessage>& out) {
  if constexpr (requires { msg.nas_pdu; }) {
    if constexpr (std::is_same_v<std::decay_t<decltype(msg.nas_pdu)>, Bytes>) {
      add_nas(m, view_of(msg.nas_pdu), out);
    } else if (msg.nas_pdu) {
      add_nas(m, view_of(*msg.nas_pdu), out);
    }
  }
  if constexpr (requires { msg.e_rabs; }) {
    for (const auto& e : msg.e_rabs) {
      if constexpr (requires { e.nas_pdu; }) {
        if (e.nas_pdu) add_nas(m, view_of(*e.nas_pdu), out);
      }
    }
  }
}

void decode_s1ap(const capture::CapturedMessage& m, std::vector<DecodedMessage>& out) {
  DecodedMessage d = base_of(m, Protocol::s1ap);
  const ByteView bytes = view_of(m.bytes);
  Result<s1ap::RawPdu> raw = s1ap::decode_raw_pdu(bytes);
  if (!raw.ok()) {
    d.name = "S1AP-PDU";
    d.error = raw.error();
    out.push_back(std::move(d));
    return;
  }
  d.name = std::string(s1ap::message_name(raw->procedure_code, raw->pdu_type));
  d.type_code = (static_cast<std::uint32_t>(raw->pdu_type) << 8) | raw->procedure_code;
  Result<s1ap::S1apMessage> typed = s1ap::decode_pdu(bytes);
  if (!typed.ok()) {
    d.error = typed.error();
    out.push_back(std::move(d));
    return;
  }
  std::ostringstream f;
  std::visit([&](const auto& msg) { s1ap_fields(msg, f); }, *typed);
  d.fields = f.str().empty() ? std::string() : f.str().substr(1);
  out.push_back(std::move(d));
  std::visit([&](const auto& msg) { s1ap_nas(m, msg, out); }, *typed);
}

void decode_gtpv2(const capture::CapturedMessage& m, std::vector<DecodedMessage>& out) {
  DecodedMessage d = base_of(m, Protocol::gtpv2c);
  Result<gtpv2::GtpMessage> msg = gtpv2::decode(view_of(m.bytes));
  if (!msg.ok()) {
    d.name = "GTPv2-C message";
    d.error = msg.error();
  } else {
    const gtpv2::GtpSummary s = gtpv2::summarise(*msg);
    d.name = s.message;
    d.type_code = s.message_type;
    d.fields = s.to_string();
  }
  out.push_back(std::move(d));
}

// Diameter (RFC 6733 3): only the header is read here; S6a bodies are the HSS emulator's business.
void decode_diameter(const capture::CapturedMessage& m, std::vector<DecodedMessage>& out) {
  DecodedMessage d = base_of(m, Protocol::diameter);
  auto header = decode_guarded([&] {
    ByteReader r(view_of(m.bytes));
    const std::uint8_t version = r.u8("diameter.version");
    if (version != 1) r.fail("diameter.version", "version " + std::to_string(version) + ", expected 1");
    r.u24("diameter.length");
    const std::uint8_t flags = r.u8("diameter.flags");
    const std::uint32_t code = r.u24("diameter.command_code");
    const std::uint32_t app = r.u32("diameter.application_id");
    return std::tuple{flags, code, app};
  });
  if (!header.ok()) {
    d.name = "Diameter message";
    d.error = header.error();
  } else {
    const auto [flags, code, app] = *header;
    d.type_code = code;
    d.name = "Diameter " + std::to_string(code) + ((flags & 0x80) ? " request" : " answer");
    d.fields = "application=" + std::to_string(app);
  }
  out.push_back(std::move(d));
}

}  // namespace

std::string_view to_string(Protocol p) {
  switch (p) {
    case Protocol::s1ap: return "S1AP";
    case Protocol::nas: return "NAS-EPS";
    case Protocol::gtpv2c: return "GTPv2-C";
    case Protocol::diameter: return "Diameter";
    case Protocol::other: return "other";
  }
  return "?";
}

std::vector<DecodedMessage> decode(const capture::CapturedMessage& message) {
  std::vector<DecodedMessage> out;
  switch (message.protocol) {
    case capture::Protocol::s1ap: decode_s1ap(message, out); break;
    case capture::Protocol::gtpv2c: decode_gtpv2(message, out); break;
    case capture::Protocol::diameter: decode_diameter(message, out); break;
    case capture::Protocol::unclassified: {
      DecodedMessage d = base_of(message, Protocol::other);
      d.name = "unclassified";
      out.push_back(std::move(d));
      break;
    }
  }
  return out;
}

}  // namespace concur::trace
