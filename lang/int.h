// Arbitrary-precision ints. Invariant: a BigIntObject always holds a value
// outside [Value::kMinSmallInt, Value::kMaxSmallInt]; smaller ints are always
// immediate. So equal ints have equal representations.
#ifndef WARDEN_LANG_INT_H_
#define WARDEN_LANG_INT_H_

#include <gmp.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "lang/heap.h"
#include "lang/value.h"

namespace warden::lang {

class BigIntObject final : public Object {
 public:
  static constexpr Kind kKind = Kind::kInt;
  BigIntObject();  // value 0; callers set it through mpz()
  ~BigIntObject() override;

  mpz_ptr mpz() { return v_; }
  mpz_srcptr mpz() const { return v_; }

  std::string_view TypeName() const override { return "int"; }
  void Repr(std::string* out, ReprContext& ctx) const override;
  absl::StatusOr<uint32_t> Hash() const override;

 private:
  mpz_t v_;
};

// Any int64 as a Starlark int (allocates only outside the small range).
Value MakeInt(Heap& heap, int64_t v);
// Normalizes: returns a small int when the value fits.
Value MakeIntFromMpz(Heap& heap, mpz_srcptr v);
// Sets `out` (initialized by the caller) to the value of int `v`.
void IntToMpz(const Value& v, mpz_ptr out);
// True and sets *out if v is an int that fits in int64.
bool IntToInt64(const Value& v, int64_t* out);
// -1, 0 or 1 (requires v.IsInt()).
int IntSign(const Value& v);
// Decimal (or base 2..36, lower case, no prefix) digits of int v.
std::string IntToString(const Value& v, int base = 10);
// Parses a Starlark int literal as the scanner saw it: decimal, 0x.., 0o..,
// 0b.. (no sign). Error "invalid int literal" style on bad input.
absl::StatusOr<Value> ParseIntLiteral(Heap& heap, std::string_view literal);
// int(s, base) semantics: optional sign, optional prefix matching base (base 0
// = infer from prefix, legacy leading-zero octal refused). Error message is
// the one int() reports ("invalid literal for int() with base 10: ...").
absl::StatusOr<Value> ParseInt(Heap& heap, std::string_view s, int base);

}  // namespace warden::lang

#endif  // WARDEN_LANG_INT_H_
