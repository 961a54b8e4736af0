// The path of the field being encoded or decoded ("S1AP-PDU.initiatingMessage.value"), kept
// as a stack of borrowed names and list indices so that the hot path never allocates; the
// string is built only when an error is reported.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace concur::s1ap::aper {

class FieldPath {
 public:
  void push(const char* name) { parts_.push_back({name, kNoIndex}); }
  void push_index(std::size_t index) { parts_.push_back({nullptr, index}); }
  void pop() { parts_.pop_back(); }
  std::size_t depth() const noexcept { return parts_.size(); }
  std::string str() const;

 private:
  static constexpr std::size_t kNoIndex = static_cast<std::size_t>(-1);
  struct Part {
    const char* name;
    std::size_t index;
  };
  std::vector<Part> parts_;
};

/// Pushes a path element for the lifetime of a scope.
class PathScope {
 public:
  PathScope(FieldPath& p, const char* name) : p_(p) { p_.push(name); }
  PathScope(FieldPath& p, std::size_t index) : p_(p) { p_.push_index(index); }
  ~PathScope() { p_.pop(); }
  PathScope(const PathScope&) = delete;
  PathScope& operator=(const PathScope&) = delete;

 private:
  FieldPath& p_;
};

}  // namespace concur::s1ap::aper
