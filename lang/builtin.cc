// BuiltinFunction, argument unpacking, method tables, Predeclared.
#include "lang/builtin.h"

#include <algorithm>
#include <array>

#include "absl/strings/str_cat.h"
#include "lang/int.h"
#include "lang/ops.h"

namespace warden::lang {

void BuiltinFunction::Repr(std::string* out, ReprContext&) const {
  if (receiver_.IsAbsent()) {
    out->append(Cat("<built-in function ", name_, ">"));
  } else {
    out->append(Cat("<built-in method ", name_, " of ",
                    lang::TypeName(receiver_), " value>"));
  }
}

absl::StatusOr<uint32_t> BuiltinFunction::Hash() const {
  // Identity hash (builtins compare by identity).
  const auto p = reinterpret_cast<uintptr_t>(this);
  return static_cast<uint32_t>(p ^ (p >> 32));
}

void BuiltinFunction::FreezeChildren(std::vector<Object*>& work) {
  if (receiver_.IsObject() && !receiver_.object()->frozen()) {
    work.push_back(receiver_.object());
  }
}

// ---- argument unpacking ----

namespace {

std::string_view BareName(std::string_view name) {
  while (!name.empty() && name.back() == '?') name.remove_suffix(1);
  return name;
}

// Stores `v` into the destination of `spec`; error text without prefix.
absl::Status Store(const ArgSpec& spec, const Value& v) {
  switch (spec.type()) {
    case ArgSpec::Type::kValue:
      *static_cast<Value*>(spec.out()) = v;
      return absl::OkStatus();
    case ArgSpec::Type::kInt: {
      if (!v.IsInt()) return Error("got ", TypeName(v), ", want int");
      if (!IntToInt64(v, static_cast<int64_t*>(spec.out()))) {
        return Error("value out of range for int64: ", Repr(v));
      }
      return absl::OkStatus();
    }
    case ArgSpec::Type::kString:
      if (v.kind() != Kind::kString) {
        return Error("got ", TypeName(v), ", want string");
      }
      *static_cast<std::string_view*>(spec.out()) = StringView(v);
      return absl::OkStatus();
    case ArgSpec::Type::kBool:
      if (!v.IsBool()) return Error("got ", TypeName(v), ", want bool");
      *static_cast<bool*>(spec.out()) = v.AsBool();
      return absl::OkStatus();
  }
  return absl::OkStatus();
}

bool TreatsNoneAsAbsent(std::string_view name) {
  return name.size() >= 2 && name.substr(name.size() - 2) == "??";
}

}  // namespace

absl::Status UnpackArgs(std::string_view fn, absl::Span<const Value> args,
                        absl::Span<const NamedArg> kwargs,
                        std::initializer_list<ArgSpec> params) {
  const size_t nparams = params.size();
  if (args.size() > nparams) {
    return Error(fn, ": got ", args.size(), " arguments, want at most ",
                 nparams);
  }
  // At most 64 parameters are tracked (more is a host bug).
  uint64_t defined = 0;
  const ArgSpec* p = params.begin();
  for (size_t i = 0; i < args.size(); ++i) {
    defined |= uint64_t{1} << i;
    if (args[i].IsNone() && TreatsNoneAsAbsent(p[i].name())) continue;
    if (auto st = Store(p[i], args[i]); !st.ok()) {
      return Error(fn, ": for parameter ", BareName(p[i].name()), ": ",
                   st.message());
    }
  }
  for (const NamedArg& kw : kwargs) {
    size_t i = 0;
    for (; i < nparams; ++i) {
      if (BareName(p[i].name()) == kw.first) break;
    }
    if (i == nparams) {
      std::string q;
      QuoteString(&q, kw.first);
      std::vector<std::string> names;
      for (const ArgSpec& spec : params) {
        names.emplace_back(BareName(spec.name()));
      }
      const std::string near = NearestName(kw.first, names);
      return Error(fn, ": unexpected keyword argument ", q,
                   near.empty() ? "" : " (did you mean ", near,
                   near.empty() ? "" : "?)");
    }
    if (defined & (uint64_t{1} << i)) {
      std::string q;
      QuoteString(&q, kw.first);
      return Error(fn, ": got multiple values for parameter ", q);
    }
    defined |= uint64_t{1} << i;
    if (kw.second.IsNone() && TreatsNoneAsAbsent(p[i].name())) continue;
    if (auto st = Store(p[i], kw.second); !st.ok()) {
      return Error(fn, ": for parameter ", BareName(p[i].name()), ": ",
                   st.message());
    }
  }
  for (size_t i = 0; i < nparams; ++i) {
    if (!p[i].name().empty() && p[i].name().back() == '?') break;
    if (!(defined & (uint64_t{1} << i))) {
      return Error(fn, ": missing argument for ", p[i].name());
    }
  }
  return absl::OkStatus();
}

absl::Status CheckNoKwargs(std::string_view fn,
                           absl::Span<const NamedArg> kwargs) {
  if (!kwargs.empty()) return Error(fn, ": unexpected keyword arguments");
  return absl::OkStatus();
}

absl::Status UnpackPositionalArgs(std::string_view fn,
                                  absl::Span<const Value> args,
                                  absl::Span<const NamedArg> kwargs, int min,
                                  std::initializer_list<ArgSpec> params) {
  if (auto st = CheckNoKwargs(fn, kwargs); !st.ok()) return st;
  const size_t max = params.size();
  const size_t umin = static_cast<size_t>(min);
  if (args.size() < umin) {
    return Error(fn, ": got ", args.size(), " arguments, want ",
                 umin < max ? "at least " : "", min);
  }
  if (args.size() > max) {
    return Error(fn, ": got ", args.size(), " arguments, want ",
                 max > umin ? "at most " : "", max);
  }
  const ArgSpec* p = params.begin();
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i].IsNone() && TreatsNoneAsAbsent(p[i].name())) continue;
    if (auto st = Store(p[i], args[i]); !st.ok()) {
      return Error(fn, ": for parameter ", i + 1, ": ", st.message());
    }
  }
  return absl::OkStatus();
}

