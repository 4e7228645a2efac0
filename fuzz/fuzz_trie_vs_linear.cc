// Fuzzes the matcher as a property: the input bytes build a small policy
// (prefix rules with alternatives at any position, all three decisions,
// host_executable entries) and a few commands; for every command, with and
// without host-executable resolution, the trie (Policy::Check) and the
// in-project linear Codex matcher (LinearPolicy, engine/testing/) must report
// the same decision and the same matches (rule, matchedPrefix,
// resolvedProgram), and without resolution both must equal a brute-force
// reading of SPEC A3 written here, so a bug shared by the two matchers is
// caught as well.
//
// Byte layout (every read past the end yields 0, so any input is valid):
//   rules: count, then per rule: length, decision, per position an
//   alternative count and tokens; host entries; then commands until the input
//   ends. A token byte below 0xe0 picks from a small vocabulary (overlaps are
//   the interesting case); from 0xe0 it is a raw string of up to 7 following
//   bytes (empty, NUL, invalid UTF-8, ...).
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/rules/policy.h"
#include "engine/testing/linear_matcher.h"

namespace {

using namespace warden::engine;

class ByteReader {
 public:
  ByteReader(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  uint8_t Next() { return pos_ < size_ ? data_[pos_++] : 0; }
  bool done() const { return pos_ >= size_; }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
};

const std::vector<std::string>& Vocab() {
  static const std::vector<std::string>* vocab = new std::vector<std::string>{
      "git", "a",    "b",       "c",           "-f", "",
      "x",   "/y",   "git ",    "/usr/bin/a",  "..", "/bin/a",
      "a/",  "push", "--force", "/usr/bin/git"};
  return *vocab;
}

const std::vector<std::string>& Paths() {
  static const std::vector<std::string>* paths = new std::vector<std::string>{
      "/usr/bin/a",  "/bin/a", "/opt/a", "/usr/bin/b",        "/usr/bin/git",
      "/x/c",        "/x/c/",  "/",      "/usr/../usr/bin/a", "//bin/./a",
      "/usr/bin/a/", "/a",     "/x/",    "/usr/bin/git/.."};
  return *paths;
}

std::string Token(ByteReader& in) {
  uint8_t b = in.Next();
  if (b < 0xe0) return Vocab()[b % Vocab().size()];
  std::string raw;
  for (int n = b & 7; n > 0; --n) raw.push_back(static_cast<char>(in.Next()));
  return raw;
}

PatternToken Position(ByteReader& in, int max_alts) {
  int n = 1 + in.Next() % max_alts;
  std::vector<std::string> alts;
  for (int i = 0; i < n; ++i) {
    std::string t = Token(in);
    // PatternToken invariant: no duplicate alternatives.
    if (std::find(alts.begin(), alts.end(), t) == alts.end()) {
      alts.push_back(std::move(t));
    }
  }
  return PatternToken(std::move(alts));
}

std::optional<Policy> BuildPolicy(ByteReader& in) {
  PolicyBuilder b;
  int rules = 1 + in.Next() % 24;
  for (int i = 0; i < rules; ++i) {
    RuleSpec spec;
    uint8_t shape = in.Next();
    int len = 1 + shape % 6;
    for (int j = 0; j < len; ++j) {
      spec.pattern.push_back(Position(in, j == 0 ? 3 : 4));
    }
    spec.decision = static_cast<Decision>((shape >> 3) % 3);
    if (shape & 0x80) spec.justification = "j" + std::to_string(i);
    spec.source = {"fuzz.rules", i + 1, 1};
    b.AddPrefixRule(spec);
  }
  // Host executables: names from the vocabulary, lists of 0-3 paths.
  int hosts = in.Next() % 4;
  for (int i = 0; i < hosts; ++i) {
    std::string name = Token(in);
    std::vector<std::string> paths;
    for (int n = in.Next() % 4; n > 0; --n) {
      paths.push_back(Paths()[in.Next() % Paths().size()]);
    }
    b.SetHostExecutable(std::move(name), std::move(paths));
  }
  TrieLimits limits;
  limits.max_nodes = 200000;
  limits.max_work = 2000000;
  absl::StatusOr<Policy> policy = std::move(b).Build(limits);
  // Refusing an over-limit policy is the documented behaviour, not a bug.
  if (!policy.ok()) return std::nullopt;
  return *std::move(policy);
}

std::vector<std::string> Command(ByteReader& in) {
  std::vector<std::string> argv;
  uint8_t shape = in.Next();
  int len = shape % 8;
  for (int i = 0; i < len; ++i) argv.push_back(Token(in));
  if (!argv.empty() && (shape & 0x80)) {
    argv[0] = Paths()[in.Next() % Paths().size()];
  }
  return argv;
}

[[noreturn]] void Fail(const char* what, const std::vector<std::string>& argv,
                       bool resolve) {
  std::fprintf(stderr, "fuzz_trie_vs_linear: %s (resolve=%d) for argv:", what,
               resolve);
  for (const std::string& a : argv) std::fprintf(stderr, " [%s]", a.c_str());
  std::fprintf(stderr, "\n");
  std::abort();
}

void ExpectSame(const Evaluation& a, const Evaluation& b,
                const std::vector<std::string>& argv, bool resolve,
                const char* what) {
  if (a.decision != b.decision) Fail(what, argv, resolve);
  if (a.matches.size() != b.matches.size()) Fail(what, argv, resolve);
  for (size_t i = 0; i < a.matches.size(); ++i) {
    const RuleMatch& x = a.matches[i];
    const RuleMatch& y = b.matches[i];
    if (x.rule != y.rule || x.matched_prefix != y.matched_prefix ||
        x.resolved_program != y.resolved_program) {
      Fail(what, argv, resolve);
    }
  }
}

// SPEC A3 without host executables: a rule matches when the command has at
// least as many words as the pattern and each word is one of its position's
// alternatives; matches in definition order, the strictest decision wins.
Evaluation BruteForce(const Policy& policy,
                      const std::vector<std::string>& argv) {
  Evaluation out;
  for (const PrefixRule& rule : policy.rules()) {
    if (argv.empty() || rule.pattern.size() > argv.size()) continue;
    bool all = true;
    for (size_t i = 0; i < rule.pattern.size() && all; ++i) {
      const std::vector<std::string>& alts = rule.pattern[i].alternatives;
      all = std::find(alts.begin(), alts.end(), argv[i]) != alts.end();
    }
    if (!all) continue;
    RuleMatch m;
    m.rule = &rule;
    m.matched_prefix.assign(argv.begin(), argv.begin() + rule.pattern.size());
    out.matches.push_back(std::move(m));
    out.decision =
        std::max(out.decision.value_or(Decision::kAllow), rule.decision);
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ByteReader in(data, size);
  std::optional<Policy> policy = BuildPolicy(in);
  if (!policy) return 0;
  LinearPolicy linear_policy(*policy);
  for (int q = 0; q < 16 && (q == 0 || !in.done()); ++q) {
    std::vector<std::string> argv = Command(in);
    for (bool resolve : {false, true}) {
      MatchOptions options{.resolve_host_executables = resolve};
      Evaluation trie = policy->Check(argv, options);
      Evaluation linear = linear_policy.Check(argv, options);
      ExpectSame(trie, linear, argv, resolve, "trie and linear differ");
      if (!resolve) {
        ExpectSame(trie, BruteForce(*policy, argv), argv, resolve,
                   "trie and the brute-force oracle differ");
      }
    }
  }
  return 0;
}
