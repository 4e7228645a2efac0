// Profile resolution and the plans built from it, checked without running
// anything in a sandbox.
#include "sandbox/profile.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "sandbox/host_sockets.h"
#include "sandbox/kernel_probe.h"
#include "sandbox/landlock.h"
#include "sandbox/namespaces.h"
#include "sandbox/placeholders.h"
#include "sandbox/seccomp_filter.h"
#include "tests/sandbox/sandbox_testutil.h"

namespace warden::sandbox {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing::MakeTempDir;
using testing::RemoveTree;
using ::testing::UnorderedElementsAre;
using testing::WriteFile;

class ProfileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ws_ = MakeTempDir("/tmp/warden-profile-");
    ASSERT_FALSE(ws_.empty());
  }
  void TearDown() override { RemoveTree(ws_); }
  Profile At(const std::string& cwd) const {
    Profile p;
    p.cwd = cwd;
    return p;
  }
  std::string ws_;
};

TEST(ModeTest, ParsesAndNames) {
  for (Mode m :
       {Mode::kReadOnly, Mode::kWorkspaceWrite, Mode::kDangerFullAccess}) {
    auto parsed = ParseMode(ModeName(m));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, m);
  }
  auto bad = ParseMode("full");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(),
            "unknown sandbox mode \"full\" (expected read-only, "
            "workspace-write or danger-full-access)");
}

TEST(IsBeneathTest, ComparesWholeComponents) {
  EXPECT_TRUE(IsBeneath("/a/b", "/a"));
  EXPECT_TRUE(IsBeneath("/a", "/a"));
  EXPECT_FALSE(IsBeneath("/ab", "/a"));
  EXPECT_TRUE(IsBeneath("/x", "/"));
}

TEST_F(ProfileTest, WorkspaceRootsTmpAndMissingProtectedNames) {
  ASSERT_EQ(mkdir((ws_ + "/.git").c_str(), 0755), 0);
  auto r = ResolveProfile(At(ws_));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->cwd, ws_);
  ASSERT_EQ(r->writable_roots.size(), 2u);
  EXPECT_EQ(r->writable_roots[0].path, ws_);
  EXPECT_TRUE(r->writable_roots[0].workspace);
  EXPECT_EQ(r->writable_roots[1].path, "/tmp");
  EXPECT_FALSE(r->writable_roots[1].workspace);
  EXPECT_THAT(r->read_only_paths, ElementsAre(ws_ + "/.git"));
  EXPECT_THAT(
      r->blocked_paths,
      ElementsAre(ws_ + "/.codex", ws_ + "/.agents", ws_ + "/.warden",
                  ws_ + "/.claude", ws_ + "/.gemini", ws_ + "/.mcp.json",
                  ws_ + "/.vscode", ws_ + "/.envrc"));
}

TEST_F(ProfileTest, RelativeSymlinkedAndMissingRoots) {
  ASSERT_EQ(mkdir((ws_ + "/real").c_str(), 0755), 0);
  ASSERT_EQ(symlink((ws_ + "/real").c_str(), (ws_ + "/link").c_str()), 0);
  Profile p = At(ws_);
  p.writable_roots = {"link", "missing", ws_};
  p.writable_tmp = false;
  auto r = ResolveProfile(p);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->writable_roots.size(), 2u);
  EXPECT_EQ(r->writable_roots[0].path, ws_);
  EXPECT_EQ(r->writable_roots[1].path, ws_ + "/real");
  EXPECT_THAT(r->warnings,
              ElementsAre("writable root missing does not exist or is not a "
                          "directory; skipped"));
}

// SPEC-sandbox "Temporary directory": the caller's $TMPDIR never becomes a
// writable root (TMPDIR=/etc made /etc writable).
TEST_F(ProfileTest, TmpdirIsNeverAWritableRoot) {
  ASSERT_EQ(setenv("TMPDIR", "/etc", 1), 0);
  auto r = ResolveProfile(At(ws_));
  unsetenv("TMPDIR");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->writable_roots.size(), 2u);
  EXPECT_EQ(r->writable_roots[0].path, ws_);
  EXPECT_EQ(r->writable_roots[1].path, "/tmp");
  // No placeholders in the temporary root.
  for (const auto& b : r->blocked_paths) EXPECT_EQ(b.rfind(ws_, 0), 0u) << b;
}

