// Methods of string values.
#include <algorithm>
#include <climits>

#include "stdlib/internal.h"

namespace warden::stdlib {

using lang::Error;
using lang::StringView;

namespace {

std::string_view Recv(const Builtin& b) { return StringView(b.receiver); }

Value Str(Thread& t, std::string_view s) {
  return lang::MakeString(t.heap(), s);
}
Value Str(Thread& t, std::string&& s) {
  return lang::MakeString(t.heap(), std::move(s));
}

// Returns the receiver itself when the result equals it (no allocation).
Value SameOrNew(Thread& t, const Builtin& b, std::string&& s) {
  if (s == Recv(b)) return b.receiver;
  return Str(t, std::move(s));
}

absl::Status NoArgs(const Builtin& b, Args args, Kwargs kwargs) {
  return lang::UnpackPositionalArgs(b.name, args, kwargs, 0, {});
}

// starlark-go's asIndex + clamp: optional int (None = default).
absl::Status IndexArg(const Value& v, int64_t len, int64_t* out,
                      std::string_view what) {
  if (v.IsAbsent() || v.IsNone()) return absl::OkStatus();
  if (v.kind() != Kind::kInt) {
    return Error("invalid ", what, " index: got ", lang::TypeName(v),
                 ", want int");
  }
  int64_t i;
  if (!lang::IntToInt64(v, &i) || i < INT32_MIN || i > INT32_MAX) {
    return Error("invalid ", what, " index: ", lang::Repr(v), " out of range");
  }
  if (i < 0) i += len;
  *out = i;
  return absl::OkStatus();
}

// starlark-go's indices(start, end, len): both clamped to [0, len].
absl::Status Indices(const Builtin& b, const Value& start_v, const Value& end_v,
                     int64_t len, int64_t* start, int64_t* end) {
  *start = 0;
  if (auto st = IndexArg(start_v, len, start, "start"); !st.ok()) {
    return NameErr(b, st);
  }
  *start = std::clamp<int64_t>(*start, 0, len);
  *end = len;
  if (auto st = IndexArg(end_v, len, end, "end"); !st.ok()) {
    return NameErr(b, st);
  }
  *end = std::clamp<int64_t>(*end, 0, len);
  return absl::OkStatus();
}

// count, find, rfind, index and rindex take (sub, start?, end?) and search
// the receiver's [start:end] (bounds as Indices); *offset is where that slice
// begins in the receiver.
absl::Status SubstringArgs(const Builtin& b, Args args, Kwargs kwargs,
                           std::string_view* sub, std::string_view* slice,
                           int64_t* offset) {
  Value start_v = Value::Absent(), end_v = Value::Absent();
  if (auto st = lang::UnpackPositionalArgs(
          b.name, args, kwargs, 1,
          {{"sub", sub}, {"start", &start_v}, {"end", &end_v}});
      !st.ok()) {
    return st;
  }
  const std::string_view s = Recv(b);
  int64_t start, end;
  if (auto st = Indices(b, start_v, end_v, static_cast<int64_t>(s.size()),
                        &start, &end);
      !st.ok()) {
    return st;
  }
  *slice = start < end ? s.substr(start, end - start) : std::string_view();
  *offset = start;
  return absl::OkStatus();
}

// ---- case ----

template <class F>
std::string MapRunes(std::string_view s, F f) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = s[i];
    if (c < 0x80) {
      out.push_back(static_cast<char>(f(c, i)));
      ++i;
      continue;
    }
    uint32_t r;
    const size_t n = DecodeRune(s, i, &r);
    base::AppendUtf8(&out, f(r, i));
    i += n;
  }
  return out;
}

Result Capitalize(Thread& t, const Builtin& b, Args args, Kwargs kwargs) {
  if (auto st = NoArgs(b, args, kwargs); !st.ok()) return st;
  return SameOrNew(t, b, MapRunes(Recv(b), [](uint32_t r, size_t i) {
                     return i == 0 ? ToTitleRune(r) : ToLowerRune(r);
                   }));
}

