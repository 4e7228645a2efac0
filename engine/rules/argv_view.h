// The command as the matchers see it.
#ifndef WARDEN_ENGINE_RULES_ARGV_VIEW_H_
#define WARDEN_ENGINE_RULES_ARGV_VIEW_H_

#include <span>
#include <string>
#include <string_view>

namespace warden::engine {

// argv[0] and the remaining arguments, viewed separately so host-executable
// resolution can substitute the basename for argv[0] without copying the
// command. Invariant: the view is never empty (a matcher given an empty argv
// is not called at all).
struct ArgvView {
  std::string_view first;
  std::span<const std::string> rest;

  size_t size() const { return 1 + rest.size(); }
  std::string_view operator[](size_t i) const {
    return i == 0 ? first : std::string_view(rest[i - 1]);
  }
};

}  // namespace warden::engine

#endif  // WARDEN_ENGINE_RULES_ARGV_VIEW_H_
