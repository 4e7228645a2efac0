#include "engine/rules/loader.h"

#include <algorithm>
#include <filesystem>
#include <utility>

#include "engine/json_output.h"
#include "engine/rules/network.h"
#include "engine/shell/shell_words.h"
#include "engine/str_util.h"
#include "lang/builtin.h"
#include "lang/interpreter.h"
#include "lang/object.h"
#include "lang/ops.h"
#include "lang/read_file.h"
#include "stdlib/universe.h"

namespace warden::engine {
namespace {

using Argv = std::vector<std::string>;

// The inline examples of one prefix_rule call, checked after its file ran.
struct PendingExamples {
  uint32_t first = 0;  // the call's rules: builder.rules()[first, +count)
  uint32_t count = 0;
  std::vector<Argv> matches;
  std::vector<Argv> not_matches;
  lang::Diagnostic location;  // the call, for error reports
};

absl::Status Error(std::string message) {
  return absl::InvalidArgumentError(std::move(message));
}

std::string TypeOf(const lang::Value& v) {
  return std::string(lang::TypeName(v));
}

bool IsString(const lang::Value& v) { return v.Is(lang::Kind::kString); }
bool IsList(const lang::Value& v) { return v.Is(lang::Kind::kList); }
bool Given(const lang::Value& v) { return !v.IsNone() && !v.IsAbsent(); }

absl::Status WantType(std::string_view fn, std::string_view param,
                      const lang::Value& got, std::string_view want) {
  return Error(Concat(
      {fn, ": for parameter ", param, ": got ", TypeOf(got), ", want ", want}));
}

// An optional string parameter (None = absent).
absl::StatusOr<std::optional<std::string>> OptionalString(
    std::string_view fn, std::string_view param, const lang::Value& v) {
  if (!Given(v)) return std::optional<std::string>();
  if (!IsString(v)) return WantType(fn, param, v, "string");
  return std::optional<std::string>(std::string(lang::StringView(v)));
}

std::string_view Trim(std::string_view s) {
  auto space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
  };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

absl::StatusOr<std::optional<std::string>> Justification(std::string_view fn,
                                                         const lang::Value& v) {
  absl::StatusOr<std::optional<std::string>> j =
      OptionalString(fn, "justification", v);
  if (!j.ok()) return j.status();
  if (*j && Trim(**j).empty()) {
    return Error("invalid rule: justification cannot be empty");
  }
  return j;
}

absl::StatusOr<std::vector<PatternToken>> ParsePattern(
    const lang::Value& pattern) {
  if (!IsList(pattern))
    return WantType("prefix_rule", "pattern", pattern, "list");
  std::vector<PatternToken> tokens;
  for (const lang::Value& element : lang::SequenceElems(pattern)) {
    if (IsString(element)) {
      tokens.emplace_back(std::string(lang::StringView(element)));
      continue;
    }
    if (!IsList(element)) {
      return Error(
          Concat({"invalid pattern element: pattern element must be a string "
                  "or list of strings (got ",
                  TypeOf(element), ")"}));
    }
    std::vector<std::string> alternatives;
    for (const lang::Value& alt : lang::SequenceElems(element)) {
      if (!IsString(alt)) {
        return Error(
            Concat({"invalid pattern element: pattern alternative "
                    "must be a string (got ",
                    TypeOf(alt), ")"}));
      }
      alternatives.emplace_back(lang::StringView(alt));
    }
    if (alternatives.empty()) {
      return Error(
          "invalid pattern element: pattern alternatives cannot be empty");
    }
    tokens.emplace_back(std::move(alternatives));
  }
  if (tokens.empty()) {
    return Error("invalid pattern element: pattern cannot be empty");
  }
  return tokens;
}

absl::StatusOr<std::vector<Argv>> ParseExamples(std::string_view param,
                                                const lang::Value& v) {
  std::vector<Argv> out;
  if (!Given(v)) return out;
  if (!IsList(v)) return WantType("prefix_rule", param, v, "list");
  for (const lang::Value& example : lang::SequenceElems(v)) {
    if (IsString(example)) {
      absl::StatusOr<Argv> words =
          SplitExampleString(lang::StringView(example));
      if (!words.ok()) return words.status();
      out.push_back(*std::move(words));
      continue;
    }
    if (!IsList(example)) {
      return Error(
          Concat({"invalid example: example must be a string or list "
                  "of strings (got ",
                  TypeOf(example), ")"}));
    }
    Argv tokens;
    for (const lang::Value& token : lang::SequenceElems(example)) {
      if (!IsString(token)) {
        return Error(
            Concat({"invalid example: example tokens must be strings (got ",
                    TypeOf(token), ")"}));
      }
      tokens.emplace_back(lang::StringView(token));
    }
    if (tokens.empty()) {
      return Error("invalid example: example cannot be an empty list");
    }
    out.push_back(std::move(tokens));
  }
  return out;
}

// The evaluator reports a call at its '('; rule locations and errors raised
// by a call point where the call expression starts (the callee's name), as
// Codex reports them.
void PointAtCallee(lang::Diagnostic& d) {
  const std::string& line = d.source_line;
  int col = d.pos.col;
  if (col < 1 || col > static_cast<int>(line.size()) || line[col - 1] != '(') {
    return;
  }
  auto name_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_' || c == '.';
  };
  int i = col - 1;
  while (i > 0 && (line[i - 1] == ' ' || line[i - 1] == '\t')) --i;
  while (i > 0 && name_char(line[i - 1])) --i;
  if (i < col - 1 && name_char(line[i])) d.pos.col = i + 1;
}

lang::Diagnostic CallSite(lang::Thread& thread) {
  lang::Diagnostic d = lang::DiagnosticHere(thread, "");
  PointAtCallee(d);
  return d;
}

SourceLocation LocationOf(const lang::Diagnostic& d) {
  return {d.file, d.pos.line, d.pos.col};
}

}  // namespace

