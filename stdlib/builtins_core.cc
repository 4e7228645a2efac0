// The universe builtin functions.
#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdlib>

#include "absl/strings/str_format.h"
#include "stdlib/internal.h"

namespace warden::stdlib {

using lang::DictObject;
using lang::Error;
using lang::ListObject;
using lang::TupleObject;

namespace {

// ---- helpers ----

// "got T, want iterable" check used by the one-iterable builtins.
absl::Status WantIterable(const Builtin& b, const Value& x,
                          std::string_view param = "1") {
  if (lang::IsIterable(x)) return absl::OkStatus();
  return NameErr(b, "for parameter ", param, ": got ", lang::TypeName(x),
                 ", want iterable");
}

// "f: unexpected keyword argument "x" (did you mean y?)".
absl::Status UnexpectedKeyword(const Builtin& b, std::string_view name,
                               const std::vector<std::string>& params) {
  std::string q;
  lang::QuoteString(&q, name);
  const std::string near = lang::NearestName(name, params);
  if (near.empty()) return NameErr(b, "unexpected keyword argument ", q);
  return NameErr(b, "unexpected keyword argument ", q, " (did you mean ", near,
                 "?)");
}

// Exactly one positional argument: "got 2 arguments, want exactly 1".
absl::Status ExactlyOne(const Builtin& b, Args args, Kwargs kwargs) {
  if (!kwargs.empty()) {
    return Error(b.name, " does not accept keyword arguments");
  }
  if (args.size() != 1) {
    return NameErr(b, "got ", args.size(), " arguments, want exactly 1");
  }
  return absl::OkStatus();
}

Result Abs(Thread& t, const Builtin& b, Args args, Kwargs kwargs) {
  Value x;
  if (auto st =
          lang::UnpackPositionalArgs(b.name, args, kwargs, 1, {{"x", &x}});
      !st.ok()) {
    return st;
  }
  if (x.kind() == Kind::kInt) {
    if (lang::IntSign(x) >= 0) return x;
    return lang::Unary(t, lang::UnaryOp::kMinus, x);
  }
  if (x.kind() == Kind::kFloat) {
    const double d = x.As<lang::FloatObject>()->value();
    return d < 0 ? lang::MakeFloat(t.heap(), -d) : x;
  }
  return NameErr(b, "got ", lang::TypeName(x), ", want int or float");
}

// chr(i): the string of the one code point i (surrogates become U+FFFD).
Result Chr(Thread& t, const Builtin& b, Args args, Kwargs kwargs) {
  Value x;
  if (auto st =
          lang::UnpackPositionalArgs(b.name, args, kwargs, 1, {{"i", &x}});
      !st.ok()) {
    return st;
  }
  if (x.kind() != Kind::kInt) {
    return NameErr(b, "got ", lang::TypeName(x), ", want int");
  }
  int64_t i;
  if (!lang::IntToInt64(x, &i) || i < INT32_MIN || i > INT32_MAX) {
    return NameErr(b, lang::Repr(x), " out of range");
  }
  if (i < 0) return NameErr(b, "Unicode code point ", i, " out of range (<0)");
  if (i > 0x10FFFF) {
    return NameErr(b, "Unicode code point U+",
                   absl::StrFormat("%X", static_cast<uint32_t>(i)),
                   " out of range (>0x10FFFF)");
  }
  std::string s;
  base::AppendUtf8(&s, static_cast<uint32_t>(i));
  return lang::MakeString(t.heap(), s);
}

// ord(s): the code point of a string of exactly one (invalid UTF-8 bytes
// decode as U+FFFD, one per byte, as in starlark-go).
Result Ord(Thread&, const Builtin& b, Args args, Kwargs kwargs) {
  Value x;
  if (auto st =
          lang::UnpackPositionalArgs(b.name, args, kwargs, 1, {{"s", &x}});
      !st.ok()) {
    return st;
  }
  if (x.kind() != Kind::kString) {
    return NameErr(b, "got ", lang::TypeName(x), ", want string");
  }
  const std::string_view s = lang::StringView(x);
  uint32_t r = 0;
  if (!s.empty() && DecodeRune(s, 0, &r) == s.size()) {
    return Value::SmallInt(r);
  }
  size_t runes = 0;
  for (size_t i = 0; i < s.size(); ++runes) i += DecodeRune(s, i, &r);
  return NameErr(b, "string encodes ", runes, " Unicode code points, want 1");
}

Result AnyAll(Thread& t, const Builtin& b, Args args, Kwargs kwargs) {
  Value x;
  if (auto st =
          lang::UnpackPositionalArgs(b.name, args, kwargs, 1, {{"x", &x}});
      !st.ok()) {
    return st;
  }
  if (auto st = WantIterable(b, x); !st.ok()) return st;
  const bool want = b.name == "any";
  absl::StatusOr<lang::Iterator> it = lang::Iterate(x);
  if (!it.ok()) return it.status();
  Value e;
  while (it->Next(t.heap(), &e)) {
    if (lang::Truth(e) == want) return Value::Bool(want);
  }
  return Value::Bool(!want);
}

Result Bool(Thread&, const Builtin& b, Args args, Kwargs kwargs) {
  Value x = Value::False();
  if (auto st =
          lang::UnpackPositionalArgs(b.name, args, kwargs, 0, {{"x", &x}});
      !st.ok()) {
    return st;
  }
  return Value::Bool(lang::Truth(x));
}

}  // namespace

// dict(pairs?, **kwargs) and dict.update share this.
absl::Status UpdateDict(Thread& t, const Builtin& b, DictObject* dict,
                        Args args, Kwargs kwargs) {
  if (args.size() > 1) {
    return NameErr(b, "got ", args.size(), " arguments, want at most 1");
  }
  if (args.size() == 1) {
    const Value& updates = args[0];
    if (const DictObject* src = updates.TryAs<DictObject>()) {
      // Snapshot first: dict.update(dict) with itself must not iterate
      // while inserting.
      std::vector<std::pair<Value, Value>> items;
      for (const DictObject::Entry& e : src->raw_entries()) {
        if (!e.key.IsAbsent()) items.emplace_back(e.key, e.value);
      }
      for (auto& [k, v] : items) {
        if (auto st = dict->Set(k, v); !st.ok()) return NameErr(b, st);
      }
    } else {
      if (!lang::IsIterable(updates)) {
        return NameErr(b, "got ", lang::TypeName(updates), ", want iterable");
      }
      absl::StatusOr<std::vector<Value>> pairs = lang::Collect(t, updates);
      if (!pairs.ok()) return pairs.status();
      for (size_t i = 0; i < pairs->size(); ++i) {
        const Value& pair = (*pairs)[i];
        if (!lang::IsIterable(pair)) {
          return NameErr(b, "dictionary update sequence element #", i,
                         " is not iterable (", lang::TypeName(pair), ")");
        }
        const int64_t n = lang::Len(pair);
        if (n != 2) {
          return NameErr(b, "dictionary update sequence element #", i,
                         " has length ", n, ", want 2");
        }
        absl::StatusOr<std::vector<Value>> kv = lang::Collect(t, pair);
        if (!kv.ok()) return kv.status();
        if (auto st = dict->Set((*kv)[0], (*kv)[1]); !st.ok()) {
          return NameErr(b, st);
        }
      }
    }
  }
  const int64_t before = dict->size();
  for (const NamedArg& kw : kwargs) {
    if (auto st = dict->Set(lang::MakeString(t.heap(), kw.first), kw.second);
        !st.ok()) {
      return NameErr(b, st);
    }
  }
  // Each keyword normally adds an entry; if not, report a repeated keyword
  // (a key already present from `pairs` is fine).
  if (dict->size() < before + static_cast<int64_t>(kwargs.size())) {
    for (size_t i = 0; i < kwargs.size(); ++i) {
      for (size_t j = 0; j < i; ++j) {
        if (kwargs[i].first == kwargs[j].first) {
          std::string q;
          lang::QuoteString(&q, kwargs[i].first);
          return NameErr(b, "duplicate keyword arg: ", q);
        }
      }
    }
  }
  return absl::OkStatus();
}

namespace {

Result Dict(Thread& t, const Builtin& b, Args args, Kwargs kwargs) {
  Value d = lang::MakeDict(t.heap());
  if (auto st = UpdateDict(t, b, d.As<DictObject>(), args, kwargs); !st.ok()) {
    return st;
  }
  return d;
}

Result Dir(Thread& t, const Builtin& b, Args args, Kwargs kwargs) {
  Value x;
  if (auto st =
          lang::UnpackPositionalArgs(b.name, args, kwargs, 1, {{"x", &x}});
      !st.ok()) {
    return st;
  }
  std::vector<Value> names;
  for (const std::string& n : lang::AttrNames(x)) {
    names.push_back(lang::MakeString(t.heap(), n));
  }
  return lang::MakeList(t.heap(), std::move(names));
}

Result Enumerate(Thread& t, const Builtin& b, Args args, Kwargs kwargs) {
  Value x;
  int64_t start = 0;
  if (auto st = lang::UnpackArgs(b.name, args, kwargs,
                                 {{"iterable", &x}, {"start?", &start}});
      !st.ok()) {
    return st;
  }
  if (auto st = WantIterable(b, x, "iterable"); !st.ok()) return st;
  absl::StatusOr<std::vector<Value>> xs = lang::Collect(t, x);
  if (!xs.ok()) return xs.status();
  std::vector<Value> out;
  out.reserve(xs->size());
  for (size_t i = 0; i < xs->size(); ++i) {
    out.push_back(lang::MakeTuple(
        t.heap(),
        {lang::MakeInt(t.heap(), start + static_cast<int64_t>(i)), (*xs)[i]}));
  }
  return lang::MakeList(t.heap(), std::move(out));
}

// fail() and print(): str() of each argument, joined by the keyword-only
// `sep` (default " "), appended to *out.
absl::Status AppendJoinedArgs(const Builtin& b, Args args, Kwargs kwargs,
                              std::string* out) {
  std::string_view sep = " ";
  for (const NamedArg& kw : kwargs) {
    if (kw.first != "sep") return UnexpectedKeyword(b, kw.first, {"sep"});
    if (kw.second.kind() != Kind::kString) {
      return NameErr(b, "for parameter sep: got ", lang::TypeName(kw.second),
                     ", want string");
    }
    sep = lang::StringView(kw.second);
  }
  for (size_t i = 0; i < args.size(); ++i) {
    if (i > 0) out->append(sep);
    lang::WriteStr(out, args[i]);
  }
  return absl::OkStatus();
}

Result Fail(Thread&, const Builtin& b, Args args, Kwargs kwargs) {
  std::string msg = "fail: ";
  if (auto st = AppendJoinedArgs(b, args, kwargs, &msg); !st.ok()) return st;
  return absl::InvalidArgumentError(msg);
}

Result GetAttr(Thread& t, const Builtin& b, Args args, Kwargs kwargs) {
  Value x, dflt = Value::Absent();
  std::string_view name;
  if (auto st = lang::UnpackPositionalArgs(
          b.name, args, kwargs, 2,
          {{"x", &x}, {"name", &name}, {"default", &dflt}});
      !st.ok()) {
    return st;
  }
  absl::StatusOr<Value> v = lang::GetAttr(t, x, name);
  if (v.ok()) return v;
  if (!dflt.IsAbsent()) return dflt;
  return NameErr(b, v.status());
}

Result HasAttr(Thread& t, const Builtin& b, Args args, Kwargs kwargs) {
  Value x;
  std::string_view name;
  if (auto st = lang::UnpackPositionalArgs(b.name, args, kwargs, 2,
                                           {{"x", &x}, {"name", &name}});
      !st.ok()) {
    return st;
  }
  return Value::Bool(lang::HasAttr(t, x, name));
}

Result Hash(Thread&, const Builtin& b, Args args, Kwargs kwargs) {
  Value x;
  if (auto st =
          lang::UnpackPositionalArgs(b.name, args, kwargs, 1, {{"x", &x}});
      !st.ok()) {
    return st;
  }
  if (x.kind() != Kind::kString) {
    return NameErr(b, "for parameter 1: got ", lang::TypeName(x),
                   ", want string");
  }
  return Value::SmallInt(JavaStringHash(lang::StringView(x)));
}

Result Int(Thread& t, const Builtin& b, Args args, Kwargs kwargs) {
  Value x, base = Value::Absent();
  if (auto st =
          lang::UnpackArgs(b.name, args, kwargs, {{"x", &x}, {"base?", &base}});
      !st.ok()) {
    return st;
  }
  if (x.kind() == Kind::kString) {
    int64_t bv = 10;
    if (!base.IsAbsent()) {
      if (base.kind() != Kind::kInt || !lang::IntToInt64(base, &bv)) {
        return NameErr(b, "for base, got ", lang::TypeName(base), ", want int");
      }
      if (bv != 0 && (bv < 2 || bv > 36)) {
        return NameErr(b, "base must be an integer >= 2 && <= 36");
      }
    }
    absl::StatusOr<Value> v =
        lang::ParseInt(t.heap(), lang::StringView(x), static_cast<int>(bv));
    if (!v.ok()) return NameErr(b, v.status());
    return v;
  }
  if (!base.IsAbsent()) {
    return NameErr(b, "can't convert non-string with explicit base");
  }
  if (x.IsBool()) return Value::SmallInt(x.AsBool() ? 1 : 0);
  if (x.kind() == Kind::kInt) return x;
  if (x.kind() == Kind::kFloat) {
    const double d = x.As<lang::FloatObject>()->value();
    if (!std::isfinite(d)) {
      return NameErr(b, "cannot convert float ", lang::Repr(x), " to integer");
    }
    return lang::TruncateToInt(t.heap(), d);
  }
  return NameErr(b, "cannot convert ", lang::TypeName(x), " to int");
}

Result Float(Thread& t, const Builtin& b, Args args, Kwargs kwargs) {
  Value x = Value::Absent();
  if (auto st =
          lang::UnpackPositionalArgs(b.name, args, kwargs, 0, {{"x", &x}});
      !st.ok()) {
    return st;
  }
  if (x.IsAbsent()) return lang::MakeFloat(t.heap(), 0.0);
  if (x.IsBool()) return lang::MakeFloat(t.heap(), x.AsBool() ? 1.0 : 0.0);
  if (x.kind() == Kind::kFloat) return x;
  if (x.kind() == Kind::kInt) {
    double d;
    if (auto st = lang::ToDouble(x, &d); !st.ok()) return NameErr(b, st);
    return lang::MakeFloat(t.heap(), d);
  }
  if (x.kind() == Kind::kString) {
    std::string s(lang::StringView(x));
    std::string lower;
    for (char c : s) lower.push_back(static_cast<char>(std::tolower(c)));
    std::string_view body = lower;
    bool neg = false;
    if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
      neg = body[0] == '-';
      body.remove_prefix(1);
    }
    if (body == "inf" || body == "infinity") {
      return lang::MakeFloat(t.heap(), neg ? -HUGE_VAL : HUGE_VAL);
    }
    if (body == "nan") return lang::MakeFloat(t.heap(), std::nan(""));
    char* end = nullptr;
    const bool plausible = !s.empty() &&
                           !std::isspace(static_cast<unsigned char>(s[0])) &&
                           body.find_first_of("xp") == std::string_view::npos;
    const double d = plausible ? std::strtod(s.c_str(), &end) : 0;
    if (!plausible || end != s.c_str() + s.size()) {
      return Error("invalid float literal: ", lang::StringView(x));
    }
    return lang::MakeFloat(t.heap(), d);
  }
  return NameErr(b, "got ", lang::TypeName(x), ", want number or string");
}

Result Len(Thread&, const Builtin& b, Args args, Kwargs kwargs) {
  if (args.size() == 1 && kwargs.empty()) [[likely]] {
    const int64_t n = lang::Len(args[0]);
    if (n >= 0) return Value::SmallInt(n);
    return NameErr(b, "value of type ", lang::TypeName(args[0]), " has no len");
  }
  if (!kwargs.empty()) return NameErr(b, "unexpected keyword arguments");
  return NameErr(b, "got ", args.size(), " arguments, want 1");
}

Result ListOrTuple(Thread& t, const Builtin& b, Args args, Kwargs kwargs) {
  Value x = Value::Absent();
  if (auto st = lang::UnpackPositionalArgs(b.name, args, kwargs, 0,
                                           {{"iterable", &x}});
      !st.ok()) {
    return st;
  }
  const bool is_list = b.name == "list";
  if (x.IsAbsent()) {
    return is_list ? lang::MakeList(t.heap()) : lang::MakeTuple(t.heap(), {});
  }
  if (auto st = WantIterable(b, x); !st.ok()) return st;
  if (!is_list && x.kind() == Kind::kTuple) return x;
  absl::StatusOr<std::vector<Value>> xs = lang::Collect(t, x);
  if (!xs.ok()) return xs.status();
  return is_list ? lang::MakeList(t.heap(), std::move(*xs))
                 : lang::MakeTuple(t.heap(), std::move(*xs));
}

Result MinMax(Thread& t, const Builtin& b, Args args, Kwargs kwargs) {
  if (args.empty()) {
    return Error(b.name, " requires at least one positional argument");
  }
  Value key = Value::Absent();
  for (const NamedArg& kw : kwargs) {
    if (kw.first != "key") return UnexpectedKeyword(b, kw.first, {"key"});
    key = kw.second;
  }
  if (!key.IsAbsent() && !key.IsNone() && key.kind() != Kind::kBuiltin &&
      key.kind() != Kind::kFunction) {
    return NameErr(b, "for parameter key: got ", lang::TypeName(key),
                   ", want callable");
  }
  if (key.IsNone()) key = Value::Absent();
  const lang::BinaryOp op =
      b.name == "max" ? lang::BinaryOp::kGt : lang::BinaryOp::kLt;
  std::vector<Value> xs;
  if (args.size() == 1) {
    if (!lang::IsIterable(args[0])) {
      return NameErr(b, lang::TypeName(args[0]), " value is not iterable");
    }
    absl::StatusOr<std::vector<Value>> c = lang::Collect(t, args[0]);
    if (!c.ok()) return c.status();
    xs = std::move(*c);
  } else {
    xs.assign(args.begin(), args.end());
  }
  if (xs.empty()) return NameErr(b, "argument is an empty sequence");
  Value best = xs[0], best_key = xs[0];
  if (!key.IsAbsent()) {
    absl::StatusOr<Value> k = lang::Call(t, key, {&best, 1});
    if (!k.ok()) return k;
    best_key = *k;
  }
  for (size_t i = 1; i < xs.size(); ++i) {
    Value k = xs[i];
    if (!key.IsAbsent()) {
      absl::StatusOr<Value> kv = lang::Call(t, key, {&xs[i], 1});
      if (!kv.ok()) return kv;
      k = *kv;
    }
    absl::StatusOr<bool> better = lang::Compare(op, k, best_key);
    if (!better.ok()) return NameErr(b, better.status());
    if (*better) {
      best = xs[i];
      best_key = k;
    }
  }
  return best;
}

Result Print(Thread& t, const Builtin& b, Args args, Kwargs kwargs) {
  std::string line;
  if (auto st = AppendJoinedArgs(b, args, kwargs, &line); !st.ok()) return st;
  t.Print(line);
  return Value::None();
}

// range's int parameters: int64, with starlark-go's wording for others.
absl::Status RangeArg(const Builtin& b, int index, const Value& v,
                      int64_t* out) {
  if (v.kind() != Kind::kInt) {
    return NameErr(b, "for parameter ", index, ": got ", lang::TypeName(v),
                   ", want int");
  }
  if (!lang::IntToInt64(v, out)) {
    return NameErr(b, "for parameter ", index, ": ", lang::Repr(v),
                   " out of range (want value in signed 64-bit range)");
  }
  return absl::OkStatus();
}

Result Range(Thread& t, const Builtin& b, Args args, Kwargs kwargs) {
  if (!kwargs.empty()) return NameErr(b, "unexpected keyword arguments");
  if (args.empty() || args.size() > 3) {
    return NameErr(b, "got ", args.size(), " arguments, want ",
                   args.empty() ? "at least 1" : "at most 3");
  }
  int64_t start = 0, stop, step = 1;
  if (args.size() == 1) {
    if (auto st = RangeArg(b, 1, args[0], &stop); !st.ok()) return st;
  } else {
    if (auto st = RangeArg(b, 1, args[0], &start); !st.ok()) return st;
    if (auto st = RangeArg(b, 2, args[1], &stop); !st.ok()) return st;
    if (args.size() == 3) {
      if (auto st = RangeArg(b, 3, args[2], &step); !st.ok()) return st;
    }
  }
  if (step == 0) return NameErr(b, "step argument must not be zero");
  // The length must fit in int64.
  const __int128 span =
      step > 0 ? (__int128)stop - start : (__int128)start - stop;
  if (span > 0 && (span - 1) / (step > 0 ? step : -(__int128)step) + 1 >
                      (__int128)INT64_MAX) {
    return NameErr(b, "range has too many elements");
  }
  return lang::MakeRange(t.heap(), start, stop, step);
}

Result Repr(Thread& t, const Builtin& b, Args args, Kwargs kwargs) {
  Value x;
  if (auto st =
          lang::UnpackPositionalArgs(b.name, args, kwargs, 1, {{"x", &x}});
      !st.ok()) {
    return st;
  }
  return lang::MakeString(t.heap(), lang::Repr(x));
}

Result Reversed(Thread& t, const Builtin& b, Args args, Kwargs kwargs) {
  Value x;
  if (auto st = lang::UnpackPositionalArgs(b.name, args, kwargs, 1,
                                           {{"sequence", &x}});
      !st.ok()) {
    return st;
  }
  if (auto st = WantIterable(b, x); !st.ok()) return st;
  absl::StatusOr<std::vector<Value>> xs = lang::Collect(t, x);
  if (!xs.ok()) return xs.status();
  std::reverse(xs->begin(), xs->end());
  return lang::MakeList(t.heap(), std::move(*xs));
}

// Stable merge sort over indices with a fallible comparator. Like Go's
// sort.Stable with a Less that records errors, every comparison happens even
// after a failure and the LAST error is reported (starlark-go's wording for
// sorted([1, 2, None, 3]) depends on it).
class Sorter {
 public:
  Sorter(const std::vector<Value>& keys, bool reverse)
      : keys_(keys), reverse_(reverse) {}

