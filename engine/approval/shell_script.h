// The shell-script readings Codex's approval heuristics use
// (codex-rs/shell-command/src/bash.rs), on warden's own lexer (LexShell):
//
//  * ShellScriptOf: [bash|zsh|sh (any path), -c|-lc, SCRIPT] exactly, else
//    nothing.
//  * PlainCommands (plain_script.h): Codex's "word-only commands sequence".
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

// A word that starts or continues a compound command in command position
// (`if`, `{`, `[[`, ...).
bool IsReservedWord(std::string_view word);

std::optional<Argv> HeredocCommand(std::string_view script);
std::optional<std::vector<Argv>> LiteralCommands(std::string_view script);

}  // namespace warden::engine::approval

#endif  // WARDEN_ENGINE_APPROVAL_SHELL_SCRIPT_H_
