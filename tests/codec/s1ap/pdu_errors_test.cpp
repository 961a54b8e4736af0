// Malformed or incomplete S1AP PDUs are error values naming the field and the offset
// (TS 36.413 10.3: abstract syntax errors), never crashes.
#include <gtest/gtest.h>

#include "codec/s1ap/messages.h"
#include "codec/s1ap/pdu.h"
#include "sample_messages.h"

namespace concur::s1ap {
namespace {

Bytes encoded(const S1apMessage& m) {
  Result<Bytes> b = encode(m);
  if (!b.ok()) throw std::runtime_error(b.error().to_string());
  return *b;
}

TEST(S1apPduErrors, a_truncated_handover_request_is_an_error_at_an_offset_inside_the_input) {
  const Bytes full = encoded(samples::handover_request());
  for (std::size_t n = 0; n < full.size(); ++n) {
    Bytes cut(full.begin(), full.begin() + static_cast<long>(n));
    Result<S1apMessage> r = decode_pdu(cut);
    ASSERT_FALSE(r.ok()) << "prefix of " << n << " octets decoded";
    EXPECT_LE(r.error().offset, n) << r.error().to_string();
    EXPECT_FALSE(r.error().field.empty());
  }
}

TEST(S1apPduErrors, a_handover_request_without_security_context_names_the_missing_ie) {
  Result<RawPdu> raw = to_raw(samples::handover_request());
  ASSERT_TRUE(raw.ok());
  std::erase_if(raw->ies, [](const Ie& ie) { return ie.id == 40; });
  Result<Bytes> bytes = encode_raw_pdu(*raw);
  ASSERT_TRUE(bytes.ok());
  Result<S1apMessage> r = decode_pdu(*bytes);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "HandoverRequest.id-SecurityContext");
  EXPECT_NE(r.error().reason.find("mandatory"), std::string::npos);
}

TEST(S1apPduErrors, a_repeated_ie_is_rejected_with_its_offset) {
  Result<RawPdu> raw = to_raw(samples::path_switch_request_acknowledge());
  ASSERT_TRUE(raw.ok());
  raw->ies.push_back(raw->ies.front());
  Result<Bytes> bytes = encode_raw_pdu(*raw);
  ASSERT_TRUE(bytes.ok());
  Result<RawPdu> r = decode_raw_pdu(*bytes);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "PathSwitchRequestAcknowledge.id-MME-UE-S1AP-ID");
  EXPECT_GT(r.error().offset, 0u);
  EXPECT_LT(r.error().offset, bytes->size());
}

TEST(S1apPduErrors, an_ncc_above_seven_cannot_be_encoded_and_the_error_names_the_field) {
  HandoverRequest m = samples::handover_request();
  m.security_context.next_hop_chaining_count = 8;
  Result<Bytes> r = encode(m);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().field.find("SecurityContext"), std::string::npos) << r.error().to_string();
}

TEST(S1apPduErrors, a_corrupt_security_context_value_is_reported_at_its_absolute_offset) {
  const Bytes good = encoded(samples::path_switch_request_acknowledge());
  Result<RawPdu> raw = decode_raw_pdu(good);
  ASSERT_TRUE(raw.ok());
  const Ie* sc = nullptr;
  for (const Ie& ie : raw->ies)
    if (ie.id == 40) sc = &ie;
  ASSERT_NE(sc, nullptr);
  // The value (1 ext/NCC octet + 32 NH octets) starts at sc->offset: check that it really does.
  ASSERT_LT(sc->offset + sc->value.size(), good.size() + 1);
  EXPECT_TRUE(std::equal(sc->value.begin(), sc->value.end(), good.begin() + static_cast<long>(sc->offset)));
  // Shorten the IE's value by one octet: the NH no longer fits.
  RawPdu bad = *raw;
  for (Ie& ie : bad.ies)
    if (ie.id == 40) ie.value.pop_back();
  Result<Bytes> bytes = encode_raw_pdu(bad);
  ASSERT_TRUE(bytes.ok());
  Result<S1apMessage> r = decode_pdu(*bytes);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field.rfind("PathSwitchRequestAcknowledge.id-SecurityContext", 0), 0u) << r.error().to_string();
  EXPECT_GE(r.error().offset, sc->offset);
  EXPECT_LE(r.error().offset, bytes->size());
}

TEST(S1apPduErrors, an_unknown_procedure_code_is_an_error_naming_the_procedure_code) {
  Bytes b = encoded(samples::handover_request());
  b[1] = 200;  // procedureCode octet of the initiatingMessage
  Result<S1apMessage> r = decode_pdu(b);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "S1AP-PDU.procedureCode");
}

TEST(S1apPduErrors, procedures_without_a_domain_struct_come_back_as_raw_pdus_and_reencode) {
  // PAGING (procedure 10) is not modelled: it decodes to RawPdu and encodes back identically.
  RawPdu paging;
  paging.procedure_code = 10;
  paging.criticality = Criticality::ignore;
  paging.ies = {Ie{80, Criticality::ignore, from_hex("00 40"), 0},               // UEIdentityIndexValue
                Ie{43, Criticality::ignore, from_hex("00 08 00 01 f1 10 c0 00 00 01"), 0},  // UEPagingID: s-TMSI
                Ie{109, Criticality::ignore, from_hex("00"), 0},               // CNDomain ps
                Ie{46, Criticality::ignore, from_hex("00 00 2d 40 02 00 f1 10 00 01"), 0}};  // TAIList
  Result<Bytes> b = encode_raw_pdu(paging);
  ASSERT_TRUE(b.ok()) << b.error().to_string();
  Result<S1apMessage> r = decode_pdu(*b);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_TRUE(std::holds_alternative<RawPdu>(*r));
  EXPECT_EQ(std::get<RawPdu>(*r), paging);
  EXPECT_EQ(message_name(10, PduType::initiating), "Paging");
}

}  // namespace
}  // namespace concur::s1ap
