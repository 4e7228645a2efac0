// Placeholders for missing protected names: their form, sharing between
// concurrent runs and removal by the last user.
#include "sandbox/placeholders.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/sandbox/sandbox_testutil.h"

namespace warden::sandbox {
namespace {

using ::testing::ElementsAre;
using testing::Exists;
using ::testing::IsEmpty;
using testing::MakeTempDir;
using testing::RemoveTree;
using testing::WriteFile;

class PlaceholdersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = MakeTempDir("/tmp/warden-placeholders-");
    ASSERT_FALSE(dir_.empty());
  }
  void TearDown() override { RemoveTree(dir_); }
  std::string dir_;
};

TEST_F(PlaceholdersTest, IsAnEmptyMode01400FileRemovedOnRelease) {
  Placeholders p;
  ASSERT_TRUE(p.Acquire({dir_ + "/.codex", dir_ + "/.agents"}).ok());
  EXPECT_THAT(p.placeholders(),
              ElementsAre(dir_ + "/.codex", dir_ + "/.agents"));
  EXPECT_THAT(p.appeared(), IsEmpty());
  struct stat st;
  ASSERT_EQ(lstat((dir_ + "/.codex").c_str(), &st), 0);
  EXPECT_TRUE(S_ISREG(st.st_mode));
  EXPECT_EQ(st.st_mode & 07777, 01400u);
  EXPECT_EQ(st.st_size, 0);
  EXPECT_TRUE(IsPlaceholder(st));
  p.Release();
  EXPECT_FALSE(Exists(dir_ + "/.codex"));
  EXPECT_FALSE(Exists(dir_ + "/.agents"));
  p.Release();  // idempotent
}

TEST_F(PlaceholdersTest, GitGetsAnEmptyMode01500Directory) {
  Placeholders p;
  ASSERT_TRUE(p.Acquire({dir_ + "/.git"}).ok());
  struct stat st;
  ASSERT_EQ(lstat((dir_ + "/.git").c_str(), &st), 0);
  EXPECT_TRUE(S_ISDIR(st.st_mode));
  EXPECT_EQ(st.st_mode & 07777, 01500u);
  EXPECT_TRUE(IsPlaceholder(st));
  Placeholders second;
  ASSERT_TRUE(second.Acquire({dir_ + "/.git"}).ok());
  p.Release();
  EXPECT_TRUE(Exists(dir_ + "/.git"));
  second.Release();
  EXPECT_FALSE(Exists(dir_ + "/.git"));
}

TEST_F(PlaceholdersTest, TheLastOfSeveralUsersRemovesIt) {
  Placeholders first, second;
  ASSERT_TRUE(first.Acquire({dir_ + "/.warden"}).ok());
  ASSERT_TRUE(second.Acquire({dir_ + "/.warden"}).ok());
  EXPECT_THAT(second.placeholders(), ElementsAre(dir_ + "/.warden"));
  first.Release();
  EXPECT_TRUE(Exists(dir_ + "/.warden"));  // still in use
  second.Release();
  EXPECT_FALSE(Exists(dir_ + "/.warden"));
}

TEST_F(PlaceholdersTest, RealEntryIsReportedAndKept) {
  ASSERT_TRUE(WriteFile(dir_ + "/.codex", ""));  // empty, but mode 0644
  ASSERT_EQ(mkdir((dir_ + "/.agents").c_str(), 0755), 0);
  Placeholders p;
  ASSERT_TRUE(p.Acquire({dir_ + "/.codex", dir_ + "/.agents"}).ok());
  EXPECT_THAT(p.placeholders(), IsEmpty());
  EXPECT_THAT(p.appeared(), ElementsAre(dir_ + "/.codex", dir_ + "/.agents"));
  p.Release();
  EXPECT_TRUE(Exists(dir_ + "/.codex"));
  EXPECT_TRUE(Exists(dir_ + "/.agents"));
}

TEST_F(PlaceholdersTest, EarlierDirectoryFormIsJoinedAndRemoved) {
  ASSERT_EQ(mkdir((dir_ + "/.codex").c_str(), 0), 0);
  Placeholders p;
  ASSERT_TRUE(p.Acquire({dir_ + "/.codex"}).ok());
  EXPECT_THAT(p.placeholders(), ElementsAre(dir_ + "/.codex"));
  p.Release();
  EXPECT_FALSE(Exists(dir_ + "/.codex"));
}

TEST_F(PlaceholdersTest, ChangedPlaceholderIsLeftAlone) {
  Placeholders p;
  ASSERT_TRUE(p.Acquire({dir_ + "/.codex"}).ok());
  // Someone outside the sandbox wrote to it: no longer warden's to remove.
  ASSERT_EQ(chmod((dir_ + "/.codex").c_str(), 0600), 0);
  ASSERT_TRUE(WriteFile(dir_ + "/.codex", "user data\n"));
  p.Release();
  EXPECT_EQ(testing::ReadFile(dir_ + "/.codex"), "user data\n");
}

TEST_F(PlaceholdersTest, MissingParentIsAnError) {
  Placeholders p;
  absl::Status st = p.Acquire({dir_ + "/nope/.codex"});
  EXPECT_EQ(st.message(), "cannot create placeholder " + dir_ +
                              "/nope/.codex: No such file or directory");
}

}  // namespace
}  // namespace warden::sandbox