Result Lower(Thread& t, const Builtin& b, Args args, Kwargs kwargs) {
  if (auto st = NoArgs(b, args, kwargs); !st.ok()) return st;
  return SameOrNew(t, b, MapRunes(Recv(b), [](uint32_t r, size_t) {
                     return ToLowerRune(r);
                   }));
}

Result Upper(Thread& t, const Builtin& b, Args args, Kwargs kwargs) {
  if (auto st = NoArgs(b, args, kwargs); !st.ok()) return st;
  return SameOrNew(t, b, MapRunes(Recv(b), [](uint32_t r, size_t) {
                     return ToUpperRune(r);
                   }));
}

// starlark-go's isCasedRune: ASCII letters, or any rune with a case
// counterpart (its Unicode simple case folding is not itself).
bool IsCased(uint32_t r) {
  if (r < 0x80) return ((r | 0x20) >= 'a' && (r | 0x20) <= 'z');
  return ToUpperRune(r) != r || ToLowerRune(r) != r;
}

Result Title(Thread& t, const Builtin& b, Args args, Kwargs kwargs) {
  if (auto st = NoArgs(b, args, kwargs); !st.ok()) return st;
  bool prev_cased = false;
  return SameOrNew(t, b, MapRunes(Recv(b), [&](uint32_t r, size_t) {
                     r = prev_cased ? ToLowerRune(r) : ToTitleRune(r);
                     prev_cased = IsCased(r);
                     return r;
                   }));
}

// ---- predicates ----

template <class F>
bool AllRunes(std::string_view s, F f) {
  if (s.empty()) return false;
  for (size_t i = 0; i < s.size();) {
    uint32_t r;
    i += DecodeRune(s, i, &r);
    if (!f(r)) return false;
  }
  return true;
}

Result IsAlnum(Thread&, const Builtin& b, Args args, Kwargs kwargs) {
  if (auto st = NoArgs(b, args, kwargs); !st.ok()) return st;
  return Value::Bool(AllRunes(
      Recv(b), [](uint32_t r) { return IsLetterRune(r) || IsDigitRune(r); }));
}

Result IsAlpha(Thread&, const Builtin& b, Args args, Kwargs kwargs) {
  if (auto st = NoArgs(b, args, kwargs); !st.ok()) return st;
  return Value::Bool(AllRunes(Recv(b), IsLetterRune));
}

Result IsDigit(Thread&, const Builtin& b, Args args, Kwargs kwargs) {
  if (auto st = NoArgs(b, args, kwargs); !st.ok()) return st;
  return Value::Bool(AllRunes(Recv(b), IsDigitRune));
}

Result IsSpace(Thread&, const Builtin& b, Args args, Kwargs kwargs) {
  if (auto st = NoArgs(b, args, kwargs); !st.ok()) return st;
  return Value::Bool(AllRunes(Recv(b), IsSpaceRune));
}

bool HasCased(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    uint32_t r;
    i += DecodeRune(s, i, &r);
    if (IsCased(r)) return true;
  }
  return false;
}

Result IsLower(Thread&, const Builtin& b, Args args, Kwargs kwargs) {
  if (auto st = NoArgs(b, args, kwargs); !st.ok()) return st;
  const std::string_view s = Recv(b);
  return Value::Bool(HasCased(s) && s == MapRunes(s, [](uint32_t r, size_t) {
                                      return ToLowerRune(r);
                                    }));
}

Result IsUpper(Thread&, const Builtin& b, Args args, Kwargs kwargs) {
  if (auto st = NoArgs(b, args, kwargs); !st.ok()) return st;
  const std::string_view s = Recv(b);
  return Value::Bool(HasCased(s) && s == MapRunes(s, [](uint32_t r, size_t) {
                                      return ToUpperRune(r);
                                    }));
}

