/* asn1c 0.9.28's runtime declares SET_OF_encode_uper (constr_SET_OF.h) but never defines it, so
 * any program with a SET OF type fails to link. BASIC-PER encodes a SET OF exactly like a
 * SEQUENCE OF (X.691 21.1: no sorting outside CANONICAL-PER), which the runtime does implement;
 * the unaligned encoder is used here only as the tests' independent reference. */
#include <asn_application.h>
#include <constr_SEQUENCE_OF.h>
#include <constr_SET_OF.h>

asn_enc_rval_t SET_OF_encode_uper(asn_TYPE_descriptor_t *td, asn_per_constraints_t *constraints, void *sptr,
                                  asn_per_outp_t *po) {
  return SEQUENCE_OF_encode_uper(td, constraints, sptr, po);
}
