// The Starlark standard library: universe builtins and the methods of the
// built-in types.
//
// Usage:
//   const lang::Predeclared& universe = stdlib::Universe();  // thread-safe
//   // universe holds None, True, False and every universe builtin; the first
//   // call also registers the str/list/dict methods (InstallMethods()).
//   lang::Predeclared host = stdlib::Universe();   // copy, then add host fns
//   host.AddBuiltin("prefix_rule", &PrefixRule, collector);
//   lang::Predeclared test = stdlib::TestHostValues();  // freeze, struct, ...
#ifndef WARDEN_STDLIB_UNIVERSE_H_
#define WARDEN_STDLIB_UNIVERSE_H_

#include "lang/builtin.h"

namespace warden::stdlib {

// The universe: None True False abs any all bool dict dir enumerate fail
// getattr hasattr hash int len list max min print range repr reversed sorted
// str tuple type zip. Built once; safe to share between threads (every value
// is static and frozen).
const lang::Predeclared& Universe();

// Registers the methods of string, list and dict with lang's method tables.
// Idempotent and thread-safe; Universe() calls it.
void InstallMethods();

// Host values for the conformance tests (`--test` mode): freeze(x) (deep
// freeze, returns x), struct(**kw) and hasfields().
const lang::Predeclared& TestHostValues();

}  // namespace warden::stdlib

#endif  // WARDEN_STDLIB_UNIVERSE_H_