// Python semantics: upper/title-case runes may only follow uncased runes
// and lower-case runes only cased ones. As in starlark-go, an upper-case
// rune other than A-Z (e.g. the digraph "Ǆ", whose title form is "ǅ") makes
// the string not a title.
Result IsTitle(Thread&, const Builtin& b, Args args, Kwargs kwargs) {
  if (auto st = NoArgs(b, args, kwargs); !st.ok()) return st;
  const std::string_view s = Recv(b);
  bool cased = false, prev_cased = false;
  for (size_t i = 0; i < s.size();) {
    uint32_t r;
    i += DecodeRune(s, i, &r);
    if ((r >= 'A' && r <= 'Z') || IsTitleRune(r)) {
      if (prev_cased) return Value::False();
      prev_cased = cased = true;
    } else if (IsLowerRune(r)) {
      if (!prev_cased) return Value::False();
      prev_cased = cased = true;
    } else if (IsUpperRune(r)) {
      return Value::False();
    } else {
      prev_cased = false;
    }
  }
  return Value::Bool(cased);
}

// ---- searching ----

Result Count(Thread&, const Builtin& b, Args args, Kwargs kwargs) {
  std::string_view sub, slice;
  int64_t start;
  if (auto st = SubstringArgs(b, args, kwargs, &sub, &slice, &start);
      !st.ok()) {
    return st;
  }
  int64_t n = 0;
  if (sub.empty()) {
    // Go's strings.Count: number of runes + 1.
    for (size_t i = 0; i < slice.size();) {
      uint32_t r;
      i += DecodeRune(slice, i, &r);
      ++n;
    }
    return Value::SmallInt(n + 1);
  }
  for (size_t pos = slice.find(sub); pos != std::string_view::npos;
       pos = slice.find(sub, pos + sub.size())) {
    ++n;
  }
  return Value::SmallInt(n);
}

// find/rfind/index/rindex.
Result FindImpl(const Builtin& b, Args args, Kwargs kwargs, bool last,
                bool allow_missing) {
  std::string_view sub, slice;
  int64_t start;
  if (auto st = SubstringArgs(b, args, kwargs, &sub, &slice, &start);
      !st.ok()) {
    return st;
  }
  const size_t i = last ? slice.rfind(sub) : slice.find(sub);
  if (i == std::string_view::npos) {
    if (!allow_missing) return NameErr(b, "substring not found");
    return Value::SmallInt(-1);
  }
  return Value::SmallInt(static_cast<int64_t>(i) + start);
}

Result Find(Thread&, const Builtin& b, Args args, Kwargs kwargs) {
  return FindImpl(b, args, kwargs, false, true);
}
Result RFind(Thread&, const Builtin& b, Args args, Kwargs kwargs) {
  return FindImpl(b, args, kwargs, true, true);
}
Result Index(Thread&, const Builtin& b, Args args, Kwargs kwargs) {
  return FindImpl(b, args, kwargs, false, false);
}
Result RIndex(Thread&, const Builtin& b, Args args, Kwargs kwargs) {
  return FindImpl(b, args, kwargs, true, false);
}

