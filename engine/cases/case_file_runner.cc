#include "engine/cases/case_file_runner.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <utility>

#include "engine/cases/case_file.h"
#include "engine/check.h"
#include "engine/lint/lint.h"
#include "engine/lint/lint_calls.h"
#include "engine/rules/loader.h"
#include "engine/shell/shell_words.h"
#include "lang/read_file.h"

namespace warden::engine {
namespace {

namespace fs = std::filesystem;

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.substr(s.size() - suffix.size()) == suffix;
}

lang::Diagnostic Unreadable(const std::string& path, std::string_view reason) {
  lang::Diagnostic d;
  d.file = path;
  d.message = "cannot read " + path + ": " + std::string(reason);
  return d;
}

std::string DecisionOrNone(const std::optional<Decision>& decision) {
  return decision ? std::string(DecisionName(*decision)) : std::string("none");
}

// Rules files loaded for testing: literal examples blanked out.
struct Loaded {
  std::optional<Policy> policy;
  std::vector<lang::Diagnostic> errors;
  // Per file: its source and call sites (for inline examples).
  std::vector<std::unique_ptr<lang::Source>> sources;
  std::vector<RuleCallScan> scans;
};

Loaded LoadForTest(const std::vector<std::string>& files,
                   const TestOptions& options) {
  Loaded out;
  LoadOptions load_options;
  load_options.home_dir = options.home_dir;
  PolicyLoader loader(load_options);
  for (const std::string& file : files) {
    std::string text, error;
    if (!lang::ReadFile(file, &text, &error)) {
      out.errors.push_back(Unreadable(file, error));
      return out;
    }
    auto source = std::make_unique<lang::Source>(file, std::move(text));
    RuleCallScan scan = ScanRuleCalls(*source);
    if (scan.syntax_error) {
      out.errors.push_back(*scan.syntax_error);
      return out;
    }
    std::string blanked = BlankLiteralExamples(*source, scan.calls);
    if (!loader.AddSource(file, std::move(blanked))) {
      out.errors = loader.diagnostics();
      return out;
    }
    out.sources.push_back(std::move(source));
    out.scans.push_back(std::move(scan));
  }
  std::vector<lang::Diagnostic> diagnostics = loader.diagnostics();
  out.policy = std::move(loader).Finish();
  if (!out.policy) out.errors = std::move(diagnostics);
  return out;
}

std::string CoverageKey(const PrefixRule& rule) {
  return rule.source.ToString() + "|" + RenderPattern(rule.pattern) + "|" +
         std::string(DecisionName(rule.decision));
}

class Runner {
 public:
  explicit Runner(const TestOptions& options) : options_(options) {}

  void InlineExamples(const std::string& file) {
    Loaded loaded = LoadForTest({file}, options_);
    if (!loaded.policy) {
      Append(&report_.load_errors, loaded.errors);
      return;
    }
    const Policy& policy = *loaded.policy;
    NoteRules(policy);
    const lang::Source& source = *loaded.sources[0];
    for (const RuleCallSite& site : loaded.scans[0].calls) {
      // The call's executions: runs of rules sharing a `call` index.
      std::vector<std::span<const PrefixRule>> groups;
      const auto& rules = policy.rules();
      for (size_t i = 0; i < rules.size();) {
        size_t j = i;
        while (j < rules.size() && rules[j].call == rules[i].call) ++j;
        if (MadeBy(rules[i], site, source)) {
          groups.emplace_back(rules.data() + i, j - i);
        }
        i = j;
      }
      if (groups.empty()) continue;  // the call never ran
      if (site.match_given && !site.match) {
        // Non-literal examples: the loader checked them.
        for (auto group : groups) {
          for (const PrefixRule& r : group) covered_.insert(CoverageKey(r));
        }
      }
      if (site.not_match) {
        for (const LiteralExample& e : site.not_match->examples) {
          Example(source, policy, groups, e, /*should_match=*/false);
        }
      }
      if (site.match) {
        for (const LiteralExample& e : site.match->examples) {
          Example(source, policy, groups, e, /*should_match=*/true);
        }
      }
    }
  }

