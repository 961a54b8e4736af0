// PATH SWITCH REQUEST / ACKNOWLEDGE / FAILURE (TS 36.413 9.1.5.8-9.1.5.10). The acknowledge
// carries the {NCC, NH} of TS 33.401 7.2.10 rules 3 and 9.
#include <E-RABToBeSwitchedDLItem.h>
#include <E-RABToBeSwitchedDLList.h>
#include <E-RABToBeSwitchedULItem.h>
#include <E-RABToBeSwitchedULList.h>

#include "codec/s1ap/converters.h"

namespace concur::s1ap::detail {

using namespace ids;

namespace {
template <class Item, class List>
void read_tunnels(IeReader& r, std::uint16_t id, const List& l, asn_TYPE_descriptor_t& list_td,
                  std::vector<ERabTunnel>& out) {
  read_items<Item>(l, list_td, r.current_offset(), r.path(id), [&](const Item& i, const std::string& path) {
    out.push_back({static_cast<std::uint8_t>(i.e_RAB_ID), bit_octets(i.transportLayerAddress),
                   u32_of_octets(i.gTP_TEID, path + ".gTP-TEID")});
  });
}
template <class Item, class List>
void put_tunnels(IeWriter& w, std::uint16_t id, std::uint16_t item_id, asn_TYPE_descriptor_t& list_td,
                 asn_TYPE_descriptor_t& item_td, const std::vector<ERabTunnel>& in) {
  Owned<List> list(list_td);
  for (const ERabTunnel& t : in) {
    Owned<Item> i(item_td);
    i->e_RAB_ID = t.e_rab_id;
    set_bit_octets(i->transportLayerAddress, t.transport_layer_address);
    set_u32_octets(i->gTP_TEID, t.gtp_teid, 4);
    add_item(*list, list_td, item_id, i.get());
  }
  w.put(id, list.get());
}
}  // namespace

void decode_into(const RawPdu& raw, PathSwitchRequest& m) {
  IeReader r = reader_for<PathSwitchRequest>(raw);
  read_enb_id(r, m.enb_ue_s1ap_id);
  r.need<E_RABToBeSwitchedDLList_t>(id_E_RABToBeSwitchedDLList, [&](const E_RABToBeSwitchedDLList_t& l) {
    read_tunnels<E_RABToBeSwitchedDLItem_t>(r, id_E_RABToBeSwitchedDLList, l, asn_DEF_E_RABToBeSwitchedDLList,
                                            m.e_rabs_to_switch_dl);
  });
  read_mme_id(r, m.source_mme_ue_s1ap_id, id_SourceMME_UE_S1AP_ID);
  r.need<EUTRAN_CGI_t>(id_EUTRAN_CGI, [&](const EUTRAN_CGI_t& v) { m.eutran_cgi = ecgi_of(v, r.path(id_EUTRAN_CGI)); });
  r.need<TAI_t>(id_TAI, [&](const TAI_t& v) { m.tai = tai_of(v, r.path(id_TAI)); });
  r.need<UESecurityCapabilities_t>(id_UESecurityCapabilities, [&](const auto& v) {
    m.ue_security_capabilities = ue_security_capabilities_of(v, r.path(id_UESecurityCapabilities));
  });
  r.finish(m);
}

RawPdu to_raw_pdu(const PathSwitchRequest& m) {
  IeWriter w = writer_for<PathSwitchRequest>();
  put_enb_id(w, m.enb_ue_s1ap_id);
  put_tunnels<E_RABToBeSwitchedDLItem_t, E_RABToBeSwitchedDLList_t>(
      w, id_E_RABToBeSwitchedDLList, id_E_RABToBeSwitchedDLItem, asn_DEF_E_RABToBeSwitchedDLList,
      asn_DEF_E_RABToBeSwitchedDLItem, m.e_rabs_to_switch_dl);
  put_mme_id(w, m.source_mme_ue_s1ap_id, id_SourceMME_UE_S1AP_ID);
  put_filled<EUTRAN_CGI_t>(w, id_EUTRAN_CGI, asn_DEF_EUTRAN_CGI, m.eutran_cgi);
  put_filled<TAI_t>(w, id_TAI, asn_DEF_TAI, m.tai);
  put_filled<UESecurityCapabilities_t>(w, id_UESecurityCapabilities, asn_DEF_UESecurityCapabilities,
                                       m.ue_security_capabilities);
  return finish(w, m);
}

void decode_into(const RawPdu& raw, PathSwitchRequestAcknowledge& m) {
  IeReader r = reader_for<PathSwitchRequestAcknowledge>(raw);
  read_ue_ids(r, m.mme_ue_s1ap_id, m.enb_ue_s1ap_id);
  r.take<UEAggregateMaximumBitrate_t>(id_uEaggregateMaximumBitrate, [&](const auto& v) {
    m.ue_ambr = ue_ambr_of(v, r.path(id_uEaggregateMaximumBitrate));
  });
  r.take<E_RABToBeSwitchedULList_t>(id_E_RABToBeSwitchedULList, [&](const E_RABToBeSwitchedULList_t& l) {
    read_tunnels<E_RABToBeSwitchedULItem_t>(r, id_E_RABToBeSwitchedULList, l, asn_DEF_E_RABToBeSwitchedULList,
                                            m.e_rabs_to_switch_ul);
  });
  r.need<SecurityContext_t>(id_SecurityContext, [&](const SecurityContext_t& v) {
    m.security_context = security_context_of(v, r.path(id_SecurityContext));
  });
  r.take<UESecurityCapabilities_t>(id_UESecurityCapabilities, [&](const auto& v) {
    m.ue_security_capabilities = ue_security_capabilities_of(v, r.path(id_UESecurityCapabilities));
  });
  r.finish(m);
}

RawPdu to_raw_pdu(const PathSwitchRequestAcknowledge& m) {
  IeWriter w = writer_for<PathSwitchRequestAcknowledge>();
  put_ue_ids(w, m.mme_ue_s1ap_id, m.enb_ue_s1ap_id);
  if (m.ue_ambr)
    put_filled<UEAggregateMaximumBitrate_t>(w, id_uEaggregateMaximumBitrate, asn_DEF_UEAggregateMaximumBitrate,
                                            *m.ue_ambr);
  if (!m.e_rabs_to_switch_ul.empty())
    put_tunnels<E_RABToBeSwitchedULItem_t, E_RABToBeSwitchedULList_t>(
        w, id_E_RABToBeSwitchedULList, id_E_RABToBeSwitchedULItem, asn_DEF_E_RABToBeSwitchedULList,
        asn_DEF_E_RABToBeSwitchedULItem, m.e_rabs_to_switch_ul);
  put_filled<SecurityContext_t>(w, id_SecurityContext, asn_DEF_SecurityContext, m.security_context);
  if (m.ue_security_capabilities)
    put_filled<UESecurityCapabilities_t>(w, id_UESecurityCapabilities, asn_DEF_UESecurityCapabilities,
                                         *m.ue_security_capabilities);
  return finish(w, m);
}

void decode_into(const RawPdu& raw, PathSwitchRequestFailure& m) {
  IeReader r = reader_for<PathSwitchRequestFailure>(raw);
  read_ue_ids(r, m.mme_ue_s1ap_id, m.enb_ue_s1ap_id);
  read_cause(r, m.cause);
  r.finish(m);
}

RawPdu to_raw_pdu(const PathSwitchRequestFailure& m) {
  IeWriter w = writer_for<PathSwitchRequestFailure>();
  put_ue_ids(w, m.mme_ue_s1ap_id, m.enb_ue_s1ap_id);
  put_cause(w, m.cause);
  return finish(w, m);
}

}  // namespace concur::s1ap::detail
