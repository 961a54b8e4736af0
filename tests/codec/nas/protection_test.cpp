// The protection plumbing with a recording test double in place of EIA/EEA: which octets go to
// the MAC and the cipher, with which COUNT and direction, and what lands where in the PDU
// (TS 24.301 §4.4.3, §9.1; PROTOCOL-FACTS §4.2/§4.3). Real crypto is the security layer's test.
#include <gtest/gtest.h>

#include <vector>

#include "codec/nas/protection.h"
#include "codec/nas/summary.h"
#include "nas_test_util.h"

namespace concur::nas {
namespace {

/// MAC = FNV-1a of (count, direction, message); cipher = XOR with a count/direction/index
/// keystream. Every call is recorded so the test can check the inputs, not only the outputs.
class RecordingHook : public NasSecurityHook {
 public:
  struct Call {
    std::uint32_t count;
    Direction direction;
    Bytes input;
  };
  std::vector<Call> mac_calls, cipher_calls;

  static std::array<std::uint8_t, 4> fake_mac(std::uint32_t count, Direction d, ByteView msg) {
    std::uint32_t h = 2166136261u ^ count ^ (static_cast<std::uint32_t>(d) << 31);
    for (auto b : msg) h = (h ^ b) * 16777619u;
    return {static_cast<std::uint8_t>(h >> 24), static_cast<std::uint8_t>(h >> 16), static_cast<std::uint8_t>(h >> 8),
            static_cast<std::uint8_t>(h)};
  }
  static Bytes fake_cipher(std::uint32_t count, Direction d, ByteView msg) {
    Bytes out(msg.begin(), msg.end());
    for (std::size_t i = 0; i < out.size(); ++i) {
      out[i] ^= static_cast<std::uint8_t>(0x5A + count * 7 + static_cast<unsigned>(d) * 3 + i);
    }
    return out;
  }
  std::array<std::uint8_t, 4> mac(std::uint32_t count, Direction d, ByteView msg) override {
    mac_calls.push_back({count, d, Bytes(msg.begin(), msg.end())});
    return fake_mac(count, d, msg);
  }
  Bytes cipher(std::uint32_t count, Direction d, ByteView msg) override {
    cipher_calls.push_back({count, d, Bytes(msg.begin(), msg.end())});
    return fake_cipher(count, d, msg);
  }
};

SecurityModeCommand sample_smc() {
  SecurityModeCommand smc;
  smc.selected_nas_security_algorithms = {0, 2};
  smc.nas_ksi = {false, 1};
  smc.replayed_ue_security_capabilities.eea = 0xE0;
  smc.replayed_ue_security_capabilities.eia = 0x60;
  return smc;
}

TEST(NasProtection, integrity_protected_smc_carries_the_mac_over_sequence_number_and_message) {
  RecordingHook hook;
  const Bytes plain = encode(NasMessage{sample_smc()});
  const Bytes wire = protect(sample_smc(), SecurityHeaderType::integrity_protected_new_context, 0x000105,
                             Direction::downlink, hook);
  ASSERT_EQ(hook.mac_calls.size(), 1u);
  EXPECT_TRUE(hook.cipher_calls.empty());
  EXPECT_EQ(hook.mac_calls[0].count, 0x105u);
  EXPECT_EQ(hook.mac_calls[0].direction, Direction::downlink);
  // MAC input = SQN (8 LSBs of COUNT) || plain message.
  Bytes expected_input{0x05};
  expected_input.insert(expected_input.end(), plain.begin(), plain.end());
  EXPECT_EQ(hook.mac_calls[0].input, expected_input);
  const auto mac = RecordingHook::fake_mac(0x105, Direction::downlink, view_of(expected_input));
  EXPECT_EQ(wire[0], 0x37);  // header type 3 | PD 7
  EXPECT_EQ(Bytes(wire.begin() + 1, wire.begin() + 5), Bytes(mac.begin(), mac.end()));
  EXPECT_EQ(wire[5], 0x05);
  EXPECT_EQ(Bytes(wire.begin() + 6, wire.end()), plain);
}

TEST(NasProtection, ciphered_smc_complete_is_ciphered_before_the_mac_is_computed) {
  RecordingHook hook;
  SecurityModeComplete smc_complete;
  const Bytes plain = encode(NasMessage{smc_complete});
  const Bytes wire = protect(smc_complete, SecurityHeaderType::integrity_protected_ciphered_new_context, 0,
                             Direction::uplink, hook);
  ASSERT_EQ(hook.cipher_calls.size(), 1u);
  EXPECT_EQ(hook.cipher_calls[0].input, plain);
  EXPECT_EQ(hook.cipher_calls[0].direction, Direction::uplink);
  const Bytes ciphered = RecordingHook::fake_cipher(0, Direction::uplink, view_of(plain));
  Bytes mac_input{0x00};
  mac_input.insert(mac_input.end(), ciphered.begin(), ciphered.end());
  EXPECT_EQ(hook.mac_calls.at(0).input, mac_input);
  EXPECT_EQ(Bytes(wire.begin() + 6, wire.end()), ciphered);
}

TEST(NasProtection, ciphered_message_decodes_as_not_inspectable_until_deciphered) {
  RecordingHook hook;
  const Bytes wire = protect(SecurityModeComplete{}, SecurityHeaderType::integrity_protected_ciphered_new_context, 0,
                             Direction::uplink, hook);
  const auto pdu = decode(view_of(wire));
  ASSERT_TRUE(pdu.ok()) << pdu.error().to_string();
  EXPECT_FALSE(pdu->inspectable());
  EXPECT_EQ(pdu->security_header_type, SecurityHeaderType::integrity_protected_ciphered_new_context);
  EXPECT_EQ(to_hex(encode(pdu.value())), to_hex(wire));
  EXPECT_EQ(summarise(pdu.value()).name, "Ciphered NAS message");
}

TEST(NasProtection, unprotect_verifies_the_mac_and_deciphers_with_the_estimated_count) {
  RecordingHook sender, receiver;
  AttachComplete ac;
  ac.esm_message_container = from_hex("5200c2");
  // Sender COUNT 0x0201 (overflow 2, SQN 1); receiver expects 0x01FE, so SQN 1 wrapped.
  const Bytes wire = protect(ac, SecurityHeaderType::integrity_protected_ciphered, 0x0201, Direction::uplink, sender);
  const auto u = unprotect(view_of(wire), Direction::uplink, 0x01FE, receiver);
  ASSERT_TRUE(u.ok()) << u.error().to_string();
  EXPECT_EQ(u->count, 0x0201u);
  EXPECT_TRUE(u->mac_valid);
  ASSERT_TRUE(u->pdu.message);
  EXPECT_EQ(std::get<AttachComplete>(*u->pdu.message).esm_message_container, from_hex("5200c2"));
}

TEST(NasProtection, unprotect_reports_a_tampered_message_as_mac_invalid) {
  RecordingHook hook;
  Bytes wire = protect(sample_smc(), SecurityHeaderType::integrity_protected_new_context, 0, Direction::downlink, hook);
  wire.back() ^= 0x01;  // flip a bit of the replayed UE security capabilities
  const auto u = unprotect(view_of(wire), Direction::downlink, 0, hook);
  ASSERT_TRUE(u.ok()) << u.error().to_string();
  EXPECT_FALSE(u->mac_valid);
}

TEST(NasProtection, unprotect_with_the_wrong_direction_fails_the_mac) {
  RecordingHook hook;
  const Bytes wire = protect(sample_smc(), SecurityHeaderType::integrity_protected_new_context, 3, Direction::downlink, hook);
  const auto u = unprotect(view_of(wire), Direction::uplink, 3, hook);
  ASSERT_TRUE(u.ok());
  EXPECT_FALSE(u->mac_valid);
}

TEST(NasProtection, count_estimate_increments_the_overflow_when_the_sequence_number_wraps) {
  EXPECT_EQ(estimate_count(0x000005, 0x07), 0x000007u);
  EXPECT_EQ(estimate_count(0x0000FF, 0x00), 0x000100u);
  EXPECT_EQ(estimate_count(0x0012F0, 0x03), 0x001303u);
  EXPECT_EQ(estimate_count(0xFFFFFF, 0x00), 0x000000u);  // 24-bit COUNT wraps
  EXPECT_EQ(estimate_service_request_count(0x00001E, 0x01), 0x000021u);
  EXPECT_EQ(estimate_service_request_count(0x000021, 0x02), 0x000022u);
}

TEST(NasProtection, service_request_short_mac_is_the_low_two_octets_of_the_mac_over_octets_one_and_two) {
  RecordingHook hook;
  const Bytes wire = protect_service_request(3, 0x000123, hook);
  ASSERT_EQ(wire.size(), 4u);
  EXPECT_EQ(wire[0], 0xC7);
  EXPECT_EQ(wire[1], (3 << 5) | (0x123 & 0x1F));
  ASSERT_EQ(hook.mac_calls.size(), 1u);
  EXPECT_EQ(hook.mac_calls[0].input, (Bytes{0xC7, static_cast<std::uint8_t>((3 << 5) | 0x03)}));
  EXPECT_EQ(hook.mac_calls[0].count, 0x123u);
  const auto mac = RecordingHook::fake_mac(0x123, Direction::uplink, view_of(hook.mac_calls[0].input));
  EXPECT_EQ(wire[2], mac[2]);
  EXPECT_EQ(wire[3], mac[3]);
  const auto pdu = decode(view_of(wire));
  ASSERT_TRUE(pdu.ok());
  EXPECT_EQ(pdu->service_request->ksi, 3);
  EXPECT_EQ(pdu->service_request->sequence_number, 0x03);
  EXPECT_EQ(verify_service_request(view_of(wire), 0x000120, hook).value(), true);
  Bytes forged = wire;
  forged[3] ^= 0xFF;
  EXPECT_EQ(verify_service_request(view_of(forged), 0x000120, hook).value(), false);
}

TEST(NasProtection, protect_refuses_header_types_it_cannot_build) {
  RecordingHook hook;
  EXPECT_THROW(protect(sample_smc(), SecurityHeaderType::plain, 0, Direction::downlink, hook), std::invalid_argument);
  EXPECT_THROW(protect(sample_smc(), SecurityHeaderType::service_request, 0, Direction::downlink, hook),
               std::invalid_argument);
}

TEST(NasProtection, every_protected_header_type_round_trips_its_outer_layer) {
  RecordingHook hook;
  for (auto t : {SecurityHeaderType::integrity_protected, SecurityHeaderType::integrity_protected_ciphered,
                 SecurityHeaderType::integrity_protected_new_context,
                 SecurityHeaderType::integrity_protected_ciphered_new_context}) {
    const Bytes wire = protect(sample_smc(), t, 0x2A, Direction::downlink, hook);
    const auto pdu = decode(view_of(wire));
    ASSERT_TRUE(pdu.ok()) << pdu.error().to_string();
    EXPECT_EQ(pdu->security_header_type, t);
    EXPECT_EQ(pdu->sequence_number, 0x2A);
    EXPECT_EQ(pdu->inspectable(), !is_ciphered(t));
    EXPECT_EQ(to_hex(encode(pdu.value())), to_hex(wire));
  }
}

}  // namespace
}  // namespace concur::nas
