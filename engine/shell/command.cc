#include "engine/shell/command.h"

#include <algorithm>
#include <array>
#include <optional>
#include <set>
#include <utility>

#include "base/identifier.h"
#include "base/path.h"
#include "engine/shell/program_knowledge.h"
#include "engine/shell/shell_words.h"
#include "engine/str_util.h"

namespace warden::engine {
namespace {

using Argv = std::vector<std::string>;
using shell::Dialect;

using base::Basename;
using base::IsIdentifier;

template <size_t N>
bool OneOf(std::string_view s, const std::array<std::string_view, N>& set) {
  return std::find(set.begin(), set.end(), s) != set.end();
}

constexpr std::array<std::string_view, 16> kReservedWords = {
    "if",   "then",  "else",  "elif", "fi", "do", "done", "case",
    "esac", "while", "until", "for",  "{",  "}",  "!",    "[["};
constexpr std::array<std::string_view, 4> kMoreReservedWords = {
    "]]", "select", "function", "coproc"};

// Builtins whose effect reaches later commands (or that run code).
// zsh's: options, emulation, autoloaded functions and modules (fpath and
// module_path name code that then runs).
constexpr std::array<std::string_view, 32> kStateBuiltins = {
    "eval",    "source",    ".",        "export",    "alias",    "unalias",
    "set",     "shopt",     "declare",  "typeset",   "readonly", "local",
    "unset",   "trap",      "enable",   "hash",      "builtin",  "let",
    "mapfile", "readarray", "fc",       "bind",      "setopt",   "unsetopt",
    "emulate", "autoload",  "zmodload", "functions", "disable",  "r",
    "compgen", "complete"};

// ---- the shell-script parser ------------------------------------------------

struct ScriptCommand {
  Argv words;
  size_t assignments = 0;  // leading NAME=value words
  // What a literal `echo`/`printf` just before `|` writes to this command's
  // standard input (`echo 'rm x' | bash`): searched for commands when the
  // command turns out to be a shell reading its script from there.
  std::optional<std::string> piped_text;
};

// The text `echo ARGS` / `printf ARGS` would write, near enough to search
// it for commands (options and format directives are kept as words).
std::optional<std::string> LiteralOutput(const Argv& words) {
  if (words.empty() || (words[0] != "echo" && words[0] != "printf")) {
    return std::nullopt;
  }
  std::string out;
  for (size_t i = 1; i < words.size(); ++i) {
    if (words[0] == "echo" && out.empty() &&
        (words[i] == "-n" || words[i] == "-e" || words[i] == "-E")) {
      continue;
    }
    if (!out.empty()) out += ' ';
    out += words[i];
  }
  return out;
}

struct ScriptParse {
  std::vector<ScriptCommand> commands;  // top level, source order
  std::vector<ScriptCommand> inner;     // seen inside substitutions
  bool complete = true;
  std::vector<std::string> notes;

