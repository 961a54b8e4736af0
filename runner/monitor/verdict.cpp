#include "monitor/verdict.h"

#include "monitor/event.h"

namespace concur::monitor {

std::string_view to_string(Verdict v) {
  switch (v) {
    case Verdict::none: return "none";
    case Verdict::inconc: return "inconc";
    case Verdict::pass: return "pass";
    case Verdict::error: return "error";
    case Verdict::fail: return "fail";
  }
  return "?";
}

std::string rule_name(Rule r) { return "R" + std::to_string(static_cast<int>(r)); }

// The rule sentences of TS 33.401 clause 7.2.10 (text as in ../shared/seed, the CR that adds
// the inter-RAT case to rule 6).
std::string_view rule_text(Rule r) {
  switch (r) {
    case Rule::r1:
      return "MME shall not initiate any of the S1 procedures Initial Context Setup or UE Context Modification "
             "including a new KeNB towards a UE if a NAS Security Mode Command procedure is ongoing with the UE.";
    case Rule::r2:
      return "The MME shall not initiate a NAS Security Mode Command towards a UE if one of the S1 procedures Initial "
             "Context Setup or UE Context Modification including a new KeNB is ongoing with the UE.";
    case Rule::r3:
      return "When the UE is in ECM-CONNECTED state and the MME has initiated a NAS SMC procedure in order to take a "
             "new KASME into use, the MME shall continue to include AS security context parameters based on the old "
             "KASME in the HANDOVER REQUEST or PATH SWITCH REQUEST ACKNOWLEDGE message, until the MME takes a KeNB "
             "derived from the new KASME into use by means of a UE Context Modification procedure.";
    case Rule::r4:
      return "When the UE is in ECM-CONNECTED state and has received a NAS SMC message in order to take a new KASME "
             "into use, the UE shall continue to use AS security context parameters based on the old KASME in handover "
             "until the network indicates in an RRCConnectionReconfiguration procedure to take a KeNB derived from the "
             "new KASME into use.";
    case Rule::r5:
      return "The source eNB shall reject an S1 UE Context Modification Request when the eNB has initiated, but not yet "
             "completed, an inter-eNB handover. When a RRCConnectionReconfiguration procedure triggered by a UE Context "
             "Modification is ongoing the source eNB shall wait for the completion of this procedure before initiating "
             "any further handover procedure.";
    case Rule::r6:
      return "When the MME has initiated a NAS SMC procedure in order to take a new KASME into use and receives a "
             "request for an inter-MME handover or an inter-RAT handover from the serving eNB, the MME shall wait for "
             "the completion of the NAS SMC procedure before sending an S10 FORWARD RELOCATION message or initiating "
             "an inter-RAT handover.";
    case Rule::r7:
      return "When the MME has initiated a UE Context Modification procedure in order to take a new KeNB into use and "
             "receives a request for an inter-MME handover from the serving eNB, the MME shall wait for the "
             "(successful or unsuccessful) completion of the UE Context Modification procedure before sending an S10 "
             "FORWARD RELOCATION message.";
    case Rule::r8:
      return "When the MME has successfully performed a NAS SMC procedure taking a new KASME into use, but has not yet "
             "successfully performed a UE Context Modification procedure, which takes a KeNB derived from the new "
             "KASME into use, the MME shall include both the old KASME with the corresponding eKSI, NH, and NCC, and a "
             "full EPS NAS security context based on the new KASME in the S10 FORWARD RELOCATION message.";
    case Rule::r9:
      return "When an MME receives a S10 FORWARD RELOCATION message including both the old KASME with the "
             "corresponding eKSI, NH, and NCC, and a full EPS NAS security context based on the new KASME the MME shall "
             "use the new KASME in NAS procedures, but shall continue to include AS security context parameters based "
             "on the old KASME in the HANDOVER REQUEST or PATH SWITCH REQUEST ACKNOWLEDGE message until the completion "
             "of a UE Context Modification procedure, which takes a KeNB derived from the new KASME into use.";
  }
  return "";
}

std::string_view rule_situation(Rule r) {
  switch (r) {
    case Rule::r1: return "an S1 procedure with a new KeNB due while a NAS SMC is ongoing";
    case Rule::r2: return "a NAS SMC due while an Initial Context Setup / UE Context Modification with a new KeNB is ongoing";
    case Rule::r3: return "a handover or path switch between a NAS SMC for a new KASME and the UE Context Modification";
    case Rule::r4: return "a UE handover after a NAS SMC for a new KASME (Uu)";
    case Rule::r5: return "a UE Context Modification during the eNB's own handover, or a handover after one";
    case Rule::r6: return "an inter-MME / inter-RAT handover request during a NAS SMC for a new KASME";
    case Rule::r7: return "an inter-MME handover request during a UE Context Modification with a new KeNB";
    case Rule::r8: return "an S10 relocation between a successful NAS SMC for a new KASME and the UE Context Modification";
    case Rule::r9: return "an S10 relocation bringing both the old KASME and a new NAS security context";
  }
  return "";
}

Verdict combine(Verdict a, Verdict b) { return static_cast<int>(a) >= static_cast<int>(b) ? a : b; }

EventRef ref_of(const Event& e) { return EventRef{e.index, e.frame, e.time, describe(e)}; }

}  // namespace concur::monitor
