// Decomposition (SPEC B1) and the combination rule, including a table of
// known bypass spellings: the strictest visible part must always win.
#include "engine/check.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/shell/command.h"
#include "engine/shell/program_knowledge.h"
#include "engine/shell/shell_words.h"

namespace warden::engine {
namespace {

using ::testing::ElementsAre;
using Argv = std::vector<std::string>;

Policy TestPolicy() {
  PolicyBuilder b;
  auto add = [&](std::vector<std::string> tokens, Decision d) {
    RuleSpec spec;
    for (std::string& t : tokens) spec.pattern.emplace_back(std::move(t));
    spec.decision = d;
    spec.source = {"t.rules", 1, 1};
    b.AddPrefixRule(spec);
  };
  add({"cmd"}, Decision::kAllow);
  add({"git", "status"}, Decision::kAllow);
  add({"git", "push"}, Decision::kPrompt);
  add({"evil"}, Decision::kForbidden);
  add({"rm", "-rf"}, Decision::kForbidden);
  add({"echo"}, Decision::kAllow);
  add({"timeout"}, Decision::kAllow);  // must not vouch for what it runs
  add({"env"}, Decision::kAllow);
  add({"sudo"}, Decision::kAllow);
  add({"xargs"}, Decision::kAllow);
  add({"bash"}, Decision::kAllow);
  add({"python3", "-c", "print(1)"}, Decision::kAllow);
  add({"sudo", "apt", "update"}, Decision::kAllow);
  absl::StatusOr<Policy> p = std::move(b).Build();
  EXPECT_TRUE(p.ok());
  return *std::move(p);
}

const Policy& P() {
  static const Policy* policy = new Policy(TestPolicy());
  return *policy;
}

// Programs named by a path are trusted when they are under /usr/bin or /bin
// (SPEC B2; decompose_soundness_test.cc covers the untrusted ones).
class SystemDirsResolver : public shell::PathResolver {
 public:
  std::optional<std::string> Resolve(std::string_view path) const override {
    std::string p(path);
    if (p.starts_with("/bin/")) return "/usr/bin/" + p.substr(5);  // symlink
    return p;
  }
  std::optional<std::string> SystemProgram(
      std::string_view name) const override {
    return "/usr/bin/" + std::string(name);
  }
};

bool TrustedSystemPath(std::string_view path) {
  return path.starts_with("/usr/bin/") || path.starts_with("/bin/");
}

CommandCheck Check(const Argv& argv) {
  static const SystemDirsResolver* resolver = new SystemDirsResolver();
  return CheckCommand(P(), argv,
                      {.resolve_host_executables = false,
                       .split = true,
                       .path_resolver = resolver});
}
CommandCheck Sh(const std::string& script) {
  return CheckCommand(P(), Argv{"bash", "-lc", script});
}

std::vector<Argv> Commands(const Decomposition& d) {
  std::vector<Argv> out;
  for (const CommandPart& p : d.parts) {
    if (p.kind != PartKind::kWrapper) out.push_back(p.argv);
  }
  return out;
}

Decomposition D(const std::string& script) {
  return Decompose(Argv{"bash", "-lc", script});
}

TEST(DecomposeTest, PlainArgvIsOnePart) {
  Decomposition d = Decompose(Argv{"git", "status"});
  ASSERT_EQ(d.parts.size(), 1u);
  EXPECT_EQ(d.parts[0].kind, PartKind::kCommand);
  EXPECT_TRUE(d.complete);
  EXPECT_TRUE(Decompose(Argv{}).parts.empty());
}

TEST(DecomposeTest, ShellScriptOfLiteralCommands) {
  Decomposition d = D("git status && rm -rf x; ls -l | wc -l\n'echo' \"a b\"");
  EXPECT_TRUE(d.complete);
  EXPECT_THAT(Commands(d), ElementsAre(Argv{"git", "status"},
                                       Argv{"rm", "-rf", "x"}, Argv{"ls", "-l"},
                                       Argv{"wc", "-l"}, Argv{"echo", "a b"}));
  EXPECT_EQ(d.parts[0].kind, PartKind::kWrapper);
  for (const char* shell : {"sh", "/bin/bash", "/usr/bin/zsh", "dash"}) {
    Decomposition e = Decompose(Argv{shell, "-c", "a;b"});
    EXPECT_THAT(Commands(e), ElementsAre(Argv{"a"}, Argv{"b"})) << shell;
  }
}

TEST(DecomposeTest, NestedShellsRecurse) {
  Decomposition d = D("sh -c 'bash -c \"git status; evil\"'");
  EXPECT_TRUE(d.complete);
  EXPECT_THAT(Commands(d), ElementsAre(Argv{"git", "status"}, Argv{"evil"}));
}

TEST(DecomposeTest, DepthLimit) {
  std::string script = "evil";
  for (int i = 0; i < 12; ++i) script = "sh -c " + ShellQuote(script);
  Decomposition d = Decompose(Argv{"sh", "-c", script});
  EXPECT_FALSE(d.complete);
}

// Runners like ssh decompose every operand suffix (and, for ssh, its joined
// script). A chain of them once branched eight ways per word: ten `ssh`
// words gave 44234 parts, twenty took 25 s (found by fuzz_decompose).
TEST(DecomposeTest, ChainedRunnersStayPolynomial) {
  auto chain = [](int n) {
    Argv argv;
    for (int i = 0; i < n; ++i) argv.push_back(i % 3 == 2 ? "unshare" : "ssh");
    argv.push_back("evil");
    return argv;
  };
  EXPECT_LT(Decompose(chain(10)).parts.size(), 500u);
  EXPECT_LT(Decompose(chain(40)).parts.size(), 2000u);
  // Within reach, the wrapped command is still seen and wins.
  EXPECT_EQ(CheckCommand(P(), chain(10)).decision, Decision::kForbidden);
  EXPECT_NE(CheckCommand(P(), chain(40)).decision, Decision::kAllow);
}

TEST(DecomposeTest, PartCountIsCapped) {
  std::string script;
  for (size_t i = 0; i < kMaxParts + 10; ++i) script += "cmd;";
  script += "evil";
  Decomposition d = D(script);
  EXPECT_FALSE(d.complete);
  EXPECT_LE(d.parts.size(), kMaxParts);
  EXPECT_THAT(d.notes, testing::Contains("too many commands to inspect"));
  EXPECT_NE(Sh(script).decision, Decision::kAllow);
  // Every way of adding a part counts: assignments add wrapper parts too.
  std::string assigned;
  for (size_t i = 0; i < kMaxParts; ++i) assigned += "A=1 cmd;";
  Decomposition e = D(assigned);
  EXPECT_FALSE(e.complete);
  EXPECT_LE(e.parts.size(), kMaxParts);
}

TEST(DecomposeTest, IncompleteKeepsWholeArgvAndVisibleCommands) {
  Decomposition d = D("echo $(rm -rf x)");
  EXPECT_FALSE(d.complete);
  EXPECT_THAT(Commands(d),
              ElementsAre(Argv{"bash", "-lc", "echo $(rm -rf x)"},
                          Argv{"echo", "$(rm -rf x)"}, Argv{"rm", "-rf", "x"}));
  EXPECT_EQ(d.parts[1].kind, PartKind::kCommand);
  EXPECT_EQ(d.parts[2].kind, PartKind::kInner);
}

TEST(DecomposeTest, ThingsThatAreNotInspectable) {
  for (const char* script : {"ls > out",
                             "ls 2>&1",
                             "cat < f",
                             "ls &",
                             "(ls)",
                             "{ ls; }",
                             "if true; then ls; fi",
                             "for x in a; do ls; done",
                             "f() { ls; }",
                             "cat <<EOF\nx\nEOF",
                             "ls *.c",
                             "echo $HOME",
                             "echo `id`",
                             "ls ~",
                             "echo {a,b}",
                             "eval ls",
                             "export PATH=/tmp",
                             "PATH=/tmp ls",
                             "LD_PRELOAD=x.so ls",
                             "ls &&",
                             "&& ls",
                             "echo 'unterminated",
                             "case x in a) ls;; esac",
                             "while true; do ls; done",
                             "! ls",
                             "[[ -f x ]]",
                             "source x.sh",
                             ". x.sh",
                             "ls |& cat",
                             "python3 -c 'print(2)'",
                             "xargs rm",
                             "sudo ls",
                             "find . -exec rm {} ;",
                             "env -S 'a b'",
                             "timeout --bogus 5 ls",
                             "GIT_SSH_COMMAND=x git fetch",
                             "env PYTHONPATH=. python3 x.py",
                             "watch ls",
                             "ls $((1+2))",
                             "echo ${x:-y}",
                             "echo $'a'"}) {
    CommandCheck c = Sh(script);
    EXPECT_FALSE(c.complete) << script;
    EXPECT_NE(c.decision, Decision::kAllow) << script;
  }
}

TEST(DecomposeTest, TransparentWrappers) {
  struct Case {
    Argv argv;
    Argv wrapped;
  };
  std::vector<Case> cases = {
      {{"timeout", "5", "git", "status"}, {"git", "status"}},
      {{"timeout", "-s", "KILL", "-k", "1", "5", "git", "status"},
       {"git", "status"}},
      {{"timeout", "--signal=TERM", "5s", "git", "status"}, {"git", "status"}},
      {{"nice", "-n", "10", "git", "status"}, {"git", "status"}},
      {{"nice", "-10", "git", "status"}, {"git", "status"}},
      {{"nohup", "git", "status"}, {"git", "status"}},
      {{"stdbuf", "-oL", "-e", "0", "git", "status"}, {"git", "status"}},
      {{"time", "-p", "git", "status"}, {"git", "status"}},
      {{"command", "git", "status"}, {"git", "status"}},
      {{"env", "LANG=C", "git", "status"}, {"git", "status"}},
      {{"env", "-i", "-u", "X", "TZ=b", "git", "status"}, {"git", "status"}},
      {{"/usr/bin/env", "--", "git", "status"}, {"git", "status"}},
      {{"timeout", "5", "nice", "env", "LC_ALL=C", "git", "status"},
       {"git", "status"}},
  };
  for (const Case& c : cases) {
    Decomposition d = Decompose(c.argv, {.trusted_path = TrustedSystemPath});
    EXPECT_TRUE(d.complete) << ShellJoin(c.argv);
    EXPECT_THAT(Commands(d), ElementsAre(c.wrapped)) << ShellJoin(c.argv);
    EXPECT_EQ(d.parts[0].kind, PartKind::kWrapper);
    EXPECT_EQ(d.parts[0].argv, c.argv);
    EXPECT_EQ(Check(c.argv).decision, Decision::kAllow) << ShellJoin(c.argv);
  }
  // Not wrappers.
  EXPECT_THAT(Commands(Decompose(Argv{"command", "-v", "git"})),
              ElementsAre(Argv{"command", "-v", "git"}));
  EXPECT_THAT(Commands(Decompose(Argv{"env"})), ElementsAre(Argv{"env"}));
  EXPECT_THAT(Commands(Decompose(Argv{"nice"})), ElementsAre(Argv{"nice"}));
}

// B2: only allow-listed assignments (locale, TZ, terminal, colour, CI) keep
// a command complete; the table rows are in program_knowledge_test.cc.
TEST(DecomposeTest, LeadingAssignments) {
  Decomposition d = D("LANG=C TZ='a b' git status");
  EXPECT_TRUE(d.complete);
  ASSERT_EQ(d.parts.size(), 3u);
  EXPECT_EQ(d.parts[1].argv, (Argv{"LANG=C", "TZ=a b", "git", "status"}));
  EXPECT_EQ(d.parts[1].kind, PartKind::kWrapper);
  EXPECT_EQ(d.parts[2].argv, (Argv{"git", "status"}));
  // Assignment-only statements run nothing.
  EXPECT_THAT(Commands(D("LANG=C; git status")),
              ElementsAre(Argv{"git", "status"}));
  EXPECT_TRUE(D("LANG=C; git status").complete);
  EXPECT_FALSE(D("PATH=/tmp; git status").complete);
  EXPECT_FALSE(D("FOO=1 git status").complete);  // not allow-listed
  for (const char* name :
       {"PATH", "LD_PRELOAD", "LD_LIBRARY_PATH", "BASH_ENV", "ENV",
        "PYTHONPATH", "PYTHONSTARTUP", "NODE_OPTIONS", "GIT_SSH_COMMAND",
        "GIT_DIR", "DYLD_INSERT_LIBRARIES", "npm_config_script_shell",
        "BASH_FUNC_x%%", "HOME", "PERL5OPT", "RUSTC_WRAPPER"}) {
    EXPECT_FALSE(shell::IsAllowedAssignment(name)) << name;
  }
  for (const char* name : {"CI", "NO_COLOR", "LANG", "TZ", "TERM"}) {
    EXPECT_TRUE(shell::IsAllowedAssignment(name)) << name;
  }
}

TEST(CheckTest, NoSplitMatchesArgvAsGiven) {
  CommandCheck c =
      CheckCommand(P(), Argv{"bash", "-lc", "git status"},
                   {.resolve_host_executables = false, .split = false});
  ASSERT_EQ(c.matches.size(), 1u);  // the [bash] rule
  EXPECT_EQ(c.decision, Decision::kAllow);
  EXPECT_TRUE(c.complete);
}

TEST(CheckTest, WrapperAllowDoesNotVouchForWrappedCommand) {
  CommandCheck c = Check(Argv{"timeout", "5", "unknown-tool"});
  EXPECT_TRUE(c.matches.empty());
  EXPECT_FALSE(c.decision.has_value());
  EXPECT_EQ(Check(Argv{"timeout", "5", "git", "push"}).decision,
            Decision::kPrompt);
}

TEST(CheckTest, AllowNeedsEveryCommandAllowed) {
  EXPECT_EQ(Sh("git status && cmd").decision, Decision::kAllow);
  EXPECT_EQ(Sh("git status && unknown").decision, Decision::kPrompt);
  EXPECT_FALSE(Sh("unknown && other").decision.has_value());
  EXPECT_EQ(Sh("git status; git push").decision, Decision::kPrompt);
}

TEST(CheckTest, IncompleteWithOnlyAllowIsPrompt) {
  CommandCheck c = Sh("echo $HOME");
  EXPECT_FALSE(c.complete);
  EXPECT_EQ(c.decision, Decision::kPrompt);
  // With no match at all there is still no decision.
  CommandCheck u = CheckCommand(P(), Argv{"dash", "-c", "unknown $HOME"});
  EXPECT_FALSE(u.decision.has_value());
  EXPECT_FALSE(u.complete);
}

TEST(CheckTest, RunnersNeedACoveringRule) {
  CommandCheck covered = Check(Argv{"python3", "-c", "print(1)"});
  EXPECT_TRUE(covered.complete);
  EXPECT_EQ(covered.decision, Decision::kAllow);
  CommandCheck other = Check(Argv{"python3", "-c", "print(2)"});
  EXPECT_FALSE(other.complete);
  EXPECT_FALSE(other.decision.has_value());
  CommandCheck sudo = Check(Argv{"sudo", "apt", "update"});
  EXPECT_TRUE(sudo.complete);
  EXPECT_EQ(sudo.decision, Decision::kAllow);
  CommandCheck sudo_ls = Check(Argv{"sudo", "ls"});
  EXPECT_FALSE(sudo_ls.complete);
  EXPECT_EQ(sudo_ls.decision, Decision::kPrompt);  // [sudo] allow only
}

struct Bypass {
  std::string script;
  Decision at_least;
};

TEST(CheckTest, BypassSpellingsNeverWeakenTheDecision) {
  std::vector<Bypass> table = {
      {"evil", Decision::kForbidden},
      {"cmd && evil", Decision::kForbidden},
      {"cmd || evil", Decision::kForbidden},
      {"cmd; evil", Decision::kForbidden},
      {"cmd | evil", Decision::kForbidden},
      {"cmd\nevil", Decision::kForbidden},
      {"cmd\n\n  evil # comment", Decision::kForbidden},
      {"cmd $(evil)", Decision::kForbidden},
      {"cmd \"$(evil)\"", Decision::kForbidden},
      {"cmd `evil`", Decision::kForbidden},
      {"cmd \"`evil`\"", Decision::kForbidden},
      {"cmd $(cmd $(evil))", Decision::kForbidden},
      {"cmd <(evil)", Decision::kForbidden},
      {"env X=1 evil", Decision::kForbidden},
      {"env -i evil", Decision::kForbidden},
      {"env -S evil", Decision::kForbidden},
      {"env -S 'evil now'", Decision::kForbidden},
      {"timeout 5 evil", Decision::kForbidden},
      {"timeout -s 9 5 evil", Decision::kForbidden},
      {"nice -n 5 evil", Decision::kForbidden},
      {"nohup evil", Decision::kForbidden},
      {"stdbuf -oL evil", Decision::kForbidden},
      {"time evil", Decision::kForbidden},
      {"command evil", Decision::kForbidden},
      {"exec evil", Decision::kForbidden},
      {"exec -a cmd evil", Decision::kForbidden},
      {"sh -c evil", Decision::kForbidden},
      {"bash -c 'cmd; evil'", Decision::kForbidden},
      {"sh -c \"sh -c 'evil'\"", Decision::kForbidden},
      {"bash -ec evil", Decision::kForbidden},
      {"bash -x -c evil", Decision::kForbidden},
      {"/bin/sh -c evil", Decision::kForbidden},
      {"ksh -c evil", Decision::kForbidden},
      {"\\evil", Decision::kForbidden},
      {"\"evil\"", Decision::kForbidden},
      {"'evil'", Decision::kForbidden},
      {"e''vil", Decision::kForbidden},
      {"e\"\"vil", Decision::kForbidden},
      {"ev\\il", Decision::kForbidden},
      {"e\\\nvil", Decision::kForbidden},
      {"PATH=. evil", Decision::kForbidden},
      {"FOO=1 evil", Decision::kForbidden},
      {"LD_PRELOAD=x evil", Decision::kForbidden},
      {"sudo evil", Decision::kForbidden},
      {"sudo -u root evil", Decision::kForbidden},
      {"sudo -E FOO=1 evil", Decision::kForbidden},
      {"doas evil", Decision::kForbidden},
      {"su -c evil", Decision::kForbidden},
      {"xargs evil", Decision::kForbidden},
      {"xargs -n 1 -I {} evil {}", Decision::kForbidden},
      {"find . -exec evil {} ;", Decision::kForbidden},
      {"find . -name x -execdir evil {} +", Decision::kForbidden},
      {"evil &", Decision::kForbidden},
      {"cmd & evil", Decision::kForbidden},
      {"evil > /dev/null", Decision::kForbidden},
      {"> out evil", Decision::kForbidden},
      {"2>/dev/null evil", Decision::kForbidden},
      {"evil 2>&1", Decision::kForbidden},
      {"evil <<EOF\nx\nEOF", Decision::kForbidden},
      {"cat <<EOF\n$(evil)\nEOF", Decision::kForbidden},
      {"(evil)", Decision::kForbidden},
      {"{ evil; }", Decision::kForbidden},
      {"if cmd; then evil; fi", Decision::kForbidden},
      {"for i in 1; do evil; done", Decision::kForbidden},
      {"while cmd; do evil; done", Decision::kForbidden},
      {"f() { evil; }; f", Decision::kForbidden},
      {"! evil", Decision::kForbidden},
      {"eval evil", Decision::kForbidden},
      {"eval 'cmd; evil'", Decision::kForbidden},
      {"python3 -c 'import os' && evil", Decision::kForbidden},
      {"setsid evil", Decision::kForbidden},
      {"watch -n 1 evil", Decision::kForbidden},
      {"ssh host evil", Decision::kForbidden},
      {"rm -rf /", Decision::kForbidden},
      {"rm -rf $HOME", Decision::kForbidden},
      {"r''m -rf x", Decision::kForbidden},
      {"timeout 5 rm -rf x", Decision::kForbidden},
      // Invisible commands: never allowed.
      {"$(echo evil)", Decision::kPrompt},
      {"cmd $X", Decision::kPrompt},
      {"cmd *", Decision::kPrompt},
      {"cmd ~", Decision::kPrompt},
      {"cmd {a,b}", Decision::kPrompt},
      {"echo hi > ~/.bashrc", Decision::kPrompt},
      {"cmd 'unterminated", Decision::kPrompt},
      {"cmd &&", Decision::kPrompt},
      {"PATH=/tmp cmd", Decision::kPrompt},
      {"BASH_ENV=x bash -c cmd", Decision::kPrompt},
      {"timeout 5 sh -c 'cmd $(x)'", Decision::kPrompt},
  };
  for (const Bypass& b : table) {
    for (const Argv& argv :
         {Argv{"bash", "-lc", b.script}, Argv{"sh", "-c", b.script}}) {
      CommandCheck c = CheckCommand(P(), argv);
      ASSERT_TRUE(c.decision.has_value()) << "[" << b.script << "]";
      EXPECT_GE(*c.decision, b.at_least)
          << "[" << b.script << "] got " << DecisionName(*c.decision);
    }
  }
}

TEST(CheckTest, DirectArgvBypasses) {
  for (const Argv& argv : std::vector<Argv>{
           {"env", "X=1", "evil"},
           {"timeout", "5", "evil"},
           {"/usr/bin/timeout", "5", "evil"},
           {"sudo", "evil"},
           {"xargs", "evil"},
           {"nice", "nohup", "evil"},
           {"bash", "-lc", "evil"},
           {"/bin/sh", "-c", "evil"},
           {"find", ".", "-exec", "evil", ";"},
       }) {
    CommandCheck c = Check(argv);
    ASSERT_TRUE(c.decision.has_value()) << ShellJoin(argv);
    EXPECT_EQ(*c.decision, Decision::kForbidden) << ShellJoin(argv);
  }
}

}  // namespace
}  // namespace warden::engine
