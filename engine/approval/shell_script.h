// The shell-script readings Codex's approval heuristics use
// (codex-rs/shell-command/src/bash.rs), on warden's own lexer (LexShell):
//
//  * ShellScriptOf: [bash|zsh|sh (any path), -c|-lc, SCRIPT] exactly, else
//    nothing.
//  * PlainCommands: the script is only simple commands of literal words
//    joined by && || ; | and newlines (Codex's "word-only commands
//    sequence"); otherwise nothing. An assignment before a command, a
//    reserved word or a quoted name in command position, any expansion (globs,
//    braces and tildes only with literal_patterns, as Codex's grammar reads
//    them), any redirection or other operator, or an empty command position
//    rejects.
//  * HeredocCommand: Codex's heredoc fallback: the script is exactly one
//    simple command of unquoted literal words with at least one heredoc
//    (`<<`, `<<-`) attached, and no other redirection; its words.
//  * LiteralCommands: every simple command whose name is a literal word,
//    anywhere in the script (lists, pipelines, if/while/for bodies, $(...)
//    and `...`), with its literal arguments (expanded ones are left out);
//    nothing when the script does not lex or is visibly malformed. Used by
//    the dangerous-command check (R2.2).
#ifndef WARDEN_ENGINE_APPROVAL_SHELL_SCRIPT_H_
#define WARDEN_ENGINE_APPROVAL_SHELL_SCRIPT_H_

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace warden::engine::approval {

using Argv = std::vector<std::string>;

// argv[0] reduced to what follows its last '/'.
std::string_view ProgramName(std::string_view argv0);

std::optional<std::string_view> ShellScriptOf(
    std::span<const std::string> argv);

// With literal_patterns, words whose only expansions are globs, braces or
// tildes are taken as the literal text Codex's grammar sees (`ls *.txt`),
// as Codex's exec-policy split does; without it they reject the script (the
// known-safe check: `find *` may expand to `-delete`).
std::optional<std::vector<Argv>> PlainCommands(std::string_view script,
                                               bool literal_patterns = false);
std::optional<Argv> HeredocCommand(std::string_view script);
std::optional<std::vector<Argv>> LiteralCommands(std::string_view script);

}  // namespace warden::engine::approval

#endif  // WARDEN_ENGINE_APPROVAL_SHELL_SCRIPT_H_
