// Runs the Starlark conformance files of shared/conformance/starlark by their
// chunk convention (see its README.md) through the library API.
//
// Each file is one test. It prints "N/M chunks pass, K/L messages match".
// Files in the must-pass set (subset/*, syntax/errors.star,
// resolve/resolve.subset.star, and the exec/ files that pass in full) fail
// the test when a chunk fails, unless that
// chunk is listed in kExpectedFailures below with its reason; a listed chunk
// that passes fails the test too, so the list shrinks as work lands. Other
// files (the rest of exec/, future/, resolve/resolve.star) are reported, not
// gated.
#include <gtest/gtest.h>
#include <re2/re2.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "lang/interpreter.h"
#include "lang/module_assert.h"
#include "stdlib/universe.h"

namespace warden::lang {
namespace {

namespace fs = std::filesystem;

// Chunks of must-pass files that are known to fail, by file and the line on
// which the chunk starts, with the reason. Keep it short and honest.
struct ExpectedFailure {
  const char* file;
  int first_line;
  const char* reason;
};
constexpr ExpectedFailure kExpectedFailures[] = {
    // None at the moment. Entry format:
    // {"subset/int.star", 1, "`x /= -2` needs float division"},
    {"", 0, ""},  // sentinel (a C++ array cannot be empty)
};

bool IsExpectedFailure(const std::string& file, int first_line) {
  for (const auto& e : kExpectedFailures) {
    if (file == e.file && first_line == e.first_line) return true;
  }
  return false;
}

bool MustPass(const std::string& rel) {
  // exec/ files join as what they need lands (floats: bool, int, misc).
  static constexpr std::string_view kExec[] = {
      "exec/bool.star", "exec/dict.star", "exec/int.star", "exec/misc.star",
      "exec/tuple.star"};
  for (std::string_view e : kExec) {
    if (rel == e) return true;
  }
  return rel.rfind("subset/", 0) == 0 || rel == "syntax/errors.star" ||
         rel == "resolve/resolve.subset.star";
}

absl::StatusOr<bool> Re2Match(std::string_view pattern, std::string_view text) {
  RE2 re(re2::StringPiece(pattern.data(), pattern.size()), RE2::Quiet);
  if (!re.ok()) return absl::InvalidArgumentError("bad regexp: " + re.error());
  return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), re);
}

// Decodes the Go string literal at the start of `s` ("..." or `...`).
bool GoString(std::string_view s, std::string* out) {
  out->clear();
  if (s.empty()) return false;
  if (s[0] == '`') {
    size_t end = s.find('`', 1);
    if (end == std::string_view::npos) return false;
    *out = std::string(s.substr(1, end - 1));
    return true;
  }
  if (s[0] != '"') return false;
  for (size_t i = 1; i < s.size(); ++i) {
    char c = s[i];
    if (c == '"') return true;
    if (c != '\\' || i + 1 >= s.size()) {
      out->push_back(c);
      continue;
    }
    char e = s[++i];
    switch (e) {
      case 'n':
        out->push_back('\n');
        break;
      case 't':
        out->push_back('\t');
        break;
      case 'r':
        out->push_back('\r');
        break;
      default:
        out->push_back(e);  // \\ \" and the rest
        break;
    }
  }
  return false;
}

struct Expectation {
  int line;
  std::string regexp;
};

struct Chunk {
  int first_line = 0;  // 1-based line of the chunk's first line
  std::string text;    // padded with newlines so line numbers match the file
  std::vector<Expectation> expectations;
  DialectOptions options;
};

std::vector<Chunk> SplitChunks(const std::string& content) {
  std::vector<Chunk> chunks;
  std::vector<std::string> lines;
  std::stringstream ss(content);
  for (std::string line; std::getline(ss, line);) lines.push_back(line);
  Chunk cur;
  cur.first_line = 1;
  std::string body;
  auto finish = [&](int next_first) {
    cur.text = std::string(cur.first_line - 1, '\n') + body;
    chunks.push_back(cur);
    cur = Chunk();
    cur.first_line = next_first;
    body.clear();
  };
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    int lineno = static_cast<int>(i) + 1;
    if (line == "---") {
      finish(lineno + 1);
      continue;
    }
    if (!body.empty() || lineno > cur.first_line) body += "\n";
    body += line;
    size_t hash = line.find("###");
    if (hash != std::string::npos) {
      std::string_view rest = std::string_view(line).substr(hash + 3);
      while (!rest.empty() && rest[0] == ' ') rest.remove_prefix(1);
      Expectation e{lineno, ""};
      if (GoString(rest, &e.regexp)) cur.expectations.push_back(e);
    }
    for (size_t p = line.find("option:"); p != std::string::npos;
         p = line.find("option:", p + 1)) {
      std::string name;
      for (size_t k = p + 7;
           k < line.size() && (isalnum(line[k]) || line[k] == '_'); ++k) {
        name.push_back(line[k]);
      }
      if (name == "set") cur.options.set = true;
      if (name == "while") cur.options.while_stmt = true;
      if (name == "toplevelcontrol") cur.options.toplevelcontrol = true;
      if (name == "globalreassign") cur.options.globalreassign = true;
      if (name == "loadbindsglobally") cur.options.loadbindsglobally = true;
      if (name == "recursion") cur.options.recursion = true;
    }
  }
  finish(0);
  // Drop a trailing empty chunk (file ending in "---").
  return chunks;
}

struct ChunkResult {
  bool pass = false;
  int messages = 0;
  int messages_matched = 0;
  std::string detail;
};

