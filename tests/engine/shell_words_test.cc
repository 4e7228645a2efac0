// The shared shell lexer: example splitting (SPEC A4) and, for every script
// the decomposer accepts as literal words, agreement with real bash.
#include "engine/shell/shell_words.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <random>
#include <string>
#include <vector>

namespace warden::engine {
namespace {

using ::testing::ElementsAre;
using Words = std::vector<std::string>;

Words Split(std::string_view s) {
  auto w = SplitExampleString(s);
  return w.ok() ? *w : Words{"ERR: " + std::string(w.status().message())};
}

TEST(SplitExampleTest, PosixQuoting) {
  EXPECT_THAT(Split("git status"), ElementsAre("git", "status"));
  EXPECT_THAT(Split("  git\t status \n"), ElementsAre("git", "status"));
  EXPECT_THAT(Split("echo 'a b' \"c d\""), ElementsAre("echo", "a b", "c d"));
  EXPECT_THAT(Split("a\\ b"), ElementsAre("a b"));
  EXPECT_THAT(Split("x 'it''s' \"q\\\"uote\""),
              ElementsAre("x", "its", "q\"uote"));
  EXPECT_THAT(Split("\"a\\nb\""), ElementsAre("a\\nb"));
  EXPECT_THAT(Split("\"\\$HOME\""), ElementsAre("$HOME"));
  EXPECT_THAT(Split("a \"\" ''"), ElementsAre("a", "", ""));
  EXPECT_THAT(Split("echo $HOME *.txt a|b;c"),
              ElementsAre("echo", "$HOME", "*.txt", "a|b;c"));
  EXPECT_THAT(Split("line\\\ncontinued"), ElementsAre("linecontinued"));
}

TEST(SplitExampleTest, Comments) {
  EXPECT_THAT(Split("git status # why"), ElementsAre("git", "status"));
  EXPECT_THAT(Split("git a#b"), ElementsAre("git", "a#b"));
  EXPECT_THAT(Split("git '#x'"), ElementsAre("git", "#x"));
  EXPECT_THAT(Split("# all comment\nls"), ElementsAre("ls"));
}

TEST(SplitExampleTest, Errors) {
  EXPECT_THAT(
      Split("echo 'unterminated"),
      ElementsAre("ERR: invalid example: example string has invalid shell "
                  "syntax"));
  EXPECT_THAT(
      Split("echo \"unterminated"),
      ElementsAre("ERR: invalid example: example string has invalid shell "
                  "syntax"));
  EXPECT_THAT(
      Split("trailing\\"),
      ElementsAre("ERR: invalid example: example string has invalid shell "
                  "syntax"));
  EXPECT_THAT(Split(""),
              ElementsAre("ERR: invalid example: example cannot be an empty "
                          "string"));
  EXPECT_THAT(Split("   # only a comment"),
              ElementsAre("ERR: invalid example: example cannot be an empty "
                          "string"));
}

TEST(ShellQuoteTest, RoundTrips) {
  for (std::string w : {"", "plain", "a b", "it's", "$x", "*", "~", "a\nb",
                        "\"", "\\", "#c", "=x", "日本"}) {
    auto back = SplitExampleString(ShellQuote(w));
    ASSERT_TRUE(back.ok()) << w;
    EXPECT_THAT(*back, ElementsAre(w));
    ShellLexResult lexed = LexShell(ShellQuote(w), ShellMode::kScript);
    ASSERT_TRUE(lexed.ok());
    ASSERT_EQ(lexed.tokens.size(), 1u);
    EXPECT_EQ(lexed.tokens[0].text, w);
    EXPECT_FALSE(lexed.tokens[0].expansion) << w;
  }
  EXPECT_EQ(ShellJoin({"git", "commit", "-m", "a b"}), "git commit -m 'a b'");
}

TEST(ScriptLexTest, OperatorsAndFlags) {
  ShellLexResult r = LexShell("a&&b||c;d|e\nf 2>&1 >out", ShellMode::kScript);
  ASSERT_TRUE(r.ok());
  std::vector<std::string> texts;
  for (const ShellToken& t : r.tokens) texts.push_back(t.text);
  EXPECT_THAT(texts, ElementsAre("a", "&&", "b", "||", "c", ";", "d", "|", "e",
                                 "\n", "f", "2", ">&", "1", ">", "out"));
  EXPECT_TRUE(r.tokens[11].io_number);
  EXPECT_FALSE(r.tokens[10].io_number);
}

TEST(ScriptLexTest, ExpansionsAreFlaggedAndSubstitutionsCollected) {
  ShellLexResult r =
      LexShell("echo $(rm -rf x) \"`id`\" $HOME ~/a b~c *.c {a,b} 'lit$x'",
               ShellMode::kScript);
  ASSERT_TRUE(r.ok()) << r.error;
  ASSERT_EQ(r.tokens.size(), 9u);
  EXPECT_FALSE(r.tokens[0].expansion);
  EXPECT_TRUE(r.tokens[1].expansion);
  EXPECT_EQ(r.tokens[1].text, "$(rm -rf x)");
  EXPECT_TRUE(r.tokens[2].expansion);
  EXPECT_TRUE(r.tokens[3].expansion);
  EXPECT_TRUE(r.tokens[4].expansion);
  EXPECT_FALSE(r.tokens[5].expansion);  // a tilde inside a word is literal
  EXPECT_TRUE(r.tokens[6].expansion);
  EXPECT_TRUE(r.tokens[7].expansion);
  EXPECT_FALSE(r.tokens[8].expansion);
  EXPECT_EQ(r.tokens[8].text, "lit$x");
  EXPECT_THAT(r.substitutions, ElementsAre("rm -rf x", "id"));
}

TEST(ScriptLexTest, NestedSubstitutionsAndHeredocs) {
  ShellLexResult r =
      LexShell("a $(b $(c) \")\") d\ncat <<EOF\n$(evil)\nrm -rf /\nEOF\nls",
               ShellMode::kScript);
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_THAT(r.substitutions, ElementsAre("b $(c) \")\"", "evil"));
  std::vector<std::string> texts;
  for (const ShellToken& t : r.tokens) texts.push_back(t.text);
  // The heredoc body is data: `rm -rf /` is not a command.
  EXPECT_THAT(texts, ElementsAre("a", "$(b $(c) \")\")", "d", "\n", "cat", "<<",
                                 "EOF", "\n", "ls"));
}

TEST(ScriptLexTest, Errors) {
  EXPECT_FALSE(LexShell("echo 'x", ShellMode::kScript).ok());
  EXPECT_FALSE(LexShell("echo $(x", ShellMode::kScript).ok());
  EXPECT_FALSE(LexShell("echo `x", ShellMode::kScript).ok());
  EXPECT_FALSE(LexShell("cat <<EOF\nno end", ShellMode::kScript).ok());
  std::string deep;
  for (int i = 0; i < 100; ++i) deep += "$(";
  EXPECT_FALSE(LexShell(deep, ShellMode::kScript).ok());
}

TEST(ScriptLexTest, AssignmentCandidates) {
  ShellLexResult r =
      LexShell("A=1 _b=x=y 1c=2 \"Q\"=3 d=\"a b\" e", ShellMode::kScript);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.tokens[0].assignment_name_length, 1);
  EXPECT_EQ(r.tokens[1].assignment_name_length, 2);
  EXPECT_EQ(r.tokens[2].assignment_name_length, 0);
  EXPECT_EQ(r.tokens[3].assignment_name_length, 0);
  EXPECT_EQ(r.tokens[4].assignment_name_length, 1);
  EXPECT_EQ(r.tokens[4].text, "d=a b");
  EXPECT_EQ(r.tokens[5].assignment_name_length, 0);
}

// ---- agreement with bash -------------------------------------------------

const char* FindBash() {
  for (const char* p : {"/bin/bash", "/usr/bin/bash"}) {
    if (access(p, X_OK) == 0) return p;
  }
  return nullptr;
}

// Runs `bash -c SCRIPT` and returns its stdout.
std::string RunBash(const char* bash, const std::string& script) {
  int fds[2];
  if (pipe(fds) != 0) return "<pipe failed>";
  pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], 1);
    close(fds[0]);
    close(fds[1]);
    execl(bash, "bash", "-c", script.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(fds[1]);
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = read(fds[0], buf, sizeof buf)) > 0) out.append(buf, n);
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  return out;
}

