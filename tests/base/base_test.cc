// base/ helpers: the cases their several former copies disagreed on or
// relied on, pinned once.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "base/identifier.h"
#include "base/path.h"
#include "base/utf8.h"

namespace warden::base {
namespace {

// Decodes the whole of `s` at offset 0: the length and the rune.
std::pair<size_t, uint32_t> Decode(std::string_view s) {
  uint32_t r = 0;
  size_t n = DecodeUtf8(s, 0, &r);
  return {n, n == 0 ? 0 : r};
}

TEST(Utf8Test, DecodesEachLength) {
  EXPECT_EQ(Decode("a"), std::make_pair(size_t{1}, uint32_t{'a'}));
  EXPECT_EQ(Decode("\xC3\xA9"), std::make_pair(size_t{2}, uint32_t{0xE9}));
  EXPECT_EQ(Decode("\xE2\x82\xAC"),
            std::make_pair(size_t{3}, uint32_t{0x20AC}));
  EXPECT_EQ(Decode("\xF0\x9F\x98\x80"),
            std::make_pair(size_t{4}, uint32_t{0x1F600}));
  // Only the sequence at i is read; what follows does not matter.
  EXPECT_EQ(Decode("\xC3\xA9xyz").first, 2u);
  uint32_t r = 0;
  EXPECT_EQ(DecodeUtf8("ab\xC3\xA9", 2, &r), 2u);
  EXPECT_EQ(r, 0xE9u);
}

TEST(Utf8Test, RejectsWhatGoRejects) {
  EXPECT_EQ(Decode("\x80").first, 0u);                  // stray continuation
  EXPECT_EQ(Decode("\xC3").first, 0u);                  // truncated
  EXPECT_EQ(Decode("\xE2\x82").first, 0u);              // truncated
  EXPECT_EQ(Decode("\xC3\x28").first, 0u);              // bad continuation
  EXPECT_EQ(Decode("\xC0\xAF").first, 0u);              // overlong '/'
  EXPECT_EQ(Decode("\xE0\x80\xAF").first, 0u);          // overlong
  EXPECT_EQ(Decode("\xED\xA0\x80").first, 0u);          // surrogate U+D800
  EXPECT_EQ(Decode("\xF4\x90\x80\x80").first, 0u);      // U+110000
  EXPECT_EQ(Decode("\xF8\x88\x80\x80\x80").first, 0u);  // 5-byte form
  EXPECT_EQ(Decode("\xFF").first, 0u);
}

TEST(Utf8Test, EncodesAndRoundTrips) {
  for (uint32_t r :
       {0x0u, 0x7Fu, 0x80u, 0x7FFu, 0x800u, 0xFFFFu, 0x10000u, 0x10FFFFu}) {
    std::string s;
    AppendUtf8(&s, r);
    EXPECT_EQ(Decode(s), std::make_pair(s.size(), r)) << r;
  }
  std::string s;
  AppendUtf8(&s, 0xD800);  // a surrogate has no encoding
  AppendUtf8(&s, 0x110000);
  EXPECT_EQ(s, "\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(PathTest, Basename) {
  EXPECT_EQ(Basename("/usr/bin/bash"), "bash");
  EXPECT_EQ(Basename("bash"), "bash");
  EXPECT_EQ(Basename("./x/.git"), ".git");
  EXPECT_EQ(Basename("/usr/bin/"), "");
  EXPECT_EQ(Basename("/"), "");
  EXPECT_EQ(Basename(""), "");
}

TEST(IdentifierTest, ShellNames) {
  EXPECT_TRUE(IsIdentifier("PATH"));
  EXPECT_TRUE(IsIdentifier("_x1"));
  EXPECT_TRUE(IsIdentifier("a"));
  EXPECT_FALSE(IsIdentifier(""));
  EXPECT_FALSE(IsIdentifier("1x"));
  EXPECT_FALSE(IsIdentifier("A-B"));
  EXPECT_FALSE(IsIdentifier("BASH_FUNC_f%%"));
  EXPECT_FALSE(IsIdentifier("caf\xC3\xA9"));  // ASCII only
  EXPECT_TRUE(IsIdentifierStart('_'));
  EXPECT_FALSE(IsIdentifierStart('7'));
  EXPECT_TRUE(IsIdentifierChar('7'));
}

}  // namespace
}  // namespace warden::base
