// The decisive test of the aligned-PER codec: real S1AP traffic from implementations none of us
// wrote (../shared/captures/real, sources in SOURCES.txt there). Every S1AP PDU must decode with
// asn_DEF_S1AP_PDU and re-encode byte-identically; so must the message inside it (an open type,
// decoded with the procedure table's descriptor) and every protocol IE value (decoded with the IE
// table's descriptor), including the items of ProtocolIE-SingleContainer lists. Payloads are
// extracted by tshark (SCTP DATA, PPID 18), not by our own capture reader; the captures are
// referenced, never copied.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <functional>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <sstream>

#include "InitiatingMessage.h"
#include "ProtocolExtensionContainer.h"
#include "ProtocolExtensionField.h"
#include "ProtocolIE-Container.h"
#include "ProtocolIE-Field.h"
#include "ProtocolIE-SingleContainer.h"
#include "S1AP-PDU.h"
#include "SuccessfulOutcome.h"
#include "UnsuccessfulOutcome.h"
#include "aper_test_support.h"
#include "codec/s1ap/aper/descriptor_kind.h"
#include "s1ap_tables.h"
#include "support/shared_captures.h"
#include "support/subprocess.h"
#include "support/tshark_fields.h"

namespace concur::s1ap::aper {
namespace {

namespace fs = std::filesystem;
using namespace testing;

using CapturedPdu = test::TsharkS1apPdu;

fs::path captures_dir() { return test::real_captures_dir(); }

std::vector<CapturedPdu> extract_s1ap(const fs::path& file) { return test::tshark_s1ap_pdus(file); }

/// Decodes `in` as `td`, expects the identical octets back, and hands the structure to `inspect`.
template <class F>
void expect_identical_round_trip(const asn_TYPE_descriptor_t& td, ByteView in, const std::string& where, F&& inspect) {
  auto dec = decode(td, in);
  ASSERT_TRUE(dec.ok()) << where << " as " << td.name << ": " << dec.error().to_string();
  Owned<void> value(*dec, AsnDeleter{const_cast<asn_TYPE_descriptor_t*>(&td)});
  auto enc = encode(td, value.get());
  ASSERT_TRUE(enc.ok()) << where << " as " << td.name << ": " << enc.error().to_string();
  EXPECT_EQ(to_hex(view_of(*enc)), to_hex(in)) << where << " as " << td.name;
  inspect(value.get());
}

ByteView octets(const OCTET_STRING_t& os) { return ByteView(os.buf, static_cast<std::size_t>(os.size)); }

/// The message (open type) of a PDU and its descriptor from the procedure table.
struct MessageRef {
  const asn_TYPE_descriptor_s* td = nullptr;
  const OCTET_STRING_t* value = nullptr;
};

MessageRef message_of(const S1AP_PDU_t& pdu) {
  auto pick = [](long code, const OCTET_STRING_t& v, int which) {
    const asn::ProcedureSpec* spec = asn::find_procedure(static_cast<std::uint8_t>(code));
    if (!spec) return MessageRef{};
    return MessageRef{which == 0 ? spec->initiating : which == 1 ? spec->successful : spec->unsuccessful, &v};
  };
  switch (pdu.present) {
    case S1AP_PDU_PR_initiatingMessage: return pick(pdu.choice.initiatingMessage.procedureCode, pdu.choice.initiatingMessage.value, 0);
    case S1AP_PDU_PR_successfulOutcome: return pick(pdu.choice.successfulOutcome.procedureCode, pdu.choice.successfulOutcome.value, 1);
    case S1AP_PDU_PR_unsuccessfulOutcome: return pick(pdu.choice.unsuccessfulOutcome.procedureCode, pdu.choice.unsuccessfulOutcome.value, 2);
    default: return {};
  }
}

/// The protocolIEs member of a message structure (every S1AP message is SEQUENCE { protocolIEs, ... }).
const ProtocolIE_Container_t* protocol_ies(const asn_TYPE_descriptor_s& message, const void* st) {
  for (int i = 0; i < message.elements_count; ++i)
    if (std::string_view(message.elements[i].name) == "protocolIEs")
      return reinterpret_cast<const ProtocolIE_Container_t*>(static_cast<const char*>(st) + message.elements[i].memb_offset);
  return nullptr;
}

/// Calls `on_extensions(owner, container)` for every present iE-Extensions container anywhere in
/// a decoded value, walking the structure by its descriptors.
template <class F>
void for_each_extension_container(const asn_TYPE_descriptor_t* td, const void* st, F&& on_extensions) {
  if (!st) return;
  switch (concur_aper_descriptor_kind(const_cast<asn_TYPE_descriptor_t*>(td))) {
    case CONCUR_APER_SEQUENCE:
      for (int i = 0; i < td->elements_count; ++i) {
        const asn_TYPE_member_t& m = td->elements[i];
        const char* at = static_cast<const char*>(st) + m.memb_offset;
        const void* member = (m.flags & ATF_POINTER) ? *reinterpret_cast<const void* const*>(at) : at;
        if (!member) continue;
        if (m.type == &asn_DEF_ProtocolExtensionContainer)
          on_extensions(td, static_cast<const ProtocolExtensionContainer_t*>(member));
        else
          for_each_extension_container(m.type, member, on_extensions);
      }
      break;
    case CONCUR_APER_CHOICE: {
      const auto* specs = static_cast<const asn_CHOICE_specifics_t*>(td->specifics);
      int present = 0;
      std::memcpy(&present, static_cast<const char*>(st) + specs->pres_offset, sizeof present);
      if (present < 1 || present > td->elements_count) break;
      const asn_TYPE_member_t& m = td->elements[present - 1];
      const char* at = static_cast<const char*>(st) + m.memb_offset;
      for_each_extension_container(m.type, (m.flags & ATF_POINTER) ? *reinterpret_cast<const void* const*>(at) : at, on_extensions);
      break;
    }
    case CONCUR_APER_SEQUENCE_OF:
    case CONCUR_APER_SET_OF: {
      const auto* list = static_cast<const asn_anonymous_set_*>(st);
      for (int k = 0; k < list->count; ++k) for_each_extension_container(td->elements[0].type, list->array[k], on_extensions);
      break;
    }
    default:
      break;
  }
}

class AperS1apCaptures : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::is_directory(captures_dir())) GTEST_SKIP() << "no real captures at " << captures_dir();
    const test::ProcessResult v = test::run_process({"tshark", "-v"}, std::chrono::seconds(30));
    if (v.exit_code != 0) GTEST_SKIP() << "tshark is not usable here: " << v.err;
    if (pdus_.empty()) {
      for (const auto& f : test::real_capture_files()) {
        auto pdus = extract_s1ap(f);
        pdus_.insert(pdus_.end(), pdus.begin(), pdus.end());
      }
    }
    ASSERT_GT(pdus_.size(), 100U) << "the shared captures hold 186 S1AP PDUs";
  }
  static std::vector<CapturedPdu> pdus_;
};
std::vector<CapturedPdu> AperS1apCaptures::pdus_;

