#include "engine/lint/lint.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string_view>
#include <utility>

#include "base/path.h"
#include "engine/rules/loader.h"
#include "lang/read_file.h"

namespace warden::engine {
namespace {

namespace fs = std::filesystem;

std::string Quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    if (c == '\t') {
      out += "\\t";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

LintDiagnostic At(std::string_view code, const lang::Source& source,
                  lang::Position pos, std::string message, std::string hint) {
  LintDiagnostic d;
  d.code = std::string(code);
  const LintCode* entry = FindLintCode(code);
  d.diagnostic.severity =
      entry != nullptr ? entry->severity : lang::Severity::kWarning;
  d.diagnostic.file = source.name();
  d.diagnostic.pos = pos;
  d.diagnostic.message = std::move(message);
  d.diagnostic.source_line = std::string(source.Line(pos.line));
  d.hint = std::move(hint);
  return d;
}

lang::Position RuleCallPosition(const PrefixRule& rule) {
  return lang::Position{rule.source.line, rule.source.col};
}

std::string Where(const PrefixRule& rule) {
  return "line " + std::to_string(rule.source.line);
}

// The W002 message for `rule` shadowed by `by`, which is at `where`.
std::string ShadowedMessage(const PrefixRule& rule, const PrefixRule& by,
                            const std::string& where) {
  return "rule " + RenderPattern(rule.pattern) + " (" +
         std::string(DecisionName(rule.decision)) +
         ") can never decide anything: the stricter rule " +
         RenderPattern(by.pattern) + " (" +
         std::string(DecisionName(by.decision)) + ") at " + where +
         " matches every command it matches";
}

// The call site a rule was made by.
const RuleCallSite* SiteOf(const PrefixRule& rule,
                           const std::vector<RuleCallSite>& calls,
                           const lang::Source& source) {
  for (const RuleCallSite& c : calls) {
    if (MadeBy(rule, c, source)) return &c;
  }
  return nullptr;
}

using TokenSet = std::set<std::string>;

TokenSet Alternatives(const PatternToken& t) {
  return TokenSet(t.alternatives.begin(), t.alternatives.end());
}

bool SamePattern(const PrefixRule& a, const PrefixRule& b) {
  if (a.pattern.size() != b.pattern.size()) return false;
  for (size_t i = 0; i < a.pattern.size(); ++i) {
    if (Alternatives(a.pattern[i]) != Alternatives(b.pattern[i])) return false;
  }
  return true;
}

// True when every argv `inner` matches is matched by `outer` too.
bool Covers(const PrefixRule& outer, const PrefixRule& inner) {
  if (outer.pattern.size() > inner.pattern.size()) return false;
  for (size_t i = 0; i < outer.pattern.size(); ++i) {
    for (const std::string& alt : inner.pattern[i].alternatives) {
      if (!outer.pattern[i].Matches(alt)) return false;
    }
  }
  return true;
}

// ---- W006: programs that run other programs --------------------------------

enum class RunnerKind { kNone, kShell, kInterpreter, kRunner };

RunnerKind KindOf(std::string_view program) {
  static const std::set<std::string_view> shells = {
      "sh",   "bash", "zsh",  "dash", "ksh",    "mksh",
      "fish", "csh",  "tcsh", "ash",  "busybox"};
  static const std::set<std::string_view> interpreters = {
      "python",     "python2", "python3", "pypy",    "pypy3",     "node",
      "nodejs",     "deno",    "bun",     "perl",    "ruby",      "php",
      "lua",        "luajit",  "tclsh",   "Rscript", "osascript", "pwsh",
      "powershell", "awk",     "gawk",    "mawk",    "nawk"};
  static const std::set<std::string_view> runners = {
      "env",     "sudo",     "doas",   "su",     "xargs",   "exec",    "eval",
      "nohup",   "timeout",  "nice",   "time",   "command", "watch",   "flock",
      "setsid",  "nsenter",  "chroot", "strace", "ltrace",  "unshare", "ionice",
      "taskset", "chrt",     "stdbuf", "npx",    "pnpx",    "bunx",    "uvx",
      "pipx",    "parallel", "ssh"};
  if (shells.count(program)) return RunnerKind::kShell;
  if (interpreters.count(program)) return RunnerKind::kInterpreter;
  if (runners.count(program)) return RunnerKind::kRunner;
  return RunnerKind::kNone;
}

// Flags after which a shell or interpreter reads the program text (or a
// module to run) from the next argument.
bool IsCodeFlag(std::string_view flag) {
  static const std::set<std::string_view> flags = {
      "-c",      "-lc",       "-ic",      "-cl",
      "-ci",     "-e",        "-E",       "-r",
      "-m",      "-p",        "-x",       "--eval",
      "--print", "--command", "-Command", "-EncodedCommand",
      "-s",      "-i",        "-l",       "--login",
      "eval",    "run",       "exec",     "-f"};
  return flags.count(flag) > 0;
}

bool IsOptionLike(std::string_view token) {
  return (!token.empty() && token[0] == '-') ||
         token.find('=') != std::string_view::npos;
}

// The reason an allow rule is too broad, or "".
std::string BroadAllowReason(const PrefixRule& rule) {
  std::string_view program = base::Basename(rule.program());
  RunnerKind kind = KindOf(program);
  if (kind == RunnerKind::kNone) return "";
  const auto& p = rule.pattern;
  if (p.size() == 1) {
    switch (kind) {
      case RunnerKind::kShell:
        return "it allows running any shell script";
      case RunnerKind::kInterpreter:
        return "it allows running any program text";
      default:
        return "it allows running any program through it";
    }
  }
  // Every later token an option (for some alternative): nothing names what
  // runs.
  bool all_options = true;
  for (size_t i = 1; i < p.size(); ++i) {
    bool any = false;
    for (const auto& alt : p[i].alternatives) any = any || IsOptionLike(alt);
    all_options = all_options && any;
  }
  if (kind == RunnerKind::kRunner) {
    return all_options ? "its options do not name the program it runs" : "";
  }
  bool ends_in_code_flag = false;
  for (const auto& alt : p.back().alternatives) {
    ends_in_code_flag = ends_in_code_flag || IsCodeFlag(alt);
  }
  if (ends_in_code_flag) {
    return "the program text after the last flag is unconstrained";
  }
  return "";
}

// ---- W005 -------------------------------------------------------------------

bool NamesAnAlternative(std::string_view justification) {
  std::string lower;
  for (char c : justification) {
    lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  // Generous on purpose: any wording that points somewhere else counts.
  static constexpr std::string_view kMarkers[] = {
      "instead", "use ",   "prefer",    "rather",  "alternative", "try ",
      "run ",    "`",      "switch to", "replace", "ask ",        "yourself",
      "by hand", "manual", "human",     "via ",    "from ci",     "web ui"};
  for (std::string_view m : kMarkers) {
    if (lower.find(m) != std::string::npos) return true;
  }
  return false;
}

bool IsExampleError(std::string_view message) {
  return message.rfind("expected every example", 0) == 0 ||
         message.rfind("expected example to not match", 0) == 0 ||
         message.rfind("invalid example:", 0) == 0;
}

}  // namespace

std::vector<LintDiagnostic> LintRules(const std::vector<PrefixRule>& rules,
                                      const std::vector<RuleCallSite>& calls,
                                      const lang::Source& source) {
  std::vector<LintDiagnostic> out;
  // Diagnostics about a rule point at the `prefix_rule` name of its call.
  auto RulePosition = [&](const PrefixRule& r) {
    const RuleCallSite* site = SiteOf(r, calls, source);
    return site != nullptr ? source.PositionOf(site->name_offset)
                           : RuleCallPosition(r);
  };
  // Rules by program: duplicates and shadowing only happen within one.
  std::map<std::string, std::vector<const PrefixRule*>> by_program;
  for (const PrefixRule& r : rules) by_program[r.program()].push_back(&r);
  for (const auto& [program, group] : by_program) {
    for (size_t i = 0; i < group.size(); ++i) {
      const PrefixRule& r = *group[i];
      const PrefixRule* duplicate_of = nullptr;
      const PrefixRule* shadowed_by = nullptr;
      for (size_t j = 0; j < group.size(); ++j) {
        if (i == j) continue;
        const PrefixRule& s = *group[j];
        if (j < i && s.decision == r.decision && SamePattern(s, r) &&
            duplicate_of == nullptr) {
          duplicate_of = &s;
        }
        if (s.decision > r.decision && Covers(s, r) && shadowed_by == nullptr) {
          shadowed_by = &s;
        }
      }
      if (duplicate_of != nullptr) {
        out.push_back(At(kLintDuplicateRule, source, RulePosition(r),
                         "duplicate rule: " + RenderPattern(r.pattern) +
                             " with decision \"" +
                             std::string(DecisionName(r.decision)) +
                             "\" is already defined at " + Where(*duplicate_of),
                         "delete one of the two rules"));
      }
      if (shadowed_by != nullptr) {
        out.push_back(At(kLintShadowedRule, source, RulePosition(r),
                         ShadowedMessage(r, *shadowed_by, Where(*shadowed_by)),
                         "delete this rule, or narrow the stricter one"));
      }
    }
  }
  // W005 and W006 are about what a call says, so each call site reports them
  // once even when first-position alternatives made several rules.
  std::set<std::pair<const void*, std::string_view>> reported_for_site;
  auto once = [&](const RuleCallSite* site, std::string_view code) {
    return site == nullptr || reported_for_site.insert({site, code}).second;
  };
  for (const PrefixRule& r : rules) {
    const RuleCallSite* site = SiteOf(r, calls, source);
    // W003: a token with whitespace.
    std::set<std::string> reported;
    for (const PatternToken& t : r.pattern) {
      for (const std::string& alt : t.alternatives) {
        if (alt.find_first_of(" \t\n\r\f\v") == std::string::npos) continue;
        if (!reported.insert(alt).second) continue;
        lang::Position pos = RuleCallPosition(r);
        if (site != nullptr) {
          for (const auto& [offset, value] : site->pattern_strings) {
            if (value == alt) {
              pos = source.PositionOf(offset);
              break;
            }
          }
        }
        std::string words;
        std::istringstream split(alt);
        std::string word;
        while (split >> word) {
          if (!words.empty()) words += ", ";
          words += Quote(word);
        }
        out.push_back(At(kLintWhitespaceToken, source, pos,
                         "pattern token " + Quote(alt) +
                             " contains whitespace, so it can never match a "
                             "command split into words",
                         "split it into separate tokens: " + words));
      }
    }
    // W005
    if (r.decision == Decision::kForbidden &&
        (!r.justification.has_value() ||
         !NamesAnAlternative(*r.justification)) &&
        once(site, kLintForbiddenWithoutAlternative)) {
      if (!r.justification.has_value()) {
        out.push_back(At(kLintForbiddenWithoutAlternative, source,
                         RulePosition(r),
                         "forbidden rule " + RenderPattern(r.pattern) +
                             " has no justification",
                         "add justification = \"Use `...` instead.\" so the "
                         "agent knows what to do"));
      } else if (!NamesAnAlternative(*r.justification)) {
        out.push_back(
            At(kLintForbiddenWithoutAlternative, source, RulePosition(r),
               "the justification of forbidden rule " +
                   RenderPattern(r.pattern) + " does not name an alternative",
               "say what to run instead, e.g. \"Use `git push "
               "--force-with-lease` instead.\""));
      }
    }
    // W006
    if (r.decision == Decision::kAllow) {
      std::string reason = BroadAllowReason(r);
      if (!reason.empty() && once(site, kLintBroadAllow)) {
        out.push_back(At(kLintBroadAllow, source, RulePosition(r),
                         "allow rule " + RenderPattern(r.pattern) +
                             " is too broad: " + reason,
                         "allow the specific commands (a longer pattern) or "
                         "use decision = \"prompt\""));
      }
    }
  }
  // Per call site: W004 and W007.
  for (const RuleCallSite& site : calls) {
    std::set<std::string> programs;
    bool made_rules = false;
    for (const PrefixRule& r : rules) {
      if (SiteOf(r, calls, source) == &site) {
        programs.insert(r.program());
        made_rules = true;
      }
    }
    if (!made_rules) continue;  // never ran (e.g. inside an unused def)
    if (!site.has_decision) {
      out.push_back(
          At(kLintImplicitDecision, source, source.PositionOf(site.name_offset),
             "prefix_rule without `decision`: the rule allows what it matches",
             "write decision = \"allow\" if that is intended, or \"prompt\" / "
             "\"forbidden\""));
    }
    // With first-position alternatives, a not_match for another program is a
    // real test (that the program is not in the list); with one program it
    // tests nothing.
    if (!site.not_match || programs.size() != 1) continue;
    for (const LiteralExample& e : site.not_match->examples) {
      if (!e.error.empty() || e.argv.empty()) continue;
      const std::string& first = e.argv[0];
      std::string name(base::Basename(first));
      if (programs.count(first) ||
          (!first.empty() && first[0] == '/' && programs.count(name))) {
        continue;
      }
      std::string joined;
      for (const auto& w : e.argv) {
        if (!joined.empty()) joined += " ";
        joined += w;
      }
      out.push_back(
          At(kLintVacuousNotMatch, source, source.PositionOf(e.offset),
             "not_match example " + Quote(joined) +
                 " can never match this pattern anyway: it runs `" + first +
                 "`, the rule is about `" + *programs.begin() + "`",
             "use a near miss that runs the same program, e.g. "
             "another subcommand or a shorter command"));
    }
  }
  return out;
}

namespace {

// One file as LintPaths keeps it until every file is linted: its own
// diagnostics, and (when it loaded) what cross-file checks need.
struct LintedFile {
  std::unique_ptr<lang::Source> source;  // null when unreadable
  RuleCallScan scan;
  std::optional<Policy> policy;  // set when the file loaded
  std::vector<LintDiagnostic> diagnostics;
};

LintedFile LintOne(const std::string& name, std::string text,
                   const LoadOptions& options) {
  LintedFile file;
  std::vector<LintDiagnostic>& out = file.diagnostics;
  file.source = std::make_unique<lang::Source>(name, text);
  const lang::Source& source = *file.source;
  RuleCallScan& scan = file.scan;
  scan = ScanRuleCalls(source);
  if (scan.syntax_error) {
    LintDiagnostic d;
    d.code = std::string(kLintSyntaxError);
    d.diagnostic = *scan.syntax_error;
    d.hint = "fix the syntax: a .rules file is Starlark (Python-like)";
    out.push_back(std::move(d));
    return file;
  }
  PolicyLoader loader(options);
  std::optional<Policy> policy;
  if (loader.AddSource(name, std::move(text))) {
    policy = std::move(loader).Finish();
  }
  if (!policy) {
    for (const lang::Diagnostic& diag : loader.diagnostics()) {
      LintDiagnostic d;
      bool example = IsExampleError(diag.message);
      d.code = std::string(example ? kLintExampleFailed : kLintLoadError);
      d.diagnostic = diag;
      d.hint = example ? "fix the example or the pattern; `warden test` lists "
                         "every failing example"
                       : "the file must evaluate without errors before its "
                         "rules can be checked";
      out.push_back(std::move(d));
    }
    return file;
  }
  out = LintRules(policy->rules(), scan.calls, source);
  file.policy = std::move(policy);
  return file;
}

LintedFile Unreadable(const std::string& path, const std::string& reason) {
  LintedFile file;
  LintDiagnostic d;
  d.code = std::string(kLintUnreadable);
  d.diagnostic.severity = lang::Severity::kError;
  d.diagnostic.file = path;
  d.diagnostic.message = "cannot read " + path + ": " + reason;
  d.hint = "check the path and its permissions";
  file.diagnostics.push_back(std::move(d));
  return file;
}

// Adds the cross-file warnings to each file's diagnostics, then sorts each
// file's diagnostics by position and concatenates them, files in the order
// given.
LintRun Finish(std::vector<LintedFile> files) {
  std::vector<FileRules> loaded;
  std::vector<size_t> index;  // loaded[i] is files[index[i]]
  for (size_t i = 0; i < files.size(); ++i) {
    if (!files[i].policy) continue;
    loaded.push_back(FileRules{files[i].source.get(), &files[i].policy->rules(),
                               &files[i].scan.calls});
    index.push_back(i);
  }
  for (LintDiagnostic& d : LintAcrossFiles(loaded)) {
    for (size_t i = 0; i < loaded.size(); ++i) {
      if (loaded[i].source->name() == d.diagnostic.file) {
        files[index[i]].diagnostics.push_back(std::move(d));
        break;
      }
    }
  }
  LintRun run;
  run.files = static_cast<int>(files.size());
  for (LintedFile& file : files) {
    SortLintDiagnostics(&file.diagnostics);
    run.diagnostics.insert(run.diagnostics.end(),
                           std::make_move_iterator(file.diagnostics.begin()),
                           std::make_move_iterator(file.diagnostics.end()));
  }
  return run;
}

}  // namespace

std::vector<LintDiagnostic> LintSource(const std::string& name,
                                       std::string text,
                                       const LoadOptions& options) {
  return LintOne(name, std::move(text), options).diagnostics;
}

std::vector<LintDiagnostic> LintAcrossFiles(
    const std::vector<FileRules>& files) {
  std::vector<LintDiagnostic> out;
  if (files.size() < 2) return out;
  // Rules by program, across files: shadowing only happens within one.
  struct Entry {
    size_t file;
    const PrefixRule* rule;
  };
  std::map<std::string, std::vector<Entry>> by_program;
  for (size_t f = 0; f < files.size(); ++f) {
    for (const PrefixRule& r : *files[f].rules) {
      by_program[r.program()].push_back({f, &r});
    }
  }
  for (const auto& [program, group] : by_program) {
    for (const Entry& e : group) {
      const PrefixRule& r = *e.rule;
      // A stricter covering rule in the same file is LintRules' report;
      // otherwise the first one in another file (files in the order given).
      const Entry* shadowed_by = nullptr;
      bool same_file = false;
      for (const Entry& s : group) {
        if (s.rule == e.rule || s.rule->decision <= r.decision ||
            !Covers(*s.rule, r)) {
          continue;
        }
        if (s.file == e.file) {
          same_file = true;
          break;
        }
        if (shadowed_by == nullptr) shadowed_by = &s;
      }
      if (same_file || shadowed_by == nullptr) continue;
      const FileRules& file = files[e.file];
      const RuleCallSite* site = SiteOf(r, *file.calls, *file.source);
      lang::Position pos = site != nullptr
                               ? file.source->PositionOf(site->name_offset)
                               : RuleCallPosition(r);
      SourceLocation where = shadowed_by->rule->source;
      where.col = 0;  // "file:line", as people open it
      out.push_back(At(kLintShadowedRule, *file.source, pos,
                       ShadowedMessage(r, *shadowed_by->rule, where.ToString()),
                       "delete this rule, or narrow the stricter one in " +
                           where.ToString()));
    }
  }
  return out;
}

std::vector<std::string> ExpandRulesPaths(
    const std::vector<std::string>& paths) {
  std::vector<std::string> out;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (!fs::is_directory(path, ec)) {
      out.push_back(path);
      continue;
    }
    std::vector<std::string> files;
    fs::directory_iterator it(path, ec);
    if (ec) {
      out.push_back(path);
      continue;
    }
    for (const auto& entry : it) {
      std::error_code entry_ec;
      if (entry.path().extension() == ".rules" &&
          entry.is_regular_file(entry_ec)) {
        files.push_back((fs::path(path) / entry.path().filename()).string());
      }
    }
    std::sort(files.begin(), files.end());
    out.insert(out.end(), files.begin(), files.end());
  }
  return out;
}

LintRun LintPaths(const std::vector<std::string>& paths,
                  const LoadOptions& options) {
  std::vector<LintedFile> files;
  for (const std::string& path : ExpandRulesPaths(paths)) {
    std::string text, error;
    if (!lang::ReadFile(path, &text, &error)) {
      files.push_back(Unreadable(path, error));
    } else {
      files.push_back(LintOne(path, std::move(text), options));
    }
  }
  return Finish(std::move(files));
}

LintRun LintSources(
    const std::vector<std::pair<std::string, std::string>>& files,
    const LoadOptions& options) {
  std::vector<LintedFile> linted;
  for (const auto& [name, text] : files) {
    linted.push_back(LintOne(name, text, options));
  }
  return Finish(std::move(linted));
}

}  // namespace warden::engine