// `git init ..` from a working directory inside a writable root must not
// plant a repository in the parent: the ancestors inside the root are
// guarded too.
TEST_F(ProfileTest, AncestorsOfTheWorkingDirectoryInsideARootAreGuarded) {
  ASSERT_EQ(mkdir((ws_ + "/a").c_str(), 0755), 0);
  ASSERT_EQ(mkdir((ws_ + "/a/b").c_str(), 0755), 0);
  ASSERT_EQ(mkdir((ws_ + "/a/.git").c_str(), 0755), 0);
  Profile p = At(ws_ + "/a/b");
  p.writable_roots = {ws_};
  p.writable_tmp = false;
  auto r = ResolveProfile(p);
  ASSERT_TRUE(r.ok());
  EXPECT_THAT(r->read_only_paths, ::testing::Contains(ws_ + "/a/.git"));
  EXPECT_THAT(r->blocked_paths, ::testing::Contains(ws_ + "/a/.envrc"));
  EXPECT_THAT(r->blocked_paths, ::testing::Contains(ws_ + "/.git"));
  EXPECT_THAT(r->blocked_paths, ::testing::Contains(ws_ + "/a/b/.git"));
}

// A protected entry that is a symlink is pinned itself (and its target
// protected); a dangling one also blocks its missing target.
// A checked-out submodule's gitfile is protected too (rewritten, it would
// point the host's git at a planted git directory); one not checked out, or
// a path leaving the repository, is not.
TEST_F(ProfileTest, SubmoduleGitFilesAreProtected) {
  ASSERT_EQ(mkdir((ws_ + "/.git").c_str(), 0755), 0);
  ASSERT_EQ(mkdir((ws_ + "/.git/modules").c_str(), 0755), 0);
  ASSERT_EQ(mkdir((ws_ + "/.git/modules/lib").c_str(), 0755), 0);
  ASSERT_EQ(mkdir((ws_ + "/lib").c_str(), 0755), 0);
  ASSERT_TRUE(WriteFile(ws_ + "/lib/.git", "gitdir: ../.git/modules/lib\n"));
  ASSERT_TRUE(WriteFile(ws_ + "/.gitmodules",
                        "[submodule \"lib\"]\n\tpath = lib\n\turl = x\n"
                        "[submodule \"gone\"]\n\tpath = gone\n"
                        "[submodule \"up\"]\n\tpath = ../up\n"));
  Profile p = At(ws_);
  p.writable_tmp = false;
  auto r = ResolveProfile(p);
  ASSERT_TRUE(r.ok());
  EXPECT_THAT(r->read_only_paths, ::testing::Contains(ws_ + "/lib/.git"));
  EXPECT_THAT(r->read_only_paths,
              ::testing::Not(::testing::Contains(ws_ + "/gone/.git")));
}

TEST_F(ProfileTest, SymlinkedAndDanglingProtectedEntries) {
  ASSERT_EQ(mkdir((ws_ + "/realgit").c_str(), 0755), 0);
  ASSERT_EQ(symlink("realgit", (ws_ + "/.git").c_str()), 0);
  ASSERT_EQ(symlink("nowhere", (ws_ + "/.codex").c_str()), 0);
  Profile p = At(ws_);
  p.writable_tmp = false;
  auto r = ResolveProfile(p);
  ASSERT_TRUE(r.ok());
  EXPECT_THAT(r->read_only_links, ElementsAre(ws_ + "/.git", ws_ + "/.codex"));
  EXPECT_THAT(r->read_only_paths, ElementsAre(ws_ + "/realgit"));
  EXPECT_THAT(r->blocked_paths, ::testing::Contains(ws_ + "/nowhere"));
}

TEST_F(ProfileTest, ReadOnlyAndDangerModesHaveNoWritableRoots) {
  for (Mode m : {Mode::kReadOnly, Mode::kDangerFullAccess}) {
    Profile p = At(ws_);
    p.mode = m;
    auto r = ResolveProfile(p);
    ASSERT_TRUE(r.ok());
    EXPECT_THAT(r->writable_roots, IsEmpty());
    EXPECT_THAT(r->blocked_paths, IsEmpty());
    EXPECT_EQ(r->allow_network, m == Mode::kDangerFullAccess);
  }
}

