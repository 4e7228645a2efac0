#include "engine/approval/heuristics.h"

#include <algorithm>

#include "engine/approval/plain_script.h"
#include "engine/approval/shell_script.h"
#include "re2/re2.h"

namespace warden::engine::approval {
namespace {

bool Contains(const std::vector<std::string_view>& list, std::string_view s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

bool StartsWithAny(const std::vector<std::string_view>& prefixes,
                   std::string_view s) {
  return std::any_of(prefixes.begin(), prefixes.end(),
                     [&](std::string_view p) { return s.starts_with(p); });
}

bool Listed(const KnownSafeRow& row, std::string_view token) {
  return Contains(row.exact, token) || StartsWithAny(row.prefixes, token);
}

// Earlier Codex's git rule: a read-only subcommand, no global option that
// points git elsewhere or pages, no option that runs a program.
bool IsKnownSafeGit(std::span<const std::string> argv) {
  const GitSafeData& git = GitSafe();
  size_t i = 1;
  for (; i < argv.size(); ++i) {
    std::string_view arg = argv[i];
    for (std::string_view opt : git.global_options_with_value) {
      bool short_opt = opt.size() == 2;
      if (arg == opt || (short_opt ? arg.starts_with(opt)
                                   : arg.starts_with(std::string(opt) + "="))) {
        return false;
      }
    }
    if (Contains(git.paging_options, arg)) return false;
    if (!arg.starts_with("-")) break;
  }
  if (i >= argv.size() || !Contains(git.subcommands, argv[i])) return false;
  std::span<const std::string> rest = argv.subspan(i + 1);
  for (std::string_view arg : rest) {
    if (Contains(git.unsafe_exact, arg) ||
        StartsWithAny(git.unsafe_prefixes, arg)) {
      return false;
    }
  }
  if (argv[i] == "branch") {
    return std::all_of(rest.begin(), rest.end(), [&](std::string_view arg) {
      return Contains(git.branch_flags, arg) ||
             StartsWithAny(git.branch_flag_prefixes, arg);
    });
  }
  return true;
}

const KnownSafeRow* SafeRowFor(std::span<const std::string> argv,
                               const HeuristicOptions& options) {
  if (argv.empty()) return nullptr;
  std::string_view program = ProgramName(argv[0]);
  for (const KnownSafeRow& row : KnownSafeTable()) {
    if (!Contains(row.programs, program)) continue;
    switch (row.when) {
      case SafeWhen::kAlways:
        return &row;
      case SafeWhen::kNoArgument:
        return std::none_of(
                   argv.begin() + 1, argv.end(),
                   [&](const std::string& a) { return Listed(row, a); })
                   ? &row
                   : nullptr;
      case SafeWhen::kNoToken:
        return std::none_of(
                   argv.begin(), argv.end(),
                   [&](const std::string& a) { return Listed(row, a); })
                   ? &row
                   : nullptr;
      case SafeWhen::kSedPrint: {
        static const RE2 kPattern(std::string(row.pattern));
        return argv.size() <= 4 && argv.size() >= 3 && argv[1] == "-n" &&
                       RE2::FullMatch(argv[2], kPattern)
                   ? &row
                   : nullptr;
      }
      case SafeWhen::kGit:
        return options.known_safe_git && IsKnownSafeGit(argv) ? &row : nullptr;
    }
  }
  return nullptr;
}

std::optional<std::string> DangerousForExec(std::span<const std::string> argv) {
  if (argv.empty()) return std::nullopt;
  std::string_view program = ProgramName(argv[0]);
  for (const DangerousRow& row : DangerousTable()) {
    if (row.program.empty() || row.program != program) continue;
    switch (row.when) {
      case DangerWhen::kForcedRm:
        for (std::string_view arg : argv.subspan(1)) {
          if (arg == "--") break;
          if (arg == "--force" ||
              (arg.starts_with("-") && !arg.starts_with("--") &&
               arg.find('f') != std::string_view::npos)) {
            return std::string(row.why);
          }
        }
        break;
      case DangerWhen::kSudoWrapped:
        return DangerousForExec(argv.subspan(1));
      case DangerWhen::kShellScript:
        break;
    }
  }
  return std::nullopt;
}

}  // namespace

const std::vector<KnownSafeRow>& KnownSafeTable() {
  static const auto* table = new std::vector<KnownSafeRow>{
      {.programs = {"cat",    "cd",    "cut",  "echo", "expr",  "false",
                    "grep",   "head",  "id",   "ls",   "nl",    "paste",
                    "pwd",    "rev",   "seq",  "stat", "tail",  "tr",
                    "true",   "uname", "uniq", "wc",   "which", "whoami",
                    "numfmt", "tac"},
       .when = SafeWhen::kAlways,
       .why = "always (reads only)"},
      {.programs = {"base64"},
       .when = SafeWhen::kNoArgument,
       .exact = {"--output"},
       .prefixes = {"--output=", "-o"},
       .why = "base64 without --output, --output=..., -o..."},
      {.programs = {"find"},
       .when = SafeWhen::kNoToken,
       .exact = {"-exec", "-execdir", "-ok", "-okdir", "-delete", "-fls",
                 "-fprint", "-fprint0", "-fprintf"},
       .why = "find without -exec, -execdir, -ok, -okdir, -delete, -fls, "
              "-fprint, -fprint0, -fprintf"},
      {.programs = {"rg"},
       .when = SafeWhen::kNoToken,
       .exact = {"--search-zip", "-z", "--pre", "--hostname-bin"},
       .prefixes = {"--pre=", "--hostname-bin="},
       .why = "rg without --search-zip, -z, --pre, --hostname-bin"},
      {.programs = {"sed"},
       .when = SafeWhen::kSedPrint,
       .pattern = "([0-9]+,)?[0-9]+p",
       .why = "sed -n N[,M]p with at most one file"},
      {.programs = {"git"},
       .when = SafeWhen::kGit,
       .why = "git status, log, diff, show or branch (listing), only with "
              "known_safe_git = true"},
  };
  return *table;
}

const std::vector<DangerousRow>& DangerousTable() {
  static const auto* table = new std::vector<DangerousRow>{
      {"rm", DangerWhen::kForcedRm,
       "rm with --force or -...f... before the first --"},
      {"sudo", DangerWhen::kSudoWrapped,
       "sudo followed by a dangerous command"},
      {"", DangerWhen::kShellScript,
       "bash|sh|zsh -c|-lc SCRIPT with a dangerous literal command anywhere"},
  };
  return *table;
}

const GitSafeData& GitSafe() {
  static const auto* data = new GitSafeData{
      .global_options_with_value = {"-C", "-c", "--config-env", "--exec-path",
                                    "--git-dir", "--namespace",
                                    "--super-prefix", "--work-tree"},
      .paging_options = {"-p", "--paginate"},
      .subcommands = {"status", "log", "diff", "show", "branch"},
      .branch_flags = {"--list", "-l", "--show-current", "-a", "--all", "-r",
                       "--remotes", "-v", "-vv", "--verbose"},
      .branch_flag_prefixes = {"--format="},
      .unsafe_exact = {"--output", "--ext-diff", "--textconv", "--exec"},
      .unsafe_prefixes = {"--output=", "--exec="},
  };
  return *data;
}

std::optional<std::string> KnownSafeDetail(std::span<const std::string> argv,
                                           const HeuristicOptions& options) {
  // Codex reads the token `zsh` as `bash`; ProgramName treats both alike.
  if (const KnownSafeRow* row = SafeRowFor(argv, options)) {
    if (row->when == SafeWhen::kAlways) {
      return std::string(ProgramName(argv[0])) + " " + std::string(row->why);
    }
    return std::string(row->why);
  }
  std::optional<std::string_view> script = ShellScriptOf(argv);
  if (!script) return std::nullopt;
  // Codex judges the words' text; an escape would make the shell run
  // something else (`find . -de\lete`), so such a script is not known-safe.
  std::optional<PlainScript> plain = ReadPlainScript(*script);
  if (!plain || plain->commands.empty() || plain->escaped) return std::nullopt;
  for (const Argv& command : plain->commands) {
    if (SafeRowFor(command, options) == nullptr) return std::nullopt;
  }
  return "a shell script of known-safe commands only";
}

std::optional<std::string> DangerousDetail(std::span<const std::string> argv) {
  if (std::optional<std::string> why = DangerousForExec(argv)) return why;
  std::optional<std::string_view> script = ShellScriptOf(argv);
  if (!script) return std::nullopt;
  std::optional<std::vector<Argv>> commands = LiteralCommands(*script);
  if (!commands) return std::nullopt;
  for (const Argv& command : *commands) {
    if (std::optional<std::string> why = DangerousForExec(command)) {
      return "a shell script running " + *why;
    }
  }
  return std::nullopt;
}

std::string HeuristicsText() {
  std::string out = "known-safe (R2.1), program = argv[0]'s basename:\n";
  for (const KnownSafeRow& row : KnownSafeTable()) {
    std::string programs;
    for (std::string_view p : row.programs) {
      if (!programs.empty()) programs += ' ';
      programs += p;
    }
    out += "  " + programs + ": " + std::string(row.why) + "\n";
  }
  out +=
      "  bash|sh|zsh -c|-lc SCRIPT: a plain script (literal words joined by "
      "&& || ; |) of known-safe commands only\n";
  out += "dangerous (R2.2):\n";
  for (const DangerousRow& row : DangerousTable()) {
    out += "  " + std::string(row.why) + "\n";
  }
  return out;
}

}  // namespace warden::engine::approval
