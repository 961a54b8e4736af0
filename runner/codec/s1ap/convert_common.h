// Codec-internal: generated <-> domain conversion of the IE types several messages share
// (TS 36.413 clause 9.2). Decoders throw DecodeFailure naming `path`; encoders fill a zeroed
// asn1c structure whose owner frees it.
#pragma once

#include <string>

#include <Cause.h>
#include <E-RABLevelQoSParameters.h>
#include <EUTRAN-CGI.h>
#include <Global-ENB-ID.h>
#include <ProtocolIE-Field.h>
#include <SecurityContext.h>
#include <TAI.h>
#include <TargetID.h>
#include <UEAggregateMaximumBitrate.h>
#include <UESecurityCapabilities.h>

#include "codec/s1ap/asn_support.h"
#include "s1ap_tables.h"

namespace concur::s1ap::detail {

Cause cause_of(const Cause_t& c, const std::string& path);
void fill(Cause_t& c, const Cause& v);

Tai tai_of(const TAI_t& t, const std::string& path);
void fill(TAI_t& t, const Tai& v);

Ecgi ecgi_of(const EUTRAN_CGI_t& e, const std::string& path);
void fill(EUTRAN_CGI_t& e, const Ecgi& v);

GlobalEnbId global_enb_id_of(const Global_ENB_ID_t& g, const std::string& path);
void fill(Global_ENB_ID_t& g, const GlobalEnbId& v);

SecurityContext security_context_of(const SecurityContext_t& s, const std::string& path);
void fill(SecurityContext_t& s, const SecurityContext& v);

UeSecurityCapabilities ue_security_capabilities_of(const UESecurityCapabilities_t& u, const std::string& path);
void fill(UESecurityCapabilities_t& u, const UeSecurityCapabilities& v);

UeAggregateMaximumBitrate ue_ambr_of(const UEAggregateMaximumBitrate_t& a, const std::string& path);
void fill(UEAggregateMaximumBitrate_t& a, const UeAggregateMaximumBitrate& v);

ERabLevelQos qos_of(const E_RABLevelQoSParameters_t& q, const std::string& path);
void fill(E_RABLevelQoSParameters_t& q, const ERabLevelQos& v);

/// TargetID (9.2.1.6); an alternative the domain does not break down comes back as TargetOther.
TargetId target_id_of(const TargetID_t& t, const std::string& path);
/// Returns false for TargetOther (the caller sends its encoding as is).
bool fill(TargetID_t& t, const TargetId& v);

Key256 key256_of(const BIT_STRING_t& b, const std::string& path);
void fill_key(BIT_STRING_t& b, const Key256& k);

/// UE S1AP IDs: MME INTEGER (0..2^32-1) as unsigned long, eNB INTEGER (0..2^24-1) as long.
inline std::uint32_t u32(unsigned long v) { return static_cast<std::uint32_t>(v); }
inline std::uint32_t u32(long v) { return static_cast<std::uint32_t>(v); }

/// Items of a list of ProtocolIE-SingleContainer (E-RAB lists and alike): each item's value is
/// decoded as Item with the descriptor the list's IE table gives for its id.
template <class Item, class List, class F>
void read_items(const List& l, const asn_TYPE_descriptor_t& list_td, std::size_t base, const std::string& path,
                F&& f) {
  const asn::ContainerSpec* spec = asn::find_container(list_td, asn::ContainerKind::single_container);
  if (spec == nullptr) fail(path, base, "no item table for this list");
  for (int i = 0; i < l.list.count; ++i) {
    const ProtocolIE_Field_t& field = *l.list.array[i];
    const asn::IeSpec* s = spec->find(static_cast<std::uint16_t>(field.id));
    const std::string item_path = path + "[" + std::to_string(i) + "]";
    if (s == nullptr) fail(item_path, base, "item id " + std::to_string(field.id) + " not in the list's table");
    auto v = decode_as<Item>(*const_cast<asn_TYPE_descriptor_t*>(s->type), ByteView(field.value.buf, field.value.size),
                             base, item_path);
    f(*v, item_path);
  }
}

/// Appends one item (a C structure of the item type for `id`) to such a list.
template <class List>
void add_item(List& l, const asn_TYPE_descriptor_t& list_td, std::uint16_t id, const void* item) {
  const asn::ContainerSpec* spec = asn::find_container(list_td, asn::ContainerKind::single_container);
  const asn::IeSpec* s = spec ? spec->find(id) : nullptr;
  if (s == nullptr) fail(list_td.name, 0, "item id " + std::to_string(id) + " not in the list's table");
  auto& f = add_element<ProtocolIE_Field_t>(l.list);
  f.id = id;
  f.criticality = static_cast<long>(s->criticality);
  set_octets(f.value, encode_as(*const_cast<asn_TYPE_descriptor_t*>(s->type), item, std::string(list_td.name)));
}

}  // namespace concur::s1ap::detail