  void Cases(const std::string& path) {
    std::string text, error;
    if (!lang::ReadFile(path, &text, &error)) {
      report_.load_errors.push_back(Unreadable(path, error));
      return;
    }
    lang::Source source(path, std::move(text));
    CaseFileResult parsed = ParseCaseFile(source);
    if (!parsed.ok()) {
      Append(&report_.load_errors, parsed.errors);
      return;
    }
    for (const TestCase& c : parsed.file.cases) {
      const std::vector<std::string>& rules =
          c.rules.empty() ? parsed.file.rules : c.rules;
      TestFailure failure = CaseFailure(c);
      if (rules.empty()) {
        failure.got = "error";
        Fail(source, c.pos,
             "case " + Describe(c) +
                 ": no rules to test against (add rules = \"FILE.rules\" to "
                 "the case file)",
             std::move(failure));
        continue;
      }
      const Loaded& loaded = PolicyFor(rules);
      if (!loaded.policy) {
        failure.got = "error";
        Fail(source, c.pos,
             "case " + Describe(c) + ": its rules fail to load (see above)",
             std::move(failure));
        continue;
      }
      CheckOptions check_options;
      check_options.resolve_host_executables = true;
      check_options.split = c.split;
      check_options.path_resolver = options_.path_resolver;
      CommandCheck check = CheckCommand(*loaded.policy, c.argv, check_options);
      for (const RuleMatch& m : check.matches) {
        covered_.insert(CoverageKey(*m.rule));
      }
      if (check.decision == c.expected) {
        ++report_.passed;
        continue;
      }
      std::string got = check.decision
                            ? std::string(DecisionName(*check.decision))
                            : std::string("no decision (no rule matched)");
      std::string message = "case " + Describe(c) + ": expected " +
                            (c.expected ? std::string(DecisionName(*c.expected))
                                        : std::string("no rule to match")) +
                            ", got " + got;
      failure.got = DecisionOrNone(check.decision);
      if (!check.matches.empty()) {
        message += "; matched:";
        size_t shown = 0;  // the message names 3 rules, the JSON all
        for (const RuleMatch& m : check.matches) {
          failure.matched.push_back({RenderRule(*m.rule), m.rule->source});
          if (shown++ >= 3) {
            if (shown == 4) message += " ...";
            continue;
          }
          message += " " + RenderRule(*m.rule) + " at " +
                     m.rule->source.ToString() + ";";
        }
        if (message.back() == ';') message.pop_back();
      }
      Fail(source, c.pos, std::move(message), std::move(failure));
    }
  }

  TestReport Finish() {
    if (options_.coverage) {
      for (const auto& [key, rule] : all_rules_) {
        if (!covered_.count(key)) report_.uncovered.push_back(rule);
      }
      std::stable_sort(
          report_.uncovered.begin(), report_.uncovered.end(),
          [](const UncoveredRule& a, const UncoveredRule& b) {
            return std::tie(a.source.file, a.source.line, a.source.col) <
                   std::tie(b.source.file, b.source.line, b.source.col);
          });
    }
    return std::move(report_);
  }

 private:
  static void Append(std::vector<lang::Diagnostic>* to,
                     const std::vector<lang::Diagnostic>& from) {
    to->insert(to->end(), from.begin(), from.end());
  }

  static TestFailure CaseFailure(const TestCase& c) {
    TestFailure f;
    f.kind = TestKind::kCase;
    f.case_name = c.name;
    f.command = c.display;
    f.expected = DecisionOrNone(c.expected);
    return f;
  }

  static std::string Describe(const TestCase& c) {
    std::string out = "`" + c.display + "`";
    if (!c.name.empty()) out += " (" + c.name + ")";
    return out;
  }

  void NoteRules(const Policy& policy) {
    for (const PrefixRule& r : policy.rules()) {
      std::string key = CoverageKey(r);
      if (!all_rules_.count(key)) {
        all_rules_.emplace(key,
                           UncoveredRule{r.source, RenderRule(r), r.pattern});
      }
    }
  }

  const Loaded& PolicyFor(const std::vector<std::string>& rules) {
    std::string key;
    for (const auto& r : rules) key += r + '\0';
    auto it = policies_.find(key);
    if (it != policies_.end()) return it->second;
    Loaded loaded = LoadForTest(rules, options_);
    if (!loaded.policy) {
      Append(&report_.load_errors, loaded.errors);
    } else {
      NoteRules(*loaded.policy);
    }
    return policies_.emplace(key, std::move(loaded)).first->second;
  }

  void Fail(const lang::Source& source, lang::Position pos, std::string message,
            TestFailure failure) {
    lang::Diagnostic& d = failure.diagnostic;
    d.file = source.name();
    d.pos = pos;
    d.message = std::move(message);
    d.source_line = std::string(source.Line(pos.line));
    report_.failures.push_back(std::move(failure));
    ++report_.failed;
  }

