#include "codec/gtpv2/mobility.h"

#include <string>

namespace concur::gtpv2 {

namespace {

/// Takes IEs out of a list by type and instance, remembering which were taken so that the rest can
/// be kept in other_ies.
class Picker {
 public:
  Picker(const std::vector<Ie>& ies, std::string context) : ies_(ies), taken_(ies.size(), false), context_(std::move(context)) {}

  template <class T>
  std::optional<T> optional(std::uint8_t instance = 0) {
    for (std::size_t i = 0; i < ies_.size(); ++i) {
      if (taken_[i] || ies_[i].type != T::kType || ies_[i].instance != instance) continue;
      if (const T* v = std::get_if<T>(&ies_[i].value)) {
        taken_[i] = true;
        return *v;
      }
    }
    return std::nullopt;
  }

  template <class T>
  T mandatory(std::uint8_t instance, const char* table) {
    auto v = optional<T>(instance);
    if (!v) missing(ie_name(T::kType), instance, table);
    return std::move(*v);
  }

  std::vector<const Grouped*> grouped(std::uint8_t type, std::uint8_t instance) {
    std::vector<const Grouped*> out;
    for (std::size_t i = 0; i < ies_.size(); ++i) {
      if (taken_[i] || ies_[i].type != type || ies_[i].instance != instance) continue;
      if (const auto* g = std::get_if<Grouped>(&ies_[i].value)) {
        taken_[i] = true;
        out.push_back(g);
      }
    }
    return out;
  }

  std::optional<MmContext> mm_context() {
    for (std::size_t i = 0; i < ies_.size(); ++i) {
      if (taken_[i] || ies_[i].instance != 0) continue;
      const IeValue& v = ies_[i].value;
      std::optional<MmContext> mm;
      if (const auto* e = std::get_if<EpsSecurityContext>(&v)) mm = *e;
      else if (const auto* u = std::get_if<UmtsKeyQuintuplets>(&v)) mm = *u;
      else if (const auto* q = std::get_if<UmtsKeyQuadrupletsQuintuplets>(&v)) mm = *q;
      else if (ies_[i].type >= 103 && ies_[i].type <= 105) {
        throw_decode(context_ + "/" + ie_name(ies_[i].type), 0, "GSM/UMTS MM Context types 103-105 are not decoded");
      }
      if (mm) {
        taken_[i] = true;
        return mm;
      }
    }
    return std::nullopt;
  }

  [[noreturn]] void missing(const std::string& name, std::uint8_t instance, const char* table) const {
    throw_decode(context_ + "/" + name, 0,
                 "mandatory IE (instance " + std::to_string(instance) + ") missing (29.274 " + table + ")");
  }

  std::vector<Ie> rest() const {
    std::vector<Ie> out;
    for (std::size_t i = 0; i < ies_.size(); ++i) {
      if (!taken_[i]) out.push_back(ies_[i]);
    }
    return out;
  }

