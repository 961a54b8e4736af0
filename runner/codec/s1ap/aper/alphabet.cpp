#include "codec/s1ap/aper/alphabet.h"

#include "codec/s1ap/aper/constraints.h"

namespace concur::s1ap::aper {

namespace {

// X.680 41.4 Table 10: the PrintableString repertoire.
bool printable(unsigned long c) {
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case ' ': case '\'': case '(': case ')': case '+': case ',': case '-': case '.': case '/':
    case ':': case '=': case '?':
      return true;
    default:
      return false;
  }
}

unsigned aligned_width(unsigned b) {
  unsigned w = 1;
  while (w < b) w <<= 1;
  return b == 0 ? 0 : w;
}

}  // namespace

Alphabet::Alphabet(concur_aper_kind kind, asn_per_constraints_t* pc) : kind_(kind) {
  unsigned b = 8;
  bool from_constraint = pc && (pc->value.flags & kApcConstrained) && pc->value.range_bits >= 0;
  // 0.9.28's base PrintableString descriptor carries NumericString's alphabet (0x20..0x39, 4 bits,
  // no code map): that is not a FROM constraint of the type, so use the full repertoire.
  if (kind == CONCUR_APER_PRINTABLE_STRING && from_constraint && !pc->value2code &&
      pc->value.lower_bound == 0x20 && pc->value.upper_bound == 0x39 && pc->value.range_bits == 4)
    from_constraint = false;
  if (from_constraint) {
    b = static_cast<unsigned>(pc->value.range_bits);
    lb_ = pc->value.lower_bound;
    ub_ = pc->value.upper_bound;
    v2c_ = pc->value2code;
    c2v_ = pc->code2value;
  } else {
    switch (kind) {
      case CONCUR_APER_PRINTABLE_STRING: b = 7, lb_ = 0x20, ub_ = 'z'; break;  // 74 characters
      case CONCUR_APER_VISIBLE_STRING: b = 7, lb_ = 0x20, ub_ = 0x7E; break;
      case CONCUR_APER_IA5_STRING: b = 7, lb_ = 0, ub_ = 0x7F; break;
      case CONCUR_APER_NUMERIC_STRING: b = 4, lb_ = 0x20, ub_ = '9'; break;  // space and digits
      default: b = 8, lb_ = 0, ub_ = 0xFF; break;
    }
  }
  width_ = aligned_width(b);
  indexed_ = width_ < 32 && static_cast<unsigned long>(ub_) > ((1UL << width_) - 1);
}

bool Alphabet::permitted(unsigned long c) const {
  if (static_cast<long>(c) < lb_ || static_cast<long>(c) > ub_) return false;
  if (v2c_) return v2c_(static_cast<unsigned>(c)) >= 0;
  switch (kind_) {
    case CONCUR_APER_PRINTABLE_STRING: return printable(c);
    case CONCUR_APER_NUMERIC_STRING: return c == ' ' || (c >= '0' && c <= '9');
    default: return true;
  }
}

long Alphabet::encode(unsigned char c) const {
  if (!permitted(c)) return -1;
  if (!indexed_) return c;
  if (v2c_) return v2c_(c);
  if (kind_ == CONCUR_APER_NUMERIC_STRING && lb_ == 0x20) return c == ' ' ? 0 : c - '0' + 1;
  return c - lb_;
}

long Alphabet::decode(unsigned long code) const {
  long c = 0;
  if (!indexed_) {
    c = static_cast<long>(code);
  } else if (c2v_) {
    c = c2v_(static_cast<unsigned>(code));
  } else if (kind_ == CONCUR_APER_NUMERIC_STRING && lb_ == 0x20) {
    c = code == 0 ? ' ' : static_cast<long>(code) - 1 + '0';
  } else {
    c = static_cast<long>(code) + lb_;
  }
  if (c < 0 || c > 0xFF || !permitted(static_cast<unsigned long>(c))) return -1;
  return c;
}

}  // namespace concur::s1ap::aper