  void Example(const lang::Source& source, const Policy& policy,
               const std::vector<std::span<const PrefixRule>>& groups,
               const LiteralExample& e, bool should_match) {
    lang::Position pos = source.PositionOf(e.offset);
    const char* kind = should_match ? "match" : "not_match";
    TestFailure failure;
    failure.kind =
        should_match ? TestKind::kMatchExample : TestKind::kNotMatchExample;
    for (auto group : groups) {
      for (const PrefixRule& r : group) {
        if (!failure.rule.empty()) failure.rule += ", ";
        failure.rule += RenderRule(r);
      }
    }
    failure.expected = should_match ? "match" : "no match";
    if (!e.error.empty()) {
      failure.got = "invalid";
      Fail(source, pos, std::string(kind) + " example: " + e.error,
           std::move(failure));
      return;
    }
    failure.command = ShellJoin(e.argv);
    MatchOptions match_options;
    match_options.resolve_host_executables = true;
    for (auto group : groups) {
      Evaluation ev = EvaluateRules(group, policy.host_executables(), e.argv,
                                    match_options);
      if (should_match && ev.matches.empty()) {
        std::string rules;
        for (const PrefixRule& r : group) {
          if (!rules.empty()) rules += ", ";
          rules += RenderRule(r);
        }
        failure.got = "no match";
        Fail(source, pos,
             "match example `" + ShellJoin(e.argv) +
                 "` matches no rule of its prefix_rule call: [" + rules + "]",
             std::move(failure));
        return;
      }
      if (!should_match && !ev.matches.empty()) {
        failure.got = "match";
        for (const RuleMatch& m : ev.matches) {
          failure.matched.push_back({RenderRule(*m.rule), m.rule->source});
        }
        Fail(source, pos,
             "not_match example `" + ShellJoin(e.argv) + "` matches rule `" +
                 RenderRule(*ev.matches[0].rule) + "`",
             std::move(failure));
        return;
      }
      if (should_match) {
        for (const RuleMatch& m : ev.matches) {
          covered_.insert(CoverageKey(*m.rule));
        }
      }
    }
    ++report_.passed;
  }

  const TestOptions& options_;
  TestReport report_;
  std::map<std::string, Loaded> policies_;
  std::map<std::string, UncoveredRule> all_rules_;
  std::set<std::string> covered_;
};

}  // namespace

std::string_view TestKindName(TestKind kind) {
  switch (kind) {
    case TestKind::kMatchExample:
      return "match";
    case TestKind::kNotMatchExample:
      return "not_match";
    case TestKind::kCase:
      break;
  }
  return "case";
}

TestTarget ExpandTestPaths(const std::vector<std::string>& paths) {
  TestTarget target;
  std::set<std::string> seen_rules, seen_cases;
  auto add_rules = [&](const std::string& file) {
    if (!seen_rules.insert(file).second) return;
    target.rules_files.push_back(file);
  };
  auto add_case = [&](const std::string& file) {
    if (!seen_cases.insert(file).second) return;
    target.case_files.push_back(file);
  };
  for (const std::string& path : paths) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      std::vector<std::string> rules, cases;
      for (const auto& entry : fs::directory_iterator(path, ec)) {
        std::error_code entry_ec;
        if (!entry.is_regular_file(entry_ec)) continue;
        std::string name = entry.path().filename().string();
        std::string full = (fs::path(path) / name).string();
        if (EndsWith(name, kCaseFileSuffix)) {
          cases.push_back(full);
        } else if (EndsWith(name, ".rules")) {
          rules.push_back(full);
        }
      }
      std::sort(rules.begin(), rules.end());
      std::sort(cases.begin(), cases.end());
      for (const auto& r : rules) add_rules(r);
      for (const auto& c : cases) add_case(c);
      continue;
    }
    if (EndsWith(path, ".toml")) {
      add_case(path);
      continue;
    }
    add_rules(path);
    std::string sibling =
        EndsWith(path, ".rules")
            ? path.substr(0, path.size() - 6) + std::string(kCaseFileSuffix)
            : "";
    if (!sibling.empty() && fs::is_regular_file(sibling, ec)) {
      add_case(sibling);
    }
  }
  return target;
}

TestReport RunTests(const TestTarget& target, const TestOptions& options) {
  Runner runner(options);
  for (const std::string& file : target.rules_files) {
    runner.InlineExamples(file);
  }
  for (const std::string& file : target.case_files) runner.Cases(file);
  return runner.Finish();
}

}  // namespace warden::engine
