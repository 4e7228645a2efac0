// One conservative shell lexer, shared by the inline-example splitter
// (SPEC A4) and the script decomposer (SPEC B1).
//
// Both modes agree on words: blanks separate them; '...' is literal;
// "..." keeps everything except that a backslash before $ ` " \ or newline
// yields that character (newline: nothing); an unquoted backslash yields the
// next character (backslash-newline: nothing); '#' at the start of a word
// begins a comment to the end of the line.
//
// kExample (Rust shlex semantics, as Codex): every other character is
// literal, and space, tab and newline are the only separators.
//
// kScript (bash semantics for what it accepts): additionally recognises the
// operators | & ; ( ) < > (and their multi-character forms) and newline, and
// flags — rather than performs — everything bash would expand: $..., `...`,
// unquoted globs (* ? [), braces, and a tilde at word start or after an
// unquoted '=' or ':'. Flagged words keep their source text. The bodies of
// $(...) and `...` (including inside double quotes and unquoted heredocs)
// are returned so the decomposer can look for literal commands in them.
// Heredoc bodies are skipped as data.
#ifndef WARDEN_ENGINE_SHELL_SHELL_WORDS_H_
#define WARDEN_ENGINE_SHELL_SHELL_WORDS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace warden::engine {

enum class ShellMode { kExample, kScript };

struct ShellToken {
  enum class Kind { kWord, kOperator };
  Kind kind = Kind::kWord;
  // Word: the value after quote removal (for a flagged word: with the
  // expansions' source text left in place). Operator: its spelling; a
  // newline is "\n".
  std::string text;
  bool quoted = false;     // some part of the word was quoted or escaped
  bool expansion = false;  // the word's value is not knowable statically
  // > 0 when the word has the form NAME=VALUE with NAME an unquoted shell
  // identifier of that length (a candidate assignment).
  int assignment_name_length = 0;
  // The word is all digits and immediately followed by '<' or '>': it is
  // the file descriptor of a redirection, not an argument.
  bool io_number = false;
};

struct ShellLexResult {
  std::vector<ShellToken> tokens;
  // Source text of each outermost $(...) and `...` body (kScript only), in
  // source order. Substitutions nested inside a body are not listed: lexing
  // the body finds them.
  std::vector<std::string> substitutions;
  // Empty when the text lexed cleanly; otherwise what was wrong (an
  // unterminated quote or substitution, a trailing backslash, nesting too
  // deep). `tokens` then holds what was read before the error.
  std::string error;
  bool ok() const { return error.empty(); }
};

ShellLexResult LexShell(std::string_view text, ShellMode mode);

// Splits an inline example string (SPEC A4). Errors, complete with prefix:
// "invalid example: example string has invalid shell syntax",
// "invalid example: example cannot be an empty string".
absl::StatusOr<std::vector<std::string>> SplitExampleString(
    std::string_view text);

// Quotes `word` so that LexShell (either mode) and bash read it back as
// exactly `word`: unchanged when it is made only of safe characters,
// otherwise single-quoted (with ' written as '\''). "" gives ''.
std::string ShellQuote(std::string_view word);
std::string ShellJoin(const std::vector<std::string>& words);

}  // namespace warden::engine

#endif  // WARDEN_ENGINE_SHELL_SHELL_WORDS_H_
