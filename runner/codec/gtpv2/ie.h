// One GTPv2-C IE (TS 29.274 Figure 8.2-1: type, length, spare|instance, value) with its value decoded
// into a typed struct when this codec knows the type, or kept raw otherwise. Grouped IEs (Bearer
// Context, PDN Connection) hold their member IEs. Order is kept, so re-encoding a decoded message
// is byte-identical.
#pragma once

#include <cstdint>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "codec/gtpv2/ie_values.h"
#include "codec/gtpv2/mm_context.h"
#include "common/byte_reader.h"
#include "common/byte_writer.h"

namespace concur::gtpv2 {

struct Ie;

/// The value of an IE whose type this codec does not decode.
struct RawIe {
  Bytes value;
  bool operator==(const RawIe&) const = default;
};

/// The members of a grouped IE (8.28 Bearer Context, 8.39 PDN Connection).
struct Grouped {
  std::vector<Ie> ies;
  bool operator==(const Grouped& o) const;
};

using IeValue =
    std::variant<RawIe, Grouped, Imsi, Cause, Recovery, Apn, Ambr, Ebi, IpAddress, Mei, Msisdn, Indication, Paa,
                 BearerQos, RatType, ServingNetwork, Uli, FTeid, DelayValue, ChargingCharacteristics, TraceInformation,
                 PdnType, UmtsKeyQuintuplets, EpsSecurityContext, UmtsKeyQuadrupletsQuintuplets, PTmsi, HopCounter,
                 UeTimeZone, CompleteRequestMessage, Guti, FContainer, FCause, SelectedPlmnId, TargetIdentification,
                 PortNumber, SelectionMode, NodeType, Fqdn, PrivateExtension>;

struct Ie {
  std::uint8_t type = 0;
  std::uint8_t instance = 0;  ///< 4 bits
  std::uint8_t spare = 0;     ///< octet 4 bits 8-5 as received
  IeValue value;
  /// Octets after the layout this codec knows; 29.274 8.2 lets IEs grow and receivers ignore the
  /// extra octets. Kept so that re-encoding is byte-identical.
  Bytes extension;
  bool operator==(const Ie&) const = default;
};

/// Whether this codec decodes IE `type` as a grouped IE.
bool is_grouped_ie(std::uint8_t type);

/// Builds an IE from a typed value: `make_ie(FTeid{...}, 1)`.
template <class T>
Ie make_ie(T value, std::uint8_t instance = 0) {
  return Ie{T::kType, instance, 0, IeValue(std::move(value)), {}};
}
Ie make_grouped(std::uint8_t type, std::vector<Ie> members, std::uint8_t instance = 0);

/// Decodes consecutive IEs until `r` is empty. Errors name the IE path ("PDN Connection/Bearer
/// Context/F-TEID.ipv4") and the absolute offset.
std::vector<Ie> read_ies(ByteReader& r, std::string_view path = {});
void write_ies(ByteWriter& w, const std::vector<Ie>& ies);
void write_ie(ByteWriter& w, const Ie& ie);

/// The first IE of `type` and `instance`, or nullptr.
const Ie* find_ie(const std::vector<Ie>& ies, std::uint8_t type, std::uint8_t instance = 0);

/// The typed value of the first IE of T's type and `instance`, or nullptr (also when the IE is there
/// but kept raw).
template <class T>
const T* find(const std::vector<Ie>& ies, std::uint8_t instance = 0) {
  const Ie* ie = find_ie(ies, T::kType, instance);
  return ie ? std::get_if<T>(&ie->value) : nullptr;
}

/// All grouped IEs of `type` and `instance`, in order.
std::vector<const Grouped*> find_grouped(const std::vector<Ie>& ies, std::uint8_t type, std::uint8_t instance = 0);

}  // namespace concur::gtpv2