  void Incomplete(std::string note) {
    complete = false;
    if (std::find(notes.begin(), notes.end(), note) == notes.end()) {
      notes.push_back(std::move(note));
    }
  }
};

bool IsRedirection(std::string_view op) {
  return op == "<" || op == ">" || op == ">>" || op == "<<" || op == "<<-" ||
         op == "<<<" || op == "<&" || op == ">&" || op == "<>" || op == ">|" ||
         op == "&>" || op == "&>>";
}

ScriptParse ParseScript(std::string_view script, int depth, Dialect dialect) {
  ScriptParse parse;
  if (depth > kMaxDepth) {
    parse.Incomplete("shell scripts nested too deeply");
    return parse;
  }
  ShellLexResult lexed = LexShell(script, ShellMode::kScript);
  if (!lexed.ok()) parse.Incomplete(Concat({"shell syntax: ", lexed.error}));

  ScriptCommand current;
  std::optional<std::string> pipe_text;  // from the command before `|`
  bool expect_target = false;
  bool expect_function_name = false;  // after `function`
  std::string last_separator;
  auto flush = [&]() {
    if (!current.words.empty()) {
      current.piped_text = std::move(pipe_text);
      parse.commands.push_back(std::move(current));
    }
    pipe_text.reset();
    current = ScriptCommand();
  };
  for (const ShellToken& token : lexed.tokens) {
    if (token.kind == ShellToken::Kind::kOperator) {
      const std::string& op = token.text;
      if (expect_target) {
        parse.Incomplete("redirection without a target");
        expect_target = false;
      }
      if (IsRedirection(op)) {
        parse.Incomplete("redirection");
        expect_target = true;
        continue;
      }
      if (op == "&&" || op == "||" || op == "|" || op == ";") {
        if (current.words.empty()) {
          parse.Incomplete(Concat({"empty command before `", op, "`"}));
        }
        flush();
        if (op == "|" && !parse.commands.empty()) {
          pipe_text = LiteralOutput(parse.commands.back().words);
        }
        last_separator = op;
        continue;
      }
      if (op == "\n") {
        flush();
        if (last_separator == ";") last_separator.clear();
        continue;
      }
      if (op == "&") {
        parse.Incomplete("background job (&)");
      } else if (op == "(" || op == ")") {
        parse.Incomplete("subshell or function definition");
      } else {
        parse.Incomplete(Concat({"operator `", op, "`"}));
      }
      flush();
      last_separator.clear();
      continue;
    }
    last_separator.clear();
    if (expect_target) {
      expect_target = false;
      continue;
    }
    if (token.io_number) continue;  // the redirection operator follows
    if (expect_function_name) {
      // `function f { body; }`: f is a name, and the body's commands
      // (after `{`) are worth seeing.
      expect_function_name = false;
      continue;
    }
    if (current.words.empty() && !token.quoted &&
        (OneOf(token.text, kReservedWords) ||
         OneOf(token.text, kMoreReservedWords))) {
      parse.Incomplete(Concat({"reserved word `", token.text, "`"}));
      if (token.text == "function") expect_function_name = true;
      // `[[ -v 'a[$(rm x)]' ]]` evaluates the subscript: keep its words as
      // a command of `[[` so the builtin knowledge finds the code in them.
      if (token.text != "[[") continue;
    }
    if (dialect == Dialect::kZsh && token.text.starts_with("=")) {
      // zsh replaces `=cmd` by the path of cmd (EQUALS).
      parse.Incomplete("zsh `=command` expansion");
    }
    if (token.expansion) {
      parse.Incomplete("expansion ($, `, glob, brace or tilde)");
    }
    if (current.words.size() == current.assignments &&
        token.assignment_name_length > 0) {
      ++current.assignments;
    }
    current.words.push_back(token.text);
  }
  if (expect_target) parse.Incomplete("redirection without a target");
  flush();
  if (last_separator == "&&" || last_separator == "||" ||
      last_separator == "|") {
    parse.Incomplete(Concat({"script ends with `", last_separator, "`"}));
  }
  for (const std::string& body : lexed.substitutions) {
    parse.Incomplete("command substitution");
    ScriptParse sub = ParseScript(body, depth + 1, dialect);
    for (ScriptCommand& c : sub.commands) parse.inner.push_back(std::move(c));
    for (ScriptCommand& c : sub.inner) parse.inner.push_back(std::move(c));
  }
  return parse;
}

// ---- option scanning
// ---------------------------------------------------------

// What a wrapper or runner accepts before the command it runs.
struct OptionSpec {
  std::string_view short_flags;                 // -x
  std::string_view short_with_arg;              // -x ARG or -xARG
  std::vector<std::string_view> long_flags;     // --flag
  std::vector<std::string_view> long_with_arg;  // --opt ARG or --opt=ARG
};

struct OptionScan {
  size_t next = 0;       // index of the first operand
  bool unknown = false;  // an option the spec does not know
  std::string seen;      // short option letters seen, for callers' checks
  std::vector<std::string> seen_long;
};

OptionScan ScanOptions(const Argv& argv, size_t start, const OptionSpec& spec) {
  OptionScan scan;
  size_t i = start;
  while (i < argv.size()) {
    const std::string& tok = argv[i];
    if (tok == "--") {
      ++i;
      break;
    }
    if (tok.size() < 2 || tok[0] != '-') break;
    if (tok[1] == '-') {
      std::string_view name = std::string_view(tok).substr(2);
      size_t eq = name.find('=');
      std::string_view key = name.substr(0, eq);
      scan.seen_long.emplace_back(key);
      if (std::find(spec.long_with_arg.begin(), spec.long_with_arg.end(),
                    key) != spec.long_with_arg.end()) {
        i += eq == std::string_view::npos ? 2 : 1;
      } else {
        if (std::find(spec.long_flags.begin(), spec.long_flags.end(), key) ==
            spec.long_flags.end()) {
          scan.unknown = true;
        }
        ++i;
      }
      continue;
    }
    size_t next = i + 1;
    for (size_t j = 1; j < tok.size(); ++j) {
      char c = tok[j];
      scan.seen.push_back(c);
      if (spec.short_with_arg.find(c) != std::string_view::npos) {
        if (j + 1 == tok.size()) next = i + 2;
        break;
      }
      if (spec.short_flags.find(c) == std::string_view::npos) {
        scan.unknown = true;
      }
    }
    i = next;
  }
  scan.next = std::min(i, argv.size());
  return scan;
}

// ---- the decomposer
// ----------------------------------------------------------

class Decomposer {
 public:
  Decomposer(Decomposition& out, const DecomposeOptions& options)
      : out_(out), options_(options) {}

