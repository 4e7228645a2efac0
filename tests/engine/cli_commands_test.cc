// End-to-end: `warden check`, `explain` and `show` on the starter policy
// (examples/default.rules), through the real binary.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "engine/check.h"
#include "engine/rules/loader.h"

namespace warden::engine {
namespace {

using ::testing::HasSubstr;

struct RunResult {
  int status = -1;
  std::string out;
  std::string err;
};

std::string ReadAll(int fd) {
  std::string s;
  char buf[4096];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) s.append(buf, n);
  return s;
}

RunResult Warden(std::vector<std::string> args) {
  int out[2], err[2];
  if (pipe(out) != 0 || pipe(err) != 0) return {};
  pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], 1);
    dup2(err[1], 2);
    close(out[0]);
    close(err[0]);
    std::vector<char*> argv;
    std::string bin = WARDEN_BINARY;
    argv.push_back(bin.data());
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(bin.c_str(), argv.data());
    _exit(127);
  }
  close(out[1]);
  close(err[1]);
  RunResult r;
  r.err = ReadAll(err[0]);  // small outputs: no deadlock risk
  r.out = ReadAll(out[0]);
  close(out[0]);
  close(err[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

const std::string kRules =
    std::string(WARDEN_SOURCE_DIR) + "/examples/default.rules";

TEST(StarterPolicyTest, LoadsWithAllExamplesChecked) {
  LoadResult r = LoadPolicy({kRules});
  ASSERT_TRUE(r.policy) << FormatDiagnostics(r.diagnostics);
  auto decide = [&](std::vector<std::string> argv) {
    CommandCheck c = CheckCommand(*r.policy, argv);
    return c.decision ? std::string(DecisionName(*c.decision)) : "none";
  };
  EXPECT_EQ(decide({"git", "status"}), "allow");
  EXPECT_EQ(decide({"git", "push", "--force"}), "forbidden");
  EXPECT_EQ(decide({"bash", "-lc", "git status && rm -rf /"}), "forbidden");
  EXPECT_EQ(decide({"bash", "-lc", "git diff | head -5"}), "allow");
  EXPECT_EQ(decide({"kubectl", "delete", "ns", "x"}), "forbidden");
  EXPECT_EQ(decide({"npm", "install"}), "prompt");
  EXPECT_EQ(decide({"sudo", "ls"}), "forbidden");
  EXPECT_EQ(decide({"frobnicate"}), "none");
  EXPECT_FALSE(r.policy->network().allowed.empty());
}

TEST(CliTest, CheckPrintsCodexJson) {
  RunResult r =
      Warden({"check", "--rules", kRules, "--", "git", "push", "--force"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(
      r.out,
      "{\"matchedRules\":[{\"prefixRuleMatch\":{\"matchedPrefix\":[\"git\","
      "\"push\"],\"decision\":\"prompt\",\"justification\":\"Pushing "
      "publishes work; a human should confirm the branch and remote.\"}},"
      "{\"prefixRuleMatch\":{\"matchedPrefix\":[\"git\",\"push\",\"--force\"],"
      "\"decision\":\"forbidden\",\"justification\":\"Force-pushing "
      "rewrites shared history. Push a new branch and open a pull request "
      "instead.\"}}],\"decision\":\"forbidden\"}\n");
}

TEST(CliTest, CheckNoMatchHasNoDecision) {
  RunResult r =
      Warden({"check", "--rules", kRules, "--pretty", "--", "frobnicate"});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, "{\n  \"matchedRules\": []\n}\n");
}

TEST(CliTest, CheckOptionsAfterDashDashBelongToTheCommand) {
  RunResult r = Warden({"check", "--rules", kRules, "--", "bash", "-lc",
                        "git status && echo $HOME"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("\"decision\":\"prompt\",\"complete\":false}"));
}

TEST(CliTest, CheckHostExecutables) {
  RunResult plain =
      Warden({"check", "--rules", kRules, "--", "/usr/bin/git", "status"});
  EXPECT_EQ(plain.out, "{\"matchedRules\":[]}\n");
  RunResult resolved =
      Warden({"check", "--rules", kRules, "--resolve-host-executables", "--",
              "/usr/bin/git", "status"});
  EXPECT_EQ(resolved.out,
            "{\"matchedRules\":[{\"prefixRuleMatch\":{\"matchedPrefix\":"
            "[\"git\",\"status\"],\"decision\":\"allow\",\"resolvedProgram\":"
            "\"/usr/bin/git\"}}],\"decision\":\"allow\"}\n");
}

TEST(CliTest, LoadErrorsGoToStderrWithExit2) {
  RunResult r =
      Warden({"check", "--rules", "/nonexistent/x.rules", "--", "ls"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, HasSubstr("/nonexistent/x.rules: error: cannot read"));
}

TEST(CliTest, ExplainJson) {
  RunResult r = Warden(
      {"explain", "--json", "--", "bash", "-lc", "git status && rm -rf x"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("{\"commands\":[[\"git\",\"status\"],[\"rm\","
                               "\"-rf\",\"x\"]],\"complete\":true,"
                               "\"matchedRules\":[],\"decision\":null,"));
}

TEST(CliTest, ShowJson) {
  RunResult r = Warden({"show", "--json", "--rules", kRules});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("{\"rules\":[{\"pattern\":[\"ls\"],"
                               "\"decision\":\"allow\",\"source\":"));
  EXPECT_THAT(r.out,
              HasSubstr("\"hostExecutables\":{\"git\":[\"/usr/bin/git\","));
  EXPECT_THAT(r.out, HasSubstr("\"network\":{\"allowed\":[\"github.com\","));
}

}  // namespace
}  // namespace warden::engine
