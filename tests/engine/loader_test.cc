// Loading .rules files (SPEC A1-A7): every user-visible message and rule.
#include "engine/rules/loader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "engine/json_output.h"

namespace warden::engine {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using Argv = std::vector<std::string>;

struct Loaded {
  std::optional<Policy> policy;
  std::string errors;  // formatted diagnostics
};

Loaded LoadTexts(std::vector<std::pair<std::string, std::string>> files) {
  LoadOptions options;
  options.home_dir = "/home/u";
  PolicyLoader loader(options);
  Loaded out;
  for (auto& [name, text] : files) {
    if (!loader.AddSource(name, text)) {
      out.errors = FormatDiagnostics(loader.diagnostics());
      return out;
    }
  }
  out.policy = std::move(loader).Finish();
  out.errors = FormatDiagnostics(loader.diagnostics());
  return out;
}

Loaded Load(const std::string& text) { return LoadTexts({{"t.rules", text}}); }

// The first line of the error output: "FILE:LINE:COL: error: MESSAGE".
std::string FirstLine(const Loaded& l) {
  return l.errors.substr(0, l.errors.find('\n'));
}

TEST(LoaderTest, LoadsPrefixRulesInOrder) {
  Loaded l = Load(R"(
prefix_rule(pattern = ["git", "status"])
prefix_rule(
    pattern = [["bash", "zsh"], ["-c", "-lc"]],
    decision = "prompt",
    justification = "shell scripts need review",
)
prefix_rule(["rm", "-rf"], "forbidden")
)");
  ASSERT_TRUE(l.policy) << l.errors;
  const std::vector<PrefixRule>& rules = l.policy->rules();
  ASSERT_EQ(rules.size(), 4u);
  EXPECT_EQ(rules[0].decision, Decision::kAllow);
  EXPECT_EQ(rules[0].source.ToString(), "t.rules:2:1");
  EXPECT_EQ(rules[1].program(), "bash");
  EXPECT_EQ(rules[2].program(), "zsh");
  EXPECT_EQ(rules[2].justification, "shell scripts need review");
  EXPECT_EQ(rules[2].source.line, 3);
  EXPECT_EQ(rules[3].decision, Decision::kForbidden);
  Evaluation e = l.policy->Check(Argv{"zsh", "-lc", "x"});
  ASSERT_EQ(e.matches.size(), 1u);
  EXPECT_EQ(e.decision, Decision::kPrompt);
}

TEST(LoaderTest, PermissiveDialect) {
  Loaded l = Load(R"(
SHELLS = ["bash", "zsh"]
for s in SHELLS:
    if s != "zsh":
        prefix_rule(pattern = [s, "-c"], decision = "prompt")
def tool(name: str, n: int = 1) -> None:
    prefix_rule(pattern = [f"{name}-{n}"])
tool("x")
SHELLS = []
)");
  ASSERT_TRUE(l.policy) << l.errors;
  ASSERT_EQ(l.policy->rules().size(), 2u);
  EXPECT_EQ(l.policy->rules()[1].program(), "x-1");
  // The location of a call made inside a def is that call.
  EXPECT_EQ(l.policy->rules()[1].source.line, 7);
}

TEST(LoaderTest, LoadIsRefused) {
  Loaded l = Load("load(\"other.star\", \"x\")\n");
  EXPECT_FALSE(l.policy);
  EXPECT_THAT(l.errors, HasSubstr("load() is not supported in rules files"));
  EXPECT_THAT(l.errors, HasSubstr("t.rules:1:"));
}

TEST(LoaderTest, NoPrintNoRecursionNoWhile) {
  EXPECT_FALSE(Load("print('x')\n").policy);
  EXPECT_FALSE(Load("x = 1\nwhile x:\n  x = 0\n").policy);
  EXPECT_FALSE(Load("def f(n):\n  return f(n)\nf(1)\n").policy);
  EXPECT_FALSE(Load("x = 1.5\n").policy);
}

TEST(LoaderTest, DecisionErrors) {
  EXPECT_EQ(FirstLine(Load("prefix_rule(pattern=['a'], decision='maybe')\n")),
            "t.rules:1:1: error: invalid decision: maybe");
  EXPECT_EQ(FirstLine(Load("prefix_rule(pattern=['a'], decision='Allow')\n")),
            "t.rules:1:1: error: invalid decision: Allow");
  EXPECT_EQ(FirstLine(Load("prefix_rule(pattern=['a'], decision='deny')\n")),
            "t.rules:1:1: error: invalid decision: deny");
  // decision=None means allow.
  Loaded l = Load("prefix_rule(pattern=['a'], decision=None)\n");
  ASSERT_TRUE(l.policy) << l.errors;
  EXPECT_EQ(l.policy->rules()[0].decision, Decision::kAllow);
}

TEST(LoaderTest, ValidationOrder) {
  // decision, then justification, then pattern, then match, then not_match.
  EXPECT_THAT(FirstLine(Load("prefix_rule(pattern=[], decision='x', "
                             "justification=' ')\n")),
              HasSubstr("invalid decision: x"));
  EXPECT_THAT(
      FirstLine(Load("prefix_rule(pattern=[], justification=' \\t')\n")),
      HasSubstr("error: invalid rule: justification cannot be empty"));
  EXPECT_THAT(FirstLine(Load("prefix_rule(pattern=[], match=[''])\n")),
              HasSubstr("error: invalid pattern element: pattern cannot be "
                        "empty"));
  EXPECT_THAT(FirstLine(Load("prefix_rule(pattern=['a'], match=[''], "
                             "not_match=[[]])\n")),
              HasSubstr("error: invalid example: example cannot be an empty "
                        "string"));
}

TEST(LoaderTest, PatternErrors) {
  EXPECT_THAT(FirstLine(Load("prefix_rule(pattern=[])\n")),
              HasSubstr("invalid pattern element: pattern cannot be empty"));
  EXPECT_THAT(
      FirstLine(Load("prefix_rule(pattern=['a', []])\n")),
      HasSubstr("invalid pattern element: pattern alternatives cannot be "
                "empty"));
  EXPECT_THAT(FirstLine(Load("prefix_rule(pattern=['a', ['b', 1]])\n")),
              HasSubstr("invalid pattern element: pattern alternative must be "
                        "a string (got int)"));
  EXPECT_THAT(FirstLine(Load("prefix_rule(pattern=['a', None])\n")),
              HasSubstr("invalid pattern element: pattern element must be a "
                        "string or list of strings (got NoneType)"));
  EXPECT_THAT(FirstLine(Load("prefix_rule(pattern=['a', ('b',)])\n")),
              HasSubstr("invalid pattern element: pattern element must be a "
                        "string or list of strings (got tuple)"));
  // A one-element list is a literal; "*" is literal; spaces stay in one token.
  Loaded l = Load("prefix_rule(pattern=[['a'], '*', 'x y'])\n");
  ASSERT_TRUE(l.policy) << l.errors;
  EXPECT_TRUE(l.policy->rules()[0].pattern[0].is_literal());
  EXPECT_EQ(l.policy->Check(Argv{"a", "*", "x y"}).matches.size(), 1u);
  EXPECT_TRUE(l.policy->Check(Argv{"a", "b", "x y"}).matches.empty());
}

TEST(LoaderTest, ExampleErrors) {
  auto err = [](const std::string& examples) {
    return FirstLine(
        Load("prefix_rule(pattern=['a'], match=" + examples + ")\n"));
  };
  EXPECT_THAT(err("['']"),
              HasSubstr("invalid example: example cannot be an empty string"));
  EXPECT_THAT(err("['  # c']"),
              HasSubstr("invalid example: example cannot be an empty string"));
  EXPECT_THAT(err("[[]]"),
              HasSubstr("invalid example: example cannot be an empty list"));
  EXPECT_THAT(err("[['a', 1]]"),
              HasSubstr("invalid example: example tokens must be strings (got "
                        "int)"));
  EXPECT_THAT(err("[1]"), HasSubstr("invalid example: example must be a "
                                    "string or list of strings (got int)"));
  EXPECT_THAT(err("[\"a 'open\"]"),
              HasSubstr("invalid example: example string has invalid shell "
                        "syntax"));
}

TEST(LoaderTest, NotMatchExampleFailure) {
  Loaded l = Load(R"(
prefix_rule(
    pattern = ["git", "push"],
    decision = "forbidden",
    not_match = ["git status", "git push origin"],
))");
  EXPECT_FALSE(l.policy);
  EXPECT_EQ(FirstLine(l),
            "t.rules:2:1: error: expected example to not match rule "
            "`prefix_rule(pattern=[\"git\", \"push\"], decision=\"forbidden\")`"
            ": git push origin");
}

TEST(LoaderTest, MatchExampleFailureListsEveryUnmatchedExample) {
  Loaded l = Load(R"(prefix_rule(
    pattern = [["git", "hg"], "push"],
    match = ["git push", "git pull", ["hg", "pull", "a b"]],
))");
  EXPECT_FALSE(l.policy);
  EXPECT_EQ(FirstLine(l),
            "t.rules:1:1: error: expected every example to match at least one "
            "rule. rules: [prefix_rule(pattern=[\"git\", \"push\"], "
            "decision=\"allow\"), prefix_rule(pattern=[\"hg\", \"push\"], "
            "decision=\"allow\")]; unmatched examples: [\"git pull\",\"hg pull "
            "'a b'\"]");
}