  // `dialect` is the shell whose rules read argv's words (kExec: none; the
  // argv is executed as is).
  void Command(Argv argv, int depth, bool inner,
               Dialect dialect = Dialect::kExec) {
    if (argv.empty()) return;
    PartKind kind = inner ? PartKind::kInner : PartKind::kCommand;
    if (!Room()) return;
    if (depth > kMaxDepth) {
      Incomplete("commands nested too deeply");
      Add(std::move(argv), kind);
      return;
    }
    // NAME=value words before the command, also in an argv handed over
    // directly (a harness may join it into a shell command line).
    if (LooksLikeAssignment(argv[0])) {
      ScriptCommand cmd;
      cmd.words = std::move(argv);
      while (cmd.assignments < cmd.words.size() &&
             LooksLikeAssignment(cmd.words[cmd.assignments])) {
        ++cmd.assignments;
      }
      FromScript(std::move(cmd), depth, inner, dialect);
      return;
    }
    // zsh's `=cmd` runs cmd's path; a program literally named `=cmd` is
    // judged as cmd too (stricter, never weaker).
    if (argv[0].size() > 1 && argv[0][0] == '=') {
      Incomplete("zsh `=command` expansion");
      argv[0].erase(0, 1);
    }
    if (dialect == Dialect::kZsh) {
      if (const shell::ZshModifier* m = shell::FindZshModifier(argv[0]);
          m != nullptr && argv.size() > 1 + m->skip) {
        size_t from = 1 + m->skip;
        // `repeat 3 do rm x; done` / `repeat 3 { rm x }`: the loop body
        // follows the keyword (the script is incomplete already: `done`).
        if (argv[from] == "do" || argv[from] == "{") ++from;
        Add(argv, PartKind::kWrapper);
        if (from < argv.size()) {
          Command(Argv(argv.begin() + from, argv.end()), depth + 1, inner,
                  dialect);
        }
        return;
      }
    }
    std::string_view name = Basename(argv[0]);
    bool by_path = argv[0].find('/') != std::string::npos;
    if (Interpreted(argv, depth, inner, dialect)) {
      // SPEC B2: decomposed as `name` so its rules apply, but the program
      // that runs may not be `name` unless the path is trusted.
      if (by_path && !Trusted(argv[0])) {
        Incomplete(
            Concat({"`", argv[0], "` may not be the program `", name, "`"}));
      }
      return;
    }
    Builtin(argv, depth);
    if (OneOf(name, kStateBuiltins) && name == argv[0]) {
      Incomplete(Concat({"`", name, "` changes how later commands run"}));
    }
    Add(std::move(argv), kind);
  }

  // One simple command of a script: leading assignments are a transparent
  // wrapper around the rest.
  void FromScript(ScriptCommand cmd, int depth, bool inner,
                  Dialect dialect = Dialect::kExec) {
    // Read by Shell() when this command is a shell reading standard input.
    std::optional<std::string> saved = std::move(piped_text_);
    piped_text_ = std::move(cmd.piped_text);
    FromScriptWords(std::move(cmd), depth, inner, dialect);
    piped_text_ = std::move(saved);
  }

