// cli/unified_diff.h: the diff `warden fmt --diff` prints (its goldens cover
// real rules files; these pin the hunk arithmetic on small texts).
#include "cli/unified_diff.h"

#include <gtest/gtest.h>

#include <string>

namespace warden::cli {
namespace {

const Style kPlain(false);

std::string Diff(const std::string& before, const std::string& after) {
  return UnifiedDiff("a.rules", "a.rules (formatted)", before, after, kPlain);
}

TEST(UnifiedDiffTest, EqualTextsGiveOnlyTheHeader) {
  EXPECT_EQ(Diff("x\ny\n", "x\ny\n"), "--- a.rules\n+++ a.rules (formatted)\n");
}

TEST(UnifiedDiffTest, OneChangedLineWithContext) {
  EXPECT_EQ(Diff("1\n2\n3\n4\n5\n6\n7\n8\n", "1\n2\n3\n4\nfive\n6\n7\n8\n"),
            "--- a.rules\n+++ a.rules (formatted)\n"
            "@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
}

TEST(UnifiedDiffTest, DistantChangesMakeTwoHunks) {
  std::string before, after;
  for (int i = 1; i <= 20; ++i) {
    before += std::to_string(i) + "\n";
    after += (i == 2 || i == 18 ? "x" : std::to_string(i)) + "\n";
  }
  EXPECT_EQ(Diff(before, after),
            "--- a.rules\n+++ a.rules (formatted)\n"
            "@@ -1,5 +1,5 @@\n 1\n-2\n+x\n 3\n 4\n 5\n"
            "@@ -15,6 +15,6 @@\n 15\n 16\n 17\n-18\n+x\n 19\n 20\n");
}

TEST(UnifiedDiffTest, InsertionIntoEmptyAndDeletionToEmpty) {
  EXPECT_EQ(Diff("", "a\n"),
            "--- a.rules\n+++ a.rules (formatted)\n@@ -0,0 +1,1 @@\n+a\n");
  EXPECT_EQ(Diff("a\n", ""),
            "--- a.rules\n+++ a.rules (formatted)\n@@ -1,1 +0,0 @@\n-a\n");
}

TEST(UnifiedDiffTest, DeletionsComeBeforeInsertions) {
  EXPECT_EQ(Diff("a\nb\n", "c\nd\n"),
            "--- a.rules\n+++ a.rules (formatted)\n"
            "@@ -1,2 +1,2 @@\n-a\n-b\n+c\n+d\n");
}

TEST(UnifiedDiffTest, StyleColoursChangedLines) {
  std::string coloured =
      UnifiedDiff("a", "b", "x\n", "y\n", Style(/*enabled=*/true));
  EXPECT_NE(coloured, UnifiedDiff("a", "b", "x\n", "y\n", kPlain));
  EXPECT_NE(coloured.find("\x1b["), std::string::npos);
}

}  // namespace
}  // namespace warden::cli
