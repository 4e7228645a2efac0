// str.format: "{}", "{0}", "{name}", "!s"/"!r" conversions, "{{"/"}}".
#include "stdlib/internal.h"

namespace warden::stdlib {

namespace {

// Parses a field name made only of decimal digits.
bool Decimal(std::string_view s, int64_t* out) {
  int64_t x = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    x = x * 10 + (c - '0');
    if (x > INT32_MAX) return false;
  }
  *out = x;
  return true;
}

}  // namespace

Result StringFormat(Thread& t, const Builtin& b, Args args, Kwargs kwargs) {
  std::string_view format = lang::StringView(b.receiver);
  bool auto_num = false, manual = false;
  std::string buf;
  buf.reserve(format.size() + 16);
  size_t index = 0;
  lang::ReprContext ctx;
  while (true) {
    const size_t i = format.find('{');
    std::string_view literal =
        i == std::string_view::npos ? format : format.substr(0, i);
    // Replace "}}" with "}" in the literal part, rejecting a lone '}'.
    while (true) {
      const size_t j = literal.find('}');
      if (j == std::string_view::npos) {
        buf.append(literal);
        break;
      }
      if (j + 1 == literal.size() || literal[j + 1] != '}') {
        return NameErr(b, "single '}' in format");
      }
      buf.append(literal.substr(0, j + 1));
      literal.remove_prefix(j + 2);
    }
    if (i == std::string_view::npos) break;
    if (i + 1 < format.size() && format[i + 1] == '{') {
      buf.push_back('{');
      format.remove_prefix(i + 2);
      continue;
    }
    format.remove_prefix(i + 1);
    const size_t close = format.find('}');
    if (close == std::string_view::npos) {
      return NameErr(b, "unmatched '{' in format");
    }
    std::string_view field = format.substr(0, close);
    format.remove_prefix(close + 1);
    std::string_view name, conv = "s", spec;
    const size_t bang = field.find('!');
    if (bang == std::string_view::npos) {
      const size_t colon = field.find(':');
      if (colon == std::string_view::npos) {
        name = field;
      } else {
        name = field.substr(0, colon);
        spec = field.substr(colon + 1);
      }
    } else {
      name = field.substr(0, bang);
      field.remove_prefix(bang + 1);
      const size_t colon = field.find(':');
      if (colon == std::string_view::npos) {
        conv = field;
      } else {
        conv = field.substr(0, colon);
        spec = field.substr(colon + 1);
      }
    }
    Value arg = Value::Absent();
    int64_t num;
    if (name.empty()) {
      if (manual) {
        return NameErr(b,
                       "cannot switch from manual field specification to "
                       "automatic field numbering");
      }
      auto_num = true;
      if (index >= args.size()) return NameErr(b, "tuple index out of range");
      arg = args[index++];
    } else if (Decimal(name, &num)) {
      if (auto_num) {
        return NameErr(b,
                       "cannot switch from automatic field numbering to "
                       "manual field specification");
      }
      manual = true;
      if (num >= static_cast<int64_t>(args.size())) {
        return NameErr(b, "tuple index out of range");
      }
      arg = args[num];
    } else {
      for (const NamedArg& kw : kwargs) {
        if (kw.first == name) {
          arg = kw.second;
          break;
        }
      }
      if (arg.IsAbsent()) {
        if (name.find('.') != std::string_view::npos) {
          return NameErr(b,
                         "attribute syntax x.y is not supported in "
                         "replacement fields: ",
                         name);
        }
        if (name.find('[') != std::string_view::npos) {
          return NameErr(b,
                         "element syntax a[i] is not supported in "
                         "replacement fields: ",
                         name);
        }
        if (name.find('{') != std::string_view::npos) {
          return NameErr(b, "nested replacement fields not supported");
        }
        return NameErr(b, "keyword ", name, " not found");
      }
    }
    if (!spec.empty()) {
      return lang::Error(
          "format spec features not supported in replacement fields: ", spec);
    }
    if (conv == "s") {
      ctx.WriteStr(&buf, arg);
    } else if (conv == "r") {
      ctx.Write(&buf, arg);
    } else {
      std::string q;
      lang::QuoteString(&q, conv);
      return NameErr(b, "unknown conversion ", q);
    }
    if (auto st = t.heap().Reserve(static_cast<int64_t>(buf.size()));
        !st.ok()) {
      return st;
    }
  }
  return lang::MakeString(t.heap(), std::move(buf));
}

}  // namespace warden::stdlib