 private:
  void FromScriptWords(ScriptCommand cmd, int depth, bool inner,
                       Dialect dialect) {
    for (size_t i = 0; i < cmd.assignments; ++i) {
      std::string_view word = cmd.words[i];
      std::string_view name = word.substr(0, word.find('='));
      if (!shell::IsAllowedAssignment(name)) {
        Incomplete(Concat({"assignment to ", name, " may change what runs"}));
      }
    }
    if (cmd.assignments == cmd.words.size()) return;
    if (cmd.assignments == 0) {
      Command(std::move(cmd.words), depth, inner, dialect);
      return;
    }
    Argv wrapped(cmd.words.begin() + cmd.assignments, cmd.words.end());
    Add(std::move(cmd.words), PartKind::kWrapper);
    Command(std::move(wrapped), depth, inner, dialect);
  }

  static bool LooksLikeAssignment(std::string_view word) {
    size_t eq = word.find('=');
    return eq != std::string_view::npos && eq > 0;
  }

  bool Trusted(std::string_view path) const {
    return options_.trusted_path && options_.trusted_path(path);
  }

  // Programs whose arguments decide what else runs. False when argv is an
  // ordinary command.
  bool Interpreted(const Argv& argv, int depth, bool inner, Dialect dialect) {
    std::string_view name = Basename(argv[0]);
    if (const shell::ShellGrammar* grammar = shell::FindShell(name)) {
      Shell(*grammar, argv, depth, inner);
      return true;
    }
    if (name == "git") return Git(argv, inner);
    return InlineProgram(argv, depth, inner) ||
           TransparentWrapper(argv, depth, inner, dialect) ||
           Runner(argv, depth, inner);
  }

  // Builtins that evaluate code or array subscripts in their arguments.
  void Builtin(const Argv& argv, int depth) {
    std::string_view name = argv[0];
    if (const shell::CodeBuiltin* b = shell::FindCodeBuiltin(name)) {
      Incomplete(Concat({"`", name, "` runs code given as an argument"}));
      if (b->code_option.empty()) {
        if (argv.size() > 1) {
          InnerScript(ShellJoinRaw(Argv(argv.begin() + 1, argv.end())), depth);
        }
      } else {
        for (size_t i = 1; i + 1 < argv.size(); ++i) {
          if (argv[i] == b->code_option) InnerScript(argv[i + 1], depth);
        }
      }
      return;
    }
    if (!shell::EvaluatesSubscripts(name)) return;
    for (size_t i = 1; i < argv.size(); ++i) {
      if (argv[i].find('[') == std::string::npos) continue;
      Incomplete(
          Concat({"`", name, "` evaluates the subscript in `", argv[i], "`"}));
      if (argv[i].find_first_of("$`") != std::string::npos) {
        InnerScript(argv[i], depth);
      }
    }
  }

  // git's global options: `git -C dir push` is matched as `git push` too.
  bool Git(const Argv& argv, bool inner) {
    if (argv.size() < 2 || argv[1].empty() || argv[1][0] != '-') return false;
    size_t i = 1;
    while (i < argv.size() && argv[i].size() > 1 && argv[i][0] == '-') {
      const std::string& tok = argv[i];
      const shell::GitOption* opt = shell::FindGitOption(tok);
      if (opt == nullptr) {
        if (tok == "--version" || tok == "--help" || tok == "-h") return false;
        Incomplete(Concat({"unknown option of `git`: ", tok}));
        ++i;
        continue;
      }
      bool attached = tok.find('=') != std::string::npos && tok[1] == '-';
      std::string_view value;
      if (opt->kind == shell::GitOptionKind::kWithArg ||
          opt->kind == shell::GitOptionKind::kConfig) {
        if (attached) {
          value = std::string_view(tok).substr(tok.find('=') + 1);
        } else if (i + 1 < argv.size()) {
          value = argv[++i];
        }
      }
      if (opt->kind == shell::GitOptionKind::kUnsafe) {
        Incomplete(Concat({"`git ", opt->name, "` changes what git runs"}));
      }
      if (opt->kind == shell::GitOptionKind::kConfig &&
          !shell::IsHarmlessGitConfig(value.substr(0, value.find('=')))) {
        Incomplete(Concat({"`git -c ", value.substr(0, value.find('=')),
                           "` may make git run a program"}));
      }
      ++i;
    }
    if (i >= argv.size()) return false;
    Add(argv, PartKind::kWrapper);
    Argv command{argv[0]};
    command.insert(command.end(), argv.begin() + i, argv.end());
    Add(std::move(command), inner ? PartKind::kInner : PartKind::kCommand);
    return true;
  }

