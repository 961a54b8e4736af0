// X.691 ALIGNED PER (the variant S1AP uses, TS 36.413 clause 9.4) over the C structures and type
// descriptors that Debian's asn1c 0.9.28 generates (which itself has unaligned PER only).
//
// Covers what S1AP uses: SEQUENCE (extension bit, OPTIONAL/DEFAULT bitmap, extension additions
// as open types), SEQUENCE OF / SET OF with any size constraint, CHOICE (root and extension
// alternatives), INTEGER (constrained, semi-constrained, unconstrained, extensible), ENUMERATED,
// BOOLEAN, NULL, BIT STRING, OCTET STRING, PrintableString / VisibleString / IA5String /
// NumericString / UTF8String, open types (asn1c ANY or an OCTET STRING holding a complete
// encoding), and length determinants with 16K fragmentation.
#pragma once

#include "common/bytes.h"
#include "common/decode_error.h"

extern "C" {
struct asn_TYPE_descriptor_s;
}

namespace concur::s1ap::aper {

/// The complete aligned-PER encoding of `*value` (a structure of type `td`): padded to whole
/// octets; an empty encoding is one zero octet (X.691 10.1.3). On failure the error's `field` is
/// the path of the offending field (e.g. "SecurityContext.nextHopChainingCount"), `offset` the
/// octet of the output reached, `reason` the constraint or value that failed.
Result<Bytes> encode(const asn_TYPE_descriptor_s& td, const void* value);

/// Decodes one complete encoding of `td` from `in`. The result is a newly allocated structure that
/// the caller frees with `td.free_struct(&td, ptr, 0)` (or ASN_STRUCT_FREE). On failure nothing
/// is leaked; the error's `offset` is the octet offset in `in`, `field` the path being decoded and
/// `reason` says the bit position and which type, field or constraint failed.
/// Bounded: lengths are checked against the remaining input before anything is allocated, sizes
/// against their constraints, nesting depth against kMaxDepth, and the number of allocated nodes
/// grows at most linearly with the input.
Result<void*> decode(const asn_TYPE_descriptor_s& td, ByteView in);

/// Nesting of constructed types a decode or encode accepts.
inline constexpr int kMaxDepth = 64;

}  // namespace concur::s1ap::aper
