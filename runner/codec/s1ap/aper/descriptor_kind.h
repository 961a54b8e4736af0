// What an asn1c 0.9.28 type descriptor is, for the aligned PER walker.
//
// 0.9.28 descriptors carry only unaligned-PER function pointers, and a type defined by reference
// (e.g. `SecurityKey ::= BIT STRING (SIZE(256))`) copies its base type's pointers lazily, on
// first use, in a generated `..._inherit_TYPE_descriptor`. descriptor_kind() forces that copy
// once and then names the base kind by the base codec functions the descriptor now points to
// (plus the universal tag where one codec serves several string types).
#pragma once

#ifdef __cplusplus
extern "C" {
#endif

struct asn_TYPE_descriptor_s;

enum concur_aper_kind {
  CONCUR_APER_UNSUPPORTED = 0,
  CONCUR_APER_SEQUENCE,
  CONCUR_APER_CHOICE,
  CONCUR_APER_SEQUENCE_OF,
  CONCUR_APER_SET_OF,
  CONCUR_APER_NATIVE_INTEGER,   ///< `long` (or `unsigned long` with field_unsigned)
  CONCUR_APER_INTEGER,          ///< INTEGER_t, a big-endian two's complement buffer
  CONCUR_APER_NATIVE_ENUMERATED,
  CONCUR_APER_BOOLEAN,
  CONCUR_APER_NULL,
  CONCUR_APER_BIT_STRING,
  CONCUR_APER_OCTET_STRING,
  CONCUR_APER_OPEN_TYPE,        ///< asn1c ANY: the complete encoding of some other type
  CONCUR_APER_PRINTABLE_STRING,
  CONCUR_APER_VISIBLE_STRING,
  CONCUR_APER_IA5_STRING,
  CONCUR_APER_NUMERIC_STRING,
  CONCUR_APER_UTF8_STRING
};

/// The base kind of `td`; forces the lazy descriptor inheritance first (writes to `td` once,
/// exactly what asn1c's own codecs do on their first call).
enum concur_aper_kind concur_aper_descriptor_kind(struct asn_TYPE_descriptor_s* td);

#ifdef __cplusplus
}
#endif
