// The `assert.star` test module of the conformance files (see
// shared/conformance/starlark/README.md): assert.eq/ne/true/lt/contains/fail/
// fails and freeze, provided natively because Starlark cannot catch errors.
// Failed assertions are recorded (at the assert call's line) and execution
// continues; errors of the checks themselves (e.g. an invalid comparison)
// are real errors.
#ifndef WARDEN_LANG_MODULE_ASSERT_H_
#define WARDEN_LANG_MODULE_ASSERT_H_

#include <functional>
#include <memory>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "lang/builtin.h"
#include "lang/eval.h"
#include "lang/source.h"

namespace warden::lang {

// Matches an RE2-syntax regular expression (unanchored) against text; an
// error for an invalid pattern. The host supplies it (lang links no regexp
// engine).
using RegexpMatcher = std::function<absl::StatusOr<bool>(
    std::string_view pattern, std::string_view text)>;

class AssertModule {
 public:
  explicit AssertModule(RegexpMatcher matcher);
  AssertModule(const AssertModule&) = delete;
  AssertModule& operator=(const AssertModule&) = delete;

  // A load hook serving "assert.star" (any other module fails).
  LoadHook Loader();
  const Predeclared& exports() const { return exports_; }

  // Assertion failures so far, in order.
  const std::vector<Diagnostic>& failures() const { return failures_; }
  void ClearFailures() { failures_.clear(); }

  // Used by the builtins.
  void AddFailure(Diagnostic d) { failures_.push_back(std::move(d)); }
  const RegexpMatcher& matcher() const { return matcher_; }

 private:
  RegexpMatcher matcher_;
  std::vector<Diagnostic> failures_;
  Predeclared exports_;
};

}  // namespace warden::lang

#endif  // WARDEN_LANG_MODULE_ASSERT_H_