// startswith/endswith: allocation-free.
Result StartsEndsWith(Thread&, const Builtin& b, Args args, Kwargs kwargs) {
  const bool starts = b.name[0] == 's';
  Value x;
  Value start_v = Value::Absent(), end_v = Value::Absent();
  if (args.size() == 1 && kwargs.empty()) [[likely]] {
    x = args[0];
  } else if (auto st = lang::UnpackPositionalArgs(
                 b.name, args, kwargs, 1,
                 {{"prefix", &x}, {"start", &start_v}, {"end", &end_v}});
             !st.ok()) {
    return st;
  }
  std::string_view s = Recv(b);
  if (!start_v.IsAbsent() || !end_v.IsAbsent()) {
    int64_t start, end;
    if (auto st = Indices(b, start_v, end_v, static_cast<int64_t>(s.size()),
                          &start, &end);
        !st.ok()) {
      return st;
    }
    s = start < end ? s.substr(start, end - start) : std::string_view();
  }
  auto test = [&](std::string_view p) {
    if (p.size() > s.size()) return false;
    return starts ? s.compare(0, p.size(), p) == 0
                  : s.compare(s.size() - p.size(), p.size(), p) == 0;
  };
  if (x.kind() == Kind::kString) return Value::Bool(test(StringView(x)));
  if (const auto* tup = x.TryAs<lang::TupleObject>()) {
    for (int64_t i = 0; i < tup->size(); ++i) {
      const Value& e = tup->at(i);
      if (e.kind() != Kind::kString) {
        return NameErr(b, "want string, got ", lang::TypeName(e),
                       ", for element ", i);
      }
      if (test(StringView(e))) return Value::True();
    }
    return Value::False();
  }
  return NameErr(b, "got ", lang::TypeName(x),
                 ", want string or tuple of string");
}

Result Replace(Thread& t, const Builtin& b, Args args, Kwargs kwargs) {
  std::string_view old_s, new_s;
  int64_t count = -1;
  if (auto st = lang::UnpackPositionalArgs(
          b.name, args, kwargs, 2,
          {{"old", &old_s}, {"new", &new_s}, {"count", &count}});
      !st.ok()) {
    return st;
  }
  const std::string_view s = Recv(b);
  if (count == 0) return b.receiver;
  std::string out;
  int64_t done = 0;
  if (old_s.empty()) {
    // Go: insert `new` before every rune and at the end.
    size_t i = 0;
    while (true) {
      if (count >= 0 && done >= count) break;
      out.append(new_s);
      ++done;
      if (i >= s.size()) {
        i = s.size() + 1;
        break;
      }
      uint32_t r;
      const size_t n = DecodeRune(s, i, &r);
      out.append(s.substr(i, n));
      i += n;
    }
    if (i <= s.size()) out.append(s.substr(i));
  } else {
    size_t pos = 0;
    while (count < 0 || done < count) {
      const size_t k = s.find(old_s, pos);
      if (k == std::string_view::npos) break;
      out.append(s.substr(pos, k - pos)).append(new_s);
      pos = k + old_s.size();
      ++done;
      if (auto st = t.heap().Reserve(static_cast<int64_t>(out.size()));
          !st.ok()) {
        return st;
      }
    }
    if (done == 0) return b.receiver;
    out.append(s.substr(pos));
  }
  return Str(t, std::move(out));
}

Result Partition(Thread& t, const Builtin& b, Args args, Kwargs kwargs) {
  std::string_view sep;
  if (auto st =
          lang::UnpackPositionalArgs(b.name, args, kwargs, 1, {{"sep", &sep}});
      !st.ok()) {
    return st;
  }
  if (sep.empty()) return NameErr(b, "empty separator");
  const std::string_view s = Recv(b);
  const bool last = b.name[0] == 'r';
  const size_t i = last ? s.rfind(sep) : s.find(sep);
  std::vector<Value> parts;
  if (i == std::string_view::npos) {
    if (last) {
      parts = {Str(t, std::string_view()), Str(t, std::string_view()),
               b.receiver};
    } else {
      parts = {b.receiver, Str(t, std::string_view()),
               Str(t, std::string_view())};
    }
  } else {
    parts = {Str(t, s.substr(0, i)), Str(t, sep),
             Str(t, s.substr(i + sep.size()))};
  }
  return lang::MakeTuple(t.heap(), std::move(parts));
}