struct PolicyLoader::State {
  LoadOptions options;
  PolicyBuilder builder;
  std::vector<PendingExamples> pending;  // calls of the current file
  std::vector<lang::Diagnostic> diagnostics;
  lang::Predeclared predeclared;
  lang::Predeclared universe;
  lang::DialectOptions dialect;
  lang::LoadHook load;

  static State& Of(const lang::Builtin& b) {
    return *static_cast<State*>(b.data);
  }

  // prefix_rule(pattern, decision=None, match=None, not_match=None,
  //             justification=None)
  static absl::StatusOr<lang::Value> PrefixRule(
      lang::Thread& thread, const lang::Builtin& b,
      absl::Span<const lang::Value> args,
      absl::Span<const lang::NamedArg> kwargs) {
    lang::Value pattern = lang::Value::None(), decision = lang::Value::None(),
                match = lang::Value::None(), not_match = lang::Value::None(),
                justification = lang::Value::None();
    if (absl::Status s = lang::UnpackArgs(b.name, args, kwargs,
                                          {{"pattern", &pattern},
                                           {"decision?", &decision},
                                           {"match?", &match},
                                           {"not_match?", &not_match},
                                           {"justification?", &justification}});
        !s.ok()) {
      return s;
    }
    RuleSpec spec;
    auto raw_decision = OptionalString(b.name, "decision", decision);
    if (!raw_decision.ok()) return raw_decision.status();
    if (*raw_decision) {
      std::optional<Decision> d = ParseDecision(**raw_decision);
      if (!d) return Error(Concat({"invalid decision: ", **raw_decision}));
      spec.decision = *d;
    }
    auto j = Justification(b.name, justification);
    if (!j.ok()) return j.status();
    spec.justification = *std::move(j);
    auto tokens = ParsePattern(pattern);
    if (!tokens.ok()) return tokens.status();
    spec.pattern = *std::move(tokens);
    auto matches = ParseExamples("match", match);
    if (!matches.ok()) return matches.status();
    auto not_matches = ParseExamples("not_match", not_match);
    if (!not_matches.ok()) return not_matches.status();

    PendingExamples pending;
    pending.location = CallSite(thread);
    spec.source = LocationOf(pending.location);
    State& state = Of(b);
    auto [first, count] = state.builder.AddPrefixRule(spec);
    pending.first = first;
    pending.count = count;
    pending.matches = *std::move(matches);
    pending.not_matches = *std::move(not_matches);
    state.pending.push_back(std::move(pending));
    return lang::Value::None();
  }

