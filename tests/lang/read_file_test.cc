// ReadFile into a FileText (memory mapped for it, huge pages from 2 MiB) and
// into a std::string, and a Source keeping a FileText: real files, a pipe
// and the failure cases.
#include "lang/read_file.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>

#include "lang/memory.h"
#include "lang/source.h"

namespace warden::lang {
namespace {

class ReadFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/warden-read-file-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override {
    std::string cmd = "rm -rf '" + dir_ + "'";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
  }
  std::string Write(const std::string& name, const std::string& bytes) {
    std::string path = dir_ + "/" + name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }
  std::string dir_;
};

// Bytes that differ at every offset, so a misplaced copy shows.
std::string Pattern(size_t size) {
  std::string s(size, '\0');
  for (size_t i = 0; i < size; ++i) s[i] = static_cast<char>('a' + i * 7 % 26);
  return s;
}

TEST_F(ReadFileTest, ReadsFilesOfEverySizeClass) {
  // Empty, one page exactly (no spare byte: the buffer grows), small, and
  // past the huge-page threshold.
  for (size_t size :
       {size_t{0}, size_t{4096}, size_t{5000}, kHugePageBytes + 12345}) {
    std::string bytes = Pattern(size);
    std::string path = Write("f" + std::to_string(size), bytes);
    FileText text;
    std::string error;
    ASSERT_TRUE(ReadFile(path, &text, &error)) << error;
    EXPECT_EQ(text.view(), bytes) << size;
    std::string copy;
    ASSERT_TRUE(ReadFile(path, &copy, &error)) << error;
    EXPECT_EQ(copy, bytes) << size;
  }
}

TEST_F(ReadFileTest, ReadsAPipeWhoseSizeIsUnknown) {
  std::string fifo = dir_ + "/fifo";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  std::string bytes = Pattern(300000);  // many times the first buffer
  std::thread writer([&] {
    int fd = open(fifo.c_str(), O_WRONLY);
    ASSERT_GE(fd, 0);
    size_t done = 0;
    while (done < bytes.size()) {
      ssize_t n = write(fd, bytes.data() + done, bytes.size() - done);
      ASSERT_GT(n, 0);
      done += static_cast<size_t>(n);
    }
    close(fd);
  });
  FileText text;
  std::string error;
  EXPECT_TRUE(ReadFile(fifo, &text, &error)) << error;
  writer.join();
  EXPECT_EQ(text.view(), bytes);
}

TEST_F(ReadFileTest, FailuresSayWhyAndLeaveNothing) {
  FileText text;
  std::string error;
  ASSERT_TRUE(ReadFile(Write("x", "old"), &text, &error));
  EXPECT_FALSE(ReadFile(dir_ + "/missing", &text, &error));
  EXPECT_EQ(error, "no such file or directory");
  EXPECT_TRUE(text.view().empty());
  EXPECT_FALSE(ReadFile(dir_, &text, &error));
  EXPECT_EQ(error, "is a directory");
  std::string s = "old";
  EXPECT_FALSE(ReadFile(dir_, &s, &error));
  EXPECT_TRUE(s.empty());
}

TEST_F(ReadFileTest, MovedFileTextKeepsItsBytes) {
  std::string bytes = Pattern(10000);
  FileText a;
  std::string error;
  ASSERT_TRUE(ReadFile(Write("m", bytes), &a, &error));
  FileText b(std::move(a));
  EXPECT_EQ(b.view(), bytes);
  FileText c;
  c = std::move(b);
  EXPECT_EQ(c.view(), bytes);
}

TEST_F(ReadFileTest, SourceKeepsTheFileBuffer) {
  std::string path = Write("s.star", "x = 1\ny = 2\n");
  FileText text;
  std::string error;
  ASSERT_TRUE(ReadFile(path, &text, &error));
  const char* bytes = text.view().data();
  Source source(path, std::move(text));
  EXPECT_EQ(source.text().data(), bytes);  // not copied
  EXPECT_EQ(source.Line(2), "y = 2");
  EXPECT_EQ(source.PositionOf(8), (Position{2, 3}));
}

}  // namespace
}  // namespace warden::lang
