// Issue #13, SPEC B2: every attack vector decides at least as strictly as
// its strictest part. Policy: the shells, printf, test, git and friends are
// allowed, `rm` is forbidden. A vector must never come out allow; where the
// `rm` it runs is visible, it must come out forbidden.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "engine/check.h"
#include "engine/shell/command.h"
#include "engine/shell/path_resolver.h"
#include "engine/shell/shell_words.h"

namespace warden::engine {
namespace {

using Argv = std::vector<std::string>;

Policy MakePolicy() {
  PolicyBuilder b;
  auto add = [&](std::vector<std::string> tokens, Decision d) {
    RuleSpec spec;
    for (std::string& t : tokens) spec.pattern.emplace_back(std::move(t));
    spec.decision = d;
    spec.source = {"t.rules", 1, 1};
    b.AddPrefixRule(spec);
  };
  for (const char* allowed :
       {"bash",   "sh",   "zsh",     "dash",    "echo",      "printf",
        "test",   "[",    "read",    "declare", "let",       "compgen",
        "ls",     "git",  "timeout", "noglob",  "nocorrect", "-",
        "repeat", "exec", "tar",     "true",    "f",         "trap"}) {
    add({allowed}, Decision::kAllow);
  }
  add({"rm"}, Decision::kForbidden);
  add({"git", "push"}, Decision::kPrompt);
  b.SetHostExecutable("bash", {"/opt/bash/bin/bash"});
  absl::StatusOr<Policy> p = std::move(b).Build();
  EXPECT_TRUE(p.ok());
  return *std::move(p);
}

const Policy& P() {
  static const Policy* policy = new Policy(MakePolicy());
  return *policy;
}

// A file system where /bin and /usr/bin hold the system programs (/bin is a
// symlink to /usr/bin), /ws/s is a symlink to /ws/evil, and /opt/bash/bin
// holds a declared host executable.
class FakeResolver : public shell::PathResolver {
 public:
  std::optional<std::string> Resolve(std::string_view path) const override {
    std::string p(path);
    if (p.starts_with("/bin/")) return "/usr/bin/" + p.substr(5);
    if (p.starts_with("/usr/bin/")) return p;
    if (p.starts_with("/opt/bash/bin/")) return p;
    if (p == "/ws/s/../../usr/bin/git") return "/ws/usr/bin/git";  // s -> evil
    if (p.starts_with("./")) return "/ws/" + p.substr(2);
    if (p.starts_with("/tmp/")) return p;
    return std::nullopt;
  }
  std::optional<std::string> SystemProgram(
      std::string_view name) const override {
    return "/usr/bin/" + std::string(name);
  }
};

CommandCheck Check(const Argv& argv) {
  static const FakeResolver* resolver = new FakeResolver();
  return CheckCommand(P(), argv,
                      {.resolve_host_executables = true,
                       .split = true,
                       .path_resolver = resolver});
}

// The vector must not be allowed, and (when `rm_visible`) must be
// forbidden because the `rm` it runs was found as a part.
void ExpectStrict(const Argv& argv, bool rm_visible) {
  CommandCheck c = Check(argv);
  std::string shown = ShellJoin(argv);
  EXPECT_NE(c.decision, Decision::kAllow) << shown;
  if (rm_visible) {
    EXPECT_EQ(c.decision, Decision::kForbidden) << shown;
  } else {
    EXPECT_FALSE(c.complete) << shown;
  }
}

void ExpectScript(const std::string& shell, const std::string& script,
                  bool rm_visible = true) {
  ExpectStrict(Argv{shell, "-c", script}, rm_visible);
}

TEST(DecomposeSoundnessTest, ShellOptionsAroundDashC) {
  for (const Argv& argv : std::vector<Argv>{
           {"bash", "-o", "errexit", "-c", "rm x"},
           {"bash", "-O", "extglob", "-c", "rm x"},
           {"bash", "+o", "posix", "-c", "rm x"},
           {"bash", "+O", "extglob", "-c", "rm x"},
           {"bash", "-c", "-e", "rm x"},
           {"bash", "-c", "--", "rm x"},
           {"bash", "-c", "-", "rm x"},
           {"bash", "-c", "+e", "rm x"},
           {"bash", "-c", "-o", "errexit", "rm x"},
           {"bash", "--norc", "-c", "rm x"},
           {"bash", "-s", "-c", "rm x"},
           {"sh", "-c", "-e", "rm x"},
           {"dash", "-o", "errexit", "-c", "rm x"},
           {"bash", "-ce", "rm x"},
           {"bash", "-ec", "rm x"},
           {"bash", "-cl", "rm x"},
           {"bash", "-lc", "rm x"},
           {"zsh", "-oerrexit", "-c", "rm x"},
           {"zsh", "-c", "-e", "rm x"},
       }) {
    ExpectStrict(argv, /*rm_visible=*/true);
    EXPECT_THAT(
        Decompose(argv).parts,
        testing::Contains(testing::Field(&CommandPart::argv, Argv{"rm", "x"})))
        << ShellJoin(argv);
  }
  // A harmless option before -c keeps the script inspectable.
  CommandCheck ok = Check(Argv{"bash", "-e", "-o", "pipefail", "-c", "ls"});
  EXPECT_TRUE(ok.complete);
  EXPECT_EQ(ok.decision, Decision::kAllow);
  // Options that make bash source another file are not understood.
  ExpectStrict(Argv{"bash", "--rcfile", "x", "-ic", "ls"}, false);
}

TEST(DecomposeSoundnessTest, ScriptsFromStdinOrFiles) {
  // The literal script piped in is searched: its rm is judged.
  ExpectScript("bash", "echo 'rm x' | bash");
  ExpectScript("bash", "echo 'rm x' | bash -s");
  ExpectScript("bash", "echo 'rm x' | sh -");
  ExpectScript("bash", "printf 'ls; rm x' | zsh");
  ExpectScript("bash", "echo -n 'rm x' | timeout 5 bash");
  EXPECT_FALSE(Check(Argv{"bash", "-c", "echo ls | bash"}).complete);
  EXPECT_NE(Check(Argv{"bash", "-c", "echo ls | bash"}).decision,
            Decision::kAllow);
  ExpectScript("bash", "cat f | bash", false);
  ExpectStrict(Argv{"bash"}, false);
  ExpectStrict(Argv{"bash", "script.sh"}, false);
  ExpectStrict(Argv{"sh", "-e", "script.sh"}, false);
  ExpectStrict(Argv{"bash", "-c"}, false);
}

TEST(DecomposeSoundnessTest, Zsh) {
  ExpectScript("zsh", "path=. ls", false);
  ExpectScript("zsh", "path=(.); ls", false);
  ExpectScript("zsh", "module_path=/tmp/m; zmodload x", false);
  ExpectScript("zsh", "noglob rm x");
  ExpectScript("zsh", "nocorrect rm x");
  ExpectScript("zsh", "ls; - rm x");  // `zsh -c '- x'` reads - as options
  ExpectScript("zsh", "repeat 2 rm x");
  ExpectScript("zsh", "repeat 2 do rm x; done");
  ExpectScript("zsh", "repeat 2 { rm x }");
  ExpectScript("zsh", "=rm x");
  ExpectScript("zsh", "exec =rm x");
  ExpectScript("zsh", "noglob - nocorrect rm x");
  // In zsh the modifier's command is the one judged: allowed only when it is.
  EXPECT_EQ(Check(Argv{"zsh", "-c", "noglob ls"}).decision, Decision::kAllow);
  // In bash `noglob` is an ordinary program; it runs, not rm.
  CommandCheck bash_noglob = Check(Argv{"bash", "-c", "noglob rm x"});
  EXPECT_EQ(bash_noglob.decision, Decision::kAllow);
}

TEST(DecomposeSoundnessTest, BuiltinsEvaluatingSubscripts) {
  for (const char* script : {
           "printf -v 'a[$(rm x)]' %s 1",
           "test -v 'a[$(rm x)]'",
           "[ -v 'a[$(rm x)]' ]",
           "read 'a[$(rm x)]'",
           "declare 'a[$(rm x)]=1'",
           "let 'a[$(rm x)]'",
           "[[ -v 'a[$(rm x)]' ]]",
           "compgen -C 'rm x' y",
           "trap 'rm x' EXIT",
       }) {
    ExpectScript("bash", script);
  }
  // Without a subscript they stay inspectable.
  EXPECT_EQ(Check(Argv{"bash", "-c", "printf '%s' x"}).decision,
            Decision::kAllow);
  EXPECT_EQ(Check(Argv{"bash", "-c", "test -f x"}).decision, Decision::kAllow);
}

TEST(DecomposeSoundnessTest, Lexing) {
  ExpectScript("bash", "echo \"$'\"; rm -rf /; echo \"'\"");
  ExpectScript("bash", "echo \"$\\\"\"; rm -rf /; echo \"\"");
  ExpectScript("bash", "echo \"$\"; rm -rf /");
  ExpectScript("bash", "echo $((rm x) )");
  ExpectScript("bash", "echo $(( $(rm x) + 1 ))");
  ExpectScript("bash", "echo $(( `rm x` + 1 ))");
  ExpectScript("bash", "function f { rm -rf /; }; f");
  ExpectScript("bash", "function f() { rm -rf /; }; f");
  ExpectScript("bash", "f() { rm -rf /; }; f");
  ExpectScript("bash", "f() ( rm -rf / ); f");
}

TEST(DecomposeSoundnessTest, AssignmentsInAPlainArgv) {
  ExpectStrict(Argv{"FOO=1", "rm", "-rf", "/"}, true);
  ExpectStrict(Argv{"PATH=.", "ls"}, false);
  CommandCheck lang = Check(Argv{"LANG=C", "ls"});
  EXPECT_TRUE(lang.complete);
  EXPECT_EQ(lang.decision, Decision::kAllow);
}

TEST(DecomposeSoundnessTest, AssignmentAllowlist) {
  for (const char* script :
       {"TAR_OPTIONS=--to-command=x tar xf a.tar", "RSYNC_RSH=x ls",
        "OPENSSL_CONF=x ls", "LESS=x ls", "GH_PAGER=x ls",
        "AWS_CONFIG_FILE=x ls", "DOCKER_CONFIG=x ls", "GOENV=x ls",
        "RUSTFLAGS=x ls", "FOO=1 ls", "X=1; ls", "BASH_FUNC_f%%=x ls"}) {
    ExpectScript("bash", script, false);
  }
  for (const char* script :
       {"LANG=C ls", "LANGUAGE=en ls", "LC_ALL=C ls", "LC_MESSAGES=C ls",
        "TZ=UTC ls", "TERM=dumb ls", "COLUMNS=80 LINES=24 ls", "NO_COLOR=1 ls",
        "FORCE_COLOR=1 ls", "CLICOLOR=0 ls", "CI=true ls"}) {
    CommandCheck c = Check(Argv{"bash", "-c", script});
    EXPECT_TRUE(c.complete) << script;
    EXPECT_EQ(c.decision, Decision::kAllow) << script;
  }
  ExpectStrict(Argv{"env", "TAR_OPTIONS=x", "tar", "xf", "a"}, false);
}

TEST(DecomposeSoundnessTest, GitGlobalOptions) {
  EXPECT_EQ(Check(Argv{"git", "-C", ".", "push"}).decision, Decision::kPrompt);
  EXPECT_EQ(Check(Argv{"git", "--git-dir=.git", "push"}).decision,
            Decision::kPrompt);
  EXPECT_EQ(Check(Argv{"git", "-c", "a.b=c", "push"}).decision,
            Decision::kPrompt);
  EXPECT_EQ(Check(Argv{"git", "--no-pager", "-C", "x", "push"}).decision,
            Decision::kPrompt);
  // Config that runs a program: incomplete, never allowed.
  for (const Argv& argv : std::vector<Argv>{
           {"git", "-c", "alias.x=!rm x", "x"},
           {"git", "-c", "core.fsmonitor=rm x", "status"},
           {"git", "-c", "core.pager=rm x", "log"},
           {"git", "--exec-path=/tmp", "status"},
           {"git", "--config-env=core.pager=X", "log"},
           {"git", "--bogus", "status"},
       }) {
    ExpectStrict(argv, false);
  }
  CommandCheck colour = Check(Argv{"git", "-c", "color.ui=always", "status"});
  EXPECT_TRUE(colour.complete);
  EXPECT_EQ(colour.decision, Decision::kAllow);
}

TEST(DecomposeSoundnessTest, ProgramsNamedByPath) {
  // Still decomposed: the inner rules apply.
  ExpectStrict(Argv{"./bash", "-c", "rm x"}, true);
  ExpectStrict(Argv{"/tmp/x/timeout", "1", "rm", "x"}, true);
  // But not allowed: the program that runs may not be bash / timeout.
  ExpectStrict(Argv{"./bash", "-c", "ls"}, false);
  ExpectStrict(Argv{"/tmp/x/timeout", "1", "git", "status"}, false);
  ExpectStrict(Argv{"/tmp/env", "ls"}, false);
  // The system's own copy (through a symlink) and declared host executables
  // are trusted.
  for (const Argv& argv : std::vector<Argv>{
           {"/bin/bash", "-c", "ls"},
           {"/usr/bin/timeout", "1", "ls"},
           {"/opt/bash/bin/bash", "-c", "ls"},
       }) {
    CommandCheck c = Check(argv);
    EXPECT_TRUE(c.complete) << ShellJoin(argv);
    EXPECT_EQ(c.decision, Decision::kAllow) << ShellJoin(argv);
  }
  // Host-executable fallback follows the path as the kernel will: through
  // the symlink s, this is not /usr/bin/git.
  ExpectStrict(Argv{"/ws/s/../../usr/bin/git", "status"}, false);
  // Without a resolver nothing named by path is trusted.
  CommandCheck none = CheckCommand(P(), Argv{"/bin/bash", "-c", "ls"});
  EXPECT_FALSE(none.complete);
  EXPECT_EQ(none.decision, Decision::kPrompt);
}

TEST(DecomposeSoundnessTest, NoSplitStaysLexical) {
  CommandCheck c =
      CheckCommand(P(), Argv{"bash", "-o", "errexit", "-c", "rm x"},
                   {.resolve_host_executables = false, .split = false});
  EXPECT_TRUE(c.complete);
  EXPECT_EQ(c.decision, Decision::kAllow);  // Codex's answer: [bash] allow
  ASSERT_EQ(c.matches.size(), 1u);
  CommandCheck git =
      CheckCommand(P(), Argv{"/ws/s/../../usr/bin/git", "push"},
                   {.resolve_host_executables = true, .split = false});
  EXPECT_EQ(git.decision, Decision::kPrompt);
  ASSERT_FALSE(git.matches.empty());
  EXPECT_EQ(git.matches[0].resolved_program, "/usr/bin/git");
}

}  // namespace
}  // namespace warden::engine