 private:
  const std::vector<Ie>& ies_;
  std::vector<bool> taken_;
  std::string context_;
};

template <class T>
void put(std::vector<Ie>& ies, const std::optional<T>& v, std::uint8_t instance = 0) {
  if (v) ies.push_back(make_ie(*v, instance));
}

void append(std::vector<Ie>& ies, const std::vector<Ie>& more) { ies.insert(ies.end(), more.begin(), more.end()); }

void check_type(const GtpMessage& m, MessageType expected) {
  if (m.type() != expected) {
    throw_decode("header.message_type", 1,
                 "is " + message_name(m.header.message_type) + ", expected " + message_name(expected));
  }
}

BearerContext read_bearer_context(const Grouped& g) {
  Picker p(g.ies, "Bearer Context");
  BearerContext b;
  b.ebi = p.mandatory<Ebi>(0, "8.28").value;
  b.cause = p.optional<Cause>();
  b.fteid_instance0 = p.optional<FTeid>(0);
  b.fteid_instance1 = p.optional<FTeid>(1);
  b.fteid_instance2 = p.optional<FTeid>(2);
  b.qos = p.optional<BearerQos>();
  b.other_ies = p.rest();
  return b;
}

PdnConnection read_pdn_connection(const Grouped& g) {
  Picker p(g.ies, "PDN Connection");
  PdnConnection c;
  c.apn = p.mandatory<Apn>(0, "Table 7.3.1-2");
  c.selection_mode = p.optional<SelectionMode>();
  c.ipv4_address = p.optional<IpAddress>(0);
  c.ipv6_address = p.optional<IpAddress>(1);
  c.linked_ebi = p.mandatory<Ebi>(0, "Table 7.3.1-2").value;
  c.pgw_control_fteid = p.mandatory<FTeid>(0, "Table 7.3.1-2");
  c.pgw_node_name = p.optional<Fqdn>();
  for (const Grouped* b : p.grouped(ie_type::bearer_context, 0)) c.bearers.push_back(read_bearer_context(*b));
  c.apn_ambr = p.mandatory<Ambr>(0, "Table 7.3.1-2");
  c.charging_characteristics = p.optional<ChargingCharacteristics>();
  c.other_ies = p.rest();
  return c;
}

}  // namespace

Ie make_mm_context_ie(const MmContext& mm) {
  return std::visit([](const auto& v) { return make_ie(v, 0); }, mm);
}

Ie make_bearer_context_ie(const BearerContext& b, std::uint8_t instance) {
  std::vector<Ie> ies;
  ies.push_back(make_ie(Ebi{b.ebi}));
  put(ies, b.cause);
  put(ies, b.fteid_instance0, 0);
  put(ies, b.fteid_instance1, 1);
  put(ies, b.fteid_instance2, 2);
  put(ies, b.qos);
  append(ies, b.other_ies);
  return make_grouped(ie_type::bearer_context, std::move(ies), instance);
}

Result<BearerContext> parse_bearer_context(const Grouped& g) {
  return decode_guarded([&] { return read_bearer_context(g); });
}

Ie make_pdn_connection_ie(const PdnConnection& c) {
  std::vector<Ie> ies;
  ies.push_back(make_ie(c.apn));
  put(ies, c.selection_mode);
  put(ies, c.ipv4_address, 0);
  put(ies, c.ipv6_address, 1);
  ies.push_back(make_ie(Ebi{c.linked_ebi}));
  ies.push_back(make_ie(c.pgw_control_fteid));
  put(ies, c.pgw_node_name);
  for (const BearerContext& b : c.bearers) ies.push_back(make_bearer_context_ie(b));
  ies.push_back(make_ie(c.apn_ambr));
  put(ies, c.charging_characteristics);
  append(ies, c.other_ies);
  return make_grouped(ie_type::pdn_connection, std::move(ies));
}

Result<PdnConnection> parse_pdn_connection(const Grouped& g) {
  return decode_guarded([&] { return read_pdn_connection(g); });
}

// ---- Forward Relocation Request -----------------------------------------------------------------

Result<ForwardRelocationRequest> parse_forward_relocation_request(const GtpMessage& m) {
  return decode_guarded([&] {
    check_type(m, MessageType::forward_relocation_request);
    Picker p(m.ies, "Forward Relocation Request");
    ForwardRelocationRequest v;
    v.imsi = p.optional<Imsi>();
    v.sender_control_fteid = p.mandatory<FTeid>(0, "Table 7.3.1-1");
    for (const Grouped* g : p.grouped(ie_type::pdn_connection, 0)) v.pdn_connections.push_back(read_pdn_connection(*g));
    v.sgw_control_fteid = p.optional<FTeid>(1);
    v.sgw_node_name = p.optional<Fqdn>();
    auto mm = p.mm_context();
    if (!mm) p.missing("MM Context", 0, "Table 7.3.1-1");
    v.mm_context = std::move(*mm);
    v.indication = p.optional<Indication>();
    v.eutran_container = p.optional<FContainer>(0);
    v.utran_container = p.optional<FContainer>(1);
    v.bss_container = p.optional<FContainer>(2);
    v.target = p.optional<TargetIdentification>();
    v.s1ap_cause = p.optional<FCause>(0);
    v.ranap_cause = p.optional<FCause>(1);
    v.bssgp_cause = p.optional<FCause>(2);
    v.selected_plmn = p.optional<SelectedPlmnId>();
    v.recovery = p.optional<Recovery>();
    v.trace = p.optional<TraceInformation>();
    v.ue_time_zone = p.optional<UeTimeZone>();
    v.serving_network = p.optional<ServingNetwork>();
    v.c_msisdn = p.optional<Msisdn>();
    v.other_ies = p.rest();
    return v;
  });
}

GtpMessage build(const ForwardRelocationRequest& v, std::uint32_t teid, std::uint32_t sequence) {
  std::vector<Ie> ies;
  put(ies, v.imsi);
  ies.push_back(make_ie(v.sender_control_fteid, 0));
  for (const PdnConnection& c : v.pdn_connections) ies.push_back(make_pdn_connection_ie(c));
  put(ies, v.sgw_control_fteid, 1);
  put(ies, v.sgw_node_name);
  ies.push_back(make_mm_context_ie(v.mm_context));
  put(ies, v.indication);
  put(ies, v.eutran_container, 0);
  put(ies, v.utran_container, 1);
  put(ies, v.bss_container, 2);
  put(ies, v.target);
  put(ies, v.s1ap_cause, 0);
  put(ies, v.ranap_cause, 1);
  put(ies, v.bssgp_cause, 2);
  put(ies, v.selected_plmn);
  put(ies, v.recovery);
  put(ies, v.trace);
  put(ies, v.ue_time_zone);
  put(ies, v.serving_network);
  put(ies, v.c_msisdn);
  append(ies, v.other_ies);
  return make_message(MessageType::forward_relocation_request, teid, sequence, std::move(ies));
}

// ---- Forward Relocation Response ----------------------------------------------------------------

Result<ForwardRelocationResponse> parse_forward_relocation_response(const GtpMessage& m) {
  return decode_guarded([&] {
    check_type(m, MessageType::forward_relocation_response);
    Picker p(m.ies, "Forward Relocation Response");
    ForwardRelocationResponse v;
    v.cause = p.mandatory<Cause>(0, "Table 7.3.2-1");
    v.sender_control_fteid = p.optional<FTeid>(0);
    v.indication = p.optional<Indication>();
    for (const Grouped* g : p.grouped(ie_type::bearer_context, 0)) v.setup_bearers.push_back(read_bearer_context(*g));
    v.s1ap_cause = p.optional<FCause>(0);
    v.eutran_container = p.optional<FContainer>(0);
    v.utran_container = p.optional<FContainer>(1);
    v.bss_container = p.optional<FContainer>(2);
    v.other_ies = p.rest();
    return v;
  });
}

GtpMessage build(const ForwardRelocationResponse& v, std::uint32_t teid, std::uint32_t sequence) {
  std::vector<Ie> ies;
  ies.push_back(make_ie(v.cause));
  put(ies, v.sender_control_fteid, 0);
  put(ies, v.indication);
  for (const BearerContext& b : v.setup_bearers) ies.push_back(make_bearer_context_ie(b));
  put(ies, v.s1ap_cause, 0);
  put(ies, v.eutran_container, 0);
  put(ies, v.utran_container, 1);
  put(ies, v.bss_container, 2);
  append(ies, v.other_ies);
  return make_message(MessageType::forward_relocation_response, teid, sequence, std::move(ies));
}

// ---- Context Request / Response -----------------------------------------------------------------

Result<ContextRequest> parse_context_request(const GtpMessage& m) {
  return decode_guarded([&] {
    check_type(m, MessageType::context_request);
    Picker p(m.ies, "Context Request");
    ContextRequest v;
    v.imsi = p.optional<Imsi>();
    v.guti = p.optional<Guti>();
    v.rai = p.optional<Uli>();
    v.p_tmsi = p.optional<PTmsi>();
    v.complete_tau_request = p.optional<CompleteRequestMessage>();
    v.sender_control_fteid = p.optional<FTeid>(0);
    v.udp_source_port = p.optional<PortNumber>();
    v.rat_type = p.optional<RatType>();
    v.indication = p.optional<Indication>();
    v.hop_counter = p.optional<HopCounter>();
    v.target_plmn = p.optional<ServingNetwork>();
    v.other_ies = p.rest();
    return v;
  });
}

GtpMessage build(const ContextRequest& v, std::uint32_t teid, std::uint32_t sequence) {
  std::vector<Ie> ies;
  put(ies, v.imsi);
  put(ies, v.guti);
  put(ies, v.rai);
  put(ies, v.p_tmsi);
  put(ies, v.complete_tau_request);
  put(ies, v.sender_control_fteid, 0);
  put(ies, v.udp_source_port);
  put(ies, v.rat_type);
  put(ies, v.indication);
  put(ies, v.hop_counter);
  put(ies, v.target_plmn);
  append(ies, v.other_ies);
  return make_message(MessageType::context_request, teid, sequence, std::move(ies));
}

Result<ContextResponse> parse_context_response(const GtpMessage& m) {
  return decode_guarded([&] {
    check_type(m, MessageType::context_response);
    Picker p(m.ies, "Context Response");
    ContextResponse v;
    v.cause = p.mandatory<Cause>(0, "Table 7.3.6-1");
    v.imsi = p.optional<Imsi>();
    v.mm_context = p.mm_context();
    for (const Grouped* g : p.grouped(ie_type::pdn_connection, 0)) v.pdn_connections.push_back(read_pdn_connection(*g));
    v.sender_control_fteid = p.optional<FTeid>(0);
    v.sgw_control_fteid = p.optional<FTeid>(1);
    v.sgw_node_name = p.optional<Fqdn>();
    v.indication = p.optional<Indication>();
    v.trace = p.optional<TraceInformation>();
    v.ue_time_zone = p.optional<UeTimeZone>();
    v.other_ies = p.rest();
    return v;
  });
}

GtpMessage build(const ContextResponse& v, std::uint32_t teid, std::uint32_t sequence) {
  std::vector<Ie> ies;
  ies.push_back(make_ie(v.cause));
  put(ies, v.imsi);
  if (v.mm_context) ies.push_back(make_mm_context_ie(*v.mm_context));
  for (const PdnConnection& c : v.pdn_connections) ies.push_back(make_pdn_connection_ie(c));
  put(ies, v.sender_control_fteid, 0);
  put(ies, v.sgw_control_fteid, 1);
  put(ies, v.sgw_node_name);
  put(ies, v.indication);
  put(ies, v.trace);
  put(ies, v.ue_time_zone);
  append(ies, v.other_ies);
  return make_message(MessageType::context_response, teid, sequence, std::move(ies));
}

std::optional<MmContext> find_mm_context(const GtpMessage& m) {
  for (const Ie& ie : m.ies) {
    if (const auto* e = std::get_if<EpsSecurityContext>(&ie.value)) return MmContext(*e);
    if (const auto* u = std::get_if<UmtsKeyQuintuplets>(&ie.value)) return MmContext(*u);
    if (const auto* q = std::get_if<UmtsKeyQuadrupletsQuintuplets>(&ie.value)) return MmContext(*q);
  }
  return std::nullopt;
}

}  // namespace concur::gtpv2