  // bash, sh, dash, zsh: where the script comes from decides what is judged.
  void Shell(const shell::ShellGrammar& grammar, const Argv& argv, int depth,
             bool inner) {
    shell::ShellInvocation inv = shell::ParseShellInvocation(grammar, argv);
    PartKind kind = inner ? PartKind::kInner : PartKind::kCommand;
    if (!inv.unknown_option.empty()) {
      Incomplete(Concat({"option `", inv.unknown_option, "` of `", grammar.name,
                         "` is not understood"}));
    }
    switch (inv.source) {
      case shell::ScriptSource::kCommandString:
        ShellScript(argv, inv.script_index, depth, inner, grammar.dialect);
        return;
      case shell::ScriptSource::kStdin:
        Incomplete(Concat(
            {"`", grammar.name, "` reads its script from standard input"}));
        Add(argv, kind);
        if (piped_text_) {
          std::string text = *std::move(piped_text_);
          piped_text_.reset();
          InnerScript(text, depth);
        }
        return;
      case shell::ScriptSource::kFile:
        // Like an interpreter given a file: covered only by a rule that
        // names the file.
        Add(argv, kind, inv.script_index + 1);
        return;
      case shell::ScriptSource::kInformation:
        Add(argv, kind);
        return;
      case shell::ScriptSource::kNothing:
        Incomplete(Concat({"`", grammar.name, " -c` without a script"}));
        Add(argv, kind);
        return;
    }
  }

  // False, and the decomposition incomplete, once it holds kMaxParts parts.
  bool Room() {
    if (out_.parts.size() < kMaxParts) return true;
    Incomplete("too many commands to inspect");
    return false;
  }

  void Add(Argv argv, PartKind kind, size_t cover = 0) {
    if (!Room()) return;
    out_.parts.push_back({std::move(argv), kind, cover});
  }

  void Incomplete(std::string note) {
    out_.complete = false;
    if (std::find(out_.notes.begin(), out_.notes.end(), note) ==
        out_.notes.end()) {
      out_.notes.push_back(std::move(note));
    }
  }

  static std::string ShellJoinRaw(const Argv& words) {
    std::string out;
    for (size_t i = 0; i < words.size(); ++i) {
      if (i > 0) out += ' ';
      out += words[i];
    }
    return out;
  }

  // Literal commands of `script`, all as kInner (used where the script runs
  // but warden cannot vouch for the whole).
  // The dialect is zsh's: it sees the most (modifiers as wrappers, `=cmd`),
  // and everything here is already incomplete.
  void InnerScript(std::string_view script, int depth) {
    ScriptParse parse = ParseScript(script, depth + 1, Dialect::kZsh);
    for (ScriptCommand& c : parse.commands) {
      FromScript(std::move(c), depth + 1, true, Dialect::kZsh);
    }
    for (ScriptCommand& c : parse.inner) {
      FromScript(std::move(c), depth + 1, true, Dialect::kZsh);
    }
  }

  void ShellScript(Argv argv, size_t script_index, int depth, bool inner,
                   Dialect dialect) {
    std::string script = argv[script_index];
    ScriptParse parse = ParseScript(script, depth, dialect);
    Add(argv, PartKind::kWrapper);
    if (parse.complete) {
      for (ScriptCommand& c : parse.commands) {
        FromScript(std::move(c), depth + 1, inner, dialect);
      }
      return;
    }
    for (std::string& note : parse.notes) Incomplete(std::move(note));
    Add(std::move(argv), inner ? PartKind::kInner : PartKind::kCommand);
    for (ScriptCommand& c : parse.commands) {
      FromScript(std::move(c), depth + 1, true, dialect);
    }
    for (ScriptCommand& c : parse.inner) {
      FromScript(std::move(c), depth + 1, true, dialect);
    }
  }