  bool Less(size_t i, size_t j) {
    const Value& a = reverse_ ? keys_[j] : keys_[i];
    const Value& b = reverse_ ? keys_[i] : keys_[j];
    if (a.IsSmallInt() && b.IsSmallInt())
      return a.AsSmallInt() < b.AsSmallInt();
    if (a.kind() == Kind::kString && b.kind() == Kind::kString) {
      return lang::StringView(a) < lang::StringView(b);
    }
    absl::StatusOr<bool> lt = lang::Compare(lang::BinaryOp::kLt, a, b);
    if (!lt.ok()) {
      err_ = lt.status();
      return false;
    }
    return *lt;
  }

  // Sorts the permutation `idx`.
  void Sort(std::vector<size_t>& idx) {
    const size_t n = idx.size();
    constexpr size_t kBlock = 20;
    for (size_t lo = 0; lo < n; lo += kBlock) {
      const size_t hi = std::min(n, lo + kBlock);
      for (size_t i = lo + 1; i < hi; ++i) {
        for (size_t j = i; j > lo && Less(idx[j], idx[j - 1]); --j) {
          std::swap(idx[j], idx[j - 1]);
        }
      }
    }
    std::vector<size_t> buf(n);
    for (size_t width = kBlock; width < n; width *= 2) {
      for (size_t lo = 0; lo + width < n; lo += 2 * width) {
        const size_t mid = lo + width, hi = std::min(n, lo + 2 * width);
        size_t a = lo, b = mid, k = lo;
        while (a < mid && b < hi) {
          // Take from the right only if strictly less: stable.
          buf[k++] = Less(idx[b], idx[a]) ? idx[b++] : idx[a++];
        }
        while (a < mid) buf[k++] = idx[a++];
        while (b < hi) buf[k++] = idx[b++];
        std::copy(buf.begin() + lo, buf.begin() + hi, idx.begin() + lo);
      }
    }
  }

