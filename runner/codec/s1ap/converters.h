// Codec-internal: one converter per message (decode_into / to_raw_pdu overloads, one file per
// message family) and the (procedure code, PDU type) of each modelled message.
#pragma once

#include <Cause.h>
#include <ENB-UE-S1AP-ID.h>
#include <MME-UE-S1AP-ID.h>
#include <OCTET_STRING.h>

#include "codec/s1ap/convert_common.h"
#include "codec/s1ap/ie_io.h"
#include "codec/s1ap/messages.h"
#include "s1ap_ids.h"

namespace concur::s1ap::detail {

template <class M>
struct MessageKind;
#define CONCUR_S1AP_MESSAGE(M, CODE, TYPE)                    \
  template <>                                                 \
  struct MessageKind<M> {                                     \
    static constexpr std::uint8_t code = ids::CODE;           \
    static constexpr PduType type = PduType::TYPE;            \
  };                                                          \
  void decode_into(const RawPdu& raw, M& out);                \
  RawPdu to_raw_pdu(const M& m);
CONCUR_S1AP_MESSAGE(S1SetupRequest, id_S1Setup, initiating)
CONCUR_S1AP_MESSAGE(S1SetupResponse, id_S1Setup, successful)
CONCUR_S1AP_MESSAGE(S1SetupFailure, id_S1Setup, unsuccessful)
CONCUR_S1AP_MESSAGE(Reset, id_Reset, initiating)
CONCUR_S1AP_MESSAGE(ErrorIndication, id_ErrorIndication, initiating)
CONCUR_S1AP_MESSAGE(InitialUeMessage, id_initialUEMessage, initiating)
CONCUR_S1AP_MESSAGE(DownlinkNasTransport, id_downlinkNASTransport, initiating)
CONCUR_S1AP_MESSAGE(UplinkNasTransport, id_uplinkNASTransport, initiating)
CONCUR_S1AP_MESSAGE(InitialContextSetupRequest, id_InitialContextSetup, initiating)
CONCUR_S1AP_MESSAGE(InitialContextSetupResponse, id_InitialContextSetup, successful)
CONCUR_S1AP_MESSAGE(InitialContextSetupFailure, id_InitialContextSetup, unsuccessful)
CONCUR_S1AP_MESSAGE(UeContextModificationRequest, id_UEContextModification, initiating)
CONCUR_S1AP_MESSAGE(UeContextModificationResponse, id_UEContextModification, successful)
CONCUR_S1AP_MESSAGE(UeContextModificationFailure, id_UEContextModification, unsuccessful)
CONCUR_S1AP_MESSAGE(UeContextReleaseRequest, id_UEContextReleaseRequest, initiating)
CONCUR_S1AP_MESSAGE(UeContextReleaseCommand, id_UEContextRelease, initiating)
CONCUR_S1AP_MESSAGE(UeContextReleaseComplete, id_UEContextRelease, successful)
CONCUR_S1AP_MESSAGE(HandoverRequired, id_HandoverPreparation, initiating)
CONCUR_S1AP_MESSAGE(HandoverCommand, id_HandoverPreparation, successful)
CONCUR_S1AP_MESSAGE(HandoverPreparationFailure, id_HandoverPreparation, unsuccessful)
CONCUR_S1AP_MESSAGE(HandoverRequest, id_HandoverResourceAllocation, initiating)
CONCUR_S1AP_MESSAGE(HandoverRequestAcknowledge, id_HandoverResourceAllocation, successful)
CONCUR_S1AP_MESSAGE(HandoverFailure, id_HandoverResourceAllocation, unsuccessful)
CONCUR_S1AP_MESSAGE(HandoverNotify, id_HandoverNotification, initiating)
CONCUR_S1AP_MESSAGE(HandoverCancel, id_HandoverCancel, initiating)
CONCUR_S1AP_MESSAGE(HandoverCancelAcknowledge, id_HandoverCancel, successful)
CONCUR_S1AP_MESSAGE(EnbStatusTransfer, id_eNBStatusTransfer, initiating)
CONCUR_S1AP_MESSAGE(MmeStatusTransfer, id_MMEStatusTransfer, initiating)
CONCUR_S1AP_MESSAGE(PathSwitchRequest, id_PathSwitchRequest, initiating)
CONCUR_S1AP_MESSAGE(PathSwitchRequestAcknowledge, id_PathSwitchRequest, successful)
CONCUR_S1AP_MESSAGE(PathSwitchRequestFailure, id_PathSwitchRequest, unsuccessful)
#undef CONCUR_S1AP_MESSAGE

template <class M>
IeReader reader_for(const RawPdu& raw) {
  return IeReader(raw, MessageKind<M>::code, MessageKind<M>::type);
}
template <class M>
IeWriter writer_for() {
  return IeWriter(MessageKind<M>::code, MessageKind<M>::type);
}
template <class M>
RawPdu finish(IeWriter& w, const M& m) {
  w.put_raw(m.other_ies);
  return w.finish(procedure_criticality(MessageKind<M>::code), m);
}

// Shared IE patterns ------------------------------------------------------------------------
inline void read_mme_id(IeReader& r, std::uint32_t& mme, std::uint16_t id = ids::id_MME_UE_S1AP_ID) {
  r.need<MME_UE_S1AP_ID_t>(id, [&](const MME_UE_S1AP_ID_t& v) { mme = u32(v); });
}
inline void read_enb_id(IeReader& r, std::uint32_t& enb) {
  r.need<ENB_UE_S1AP_ID_t>(ids::id_eNB_UE_S1AP_ID, [&](const ENB_UE_S1AP_ID_t& v) { enb = u32(v); });
}
inline void read_ue_ids(IeReader& r, std::uint32_t& mme, std::uint32_t& enb) {
  read_mme_id(r, mme);
  read_enb_id(r, enb);
}
inline void put_mme_id(IeWriter& w, std::uint32_t mme, std::uint16_t id = ids::id_MME_UE_S1AP_ID) {
  w.put_scalar<MME_UE_S1AP_ID_t>(id, mme);
}
inline void put_enb_id(IeWriter& w, std::uint32_t enb) { w.put_scalar<ENB_UE_S1AP_ID_t>(ids::id_eNB_UE_S1AP_ID, enb); }
inline void put_ue_ids(IeWriter& w, std::uint32_t mme, std::uint32_t enb) {
  put_mme_id(w, mme);
  put_enb_id(w, enb);
}

inline void read_cause(IeReader& r, Cause& c) {
  r.need<Cause_t>(ids::id_Cause, [&](const Cause_t& v) { c = cause_of(v, r.path(ids::id_Cause)); });
}
/// Fills a zeroed structure of type T from domain value `v` with fill() and sends it as IE `id`.
template <class T, class V>
void put_filled(IeWriter& w, std::uint16_t id, asn_TYPE_descriptor_t& td, const V& v) {
  Owned<T> c(td);
  fill(*c, v);
  w.put(id, c.get());
}
inline void put_cause(IeWriter& w, const Cause& c) { put_filled<Cause_t>(w, ids::id_Cause, asn_DEF_Cause, c); }

/// OCTET STRING IEs (NAS-PDU, transparent containers, NAS security parameters).
inline void read_octets(IeReader& r, std::uint16_t id, Bytes& out) {
  r.need<OCTET_STRING_t>(id, [&](const OCTET_STRING_t& v) { out = octets(v); });
}
inline void read_octets(IeReader& r, std::uint16_t id, std::optional<Bytes>& out) {
  r.take<OCTET_STRING_t>(id, [&](const OCTET_STRING_t& v) { out = octets(v); });
}
inline void put_octets(IeWriter& w, std::uint16_t id, const Bytes& b) {
  Owned<OCTET_STRING_t> os(asn_DEF_OCTET_STRING);
  set_octets(*os, b);
  w.put(id, os.get());
}

// Messages made of the two UE S1AP IDs and, for failures, a Cause.
#define CONCUR_IDS_ONLY(M)                              \
  void decode_into(const RawPdu& raw, M& m) {           \
    IeReader r = reader_for<M>(raw);                    \
    read_ue_ids(r, m.mme_ue_s1ap_id, m.enb_ue_s1ap_id); \
    r.finish(m);                             \
  }                                                     \
  RawPdu to_raw_pdu(const M& m) {                       \
    IeWriter w = writer_for<M>();                       \
    put_ue_ids(w, m.mme_ue_s1ap_id, m.enb_ue_s1ap_id);  \
    return finish(w, m);                                \
  }
#define CONCUR_IDS_AND_CAUSE(M)                         \
  void decode_into(const RawPdu& raw, M& m) {           \
    IeReader r = reader_for<M>(raw);                    \
    read_ue_ids(r, m.mme_ue_s1ap_id, m.enb_ue_s1ap_id); \
    read_cause(r, m.cause);                             \
    r.finish(m);                             \
  }                                                     \
  RawPdu to_raw_pdu(const M& m) {                       \
    IeWriter w = writer_for<M>();                       \
    put_ue_ids(w, m.mme_ue_s1ap_id, m.enb_ue_s1ap_id);  \
    put_cause(w, m.cause);                              \
    return finish(w, m);                                \
  }


}  // namespace concur::s1ap::detail