  // host_executable(name, paths)
  static absl::StatusOr<lang::Value> HostExecutable(
      lang::Thread&, const lang::Builtin& b, absl::Span<const lang::Value> args,
      absl::Span<const lang::NamedArg> kwargs) {
    std::string_view name;
    lang::Value paths = lang::Value::None();
    if (absl::Status s = lang::UnpackArgs(b.name, args, kwargs,
                                          {{"name", &name}, {"paths", &paths}});
        !s.ok()) {
      return s;
    }
    if (absl::Status s = ValidateHostExecutableName(name); !s.ok()) return s;
    if (!IsList(paths)) return WantType(b.name, "paths", paths, "list");
    State& state = Of(b);
    std::vector<std::string> normalized;
    for (const lang::Value& p : lang::SequenceElems(paths)) {
      if (!IsString(p)) {
        return Error(
            Concat({"invalid rule: host_executable paths must be strings (got ",
                    TypeOf(p), ")"}));
      }
      absl::StatusOr<std::string> path = NormalizeHostExecutablePath(
          lang::StringView(p), name, state.options.home_dir);
      if (!path.ok()) return path.status();
      if (std::find(normalized.begin(), normalized.end(), *path) ==
          normalized.end()) {
        normalized.push_back(*std::move(path));
      }
    }
    state.builder.SetHostExecutable(std::string(name), std::move(normalized));
    return lang::Value::None();
  }

  // network_rule(host, protocol, decision, justification=None)
  static absl::StatusOr<lang::Value> NetworkRuleFn(
      lang::Thread& thread, const lang::Builtin& b,
      absl::Span<const lang::Value> args,
      absl::Span<const lang::NamedArg> kwargs) {
    std::string_view host, protocol, decision;
    lang::Value justification = lang::Value::None();
    if (absl::Status s = lang::UnpackArgs(b.name, args, kwargs,
                                          {{"host", &host},
                                           {"protocol", &protocol},
                                           {"decision", &decision},
                                           {"justification?", &justification}});
        !s.ok()) {
      return s;
    }
    NetworkRule rule;
    absl::StatusOr<NetworkProtocol> p = ParseNetworkProtocol(protocol);
    if (!p.ok()) return p.status();
    rule.protocol = *p;
    absl::StatusOr<Decision> d = ParseNetworkDecision(decision);
    if (!d.ok()) return d.status();
    rule.decision = *d;
    auto j = Justification(b.name, justification);
    if (!j.ok()) return j.status();
    rule.justification = *std::move(j);
    absl::StatusOr<std::string> h = NormalizeNetworkHost(host);
    if (!h.ok()) return h.status();
    rule.host = *std::move(h);
    rule.source = LocationOf(CallSite(thread));
    Of(b).builder.AddNetworkRule(std::move(rule));
    return lang::Value::None();
  }

  // Checks the examples of the calls made by the file that just ran.
  bool ValidateExamples() {
    const HostExecutables& hosts = builder.host_executables();
    MatchOptions options{/*resolve_host_executables=*/true};
    for (PendingExamples& p : pending) {
      std::span<const engine::PrefixRule> rules(
          builder.rules().data() + p.first, p.count);
      for (const Argv& example : p.not_matches) {
        Evaluation e = EvaluateRules(rules, hosts, example, options);
        if (!e.matches.empty()) {
          lang::Diagnostic d = p.location;
          d.message = Concat({"expected example to not match rule `",
                              RenderRule(*e.matches[0].rule),
                              "`: ", ShellJoin(example)});
          diagnostics.push_back(std::move(d));
          return false;
        }
      }
      std::vector<std::string> unmatched;
      for (const Argv& example : p.matches) {
        if (EvaluateRules(rules, hosts, example, options).matches.empty()) {
          unmatched.push_back(ShellJoin(example));
        }
      }
      if (!unmatched.empty()) {
        std::string rendered_rules;
        for (const engine::PrefixRule& r : rules) {
          if (!rendered_rules.empty()) rendered_rules += ", ";
          rendered_rules += RenderRule(r);
        }
        lang::Diagnostic d = p.location;
        d.message =
            Concat({"expected every example to match at least one "
                    "rule. rules: [",
                    rendered_rules, "]; unmatched examples: ",
                    DumpJson(nlohmann::ordered_json(unmatched), false)});
        diagnostics.push_back(std::move(d));
        return false;
      }
    }
    pending.clear();
    return true;
  }
};