  const absl::Status& error() const { return err_; }

 private:
  const std::vector<Value>& keys_;
  bool reverse_;
  absl::Status err_;
};

Result Sorted(Thread& t, const Builtin& b, Args args, Kwargs kwargs) {
  Value x, key = Value::Absent();
  bool reverse = false;
  if (auto st = lang::UnpackArgs(
          b.name, args, kwargs,
          {{"iterable", &x}, {"key?", &key}, {"reverse?", &reverse}});
      !st.ok()) {
    return st;
  }
  if (auto st = WantIterable(b, x, "iterable"); !st.ok()) return st;
  if (!key.IsAbsent() && key.kind() != Kind::kBuiltin &&
      key.kind() != Kind::kFunction) {
    return NameErr(b, "for parameter key: got ", lang::TypeName(key),
                   ", want callable");
  }
  absl::StatusOr<std::vector<Value>> xs = lang::Collect(t, x);
  if (!xs.ok()) return xs.status();
  std::vector<Value> keys;
  if (!key.IsAbsent()) {
    absl::StatusOr<std::vector<Value>> k = ApplyKey(t, key, *xs);
    if (!k.ok()) return k.status();
    keys = std::move(*k);
  }
  std::vector<size_t> idx(xs->size());
  for (size_t i = 0; i < idx.size(); ++i) idx[i] = i;
  Sorter sorter(key.IsAbsent() ? *xs : keys, reverse);
  sorter.Sort(idx);
  if (!sorter.error().ok()) return sorter.error();
  std::vector<Value> out;
  out.reserve(idx.size());
  for (size_t i : idx) out.push_back((*xs)[i]);
  return lang::MakeList(t.heap(), std::move(out));
}

Result Str(Thread& t, const Builtin& b, Args args, Kwargs kwargs) {
  if (auto st = ExactlyOne(b, args, kwargs); !st.ok()) return st;
  if (args[0].kind() == Kind::kString) return args[0];
  return lang::MakeString(t.heap(), lang::Str(args[0]));
}

Result Type(Thread& t, const Builtin& b, Args args, Kwargs kwargs) {
  if (auto st = ExactlyOne(b, args, kwargs); !st.ok()) return st;
  return lang::MakeString(t.heap(), lang::TypeName(args[0]));
}

Result Zip(Thread& t, const Builtin& b, Args args, Kwargs kwargs) {
  if (!kwargs.empty()) {
    return Error(b.name, " does not accept keyword arguments");
  }
  std::vector<std::vector<Value>> cols;
  size_t n = SIZE_MAX;
  for (size_t i = 0; i < args.size(); ++i) {
    if (!lang::IsIterable(args[i])) {
      return NameErr(b, "argument #", i + 1,
                     " is not iterable: ", lang::TypeName(args[i]));
    }
    absl::StatusOr<std::vector<Value>> c = lang::Collect(t, args[i]);
    if (!c.ok()) return c.status();
    n = std::min(n, c->size());
    cols.push_back(std::move(*c));
  }
  if (cols.empty()) n = 0;
  std::vector<Value> out;
  out.reserve(n);
  for (size_t r = 0; r < n; ++r) {
    std::vector<Value> row;
    row.reserve(cols.size());
    for (const auto& c : cols) row.push_back(c[r]);
    out.push_back(lang::MakeTuple(t.heap(), std::move(row)));
  }
  return lang::MakeList(t.heap(), std::move(out));
}

}  // namespace

