#include "codec/gtpv2/ie.h"

#include <array>
#include <stdexcept>
#include <string>

#include "codec/gtpv2/ie_codec.h"

namespace concur::gtpv2 {

bool Grouped::operator==(const Grouped& o) const { return ies == o.ies; }

bool is_grouped_ie(std::uint8_t type) { return type == ie_type::bearer_context || type == ie_type::pdn_connection; }

Ie make_grouped(std::uint8_t type, std::vector<Ie> members, std::uint8_t instance) {
  return Ie{type, instance, 0, IeValue(Grouped{std::move(members)}), {}};
}

namespace {

using Reader = IeValue (*)(ByteReader&);

template <class T>
IeValue read_typed(ByteReader& r) {
  T v;
  detail::read_value(r, v);
  return IeValue(std::move(v));
}

// One reader per IE type this codec decodes, indexed by type; nullptr means "keep raw".
template <class... Ts>
constexpr std::array<Reader, 256> make_readers() {
  std::array<Reader, 256> table{};
  ((table[Ts::kType] = &read_typed<Ts>), ...);
  return table;
}

constexpr std::array<Reader, 256> kReaders =
    make_readers<Imsi, Cause, Recovery, Apn, Ambr, Ebi, IpAddress, Mei, Msisdn, Indication, Paa, BearerQos, RatType,
                 ServingNetwork, Uli, FTeid, DelayValue, ChargingCharacteristics, TraceInformation, PdnType,
                 UmtsKeyQuintuplets, EpsSecurityContext, UmtsKeyQuadrupletsQuintuplets, PTmsi, HopCounter, UeTimeZone,
                 CompleteRequestMessage, Guti, FContainer, FCause, SelectedPlmnId, TargetIdentification, PortNumber,
                 SelectionMode, NodeType, Fqdn, PrivateExtension>();

std::string join(std::string_view path, const std::string& name) {
  return path.empty() ? name : std::string(path) + "/" + name;
}

// 29.274 nests grouped IEs at most a few levels deep (e.g. PDN Connection > Bearer Context); a bound
// keeps hostile input from recursing until the stack runs out.
constexpr int kMaxGroupedDepth = 8;

std::vector<Ie> read_ies_at(ByteReader& r, std::string_view path, int depth);

Ie read_ie(ByteReader& r, std::string_view path, int depth) {
  Ie ie;
  const std::size_t start = r.offset();
  ie.type = r.u8("IE.type");
  // The IE path is built only when needed (an error, or a grouped IE's members): decoding stays cheap.
  const auto name = [&] { return join(path, ie_name(ie.type)); };
  const std::size_t length_at = r.offset();
  const std::uint16_t length = r.u16("IE.length");
  const std::uint8_t octet4 = r.u8("IE.instance");
  ie.instance = octet4 & 0x0f;
  ie.spare = octet4 >> 4;
  if (r.remaining() < length) {
    throw_decode(name() + ".length", length_at,
                 "IE (type " + std::to_string(ie.type) + " at offset " + std::to_string(start) + ") length " +
                     std::to_string(length) + " overruns its container by " + std::to_string(length - r.remaining()) +
                     " octet(s)");
  }
  ByteReader value = r.sub(length, "IE.value");
  if (is_grouped_ie(ie.type)) {
    if (depth >= kMaxGroupedDepth) {
      throw_decode(name(), start, "grouped IEs nested deeper than " + std::to_string(kMaxGroupedDepth) + " levels");
    }
    ie.value = Grouped{read_ies_at(value, name(), depth + 1)};
    return ie;
  }
  const Reader reader = kReaders[ie.type];
  if (reader == nullptr) {
    ie.value = RawIe{value.bytes(length, "IE.value")};
    return ie;
  }
  try {
    ie.value = reader(value);
  } catch (const DecodeFailure& f) {
    // Give the field its IE path: "PDN Connection/Bearer Context/F-TEID.ipv4".
    const std::string& field = f.error().field;
    throw_decode(path.empty() ? field : std::string(path) + "/" + field, f.error().offset, f.error().reason);
  }
  ByteView extra = value.rest();
  ie.extension.assign(extra.begin(), extra.end());
  return ie;
}

std::vector<Ie> read_ies_at(ByteReader& r, std::string_view path, int depth) {
  std::vector<Ie> ies;
  while (!r.empty()) {
    if (r.remaining() < 4) {
      r.fail(join(path, "IE.header"), "only " + std::to_string(r.remaining()) + " octet(s) left, an IE header needs 4");
    }
    ies.push_back(read_ie(r, path, depth));
  }
  return ies;
}

}  // namespace

std::vector<Ie> read_ies(ByteReader& r, std::string_view path) { return read_ies_at(r, path, 0); }

void write_ie(ByteWriter& w, const Ie& ie) {
  if (ie.instance > 15) throw std::invalid_argument("GTPv2 encoder: IE instance > 15");
  w.u8(ie.type);
  const std::size_t length_at = w.size();
  w.u16(0);
  w.u8(static_cast<std::uint8_t>(((ie.spare & 0x0f) << 4) | ie.instance));
  const std::size_t start = w.size();
  std::visit(
      [&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, RawIe>) {
          w.bytes(view_of(v.value));
        } else if constexpr (std::is_same_v<T, Grouped>) {
          write_ies(w, v.ies);
        } else {
          if (T::kType != ie.type) {
            throw std::invalid_argument("GTPv2 encoder: IE type " + std::to_string(ie.type) + " holds a value of type " +
                                        std::to_string(T::kType));
          }
          detail::write_value(w, v);
        }
      },
      ie.value);
  w.bytes(view_of(ie.extension));
  const std::size_t length = w.size() - start;
  if (length > 0xffff) throw std::invalid_argument("GTPv2 encoder: IE longer than 65535 octets");
  w.patch_u16(length_at, static_cast<std::uint16_t>(length));
}

