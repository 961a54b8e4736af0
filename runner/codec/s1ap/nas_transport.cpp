// INITIAL UE MESSAGE, DOWNLINK / UPLINK NAS TRANSPORT (TS 36.413 9.1.7): the carriers of the
// NAS Security Mode Command and Complete that TS 33.401 7.2.10 interleaves with S1 procedures.
#include <RRC-Establishment-Cause.h>
#include <S-TMSI.h>

#include "codec/s1ap/converters.h"

namespace concur::s1ap::detail {

using namespace ids;

void decode_into(const RawPdu& raw, InitialUeMessage& m) {
  IeReader r = reader_for<InitialUeMessage>(raw);
  read_enb_id(r, m.enb_ue_s1ap_id);
  read_octets(r, id_NAS_PDU, m.nas_pdu);
  r.need<TAI_t>(id_TAI, [&](const TAI_t& v) { m.tai = tai_of(v, r.path(id_TAI)); });
  r.need<EUTRAN_CGI_t>(id_EUTRAN_CGI, [&](const EUTRAN_CGI_t& v) { m.eutran_cgi = ecgi_of(v, r.path(id_EUTRAN_CGI)); });
  r.need<RRC_Establishment_Cause_t>(id_RRC_Establishment_Cause, [&](const RRC_Establishment_Cause_t& v) {
    m.rrc_establishment_cause = static_cast<std::uint8_t>(v);
  });
  r.take<S_TMSI_t>(id_S_TMSI, [&](const S_TMSI_t& v) {
    m.s_tmsi = STmsi{static_cast<std::uint8_t>(u32_of_octets(v.mMEC, r.path(id_S_TMSI) + ".mMEC")),
                     u32_of_octets(v.m_TMSI, r.path(id_S_TMSI) + ".m-TMSI")};
  });
  r.finish(m);
}

RawPdu to_raw_pdu(const InitialUeMessage& m) {
  IeWriter w = writer_for<InitialUeMessage>();
  put_enb_id(w, m.enb_ue_s1ap_id);
  put_octets(w, id_NAS_PDU, m.nas_pdu);
  put_filled<TAI_t>(w, id_TAI, asn_DEF_TAI, m.tai);
  put_filled<EUTRAN_CGI_t>(w, id_EUTRAN_CGI, asn_DEF_EUTRAN_CGI, m.eutran_cgi);
  w.put_scalar<RRC_Establishment_Cause_t>(id_RRC_Establishment_Cause, m.rrc_establishment_cause);
  if (m.s_tmsi) {
    Owned<S_TMSI_t> s(asn_DEF_S_TMSI);
    set_u32_octets(s->mMEC, m.s_tmsi->mmec, 1);
    set_u32_octets(s->m_TMSI, m.s_tmsi->m_tmsi, 4);
    w.put(id_S_TMSI, s.get());
  }
  return finish(w, m);
}

void decode_into(const RawPdu& raw, DownlinkNasTransport& m) {
  IeReader r = reader_for<DownlinkNasTransport>(raw);
  read_ue_ids(r, m.mme_ue_s1ap_id, m.enb_ue_s1ap_id);
  read_octets(r, id_NAS_PDU, m.nas_pdu);
  r.finish(m);
}

RawPdu to_raw_pdu(const DownlinkNasTransport& m) {
  IeWriter w = writer_for<DownlinkNasTransport>();
  put_ue_ids(w, m.mme_ue_s1ap_id, m.enb_ue_s1ap_id);
  put_octets(w, id_NAS_PDU, m.nas_pdu);
  return finish(w, m);
}

void decode_into(const RawPdu& raw, UplinkNasTransport& m) {
  IeReader r = reader_for<UplinkNasTransport>(raw);
  read_ue_ids(r, m.mme_ue_s1ap_id, m.enb_ue_s1ap_id);
  read_octets(r, id_NAS_PDU, m.nas_pdu);
  r.need<EUTRAN_CGI_t>(id_EUTRAN_CGI, [&](const EUTRAN_CGI_t& v) { m.eutran_cgi = ecgi_of(v, r.path(id_EUTRAN_CGI)); });
  r.need<TAI_t>(id_TAI, [&](const TAI_t& v) { m.tai = tai_of(v, r.path(id_TAI)); });
  r.finish(m);
}

RawPdu to_raw_pdu(const UplinkNasTransport& m) {
  IeWriter w = writer_for<UplinkNasTransport>();
  put_ue_ids(w, m.mme_ue_s1ap_id, m.enb_ue_s1ap_id);
  put_octets(w, id_NAS_PDU, m.nas_pdu);
  put_filled<EUTRAN_CGI_t>(w, id_EUTRAN_CGI, asn_DEF_EUTRAN_CGI, m.eutran_cgi);
  put_filled<TAI_t>(w, id_TAI, asn_DEF_TAI, m.tai);
  return finish(w, m);
}

}  // namespace concur::s1ap::detail
