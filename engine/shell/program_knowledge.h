// Program knowledge as data (SPEC B2): what warden knows about the programs
// whose arguments decide what else runs. Every row here is a claim about a
// real program; tests/engine/program_knowledge_test.cc proves each one, and
// tests/engine/shell_oracle_test.cc checks the shell rows against the real
// bash, dash and zsh.
//
// The decomposer (engine/command.cc) consults these tables instead of
// spelling the knowledge out in if-chains. A program not in a table is an
// ordinary command; a spelling a table does not cover makes the command
// incomplete (never allowed).
#ifndef WARDEN_ENGINE_SHELL_PROGRAM_KNOWLEDGE_H_
#define WARDEN_ENGINE_SHELL_PROGRAM_KNOWLEDGE_H_

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace warden::engine::shell {

// Which shell's rules apply to a script's words. kExec: an argv executed
// directly (no shell reads it).
enum class Dialect { kExec, kPosix, kBash, kZsh };

// ---- shells -----------------------------------------------------------------

// One shell's invocation grammar. Options are read up to the first operand
// (or `--`, or a lone `-`); `+x` clusters are options too. With `-c` the
// script is the first operand after ALL options (`bash -c -e 'S'` runs S);
// without it, `-s` or no operand means the script is read from standard
// input, and otherwise the first operand is a script file.
struct ShellGrammar {
  std::string_view name = {};
  Dialect dialect = Dialect::kPosix;
  // Letters valid after - or + (besides c and s, which the parser reads).
  std::string_view flags = {};
  // Letters taking an argument: -o NAME, -O NAME.
  std::string_view with_arg = {};
  // Letters that end option processing (zsh -b).
  std::string_view end_letters = {};
  std::span<const std::string_view> long_flags = {};     // --login, ...
  std::span<const std::string_view> long_with_arg = {};  // --emulate sh
  // Take an argument and make the shell source another file (--rcfile F):
  // what runs is then not only the script.
  std::span<const std::string_view> long_sourcing = {};
};

// nullptr for anything that is not one of the shells warden parses.
const ShellGrammar* FindShell(std::string_view basename);

// Shells whose scripts warden does not parse: `-c` (in any position) makes
// them runners that only a rule naming the script covers.
bool IsOtherShell(std::string_view basename);

enum class ScriptSource {
  kCommandString,  // -c: argv[script_index] is the script
  kStdin,          // -s, or no operand: read from standard input
  kFile,           // argv[script_index] is a script file
  kNothing,        // -c without a script: the shell fails, runs nothing
  kInformation,    // --version, --help: prints and exits
};

struct ShellInvocation {
  ScriptSource source = ScriptSource::kStdin;
  size_t script_index = 0;
  // An option the grammar does not know, or one that makes the shell read
  // another file (--rcfile): what runs is not only the script.
  std::string unknown_option;
};

ShellInvocation ParseShellInvocation(const ShellGrammar& grammar,
                                     std::span<const std::string> argv);

// ---- assignments -----------------------------------------------------------

// B2: `NAME=value cmd`, `env NAME=value cmd` and `NAME=value` statements are
// harmless only for these names (locale, time zone, terminal, colour, CI);
// any other assignment — PATH, LD_PRELOAD, TAR_OPTIONS, zsh's lowercase
// `path`/`module_path`, non-identifiers such as BASH_FUNC_f%% — may change
// what runs, and makes the command incomplete.
bool IsAllowedAssignment(std::string_view name);

// ---- transparent wrappers ---------------------------------------------------

// Precommand modifiers of zsh (noglob, nocorrect, -, repeat N): in zsh the
// command after them runs; `skip` operands come first (repeat's count).
struct ZshModifier {
  std::string_view name;
  size_t skip;
};
const ZshModifier* FindZshModifier(std::string_view word);

// ---- builtins ---------------------------------------------------------------

// Builtins that evaluate arithmetic array subscripts in their ARGUMENTS, so
// a quoted, literal-looking word such as 'a[$(rm x)]' runs a command
// (`printf -v`, `test -v`, `read`, `declare`, ...). A word holding `[` given
// to one of them makes the command incomplete.
bool EvaluatesSubscripts(std::string_view builtin);

// Builtins that take shell code as an argument (eval, trap, compgen -C,
// complete -C, bind -x, zsh's sched): the command is incomplete and the code
// is parsed for commands that can still be seen.
struct CodeBuiltin {
  std::string_view name;
  // The option whose argument is code ("" = every operand is code).
  std::string_view code_option;
};
const CodeBuiltin* FindCodeBuiltin(std::string_view builtin);

// ---- git --------------------------------------------------------------------

// git's global options before the subcommand. `git -C dir push` runs
// `git push`: the decomposer matches the command without them, so a
// `git push` rule still applies.
enum class GitOptionKind {
  kFlag,     // --no-pager
  kWithArg,  // -C DIR, --git-dir DIR (or --git-dir=DIR)
  kConfig,   // -c NAME=VALUE: harmless only for allow-listed keys
  kUnsafe,   // --exec-path, --config-env: changes what runs
};
struct GitOption {
  std::string_view name;
  GitOptionKind kind;
};
const GitOption* FindGitOption(std::string_view option);

// `git -c key=value`: keys that cannot make git run a program (colour,
// advice, identity, ...). alias.*, core.fsmonitor, core.pager, *.textconv,
// credential.helper and every other key make the command incomplete.
bool IsHarmlessGitConfig(std::string_view key);

}  // namespace warden::engine::shell

#endif  // WARDEN_ENGINE_SHELL_PROGRAM_KNOWLEDGE_H_