TEST(LoaderTest, NotMatchCheckedBeforeMatch) {
  Loaded l =
      Load("prefix_rule(pattern=['a'], match=['b'], not_match=['a x'])\n");
  EXPECT_THAT(FirstLine(l), HasSubstr("expected example to not match rule"));
}

TEST(LoaderTest, ExamplesSeeOnlyTheirOwnCallsRules) {
  Loaded l = Load(
      "prefix_rule(pattern=['git'])\n"
      "prefix_rule(pattern=['git', 'push'], match=['git status'])\n");
  EXPECT_EQ(FirstLine(l).substr(0, 21), "t.rules:2:1: error: e");
  Loaded ok = Load(
      "prefix_rule(pattern=['git', 'push'])\n"
      "prefix_rule(pattern=['git', 'status'], not_match=['git push'])\n");
  EXPECT_TRUE(ok.policy) << ok.errors;
}

TEST(LoaderTest, ExamplesUseHostExecutablesDeclaredLaterInTheFile) {
  Loaded l = Load(R"(
prefix_rule(pattern=["git", "status"], match=[["/usr/bin/git", "status"]],
            not_match=[["/opt/git", "status"]])
host_executable(name="git", paths=["/usr/bin/git"])
)");
  EXPECT_TRUE(l.policy) << l.errors;
  // Without a host_executable entry, any absolute path falls back.
  Loaded fallback =
      Load("prefix_rule(pattern=['git'], not_match=[['/opt/git']])\n");
  EXPECT_THAT(FirstLine(fallback),
              HasSubstr("expected example to not match rule"));
  // Entries from a later file do not count for an earlier file.
  Loaded later = LoadTexts(
      {{"a.rules", "prefix_rule(pattern=['git'], not_match=[['/opt/git']])\n"},
       {"b.rules", "host_executable('git', [])\n"}});
  EXPECT_THAT(FirstLine(later), HasSubstr("a.rules:1:1: error: expected"));
  // ... but earlier files' do.
  Loaded earlier =
      LoadTexts({{"a.rules", "host_executable('git', [])\n"},
                 {"b.rules",
                  "prefix_rule(pattern=['git'], not_match=[['/opt/git']])\n"}});
  EXPECT_TRUE(earlier.policy) << earlier.errors;
}

