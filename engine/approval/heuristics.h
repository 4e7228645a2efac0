// Codex's unmatched-command heuristics (SPEC-runtime R2), as data a rule
// author can read (`warden explain --list-heuristics`).
//
// Known-safe (R2.1): a command is safe by itself when its program (argv[0]'s
// basename) has a row below whose condition holds; `bash|sh|zsh -c|-lc
// SCRIPT` is safe when the script's plain split (shell_script.h) is
// non-empty and every command in it is safe by itself.
//
// Dangerous (R2.2): `rm` forced before the first `--`, `sudo` followed by a
// dangerous argv, or a shell script with a dangerous literal command
// anywhere.
//
// Every check is a pure function of argv and never fails (an empty argv is
// neither safe nor dangerous).
#ifndef WARDEN_ENGINE_APPROVAL_HEURISTICS_H_
#define WARDEN_ENGINE_APPROVAL_HEURISTICS_H_

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace warden::engine::approval {

// How a known-safe row judges the arguments.
enum class SafeWhen {
  kAlways,
  kNoArgument,  // no argument after argv[0] is in `exact` or starts with a
                // `prefixes` entry
  kNoToken,     // the same test over every token, argv[0] included
  kSedPrint,    // <= 4 tokens, argv[1] "-n", argv[2] matching `pattern`
  kGit,         // only with known_safe_git (see IsKnownSafeGit)
};

struct KnownSafeRow {
  std::vector<std::string_view> programs;
  SafeWhen when = SafeWhen::kAlways;
  std::vector<std::string_view> exact;
  std::vector<std::string_view> prefixes;
  std::string_view pattern;  // kSedPrint: RE2 syntax, anchored
  std::string_view why;      // the row in one phrase
};

enum class DangerWhen {
  kForcedRm,     // `--force` or a single-dash word containing `f`, before `--`
  kSudoWrapped,  // what follows `sudo` is dangerous
  kShellScript,  // a literal command of `bash|sh|zsh -c|-lc SCRIPT` is
};

struct DangerousRow {
  std::string_view program;  // "" for the shell-script row
  DangerWhen when;
  std::string_view why;
};

// The tables, in the order they are consulted.
const std::vector<KnownSafeRow>& KnownSafeTable();
const std::vector<DangerousRow>& DangerousTable();

// Git's read-only subcommands and the options that keep them read-only
// (used only with known_safe_git = true).
struct GitSafeData {
  std::vector<std::string_view> global_options_with_value;
  std::vector<std::string_view> paging_options;
  std::vector<std::string_view> subcommands;
  std::vector<std::string_view> branch_flags;
  std::vector<std::string_view> branch_flag_prefixes;
  std::vector<std::string_view> unsafe_exact;
  std::vector<std::string_view> unsafe_prefixes;
};
const GitSafeData& GitSafe();

struct HeuristicOptions {
  bool known_safe_git = false;
};

// The row's phrase when `argv` is known-safe (for a shell script: the
// script's), nullopt otherwise.
std::optional<std::string> KnownSafeDetail(
    std::span<const std::string> argv, const HeuristicOptions& options = {});
inline bool IsKnownSafe(std::span<const std::string> argv,
                        const HeuristicOptions& options = {}) {
  return KnownSafeDetail(argv, options).has_value();
}

// The row's phrase when `argv` might be dangerous, nullopt otherwise.
std::optional<std::string> DangerousDetail(std::span<const std::string> argv);
inline bool IsDangerous(std::span<const std::string> argv) {
  return DangerousDetail(argv).has_value();
}

// One line per row, for `explain --list-heuristics`.
std::string HeuristicsText();

}  // namespace warden::engine::approval

#endif  // WARDEN_ENGINE_APPROVAL_HEURISTICS_H_