TEST_F(ProfileTest, WorktreeGitFileProtectsItsGitDirs) {
  ASSERT_EQ(mkdir((ws_ + "/main").c_str(), 0755), 0);
  ASSERT_EQ(mkdir((ws_ + "/main/.git").c_str(), 0755), 0);
  ASSERT_EQ(mkdir((ws_ + "/main/.git/worktrees").c_str(), 0755), 0);
  ASSERT_EQ(mkdir((ws_ + "/main/.git/worktrees/wt").c_str(), 0755), 0);
  ASSERT_TRUE(WriteFile(ws_ + "/main/.git/worktrees/wt/commondir", "../..\n"));
  ASSERT_EQ(mkdir((ws_ + "/wt").c_str(), 0755), 0);
  ASSERT_TRUE(
      WriteFile(ws_ + "/wt/.git", "gitdir: ../main/.git/worktrees/wt\n"));
  Profile p = At(ws_ + "/wt");
  p.writable_roots = {ws_};
  p.writable_tmp = false;
  auto r = ResolveProfile(p);
  ASSERT_TRUE(r.ok());
  EXPECT_THAT(
      r->read_only_paths,
      UnorderedElementsAre(ws_ + "/wt/.git", ws_ + "/main/.git/worktrees/wt",
                           ws_ + "/main/.git"));
}

TEST_F(ProfileTest, PlaceholderOfAnotherRunIsJoinedNotKept) {
  // The current form (empty file, mode 01400) and the earlier one (empty
  // directory, mode 0000).
  int fd = open((ws_ + "/.codex").c_str(), O_CREAT | O_EXCL | O_WRONLY, 0);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(fchmod(fd, kPlaceholderMode), 0);
  close(fd);
  ASSERT_EQ(mkdir((ws_ + "/.agents").c_str(), 0), 0);
  auto r = ResolveProfile(At(ws_));
  ASSERT_TRUE(r.ok());
  EXPECT_THAT(r->read_only_paths, IsEmpty());
  EXPECT_THAT(
      r->blocked_paths,
      ElementsAre(ws_ + "/.git", ws_ + "/.codex", ws_ + "/.agents",
                  ws_ + "/.warden", ws_ + "/.claude", ws_ + "/.gemini",
                  ws_ + "/.mcp.json", ws_ + "/.vscode", ws_ + "/.envrc"));
}

TEST_F(ProfileTest, UserEntriesThatResemblePlaceholdersAreProtected) {
  // Not empty, another mode, or a directory with a mode: the user's.
  ASSERT_TRUE(WriteFile(ws_ + "/.codex", "x"));
  ASSERT_EQ(chmod((ws_ + "/.codex").c_str(), kPlaceholderMode), 0);
  int fd = open((ws_ + "/.agents").c_str(), O_CREAT | O_EXCL | O_WRONLY, 0);
  ASSERT_GE(fd, 0);
  close(fd);
  ASSERT_EQ(mkdir((ws_ + "/.warden").c_str(), 0700), 0);
  auto r = ResolveProfile(At(ws_));
  ASSERT_TRUE(r.ok());
  EXPECT_THAT(r->read_only_paths,
              ElementsAre(ws_ + "/.codex", ws_ + "/.agents", ws_ + "/.warden"));
  EXPECT_THAT(
      r->blocked_paths,
      ElementsAre(ws_ + "/.git", ws_ + "/.claude", ws_ + "/.gemini",
                  ws_ + "/.mcp.json", ws_ + "/.vscode", ws_ + "/.envrc"));
}

