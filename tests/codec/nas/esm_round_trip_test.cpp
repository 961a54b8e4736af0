// Round trips of the ESM messages of a default-bearer attach (TS 24.301 §8.3).
#include <gtest/gtest.h>

#include "codec/nas/esm.h"
#include "codec/nas/message.h"
#include "nas_test_util.h"

namespace concur::nas {
namespace {

using test::round_trip;

TEST(EsmRoundTrip, pdn_connectivity_request_keeps_header_types_and_apn) {
  PdnConnectivityRequest m;
  m.header = {0, 1};
  m.request_type = 1;
  m.pdn_type = 3;
  m.esm_information_transfer_flag = 1;
  m.access_point_name = AccessPointName::from_string("internet");
  m.protocol_configuration_options = from_hex("8080211001000010810600000000830600000000");
  Bytes wire;
  const auto d = round_trip(m, &wire);
  EXPECT_EQ(d.header.procedure_transaction_identity, 1);
  EXPECT_EQ(d.pdn_type, 3);
  EXPECT_EQ(d.access_point_name->to_string(), "internet");
  // octet 1: EBI 0 | PD 2; PTI 1; type 0xD0; PDN type 3 (bits 8–5) | request type 1; D- flag 1.
  EXPECT_EQ(to_hex(ByteView(wire).first(5)), "0201d031d1");
}

TEST(EsmRoundTrip, pdn_connectivity_reject_round_trips) {
  PdnConnectivityReject m;
  m.header = {0, 1};
  m.esm_cause = 27;
  m.back_off_timer = from_hex("21");
  const auto d = round_trip(m);
  EXPECT_EQ(d.esm_cause, 27);
}

TEST(EsmRoundTrip, activate_default_bearer_request_keeps_qos_apn_and_address) {
  ActivateDefaultEpsBearerContextRequest m;
  m.header = {5, 1};
  m.eps_qos.qci = 9;
  m.access_point_name = AccessPointName::from_string("internet.mnc001.mcc001.gprs");
  m.pdn_address = PdnAddress{1, 0, from_hex("0a2d0002")};
  m.apn_ambr = from_hex("fefe");
  m.negotiated_llc_sapi = 0;
  m.radio_priority = 1;
  m.esm_cause = 50;
  const auto d = round_trip(m);
  EXPECT_EQ(d.header.eps_bearer_identity, 5);
  EXPECT_EQ(d.eps_qos.qci, 9);
  EXPECT_EQ(d.access_point_name.to_string(), "internet.mnc001.mcc001.gprs");
  EXPECT_EQ(d.pdn_address.address, from_hex("0a2d0002"));
  EXPECT_EQ(d.radio_priority, 1);
}

TEST(EsmRoundTrip, activate_default_bearer_accept_and_reject_round_trip) {
  ActivateDefaultEpsBearerContextAccept a;
  a.header = {5, 0};
  a.protocol_configuration_options = from_hex("8080211001");
  EXPECT_TRUE(round_trip(a).protocol_configuration_options);
  ActivateDefaultEpsBearerContextReject r;
  r.header = {5, 0};
  r.esm_cause = 31;
  EXPECT_EQ(round_trip(r).esm_cause, 31);
}

TEST(EsmRoundTrip, esm_information_request_response_and_status_round_trip) {
  EsmInformationRequest q;
  q.header = {0, 2};
  EXPECT_EQ(round_trip(q).header.procedure_transaction_identity, 2);
  EsmInformationResponse r;
  r.header = {0, 2};
  r.access_point_name = AccessPointName::from_string("ims");
  EXPECT_EQ(round_trip(r).access_point_name->to_string(), "ims");
  EsmStatus s;
  s.header = {5, 0};
  s.esm_cause = 43;
  EXPECT_EQ(round_trip(s).esm_cause, 43);
}

TEST(EsmRoundTrip, pdn_disconnect_request_round_trips) {
  PdnDisconnectRequest m;
  m.header = {0, 3};
  m.linked_eps_bearer_identity = 5;
  EXPECT_EQ(round_trip(m).linked_eps_bearer_identity, 5);
}

TEST(EsmRoundTrip, esm_message_container_of_an_attach_request_decodes_as_pdn_connectivity_request) {
  PdnConnectivityRequest pdn;
  pdn.header = {0, 7};
  pdn.esm_information_transfer_flag = 1;
  AttachRequest attach;
  attach.eps_mobile_identity = EpsMobileIdentity::from_imsi("001010000000001");
  attach.ue_network_capability.octets = {0xE0, 0xE0};
  attach.esm_message_container = encode(NasMessage{pdn});
  const auto outer = round_trip(attach);
  // The container starts after octets 1-2, attach type, 9-octet LV identity, 3-octet LV caps, 2 length octets.
  const auto inner = decode_container(view_of(outer.esm_message_container), 17);
  ASSERT_TRUE(inner.ok()) << inner.error().to_string();
  EXPECT_EQ(std::get<PdnConnectivityRequest>(inner.value()).header.procedure_transaction_identity, 7);
}

}  // namespace
}  // namespace concur::nas