PolicyLoader::PolicyLoader(LoadOptions options)
    : state_(std::make_unique<State>()) {
  State& s = *state_;
  s.options = std::move(options);
  // The universe without print: rules files have no output.
  for (const auto& [name, value] : stdlib::Universe().table()) {
    if (name != "print") s.universe.Set(name, value);
  }
  s.predeclared.AddBuiltin("prefix_rule", &State::PrefixRule, &s);
  s.predeclared.AddBuiltin("host_executable", &State::HostExecutable, &s);
  s.predeclared.AddBuiltin("network_rule", &State::NetworkRuleFn, &s);
  s.dialect.toplevelcontrol = true;
  s.dialect.globalreassign = true;
  s.dialect.fstrings = true;
  s.dialect.annotations = true;
  s.dialect.floats = false;  // SPEC A1
  s.dialect.allow_tabs = true;
  s.load =
      [](lang::Thread&,
         std::string_view module) -> absl::StatusOr<const lang::Predeclared*> {
    return absl::FailedPreconditionError(Concat(
        {"cannot load ", module, ": load() is not supported in rules files"}));
  };
}

PolicyLoader::~PolicyLoader() = default;

const std::vector<lang::Diagnostic>& PolicyLoader::diagnostics() const {
  return state_->diagnostics;
}

bool PolicyLoader::AddSource(const std::string& name, std::string text) {
  return AddSource(lang::Source(name, std::move(text)));
}

bool PolicyLoader::AddSource(const lang::Source& source) {
  const std::string& name = source.name();
  State& s = *state_;
  s.pending.clear();
  {
    lang::Thread thread;
    lang::ExecResult result = lang::ExecFile(thread, source, s.dialect,
                                             s.predeclared, s.universe, s.load);
    if (!result.ok) {
      for (lang::Diagnostic& d : result.diagnostics) {
        PointAtCallee(d);
        s.diagnostics.push_back(std::move(d));
      }
      if (result.diagnostics.empty()) {
        s.diagnostics.push_back({lang::Severity::kError,
                                 name,
                                 {},
                                 "failed to load rules file",
                                 "",
                                 {}});
      }
      return false;
    }
  }
  return s.ValidateExamples();
}

bool PolicyLoader::AddPath(const std::string& path) {
  namespace fs = std::filesystem;
  auto fail = [&](std::string why) {
    state_->diagnostics.push_back(
        {lang::Severity::kError, path, {}, std::move(why), "", {}});
    return false;
  };
  std::error_code ec;
  fs::file_status status = fs::status(path, ec);
  if (ec) return fail(Concat({"cannot read rules file: ", ec.message()}));
  std::vector<std::string> files;
  if (fs::is_directory(status)) {
    for (fs::directory_iterator it(path, ec), end; !ec && it != end;
         it.increment(ec)) {
      const fs::path& p = it->path();
      std::error_code type_ec;
      if (p.extension() == ".rules" && it->is_regular_file(type_ec)) {
        files.push_back(p.string());
      }
    }
    if (ec)
      return fail(Concat({"cannot read rules directory: ", ec.message()}));
    std::sort(files.begin(), files.end(),
              [](const std::string& a, const std::string& b) {
                return fs::path(a).filename() < fs::path(b).filename();
              });
  } else {
    files.push_back(path);
  }
  for (const std::string& file : files) {
    lang::FileText text;
    std::string error;
    if (!lang::ReadFile(file, &text, &error)) {
      state_->diagnostics.push_back(
          {lang::Severity::kError, file, {}, "cannot read rules file", "", {}});
      return false;
    }
    if (!AddSource(lang::Source(file, std::move(text)))) return false;
  }
  return true;
}

std::optional<Policy> PolicyLoader::Finish() && {
  absl::StatusOr<Policy> policy =
      std::move(state_->builder).Build(state_->options.trie_limits);
  if (!policy.ok()) {
    state_->diagnostics.push_back({lang::Severity::kError,
                                   "warden",
                                   {},
                                   std::string(policy.status().message()),
                                   "",
                                   {}});
    return std::nullopt;
  }
  return *std::move(policy);
}

LoadResult LoadPolicy(const std::vector<std::string>& paths,
                      const LoadOptions& options) {
  LoadResult result;
  PolicyLoader loader(options);
  for (const std::string& path : paths) {
    if (!loader.AddPath(path)) {
      result.diagnostics = loader.diagnostics();
      return result;
    }
  }
  // Finish() moves only the rules out; the loader still holds diagnostics.
  result.policy = std::move(loader).Finish();
  result.diagnostics = loader.diagnostics();
  return result;
}

std::string FormatDiagnostics(const std::vector<lang::Diagnostic>& diags) {
  std::string out;
  for (const lang::Diagnostic& d : diags) out += lang::FormatDiagnostic(d);
  return out;
}

}  // namespace warden::engine
