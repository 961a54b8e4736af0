// decode_pdu / encode: the dispatch between the generic IE layer and the message converters.
#include "codec/s1ap/converters.h"

namespace concur::s1ap {
namespace {

template <class M>
S1apMessage typed(const RawPdu& raw) {
  M m;
  detail::decode_into(raw, m);
  return m;
}

using Decoder = S1apMessage (*)(const RawPdu&);

// Every modelled message, found by (procedure code, PDU type).
template <class... M>
Decoder find_decoder(std::uint8_t code, PduType type) {
  Decoder found = nullptr;
  ((detail::MessageKind<M>::code == code && detail::MessageKind<M>::type == type ? (found = &typed<M>) : nullptr), ...);
  return found;
}

Decoder decoder_for(std::uint8_t code, PduType type) {
  return find_decoder<S1SetupRequest, S1SetupResponse, S1SetupFailure, Reset, ErrorIndication, InitialUeMessage,
                      DownlinkNasTransport, UplinkNasTransport, InitialContextSetupRequest, InitialContextSetupResponse,
                      InitialContextSetupFailure, UeContextModificationRequest, UeContextModificationResponse,
                      UeContextModificationFailure, UeContextReleaseRequest, UeContextReleaseCommand,
                      UeContextReleaseComplete, HandoverRequired, HandoverCommand, HandoverPreparationFailure,
                      HandoverRequest, HandoverRequestAcknowledge, HandoverFailure, HandoverNotify, HandoverCancel,
                      HandoverCancelAcknowledge, EnbStatusTransfer, MmeStatusTransfer, PathSwitchRequest,
                      PathSwitchRequestAcknowledge, PathSwitchRequestFailure>(code, type);
}

RawPdu raw_of(const S1apMessage& message) {
  return std::visit(
      [](const auto& m) -> RawPdu {
        if constexpr (std::is_same_v<std::decay_t<decltype(m)>, RawPdu>) {
          return m;
        } else {
          return detail::to_raw_pdu(m);
        }
      },
      message);
}

}  // namespace

Result<S1apMessage> decode_pdu(ByteView pdu) {
  return decode_guarded([&]() -> S1apMessage {
    Result<RawPdu> raw = decode_raw_pdu(pdu);
    if (!raw.ok()) throw DecodeFailure(raw.error());
    Decoder d = decoder_for(raw->procedure_code, raw->pdu_type);
    if (d == nullptr) return std::move(raw).value();
    return d(*raw);
  });
}

Result<RawPdu> to_raw(const S1apMessage& message) {
  return decode_guarded([&] { return raw_of(message); });
}

Result<Bytes> encode(const S1apMessage& message) {
  Result<RawPdu> raw = to_raw(message);
  if (!raw.ok()) return raw.error();
  return encode_raw_pdu(*raw);
}

}  // namespace concur::s1ap
