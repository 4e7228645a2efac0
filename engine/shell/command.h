// Command decomposition (SPEC B1): the ONE normaliser that `warden check`,
// `warden explain` and the runtime use to turn an argv into the parts that
// rules are matched against.
//
// Semantics (written down here and in engine/README.md):
//
// * Shell wrappers. [sh|bash|zsh|dash (any path), -c|-lc, SCRIPT, ...]: the
//   SCRIPT is lexed by LexShell(kScript). When it consists only of simple
//   commands of literal words joined by && || ; | and newlines, each simple
//   command becomes a part (decomposed again, so nested `sh -c` and wrappers
//   inside work), in source order, up to kMaxDepth levels. The wrapper argv
//   itself is also a part of kind kWrapper.
// * Not fully inspectable: $..., `...`, globs, brace/tilde expansion,
//   redirections (including 2>&1), heredocs, ( ) subshells, { } groups,
//   control-flow and other reserved words, function definitions, & and
//   other operators, shell syntax errors, and the builtins that change how
//   later commands run (eval, source, ., export, alias, set, ...). Then the
//   whole argv is one part and the decomposition is incomplete; every
//   literal command still visible (inside $(...), `...`, after `then`, ...)
//   is added as an extra part of kind kInner.
// * Transparent wrappers: timeout, nice, nohup, stdbuf, time, command
//   (without -v/-V), exec, env (options -i -u -C, assignments), and leading
//   NAME=value words in a script. The full argv is a kWrapper part and the
//   wrapped command is decomposed as a part of its own. A kWrapper part only
//   contributes prompt/forbidden matches: allow must come from the wrapped
//   command. Assignments to names outside B2's allowlist
//   (shell::IsAllowedAssignment: locale, TZ, terminal, colour, CI) and
//   wrapper options warden does not know make the decomposition incomplete.
// * Program knowledge (shell option grammars, zsh modifiers, builtins that
//   evaluate subscripts or code, git's global options) is data, in
//   engine/shell/program_knowledge.h.
// * Runners that execute something else: sudo, doas, su, xargs, find
//   -exec/-execdir/-ok/-okdir, env -S, interpreters with an inline program
//   (python -c, node -e, perl -e, ruby -e, php -r, ...), shells invoked in
//   any other way with -c, and watch, flock, setsid, nsenter, chroot,
//   strace, ... The argv is a kCommand part with `runner_cover` set: it is
//   inspectable only when a matching rule's pattern reaches at least
//   runner_cover tokens (i.e. the rule names what is run). The command they
//   run, when visible, is added as kInner parts.
#ifndef WARDEN_ENGINE_SHELL_COMMAND_H_
#define WARDEN_ENGINE_SHELL_COMMAND_H_

#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace warden::engine {

enum class PartKind {
  kCommand,  // a command that runs; allow needs a rule matching it
  kWrapper,  // the outer form of a transparent wrapper: prompt/forbidden only
  kInner,    // a literal command seen inside something not fully inspectable
};

std::string_view PartKindName(PartKind kind);  // "command" "wrapper" "inner"

struct CommandPart {
  std::vector<std::string> argv;
  PartKind kind = PartKind::kCommand;
  // > 0 for runners: the part is inspectable only if some matching rule has
  // at least this many pattern tokens.
  size_t runner_cover = 0;
  friend bool operator==(const CommandPart&, const CommandPart&) = default;
};

struct Decomposition {
  std::vector<CommandPart> parts;  // source order
  bool complete = true;            // before runner_cover is considered
  std::vector<std::string> notes;  // why it is incomplete, for `explain`
};

inline constexpr int kMaxDepth = 8;
// A decomposition stops adding parts past this many (and is then incomplete):
// the work per command stays bounded whatever its shape.
inline constexpr size_t kMaxParts = 4096;

struct DecomposeOptions {
  // Whether a program named by a path (`./bash`, `/tmp/x/timeout`) is the
  // program its basename says (SPEC B2: the system's own copy or a declared
  // host executable, resolved as the kernel will). Unset: nothing named by
  // a path is trusted, and decomposing through one makes the command
  // incomplete.
  std::function<bool(std::string_view path)> trusted_path;
};

Decomposition Decompose(std::span<const std::string> argv,
                        const DecomposeOptions& options = {});

}  // namespace warden::engine

#endif  // WARDEN_ENGINE_SHELL_COMMAND_H_
