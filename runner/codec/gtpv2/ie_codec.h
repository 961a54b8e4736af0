// Value codecs of the typed IEs (internal to concur_gtpv2; use ie.h / message.h). A reader consumes the
// octets of the layout it knows; the caller keeps whatever is left as the IE's extension octets.
#pragma once

#include "codec/gtpv2/ie_values.h"
#include "codec/gtpv2/mm_context.h"
#include "common/byte_reader.h"
#include "common/byte_writer.h"

namespace concur::gtpv2::detail {

#define CONCUR_GTPV2_IE_CODEC(T)   \
  void read_value(ByteReader& r, T& v); \
  void write_value(ByteWriter& w, const T& v);

CONCUR_GTPV2_IE_CODEC(Imsi)
CONCUR_GTPV2_IE_CODEC(Cause)
CONCUR_GTPV2_IE_CODEC(Recovery)
CONCUR_GTPV2_IE_CODEC(Apn)
CONCUR_GTPV2_IE_CODEC(Ambr)
CONCUR_GTPV2_IE_CODEC(Ebi)
CONCUR_GTPV2_IE_CODEC(IpAddress)
CONCUR_GTPV2_IE_CODEC(Mei)
CONCUR_GTPV2_IE_CODEC(Msisdn)
CONCUR_GTPV2_IE_CODEC(Indication)
CONCUR_GTPV2_IE_CODEC(Paa)
CONCUR_GTPV2_IE_CODEC(BearerQos)
CONCUR_GTPV2_IE_CODEC(RatType)
CONCUR_GTPV2_IE_CODEC(ServingNetwork)
CONCUR_GTPV2_IE_CODEC(Uli)
CONCUR_GTPV2_IE_CODEC(FTeid)
CONCUR_GTPV2_IE_CODEC(DelayValue)
CONCUR_GTPV2_IE_CODEC(ChargingCharacteristics)
CONCUR_GTPV2_IE_CODEC(TraceInformation)
CONCUR_GTPV2_IE_CODEC(PdnType)
CONCUR_GTPV2_IE_CODEC(UmtsKeyQuintuplets)
CONCUR_GTPV2_IE_CODEC(EpsSecurityContext)
CONCUR_GTPV2_IE_CODEC(UmtsKeyQuadrupletsQuintuplets)
CONCUR_GTPV2_IE_CODEC(PTmsi)
CONCUR_GTPV2_IE_CODEC(HopCounter)
CONCUR_GTPV2_IE_CODEC(UeTimeZone)
CONCUR_GTPV2_IE_CODEC(CompleteRequestMessage)
CONCUR_GTPV2_IE_CODEC(Guti)
CONCUR_GTPV2_IE_CODEC(FContainer)
CONCUR_GTPV2_IE_CODEC(FCause)
CONCUR_GTPV2_IE_CODEC(SelectedPlmnId)
CONCUR_GTPV2_IE_CODEC(TargetIdentification)
CONCUR_GTPV2_IE_CODEC(PortNumber)
CONCUR_GTPV2_IE_CODEC(SelectionMode)
CONCUR_GTPV2_IE_CODEC(NodeType)
CONCUR_GTPV2_IE_CODEC(Fqdn)
CONCUR_GTPV2_IE_CODEC(PrivateExtension)

#undef CONCUR_GTPV2_IE_CODEC

// Shared helpers.
PlmnId read_plmn(ByteReader& r, std::string_view field);
void write_plmn(ByteWriter& w, const PlmnId& p);
/// Throws std::invalid_argument naming `what` when `v` does not fit in `bits`.
void check_width(std::uint64_t v, unsigned bits, const char* what);

}  // namespace concur::gtpv2::detail
