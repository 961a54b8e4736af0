#include "codec/s1ap/transparent_containers.h"

#include <LastVisitedCell-Item.h>
#include <SourceeNB-ToTargeteNB-TransparentContainer.h>
#include <TargeteNB-ToSourceeNB-TransparentContainer.h>

#include "codec/s1ap/convert_common.h"

namespace concur::s1ap {

using detail::Owned;

Result<Bytes> encode_container(const SourceEnbToTargetEnbContainer& c) {
  return decode_guarded([&] {
    // asn1c's constraint check does not run before our encoder: the SIZE (1..16) of the history
    // is checked here so that a bad value is an error naming the field, not an invalid encoding.
    if (c.ue_history.empty() || c.ue_history.size() > 16)
      detail::fail("SourceeNB-ToTargeteNB-TransparentContainer.uE-HistoryInformation", 0, "must hold 1..16 cells");
    Owned<SourceeNB_ToTargeteNB_TransparentContainer_t> s(asn_DEF_SourceeNB_ToTargeteNB_TransparentContainer);
    detail::set_octets(s->rRC_Container, view_of(c.rrc_container));
    detail::fill(s->targetCell_ID, c.target_cell);
    for (const auto& h : c.ue_history) {
      auto& item = detail::add_element<LastVisitedCell_Item_t>(s->uE_HistoryInformation.list);
      item.present = LastVisitedCell_Item_PR_e_UTRAN_Cell;
      auto& cell = item.choice.e_UTRAN_Cell;
      detail::fill(cell.global_Cell_ID, h.cell);
      cell.cellType.cell_Size = h.cell_size;
      cell.time_UE_StayedInCell = h.time_in_cell_s;
    }
    return detail::encode_as(asn_DEF_SourceeNB_ToTargeteNB_TransparentContainer, s.get(),
                             "SourceeNB-ToTargeteNB-TransparentContainer");
  });
}

Result<Bytes> encode_container(const TargetEnbToSourceEnbContainer& c) {
  return decode_guarded([&] {
    Owned<TargeteNB_ToSourceeNB_TransparentContainer_t> t(asn_DEF_TargeteNB_ToSourceeNB_TransparentContainer);
    detail::set_octets(t->rRC_Container, view_of(c.rrc_container));
    return detail::encode_as(asn_DEF_TargeteNB_ToSourceeNB_TransparentContainer, t.get(),
                             "TargeteNB-ToSourceeNB-TransparentContainer");
  });
}

}  // namespace concur::s1ap
