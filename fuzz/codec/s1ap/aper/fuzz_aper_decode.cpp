// Decodes arbitrary input as one of the test module's types (chosen by the first octet). A
// decode must fail cleanly or yield a structure that encodes, and the encoding must decode
// again to a structure that encodes to the same octets (a fixed point after one round).
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "Bits-Ext.h"
#include "Digits.h"
#include "Enum-Ext.h"
#include "Int-Alignment.h"
#include "Int-Extensible.h"
#include "Int-Range63.h"
#include "Int-Semi.h"
#include "Int-Unconstrained.h"
#include "List-Ext.h"
#include "List-Unconstrained.h"
#include "Name-Printable.h"
#include "Name-UTF8.h"
#include "Octet-Alignment.h"
#include "Pick-Ext.h"
#include "ProtocolIE-Container.h"
#include "Record-Additions.h"
#include "Record.h"
#include "Security-Context.h"
#include "Set-Constrained.h"
#include "Tree.h"
#include "codec/s1ap/aper/aper.h"

namespace {

asn_TYPE_descriptor_t* const kTypes[] = {
    &asn_DEF_Record,          &asn_DEF_Record_Additions,   &asn_DEF_Pick_Ext,          &asn_DEF_Tree,
    &asn_DEF_Security_Context, &asn_DEF_ProtocolIE_Container, &asn_DEF_Int_Alignment,   &asn_DEF_Octet_Alignment,
    &asn_DEF_List_Ext,        &asn_DEF_List_Unconstrained, &asn_DEF_Set_Constrained,   &asn_DEF_Name_Printable,
    &asn_DEF_Name_UTF8,       &asn_DEF_Digits,             &asn_DEF_Bits_Ext,          &asn_DEF_Enum_Ext,
    &asn_DEF_Int_Extensible,  &asn_DEF_Int_Semi,           &asn_DEF_Int_Unconstrained, &asn_DEF_Int_Range63,
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  asn_TYPE_descriptor_t& td = *kTypes[data[0] % (sizeof kTypes / sizeof kTypes[0])];
  using concur::s1ap::aper::decode;
  using concur::s1ap::aper::encode;
  auto first = decode(td, concur::ByteView(data + 1, size - 1));
  if (!first.ok()) return 0;
  auto enc = encode(td, *first);
  td.free_struct(&td, *first, 0);
  if (!enc.ok()) std::abort();  // whatever decodes must encode
  auto second = decode(td, concur::view_of(*enc));
  if (!second.ok()) std::abort();  // our own encoding must decode
  auto again = encode(td, *second);
  td.free_struct(&td, *second, 0);
  if (!again.ok() || *again != *enc) std::abort();
  return 0;
}