Result RemovePrefixSuffix(Thread& t, const Builtin& b, Args args,
                          Kwargs kwargs) {
  std::string_view x;
  if (auto st =
          lang::UnpackPositionalArgs(b.name, args, kwargs, 1, {{"x", &x}});
      !st.ok()) {
    return st;
  }
  const std::string_view s = Recv(b);
  if (b.name == "removeprefix") {
    if (x.empty() || s.substr(0, x.size()) != x) return b.receiver;
    return Str(t, s.substr(x.size()));
  }
  if (x.empty() || x.size() > s.size() || s.substr(s.size() - x.size()) != x) {
    return b.receiver;
  }
  return Str(t, s.substr(0, s.size() - x.size()));
}

// ---- strip ----

bool InCutset(uint32_t r, std::string_view cutset) {
  for (size_t i = 0; i < cutset.size();) {
    uint32_t c;
    i += DecodeRune(cutset, i, &c);
    if (c == r) return true;
  }
  return false;
}

Result Strip(Thread& t, const Builtin& b, Args args, Kwargs kwargs) {
  Value chars = Value::None();
  if (auto st = lang::UnpackPositionalArgs(b.name, args, kwargs, 0,
                                           {{"chars", &chars}});
      !st.ok()) {
    return st;
  }
  if (!chars.IsNone() && chars.kind() != Kind::kString) {
    return NameErr(b, "for parameter 1: got ", lang::TypeName(chars),
                   ", want string");
  }
  const std::string_view cutset =
      chars.IsNone() ? std::string_view() : StringView(chars);
  auto strip_it = [&](uint32_t r) {
    return cutset.empty() ? IsSpaceRune(r) : InCutset(r, cutset);
  };
  const std::string_view s = Recv(b);
  size_t lo = 0, hi = s.size();
  const bool left = b.name[0] != 'r', right = b.name[0] != 'l';
  if (left) {
    while (lo < hi) {
      uint32_t r;
      const size_t n = DecodeRune(s, lo, &r);
      if (!strip_it(r)) break;
      lo += n;
    }
  }
  if (right) {
    while (hi > lo) {
      uint32_t r;
      const size_t n = DecodeLastRune(s, hi, &r);
      if (!strip_it(r)) break;
      hi -= n;
    }
  }
  if (lo == 0 && hi == s.size()) return b.receiver;
  return Str(t, s.substr(lo, hi - lo));
}

// ---- split ----

// Splits on runs of whitespace (Python semantics), at most maxsplit times
// (negative = unlimited), from the left or the right.
std::vector<std::string_view> SplitSpace(std::string_view s, int64_t maxsplit,
                                         bool from_right) {
  std::vector<std::string_view> parts;
  if (!from_right) {
    size_t i = 0;
    while (true) {
      while (i < s.size()) {  // skip leading spaces
        uint32_t r;
        const size_t n = DecodeRune(s, i, &r);
        if (!IsSpaceRune(r)) break;
        i += n;
      }
      if (i >= s.size()) break;
      if (maxsplit >= 0 && static_cast<int64_t>(parts.size()) == maxsplit) {
        parts.push_back(s.substr(i));
        break;
      }
      size_t j = i;
      while (j < s.size()) {
        uint32_t r;
        const size_t n = DecodeRune(s, j, &r);
        if (IsSpaceRune(r)) break;
        j += n;
      }
      parts.push_back(s.substr(i, j - i));
      i = j;
    }
    return parts;
  }
  size_t end = s.size();
  while (true) {
    while (end > 0) {
      uint32_t r;
      const size_t n = DecodeLastRune(s, end, &r);
      if (!IsSpaceRune(r)) break;
      end -= n;
    }
    if (end == 0) break;
    if (maxsplit >= 0 && static_cast<int64_t>(parts.size()) == maxsplit) {
      parts.push_back(s.substr(0, end));
      break;
    }
    size_t j = end;
    while (j > 0) {
      uint32_t r;
      const size_t n = DecodeLastRune(s, j, &r);
      if (IsSpaceRune(r)) break;
      j -= n;
    }
    parts.push_back(s.substr(j, end - j));
    end = j;
  }
  std::reverse(parts.begin(), parts.end());
  return parts;
}

