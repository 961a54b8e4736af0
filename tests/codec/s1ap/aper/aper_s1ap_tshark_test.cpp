// tshark (Wireshark 4.0's S1AP dissector, aligned PER, an implementation none of us wrote) judges
// encodings that real captures never exercise: a NAS-PDU of 16K octets and more (length
// fragmentation, X.691 10.9.3.8) and an eNB name longer than its SIZE root (PrintableString
// extension form, X.691 26.4). The PDUs are built from the generated S1AP structures with
// this codec alone: every IE value and the message are open types encoded by encode().
#include <gtest/gtest.h>

#include <algorithm>

#include "DownlinkNASTransport.h"
#include "ENB-UE-S1AP-ID.h"
#include "ENBname.h"
#include "MME-UE-S1AP-ID.h"
#include "NAS-PDU.h"
#include "S1SetupRequest.h"
#include "ProtocolIE-Field.h"
#include "S1AP-PDU.h"
#include "aper_test_support.h"
#include "s1ap_ids.h"
#include "support/tshark_judge.h"

namespace concur::s1ap::aper {
namespace {

using namespace testing;

/// Appends a protocol IE whose value is the complete encoding of `value` (an open type).
void add_ie(ProtocolIE_Container_t& c, long id, long criticality, asn_TYPE_descriptor_t& td, const void* value) {
  auto enc = encode(td, value);
  ASSERT_TRUE(enc.ok()) << enc.error().to_string();
  auto* f = static_cast<ProtocolIE_Field_t*>(calloc(1, sizeof(ProtocolIE_Field_t)));
  f->id = id;
  f->criticality = criticality;
  OCTET_STRING_fromBuf(&f->value, reinterpret_cast<const char*>(enc->data()), static_cast<int>(enc->size()));
  ASN_SEQUENCE_ADD(&c.list, f);
}

/// A complete S1AP-PDU (initiatingMessage) around `message`.
Bytes initiating_pdu(long procedure_code, long criticality, asn_TYPE_descriptor_t& td, const void* message) {
  auto value = encode(td, message);
  EXPECT_TRUE(value.ok()) << value.error().to_string();
  auto pdu = make<S1AP_PDU_t>(asn_DEF_S1AP_PDU);
  pdu->present = S1AP_PDU_PR_initiatingMessage;
  pdu->choice.initiatingMessage.procedureCode = procedure_code;
  pdu->choice.initiatingMessage.criticality = criticality;
  OCTET_STRING_fromBuf(&pdu->choice.initiatingMessage.value, reinterpret_cast<const char*>(value->data()), static_cast<int>(value->size()));
  auto out = encode(asn_DEF_S1AP_PDU, pdu.get());
  EXPECT_TRUE(out.ok()) << out.error().to_string();
  return out.ok() ? *out : Bytes{};
}

std::string plain_hex(std::string s) {
  s.erase(std::remove(s.begin(), s.end(), ':'), s.end());
  return s;
}

class AperS1apTshark : public ::testing::Test {
 protected:
  void SetUp() override {
    if (auto why = test::tshark_unusable()) GTEST_SKIP() << "tshark unusable: " << *why;
  }
};

TEST_F(AperS1apTshark, a_fragmented_nas_pdu_of_20000_octets_dissects_with_its_full_content) {
  auto msg = make<DownlinkNASTransport_t>(asn_DEF_DownlinkNASTransport);
  const MME_UE_S1AP_ID_t mme_id = 4000000000UL;  // above 2^31: the 4-octet form of 10.5.7.4
  const ENB_UE_S1AP_ID_t enb_id = 7;
  auto nas = make<NAS_PDU_t>(asn_DEF_NAS_PDU);
  std::string content(20000, '\0');
  for (std::size_t i = 0; i < content.size(); ++i) content[i] = static_cast<char>(i % 251);
  content[0] = 0x07;  // EPS mobility management, plain: tshark reads a message type, then stops
  set_octets(*nas, content);
  add_ie(msg->protocolIEs, ids::id_MME_UE_S1AP_ID, Criticality_reject, asn_DEF_MME_UE_S1AP_ID, &mme_id);
  add_ie(msg->protocolIEs, ids::id_eNB_UE_S1AP_ID, Criticality_reject, asn_DEF_ENB_UE_S1AP_ID, &enb_id);
  add_ie(msg->protocolIEs, ids::id_NAS_PDU, Criticality_reject, asn_DEF_NAS_PDU, nas.get());
  const Bytes pdu = initiating_pdu(ids::id_downlinkNASTransport, Criticality_ignore, asn_DEF_DownlinkNASTransport, msg.get());
  ASSERT_FALSE(pdu.empty());

  const test::Dissection d = test::tshark_dissect(
      test::Carrier::s1ap_sctp, {pdu}, {"s1ap.procedureCode", "s1ap.MME_UE_S1AP_ID", "s1ap.ENB_UE_S1AP_ID", "s1ap.NAS_PDU"});
  // The message spans several SCTP DATA chunks; tshark reassembles it into the last packet.
  ASSERT_GE(d.packets, 1U) << d.pcap_path;
  const std::size_t last = d.packets - 1;
  EXPECT_EQ(d.malformed, 0U) << test::tshark_verbose(d);
  EXPECT_EQ(d.values(last, "s1ap.procedureCode"), std::vector<std::string>{"11"}) << d.pcap_path;
  EXPECT_EQ(d.values(last, "s1ap.MME_UE_S1AP_ID"), std::vector<std::string>{"4000000000"});
  EXPECT_EQ(d.values(last, "s1ap.ENB_UE_S1AP_ID"), std::vector<std::string>{"7"});
  ASSERT_EQ(d.values(last, "s1ap.NAS_PDU").size(), 1U) << d.pcap_path;
  EXPECT_EQ(plain_hex(d.values(last, "s1ap.NAS_PDU")[0]), to_hex(ByteView(nas->buf, static_cast<std::size_t>(nas->size))));
}

TEST_F(AperS1apTshark, an_enb_name_longer_than_its_size_root_dissects_in_full) {
  // ENBname ::= PrintableString (SIZE (1..150, ...)): 151 characters take the extension form
  // (bit 1, then an unconstrained length). Only the name IE is carried: tshark dissects each IE
  // on its own and does not check an S1SetupRequest's mandatory IEs.
  auto msg = make<S1SetupRequest_t>(asn_DEF_S1SetupRequest);
  auto name = make<ENBname_t>(asn_DEF_ENBname);
  std::string text;
  for (int i = 0; i < 151; ++i) text += static_cast<char>('A' + i % 26);
  set_octets(*name, text);
  add_ie(msg->protocolIEs, ids::id_eNBname, Criticality_ignore, asn_DEF_ENBname, name.get());
  const Bytes pdu = initiating_pdu(ids::id_S1Setup, Criticality_reject, asn_DEF_S1SetupRequest, msg.get());
  ASSERT_FALSE(pdu.empty());
  const test::Dissection d = test::tshark_dissect(test::Carrier::s1ap_sctp, {pdu}, {"s1ap.procedureCode", "s1ap.ENBname"});
  ASSERT_EQ(d.packets, 1U) << d.pcap_path;
  EXPECT_EQ(d.malformed, 0U) << test::tshark_verbose(d);
  EXPECT_EQ(d.values(0, "s1ap.procedureCode"), std::vector<std::string>{"17"});
  EXPECT_EQ(d.values(0, "s1ap.ENBname"), std::vector<std::string>{text}) << test::tshark_verbose(d);
}

}  // namespace
}  // namespace concur::s1ap::aper
