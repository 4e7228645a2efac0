// Small string helpers for the engine.
//
// Debian's Abseil is built with its own absl::string_view (not
// std::string_view), so absl::StrCat and absl's heterogeneous string lookup
// do not accept std::string_view. These helpers fill that gap.
#ifndef WARDEN_ENGINE_STR_UTIL_H_
#define WARDEN_ENGINE_STR_UTIL_H_

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>

#include "absl/hash/hash.h"
#include "absl/strings/string_view.h"

namespace warden::engine {

// Concatenates its arguments (anything convertible to std::string_view).
inline std::string Concat(std::initializer_list<std::string_view> parts) {
  size_t n = 0;
  for (std::string_view p : parts) n += p.size();
  std::string out;
  out.reserve(n);
  for (std::string_view p : parts) out.append(p);
  return out;
}

// Transparent hash/equality so maps keyed by std::string can be probed with
// a std::string_view without building a string.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const noexcept {
    return absl::Hash<absl::string_view>()(
        absl::string_view(s.data(), s.size()));
  }
};
struct StringEq {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const noexcept {
    return a == b;
  }
};

}  // namespace warden::engine

#endif  // WARDEN_ENGINE_STR_UTIL_H_
