// `warden fmt -w` changes files, so it is tested on copies in a temporary
// folder rather than by a golden file.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "lang/read_file.h"
#include "tests/cli/run_binary_testutil.h"

namespace warden::cli {
namespace {

namespace fs = std::filesystem;

class FmtWriteTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("warden_fmt_write_test_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    fs::path testdata = fs::path(WARDEN_SOURCE_DIR) / "tests/cli/testdata/fmt";
    fs::copy_file(testdata / "messy.rules", dir_ / "messy.rules",
                  fs::copy_options::overwrite_existing);
    fs::copy_file(testdata / "canonical.rules", dir_ / "canonical.rules",
                  fs::copy_options::overwrite_existing);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  std::string Read(const std::string& name) {
    std::string text, error;
    EXPECT_TRUE(lang::ReadFile((dir_ / name).string(), &text, &error)) << error;
    return text;
  }
  fs::path dir_;
};

TEST_F(FmtWriteTest, JsonReportsRewrittenAndFormattedFiles) {
  std::string before = Read("canonical.rules");
  RunResult r =
      RunWarden({"fmt", "-w", "--format", "json", "."}, dir_.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  nlohmann::json json = nlohmann::json::parse(r.out);
  EXPECT_EQ(json["mode"], "write");
  ASSERT_EQ(json["files"].size(), 2u);
  EXPECT_EQ(json["files"][0]["file"], "./canonical.rules");
  EXPECT_EQ(json["files"][0]["status"], "formatted");
  EXPECT_EQ(json["files"][1]["file"], "./messy.rules");
  EXPECT_EQ(json["files"][1]["status"], "rewritten");
  EXPECT_TRUE(json["files"][1]["diagnostic"].is_null());
  EXPECT_FALSE(json["files"][1].contains("output"));
  EXPECT_EQ(json["summary"]["rewritten"], 1);
  EXPECT_EQ(json["summary"]["formatted"], 1);
  EXPECT_EQ(Read("canonical.rules"), before);
  // Rewritten files are canonical: a second run changes nothing.
  RunResult again =
      RunWarden({"fmt", "--check", "--format", "json", "."}, dir_.string());
  EXPECT_EQ(again.exit_code, 0) << again.out;
  EXPECT_EQ(nlohmann::json::parse(again.out)["summary"]["wouldChange"], 0);
}

TEST_F(FmtWriteTest, TextWriteIsQuietAndReadErrorsNameTheReason) {
  RunResult r =
      RunWarden({"fmt", "-w", "messy.rules", "nope.rules"}, dir_.string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "warden fmt: cannot read nope.rules: no such file or directory\n");
  EXPECT_EQ(
      RunWarden({"fmt", "--check", "messy.rules"}, dir_.string()).exit_code, 0);
}

TEST_F(FmtWriteTest, DirectoryGivenAsFileIsNotSilentlySkipped) {
  fs::create_directories(dir_ / "sub.rules");
  RunResult r = RunWarden({"fmt", "--check", "--format", "json", "sub.rules"},
                          dir_.string());
  // A directory is expanded to its *.rules files: none here, nothing to do.
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(nlohmann::json::parse(r.out)["summary"]["files"], 0);
}

}  // namespace
}  // namespace warden::cli
