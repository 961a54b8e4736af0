// S1 SETUP (REQUEST / RESPONSE / FAILURE), RESET, ERROR INDICATION (TS 36.413 9.1.8).
#include <BPLMNs.h>
#include <ENBname.h>
#include <MMEname.h>
#include <PagingDRX.h>
#include <RelativeMMECapacity.h>
#include <ResetType.h>
#include <ServedGUMMEIs.h>
#include <ServedGUMMEIsItem.h>
#include <SupportedTAs-Item.h>
#include <SupportedTAs.h>
#include <TimeToWait.h>
#include <UE-associatedLogicalS1-ConnectionItem.h>
#include <UE-associatedLogicalS1-ConnectionListRes.h>

#include "codec/s1ap/converters.h"

namespace concur::s1ap::detail {

using namespace ids;

namespace {
std::string text_of(const OCTET_STRING_t& s) { return std::string(reinterpret_cast<const char*>(s.buf), s.size); }
}  // namespace

void decode_into(const RawPdu& raw, S1SetupRequest& m) {
  IeReader r = reader_for<S1SetupRequest>(raw);
  r.need<Global_ENB_ID_t>(id_Global_ENB_ID, [&](const Global_ENB_ID_t& v) {
    m.global_enb_id = global_enb_id_of(v, r.path(id_Global_ENB_ID));
  });
  r.take_lenient<ENBname_t>(id_eNBname, [&](const ENBname_t& v) { m.enb_name = text_of(v); });
  r.need<SupportedTAs_t>(id_SupportedTAs, [&](const SupportedTAs_t& l) {
    for (int i = 0; i < l.list.count; ++i) {
      const SupportedTAs_Item_t& item = *l.list.array[i];
      SupportedTa ta;
      const std::string path = r.path(id_SupportedTAs) + "[" + std::to_string(i) + "]";
      ta.tac = static_cast<std::uint16_t>(u32_of_octets(item.tAC, path + ".tAC"));
      for (int j = 0; j < item.broadcastPLMNs.list.count; ++j)
        ta.broadcast_plmns.push_back(plmn_of(*item.broadcastPLMNs.list.array[j], path + ".broadcastPLMNs"));
      m.supported_tas.push_back(std::move(ta));
    }
  });
  r.need<PagingDRX_t>(id_DefaultPagingDRX, [&](const PagingDRX_t& v) { m.default_paging_drx = static_cast<std::uint8_t>(v); });
  r.finish(m);
}

RawPdu to_raw_pdu(const S1SetupRequest& m) {
  IeWriter w = writer_for<S1SetupRequest>();
  put_filled<Global_ENB_ID_t>(w, id_Global_ENB_ID, asn_DEF_Global_ENB_ID, m.global_enb_id);
  if (m.enb_name) put_octets(w, id_eNBname, Bytes(m.enb_name->begin(), m.enb_name->end()));
  Owned<SupportedTAs_t> tas(asn_DEF_SupportedTAs);
  for (const SupportedTa& ta : m.supported_tas) {
    auto& item = add_element<SupportedTAs_Item_t>(tas->list);
    set_u32_octets(item.tAC, ta.tac, 2);
    for (const Plmn& p : ta.broadcast_plmns) set_plmn(add_element<PLMNidentity_t>(item.broadcastPLMNs.list), p);
  }
  w.put(id_SupportedTAs, tas.get());
  w.put_scalar<PagingDRX_t>(id_DefaultPagingDRX, m.default_paging_drx);
  return finish(w, m);
}

void decode_into(const RawPdu& raw, S1SetupResponse& m) {
  IeReader r = reader_for<S1SetupResponse>(raw);
  r.take_lenient<MMEname_t>(id_MMEname, [&](const MMEname_t& v) { m.mme_name = text_of(v); });
  r.need<ServedGUMMEIs_t>(id_ServedGUMMEIs, [&](const ServedGUMMEIs_t& l) {
    for (int i = 0; i < l.list.count; ++i) {
      const ServedGUMMEIsItem_t& item = *l.list.array[i];
      const std::string path = r.path(id_ServedGUMMEIs) + "[" + std::to_string(i) + "]";
      ServedGummei g;
      for (int j = 0; j < item.servedPLMNs.list.count; ++j)
        g.served_plmns.push_back(plmn_of(*item.servedPLMNs.list.array[j], path + ".servedPLMNs"));
      for (int j = 0; j < item.servedGroupIDs.list.count; ++j)
        g.mme_group_ids.push_back(
            static_cast<std::uint16_t>(u32_of_octets(*item.servedGroupIDs.list.array[j], path + ".servedGroupIDs")));
      for (int j = 0; j < item.servedMMECs.list.count; ++j)
        g.mme_codes.push_back(
            static_cast<std::uint8_t>(u32_of_octets(*item.servedMMECs.list.array[j], path + ".servedMMECs")));
      m.served_gummeis.push_back(std::move(g));
    }
  });
  r.need<RelativeMMECapacity_t>(id_RelativeMMECapacity,
                                [&](const RelativeMMECapacity_t& v) { m.relative_mme_capacity = static_cast<std::uint8_t>(v); });
  r.finish(m);
}

RawPdu to_raw_pdu(const S1SetupResponse& m) {
  IeWriter w = writer_for<S1SetupResponse>();
  if (m.mme_name) put_octets(w, id_MMEname, Bytes(m.mme_name->begin(), m.mme_name->end()));
  Owned<ServedGUMMEIs_t> gs(asn_DEF_ServedGUMMEIs);
  for (const ServedGummei& g : m.served_gummeis) {
    auto& item = add_element<ServedGUMMEIsItem_t>(gs->list);
    for (const Plmn& p : g.served_plmns) set_plmn(add_element<PLMNidentity_t>(item.servedPLMNs.list), p);
    for (std::uint16_t id : g.mme_group_ids) set_u32_octets(add_element<MME_Group_ID_t>(item.servedGroupIDs.list), id, 2);
    for (std::uint8_t c : g.mme_codes) set_u32_octets(add_element<MME_Code_t>(item.servedMMECs.list), c, 1);
  }
  w.put(id_ServedGUMMEIs, gs.get());
  w.put_scalar<RelativeMMECapacity_t>(id_RelativeMMECapacity, m.relative_mme_capacity);
  return finish(w, m);
}

void decode_into(const RawPdu& raw, S1SetupFailure& m) {
  IeReader r = reader_for<S1SetupFailure>(raw);
  read_cause(r, m.cause);
  r.take<TimeToWait_t>(id_TimeToWait, [&](const TimeToWait_t& v) { m.time_to_wait = static_cast<std::uint8_t>(v); });
  r.finish(m);
}

RawPdu to_raw_pdu(const S1SetupFailure& m) {
  IeWriter w = writer_for<S1SetupFailure>();
  put_cause(w, m.cause);
  if (m.time_to_wait) w.put_scalar<TimeToWait_t>(id_TimeToWait, *m.time_to_wait);
  return finish(w, m);
}

void decode_into(const RawPdu& raw, Reset& m) {
  IeReader r = reader_for<Reset>(raw);
  read_cause(r, m.cause);
  r.need<ResetType_t>(id_ResetType, [&](const ResetType_t& v) {
    if (v.present == ResetType_PR_s1_Interface) return;
    if (v.present != ResetType_PR_partOfS1_Interface)
      fail(r.path(id_ResetType), r.current_offset(), "unknown ResetType alternative");
    read_items<UE_associatedLogicalS1_ConnectionItem_t>(
        v.choice.partOfS1_Interface, asn_DEF_UE_associatedLogicalS1_ConnectionListRes, r.current_offset(),
        r.path(id_ResetType), [&](const UE_associatedLogicalS1_ConnectionItem_t& i, const std::string&) {
          UeAssociatedConnection c;
          if (i.mME_UE_S1AP_ID) c.mme_ue_s1ap_id = u32(*i.mME_UE_S1AP_ID);
          if (i.eNB_UE_S1AP_ID) c.enb_ue_s1ap_id = u32(*i.eNB_UE_S1AP_ID);
          m.connections.push_back(c);
        });
  });
  r.finish(m);
}

RawPdu to_raw_pdu(const Reset& m) {
  IeWriter w = writer_for<Reset>();
  put_cause(w, m.cause);
  Owned<ResetType_t> t(asn_DEF_ResetType);
  if (m.connections.empty()) {
    t->present = ResetType_PR_s1_Interface;
    t->choice.s1_Interface = 0;  // reset-all
  } else {
    t->present = ResetType_PR_partOfS1_Interface;
    for (const UeAssociatedConnection& c : m.connections) {
      Owned<UE_associatedLogicalS1_ConnectionItem_t> i(asn_DEF_UE_associatedLogicalS1_ConnectionItem);
      if (c.mme_ue_s1ap_id) {
        i->mME_UE_S1AP_ID = new_zeroed<MME_UE_S1AP_ID_t>();
        *i->mME_UE_S1AP_ID = *c.mme_ue_s1ap_id;
      }
      if (c.enb_ue_s1ap_id) {
        i->eNB_UE_S1AP_ID = new_zeroed<ENB_UE_S1AP_ID_t>();
        *i->eNB_UE_S1AP_ID = *c.enb_ue_s1ap_id;
      }
      add_item(t->choice.partOfS1_Interface, asn_DEF_UE_associatedLogicalS1_ConnectionListRes,
               id_UE_associatedLogicalS1_ConnectionItem, i.get());
    }
  }
  w.put(id_ResetType, t.get());
  return finish(w, m);
}

void decode_into(const RawPdu& raw, ErrorIndication& m) {
  IeReader r = reader_for<ErrorIndication>(raw);
  r.take<MME_UE_S1AP_ID_t>(id_MME_UE_S1AP_ID, [&](const MME_UE_S1AP_ID_t& v) { m.mme_ue_s1ap_id = u32(v); });
  r.take<ENB_UE_S1AP_ID_t>(id_eNB_UE_S1AP_ID, [&](const ENB_UE_S1AP_ID_t& v) { m.enb_ue_s1ap_id = u32(v); });
  r.take<Cause_t>(id_Cause, [&](const Cause_t& v) { m.cause = cause_of(v, r.path(id_Cause)); });
  r.finish(m);
}

RawPdu to_raw_pdu(const ErrorIndication& m) {
  IeWriter w = writer_for<ErrorIndication>();
  if (m.mme_ue_s1ap_id) put_mme_id(w, *m.mme_ue_s1ap_id);
  if (m.enb_ue_s1ap_id) put_enb_id(w, *m.enb_ue_s1ap_id);
  if (m.cause) put_cause(w, *m.cause);
  return finish(w, m);
}

}  // namespace concur::s1ap::detail
