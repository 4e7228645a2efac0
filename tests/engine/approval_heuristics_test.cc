// Known-safe and dangerous heuristics (SPEC-runtime R2) and the shell-script
// readings they rest on: every R2.5 acceptance case verbatim, the argument
// conditions of each table row, and Codex's own examples.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/approval/heuristics.h"
#include "engine/approval/plain_script.h"
#include "engine/approval/shell_script.h"

namespace warden::engine::approval {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::Optional;

Argv Sh(const std::string& script) { return {"bash", "-lc", script}; }

bool Dangerous(const Argv& argv) { return IsDangerous(argv); }

bool Safe(const Argv& argv, bool git = false) {
  return IsKnownSafe(argv, {.known_safe_git = git});
}

TEST(KnownSafeTest, AcceptanceR25Safe) {
  EXPECT_TRUE(Safe({"ls"}));
  EXPECT_TRUE(Safe({"sed", "-n", "1,5p", "f"}));
  EXPECT_TRUE(Safe({"find", ".", "-name", "x"}));
  EXPECT_TRUE(Safe(Sh("ls && pwd | wc -l")));
}

TEST(KnownSafeTest, AcceptanceR25NotSafe) {
  EXPECT_FALSE(Safe({"find", ".", "-delete"}));
  EXPECT_FALSE(Safe({"rg", "--pre=x", "y"}));
  EXPECT_FALSE(Safe({"base64", "-ob.txt"}));
  EXPECT_FALSE(Safe({"sed", "-n", "xp", "f"}));
  EXPECT_FALSE(Safe(Sh("ls > o")));
  EXPECT_FALSE(Safe({"git", "status"}));
  EXPECT_TRUE(Safe({"git", "status"}, /*git=*/true));
  EXPECT_FALSE(Safe({"git", "-C", ".", "status"}, /*git=*/true));
}

TEST(KnownSafeTest, AlwaysSafeProgramsByBasename) {
  for (const char* program :
       {"cat",  "cd",    "cut",    "echo",   "expr",  "false", "grep",
        "head", "id",    "ls",     "nl",     "paste", "pwd",   "rev",
        "seq",  "stat",  "tail",   "tr",     "true",  "uname", "uniq",
        "wc",   "which", "whoami", "numfmt", "tac"}) {
    EXPECT_TRUE(Safe({program, "--anything"})) << program;
    EXPECT_TRUE(Safe({std::string("/usr/bin/") + program})) << program;
  }
  EXPECT_FALSE(Safe({"cargo", "check"}));
  EXPECT_FALSE(Safe({"foo"}));
  EXPECT_FALSE(Safe({}));
}

TEST(KnownSafeTest, Base64OutputOptions) {
  EXPECT_TRUE(Safe({"base64"}));
  EXPECT_TRUE(Safe({"base64", "-d", "f"}));
  for (Argv argv :
       {Argv{"base64", "-o", "out.bin"}, Argv{"base64", "--output", "out.bin"},
        Argv{"base64", "--output=out.bin"}, Argv{"base64", "-ob64.txt"}}) {
    EXPECT_FALSE(Safe(argv)) << argv[1];
  }
}

TEST(KnownSafeTest, FindUnsafeOptions) {
  for (const char* opt : {"-exec", "-execdir", "-ok", "-okdir", "-delete",
                          "-fls", "-fprint", "-fprint0", "-fprintf"}) {
    EXPECT_FALSE(Safe({"find", ".", opt, "x"})) << opt;
  }
  EXPECT_TRUE(Safe({"find", ".", "-type", "f", "-print"}));
}

TEST(KnownSafeTest, RipgrepUnsafeOptions) {
  EXPECT_TRUE(Safe({"rg", "Cargo.toml", "-n"}));
  for (Argv argv :
       {Argv{"rg", "--search-zip", "f"}, Argv{"rg", "-z", "f"},
        Argv{"rg", "--pre", "p", "f"}, Argv{"rg", "--pre=p", "f"},
        Argv{"rg", "--hostname-bin", "p"}, Argv{"rg", "--hostname-bin=p"}}) {
    EXPECT_FALSE(Safe(argv)) << argv[1];
  }
}

TEST(KnownSafeTest, SedPrintOnly) {
  EXPECT_TRUE(Safe({"sed", "-n", "10p", "f"}));
  EXPECT_TRUE(Safe({"sed", "-n", "10p"}));
  EXPECT_FALSE(Safe({"sed", "-n", "1,5p", "a", "b"}));  // 5 tokens
  EXPECT_FALSE(Safe({"sed", "-i", "1,5p", "f"}));
  EXPECT_FALSE(Safe({"sed", "-n", "1,2,3p", "f"}));
  EXPECT_FALSE(Safe({"sed", "-n", ",5p", "f"}));
  EXPECT_FALSE(Safe({"sed", "-n"}));
}

TEST(KnownSafeTest, GitOnlyWithKnownSafeGit) {
  for (Argv argv :
       {Argv{"git", "status"}, Argv{"git", "log", "-1"}, Argv{"git", "diff"},
        Argv{"git", "show", "HEAD"}, Argv{"git", "branch"},
        Argv{"git", "branch", "--show-current"},
        Argv{"git", "branch", "--format=%(refname)"}}) {
    EXPECT_FALSE(Safe(argv)) << argv[1];
    EXPECT_TRUE(Safe(argv, true)) << argv[1];
  }
  for (Argv argv :
       {Argv{"git", "fetch"}, Argv{"git", "branch", "-d", "x"},
        Argv{"git", "-c", "core.pager=x", "log"}, Argv{"git", "-cx=y", "log"},
        Argv{"git", "--git-dir=/x", "status"}, Argv{"git", "-p", "log"},
        Argv{"git", "--paginate", "log"}, Argv{"git", "diff", "--ext-diff"},
        Argv{"git", "log", "--output=x"}, Argv{"git", "show", "--textconv"},
        Argv{"git", "diff", "--exec=x"}}) {
    EXPECT_FALSE(Safe(argv, true)) << ::testing::PrintToString(argv);
  }
}

TEST(KnownSafeTest, ShellScripts) {
  EXPECT_TRUE(Safe({"zsh", "-lc", "ls"}));
  EXPECT_TRUE(Safe({"/bin/sh", "-c", "echo 'hi' ; ls"}));
  EXPECT_TRUE(Safe(Sh("grep -R \"Cargo.toml\" -n || true")));
  EXPECT_TRUE(Safe(Sh("sed -n '1,5p' file.txt")));
  EXPECT_FALSE(Safe(Sh("git status")));
  EXPECT_FALSE(Safe({"bash", "-lc", "git", "status"}));
  EXPECT_FALSE(Safe(Sh("'git status'")));
  EXPECT_FALSE(Safe(Sh("find . -name file.txt -delete")));
  EXPECT_FALSE(Safe(Sh("ls && rm -rf /")));
  EXPECT_FALSE(Safe(Sh("(ls)")));
  EXPECT_FALSE(Safe(Sh("ls || (pwd && echo hi)")));
  EXPECT_FALSE(Safe(Sh("echo $(pwd)")));
  EXPECT_FALSE(Safe(Sh("")));
  EXPECT_FALSE(Safe({"fish", "-c", "ls"}));
}

TEST(KnownSafeTest, DetailNamesTheRow) {
  EXPECT_THAT(KnownSafeDetail(Argv{"find", ".", "-name", "x"}),
              Optional(std::string("find without -exec, -execdir, -ok, -okdir, "
                                   "-delete, -fls, -fprint, -fprint0, "
                                   "-fprintf")));
}

TEST(DangerousTest, AcceptanceR25) {
  EXPECT_TRUE(Dangerous({"/bin/rm", "-fr", "x"}));
  EXPECT_TRUE(Dangerous({"rm", "x", "-f"}));
  EXPECT_TRUE(Dangerous({"sudo", "rm", "-rf", "x"}));
  EXPECT_TRUE(Dangerous(Sh("for t in a; do rm -r -f \"$t\"; done")));
  EXPECT_FALSE(Dangerous({"rm", "--", "-f"}));
  EXPECT_FALSE(Dangerous(Sh("echo 'rm -rf x'")));
  EXPECT_FALSE(Dangerous({"git", "push", "--force"}));
}

TEST(DangerousTest, ForcedRmVariants) {
  EXPECT_TRUE(Dangerous({"rm", "--force", "x"}));
  EXPECT_TRUE(Dangerous({"rm", "-r", "-f", "x"}));
  EXPECT_FALSE(Dangerous({"rm", "-r", "x"}));
  EXPECT_FALSE(Dangerous({"rm", "--recursive", "x"}));
  EXPECT_FALSE(Dangerous({"sudo", "-u", "x", "rm", "-rf", "y"}));
  EXPECT_FALSE(Dangerous({}));
  EXPECT_FALSE(Dangerous({"sudo"}));
}

TEST(DangerousTest, LiteralCommandsAnywhereInAScript) {
  for (const char* script :
       {"printf x | rm -rf /tmp/example",
        "if test -d /tmp/example; then rm --force /tmp/example; fi",
        "rm -rf \"$TARGET\" >/dev/null", "echo \"$(rm -rf /tmp/example)\"",
        "X=$(mktemp -d) rm -rf \"$X\"", "ls && sudo rm -f x"}) {
    EXPECT_TRUE(Dangerous(Sh(script))) << script;
  }
  for (const char* script :
       {"cmd=rm; $cmd -rf /tmp/example", "if then rm -rf /tmp/example",
        "echo rm -rf x", "\"rm -rf x\""}) {
    EXPECT_FALSE(Dangerous(Sh(script))) << script;
  }
}

TEST(ShellScriptTest, PlainCommands) {
  EXPECT_THAT(
      PlainCommands("ls && pwd; echo 'hi there' | wc -l"),
      Optional(ElementsAre(Argv{"ls"}, Argv{"pwd"}, Argv{"echo", "hi there"},
                           Argv{"wc", "-l"})));
  EXPECT_THAT(PlainCommands("echo \"/usr\"'/'\"local\"/bin"),
              Optional(ElementsAre(Argv{"echo", "/usr/local/bin"})));
  for (const char* bad :
       {"FOO=bar ls", "'ls' -l", "ls && \"pwd\"", "ls &&", "&& ls", "ls ;; pwd",
        "ls | | wc", "echo hi & echo bye", "ls > out.txt", "echo $HOME",
        "echo `pwd`", "if true; then ls; fi"}) {
    EXPECT_EQ(PlainCommands(bad), std::nullopt) << bad;
  }
}

// Codex reads words as their source text (tree-sitter-bash): quotes are
// removed, escapes are kept; comments, `[`, numbers and quoted names in
// command position reject the script.
TEST(ShellScriptTest, PlainCommandsKeepCodexText) {
  EXPECT_THAT(
      PlainCommands(R"(echo "a\"b" 'c\d' e\ f)"),
      Optional(ElementsAre(Argv{"echo", R"(a\"b)", R"(c\d)", R"(e\ f)"})));
  EXPECT_THAT(PlainCommands(R"(l\s -l)"),
              Optional(ElementsAre(Argv{R"(l\s)", "-l"})));
  EXPECT_THAT(PlainCommands("echo '' a#b"),
              Optional(ElementsAre(Argv{"echo", "", "a#b"})));
  EXPECT_THAT(PlainCommands("cargo test \\\n  --all &&\n cargo fmt;"),
              Optional(ElementsAre(Argv{"cargo", "test", "--all"},
                                   Argv{"cargo", "fmt"})));
  for (const char* bad :
       {"ls # note", "# only a comment", "[ -f x ]", "10 x", "\"ls\"l",
        "echo ''\"\"", "ls |& wc", "ls &> o", "(ls)", "ls; ;", "ec\\\nho",
        "echo \"unterminated", "echo 'unterminated", "echo \"$x\"", "A[1]=x ls",
        "ls\\"}) {
    EXPECT_EQ(PlainCommands(bad, true), std::nullopt) << bad;
  }
}

// Where Codex would judge the text but the shell runs its value, warden
// does not call the script known-safe (a deliberate, stricter deviation).
TEST(KnownSafeTest, EscapedWordsAreNotKnownSafe) {
  EXPECT_THAT(ReadPlainScript("find . -de\\lete"),
              Optional(Field(&PlainScript::escaped, true)));
  EXPECT_FALSE(Safe(Sh("find . -de\\lete")));
  EXPECT_FALSE(Safe(Sh("ls # x")));
  EXPECT_TRUE(Safe(Sh("find . -name 'a b'")));  // quotes without escapes
}

TEST(ShellScriptTest, LiteralPatternsOnlyWhenAsked) {
  EXPECT_EQ(PlainCommands("ls *.txt"), std::nullopt);
  EXPECT_THAT(
      PlainCommands("ls *.txt && echo {a,b} ~/x", true),
      Optional(ElementsAre(Argv{"ls", "*.txt"}, Argv{"echo", "{a,b}", "~/x"})));
  for (const char* bad : {"echo $HOME", "echo ${X}*", "echo `pwd`",
                          "echo $(pwd)", "echo \"$(pwd)\""}) {
    EXPECT_EQ(PlainCommands(bad, true), std::nullopt) << bad;
  }
  EXPECT_FALSE(Safe(Sh("find * -name x")));
}

TEST(ShellScriptTest, ShellScriptOfNeedsExactlyThreeTokens) {
  EXPECT_THAT(ShellScriptOf(Argv{"/usr/bin/zsh", "-c", "ls"}),
              Optional(std::string_view("ls")));
  EXPECT_EQ(ShellScriptOf(Argv{"bash", "-lc", "ls", "x"}), std::nullopt);
  EXPECT_EQ(ShellScriptOf(Argv{"bash", "-x", "ls"}), std::nullopt);
  EXPECT_EQ(ShellScriptOf(Argv{"dash", "-c", "ls"}), std::nullopt);
}

TEST(ShellScriptTest, HeredocCommand) {
  EXPECT_THAT(HeredocCommand("python3 <<'PY'\nprint(1)\nPY"),
              Optional(Argv{"python3"}));
  EXPECT_THAT(HeredocCommand("cat <<-EOF\n\tx\n\tEOF\n"),
              Optional(Argv{"cat"}));
  EXPECT_EQ(HeredocCommand("python3 -c 'x'"), std::nullopt);  // no heredoc
  EXPECT_EQ(HeredocCommand("cat <<EOF > out\nx\nEOF"), std::nullopt);
  EXPECT_EQ(HeredocCommand("cat <<EOF | sh\nx\nEOF"), std::nullopt);
  EXPECT_EQ(HeredocCommand("cat <<EOF\nx\nEOF\nls"), std::nullopt);
  EXPECT_EQ(HeredocCommand("\"python3\" <<EOF\nx\nEOF"), std::nullopt);
}

}  // namespace
}  // namespace warden::engine::approval
