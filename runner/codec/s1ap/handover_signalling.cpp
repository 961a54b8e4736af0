// HANDOVER REQUIRED / COMMAND / PREPARATION FAILURE, NOTIFY, CANCEL (+ACKNOWLEDGE), eNB/MME
// STATUS TRANSFER (TS 36.413 9.1.5). HANDOVER REQUIRED's type and target tell an inter-MME or
// inter-RAT handover apart (TS 33.401 7.2.10 rules 6 and 7).
#include <Bearers-SubjectToStatusTransfer-Item.h>
#include <Bearers-SubjectToStatusTransferList.h>
#include <ENB-StatusTransfer-TransparentContainer.h>
#include <HandoverType.h>
#include <TargetID.h>

#include "codec/s1ap/converters.h"

namespace concur::s1ap::detail {

using namespace ids;

namespace {
void read_handover_type(IeReader& r, HandoverType& out) {
  r.need<HandoverType_t>(id_HandoverType, [&](const HandoverType_t& v) { out = static_cast<HandoverType>(v); });
}
void put_handover_type(IeWriter& w, HandoverType t) { w.put_scalar<HandoverType_t>(id_HandoverType, static_cast<long>(t)); }
}  // namespace

void decode_into(const RawPdu& raw, HandoverRequired& m) {
  IeReader r = reader_for<HandoverRequired>(raw);
  read_ue_ids(r, m.mme_ue_s1ap_id, m.enb_ue_s1ap_id);
  read_handover_type(r, m.handover_type);
  read_cause(r, m.cause);
  r.need<TargetID_t>(id_TargetID, [&](const TargetID_t& v) { m.target_id = target_id_of(v, r.path(id_TargetID)); });
  read_octets(r, id_Source_ToTarget_TransparentContainer, m.source_to_target_container);
  r.finish(m);
}

RawPdu to_raw_pdu(const HandoverRequired& m) {
  IeWriter w = writer_for<HandoverRequired>();
  put_ue_ids(w, m.mme_ue_s1ap_id, m.enb_ue_s1ap_id);
  put_handover_type(w, m.handover_type);
  put_cause(w, m.cause);
  Owned<TargetID_t> target(asn_DEF_TargetID);
  if (fill(*target, m.target_id)) {
    w.put(id_TargetID, target.get());
  } else {
    // A target the domain does not break down: its encoding goes out as received.
    w.put_raw({Ie{id_TargetID, table_criticality(MessageKind<HandoverRequired>::code, PduType::initiating, id_TargetID),
                  std::get<TargetOther>(m.target_id).encoding, 0}});
  }
  put_octets(w, id_Source_ToTarget_TransparentContainer, m.source_to_target_container);
  return finish(w, m);
}

void decode_into(const RawPdu& raw, HandoverCommand& m) {
  IeReader r = reader_for<HandoverCommand>(raw);
  read_ue_ids(r, m.mme_ue_s1ap_id, m.enb_ue_s1ap_id);
  read_handover_type(r, m.handover_type);
  read_octets(r, id_NASSecurityParametersfromE_UTRAN, m.nas_security_parameters_from_eutran);
  read_octets(r, id_Target_ToSource_TransparentContainer, m.target_to_source_container);
  r.finish(m);
}

RawPdu to_raw_pdu(const HandoverCommand& m) {
  IeWriter w = writer_for<HandoverCommand>();
  put_ue_ids(w, m.mme_ue_s1ap_id, m.enb_ue_s1ap_id);
  put_handover_type(w, m.handover_type);
  if (m.nas_security_parameters_from_eutran)
    put_octets(w, id_NASSecurityParametersfromE_UTRAN, *m.nas_security_parameters_from_eutran);
  put_octets(w, id_Target_ToSource_TransparentContainer, m.target_to_source_container);
  return finish(w, m);
}

CONCUR_IDS_AND_CAUSE(HandoverPreparationFailure)
CONCUR_IDS_AND_CAUSE(HandoverCancel)
CONCUR_IDS_ONLY(HandoverCancelAcknowledge)

void decode_into(const RawPdu& raw, HandoverNotify& m) {
  IeReader r = reader_for<HandoverNotify>(raw);
  read_ue_ids(r, m.mme_ue_s1ap_id, m.enb_ue_s1ap_id);
  r.need<EUTRAN_CGI_t>(id_EUTRAN_CGI, [&](const EUTRAN_CGI_t& v) { m.eutran_cgi = ecgi_of(v, r.path(id_EUTRAN_CGI)); });
  r.need<TAI_t>(id_TAI, [&](const TAI_t& v) { m.tai = tai_of(v, r.path(id_TAI)); });
  r.finish(m);
}

RawPdu to_raw_pdu(const HandoverNotify& m) {
  IeWriter w = writer_for<HandoverNotify>();
  put_ue_ids(w, m.mme_ue_s1ap_id, m.enb_ue_s1ap_id);
  put_filled<EUTRAN_CGI_t>(w, id_EUTRAN_CGI, asn_DEF_EUTRAN_CGI, m.eutran_cgi);
  put_filled<TAI_t>(w, id_TAI, asn_DEF_TAI, m.tai);
  return finish(w, m);
}

// eNB/MME STATUS TRANSFER share the transparent container (9.2.1.31).
namespace {
template <class M>
void decode_status_transfer(const RawPdu& raw, M& m) {
  IeReader r = reader_for<M>(raw);
  read_ue_ids(r, m.mme_ue_s1ap_id, m.enb_ue_s1ap_id);
  r.need<ENB_StatusTransfer_TransparentContainer_t>(
      id_eNB_StatusTransfer_TransparentContainer, [&](const ENB_StatusTransfer_TransparentContainer_t& c) {
        read_items<Bearers_SubjectToStatusTransfer_Item_t>(
            c.bearers_SubjectToStatusTransferList, asn_DEF_Bearers_SubjectToStatusTransferList, r.current_offset(),
            r.path(id_eNB_StatusTransfer_TransparentContainer),
            [&](const Bearers_SubjectToStatusTransfer_Item_t& i, const std::string&) {
              BearerStatus b;
              b.e_rab_id = static_cast<std::uint8_t>(i.e_RAB_ID);
              b.ul_pdcp_sn = static_cast<std::uint16_t>(i.uL_COUNTvalue.pDCP_SN);
              b.ul_hfn = static_cast<std::uint32_t>(i.uL_COUNTvalue.hFN);
              b.dl_pdcp_sn = static_cast<std::uint16_t>(i.dL_COUNTvalue.pDCP_SN);
              b.dl_hfn = static_cast<std::uint32_t>(i.dL_COUNTvalue.hFN);
              if (i.receiveStatusofULPDCPSDUs) b.receive_status_of_ul_pdcp_sdus = bit_octets(*i.receiveStatusofULPDCPSDUs);
              m.bearers.push_back(std::move(b));
            });
      });
  r.finish(m);
}

template <class M>
RawPdu encode_status_transfer(const M& m) {
  IeWriter w = writer_for<M>();
  put_ue_ids(w, m.mme_ue_s1ap_id, m.enb_ue_s1ap_id);
  Owned<ENB_StatusTransfer_TransparentContainer_t> c(asn_DEF_ENB_StatusTransfer_TransparentContainer);
  for (const BearerStatus& b : m.bearers) {
    Owned<Bearers_SubjectToStatusTransfer_Item_t> i(asn_DEF_Bearers_SubjectToStatusTransfer_Item);
    i->e_RAB_ID = b.e_rab_id;
    i->uL_COUNTvalue.pDCP_SN = b.ul_pdcp_sn;
    i->uL_COUNTvalue.hFN = b.ul_hfn;
    i->dL_COUNTvalue.pDCP_SN = b.dl_pdcp_sn;
    i->dL_COUNTvalue.hFN = b.dl_hfn;
    if (b.receive_status_of_ul_pdcp_sdus) i->receiveStatusofULPDCPSDUs = new_bit_octets(*b.receive_status_of_ul_pdcp_sdus);
    add_item(c->bearers_SubjectToStatusTransferList, asn_DEF_Bearers_SubjectToStatusTransferList,
             id_Bearers_SubjectToStatusTransfer_Item, i.get());
  }
  w.put(id_eNB_StatusTransfer_TransparentContainer, c.get());
  return finish(w, m);
}
}  // namespace

void decode_into(const RawPdu& raw, EnbStatusTransfer& m) { decode_status_transfer(raw, m); }
RawPdu to_raw_pdu(const EnbStatusTransfer& m) { return encode_status_transfer(m); }
void decode_into(const RawPdu& raw, MmeStatusTransfer& m) { decode_status_transfer(raw, m); }
RawPdu to_raw_pdu(const MmeStatusTransfer& m) { return encode_status_transfer(m); }

}  // namespace concur::s1ap::detail
