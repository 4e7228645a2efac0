// Helpers shared by the stdlib implementation files (not a public API).
#ifndef WARDEN_STDLIB_INTERNAL_H_
#define WARDEN_STDLIB_INTERNAL_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "base/utf8.h"
#include "lang/builtin.h"
#include "lang/dict.h"
#include "lang/int.h"
#include "lang/object.h"
#include "lang/ops.h"
#include "lang/ops_float.h"
#include "lang/thread.h"
#include "lang/value.h"

namespace warden::stdlib {

using lang::Builtin;
using lang::Kind;
using lang::NamedArg;
using lang::Thread;
using lang::Value;
using Args = absl::Span<const Value>;
using Kwargs = absl::Span<const NamedArg>;
using Result = absl::StatusOr<Value>;

// An error prefixed with the builtin's name: "<name>: <pieces...>".
template <class... A>
absl::Status NameErr(const Builtin& b, const A&... pieces) {
  return lang::Error(b.name, ": ", pieces...);
}
// Prefixes an existing error message with the builtin's name.
inline absl::Status NameErr(const Builtin& b, const absl::Status& st) {
  return absl::Status(st.code(), lang::Cat(b.name, ": ", st.message()));
}

// ---- UTF-8 (Go's decoding rules: an invalid byte decodes as U+FFFD, size 1)
using base::kRuneError;
// Decodes the rune at s[i] (i < s.size()); returns its size in bytes.
size_t DecodeRune(std::string_view s, size_t i, uint32_t* r);
// Decodes the rune that ends at s[end-1] (end > 0); returns its size.
size_t DecodeLastRune(std::string_view s, size_t end, uint32_t* r);

// ---- Unicode classes and case mappings (Go's unicode package semantics,
// backed by the C library's C.UTF-8 tables; ASCII-only if unavailable).
bool IsSpaceRune(uint32_t r);
bool IsLetterRune(uint32_t r);
bool IsDigitRune(uint32_t r);
bool IsUpperRune(uint32_t r);
bool IsLowerRune(uint32_t r);
bool IsTitleRune(uint32_t r);
uint32_t ToUpperRune(uint32_t r);
uint32_t ToLowerRune(uint32_t r);
uint32_t ToTitleRune(uint32_t r);

// ---- registration (one function per implementation file)
void AddCoreBuiltins(lang::Predeclared& p);
void RegisterStringMethods();
void RegisterListMethods();
void RegisterDictMethods();
// str.format (string_format.cc).
Result StringFormat(Thread& thread, const Builtin& b, Args args, Kwargs kwargs);

// dict(pairs?, **kw) / d.update(...): inserts into `dict`.
absl::Status UpdateDict(Thread& thread, const Builtin& b,
                        lang::DictObject* dict, Args args, Kwargs kwargs);

// A host sequence of the bytes of a string: "abc".elems().
Value MakeStringElems(lang::Heap& heap, const Value& str);

// Calls the key function (if any) on each element.
absl::StatusOr<std::vector<Value>> ApplyKey(Thread& thread, const Value& key,
                                            const std::vector<Value>& xs);

// starlark-go's hash(string): java.lang.String.hashCode for the BMP.
int32_t JavaStringHash(std::string_view s);

}  // namespace warden::stdlib

#endif  // WARDEN_STDLIB_INTERNAL_H_
