// HANDOVER REQUEST / REQUEST ACKNOWLEDGE / FAILURE (TS 36.413 9.1.5.4-9.1.5.6).
// HANDOVER REQUEST carries the {NCC, NH} that TS 33.401 7.2.10 rules 3 and 9 constrain.
#include <E-RABAdmittedItem.h>
#include <E-RABAdmittedList.h>
#include <E-RABFailedtoSetupListHOReqAck.h>
#include <E-RABFailedToSetupItemHOReqAck.h>
#include <E-RABToBeSetupItemHOReq.h>
#include <E-RABToBeSetupListHOReq.h>
#include <HandoverType.h>

#include "codec/s1ap/converters.h"

namespace concur::s1ap::detail {

using namespace ids;

void decode_into(const RawPdu& raw, HandoverRequest& m) {
  IeReader r = reader_for<HandoverRequest>(raw);
  read_mme_id(r, m.mme_ue_s1ap_id);
  r.need<HandoverType_t>(id_HandoverType, [&](const HandoverType_t& v) { m.handover_type = static_cast<HandoverType>(v); });
  read_cause(r, m.cause);
  r.need<UEAggregateMaximumBitrate_t>(id_uEaggregateMaximumBitrate, [&](const auto& v) {
    m.ue_ambr = ue_ambr_of(v, r.path(id_uEaggregateMaximumBitrate));
  });
  r.need<E_RABToBeSetupListHOReq_t>(id_E_RABToBeSetupListHOReq, [&](const E_RABToBeSetupListHOReq_t& l) {
    read_items<E_RABToBeSetupItemHOReq_t>(
        l, asn_DEF_E_RABToBeSetupListHOReq, r.current_offset(), r.path(id_E_RABToBeSetupListHOReq),
        [&](const E_RABToBeSetupItemHOReq_t& i, const std::string& path) {
          ERabToBeSetup e;
          e.e_rab_id = static_cast<std::uint8_t>(i.e_RAB_ID);
          e.qos = qos_of(i.e_RABlevelQosParameters, path);
          e.transport_layer_address = bit_octets(i.transportLayerAddress);
          e.gtp_teid = u32_of_octets(i.gTP_TEID, path + ".gTP-TEID");
          m.e_rabs.push_back(std::move(e));
        });
  });
  read_octets(r, id_Source_ToTarget_TransparentContainer, m.source_to_target_container);
  r.need<UESecurityCapabilities_t>(id_UESecurityCapabilities, [&](const auto& v) {
    m.ue_security_capabilities = ue_security_capabilities_of(v, r.path(id_UESecurityCapabilities));
  });
  r.need<SecurityContext_t>(id_SecurityContext, [&](const SecurityContext_t& v) {
    m.security_context = security_context_of(v, r.path(id_SecurityContext));
  });
  read_octets(r, id_NASSecurityParameterstoE_UTRAN, m.nas_security_parameters_to_eutran);
  r.finish(m);
}

RawPdu to_raw_pdu(const HandoverRequest& m) {
  IeWriter w = writer_for<HandoverRequest>();
  put_mme_id(w, m.mme_ue_s1ap_id);
  w.put_scalar<HandoverType_t>(id_HandoverType, static_cast<long>(m.handover_type));
  put_cause(w, m.cause);
  put_filled<UEAggregateMaximumBitrate_t>(w, id_uEaggregateMaximumBitrate, asn_DEF_UEAggregateMaximumBitrate, m.ue_ambr);
  Owned<E_RABToBeSetupListHOReq_t> list(asn_DEF_E_RABToBeSetupListHOReq);
  for (const ERabToBeSetup& e : m.e_rabs) {
    Owned<E_RABToBeSetupItemHOReq_t> i(asn_DEF_E_RABToBeSetupItemHOReq);
    i->e_RAB_ID = e.e_rab_id;
    set_bit_octets(i->transportLayerAddress, e.transport_layer_address);
    set_u32_octets(i->gTP_TEID, e.gtp_teid, 4);
    fill(i->e_RABlevelQosParameters, e.qos);
    add_item(*list, asn_DEF_E_RABToBeSetupListHOReq, id_E_RABToBeSetupItemHOReq, i.get());
  }
  w.put(id_E_RABToBeSetupListHOReq, list.get());
  put_octets(w, id_Source_ToTarget_TransparentContainer, m.source_to_target_container);
  put_filled<UESecurityCapabilities_t>(w, id_UESecurityCapabilities, asn_DEF_UESecurityCapabilities,
                                       m.ue_security_capabilities);
  put_filled<SecurityContext_t>(w, id_SecurityContext, asn_DEF_SecurityContext, m.security_context);
  if (m.nas_security_parameters_to_eutran)
    put_octets(w, id_NASSecurityParameterstoE_UTRAN, *m.nas_security_parameters_to_eutran);
  return finish(w, m);
}

namespace {
void read_failed_list(IeReader& r, std::uint16_t id, std::vector<ERabWithCause>& out) {
  r.take<E_RABFailedtoSetupListHOReqAck_t>(id, [&](const E_RABFailedtoSetupListHOReqAck_t& l) {
    read_items<E_RABFailedToSetupItemHOReqAck_t>(
        l, asn_DEF_E_RABFailedtoSetupListHOReqAck, r.current_offset(), r.path(id),
        [&](const E_RABFailedToSetupItemHOReqAck_t& i, const std::string& path) {
          out.push_back({static_cast<std::uint8_t>(i.e_RAB_ID), cause_of(i.cause, path + ".cause")});
        });
  });
}
}  // namespace

void decode_into(const RawPdu& raw, HandoverRequestAcknowledge& m) {
  IeReader r = reader_for<HandoverRequestAcknowledge>(raw);
  read_ue_ids(r, m.mme_ue_s1ap_id, m.enb_ue_s1ap_id);
  r.need<E_RABAdmittedList_t>(id_E_RABAdmittedList, [&](const E_RABAdmittedList_t& l) {
    read_items<E_RABAdmittedItem_t>(
        l, asn_DEF_E_RABAdmittedList, r.current_offset(), r.path(id_E_RABAdmittedList),
        [&](const E_RABAdmittedItem_t& i, const std::string& path) {
          ERabAdmitted a;
          a.e_rab_id = static_cast<std::uint8_t>(i.e_RAB_ID);
          a.transport_layer_address = bit_octets(i.transportLayerAddress);
          a.gtp_teid = u32_of_octets(i.gTP_TEID, path + ".gTP-TEID");
          if (i.dL_transportLayerAddress) a.dl_forwarding_address = bit_octets(*i.dL_transportLayerAddress);
          if (i.dL_gTP_TEID) a.dl_forwarding_teid = u32_of_octets(*i.dL_gTP_TEID, path + ".dL-gTP-TEID");
          if (i.uL_TransportLayerAddress) a.ul_forwarding_address = bit_octets(*i.uL_TransportLayerAddress);
          if (i.uL_GTP_TEID) a.ul_forwarding_teid = u32_of_octets(*i.uL_GTP_TEID, path + ".uL-GTP-TEID");
          m.e_rabs_admitted.push_back(std::move(a));
        });
  });
  read_failed_list(r, id_E_RABFailedToSetupListHOReqAck, m.e_rabs_failed);
  read_octets(r, id_Target_ToSource_TransparentContainer, m.target_to_source_container);
  r.finish(m);
}

RawPdu to_raw_pdu(const HandoverRequestAcknowledge& m) {
  IeWriter w = writer_for<HandoverRequestAcknowledge>();
  put_ue_ids(w, m.mme_ue_s1ap_id, m.enb_ue_s1ap_id);
  Owned<E_RABAdmittedList_t> list(asn_DEF_E_RABAdmittedList);
  for (const ERabAdmitted& a : m.e_rabs_admitted) {
    Owned<E_RABAdmittedItem_t> i(asn_DEF_E_RABAdmittedItem);
    i->e_RAB_ID = a.e_rab_id;
    set_bit_octets(i->transportLayerAddress, a.transport_layer_address);
    set_u32_octets(i->gTP_TEID, a.gtp_teid, 4);
    if (a.dl_forwarding_address) i->dL_transportLayerAddress = new_bit_octets(*a.dl_forwarding_address);
    if (a.dl_forwarding_teid) {
      i->dL_gTP_TEID = new_zeroed<GTP_TEID_t>();
      set_u32_octets(*i->dL_gTP_TEID, *a.dl_forwarding_teid, 4);
    }
    if (a.ul_forwarding_address) i->uL_TransportLayerAddress = new_bit_octets(*a.ul_forwarding_address);
    if (a.ul_forwarding_teid) {
      i->uL_GTP_TEID = new_zeroed<GTP_TEID_t>();
      set_u32_octets(*i->uL_GTP_TEID, *a.ul_forwarding_teid, 4);
    }
    add_item(*list, asn_DEF_E_RABAdmittedList, id_E_RABAdmittedItem, i.get());
  }
  w.put(id_E_RABAdmittedList, list.get());
  if (!m.e_rabs_failed.empty()) {
    Owned<E_RABFailedtoSetupListHOReqAck_t> failed(asn_DEF_E_RABFailedtoSetupListHOReqAck);
    for (const ERabWithCause& f : m.e_rabs_failed) {
      Owned<E_RABFailedToSetupItemHOReqAck_t> i(asn_DEF_E_RABFailedToSetupItemHOReqAck);
      i->e_RAB_ID = f.e_rab_id;
      fill(i->cause, f.cause);
      add_item(*failed, asn_DEF_E_RABFailedtoSetupListHOReqAck, id_E_RABFailedtoSetupItemHOReqAck, i.get());
    }
    w.put(id_E_RABFailedToSetupListHOReqAck, failed.get());
  }
  put_octets(w, id_Target_ToSource_TransparentContainer, m.target_to_source_container);
  return finish(w, m);
}

void decode_into(const RawPdu& raw, HandoverFailure& m) {
  IeReader r = reader_for<HandoverFailure>(raw);
  read_mme_id(r, m.mme_ue_s1ap_id);
  read_cause(r, m.cause);
  r.finish(m);
}

RawPdu to_raw_pdu(const HandoverFailure& m) {
  IeWriter w = writer_for<HandoverFailure>();
  put_mme_id(w, m.mme_ue_s1ap_id);
  put_cause(w, m.cause);
  return finish(w, m);
}

}  // namespace concur::s1ap::detail