// The words of `script` when it is one simple command of literal words.
std::optional<Words> LiteralWords(const std::string& script) {
  ShellLexResult r = LexShell(script, ShellMode::kScript);
  if (!r.ok()) return std::nullopt;
  Words words;
  for (const ShellToken& t : r.tokens) {
    if (t.kind != ShellToken::Kind::kWord || t.expansion || t.io_number) {
      return std::nullopt;
    }
    words.push_back(t.text);
  }
  return words;
}

std::string GeneratePiece(std::mt19937& rng) {
  static const std::vector<std::string> kBare = {
      "a", "Z", "0", "-",    "--x", "_",   ".", "/", ",", ":", "@", "%",
      "+", "=", "é", "日本", "a#b", "x=y", "~", "]", "}", "!", "^"};
  static const std::vector<std::string> kSingle = {
      "", " ", "$x", "\"", "\\", "\n", "*", "a b", "`id`", "#", "é", "~"};
  static const std::vector<std::string> kDouble = {
      "",  " ", "\\\"", "\\\\", "\\$",  "\\`", "\\a", "\\n", "\n",
      "'", "*", "#",    "a b",  "\\\n", "~",   "é",   "!",   "\\'"};
  static const std::vector<std::string> kEscaped = {
      "\\ ", "\\$", "\\'", "\\\"", "\\\\", "\\*", "\\#",  "\\;", "\\|",
      "\\&", "\\(", "\\<", "\\a",  "\\~",  "\\{", "\\\n", "\\é"};
  switch (rng() % 4) {
    case 0:
      return kBare[rng() % kBare.size()];
    case 1:
      return "'" + kSingle[rng() % kSingle.size()] + "'";
    case 2: {
      std::string s = "\"";
      int n = rng() % 3;
      for (int i = 0; i < n; ++i) s += kDouble[rng() % kDouble.size()];
      return s + "\"";
    }
    default:
      return kEscaped[rng() % kEscaped.size()];
  }
}

