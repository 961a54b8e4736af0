#include "procedures.h"

namespace concur::reference::testing {

void uplink_nas(TestEnb& enb, std::uint32_t mme_id, std::uint32_t enb_id, const Bytes& nas_pdu) {
  s1ap::UplinkNasTransport ul;
  ul.mme_ue_s1ap_id = mme_id;
  ul.enb_ue_s1ap_id = enb_id;
  ul.nas_pdu = nas_pdu;
  ul.eutran_cgi = enb.ecgi;
  ul.tai = enb.tai;
  enb.send(ul);
}

s1ap::HandoverRequired handover_required(const AttachedUe& a, const TestEnb& target) {
  s1ap::HandoverRequired r;
  r.mme_ue_s1ap_id = a.mme_ue_s1ap_id;
  r.enb_ue_s1ap_id = a.enb_ue_s1ap_id;
  r.handover_type = s1ap::HandoverType::intralte;
  r.cause = {s1ap::CauseGroup::radio_network, 16};  // handover-desirable-for-radio-reason
  r.target_id = s1ap::TargetEnb{target.id, target.tai};
  r.source_to_target_container = {0x01, 0x02, 0x03};
  return r;
}

s1ap::PathSwitchRequest path_switch_request(const AttachedUe& a, const TestEnb& target, std::uint32_t new_enb_id) {
  s1ap::PathSwitchRequest p;
  p.enb_ue_s1ap_id = new_enb_id;
  p.e_rabs_to_switch_dl.push_back({5, {127, 0, 0, 20}, 0x7000});
  p.source_mme_ue_s1ap_id = a.mme_ue_s1ap_id;
  p.eutran_cgi = target.ecgi;
  p.tai = target.tai;
  p.ue_security_capabilities = {0xC000, 0xC000};
  return p;
}

s1ap::Key256 nh_at(const security::Key256& kasme, std::uint32_t uplink_count, unsigned step) {
  security::Key256 sync = security::derive_kenb(kasme, uplink_count);
  for (unsigned s = 0; s < step; ++s) sync = security::derive_nh(kasme, sync);
  return to_s1ap(sync);
}

std::optional<s1ap::InitialContextSetupRequest> attach_until_initial_context_setup(TestEnb& enb, TestUe& ue,
                                                                                  std::uint32_t enb_ue_s1ap_id,
                                                                                  std::uint32_t& mme_id) {
  s1ap::InitialUeMessage initial;
  initial.enb_ue_s1ap_id = enb_ue_s1ap_id;
  initial.nas_pdu = ue.attach_request();
  initial.tai = enb.tai;
  initial.eutran_cgi = enb.ecgi;
  initial.rrc_establishment_cause = 3;  // mo-Signalling
  enb.send(initial);
  auto auth = expect_downlink_nas<nas::AuthenticationRequest>(enb, ue, &mme_id);
  if (!auth) return std::nullopt;
  uplink_nas(enb, mme_id, enb_ue_s1ap_id, ue.answer_authentication(*auth));
  auto smc = expect_downlink_nas<nas::SecurityModeCommand>(enb, ue);
  if (!smc) return std::nullopt;
  uplink_nas(enb, mme_id, enb_ue_s1ap_id, ue.answer_security_mode_command(*smc));
  return enb.expect<s1ap::InitialContextSetupRequest>();
}

}  // namespace concur::reference::testing