TEST_F(AperS1apCaptures, every_s1ap_pdu_decodes_and_reencodes_byte_identically) {
  for (const CapturedPdu& p : pdus_)
    expect_identical_round_trip(asn_DEF_S1AP_PDU, view_of(p.bytes), p.where, [](void*) {});
}

TEST_F(AperS1apCaptures, every_message_and_protocol_ie_value_decodes_with_its_table_descriptor_and_reencodes_identically) {
  std::map<std::string, int> per_type;
  int messages = 0;
  int values = 0;
  for (const CapturedPdu& p : pdus_) {
    expect_identical_round_trip(asn_DEF_S1AP_PDU, view_of(p.bytes), p.where, [&](void* st) {
      const MessageRef m = message_of(*static_cast<S1AP_PDU_t*>(st));
      ASSERT_TRUE(m.td && m.value) << p.where << ": no procedure table entry";
      ++messages;
      expect_identical_round_trip(*m.td, octets(*m.value), p.where, [&](void* msg) {
        const ProtocolIE_Container_t* ies = protocol_ies(*m.td, msg);
        ASSERT_NE(ies, nullptr) << p.where << ": " << m.td->name << " has no protocolIEs";
        const asn::ContainerSpec* table = asn::find_container(*m.td, asn::ContainerKind::protocol_ies);
        ASSERT_NE(table, nullptr) << m.td->name;
        for (int i = 0; i < ies->list.count; ++i) {
          const ProtocolIE_Field_t& ie = *ies->list.array[i];
          const asn::IeSpec* spec = table->find(static_cast<std::uint16_t>(ie.id));
          if (!spec) continue;  // an id of a later version: kept as octets, nothing to decode
          const std::string where = p.where + " " + m.td->name + " IE " + std::to_string(ie.id);
          ++values;
          ++per_type[std::string(spec->type_name)];
          expect_identical_round_trip(*spec->type, octets(ie.value), where, [&](void* v) {
            // Lists of ProtocolIE-SingleContainer (E-RAB lists and the like): decode their items too.
            const asn::ContainerSpec* items = asn::find_container(*spec->type, asn::ContainerKind::single_container);
            if (!items) return;
            const auto* list = static_cast<const asn_anonymous_set_*>(v);
            for (int k = 0; k < list->count; ++k) {
              const auto& item = *static_cast<const ProtocolIE_Field_t*>(list->array[k]);
              const asn::IeSpec* item_spec = items->find(static_cast<std::uint16_t>(item.id));
              if (!item_spec) continue;
              ++values;
              ++per_type[std::string(item_spec->type_name)];
              expect_identical_round_trip(*item_spec->type, octets(item.value), where + " item " + std::to_string(k), [](void*) {});
            }
          });
        }
      });
    });
  }
  std::cout << "  " << pdus_.size() << " PDUs, " << messages << " messages, " << values << " IE values of "
            << per_type.size() << " types decoded and re-encoded\n";
  EXPECT_EQ(messages, static_cast<int>(pdus_.size()));
  EXPECT_GT(values, 500);
}

