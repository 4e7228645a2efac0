// Codex's "word-only commands sequence" reading of a `bash|zsh|sh -c|-lc`
// script (codex-rs/shell-command/src/bash.rs, on tree-sitter-bash), written
// as its own small scanner rather than on warden's lexer because Codex keeps
// text that the shell would change:
//
//  * the script must be simple commands of words joined by && || ; | and
//    newlines; anything else rejects it: a comment, a redirection, `&`,
//    parentheses, any `$` or backtick, an assignment or a reserved word in
//    command position, an empty command;
//  * a word is taken as its source text with the quotes removed: '...' gives
//    what is between the quotes, "..." what is between the quotes with its
//    escapes kept (`"a\"b"` is `a\"b`), an unquoted escape stays (`l\s`);
//  * the command name must be one bare word (`l\s` is accepted, `'ls'`,
//    `"ls"l` and a number are not).
//
// Words whose only expansions are globs (* ? [), braces or a leading tilde
// are taken literally with literal_patterns (as Codex's grammar reads them
// for its exec-policy split); without it they reject the script (the
// known-safe check: `find *` may expand to `-delete`).
#ifndef WARDEN_ENGINE_APPROVAL_PLAIN_SCRIPT_H_
#define WARDEN_ENGINE_APPROVAL_PLAIN_SCRIPT_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace warden::engine::approval {

using Argv = std::vector<std::string>;

struct PlainScript {
  std::vector<Argv> commands;
  // Some word's text, as Codex takes it, differs from the value the shell
  // gives it (an escape: `-de\lete` runs as `-delete`). The known-safe check
  // declines such a script where Codex would judge the text.
  bool escaped = false;
};

std::optional<PlainScript> ReadPlainScript(std::string_view script,
                                           bool literal_patterns = false);

// The commands of ReadPlainScript.
std::optional<std::vector<Argv>> PlainCommands(std::string_view script,
                                               bool literal_patterns = false);

}  // namespace warden::engine::approval

#endif  // WARDEN_ENGINE_APPROVAL_PLAIN_SCRIPT_H_