TEST_F(ProfileTest, MissingWorkingDirectoryIsAnError) {
  auto r = ResolveProfile(At(ws_ + "/nope"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "working directory " + ws_ + "/nope: No such file or directory");
}

TEST_F(ProfileTest, NamespacePlanOrdersOutermostFirst) {
  ASSERT_EQ(mkdir((ws_ + "/.git").c_str(), 0755), 0);
  Profile p = At(ws_);
  p.writable_roots = {"/tmp"};
  auto r = ResolveProfile(p);
  ASSERT_TRUE(r.ok());
  NamespacePlan plan =
      PlanNamespaces(*r, {ws_ + "/.codex"}, "/tmp/warden-private", {}, {});
  EXPECT_THAT(plan.writable, ElementsAre("/tmp", ws_));
  EXPECT_THAT(plan.read_only, ElementsAre(ws_ + "/.git", ws_ + "/.codex"));
  EXPECT_EQ(plan.uid_map, std::to_string(geteuid()) + " " +
                              std::to_string(geteuid()) + " 1\n");
  EXPECT_EQ(plan.private_tmp, "/tmp/warden-private");
  EXPECT_TRUE(plan.tmp_writable);
}

// The working directory and writable roots beneath /tmp are shown again over
// the private /tmp, outermost first and none twice; others need no rebind.
TEST(NamespacePlanTest, RebindsOnlyWhatLiesBeneathTmp) {
  ResolvedProfile r;
  r.mode = Mode::kWorkspaceWrite;
  r.cwd = "/tmp/a/ws";
  r.writable_roots = {{"/tmp/a/ws", true},
                      {"/tmp/a", true},
                      {"/tmp/b", true},
                      {"/var/tmp/c", true},
                      {"/tmp", false}};
  NamespacePlan plan = PlanNamespaces(r, {}, "/tmp/warden-0", {}, {});
  EXPECT_THAT(plan.tmp_rebinds, ElementsAre("/tmp/a", "/tmp/b"));
  // The first directory beneath /tmp is shown whole (read-only but for the
  // writable roots), so a workspace inside a repository there still finds
  // its .git.
  r.writable_roots = {{"/tmp/x/repo/sub", true}};
  r.cwd = "/tmp/x/repo/sub";
  EXPECT_THAT(PlanNamespaces(r, {}, "/tmp/warden-0", {}, {}).tmp_rebinds,
              ElementsAre("/tmp/x"));
  // A working directory that is /tmp itself: no private /tmp.
  r.cwd = "/tmp";
  EXPECT_EQ(PlanNamespaces(r, {}, "/tmp/warden-0", {}, {}).private_tmp, "");
}

TEST(HostSocketsTest, ParsesListeningPathnameSocketsOnly) {
  const char* text =
      "Num       RefCount Protocol Flags    Type St Inode Path\n"
      "0000: 00000002 00000000 00010000 0001 01 100 /run/user/1000/bus\n"
      "0000: 00000002 00000000 00010000 0001 01 101 @/tmp/.X11-unix/X0\n"
      "0000: 00000003 00000000 00000000 0001 03 102 /run/user/1000/bus\n"
      "0000: 00000002 00000000 00010000 0001 01 103 /tmp/with space.sock\n"
      "0000: 00000002 00000000 00000000 0002 01 104\n"
      "0000: 00000002 00000000 00010000 0001 01 105 /run/user/1000/bus\n";
  EXPECT_THAT(ParseListeningUnixSockets(text),
              ElementsAre("/run/user/1000/bus", "/tmp/with space.sock"));
}

TEST_F(ProfileTest, LandlockPlanGrantsWritesOnlyBeneathRoots) {
  auto r = ResolveProfile(At(ws_));
  ASSERT_TRUE(r.ok());
  LandlockPlan plan = PlanLandlock(*r, 7);
  EXPECT_NE(plan.handled_net, 0u);
  EXPECT_NE(plan.scoped, 0u);
  bool saw_root = false, saw_ws = false, saw_null = false;
  for (const auto& rule : plan.rules) {
    std::string access = DescribeFsAccess(rule.access);
    if (rule.path == "/") {
      saw_root = true;
      EXPECT_EQ(access, "read,execute");
    } else if (rule.path == ws_) {
      saw_ws = true;
      EXPECT_EQ(access, "read,execute,write,create,remove,refer,truncate");
    } else if (rule.path == "/dev/null") {
      saw_null = true;
      EXPECT_EQ(access, "read,write,truncate,ioctl");
    }
  }
  EXPECT_TRUE(saw_root && saw_ws && saw_null);
  // Older ABIs handle fewer rights and no network.
  LandlockPlan old = PlanLandlock(*r, 1);
  EXPECT_EQ(old.handled_net, 0u);
  EXPECT_EQ(old.scoped, 0u);
  for (const auto& rule : old.rules) {
    EXPECT_EQ(rule.access & ~old.handled_fs, 0u) << rule.path;
  }
  Profile net = At(ws_);
  net.allow_network = true;
  EXPECT_EQ(PlanLandlock(*ResolveProfile(net), 7).handled_net, 0u);
}

TEST(SeccompFilterTest, NetworkRuleOnlyWhenNetworkIsOff) {
  auto closed = BuildSeccompFilter(false);
  auto open = BuildSeccompFilter(true);
  EXPECT_GT(closed.size(), open.size());
  EXPECT_LT(closed.size(), 255u);  // one classic BPF program, no jumps > 255
  EXPECT_THAT(AlwaysDeniedSyscalls(), ::testing::Contains("io_uring_setup"));
}

TEST(KernelProbeTest, PretendMissingOnlyTakesLayersAway) {
  KernelSupport k = ProbeKernel(false);
  int abi = k.landlock_abi;
  PretendMissing("landlock-abi=99", &k);
  EXPECT_EQ(k.landlock_abi, abi);
  PretendMissing("bogus, landlock", &k);
  EXPECT_EQ(k.landlock_abi, 0);
  EXPECT_FALSE(k.landlock_error.empty());
  EXPECT_THAT(LandlockFeatures(3),
              ElementsAre("filesystem", "refer", "truncate"));
}

}  // namespace
}  // namespace warden::sandbox
