// Kind of an asn1c 0.9.28 descriptor, by the base codec functions it points to. Written in C
// for `#pragma weak`: this library must not pull a particular copy of the asn1c runtime into a
// link (each generated library ships its own); a weak reference binds to whichever copy the
// final program contains and is null where a base type is not linked in at all, in which case
// no descriptor can point to it either.
#include "descriptor_kind.h"

#include <asn_application.h>
#include <BIT_STRING.h>
#include <BOOLEAN.h>
#include <INTEGER.h>
#include <NULL.h>
#include <NativeEnumerated.h>
#include <NativeInteger.h>
#include <OCTET_STRING.h>
#include <constr_CHOICE.h>
#include <constr_SEQUENCE.h>
#include <constr_SEQUENCE_OF.h>
#include <constr_SET_OF.h>

#pragma weak SEQUENCE_decode_uper
#pragma weak CHOICE_decode_uper
#pragma weak SEQUENCE_OF_encode_uper
#pragma weak SET_OF_encode_uper
#pragma weak SET_OF_decode_uper
#pragma weak NativeInteger_decode_uper
#pragma weak INTEGER_decode_uper
#pragma weak NativeEnumerated_decode_uper
#pragma weak BOOLEAN_decode_uper
#pragma weak NULL_decode_uper
#pragma weak OCTET_STRING_decode_uper
#pragma weak OCTET_STRING_free

static int is_base_decoder(per_type_decoder_f* d) {
  if (!d) return 0;
  return d == SEQUENCE_decode_uper || d == CHOICE_decode_uper || d == SET_OF_decode_uper ||
         d == NativeInteger_decode_uper || d == INTEGER_decode_uper ||
         d == NativeEnumerated_decode_uper || d == BOOLEAN_decode_uper || d == NULL_decode_uper ||
         d == OCTET_STRING_decode_uper;
}

/// The universal tag number among the descriptor's tags (a string type's own tag), or -1.
static int universal_tag(const asn_TYPE_descriptor_t* td) {
  for (int i = td->tags_count - 1; i >= 0; --i) {
    if (BER_TAG_CLASS(td->tags[i]) == ASN_TAG_CLASS_UNIVERSAL) return (int)BER_TAG_VALUE(td->tags[i]);
  }
  return -1;
}

enum concur_aper_kind concur_aper_descriptor_kind(asn_TYPE_descriptor_t* td) {
  if (!td) return CONCUR_APER_UNSUPPORTED;
  // A generated wrapper (e.g. SecurityKey_free) copies the base pointers into `td` and then
  // calls the base free on a null pointer, which every base free ignores.
  if (!is_base_decoder(td->uper_decoder) && td->free_struct && td->uper_decoder)
    td->free_struct(td, 0, 0);

  per_type_decoder_f* d = td->uper_decoder;
  if (!d) {
    // ANY has no PER functions in 0.9.28 but is an OCTET STRING with the ANY subvariant.
    if (td->free_struct && td->free_struct == OCTET_STRING_free && td->tags_count == 0)
      return CONCUR_APER_OPEN_TYPE;
    return CONCUR_APER_UNSUPPORTED;
  }
  if (d == SEQUENCE_decode_uper) return CONCUR_APER_SEQUENCE;
  if (d == CHOICE_decode_uper) return CONCUR_APER_CHOICE;
  if (d == SET_OF_decode_uper) {
    // SEQUENCE OF shares the SET OF decoder; the encoders differ.
    if (td->uper_encoder && td->uper_encoder == SEQUENCE_OF_encode_uper) return CONCUR_APER_SEQUENCE_OF;
    return CONCUR_APER_SET_OF;
  }
  if (d == NativeInteger_decode_uper) return CONCUR_APER_NATIVE_INTEGER;
  if (d == INTEGER_decode_uper) return CONCUR_APER_INTEGER;
  if (d == NativeEnumerated_decode_uper) return CONCUR_APER_NATIVE_ENUMERATED;
  if (d == BOOLEAN_decode_uper) return CONCUR_APER_BOOLEAN;
  if (d == NULL_decode_uper) return CONCUR_APER_NULL;
  if (d == OCTET_STRING_decode_uper) {
    const asn_OCTET_STRING_specifics_t* specs = (const asn_OCTET_STRING_specifics_t*)td->specifics;
    if (specs && specs->subvariant == ASN_OSUBV_BIT) return CONCUR_APER_BIT_STRING;
    if (specs && specs->subvariant == ASN_OSUBV_ANY) return CONCUR_APER_OPEN_TYPE;
    switch (universal_tag(td)) {
      case 3: return CONCUR_APER_BIT_STRING;
      case 4: return CONCUR_APER_OCTET_STRING;
      case 12: return CONCUR_APER_UTF8_STRING;
      case 18: return CONCUR_APER_NUMERIC_STRING;
      case 19: return CONCUR_APER_PRINTABLE_STRING;
      case 22: return CONCUR_APER_IA5_STRING;
      case 26: return CONCUR_APER_VISIBLE_STRING;
      default: return CONCUR_APER_UNSUPPORTED;  // BMPString, UniversalString, time types...
    }
  }
  return CONCUR_APER_UNSUPPORTED;
}