  // Interpreters and shells given a program inline. Returns false when argv
  // is not one.
  bool InlineProgram(const Argv& argv, int depth, bool inner) {
    std::string_view name = Basename(argv[0]);
    bool shell = shell::IsOtherShell(name);
    std::string_view cluster_letters;  // short clusters holding these
    std::vector<std::string_view> exact;
    if (shell) {
      cluster_letters = "c";
    } else if (name.starts_with("python") || name.starts_with("pypy")) {
      cluster_letters = "c";
    } else if (name == "node" || name == "nodejs" || name == "bun") {
      exact = {"-e", "--eval", "-p", "--print", "-pe"};
    } else if (name == "deno") {
      exact = {"eval"};
    } else if (name == "perl" || name == "ruby") {
      cluster_letters = name == "perl" ? "eE" : "e";
    } else if (name == "php") {
      exact = {"-r"};
    } else if (name == "lua" || name == "luajit" || name == "Rscript" ||
               name == "osascript") {
      exact = {"-e"};
    } else if (name == "pwsh" || name == "powershell") {
      exact = {"-c", "-Command", "-command", "-EncodedCommand", "-e"};
    } else {
      return false;
    }
    for (size_t i = 1; i < argv.size(); ++i) {
      std::string_view tok = argv[i];
      bool hit = std::find(exact.begin(), exact.end(), tok) != exact.end();
      size_t code = i + 1;
      if (!hit && !cluster_letters.empty() && tok.size() >= 2 &&
          tok[0] == '-' && tok[1] != '-') {
        size_t at = tok.find_first_of(cluster_letters, 1);
        if (at != std::string_view::npos) {
          hit = true;
          if (at + 1 < tok.size()) code = i;  // -c'code' attached
        }
      }
      if (!hit) {
        if (tok.empty() || tok[0] != '-') break;  // a script file: runs it
        continue;
      }
      Add(argv, inner ? PartKind::kInner : PartKind::kCommand,
          std::min(code + 1, argv.size()));
      if (shell && code < argv.size() && code > i) {
        InnerScript(argv[code], depth);
      }
      return true;
    }
    return false;
  }

  // timeout, nice, nohup, stdbuf, time, command, exec, env.
  bool TransparentWrapper(const Argv& argv, int depth, bool inner,
                          Dialect dialect) {
    std::string_view name = Basename(argv[0]);
    OptionScan scan;
    bool builtin = false;  // a shell builtin: the script's dialect goes on
    if (name == "timeout") {
      scan = ScanOptions(argv, 1,
                         {"v",
                          "ks",
                          {"preserve-status", "foreground", "verbose"},
                          {"kill-after", "signal"}});
      if (scan.next < argv.size()) ++scan.next;  // DURATION
    } else if (name == "nice") {
      size_t i = 1;
      // Legacy "-N" / "--N" adjustments.
      while (i < argv.size() && argv[i].size() > 1 && argv[i][0] == '-' &&
             argv[i].find_first_not_of("-+0123456789") == std::string::npos) {
        ++i;
      }
      scan = ScanOptions(argv, i, {"", "n", {}, {"adjustment"}});
    } else if (name == "nohup") {
      scan = ScanOptions(argv, 1, {"", "", {}, {}});
    } else if (name == "stdbuf") {
      scan =
          ScanOptions(argv, 1, {"", "ioe", {}, {"input", "output", "error"}});
    } else if (name == "time") {
      scan = ScanOptions(argv, 1,
                         {"pvaq",
                          "fo",
                          {"portability", "verbose", "append", "quiet"},
                          {"format", "output"}});
    } else if (name == "command") {
      scan = ScanOptions(argv, 1, {"pvV", "", {}, {}});
      if (scan.seen.find_first_of("vV") != std::string::npos) return false;
      builtin = name == argv[0];
    } else if (name == "exec") {
      scan = ScanOptions(argv, 1, {"cl", "a", {}, {}});
      builtin = name == argv[0];
    } else if (name == "env") {
      return Env(argv, depth, inner);
    } else {
      return false;
    }
    if (scan.unknown) {
      Incomplete(Concat({"unknown option of `", name, "`"}));
    }
    if (scan.next >= argv.size()) return false;  // nothing wrapped
    Add(argv, PartKind::kWrapper);
    Command(Argv(argv.begin() + scan.next, argv.end()), depth + 1, inner,
            builtin ? dialect : Dialect::kExec);
    return true;
  }

