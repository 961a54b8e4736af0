// Any octets given to decode_sparse give a message or nullopt, never a crash or an out-of-bounds
// read (ASAN/UBSAN). Where decode_pdu decodes the same octets too, the fields the sparse decode
// fills (UE S1AP ids, NAS-PDU, TAI, SecurityKey) and the message type must be the same.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <type_traits>

#include "codec/s1ap/sparse.h"

using namespace concur;
using namespace concur::s1ap;

namespace {

template <class M>
bool same_sparse_fields(const M& f, const M& s) {
  bool same = true;
  if constexpr (requires { f.mme_ue_s1ap_id; }) same = same && f.mme_ue_s1ap_id == s.mme_ue_s1ap_id;
  if constexpr (requires { f.enb_ue_s1ap_id; }) same = same && f.enb_ue_s1ap_id == s.enb_ue_s1ap_id;
  if constexpr (requires { f.nas_pdu; }) same = same && f.nas_pdu == s.nas_pdu;
  if constexpr (requires { f.tai; }) same = same && f.tai == s.tai;
  if constexpr (requires { f.security_key; }) same = same && f.security_key == s.security_key;
  if constexpr (std::is_same_v<M, RawPdu>) {
    same = same && f.procedure_code == s.procedure_code && f.pdu_type == s.pdu_type;
  }
  return same;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const ByteView in(data, size);
  const std::optional<S1apMessage> sparse = decode_sparse(in);
  if (!sparse) return 0;
  const Result<S1apMessage> full = decode_pdu(in);
  if (!full.ok()) return 0;  // a malformed IE the sparse decode does not read (sparse.h)
  if (full->index() != sparse->index()) std::abort();
  const bool same = std::visit(
      [&](const auto& f) { return same_sparse_fields(f, std::get<std::decay_t<decltype(f)>>(*sparse)); }, *full);
  if (!same) std::abort();
  return 0;
}