// ---- spelling hints ----

namespace {

std::string Fold(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '_') continue;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
  }
  return out;
}

// Levenshtein distance of a and b, or any value >= max once it reaches max.
size_t EditDistance(std::string_view a, std::string_view b, size_t max) {
  const size_t diff =
      a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  if (diff >= max) return max;
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    size_t best = row[0];
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min(
          {row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
      best = std::min(best, row[j]);
    }
    if (best >= max) return max;
  }
  return row[b.size()];
}

}  // namespace

std::string NearestName(std::string_view name,
                        const std::vector<std::string>& candidates) {
  const std::string x = Fold(name);
  size_t best_d = (x.size() + 1) / 2;  // allow up to 50% typos
  std::string best;
  for (const std::string& c : candidates) {
    const size_t d = EditDistance(x, Fold(c), best_d);
    if (d < best_d) {
      best_d = d;
      best = c;
    }
  }
  return best;
}

// ---- method tables ----

namespace {

using MethodTable = absl::flat_hash_map<std::string, BuiltinFn>;

std::array<MethodTable, kNumKinds>& Tables() {
  static auto* tables = new std::array<MethodTable, kNumKinds>();
  return *tables;
}

}  // namespace

void RegisterMethod(Kind kind, std::string_view name, BuiltinFn fn) {
  Tables()[static_cast<int>(kind)][std::string(name)] = fn;
}

BuiltinFn LookupMethod(Kind kind, std::string_view name) {
  const MethodTable& t = Tables()[static_cast<int>(kind)];
  auto it = t.find(absl::string_view(name.data(), name.size()));
  return it == t.end() ? nullptr : it->second;
}

std::vector<std::string> MethodNames(Kind kind) {
  std::vector<std::string> names;
  for (const auto& [name, fn] : Tables()[static_cast<int>(kind)]) {
    names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

// ---- Predeclared ----

void Predeclared::Set(std::string_view name, Value value) {
  table_[std::string(name)] = std::move(value);
}

void Predeclared::AddBuiltin(std::string_view name, BuiltinFn fn, void* data) {
  auto obj = std::make_unique<BuiltinFunction>(std::string(name), fn,
                                               Value::Absent(), data);
  AddStatic(name, std::move(obj));
}

void Predeclared::AddStatic(std::string_view name,
                            std::unique_ptr<Object> obj) {
  NewStatic(obj.get());
  Value v(obj.get());
  owned_.push_back(std::shared_ptr<Object>(std::move(obj)));
  Set(name, std::move(v));
}

std::vector<std::string> Predeclared::Names() const {
  std::vector<std::string> names;
  names.reserve(table_.size());
  for (const auto& [name, v] : table_) names.push_back(name);
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace warden::lang
