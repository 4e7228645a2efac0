// Internal helpers for float operands (used by the ops_*.cc files).
#ifndef WARDEN_LANG_OPS_FLOAT_H_
#define WARDEN_LANG_OPS_FLOAT_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "lang/ops.h"

namespace warden::lang {

// The value of an int or float as a double ("int too large to convert to
// float" for huge ints).
absl::Status ToDouble(const Value& x, double* out);
// The int nearest `d` towards zero; `d` must be finite.
Value TruncateToInt(Heap& heap, double d);
// x op y where at least one operand is a float (or op is / on ints).
absl::StatusOr<Value> FloatBinary(Thread& thread, BinaryOp op, const Value& x,
                                  const Value& y);
// -1, 0, 1 for ordered numbers, 2 if unordered (NaN).
int CompareNumbers(const Value& x, const Value& y);

}  // namespace warden::lang

#endif  // WARDEN_LANG_OPS_FLOAT_H_
