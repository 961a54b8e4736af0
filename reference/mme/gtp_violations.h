// The faulty variants of the S10/S3 part of the reference MME (--violate R6..R9, one line each in
// README.md). Kept apart from the R1-R3 variants so each part registers its own rules.
#pragma once
#include <string_view>

namespace concur::reference {

/// True for the rules whose faulty variant the S10/S3 code implements: R6, R7, R8, R9.
inline bool is_gtp_violation(std::string_view rule) {
  return rule == "R6" || rule == "R7" || rule == "R8" || rule == "R9";
}

}  // namespace concur::reference
