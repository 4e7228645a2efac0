// String formatting: the `%` operator (format % args). str.format lives in
// stdlib.
#ifndef WARDEN_LANG_FORMAT_H_
#define WARDEN_LANG_FORMAT_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "lang/thread.h"
#include "lang/value.h"

namespace warden::lang {

// format % args with the Starlark conversions %s %r %d %i %o %x %X %c %%,
// %e %f %g %E %F %G (ints and floats; %d and friends truncate floats)
// and %(key)s with a dict operand. A tuple supplies positional operands;
// any other value is the single operand. starlark-go's errors: "not enough
// arguments for format string", "too many arguments for format string",
// "incomplete format", "unknown conversion %z", "%d format requires integer:
// cannot convert string to int", ...
absl::StatusOr<Value> FormatPercent(Thread& thread, std::string_view format,
                                    const Value& args);

}  // namespace warden::lang

#endif  // WARDEN_LANG_FORMAT_H_