TEST(LoaderTest, HostExecutables) {
  Loaded l = LoadTexts(
      {{"a.rules",
        "host_executable(name='git', paths=['/usr/bin/git', '/usr/bin/git', "
        "'~/bin/git'])\nhost_executable('rg', [])\n"},
       {"b.rules", "host_executable('rg', ['/usr/bin/rg'])\n"}});
  ASSERT_TRUE(l.policy) << l.errors;
  EXPECT_THAT(l.policy->host_executables().at("git"),
              ElementsAre("/usr/bin/git", "/home/u/bin/git"));
  EXPECT_THAT(l.policy->host_executables().at("rg"),
              ElementsAre("/usr/bin/rg"));
  auto err = [](const std::string& call) {
    return FirstLine(Load(call + "\n"));
  };
  EXPECT_EQ(err("host_executable('', [])"),
            "t.rules:1:1: error: invalid rule: host_executable name cannot be "
            "empty");
  EXPECT_EQ(err("host_executable('bin/git', [])"),
            "t.rules:1:1: error: invalid rule: host_executable name must be a "
            "bare executable name (got bin/git)");
  EXPECT_EQ(err("host_executable('git', ['git'])"),
            "t.rules:1:1: error: invalid rule: host_executable paths must be "
            "absolute or use `~/...` home-relative syntax (got git)");
  EXPECT_EQ(err("host_executable('git', ['~root/git'])"),
            "t.rules:1:1: error: invalid rule: host_executable paths must be "
            "absolute or use `~/...` home-relative syntax (got ~root/git)");
  EXPECT_EQ(err("host_executable('git', [1])"),
            "t.rules:1:1: error: invalid rule: host_executable paths must be "
            "strings (got int)");
  EXPECT_EQ(err("host_executable('git', ['/usr/bin/hg'])"),
            "t.rules:1:1: error: invalid rule: host_executable path "
            "`/usr/bin/hg` must have basename `git`");
}

