// Every row of engine/shell/program_knowledge.cc, each with the spelling
// that proves it (the real shells confirm the shell rows in
// shell_oracle_test.cc).
#include "engine/shell/program_knowledge.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace warden::engine::shell {
namespace {

using Argv = std::vector<std::string>;

struct InvocationCase {
  Argv argv;
  ScriptSource source;
  size_t script_index;
  bool unknown;
};

TEST(ProgramKnowledgeTest, ShellTable) {
  for (const char* name : {"bash", "dash", "sh", "zsh"}) {
    ASSERT_NE(FindShell(name), nullptr) << name;
    EXPECT_EQ(FindShell(name)->name, name);
  }
  EXPECT_EQ(FindShell("bash")->dialect, Dialect::kBash);
  EXPECT_EQ(FindShell("sh")->dialect, Dialect::kPosix);
  EXPECT_EQ(FindShell("dash")->dialect, Dialect::kPosix);
  EXPECT_EQ(FindShell("zsh")->dialect, Dialect::kZsh);
  EXPECT_EQ(FindShell("ksh"), nullptr);
  EXPECT_EQ(FindShell("bashful"), nullptr);
  for (const char* name : {"ksh", "mksh", "fish", "tcsh", "busybox"}) {
    EXPECT_TRUE(IsOtherShell(name)) << name;
  }
  EXPECT_FALSE(IsOtherShell("bash"));
}

TEST(ProgramKnowledgeTest, ShellInvocations) {
  using S = ScriptSource;
  struct Row {
    const char* shell;
    InvocationCase c;
  };
  std::vector<Row> rows = {
      // -c takes the first operand after ALL options.
      {"bash", {{"bash", "-c", "S"}, S::kCommandString, 2, false}},
      {"bash", {{"bash", "-lc", "S"}, S::kCommandString, 2, false}},
      {"bash", {{"bash", "-cl", "S"}, S::kCommandString, 2, false}},
      {"bash", {{"bash", "-ce", "S"}, S::kCommandString, 2, false}},
      {"bash", {{"bash", "-c", "-e", "S"}, S::kCommandString, 3, false}},
      {"bash", {{"bash", "-c", "+e", "S"}, S::kCommandString, 3, false}},
      {"bash", {{"bash", "-c", "--", "S"}, S::kCommandString, 3, false}},
      {"bash", {{"bash", "-c", "-", "S"}, S::kCommandString, 3, false}},
      {"bash",
       {{"bash", "-o", "errexit", "-c", "S"}, S::kCommandString, 4, false}},
      {"bash",
       {{"bash", "+o", "posix", "-c", "S"}, S::kCommandString, 4, false}},
      {"bash",
       {{"bash", "-O", "extglob", "-c", "S"}, S::kCommandString, 4, false}},
      {"bash",
       {{"bash", "-c", "-o", "errexit", "S"}, S::kCommandString, 4, false}},
      {"bash", {{"bash", "--norc", "-c", "S"}, S::kCommandString, 3, false}},
      {"bash", {{"bash", "-s", "-c", "S"}, S::kCommandString, 3, false}},
      {"bash",
       {{"bash", "--rcfile", "f", "-c", "S"},
        S::kCommandString,
        4,
        true}},  // --rcfile sources f: reported
      {"bash", {{"bash", "-Z", "-c", "S"}, S::kCommandString, 3, true}},
      {"bash", {{"bash"}, S::kStdin, 1, false}},
      {"bash", {{"bash", "-s"}, S::kStdin, 2, false}},
      {"bash", {{"bash", "-s", "a"}, S::kStdin, 2, false}},
      {"bash", {{"bash", "-e", "x.sh"}, S::kFile, 2, false}},
      {"bash", {{"bash", "-c"}, S::kNothing, 2, false}},
      {"bash", {{"bash", "--version"}, S::kInformation, 2, false}},
      {"zsh", {{"zsh", "--help"}, S::kInformation, 2, false}},
      {"dash", {{"dash", "-c", "-e", "S"}, S::kCommandString, 3, false}},
      {"dash",
       {{"dash", "-o", "errexit", "-c", "S"}, S::kCommandString, 4, false}},
      // dash has no -O: "Illegal option", and warden says unknown.
      {"dash", {{"dash", "-O", "x", "-c", "S"}, S::kFile, 2, true}},
      {"sh", {{"sh", "-", "x.sh"}, S::kFile, 2, false}},
      {"zsh", {{"zsh", "-oerrexit", "-c", "S"}, S::kCommandString, 3, false}},
      {"zsh", {{"zsh", "-c", "-e", "S"}, S::kCommandString, 3, false}},
      {"zsh",
       {{"zsh", "--emulate", "sh", "-c", "S"}, S::kCommandString, 4, false}},
      // -b ends zsh's options: `-c` after it is a script file name.
      {"zsh", {{"zsh", "-b", "-c", "S"}, S::kFile, 2, false}},
  };
  for (const Row& row : rows) {
    ShellInvocation inv =
        ParseShellInvocation(*FindShell(row.shell), row.c.argv);
    std::string shown;
    for (const std::string& a : row.c.argv) shown += a + " ";
    EXPECT_EQ(inv.source, row.c.source) << shown;
    EXPECT_EQ(inv.script_index, row.c.script_index) << shown;
    EXPECT_EQ(!inv.unknown_option.empty(), row.c.unknown) << shown;
  }
}

TEST(ProgramKnowledgeTest, AssignmentAllowlist) {
  for (const char* name :
       {"LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "LC_MESSAGES", "TZ", "TERM",
        "COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR", "CLICOLOR", "CI"}) {
    EXPECT_TRUE(IsAllowedAssignment(name)) << name;
  }
  for (const char* name : {"PATH",
                           "path",
                           "module_path",
                           "fpath",
                           "cdpath",
                           "LD_PRELOAD",
                           "BASH_ENV",
                           "ENV",
                           "TAR_OPTIONS",
                           "RSYNC_RSH",
                           "OPENSSL_CONF",
                           "LESS",
                           "GH_PAGER",
                           "AWS_CONFIG_FILE",
                           "DOCKER_CONFIG",
                           "GOENV",
                           "RUSTFLAGS",
                           "FOO",
                           "lang",
                           "LC",
                           "BASH_FUNC_f%%",
                           "",
                           "1A",
                           "A-B"}) {
    EXPECT_FALSE(IsAllowedAssignment(name)) << name;
  }
}

TEST(ProgramKnowledgeTest, ZshModifiers) {
  EXPECT_EQ(FindZshModifier("noglob")->skip, 0u);
  EXPECT_EQ(FindZshModifier("nocorrect")->skip, 0u);
  EXPECT_EQ(FindZshModifier("-")->skip, 0u);
  EXPECT_EQ(FindZshModifier("repeat")->skip, 1u);
  EXPECT_EQ(FindZshModifier("ls"), nullptr);
}

TEST(ProgramKnowledgeTest, Builtins) {
  for (const char* name :
       {"printf", "test", "[", "[[", "read", "declare", "typeset", "local",
        "export", "readonly", "let", "unset", "mapfile", "readarray", "wait",
        "getopts", "print", "vared"}) {
    EXPECT_TRUE(EvaluatesSubscripts(name)) << name;
  }
  EXPECT_FALSE(EvaluatesSubscripts("echo"));
  ASSERT_NE(FindCodeBuiltin("eval"), nullptr);
  EXPECT_EQ(FindCodeBuiltin("eval")->code_option, "");
  EXPECT_EQ(FindCodeBuiltin("trap")->code_option, "");
  EXPECT_EQ(FindCodeBuiltin("compgen")->code_option, "-C");
  EXPECT_EQ(FindCodeBuiltin("complete")->code_option, "-C");
  EXPECT_EQ(FindCodeBuiltin("bind")->code_option, "-x");
  EXPECT_EQ(FindCodeBuiltin("echo"), nullptr);
}

TEST(ProgramKnowledgeTest, Git) {
  EXPECT_EQ(FindGitOption("-C")->kind, GitOptionKind::kWithArg);
  EXPECT_EQ(FindGitOption("-c")->kind, GitOptionKind::kConfig);
  EXPECT_EQ(FindGitOption("--git-dir=x")->kind, GitOptionKind::kWithArg);
  EXPECT_EQ(FindGitOption("--work-tree")->kind, GitOptionKind::kWithArg);
  EXPECT_EQ(FindGitOption("--no-pager")->kind, GitOptionKind::kFlag);
  EXPECT_EQ(FindGitOption("-P")->kind, GitOptionKind::kFlag);
  EXPECT_EQ(FindGitOption("--exec-path=/x")->kind, GitOptionKind::kUnsafe);
  EXPECT_EQ(FindGitOption("--config-env=a=B")->kind, GitOptionKind::kUnsafe);
  EXPECT_EQ(FindGitOption("--bogus"), nullptr);
  for (const char* key : {"color.ui", "Color.Diff", "advice.detachedHead",
                          "user.name", "user.email", "core.quotePath"}) {
    EXPECT_TRUE(IsHarmlessGitConfig(key)) << key;
  }
  for (const char* key :
       {"alias.x", "core.fsmonitor", "core.pager", "core.sshCommand",
        "core.editor", "core.hooksPath", "diff.x.textconv", "filter.x.clean",
        "credential.helper", "gpg.program", "include.path", "a.b"}) {
    EXPECT_FALSE(IsHarmlessGitConfig(key)) << key;
  }
}

}  // namespace
}  // namespace warden::engine::shell