  bool Env(const Argv& argv, int depth, bool inner) {
    OptionScan scan = ScanOptions(argv, 1,
                                  {"i0v",
                                   "uCS",
                                   {"ignore-environment", "null", "debug"},
                                   {"unset", "chdir", "split-string"}});
    bool split = scan.seen.find('S') != std::string::npos ||
                 std::find(scan.seen_long.begin(), scan.seen_long.end(),
                           "split-string") != scan.seen_long.end();
    size_t i = scan.next;
    if (i < argv.size() && argv[i] == "-") ++i;  // "env -" is "env -i"
    std::vector<std::string_view> names;
    while (i < argv.size() && argv[i].find('=') != std::string::npos) {
      names.push_back(std::string_view(argv[i]).substr(0, argv[i].find('=')));
      ++i;
    }
    if (split) {
      // env -S 'cmd args' splits its argument into a command: a runner.
      Add(argv, inner ? PartKind::kInner : PartKind::kCommand, argv.size());
      for (size_t k = 1; k < argv.size(); ++k) {
        std::string_view tok = argv[k];
        std::string text;
        size_t rest = k + 1;
        if (tok == "-S" || tok == "--split-string") {
          if (k + 1 >= argv.size()) break;
          text = argv[k + 1];
          rest = k + 2;
        } else if (tok.starts_with("--split-string=")) {
          text = tok.substr(15);
        } else if (tok.size() > 2 && tok[0] == '-' && tok[1] != '-' &&
                   tok.find('S') != std::string_view::npos) {
          text = tok.substr(tok.find('S') + 1);
          if (text.empty()) {
            if (k + 1 >= argv.size()) break;
            text = argv[k + 1];
            rest = k + 2;
          }
        } else {
          continue;
        }
        auto words = SplitExampleString(text);
        if (!words.ok()) break;
        Argv command = *std::move(words);
        while (!command.empty() && command[0].find('=') != std::string::npos) {
          command.erase(command.begin());  // env -S 'A=1 cmd'
        }
        command.insert(command.end(), argv.begin() + rest, argv.end());
        Command(std::move(command), depth + 1, true);
        break;
      }
      return true;
    }
    if (scan.unknown) Incomplete("unknown option of `env`");
    for (std::string_view n : names) {
      if (!shell::IsAllowedAssignment(n)) {
        Incomplete(Concat({"assignment to ", n, " may change what runs"}));
      }
    }
    if (i >= argv.size()) return false;  // prints the environment
    Add(argv, PartKind::kWrapper);
    Command(Argv(argv.begin() + i, argv.end()), depth + 1, inner);
    return true;
  }