std::vector<std::string> HandwrittenScripts() {
  return {"a",
          "'a b' c",
          "\"\"",
          "''",
          "a '' \"\" b",
          "e''vil",
          "\\evil",
          "\"ev\"'il'",
          "ev\\il",
          "\"ev\\il\"",
          "a\\\nb",
          "a \\\n b",
          "a #comment $(x)",
          "a#b",
          "x \"a\\\"b\" 'c\\d'",
          "\"\\$HOME\" '$HOME'",
          "日本語 'ü' \"é\"",
          "--flag=value -x -- -",
          "a\tb",
          "HEAD~1 @ a=b",
          "'don'\\''t'",
          "\"multi\nline\"",
          "x \"$\"",
          "a! !b"};
}

TEST(ShellBashAgreementTest, LiteralWordsMatchWhatBashPasses) {
  const char* bash = FindBash();
  if (bash == nullptr) GTEST_SKIP() << "bash not installed";
  std::mt19937 rng(4242);
  std::vector<std::string> scripts = HandwrittenScripts();
  for (int i = 0; i < 3000; ++i) {
    std::string script;
    int words = 1 + rng() % 4;
    for (int w = 0; w < words; ++w) {
      if (w > 0) script += (rng() % 5 == 0) ? "\t" : " ";
      int pieces = 1 + rng() % 3;
      for (int p = 0; p < pieces; ++p) script += GeneratePiece(rng);
    }
    scripts.push_back(script);
  }
  // Accepted scripts run in batches, one bash process per batch: each is
  // prefixed by printf and followed by a separator byte. The blank line
  // after each script ends it even if it closes with a line continuation.
  std::vector<std::string> accepted;
  std::vector<std::string> expected;
  for (const std::string& script : scripts) {
    std::optional<Words> words = LiteralWords(script);
    if (!words || words->empty()) continue;
    std::string e;
    for (const std::string& w : *words) e += w + '\0';
    accepted.push_back(script);
    expected.push_back(e);
  }
  ASSERT_GT(accepted.size(), 2000u);
  const size_t kBatch = 250;
  for (size_t start = 0; start < accepted.size(); start += kBatch) {
    size_t end = std::min(accepted.size(), start + kBatch);
    std::string batch;
    for (size_t i = start; i < end; ++i) {
      batch += "printf '%s\\0' " + accepted[i] + "\n\nprintf '\\001'\n";
    }
    std::string out = RunBash(bash, batch);
    size_t pos = 0;
    for (size_t i = start; i < end; ++i) {
      size_t sep = out.find('\001', pos);
      ASSERT_NE(sep, std::string::npos)
          << "bash output ended early at [" << accepted[i] << "]";
      ASSERT_EQ(out.substr(pos, sep - pos), expected[i])
          << "script: [" << accepted[i] << "]";
      pos = sep + 1;
    }
  }
}

}  // namespace
}  // namespace warden::engine