TEST_F(AperS1apCaptures, every_ie_extension_value_decodes_with_its_table_descriptor_and_reencodes_identically) {
  int extensions = 0;
  int unknown = 0;
  // Decodes the extension values of every container found in `value` (of type `td`), and theirs.
  std::function<void(const asn_TYPE_descriptor_t*, const void*, const std::string&)> walk =
      [&](const asn_TYPE_descriptor_t* td, const void* value, const std::string& where) {
        for_each_extension_container(td, value, [&](const asn_TYPE_descriptor_t* owner, const ProtocolExtensionContainer_t* c) {
          const asn::ContainerSpec* table = asn::find_container(*owner, asn::ContainerKind::extensions);
          for (int i = 0; i < c->list.count; ++i) {
            const ProtocolExtensionField_t& f = *c->list.array[i];
            const asn::IeSpec* spec = table ? table->find(static_cast<std::uint16_t>(f.id)) : nullptr;
            if (!spec) {
              ++unknown;
              continue;
            }
            ++extensions;
            const std::string at = where + " " + owner->name + " extension " + std::to_string(f.id);
            expect_identical_round_trip(*spec->type, octets(f.extensionValue), at, [&](void* ext) { walk(spec->type, ext, at); });
          }
        });
      };
  for (const CapturedPdu& p : pdus_) {
    expect_identical_round_trip(asn_DEF_S1AP_PDU, view_of(p.bytes), p.where, [&](void* st) {
      const MessageRef m = message_of(*static_cast<S1AP_PDU_t*>(st));
      ASSERT_TRUE(m.td && m.value);
      expect_identical_round_trip(*m.td, octets(*m.value), p.where, [&](void* msg) {
        const ProtocolIE_Container_t* ies = protocol_ies(*m.td, msg);
        const asn::ContainerSpec* table = asn::find_container(*m.td, asn::ContainerKind::protocol_ies);
        ASSERT_TRUE(ies && table);
        for (int i = 0; i < ies->list.count; ++i) {
          const ProtocolIE_Field_t& ie = *ies->list.array[i];
          const asn::IeSpec* spec = table->find(static_cast<std::uint16_t>(ie.id));
          if (!spec) continue;
          const std::string where = p.where + " IE " + std::to_string(ie.id);
          expect_identical_round_trip(*spec->type, octets(ie.value), where, [&](void* v) {
            walk(spec->type, v, where);
            const asn::ContainerSpec* items = asn::find_container(*spec->type, asn::ContainerKind::single_container);
            if (!items) return;
            const auto* list = static_cast<const asn_anonymous_set_*>(v);
            for (int k = 0; k < list->count; ++k) {
              const auto& item = *static_cast<const ProtocolIE_Field_t*>(list->array[k]);
              const asn::IeSpec* item_spec = items->find(static_cast<std::uint16_t>(item.id));
              if (!item_spec) continue;
              expect_identical_round_trip(*item_spec->type, octets(item.value), where + " item", [&](void* iv) { walk(item_spec->type, iv, where + " item"); });
            }
          });
        }
      });
    });
  }
  std::cout << "  " << extensions << " iE-Extensions values decoded and re-encoded, " << unknown << " with ids unknown to V17.1.0\n";
  if (extensions + unknown == 0) GTEST_SKIP() << "the shared captures carry no iE-Extensions";
}

TEST_F(AperS1apCaptures, asn1c_unaligned_per_would_not_reproduce_the_captured_octets) {
  int differing = 0;
  for (const CapturedPdu& p : pdus_) {
    auto dec = decode(asn_DEF_S1AP_PDU, view_of(p.bytes));
    ASSERT_TRUE(dec.ok()) << p.where;
    Owned<void> v(*dec, AsnDeleter{&asn_DEF_S1AP_PDU});
    if (uper_hex(asn_DEF_S1AP_PDU, v.get()) != to_hex(view_of(p.bytes))) ++differing;
  }
  // Every S1AP PDU starts with a padded procedure code octet, which UPER does not pad.
  EXPECT_EQ(differing, static_cast<int>(pdus_.size()));
}

}  // namespace
}  // namespace concur::s1ap::aper
