// Codec-internal: reading the IEs of a decoded message into domain fields, and writing domain
// fields as IEs, each with the descriptor and criticality the message's IE table gives.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "codec/s1ap/asn_support.h"
#include "codec/s1ap/messages.h"
#include "codec/s1ap/pdu.h"
#include "s1ap_tables.h"

namespace concur::s1ap::detail {

/// The IE table of a message, found by procedure code and PDU type.
const asn::ContainerSpec& message_spec(std::uint8_t code, PduType type);

class IeReader {
 public:
  IeReader(const RawPdu& pdu, std::uint8_t code, PduType type)
      : pdu_(pdu), spec_(message_spec(code, type)), taken_(pdu.ies.size(), false) {}

  /// Decodes IE `id` as the C type T with the table's descriptor and hands it to `f`.
  /// Returns false when the IE is absent.
  template <class T, class F>
  bool take(std::uint16_t id, F&& f) {
    for (std::size_t i = 0; i < pdu_.ies.size(); ++i) {
      if (pdu_.ies[i].id != id || taken_[i]) continue;
      const asn::IeSpec* s = spec_.find(id);
      if (s == nullptr) fail(path(id), pdu_.ies[i].offset, "IE not in the message's table");
      auto v = decode_as<T>(*const_cast<asn_TYPE_descriptor_t*>(s->type), pdu_.ies[i].value, pdu_.ies[i].offset,
                            path(id));
      current_offset_ = pdu_.ies[i].offset;
      f(*v);
      taken_[i] = true;
      return true;
    }
    return false;
  }
  /// As take(), for an IE the table makes mandatory (decode_raw_pdu has already checked presence).
  template <class T, class F>
  void need(std::uint16_t id, F&& f) {
    if (!take<T>(id, std::forward<F>(f))) fail(path(id), 0, "mandatory IE absent");
  }

  /// Like take(), but an IE whose value does not decode as its type (e.g. a name outside
  /// PrintableString's alphabet, sent by a real eNB) is left raw instead of failing the message.
  template <class T, class F>
  bool take_lenient(std::uint16_t id, F&& f) {
    try {
      return take<T>(id, std::forward<F>(f));
    } catch (const DecodeFailure&) {
      return false;
    }
  }

  /// Sets `out`'s other_ies (the IEs not taken) and the wire details encode() needs to
  /// reproduce the PDU: procedure criticality, IE criticalities and IE order where they differ
  /// from the tables.
  void finish(Extras& out) const;

  /// The IEs not taken, in wire order (kept raw so that re-encoding reproduces them).
  std::vector<Ie> rest() const {
    std::vector<Ie> out;
    for (std::size_t i = 0; i < pdu_.ies.size(); ++i)
      if (!taken_[i]) out.push_back(pdu_.ies[i]);
    return out;
  }
  std::string path(std::uint16_t id) const;
  std::size_t current_offset() const { return current_offset_; }

 private:
  const RawPdu& pdu_;
  const asn::ContainerSpec& spec_;
  std::vector<bool> taken_;
  std::size_t current_offset_ = 0;
};

class IeWriter {
 public:
  IeWriter(std::uint8_t code, PduType type) : code_(code), type_(type), spec_(message_spec(code, type)) {}

  /// Encodes `value` (a C structure of the IE's type) as IE `id`, criticality from the table.
  void put(std::uint16_t id, const void* value) {
    const asn::IeSpec* s = spec_.find(id);
    if (s == nullptr) fail(std::string(spec_.owner), 0, "IE " + std::to_string(id) + " is not in the table");
    ies_.push_back(Ie{id, static_cast<Criticality>(s->criticality),
                      encode_as(*const_cast<asn_TYPE_descriptor_t*>(s->type), value,
                                std::string(spec_.owner) + "." + std::string(s->id_name)),
                      0});
  }
  /// Scalar IEs (INTEGER / ENUMERATED mapped to long or unsigned long by asn1c).
  template <class C, class V>
  void put_scalar(std::uint16_t id, V v) {
    C c = static_cast<C>(v);
    put(id, &c);
  }
  void put_raw(const std::vector<Ie>& ies) { raw_.insert(raw_.end(), ies.begin(), ies.end()); }

  /// The PDU: modelled IEs and raw IEs in the order of the message's IE table (the order in
  /// which TS 36.413 lists them), IEs the table does not know last, in the order given; then
  /// the received wire details of `extras` (criticalities, order) applied over that.
  RawPdu finish(Criticality procedure_criticality, const Extras& extras);

 private:
  std::uint8_t code_;
  PduType type_;
  const asn::ContainerSpec& spec_;
  std::vector<Ie> ies_;
  std::vector<Ie> raw_;
};

/// The procedure criticality of the elementary procedure (S1AP-PDU-Descriptions).
Criticality procedure_criticality(std::uint8_t code);

}  // namespace concur::s1ap::detail