absl::StatusOr<std::vector<Value>> ApplyKey(Thread& thread, const Value& key,
                                            const std::vector<Value>& xs) {
  std::vector<Value> keys;
  keys.reserve(xs.size());
  for (const Value& x : xs) {
    absl::StatusOr<Value> k = lang::Call(thread, key, {&x, 1});
    if (!k.ok()) return k.status();
    keys.push_back(std::move(*k));
  }
  return keys;
}

void AddCoreBuiltins(lang::Predeclared& p) {
  p.Set("None", Value::None());
  p.Set("True", Value::True());
  p.Set("False", Value::False());
  p.AddBuiltin("abs", &Abs);
  p.AddBuiltin("all", &AnyAll);
  p.AddBuiltin("any", &AnyAll);
  p.AddBuiltin("bool", &Bool);
  p.AddBuiltin("chr", &Chr);
  p.AddBuiltin("dict", &Dict);
  p.AddBuiltin("dir", &Dir);
  p.AddBuiltin("enumerate", &Enumerate);
  p.AddBuiltin("fail", &Fail);
  p.AddBuiltin("float", &Float);
  p.AddBuiltin("getattr", &GetAttr);
  p.AddBuiltin("hasattr", &HasAttr);
  p.AddBuiltin("hash", &Hash);
  p.AddBuiltin("int", &Int);
  p.AddBuiltin("len", &Len);
  p.AddBuiltin("list", &ListOrTuple);
  p.AddBuiltin("max", &MinMax);
  p.AddBuiltin("min", &MinMax);
  p.AddBuiltin("ord", &Ord);
  p.AddBuiltin("print", &Print);
  p.AddBuiltin("range", &Range);
  p.AddBuiltin("repr", &Repr);
  p.AddBuiltin("reversed", &Reversed);
  p.AddBuiltin("sorted", &Sorted);
  p.AddBuiltin("str", &Str);
  p.AddBuiltin("tuple", &ListOrTuple);
  p.AddBuiltin("type", &Type);
  p.AddBuiltin("zip", &Zip);
}

}  // namespace warden::stdlib