Result Split(Thread& t, const Builtin& b, Args args, Kwargs kwargs) {
  Value sep_v = Value::None();
  int64_t maxsplit = -1;
  if (auto st = lang::UnpackPositionalArgs(
          b.name, args, kwargs, 0, {{"sep", &sep_v}, {"maxsplit", &maxsplit}});
      !st.ok()) {
    return st;
  }
  const bool from_right = b.name[0] == 'r';
  const std::string_view s = Recv(b);
  std::vector<std::string_view> parts;
  if (sep_v.IsNone()) {
    parts = SplitSpace(s, maxsplit, from_right);
  } else {
    if (sep_v.kind() != Kind::kString) {
      return NameErr(b, "got ", lang::TypeName(sep_v),
                     " for separator, want string");
    }
    const std::string_view sep = StringView(sep_v);
    if (sep.empty()) return NameErr(b, "empty separator");
    if (!from_right) {
      size_t pos = 0;
      while (maxsplit < 0 || static_cast<int64_t>(parts.size()) < maxsplit) {
        const size_t k = s.find(sep, pos);
        if (k == std::string_view::npos) break;
        parts.push_back(s.substr(pos, k - pos));
        pos = k + sep.size();
      }
      parts.push_back(s.substr(pos));
    } else {
      size_t end = s.size();
      while (maxsplit < 0 || static_cast<int64_t>(parts.size()) < maxsplit) {
        if (end < sep.size()) break;
        const size_t k = s.rfind(sep, end - sep.size());
        if (k == std::string_view::npos) break;
        parts.push_back(s.substr(k + sep.size(), end - k - sep.size()));
        end = k;
      }
      parts.push_back(s.substr(0, end));
      std::reverse(parts.begin(), parts.end());
    }
  }
  std::vector<Value> out;
  out.reserve(parts.size());
  for (std::string_view p : parts) out.push_back(Str(t, p));
  return lang::MakeList(t.heap(), std::move(out));
}

Result SplitLines(Thread& t, const Builtin& b, Args args, Kwargs kwargs) {
  bool keepends = false;
  if (auto st = lang::UnpackPositionalArgs(b.name, args, kwargs, 0,
                                           {{"keepends", &keepends}});
      !st.ok()) {
    return st;
  }
  const std::string_view s = Recv(b);
  std::vector<Value> out;
  size_t pos = 0;
  while (pos < s.size()) {
    const size_t k = s.find('\n', pos);
    if (k == std::string_view::npos) {
      out.push_back(Str(t, s.substr(pos)));
      break;
    }
    out.push_back(Str(t, s.substr(pos, k - pos + (keepends ? 1 : 0))));
    pos = k + 1;
  }
  return lang::MakeList(t.heap(), std::move(out));
}

Result Join(Thread& t, const Builtin& b, Args args, Kwargs kwargs) {
  Value x;
  if (auto st = lang::UnpackPositionalArgs(b.name, args, kwargs, 1,
                                           {{"iterable", &x}});
      !st.ok()) {
    return st;
  }
  if (!lang::IsIterable(x)) {
    return NameErr(b, "for parameter 1: got ", lang::TypeName(x),
                   ", want iterable");
  }
  const std::string_view sep = Recv(b);
  std::string out;
  auto add = [&](const Value& e, size_t i) -> absl::Status {
    if (e.kind() != Kind::kString) {
      return NameErr(b, "in list, want string, got ", lang::TypeName(e));
    }
    if (i > 0) out.append(sep);
    out.append(StringView(e));
    return absl::OkStatus();
  };
  if (x.kind() == Kind::kList || x.kind() == Kind::kTuple) {
    absl::Span<const Value> elems = lang::SequenceElems(x);
    size_t total = 0;
    for (const Value& e : elems) {
      if (e.kind() == Kind::kString) total += StringView(e).size() + sep.size();
    }
    if (auto st = t.heap().Reserve(static_cast<int64_t>(total)); !st.ok()) {
      return st;
    }
    out.reserve(total);
    for (size_t i = 0; i < elems.size(); ++i) {
      if (auto st = add(elems[i], i); !st.ok()) return st;
    }
  } else {
    absl::StatusOr<std::vector<Value>> xs = lang::Collect(t, x);
    if (!xs.ok()) return xs.status();
    for (size_t i = 0; i < xs->size(); ++i) {
      if (auto st = add((*xs)[i], i); !st.ok()) return st;
      if (auto st = t.heap().Reserve(static_cast<int64_t>(out.size()));
          !st.ok()) {
        return st;
      }
    }
  }
  return Str(t, std::move(out));
}