TEST(LoaderTest, NetworkRules) {
  Loaded l = Load(R"(
network_rule(host="Example.COM:443", protocol="https", decision="allow")
network_rule(host="evil.com", protocol="http", decision="deny",
             justification="no")
network_rule(host="example.com", protocol="socks5_tcp", decision="forbidden")
network_rule(host="[::1]", protocol="http-connect", decision="allow")
network_rule(host="p.com", protocol="https_connect", decision="prompt")
)");
  ASSERT_TRUE(l.policy) << l.errors;
  EXPECT_THAT(l.policy->network().allowed, ElementsAre("::1"));
  EXPECT_THAT(l.policy->network().denied,
              ElementsAre("evil.com", "example.com"));
  auto err = [](const std::string& args) {
    return FirstLine(Load("network_rule(" + args + ")\n"));
  };
  EXPECT_EQ(err("host='a.com', protocol='ftp', decision='allow'"),
            "t.rules:1:1: error: invalid rule: network_rule protocol must be "
            "one of http, https, socks5_tcp, socks5_udp (got ftp)");
  EXPECT_EQ(err("host='*.a.com', protocol='http', decision='allow'"),
            "t.rules:1:1: error: invalid rule: network_rule host must be a "
            "specific host; wildcards are not allowed");
  EXPECT_EQ(err("host='a.com', protocol='http', decision='block'"),
            "t.rules:1:1: error: invalid decision: block");
  EXPECT_EQ(err("host='a.com', protocol='http', decision='allow', "
                "justification=''"),
            "t.rules:1:1: error: invalid rule: justification cannot be empty");
}

