// INITIAL CONTEXT SETUP, UE CONTEXT MODIFICATION, UE CONTEXT RELEASE (TS 36.413 9.1.4). The
// SecurityKey (KeNB) of the setup and of a modification is what TS 33.401 7.2.10 rules 1/2 watch.
#include <E-RABItem.h>
#include <E-RABList.h>
#include <E-RABSetupItemCtxtSURes.h>
#include <E-RABSetupListCtxtSURes.h>
#include <E-RABToBeSetupItemCtxtSUReq.h>
#include <E-RABToBeSetupListCtxtSUReq.h>
#include <SecurityKey.h>
#include <UE-S1AP-IDs.h>

#include "codec/s1ap/converters.h"

namespace concur::s1ap::detail {

using namespace ids;

namespace {
void read_key(IeReader& r, std::uint16_t id, Key256& out) {
  r.need<SecurityKey_t>(id, [&](const SecurityKey_t& v) { out = key256_of(v, r.path(id)); });
}
void put_key(IeWriter& w, std::uint16_t id, const Key256& k) {
  Owned<SecurityKey_t> b(asn_DEF_SecurityKey);
  fill_key(*b, k);
  w.put(id, b.get());
}
}  // namespace

void decode_into(const RawPdu& raw, InitialContextSetupRequest& m) {
  IeReader r = reader_for<InitialContextSetupRequest>(raw);
  read_ue_ids(r, m.mme_ue_s1ap_id, m.enb_ue_s1ap_id);
  r.need<UEAggregateMaximumBitrate_t>(id_uEaggregateMaximumBitrate, [&](const auto& v) {
    m.ue_ambr = ue_ambr_of(v, r.path(id_uEaggregateMaximumBitrate));
  });
  r.need<E_RABToBeSetupListCtxtSUReq_t>(id_E_RABToBeSetupListCtxtSUReq, [&](const E_RABToBeSetupListCtxtSUReq_t& l) {
    read_items<E_RABToBeSetupItemCtxtSUReq_t>(
        l, asn_DEF_E_RABToBeSetupListCtxtSUReq, r.current_offset(), r.path(id_E_RABToBeSetupListCtxtSUReq),
        [&](const E_RABToBeSetupItemCtxtSUReq_t& i, const std::string& path) {
          ERabToBeSetup e;
          e.e_rab_id = static_cast<std::uint8_t>(i.e_RAB_ID);
          e.qos = qos_of(i.e_RABlevelQoSParameters, path);
          e.transport_layer_address = bit_octets(i.transportLayerAddress);
          e.gtp_teid = u32_of_octets(i.gTP_TEID, path + ".gTP-TEID");
          if (i.nAS_PDU) e.nas_pdu = octets(*i.nAS_PDU);
          m.e_rabs.push_back(std::move(e));
        });
  });
  r.need<UESecurityCapabilities_t>(id_UESecurityCapabilities, [&](const auto& v) {
    m.ue_security_capabilities = ue_security_capabilities_of(v, r.path(id_UESecurityCapabilities));
  });
  read_key(r, id_SecurityKey, m.security_key);
  r.finish(m);
}

RawPdu to_raw_pdu(const InitialContextSetupRequest& m) {
  IeWriter w = writer_for<InitialContextSetupRequest>();
  put_ue_ids(w, m.mme_ue_s1ap_id, m.enb_ue_s1ap_id);
  put_filled<UEAggregateMaximumBitrate_t>(w, id_uEaggregateMaximumBitrate, asn_DEF_UEAggregateMaximumBitrate, m.ue_ambr);
  Owned<E_RABToBeSetupListCtxtSUReq_t> list(asn_DEF_E_RABToBeSetupListCtxtSUReq);
  for (const ERabToBeSetup& e : m.e_rabs) {
    Owned<E_RABToBeSetupItemCtxtSUReq_t> i(asn_DEF_E_RABToBeSetupItemCtxtSUReq);
    i->e_RAB_ID = e.e_rab_id;
    fill(i->e_RABlevelQoSParameters, e.qos);
    set_bit_octets(i->transportLayerAddress, e.transport_layer_address);
    set_u32_octets(i->gTP_TEID, e.gtp_teid, 4);
    if (e.nas_pdu) i->nAS_PDU = new_octets(*e.nas_pdu);
    add_item(*list, asn_DEF_E_RABToBeSetupListCtxtSUReq, id_E_RABToBeSetupItemCtxtSUReq, i.get());
  }
  w.put(id_E_RABToBeSetupListCtxtSUReq, list.get());
  put_filled<UESecurityCapabilities_t>(w, id_UESecurityCapabilities, asn_DEF_UESecurityCapabilities,
                                       m.ue_security_capabilities);
  put_key(w, id_SecurityKey, m.security_key);
  return finish(w, m);
}

void decode_into(const RawPdu& raw, InitialContextSetupResponse& m) {
  IeReader r = reader_for<InitialContextSetupResponse>(raw);
  read_ue_ids(r, m.mme_ue_s1ap_id, m.enb_ue_s1ap_id);
  r.need<E_RABSetupListCtxtSURes_t>(id_E_RABSetupListCtxtSURes, [&](const E_RABSetupListCtxtSURes_t& l) {
    read_items<E_RABSetupItemCtxtSURes_t>(l, asn_DEF_E_RABSetupListCtxtSURes, r.current_offset(),
                                          r.path(id_E_RABSetupListCtxtSURes),
                                          [&](const E_RABSetupItemCtxtSURes_t& i, const std::string& path) {
                                            m.e_rabs_setup.push_back({static_cast<std::uint8_t>(i.e_RAB_ID),
                                                                      bit_octets(i.transportLayerAddress),
                                                                      u32_of_octets(i.gTP_TEID, path)});
                                          });
  });
  r.take<E_RABList_t>(id_E_RABFailedToSetupListCtxtSURes, [&](const E_RABList_t& l) {
    read_items<E_RABItem_t>(l, asn_DEF_E_RABList, r.current_offset(), r.path(id_E_RABFailedToSetupListCtxtSURes),
                            [&](const E_RABItem_t& i, const std::string& path) {
                              m.e_rabs_failed.push_back(
                                  {static_cast<std::uint8_t>(i.e_RAB_ID), cause_of(i.cause, path + ".cause")});
                            });
  });
  r.finish(m);
}

RawPdu to_raw_pdu(const InitialContextSetupResponse& m) {
  IeWriter w = writer_for<InitialContextSetupResponse>();
  put_ue_ids(w, m.mme_ue_s1ap_id, m.enb_ue_s1ap_id);
  Owned<E_RABSetupListCtxtSURes_t> list(asn_DEF_E_RABSetupListCtxtSURes);
  for (const ERabTunnel& t : m.e_rabs_setup) {
    Owned<E_RABSetupItemCtxtSURes_t> i(asn_DEF_E_RABSetupItemCtxtSURes);
    i->e_RAB_ID = t.e_rab_id;
    set_bit_octets(i->transportLayerAddress, t.transport_layer_address);
    set_u32_octets(i->gTP_TEID, t.gtp_teid, 4);
    add_item(*list, asn_DEF_E_RABSetupListCtxtSURes, id_E_RABSetupItemCtxtSURes, i.get());
  }
  w.put(id_E_RABSetupListCtxtSURes, list.get());
  if (!m.e_rabs_failed.empty()) {
    Owned<E_RABList_t> failed(asn_DEF_E_RABList);
    for (const ERabWithCause& f : m.e_rabs_failed) {
      Owned<E_RABItem_t> i(asn_DEF_E_RABItem);
      i->e_RAB_ID = f.e_rab_id;
      fill(i->cause, f.cause);
      add_item(*failed, asn_DEF_E_RABList, id_E_RABItem, i.get());
    }
    w.put(id_E_RABFailedToSetupListCtxtSURes, failed.get());
  }
  return finish(w, m);
}

CONCUR_IDS_AND_CAUSE(InitialContextSetupFailure)
CONCUR_IDS_ONLY(UeContextModificationResponse)
CONCUR_IDS_AND_CAUSE(UeContextModificationFailure)
CONCUR_IDS_AND_CAUSE(UeContextReleaseRequest)
CONCUR_IDS_ONLY(UeContextReleaseComplete)

void decode_into(const RawPdu& raw, UeContextModificationRequest& m) {
  IeReader r = reader_for<UeContextModificationRequest>(raw);
  read_ue_ids(r, m.mme_ue_s1ap_id, m.enb_ue_s1ap_id);
  r.take<SecurityKey_t>(id_SecurityKey, [&](const SecurityKey_t& v) { m.security_key = key256_of(v, r.path(id_SecurityKey)); });
  r.take<UEAggregateMaximumBitrate_t>(id_uEaggregateMaximumBitrate, [&](const auto& v) {
    m.ue_ambr = ue_ambr_of(v, r.path(id_uEaggregateMaximumBitrate));
  });
  r.take<UESecurityCapabilities_t>(id_UESecurityCapabilities, [&](const auto& v) {
    m.ue_security_capabilities = ue_security_capabilities_of(v, r.path(id_UESecurityCapabilities));
  });
  r.finish(m);
}

RawPdu to_raw_pdu(const UeContextModificationRequest& m) {
  IeWriter w = writer_for<UeContextModificationRequest>();
  put_ue_ids(w, m.mme_ue_s1ap_id, m.enb_ue_s1ap_id);
  if (m.security_key) put_key(w, id_SecurityKey, *m.security_key);
  if (m.ue_ambr)
    put_filled<UEAggregateMaximumBitrate_t>(w, id_uEaggregateMaximumBitrate, asn_DEF_UEAggregateMaximumBitrate,
                                            *m.ue_ambr);
  if (m.ue_security_capabilities)
    put_filled<UESecurityCapabilities_t>(w, id_UESecurityCapabilities, asn_DEF_UESecurityCapabilities,
                                         *m.ue_security_capabilities);
  return finish(w, m);
}

void decode_into(const RawPdu& raw, UeContextReleaseCommand& m) {
  IeReader r = reader_for<UeContextReleaseCommand>(raw);
  r.need<UE_S1AP_IDs_t>(id_UE_S1AP_IDs, [&](const UE_S1AP_IDs_t& v) {
    if (v.present == UE_S1AP_IDs_PR_uE_S1AP_ID_pair) {
      m.mme_ue_s1ap_id = u32(v.choice.uE_S1AP_ID_pair.mME_UE_S1AP_ID);
      m.enb_ue_s1ap_id = u32(v.choice.uE_S1AP_ID_pair.eNB_UE_S1AP_ID);
    } else if (v.present == UE_S1AP_IDs_PR_mME_UE_S1AP_ID) {
      m.mme_ue_s1ap_id = u32(v.choice.mME_UE_S1AP_ID);
    } else {
      fail(r.path(id_UE_S1AP_IDs), r.current_offset(), "unknown UE-S1AP-IDs alternative");
    }
  });
  read_cause(r, m.cause);
  r.finish(m);
}

RawPdu to_raw_pdu(const UeContextReleaseCommand& m) {
  IeWriter w = writer_for<UeContextReleaseCommand>();
  Owned<UE_S1AP_IDs_t> ue_ids(asn_DEF_UE_S1AP_IDs);
  if (m.enb_ue_s1ap_id) {
    ue_ids->present = UE_S1AP_IDs_PR_uE_S1AP_ID_pair;
    ue_ids->choice.uE_S1AP_ID_pair.mME_UE_S1AP_ID = m.mme_ue_s1ap_id;
    ue_ids->choice.uE_S1AP_ID_pair.eNB_UE_S1AP_ID = *m.enb_ue_s1ap_id;
  } else {
    ue_ids->present = UE_S1AP_IDs_PR_mME_UE_S1AP_ID;
    ue_ids->choice.mME_UE_S1AP_ID = m.mme_ue_s1ap_id;
  }
  w.put(id_UE_S1AP_IDs, ue_ids.get());
  put_cause(w, m.cause);
  return finish(w, m);
}

}  // namespace concur::s1ap::detail