  // Programs that run another command. Returns false when argv is not one.
  bool Runner(const Argv& argv, int depth, bool inner) {
    std::string_view name = Basename(argv[0]);
    PartKind kind = inner ? PartKind::kInner : PartKind::kCommand;
    if (name == "find") {
      bool any = false;
      for (size_t i = 1; i < argv.size(); ++i) {
        if (argv[i] != "-exec" && argv[i] != "-execdir" && argv[i] != "-ok" &&
            argv[i] != "-okdir") {
          continue;
        }
        if (!any) {
          Add(argv, kind, i + 2);
          any = true;
        }
        size_t end = i + 1;
        while (end < argv.size() && argv[end] != ";" && argv[end] != "+") {
          ++end;
        }
        Command(Argv(argv.begin() + i + 1, argv.begin() + end), depth + 1,
                true);
        i = end;
      }
      return any;
    }
    OptionScan scan;
    bool via_shell = false;  // the runner joins its operands into sh -c
    if (name == "sudo") {
      scan = ScanOptions(
          argv, 1,
          {"AbEeHiKklnPSsVv",
           "CDghprtTUu",
           {"askpass", "background", "preserve-env", "edit", "set-home",
            "login", "reset-timestamp", "remove-timestamp", "list",
            "non-interactive", "preserve-groups", "stdin", "shell", "version",
            "validate"},
           {"user", "group", "host", "prompt", "close-from", "chdir", "role",
            "type", "command-timeout", "other-user"}});
      while (scan.next < argv.size() &&
             argv[scan.next].find('=') != std::string::npos &&
             IsIdentifier(std::string_view(argv[scan.next])
                              .substr(0, argv[scan.next].find('=')))) {
        ++scan.next;
      }
      via_shell = scan.seen.find_first_of("si") != std::string::npos;
    } else if (name == "doas") {
      scan = ScanOptions(argv, 1, {"nsL", "uC", {}, {}});
    } else if (name == "xargs") {
      scan = ScanOptions(
          argv, 1,
          {"0oprtxiel",
           "adEILnPs",
           {"null", "interactive", "no-run-if-empty", "verbose", "exit",
            "show-limits", "open-tty", "replace", "eof", "max-lines"},
           {"arg-file", "delimiter", "max-args", "max-procs", "max-chars",
            "process-slot-var"}});
      if (scan.next >= argv.size()) return false;  // runs echo
    } else if (name == "su" || name == "runuser") {
      OptionScan s =
          ScanOptions(argv, 1,
                      {"flmpP",
                       "cgGsuw",
                       {"login", "preserve-environment", "pty", "fast"},
                       {"command", "group", "supp-group", "shell", "user",
                        "whitelist-environment", "session-command"}});
      for (size_t i = 1; i + 1 < argv.size(); ++i) {
        if (argv[i] == "-c" || argv[i] == "--command" ||
            argv[i] == "--session-command") {
          Add(argv, kind, i + 2);
          InnerScript(argv[i + 1], depth);
          return true;
        }
      }
      if (name == "runuser" && s.next < argv.size() &&
          argv[s.next - 1] == "--") {
        scan = s;
      } else {
        return false;  // an interactive shell
      }
    } else if (name == "pkexec" || name == "setsid" || name == "nsenter" ||
               name == "unshare" || name == "chroot" || name == "strace" ||
               name == "ltrace" || name == "ionice" || name == "chrt" ||
               name == "taskset" || name == "flock" || name == "watch" ||
               name == "script" || name == "ssh" || name == "parallel" ||
               name == "busybox" || name == "firejail" ||
               name == "systemd-run" || name == "dbus-run-session" ||
               name == "xvfb-run" || name == "caffeinate" ||
               name == "unbuffer" || name == "proxychains" ||
               name == "proxychains4" || name == "torsocks" ||
               name == "catchsegv" || name == "valgrind" || name == "gdb") {
      // Option syntax varies too much to know where the command starts:
      // every operand may be it, so each suffix is shown.
      // A suffix already explored at this depth is not explored again: it
      // would add the same parts, and `ssh ssh ssh ...` would otherwise
      // branch eight ways per word (20 words took 25 s).
      size_t first = 0;
      int shown = 0;
      for (size_t i = 1; i < argv.size() && shown < 4; ++i) {
        if (argv[i].empty() || argv[i][0] == '-') continue;
        if (first == 0) first = i;
        ++shown;
        Argv suffix(argv.begin() + i, argv.end());
        if (!explored_suffixes_.emplace(depth, suffix).second) continue;
        Command(suffix, depth + 1, true);
        if (name == "watch" || name == "ssh" || name == "script" ||
            name == "flock" || name == "parallel") {
          InnerScript(ShellJoinRaw(suffix), depth);
        }
      }
      Add(argv, kind, first == 0 ? argv.size() : first + 1);
      return true;
    } else {
      return false;
    }
    if (scan.next >= argv.size()) return false;
    Add(argv, kind, scan.next + 1);
    Argv wrapped(argv.begin() + scan.next, argv.end());
    if (via_shell) InnerScript(ShellJoinRaw(wrapped), depth);
    Command(std::move(wrapped), depth + 1, true);
    return true;
  }

  Decomposition& out_;
  const DecomposeOptions& options_;
  std::optional<std::string> piped_text_;  // see ScriptCommand::piped_text
  // (depth, suffix) pairs the every-suffix runners have decomposed.
  std::set<std::pair<int, Argv>> explored_suffixes_;
};

}  // namespace

std::string_view PartKindName(PartKind kind) {
  switch (kind) {
    case PartKind::kCommand:
      return "command";
    case PartKind::kWrapper:
      return "wrapper";
    case PartKind::kInner:
      return "inner";
  }
  return "command";
}

Decomposition Decompose(std::span<const std::string> argv,
                        const DecomposeOptions& options) {
  Decomposition out;
  Decomposer(out, options).Command(Argv(argv.begin(), argv.end()), 0, false);
  return out;
}

}  // namespace warden::engine
