// A parameterized test over (expression, expected repr or error) pairs.
#ifndef WARDEN_TESTS_STDLIB_EVAL_CASE_TESTUTIL_H_
#define WARDEN_TESTS_STDLIB_EVAL_CASE_TESTUTIL_H_

#include <gtest/gtest.h>

#include <ostream>

#include "tests/stdlib/stdlib_testutil.h"

namespace warden::stdlib::testing {

struct EvalCase {
  const char* expr;
  const char* want;  // repr of the value, or "error: MESSAGE"
};

inline std::ostream& operator<<(std::ostream& os, const EvalCase& c) {
  return os << c.expr;
}

}  // namespace warden::stdlib::testing

#endif  // WARDEN_TESTS_STDLIB_EVAL_CASE_TESTUTIL_H_
