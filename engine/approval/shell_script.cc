#include "engine/approval/shell_script.h"

#include <algorithm>
#include <array>

#include "engine/shell/shell_words.h"

namespace warden::engine::approval {
namespace {

using Kind = ShellToken::Kind;

// Shells whose `-c`/`-lc` scripts Codex reads (shell_detect.rs).
constexpr std::array<std::string_view, 3> kScriptShells = {"bash", "zsh", "sh"};
constexpr std::array<std::string_view, 2> kScriptFlags = {"-c", "-lc"};
// Words that start a compound command or continue one when they stand in
// command position.
constexpr std::array<std::string_view, 21> kReservedWords = {
    "if",     "then", "else",  "elif",  "fi",  "do", "done",
    "case",   "esac", "while", "until", "for", "in", "function",
    "select", "time", "{",     "}",     "!",   "[[", "coproc"};
// Reserved words after which a command (not another keyword) must come.
constexpr std::array<std::string_view, 6> kNeedsCommandAfter = {
    "if", "then", "elif", "while", "until", "do"};
constexpr std::array<std::string_view, 5> kClosesCompound = {"then", "do", "fi",
                                                             "done", "esac"};
constexpr std::array<std::string_view, 11> kRedirections = {
    "<", ">", ">>", "<&", ">&", "<>", ">|", "&>", "&>>", "<<<", "<<"};

template <size_t N>
bool In(const std::array<std::string_view, N>& list, std::string_view word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

bool IsWord(const ShellToken& t) { return t.kind == Kind::kWord; }
bool IsOp(const ShellToken& t, std::string_view op) {
  return t.kind == Kind::kOperator && t.text == op;
}
bool IsReserved(const ShellToken& t) {
  return IsWord(t) && !t.quoted && In(kReservedWords, t.text);
}

}  // namespace

bool IsReservedWord(std::string_view word) { return In(kReservedWords, word); }

std::string_view ProgramName(std::string_view argv0) {
  size_t slash = argv0.rfind('/');
  return slash == std::string_view::npos ? argv0 : argv0.substr(slash + 1);
}

std::optional<std::string_view> ShellScriptOf(
    std::span<const std::string> argv) {
  if (argv.size() != 3 || !In(kScriptFlags, argv[1]) ||
      !In(kScriptShells, ProgramName(argv[0]))) {
    return std::nullopt;
  }
  return std::string_view(argv[2]);
}

std::optional<Argv> HeredocCommand(std::string_view script) {
  ShellLexResult lexed = LexShell(script, ShellMode::kScript);
  if (!lexed.ok() || !lexed.substitutions.empty()) return std::nullopt;
  Argv words;
  bool heredoc = false;
  bool ended = false;  // a newline ended the one command
  const std::vector<ShellToken>& tokens = lexed.tokens;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const ShellToken& token = tokens[i];
    if (IsOp(token, "\n")) {
      ended = !words.empty() || heredoc;
      continue;
    }
    if (ended) return std::nullopt;  // a second command
    if (IsWord(token)) {
      if (token.quoted || token.expansion || token.io_number ||
          token.assignment_name_length > 0 ||
          (words.empty() && IsReserved(token))) {
        return std::nullopt;
      }
      words.push_back(token.text);
      continue;
    }
    // Only here-documents and here-strings attach to the command; their
    // delimiter or string is the next word.
    if (token.text != "<<" && token.text != "<<-" && token.text != "<<<") {
      return std::nullopt;
    }
    if (i + 1 >= tokens.size() || !IsWord(tokens[i + 1])) return std::nullopt;
    heredoc = heredoc || token.text != "<<<";
    ++i;
  }
  if (!heredoc || words.empty()) return std::nullopt;
  return words;
}

namespace {

// Collects the literal commands of one lexed script (and, recursively, of
// its substitutions) into `out`. False when the script is malformed.
bool CollectLiteralCommands(std::string_view script, int depth,
                            std::vector<Argv>* out) {
  if (depth > 8) return true;
  ShellLexResult lexed = LexShell(script, ShellMode::kScript);
  if (!lexed.ok()) return false;
  const std::vector<ShellToken>& tokens = lexed.tokens;
  Argv current;
  bool literal_name = false;       // current command's name is a literal word
  bool named = false;              // the command word has been seen
  bool skip_to_separator = false;  // in `for NAME in ...` / `case ... in`
  std::string_view last_reserved;
  auto finish = [&] {
    if (named && literal_name && !current.empty()) out->push_back(current);
    current.clear();
    named = literal_name = false;
  };
  for (size_t i = 0; i < tokens.size(); ++i) {
    const ShellToken& token = tokens[i];
    if (token.kind == Kind::kOperator) {
      if (In(kRedirections, token.text) || token.text == "<<-") {
        ++i;  // the redirection's target word
        continue;
      }
      finish();
      skip_to_separator = false;
      last_reserved = {};
      continue;
    }
    if (token.io_number) continue;
    if (skip_to_separator) {
      if (!token.quoted && token.text == "do") {
        skip_to_separator = false;
        last_reserved = "do";
      }
      continue;
    }
    if (!named) {
      if (IsReserved(token)) {
        if (In(kNeedsCommandAfter, last_reserved) &&
            In(kClosesCompound, token.text)) {
          return false;  // `if then ...`: a syntax error, as tree-sitter says
        }
        last_reserved = token.text;
        if (token.text == "for" || token.text == "case" ||
            token.text == "select") {
          skip_to_separator = true;
        }
        continue;
      }
      if (token.assignment_name_length > 0) continue;  // NAME=value prefix
      named = true;
      last_reserved = {};
      literal_name = !token.expansion;
      if (literal_name) current.push_back(token.text);
      continue;
    }
    if (!token.expansion) current.push_back(token.text);
  }
  finish();
  for (const std::string& body : lexed.substitutions) {
    if (!CollectLiteralCommands(body, depth + 1, out)) return false;
  }
  return true;
}

}  // namespace

std::optional<std::vector<Argv>> LiteralCommands(std::string_view script) {
  std::vector<Argv> commands;
  if (!CollectLiteralCommands(script, 0, &commands)) return std::nullopt;
  return commands;
}

}  // namespace warden::engine::approval