enum class Mode { kSyntax, kResolve, kExec };

ChunkResult RunChunk(const Chunk& chunk, Mode mode, const std::string& name) {
  Source source(name, chunk.text);
  DialectOptions options = chunk.options;
  options.allow_tabs = true;  // starlark-go accepts tabs; so do its test files
  std::vector<Diagnostic> errors;
  bool assertion_failed = false;
  std::string detail;
  if (mode == Mode::kExec) {
    Thread thread;
    AssertModule assert_module(Re2Match);
    Predeclared predeclared = stdlib::TestHostValues();
    {
      ExecResult r = ExecFile(thread, source, options, predeclared,
                              stdlib::Universe(), assert_module.Loader());
      errors = r.diagnostics;
    }
    for (const auto& f : assert_module.failures()) {
      assertion_failed = true;
      detail += "  assertion failed at line " + std::to_string(f.pos.line) +
                ": " + f.message + "\n";
    }
  } else {
    ParseResult parsed = ParseFile(source, options);
    errors = parsed.diagnostics;
    if (parsed.file && mode == Mode::kResolve) {
      Predeclared predeclared;
      predeclared.Set("M", Value::None());
      Predeclared universe = stdlib::Universe();
      universe.Set("U", Value::None());
      universe.Set("float", Value::None());
      errors = ResolveFile(*parsed.file, options, predeclared, universe);
    }
  }
  ChunkResult result;
  bool ok = !assertion_failed;
  std::vector<bool> used(errors.size(), false);
  for (const auto& e : chunk.expectations) {
    ++result.messages;
    bool found = false, matched = false;
    for (size_t i = 0; i < errors.size(); ++i) {
      if (errors[i].pos.line != e.line) continue;
      found = true;
      used[i] = true;
      auto m = Re2Match(e.regexp, errors[i].message);
      if (m.ok() && *m) matched = true;
    }
    if (matched) ++result.messages_matched;
    if (!found) {
      ok = false;
      detail += "  line " + std::to_string(e.line) + ": no error, want /" +
                e.regexp + "/\n";
    } else if (!matched) {
      detail += "  line " + std::to_string(e.line) +
                ": message differs, want /" + e.regexp + "/\n";
      for (const auto& err : errors) {
        if (err.pos.line == e.line) detail += "    got: " + err.message + "\n";
      }
    }
  }
  for (size_t i = 0; i < errors.size(); ++i) {
    if (used[i]) continue;
    ok = false;
    detail += "  unexpected error at line " +
              std::to_string(errors[i].pos.line) + ": " + errors[i].message +
              "\n";
  }
  result.pass = ok;
  result.detail = detail;
  return result;
}

std::vector<std::string> ConformanceFiles() {
  std::vector<std::string> files;
  fs::path root = fs::path(WARDEN_SHARED_DIR) / "conformance" / "starlark";
  for (const char* dir : {"subset", "syntax", "resolve", "exec", "future"}) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(root / dir, ec)) {
      if (entry.path().extension() == ".star") {
        files.push_back(std::string(dir) + "/" +
                        entry.path().filename().string());
      }
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

class ConformanceTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ConformanceTest, Chunks) {
  const std::string rel = GetParam();
  fs::path path =
      fs::path(WARDEN_SHARED_DIR) / "conformance" / "starlark" / rel;
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "cannot read " << path;
  std::stringstream buffer;
  buffer << in.rdbuf();
  Mode mode = rel.rfind("syntax/", 0) == 0    ? Mode::kSyntax
              : rel.rfind("resolve/", 0) == 0 ? Mode::kResolve
                                              : Mode::kExec;
  std::vector<Chunk> chunks = SplitChunks(buffer.str());
  int pass = 0, messages = 0, matched = 0;
  std::string report;
  bool gate_failed = false;
  for (const Chunk& chunk : chunks) {
    ChunkResult r = RunChunk(chunk, mode, path.string());
    messages += r.messages;
    matched += r.messages_matched;
    bool expected_failure = IsExpectedFailure(rel, chunk.first_line);
    if (r.pass) ++pass;
    if (!r.pass) {
      report += "chunk at line " + std::to_string(chunk.first_line) +
                (expected_failure ? " (expected failure)" : "") + ":\n" +
                r.detail;
    } else if (!r.detail.empty()) {
      report += "chunk at line " + std::to_string(chunk.first_line) +
                " (passes; wording):\n" + r.detail;
    }
    if (MustPass(rel)) {
      if (!r.pass && !expected_failure) gate_failed = true;
      if (r.pass && expected_failure) {
        gate_failed = true;
        report += "chunk at line " + std::to_string(chunk.first_line) +
                  " passes now: remove it from kExpectedFailures\n";
      }
    }
  }
  std::printf("%s: %d/%zu chunks pass, %d/%d messages match\n", rel.c_str(),
              pass, chunks.size(), matched, messages);
  if (!report.empty()) std::printf("%s", report.c_str());
  if (gate_failed) ADD_FAILURE() << rel << " has failing chunks (see above)";
}

std::string TestName(const ::testing::TestParamInfo<std::string>& info) {
  std::string name;
  for (char c : info.param) name.push_back(isalnum(c) ? c : '_');
  return name;
}

INSTANTIATE_TEST_SUITE_P(Starlark, ConformanceTest,
                         ::testing::ValuesIn(ConformanceFiles()), TestName);

}  // namespace
}  // namespace warden::lang
