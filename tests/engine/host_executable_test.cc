// host_executable(name, paths) validation (SPEC A5).
#include "engine/rules/host_executable.h"

#include <gtest/gtest.h>

namespace warden::engine {
namespace {

std::string Path(std::string_view raw, std::string_view name = "git") {
  absl::StatusOr<std::string> p =
      NormalizeHostExecutablePath(raw, name, "/home/u");
  return p.ok() ? *p : "ERR: " + std::string(p.status().message());
}

TEST(HostExecutableTest, Names) {
  EXPECT_TRUE(ValidateHostExecutableName("git").ok());
  EXPECT_EQ(ValidateHostExecutableName("").message(),
            "invalid rule: host_executable name cannot be empty");
  EXPECT_EQ(ValidateHostExecutableName("/usr/bin/git").message(),
            "invalid rule: host_executable name must be a bare executable "
            "name (got /usr/bin/git)");
  EXPECT_EQ(ValidateHostExecutableName("bin/git").message(),
            "invalid rule: host_executable name must be a bare executable "
            "name (got bin/git)");
  EXPECT_FALSE(ValidateHostExecutableName("..").ok());
}

TEST(HostExecutableTest, Paths) {
  EXPECT_EQ(Path("/usr/bin/git"), "/usr/bin/git");
  EXPECT_EQ(Path("/usr//bin/./git"), "/usr/bin/git");
  EXPECT_EQ(Path("~/bin/git"), "/home/u/bin/git");
  EXPECT_EQ(Path("bin/git"),
            "ERR: invalid rule: host_executable paths must be absolute or use "
            "`~/...` home-relative syntax (got bin/git)");
  EXPECT_EQ(Path("~root/bin/git"),
            "ERR: invalid rule: host_executable paths must be absolute or use "
            "`~/...` home-relative syntax (got ~root/bin/git)");
  EXPECT_EQ(Path("~"),
            "ERR: invalid rule: host_executable paths must be absolute or use "
            "`~/...` home-relative syntax (got ~)");
  EXPECT_EQ(Path("/usr/bin/gitx"),
            "ERR: invalid rule: host_executable path `/usr/bin/gitx` must have "
            "basename `git`");
  EXPECT_EQ(Path("/"),
            "ERR: invalid rule: host_executable path `/` must have basename "
            "`git`");
}

TEST(HostExecutableTest, NormalizeAbsolutePath) {
  EXPECT_EQ(NormalizeAbsolutePath("/"), "/");
  EXPECT_EQ(NormalizeAbsolutePath("//a//b/"), "/a/b");
  EXPECT_EQ(NormalizeAbsolutePath("/a/../../b"), "/b");
  EXPECT_EQ(NormalizeAbsolutePath("/a/./b/.."), "/a");
}

}  // namespace
}  // namespace warden::engine
