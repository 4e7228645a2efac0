// Golden tests of the warden binary: each tests/cli/golden/*.golden file names
// a command line and pins its exit status, stdout and stderr byte for byte.
//
// File format:
//   # free-form comment lines
//   $ warden ARGS...            (one line; words split like a POSIX shell,
//   quotes allowed) exit: N
//   --- stdout
//   ...exact bytes...
//   --- stderr
//   ...exact bytes...
// The command runs with the repository root as working directory and
// NO_COLOR=1. `WARDEN_UPDATE_GOLDEN=1 ctest -R Golden` rewrites the files from
// the actual output; review the diff before committing it.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "lang/read_file.h"
#include "tests/cli/run_binary_testutil.h"

namespace warden::cli {
namespace {

namespace fs = std::filesystem;

struct GoldenCase {
  fs::path path;
  std::string comment;  // the leading comment lines, kept on update
  std::string command;  // text after "$ warden "
  int exit_code = 0;
  std::string out;
  std::string err;
};

std::string ReadGolden(const fs::path& path) {
  std::string text, error;
  if (!lang::ReadFile(path.string(), &text, &error)) return "";
  return text;
}

// Splits `text` at the marker lines; returns false when the file is malformed.
bool ParseGolden(const fs::path& path, GoldenCase* c, std::string* error) {
  std::string text = ReadGolden(path);
  c->path = path;
  size_t pos = 0;
  auto next_line = [&](std::string* line) {
    if (pos >= text.size()) return false;
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    *line = text.substr(pos, end - pos);
    pos = std::min(end + 1, text.size());
    return true;
  };
  std::string line;
  while (next_line(&line) && line.rfind("#", 0) == 0) c->comment += line + "\n";
  if (line.rfind("$ warden", 0) != 0) {
    *error = "expected a line `$ warden ARGS...`, got: " + line;
    return false;
  }
  c->command = line.size() > 9 ? line.substr(9) : "";
  if (!next_line(&line) || line.rfind("exit: ", 0) != 0) {
    *error = "expected `exit: N` after the command";
    return false;
  }
  c->exit_code = std::stoi(line.substr(6));
  const std::string out_marker = "--- stdout\n";
  const std::string err_marker = "--- stderr\n";
  if (text.compare(pos, out_marker.size(), out_marker) != 0) {
    *error = "expected `--- stdout`";
    return false;
  }
  size_t out_begin = pos + out_marker.size();
  size_t err_at = text.find("\n" + err_marker, out_begin - 1);
  if (text.compare(out_begin, err_marker.size(), err_marker) == 0) {
    err_at = out_begin - 1;  // empty stdout
  }
  if (err_at == std::string::npos) {
    *error = "expected `--- stderr`";
    return false;
  }
  c->out = err_at + 1 > out_begin
               ? text.substr(out_begin, err_at + 1 - out_begin)
               : "";
  c->err = text.substr(err_at + 1 + err_marker.size());
  return true;
}

std::string RenderGolden(const GoldenCase& c, const RunResult& r) {
  std::string text = c.comment;
  text += "$ warden " + c.command + "\n";
  text += "exit: " + std::to_string(r.exit_code) + "\n";
  text += "--- stdout\n" + r.out;
  if (!r.out.empty() && r.out.back() != '\n') text += "\n";
  text += "--- stderr\n" + r.err;
  return text;
}

std::vector<std::string> GoldenFiles() {
  std::vector<std::string> names;
  fs::path dir = fs::path(WARDEN_SOURCE_DIR) / "tests/cli/golden";
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".golden") {
      names.push_back(entry.path().stem().string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

class GoldenTest : public testing::TestWithParam<std::string> {};

TEST_P(GoldenTest, OutputMatches) {
  fs::path path = fs::path(WARDEN_SOURCE_DIR) / "tests/cli/golden" /
                  (GetParam() + ".golden");
  GoldenCase c;
  std::string error;
  ASSERT_TRUE(ParseGolden(path, &c, &error)) << path << ": " << error;
  std::vector<std::string> args;
  ASSERT_TRUE(SplitCommandLine(c.command, &args, &error)) << error;
  RunResult r = RunWarden(args, WARDEN_SOURCE_DIR);
  if (std::getenv("WARDEN_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(path, std::ios::binary) << RenderGolden(c, r);
    GTEST_SKIP() << "rewrote " << path;
  }
  EXPECT_EQ(r.exit_code, c.exit_code) << "stderr:\n" << r.err;
  EXPECT_EQ(r.out, c.out);
  EXPECT_EQ(r.err, c.err);
}

INSTANTIATE_TEST_SUITE_P(Cli, GoldenTest, testing::ValuesIn(GoldenFiles()),
                         [](const testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           for (char& ch : name) {
                             if (!isalnum(static_cast<unsigned char>(ch)))
                               ch = '_';
                           }
                           return name;
                         });

// The subcommand names `warden --help` lists.
std::vector<std::string> Subcommands() {
  RunResult r = RunWarden({"--help"}, WARDEN_SOURCE_DIR);
  std::vector<std::string> names;
  size_t at = r.out.find("\nSubcommands:\n");
  if (at == std::string::npos) return names;
  size_t pos = at + 14;
  while (pos < r.out.size()) {
    size_t end = r.out.find('\n', pos);
    if (end == std::string::npos) end = r.out.size();
    std::string line = r.out.substr(pos, end - pos);
    pos = end + 1;
    if (line.rfind("  ", 0) != 0) break;  // the list ends at a blank line
    size_t name_end = line.find(' ', 2);
    names.push_back(line.substr(2, name_end - 2));
  }
  return names;
}

// Every subcommand's output is pinned: each has a golden, and each that can
// print JSON (its --help names --json or --format) a golden of that too.
TEST(GoldenCoverageTest, EverySubcommandHasGoldens) {
  std::vector<std::string> commands;
  for (const std::string& name : GoldenFiles()) {
    GoldenCase c;
    std::string error;
    fs::path path =
        fs::path(WARDEN_SOURCE_DIR) / "tests/cli/golden" / (name + ".golden");
    ASSERT_TRUE(ParseGolden(path, &c, &error)) << path << ": " << error;
    commands.push_back(c.command);
  }
  std::vector<std::string> subcommands = Subcommands();
  ASSERT_GE(subcommands.size(), 8u);
  for (const std::string& sub : subcommands) {
    bool any = false, json = false;
    for (const std::string& command : commands) {
      if (command != sub && command.rfind(sub + " ", 0) != 0) continue;
      any = true;
      json = json || command.find("json") != std::string::npos;
    }
    EXPECT_TRUE(any) << "no golden runs `warden " << sub << "`";
    RunResult help = RunWarden({sub, "--help"}, WARDEN_SOURCE_DIR);
    bool has_json = help.out.find("--json") != std::string::npos ||
                    help.out.find("--format") != std::string::npos;
    if (has_json) {
      EXPECT_TRUE(json) << "no golden pins the JSON output of `warden " << sub
                        << "`";
    }
  }
}

}  // namespace
}  // namespace warden::cli