void write_ies(ByteWriter& w, const std::vector<Ie>& ies) {
  for (const Ie& ie : ies) write_ie(w, ie);
}

const Ie* find_ie(const std::vector<Ie>& ies, std::uint8_t type, std::uint8_t instance) {
  for (const Ie& ie : ies) {
    if (ie.type == type && ie.instance == instance) return &ie;
  }
  return nullptr;
}

std::vector<const Grouped*> find_grouped(const std::vector<Ie>& ies, std::uint8_t type, std::uint8_t instance) {
  std::vector<const Grouped*> out;
  for (const Ie& ie : ies) {
    if (ie.type == type && ie.instance == instance) {
      if (const auto* g = std::get_if<Grouped>(&ie.value)) out.push_back(g);
    }
  }
  return out;
}

std::string ie_name(std::uint8_t type) {
  switch (type) {
    case ie_type::imsi: return "IMSI";
    case ie_type::cause: return "Cause";
    case ie_type::recovery: return "Recovery";
    case ie_type::apn: return "APN";
    case ie_type::ambr: return "AMBR";
    case ie_type::ebi: return "EBI";
    case ie_type::ip_address: return "IP Address";
    case ie_type::mei: return "MEI";
    case ie_type::msisdn: return "MSISDN";
    case ie_type::indication: return "Indication";
    case 78: return "PCO";
    case ie_type::paa: return "PAA";
    case ie_type::bearer_qos: return "Bearer QoS";
    case ie_type::rat_type: return "RAT Type";
    case ie_type::serving_network: return "Serving Network";
    case 84: return "Bearer TFT";
    case ie_type::uli: return "ULI";
    case ie_type::f_teid: return "F-TEID";
    case ie_type::delay_value: return "Delay Value";
    case ie_type::bearer_context: return "Bearer Context";
    case 94: return "Charging ID";
    case ie_type::charging_characteristics: return "Charging Characteristics";
    case ie_type::trace_information: return "Trace Information";
    case 97: return "Bearer Flags";
    case ie_type::pdn_type: return "PDN Type";
    case 103: return "MM Context (GSM Key and Triplets)";
    case 104: return "MM Context (UMTS Key, Used Cipher and Quintuplets)";
    case 105: return "MM Context (GSM Key, Used Cipher and Quintuplets)";
    case ie_type::mm_context_umts_quintuplets: return "MM Context (UMTS Key and Quintuplets)";
    case ie_type::mm_context_eps: return "MM Context (EPS Security Context and Quadruplets)";
    case ie_type::mm_context_umts_quadruplets_quintuplets: return "MM Context (UMTS Key, Quadruplets and Quintuplets)";
    case ie_type::pdn_connection: return "PDN Connection";
    case ie_type::p_tmsi: return "P-TMSI";
    case 112: return "P-TMSI Signature";
    case ie_type::hop_counter: return "Hop Counter";
    case ie_type::ue_time_zone: return "UE Time Zone";
    case ie_type::complete_request_message: return "Complete Request Message";
    case ie_type::guti: return "GUTI";
    case ie_type::f_container: return "F-Container";
    case ie_type::f_cause: return "F-Cause";
    case ie_type::selected_plmn_id: return "PLMN ID";
    case ie_type::target_identification: return "Target Identification";
    case ie_type::port_number: return "Port Number";
    case 127: return "APN Restriction";
    case ie_type::selection_mode: return "Selection Mode";
    case ie_type::node_type: return "Node Type";
    case ie_type::fqdn: return "FQDN";
    case ie_type::private_extension: return "Private Extension";
    default: return "IE " + std::to_string(type);
  }
}

}  // namespace concur::gtpv2
