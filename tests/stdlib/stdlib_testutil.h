// Test helper: evaluates one Starlark expression with the universe and
// returns its repr, or "error: <message>" for a runtime error.
#ifndef WARDEN_TESTS_STDLIB_STDLIB_TESTUTIL_H_
#define WARDEN_TESTS_STDLIB_STDLIB_TESTUTIL_H_

#include <string>
#include <string_view>

namespace warden::stdlib::testing {

// Runs `prelude` (statements, may be empty) then `x = <expr>` and returns
// repr(x) or "error: MESSAGE". Static errors come back as "static: MESSAGE".
std::string Eval(std::string_view expr, std::string_view prelude = "");

// The print() output of running `program`, lines joined with '\n'.
std::string Printed(std::string_view program);

}  // namespace warden::stdlib::testing

#endif  // WARDEN_TESTS_STDLIB_STDLIB_TESTUTIL_H_
