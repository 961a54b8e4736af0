#include "transport/gtpc_header.h"

#include "common/byte_reader.h"

namespace concur::transport {

Result<GtpcHeader> peek_gtpc_header(ByteView datagram) {
  return decode_guarded([&] {
    ByteReader r(datagram);
    GtpcHeader h;
    const std::uint8_t flags = r.u8("GTPv2-C.flags");
    h.version = flags >> 5;
    if (h.version != 2) r.fail("GTPv2-C.version", "version " + std::to_string(h.version) + ", expected 2");
    h.piggybacked = (flags & 0x10) != 0;
    h.teid_present = (flags & 0x08) != 0;
    h.message_type = r.u8("GTPv2-C.message_type");
    h.length = r.u16("GTPv2-C.length");
    const std::size_t header_rest = h.teid_present ? 8 : 4;  // TEID + seq + spare, or seq + spare
    if (h.length < header_rest) {
      throw_decode("GTPv2-C.length", 2,
                   "length " + std::to_string(h.length) + " is shorter than the header (" + std::to_string(header_rest) +
                       " octets after the length field)");
    }
    if (h.length > r.remaining()) {
      throw_decode("GTPv2-C.length", 2,
                   "length " + std::to_string(h.length) + " exceeds the " + std::to_string(r.remaining()) +
                       " octets that follow in the datagram");
    }
    if (h.teid_present) h.teid = r.u32("GTPv2-C.teid");
    h.sequence = r.u24("GTPv2-C.sequence_number");
    return h;
  });
}

GtpcRole gtpc_role(std::uint8_t type) noexcept {
  // TS 29.274 Table 6.1-1: initial messages that have a triggered reply (names ending in
  // Request, Command, or Notification/Indication answered by an Acknowledge). Commands (64, 66,
  // 68) are answered by a request or a Failure Indication with the same sequence number.
  switch (type) {
    case 1:    // Echo Request
    case 32:   // Create Session Request
    case 34:   // Modify Bearer Request
    case 36:   // Delete Session Request
    case 38:   // Change Notification Request
    case 40:   // Remote UE Report Notification
    case 64:   // Modify Bearer Command
    case 66:   // Delete Bearer Command
    case 68:   // Bearer Resource Command
    case 95:   // Create Bearer Request
    case 97:   // Update Bearer Request
    case 99:   // Delete Bearer Request
    case 101:  // Delete PDN Connection Set Request
    case 103:  // PGW Downlink Triggering Notification
    case 128:  // Identification Request
    case 130:  // Context Request
    case 133:  // Forward Relocation Request
    case 135:  // Forward Relocation Complete Notification
    case 137:  // Forward Access Context Notification
    case 139:  // Relocation Cancel Request
    case 149:  // Detach Notification
    case 154:  // Alert MME Notification
    case 156:  // UE Activity Notification
    case 159:  // UE Registration Query Request
    case 162:  // Suspend Notification
    case 164:  // Resume Notification
    case 166:  // Create Indirect Data Forwarding Tunnel Request
    case 168:  // Delete Indirect Data Forwarding Tunnel Request
    case 170:  // Release Access Bearers Request
    case 176:  // Downlink Data Notification
    case 179:  // PGW Restart Notification
    case 200:  // Update PDN Connection Set Request
    case 211:  // Modify Access Bearers Request
    case 231:  // MBMS Session Start Request
    case 233:  // MBMS Session Update Request
    case 235:  // MBMS Session Stop Request
      return GtpcRole::request;
    case 70:   // Downlink Data Notification Failure Indication
    case 73:   // Trace Session Activation
    case 74:   // Trace Session Deactivation
    case 75:   // Stop Paging Indication
    case 141:  // Configuration Transfer Tunnel
    case 152:  // CS Paging Indication
    case 153:  // RAN Information Relay
    case 158:  // ISR Status Indication
      return GtpcRole::unacknowledged;
    default: return GtpcRole::triggered;
  }
}

}  // namespace concur::transport
