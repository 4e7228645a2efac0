// Fuzzes the JSON output path: whatever a .rules file and a command contain
// (invalid UTF-8, NULs, control characters), what `warden check --json`,
// `warden explain --json`, `warden show --json` and `warden lint --format
// json|sarif` print must be valid JSON (and valid UTF-8) that parses back to
// the same decision, matches and notes as the in-memory result.
//
// Input: RULES '\0' COMMAND. RULES is a .rules file; COMMAND's lines are the
// argv (when it starts with "sh:", the rest is a `bash -lc` script). Without
// a NUL the whole input is the rules file and the command is
// `git push --force`.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/diagnostic_render.h"
#include "engine/check.h"
#include "engine/json_output.h"
#include "engine/lint/lint_diagnostic.h"
#include "engine/rules/loader.h"
#include "fuzz/command_input.h"

namespace {

using namespace warden::engine;
using nlohmann::ordered_json;

[[noreturn]] void Fail(const char* what, std::string_view text) {
  std::fprintf(stderr, "fuzz_json_output: %s: %.*s\n", what,
               static_cast<int>(text.size()), text.data());
  std::abort();
}

// RFC 3629 UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t n;
    uint32_t cp;
    if (c < 0x80) {
      ++i;
      continue;
    } else if (c >= 0xc2 && c <= 0xdf) {
      n = 1, cp = c & 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
      n = 2, cp = c & 0x0f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3, cp = c & 0x07;
    } else {
      return false;
    }
    if (n > s.size() - i - 1) return false;  // truncated sequence
    for (size_t k = 1; k <= n; ++k) {
      auto t = static_cast<unsigned char>(s[i + k]);
      if ((t & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (t & 0x3f);
    }
    if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
        (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) {
      return false;
    }
    i += n + 1;
  }
  return true;
}

// Parses `text` (which must be valid UTF-8 JSON) and checks that dumping the
// parsed value again reproduces it byte for byte (so nothing was lost or
// reinterpreted on the way).
ordered_json ParseBack(const std::string& text, bool pretty) {
  if (!IsValidUtf8(text)) Fail("output is not valid UTF-8", text);
  ordered_json parsed = ordered_json::parse(text, nullptr, false);
  if (parsed.is_discarded()) Fail("output does not parse", text);
  if (DumpJson(parsed, pretty) != text)
    Fail("output does not round-trip", text);
  return parsed;
}

// A string field that came from `original`: equal when the original was
// valid UTF-8; otherwise each invalid byte became U+FFFD, so only check it
// is a string.
void ExpectString(const ordered_json& field, const std::string& original,
                  const char* what) {
  if (!field.is_string()) Fail(what, field.dump());
  if (IsValidUtf8(original) && field.get<std::string>() != original) {
    Fail(what, field.dump());
  }
}

void ExpectWords(const ordered_json& field,
                 const std::vector<std::string>& words, const char* what) {
  if (!field.is_array() || field.size() != words.size()) {
    Fail(what, field.dump());
  }
  for (size_t i = 0; i < words.size(); ++i) {
    ExpectString(field[i], words[i], what);
  }
}

void ExpectMatches(const ordered_json& field,
                   const std::vector<RuleMatch>& matches) {
  if (!field.is_array() || field.size() != matches.size()) {
    Fail("matchedRules count", field.dump());
  }
  for (size_t i = 0; i < matches.size(); ++i) {
    const RuleMatch& m = matches[i];
    const ordered_json& inner = field[i].at("prefixRuleMatch");
    ExpectWords(inner.at("matchedPrefix"), m.matched_prefix, "matchedPrefix");
    if (inner.at("decision") != std::string(DecisionName(m.decision()))) {
      Fail("match decision", inner.dump());
    }
    if (inner.contains("resolvedProgram") != m.resolved_program.has_value()) {
      Fail("resolvedProgram presence", inner.dump());
    }
    if (m.resolved_program) {
      ExpectString(inner.at("resolvedProgram"), *m.resolved_program,
                   "resolvedProgram");
    }
    if (inner.contains("justification") != m.rule->justification.has_value()) {
      Fail("justification presence", inner.dump());
    }
    if (m.rule->justification) {
      ExpectString(inner.at("justification"), *m.rule->justification,
                   "justification");
    }
  }
}

void CheckCheckJson(const CommandCheck& check, bool pretty) {
  ordered_json j = ParseBack(DumpJson(CheckJson(check), pretty), pretty);
  ExpectMatches(j.at("matchedRules"), check.matches);
  if (j.contains("decision") != check.decision.has_value()) {
    Fail("check decision presence", j.dump());
  }
  if (check.decision &&
      j.at("decision") != std::string(DecisionName(*check.decision))) {
    Fail("check decision", j.dump());
  }
  if (j.contains("complete") == check.complete) {
    Fail("check complete presence", j.dump());
  }
  if (!check.complete && j.at("complete") != false) {
    Fail("check complete", j.dump());
  }
}

void CheckExplainJson(const CommandCheck& check) {
  ordered_json j = ParseBack(DumpJson(ExplainJson(check), false), false);
  ExpectMatches(j.at("matchedRules"), check.matches);
  if (check.decision
          ? j.at("decision") != std::string(DecisionName(*check.decision))
          : !j.at("decision").is_null()) {
    Fail("explain decision", j.dump());
  }
  if (j.at("complete") != check.complete) Fail("explain complete", j.dump());
  if (!j.at("parts").is_array() || j.at("parts").size() != check.parts.size()) {
    Fail("explain parts", j.dump());
  }
  size_t commands = 0;
  for (size_t i = 0; i < check.parts.size(); ++i) {
    const PartCheck& part = check.parts[i];
    const ordered_json& p = j.at("parts")[i];
    ExpectWords(p.at("argv"), part.part.argv, "part argv");
    if (p.at("kind") != std::string(PartKindName(part.part.kind))) {
      Fail("part kind", p.dump());
    }
    ExpectMatches(p.at("matchedRules"), part.matches);
    if (p.contains("covered") != (part.part.runner_cover > 0) ||
        (part.part.runner_cover > 0 && p.at("covered") != part.covered)) {
      Fail("part covered", p.dump());
    }
    if (part.part.kind != PartKind::kWrapper) ++commands;
  }
  if (!j.at("commands").is_array() || j.at("commands").size() != commands) {
    Fail("explain commands", j.dump());
  }
  ExpectWords(j.at("notes"), check.notes, "notes");
}

void CheckShowJson(const Policy& policy) {
  ordered_json j = ParseBack(DumpJson(ShowJson(policy), true), true);
  if (!j.at("rules").is_array() ||
      j.at("rules").size() != policy.rules().size()) {
    Fail("show rules", j.dump());
  }
  for (size_t i = 0; i < policy.rules().size(); ++i) {
    const PrefixRule& rule = policy.rules()[i];
    const ordered_json& r = j.at("rules")[i];
    if (r.at("decision") != std::string(DecisionName(rule.decision))) {
      Fail("show decision", r.dump());
    }
    if (!r.at("pattern").is_array() ||
        r.at("pattern").size() != rule.length()) {
      Fail("show pattern", r.dump());
    }
  }
}

// Load errors as `warden lint` prints them (JSON and SARIF).
void CheckDiagnosticsJson(const std::vector<warden::lang::Diagnostic>& diags) {
  warden::cli::LintReport report;
  report.files_checked = 1;
  for (const warden::lang::Diagnostic& d : diags) {
    report.diagnostics.push_back(
        LintDiagnostic{std::string(kLintLoadError), d, ""});
  }
  std::string text = warden::cli::RenderLintJson(report);
  if (text.empty() || text.back() != '\n') Fail("lint JSON newline", text);
  text.pop_back();
  ordered_json j = ParseBack(text, true);
  if (j.at("diagnostics").size() != diags.size()) {
    Fail("lint diagnostics count", text);
  }
  for (size_t i = 0; i < diags.size(); ++i) {
    ExpectString(j.at("diagnostics")[i].at("message"), diags[i].message,
                 "lint message");
    ExpectString(j.at("diagnostics")[i].at("sourceLine"), diags[i].source_line,
                 "lint source line");
  }
  std::string sarif = warden::cli::RenderLintSarif(report, "fuzz");
  if (!IsValidUtf8(sarif)) Fail("SARIF is not valid UTF-8", sarif);
  if (ordered_json::parse(sarif, nullptr, false).is_discarded()) {
    Fail("SARIF does not parse", sarif);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t nul = input.find('\0');
  std::string_view rules = input.substr(0, nul);
  std::vector<std::string> argv =
      nul == std::string_view::npos
          ? std::vector<std::string>{"git", "push", "--force"}
          : CommandFromFuzzInput(input.substr(nul + 1));

  LoadOptions options;
  options.home_dir = "/home/fuzz";
  // Small limits keep every input fast; exceeding them is a clean error.
  options.trie_limits.max_nodes = 100000;
  options.trie_limits.max_work = 1000000;
  PolicyLoader loader(options);
  std::optional<Policy> policy;
  if (loader.AddSource("fuzz.rules", std::string(rules))) {
    policy = std::move(loader).Finish();
  }
  if (!policy) {
    if (loader.diagnostics().empty()) Fail("load failed silently", rules);
    CheckDiagnosticsJson(loader.diagnostics());
    return 0;
  }
  CheckShowJson(*policy);
  for (bool split : {true, false}) {
    CommandCheck check = CheckCommand(
        *policy, argv, {.resolve_host_executables = !split, .split = split});
    CheckCheckJson(check, /*pretty=*/split);
    CheckExplainJson(check);
  }
  return 0;
}