TEST(LoaderTest, FilesAreSeparateModulesAndMergeInOrder) {
  Loaded l = LoadTexts({{"a.rules", "X = 'git'\nprefix_rule([X])\n"},
                        {"b.rules", "X = 'hg'\nprefix_rule([X], 'prompt')\n"}});
  ASSERT_TRUE(l.policy) << l.errors;
  EXPECT_EQ(l.policy->rules()[0].source.file, "a.rules");
  EXPECT_EQ(l.policy->rules()[1].source.file, "b.rules");
  Loaded leak = LoadTexts(
      {{"a.rules", "X = 'git'\n"}, {"b.rules", "prefix_rule([X])\n"}});
  EXPECT_FALSE(leak.policy);
  EXPECT_THAT(leak.errors, HasSubstr("b.rules:1:"));
}

TEST(LoaderTest, RuntimeErrorsNameTheFile) {
  Loaded l = Load("\n\nfail('boom')\n");
  EXPECT_FALSE(l.policy);
  EXPECT_THAT(l.errors, HasSubstr("t.rules:3:"));
  EXPECT_THAT(l.errors, HasSubstr("boom"));
  Loaded syntax = Load("prefix_rule(\n");
  EXPECT_FALSE(syntax.policy);
  EXPECT_THAT(syntax.errors, HasSubstr("t.rules:"));
}

TEST(LoaderTest, PathsAndDirectories) {
  namespace fs = std::filesystem;
  fs::path dir = fs::path(::testing::TempDir()) / "warden_loader_test";
  fs::remove_all(dir);
  fs::create_directories(dir / "sub");
  auto write = [](const fs::path& p, const std::string& text) {
    std::ofstream(p) << text;
  };
  write(dir / "b.rules", "prefix_rule(['b'])\n");
  write(dir / "a.rules", "prefix_rule(['a'])\n");
  write(dir / "c.txt", "this is not starlark(\n");
  write(dir / "sub" / "d.rules", "prefix_rule(['d'])\n");
  write(dir / "z.rules", "prefix_rule(['z'])\n");
  LoadResult r = LoadPolicy({(dir / "z.rules").string(), dir.string()});
  ASSERT_TRUE(r.policy) << FormatDiagnostics(r.diagnostics);
  std::vector<std::string> programs;
  for (const PrefixRule& rule : r.policy->rules()) {
    programs.push_back(rule.program());
  }
  EXPECT_THAT(programs, ElementsAre("z", "a", "b", "z"));

  LoadResult missing = LoadPolicy({(dir / "nope.rules").string()});
  EXPECT_FALSE(missing.policy);
  EXPECT_THAT(FormatDiagnostics(missing.diagnostics),
              HasSubstr("nope.rules: error: cannot read rules file"));

  write(dir / "bad.rules", "prefix_rule(['x'], 'nope')\n");
  LoadResult bad = LoadPolicy({(dir / "bad.rules").string()});
  EXPECT_FALSE(bad.policy);
  EXPECT_THAT(FormatDiagnostics(bad.diagnostics),
              HasSubstr("bad.rules:1:1: error: invalid decision: nope"));
  EXPECT_TRUE(LoadPolicy({}).policy);
  fs::remove_all(dir);
}

TEST(LoaderTest, ShowJson) {
  Loaded l = Load(
      "prefix_rule(['git', ['push', 'fetch']], 'prompt', justification='j')\n"
      "host_executable('git', ['/usr/bin/git'])\n"
      "network_rule('a.com', 'https', 'allow')\n");
  ASSERT_TRUE(l.policy) << l.errors;
  EXPECT_EQ(
      DumpJson(ShowJson(*l.policy), false),
      R"({"rules":[{"pattern":["git",["push","fetch"]],"decision":"prompt",)"
      R"("justification":"j","source":"t.rules:1"}],"hostExecutables":)"
      R"({"git":["/usr/bin/git"]},"network":{"allowed":["a.com"],)"
      R"("denied":[]}})");
}

}  // namespace
}  // namespace warden::engine
