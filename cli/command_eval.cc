// `warden eval`: runs a Starlark file (the language layer on its own), for
// trying the interpreter and for the conformance files.
//
//   warden eval [--test] [--parse-only | --resolve-only] [--option NAME]...
//               [--predeclare NAME]... [--universal NAME]... FILE
//
// Exit 0 when nothing failed, 1 on any syntax, static or runtime error or
// failed assertion, 2 on usage errors or an unreadable file.
#include <re2/re2.h>

#include <cstdio>
#include <string>
#include <vector>

#include "cli/command.h"
#include "lang/interpreter.h"
#include "lang/module_assert.h"
#include "lang/read_file.h"
#include "stdlib/universe.h"

namespace warden::cli {
namespace {

struct EvalFlags {
  bool test = false;
  bool parse_only = false;
  bool resolve_only = false;
  std::vector<std::string> options;
  std::vector<std::string> predeclare;
  std::vector<std::string> universal;
  std::string file;
};

bool SetOption(lang::DialectOptions& o, const std::string& name) {
  if (name == "toplevelcontrol") {
    o.toplevelcontrol = true;
  } else if (name == "globalreassign") {
    o.globalreassign = true;
  } else if (name == "recursion") {
    o.recursion = true;
  } else if (name == "while") {
    o.while_stmt = true;
  } else if (name == "set") {
    o.set = true;
  } else if (name == "loadbindsglobally") {
    o.loadbindsglobally = true;
  } else if (name == "fstrings") {
    o.fstrings = true;
  } else if (name == "annotations") {
    o.annotations = true;
  } else if (name == "tabs") {
    o.allow_tabs = true;
  } else {
    return false;
  }
  return true;
}

absl::StatusOr<bool> Re2Match(std::string_view pattern, std::string_view text) {
  RE2 re(re2::StringPiece(pattern.data(), pattern.size()), RE2::Quiet);
  if (!re.ok()) {
    return absl::InvalidArgumentError("invalid regular expression: " +
                                      re.error());
  }
  return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), re);
}

int RunEval(const EvalFlags& flags) {
  lang::FileText text;
  std::string error;
  if (!lang::ReadFile(flags.file, &text, &error)) {
    std::fprintf(stderr, "warden eval: cannot read %s: %s\n",
                 flags.file.c_str(), error.c_str());
    return kExitUsage;
  }
  lang::Source source(flags.file, std::move(text));

  lang::DialectOptions options;
  for (const auto& name : flags.options) {
    if (!SetOption(options, name)) {
      std::fprintf(stderr, "warden eval: unknown --option %s\n", name.c_str());
      return kExitUsage;
    }
  }
  lang::Predeclared predeclared =
      flags.test ? stdlib::TestHostValues() : lang::Predeclared();
  for (const auto& name : flags.predeclare) {
    predeclared.Set(name, lang::Value::None());
  }
  lang::Predeclared universe = stdlib::Universe();
  for (const auto& name : flags.universal) {
    universe.Set(name, lang::Value::None());
  }

  std::vector<lang::Diagnostic> diagnostics;
  bool failed = false;
  lang::Thread thread;
  thread.set_print([](std::string_view line) {
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fputc('\n', stdout);
  });
  lang::AssertModule assert_module(Re2Match);
  if (flags.parse_only || flags.resolve_only) {
    lang::ParseResult parsed = lang::ParseFile(source, options);
    diagnostics = std::move(parsed.diagnostics);
    if (parsed.file && flags.resolve_only) {
      diagnostics =
          lang::ResolveFile(*parsed.file, options, predeclared, universe);
    }
    failed = !diagnostics.empty();
  } else {
    lang::LoadHook load;
    if (flags.test) load = assert_module.Loader();
    lang::ExecResult result =
        lang::ExecFile(thread, source, options, predeclared, universe, load);
    diagnostics = std::move(result.diagnostics);
    failed = !result.ok;
    // Assertion failures first: they happened before any final error.
    std::vector<lang::Diagnostic> all = assert_module.failures();
    if (!all.empty()) failed = true;
    for (auto& d : diagnostics) all.push_back(std::move(d));
    diagnostics = std::move(all);
  }
  std::fflush(stdout);
  for (const auto& d : diagnostics) {
    std::fputs(lang::FormatDiagnostic(d).c_str(), stderr);
  }
  return failed ? kExitCheckFailed : kExitOk;
}

const bool registered = RegisterCommand({
    .name = "eval",
    .order = 60,
    .attach =
        [](CLI::App& root, int* exit_code) {
          auto flags = std::make_shared<EvalFlags>();
          auto* sub = root.add_subcommand(
              "eval", "Run a Starlark file (language layer only)");
          sub->add_flag(
              "--test", flags->test,
              "Provide the conformance test module (load(\"assert.star\", "
              "\"assert\", \"freeze\"))");
          auto* parse = sub->add_flag("--parse-only", flags->parse_only,
                                      "Only parse the file");
          auto* resolve = sub->add_flag("--resolve-only", flags->resolve_only,
                                        "Only parse and resolve the file");
          parse->excludes(resolve);
          sub->add_option("--option", flags->options,
                          "Enable a dialect option: toplevelcontrol, "
                          "globalreassign, recursion, while, set, "
                          "loadbindsglobally, fstrings, annotations, tabs");
          sub->add_option("--predeclare", flags->predeclare,
                          "Predeclare NAME (bound to None)");
          sub->add_option("--universal", flags->universal,
                          "Add NAME to the universe (bound to None)");
          sub->add_option("FILE", flags->file, "The Starlark file")->required();
          sub->callback([flags, exit_code] { *exit_code = RunEval(*flags); });
        },
});

}  // namespace
}  // namespace warden::cli