// ---- elems ----

class StringElemsObject final : public lang::Object {
 public:
  explicit StringElemsObject(Value s)
      : Object(Kind::kOther), s_(std::move(s)) {}
  std::string_view TypeName() const override { return "string.elems"; }
  void Repr(std::string* out, lang::ReprContext&) const override {
    lang::QuoteString(out, StringView(s_));
    out->append(".elems()");
  }
  bool IsSequence() const override { return true; }
  int64_t Length() const override {
    return static_cast<int64_t>(StringView(s_).size());
  }
  Value ElemAt(lang::Heap& heap, int64_t i) const override {
    return lang::MakeString(heap, StringView(s_).substr(i, 1));
  }

 protected:
  void ClearReferences() override { s_ = Value(); }

 private:
  Value s_;
};

Result Elems(Thread& t, const Builtin& b, Args args, Kwargs kwargs) {
  if (auto st = NoArgs(b, args, kwargs); !st.ok()) return st;
  return MakeStringElems(t.heap(), b.receiver);
}

}  // namespace

Value MakeStringElems(lang::Heap& heap, const Value& str) {
  return heap.NewValue<StringElemsObject>(str);
}

void RegisterStringMethods() {
  using lang::RegisterMethod;
  constexpr Kind k = Kind::kString;
  RegisterMethod(k, "capitalize", &Capitalize);
  RegisterMethod(k, "count", &Count);
  RegisterMethod(k, "elems", &Elems);
  RegisterMethod(k, "endswith", &StartsEndsWith);
  RegisterMethod(k, "find", &Find);
  RegisterMethod(k, "format", &StringFormat);
  RegisterMethod(k, "index", &Index);
  RegisterMethod(k, "isalnum", &IsAlnum);
  RegisterMethod(k, "isalpha", &IsAlpha);
  RegisterMethod(k, "isdigit", &IsDigit);
  RegisterMethod(k, "islower", &IsLower);
  RegisterMethod(k, "isspace", &IsSpace);
  RegisterMethod(k, "istitle", &IsTitle);
  RegisterMethod(k, "isupper", &IsUpper);
  RegisterMethod(k, "join", &Join);
  RegisterMethod(k, "lower", &Lower);
  RegisterMethod(k, "lstrip", &Strip);
  RegisterMethod(k, "partition", &Partition);
  RegisterMethod(k, "removeprefix", &RemovePrefixSuffix);
  RegisterMethod(k, "removesuffix", &RemovePrefixSuffix);
  RegisterMethod(k, "replace", &Replace);
  RegisterMethod(k, "rfind", &RFind);
  RegisterMethod(k, "rindex", &RIndex);
  RegisterMethod(k, "rpartition", &Partition);
  RegisterMethod(k, "rsplit", &Split);
  RegisterMethod(k, "rstrip", &Strip);
  RegisterMethod(k, "split", &Split);
  RegisterMethod(k, "splitlines", &SplitLines);
  RegisterMethod(k, "startswith", &StartsEndsWith);
  RegisterMethod(k, "strip", &Strip);
  RegisterMethod(k, "title", &Title);
  RegisterMethod(k, "upper", &Upper);
}

}  // namespace warden::stdlib
