#include "engine/shell/program_knowledge.h"

#include <algorithm>
#include <array>

namespace warden::engine::shell {
namespace {

template <typename Range>
bool Contains(const Range& range, std::string_view s) {
  return std::find(range.begin(), range.end(), s) != range.end();
}

bool IsIdentifier(std::string_view s) {
  if (s.empty()) return false;
  auto start = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  };
  if (!start(s[0])) return false;
  return std::all_of(s.begin(), s.end(), [&](char c) {
    return start(c) || (c >= '0' && c <= '9');
  });
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// ---- shells ----
// Long options that only print or restrict; --rcfile, --init-file and
// --debugger are left out on purpose: they make bash source another file.
constexpr std::array<std::string_view, 10> kBashLong = {
    "login",      "noediting", "noprofile", "norc", "posix",
    "restricted", "verbose",   "version",   "help", "dump-strings"};
constexpr std::array<std::string_view, 2> kBashSourcing = {"rcfile",
                                                           "init-file"};
constexpr std::array<std::string_view, 11> kZshLong = {
    "login",  "interactive", "no-rcs",  "norcs",   "no-globalrcs", "errexit",
    "xtrace", "verbose",     "nounset", "version", "help"};
constexpr std::array<std::string_view, 1> kZshLongWithArg = {"emulate"};

// bash: set's letters plus the invocation letters i l r D (c and s are read
// by the parser itself).
constexpr ShellGrammar kBash = {.name = "bash",
                                .dialect = Dialect::kBash,
                                .flags = "abefhkmnptuvxBCEHPTilrD",
                                .with_arg = "oO",
                                .long_flags = kBashLong,
                                .long_sourcing = kBashSourcing};
// dash (Debian's sh): no long options, no -O.
constexpr ShellGrammar kDash = {.name = "dash",
                                .dialect = Dialect::kPosix,
                                .flags = "abCefIilmnpquVvxE",
                                .with_arg = "o"};
constexpr ShellGrammar kSh = {.name = "sh",
                              .dialect = Dialect::kPosix,
                              .flags = "abCefIilmnpquVvxE",
                              .with_arg = "o"};
// zsh: every letter and digit names an option; -o takes an argument, also
// attached (-oerrexit); -b ends option processing.
constexpr ShellGrammar kZsh = {
    .name = "zsh",
    .dialect = Dialect::kZsh,
    .flags = "abdefghijklmnpqrtuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
    .with_arg = "o",
    .end_letters = "b",
    .long_flags = kZshLong,
    .long_with_arg = kZshLongWithArg};
constexpr std::array<const ShellGrammar*, 4> kShellTable = {&kBash, &kDash,
                                                            &kSh, &kZsh};

constexpr std::array<std::string_view, 12> kOtherShells = {
    "ksh", "mksh", "ash", "yash", "posh",  "fish",
    "csh", "tcsh", "rc",  "es",   "ksh93", "busybox"};

// ---- assignments (B2 allowlist) ----
constexpr std::array<std::string_view, 10> kAllowedNames = {
    "LANG",  "LANGUAGE", "TZ",          "TERM",     "COLUMNS",
    "LINES", "NO_COLOR", "FORCE_COLOR", "CLICOLOR", "CI"};

// ---- zsh precommand modifiers ----
constexpr std::array<ZshModifier, 4> kZshModifiers = {{
    {"noglob", 0},
    {"nocorrect", 0},
    {"-", 0},       // runs the command with a dash before argv[0]
    {"repeat", 1},  // repeat N cmd (SHORT_REPEAT form)
}};

// ---- builtins ----
// bash evaluates an arithmetic subscript — and the command substitutions in
// it — wherever these accept a variable name: printf -v, test/[ -v, read,
// declare & co, let, unset, mapfile, wait -p, getopts; zsh likewise for
// print -v, vared, zparseopts.
constexpr std::array<std::string_view, 23> kSubscriptBuiltins = {
    "printf",     "test",      "[",      "[[",       "read",  "declare",
    "typeset",    "local",     "export", "readonly", "let",   "unset",
    "mapfile",    "readarray", "wait",   "getopts",  "print", "vared",
    "zparseopts", "integer",   "float",  "shift",    "return"};

constexpr std::array<CodeBuiltin, 6> kCodeBuiltins = {{
    {"eval", ""},
    {"trap", ""},
    {"compgen", "-C"},
    {"complete", "-C"},
    {"bind", "-x"},
    {"sched", ""},
}};

// ---- git ----
constexpr std::array<GitOption, 21> kGitOptions = {{
    {"-C", GitOptionKind::kWithArg},
    {"-c", GitOptionKind::kConfig},
    {"--git-dir", GitOptionKind::kWithArg},
    {"--work-tree", GitOptionKind::kWithArg},
    {"--namespace", GitOptionKind::kWithArg},
    {"-p", GitOptionKind::kFlag},
    {"--paginate", GitOptionKind::kFlag},
    {"-P", GitOptionKind::kFlag},
    {"--no-pager", GitOptionKind::kFlag},
    {"--bare", GitOptionKind::kFlag},
    {"--no-replace-objects", GitOptionKind::kFlag},
    {"--literal-pathspecs", GitOptionKind::kFlag},
    {"--glob-pathspecs", GitOptionKind::kFlag},
    {"--noglob-pathspecs", GitOptionKind::kFlag},
    {"--icase-pathspecs", GitOptionKind::kFlag},
    {"--no-optional-locks", GitOptionKind::kFlag},
    {"--no-advice", GitOptionKind::kFlag},
    // Point git at other programs or at config the command line hides.
    {"--exec-path", GitOptionKind::kUnsafe},
    {"--config-env", GitOptionKind::kUnsafe},
    {"--super-prefix", GitOptionKind::kUnsafe},
    {"--attr-source", GitOptionKind::kWithArg},
}};

// Section prefixes (lower case) whose keys only change how output looks.
constexpr std::array<std::string_view, 3> kHarmlessGitSections = {
    "color.", "advice.", "column."};
constexpr std::array<std::string_view, 5> kHarmlessGitKeys = {
    "user.name", "user.email", "core.quotepath", "init.defaultbranch",
    "log.showsignature"};

}  // namespace

const ShellGrammar* FindShell(std::string_view basename) {
  for (const ShellGrammar* g : kShellTable) {
    if (g->name == basename) return g;
  }
  return nullptr;
}

bool IsOtherShell(std::string_view basename) {
  return Contains(kOtherShells, basename);
}

ShellInvocation ParseShellInvocation(const ShellGrammar& grammar,
                                     std::span<const std::string> argv) {
  ShellInvocation inv;
  bool command_string = false;
  bool stdin_flag = false;
  bool information = false;  // --version / --help: nothing else happens
  size_t i = 1;
  auto unknown = [&](std::string_view opt) {
    if (inv.unknown_option.empty()) inv.unknown_option = std::string(opt);
  };
  while (i < argv.size()) {
    std::string_view tok = argv[i];
    if (tok == "--" || tok == "-") {  // a lone - ends options like --
      ++i;
      break;
    }
    if (tok.size() < 2 || (tok[0] != '-' && tok[0] != '+')) break;
    if (tok.starts_with("--")) {
      std::string_view name = tok.substr(2);
      if (Contains(grammar.long_with_arg, name)) {
        i += 2;
      } else if (Contains(grammar.long_sourcing, name)) {
        unknown(tok);
        i += 2;
      } else {
        if (!Contains(grammar.long_flags, name)) unknown(tok);
        if (name == "version" || name == "help") information = true;
        ++i;
      }
      continue;
    }
    size_t next = i + 1;
    bool end = false;
    for (size_t j = 1; j < tok.size(); ++j) {
      char c = tok[j];
      if (grammar.with_arg.find(c) != std::string_view::npos) {
        // -o NAME; an attached -oNAME is NAME in zsh (bash refuses it).
        if (j + 1 == tok.size()) next = i + 2;
        break;
      }
      if (grammar.end_letters.find(c) != std::string_view::npos) {
        end = true;
        continue;
      }
      if (c == 'c' && tok[0] == '-') {
        command_string = true;
      } else if (c == 's' && tok[0] == '-') {
        stdin_flag = true;
      } else if (grammar.flags.find(c) == std::string_view::npos && c != 'c' &&
                 c != 's') {
        unknown(tok);
      }
    }
    i = next;
    if (end) break;
  }
  i = std::min(i, argv.size());
  if (information) {
    inv.source = ScriptSource::kInformation;
  } else if (command_string) {  // -c wins over -s in all three shells
    inv.source =
        i < argv.size() ? ScriptSource::kCommandString : ScriptSource::kNothing;
  } else if (stdin_flag || i >= argv.size()) {
    inv.source = ScriptSource::kStdin;
  } else {
    inv.source = ScriptSource::kFile;
  }
  inv.script_index = i;
  return inv;
}

bool IsAllowedAssignment(std::string_view name) {
  if (!IsIdentifier(name)) return false;
  if (name.starts_with("LC_")) return true;
  return Contains(kAllowedNames, name);
}

const ZshModifier* FindZshModifier(std::string_view word) {
  for (const ZshModifier& m : kZshModifiers) {
    if (m.name == word) return &m;
  }
  return nullptr;
}

bool EvaluatesSubscripts(std::string_view builtin) {
  return Contains(kSubscriptBuiltins, builtin);
}

const CodeBuiltin* FindCodeBuiltin(std::string_view builtin) {
  for (const CodeBuiltin& b : kCodeBuiltins) {
    if (b.name == builtin) return &b;
  }
  return nullptr;
}

const GitOption* FindGitOption(std::string_view option) {
  std::string_view key = option.substr(0, option.find('='));
  for (const GitOption& o : kGitOptions) {
    if (o.name == key) return &o;
  }
  return nullptr;
}

bool IsHarmlessGitConfig(std::string_view key) {
  std::string lower = Lower(key);
  for (std::string_view s : kHarmlessGitSections) {
    if (std::string_view(lower).starts_with(s)) return true;
  }
  return Contains(kHarmlessGitKeys, lower);
}

}  // namespace warden::engine::shell
