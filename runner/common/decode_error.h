// The one error type every decoder returns: which field, at which octet, and why.
// Decoders throw DecodeFailure internally (short reads deep in a parser) and convert it to a
// Result at their public boundary with `decode_guarded`, so malformed input is a value, never a
// crash and never an out-of-bounds read.
#pragma once

#include <cstddef>
#include <exception>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

namespace concur {

struct DecodeError {
  std::string field;       ///< dotted path of the field that failed, e.g. "MMContext.old_kasme"
  std::size_t offset = 0;  ///< octet offset from the start of the outermost buffer given to the decoder
  std::string reason;      ///< what was wrong, in words

  /// "field 'X' at offset N: reason"
  std::string to_string() const;
};

class DecodeFailure : public std::exception {
 public:
  explicit DecodeFailure(DecodeError e) : error_(std::move(e)), text_(error_.to_string()) {}
  const DecodeError& error() const noexcept { return error_; }
  const char* what() const noexcept override { return text_.c_str(); }

 private:
  DecodeError error_;
  std::string text_;
};

[[noreturn]] void throw_decode(std::string field, std::size_t offset, std::string reason);

/// A value or a DecodeError. Small on purpose: C++20 has no std::expected.
template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}             // NOLINT(google-explicit-constructor)
  Result(DecodeError error) : v_(std::move(error)) {}   // NOLINT(google-explicit-constructor)

  bool ok() const noexcept { return v_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  T& value() & { return checked(); }
  const T& value() const& { return const_cast<Result*>(this)->checked(); }
  T&& value() && { return std::move(checked()); }
  T* operator->() { return &checked(); }
  const T* operator->() const { return &const_cast<Result*>(this)->checked(); }
  T& operator*() & { return checked(); }
  const T& operator*() const& { return const_cast<Result*>(this)->checked(); }

  const DecodeError& error() const {
    if (ok()) throw std::logic_error("Result::error() on a value");
    return std::get<1>(v_);
  }

 private:
  T& checked() {
    if (!ok()) throw DecodeFailure(std::get<1>(v_));
    return std::get<0>(v_);
  }
  std::variant<T, DecodeError> v_;
};

/// Runs `f` and turns a DecodeFailure thrown inside it into a Result holding the error.
template <class F>
auto decode_guarded(F&& f) -> Result<decltype(f())> {
  try {
    return Result<decltype(f())>(f());
  } catch (const DecodeFailure& e) {
    return Result<decltype(f())>(e.error());
  }
}

}  // namespace concur
