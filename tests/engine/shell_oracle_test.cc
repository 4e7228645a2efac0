// The real-shell oracle (SPEC B2, issue #13): scripts run in the real bash,
// dash and zsh with every program on PATH replaced by a recorder; every
// program that actually executed must be among warden's parts, or warden
// must have said the command is incomplete.
//
// Safety: PATH holds only the recorder directory; recorders never run the
// program they stand for (the four shells excepted: their recorder records
// and then runs the real shell, so nested scripts are exercised too); the
// working directory and HOME are a fresh temporary directory; every run has
// a time limit and its own process group. Scripts that could reach a real
// program or a file outside the temporary directory anyway (an absolute
// system path, `command -p`, PATH changes, `unset`, redirections to absolute
// or home paths) are skipped, not run.
//
// The smoke here runs the seeds (every vector of issue #13, the fuzz
// corpora's scripts) and a few hundred generated scripts in seconds;
// scripts/shell-oracle.sh runs a long campaign through the same test with
// WARDEN_ORACLE_ITERATIONS and WARDEN_ORACLE_SEED.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "engine/shell/command.h"
#include "engine/shell/shell_words.h"

namespace warden::engine {
namespace {

namespace fs = std::filesystem;
using Argv = std::vector<std::string>;

// Names given a recorder. Generated and seed scripts only call these (or
// builtins); anything else fails with "not found", which is harmless.
const char* const kRecorded[] = {
    "rm",        "ls",      "cat",    "git",   "curl",     "wget", "touch",
    "mkdir",     "cp",      "mv",     "chmod", "ln",       "id",   "whoami",
    "tar",       "python3", "python", "node",  "perl",     "ruby", "sudo",
    "doas",      "xargs",   "find",   "env",   "timeout",  "nice", "nohup",
    "stdbuf",    "time",    "watch",  "ssh",   "setsid",   "x",    "y",
    "f",         "g",       "evil",   "cmd",   "a",        "b",    "noglob",
    "nocorrect", "repeat",  "uname",  "date",  "sleep",    "head", "tail",
    "wc",        "grep",    "sed",    "awk",   "sort",     "tr",   "true",
    "false",     "test",    "printf", "echo",  "make",     "npm",  "unknown",
    "other",     "ksh",     "su",     "flock", "zmodload", "tee",  "less",
    "more",      "vi",      "ls.sh",  "yes",   "seq",      "dd",   "kill"};

struct Shell {
  const char* name;
  const char* real;
};
const Shell kShells[] = {{"bash", "/bin/bash"},
                         {"sh", "/bin/sh"},
                         {"dash", "/bin/dash"},
                         {"zsh", "/bin/zsh"}};

bool Installed(const char* path) { return access(path, X_OK) == 0; }

class Oracle {
 public:
  Oracle() {
    char tmpl[] = "/tmp/warden-oracle-XXXXXX";
    root_ = mkdtemp(tmpl);
    bin_ = root_ + "/bin";
    work_ = root_ + "/work";
    log_ = root_ + "/log";
    fs::create_directories(bin_);
    fs::create_directories(work_);
    for (const char* name : kRecorded) WriteRecorder(bin_ + "/" + name, "");
    // `path=.` in zsh and `./x` spellings find these in the work directory.
    for (const char* name : {"ls", "rm", "git", "x"}) {
      WriteRecorder(work_ + "/" + name, "");
    }
    for (const Shell& s : kShells) {
      if (Installed(s.real)) {
        WriteRecorder(bin_ + "/" + s.name,
                      std::string("exec ") + s.real + " \"$@\"\n");
      }
    }
  }
  ~Oracle() {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }

  // The programs `argv` executed (recorder names), or nullopt-like empty
  // with `ran` false when it was not run.
  std::set<std::string> Run(const Argv& argv) {
    { std::ofstream(log_, std::ios::trunc); }
    std::vector<std::string> env = {"PATH=" + bin_, "HOME=" + work_,
                                    "ORACLE_LOG=" + log_, "TERM=dumb",
                                    "LANG=C"};
    std::vector<char*> cargv, cenv;
    for (const std::string& a : argv)
      cargv.push_back(const_cast<char*>(a.c_str()));
    cargv.push_back(nullptr);
    for (const std::string& e : env)
      cenv.push_back(const_cast<char*>(e.c_str()));
    cenv.push_back(nullptr);
    std::string program =
        argv[0].find('/') == std::string::npos ? bin_ + "/" + argv[0] : argv[0];
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attr, 0);
    std::string old_cwd = fs::current_path();
    fs::current_path(work_);
    pid_t pid = 0;
    int rc = posix_spawn(&pid, program.c_str(), &actions, &attr, cargv.data(),
                         cenv.data());
    fs::current_path(old_cwd);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    std::set<std::string> ran;
    if (rc != 0) return ran;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
    int status = 0;
    while (waitpid(pid, &status, WNOHANG) == 0) {
      if (std::chrono::steady_clock::now() > deadline) {
        kill(-pid, SIGKILL);  // the group this run created
        waitpid(pid, &status, 0);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    kill(-pid, SIGKILL);  // leftovers of `&` jobs
    std::ifstream in(log_);
    for (std::string line; std::getline(in, line);) ran.insert(line);
    return ran;
  }

 private:
  void WriteRecorder(const std::string& path, const std::string& then) {
    std::ofstream out(path);
    out << "#!/bin/dash\nprintf '%s\\n' \"${0##*/}\" >> \"$ORACLE_LOG\"\n"
        << then;
    out.close();
    chmod(path.c_str(), 0755);
  }

  std::string root_, bin_, work_, log_;
};

// Scripts that could reach a real program or file despite the recorders.
bool Unsafe(const std::string& script) {
  static const char* const kBanned[] = {
      "/bin",  "/usr",  "/sbin", "/lib",    "/etc",    "/dev/",
      "/proc", "/sys",  "/home", "/root",   "/var",    "/opt",
      "/boot", "/run",  "/srv",  "/mnt",    "..",      "command -p",
      "PATH",  "unset", "hash",  "enable",  "builtin", "cd",
      "pushd", "~",     "$HOME", "exec -c", "env -i",  "declare -x"};
  for (const char* b : kBanned) {
    if (script.find(b) != std::string::npos) return true;
  }
  // Redirections to absolute paths (`> /x`) are caught above by the
  // directory names only partly: refuse any redirection to a path with /.
  for (size_t i = 0; i < script.size(); ++i) {
    if (script[i] != '>' && script[i] != '<') continue;
    size_t j = i + 1;
    while (j < script.size() && (script[j] == ' ' || script[j] == '>' ||
                                 script[j] == '|' || script[j] == '&')) {
      ++j;
    }
    if (j < script.size() && script[j] == '/') return true;
  }
  return script.find('\0') != std::string::npos;
}

std::string Base(std::string_view s) {
  size_t slash = s.rfind('/');
  if (slash != std::string_view::npos) s = s.substr(slash + 1);
  return std::string(s);
}

struct Finding {
  Argv argv;
  std::string program;
};

// Runs `argv` and checks the B2 promise. Returns the first program that ran
// without being a part of a complete decomposition.
// Programs the shells' own startup files run (Debian's /etc/profile runs
// `id` for login shells): not the script's, and not warden's to judge.
const std::set<std::string>& StartupPrograms(Oracle& oracle) {
  static const std::set<std::string>* programs = [&] {
    auto* out = new std::set<std::string>();
    for (const Shell& s : kShells) {
      if (!Installed(s.real)) continue;
      for (const char* flags : {"-c", "-lc", "-ic", "-lic"}) {
        for (const std::string& p : oracle.Run(Argv{s.name, flags, ":"})) {
          if (p != s.name) out->insert(p);
        }
      }
    }
    return out;
  }();
  return *programs;
}

std::optional<Finding> CheckOne(Oracle& oracle, const Argv& argv) {
  Decomposition d = Decompose(argv);
  std::set<std::string> ran = oracle.Run(argv);
  if (!d.complete) return std::nullopt;
  for (const std::string& p : StartupPrograms(oracle)) ran.erase(p);
  std::set<std::string> parts;
  for (const CommandPart& p : d.parts) {
    if (!p.argv.empty()) parts.insert(Base(p.argv[0]));
  }
  for (const std::string& program : ran) {
    if (!parts.contains(program)) return Finding{argv, program};
  }
  return std::nullopt;
}

// The vectors first, then the fuzz corpora's scripts; `vectors`
// says where the corpora begin.
std::vector<std::string> SeedScripts(size_t* vectors) {
  std::vector<std::string> seeds = {
      "rm x",
      "ls; rm x",
      "ls && rm x",
      "ls | rm x",
      "ls || rm x",
      "echo \"$'\"; rm -rf x; echo \"'\"",
      "echo \"$\\\"\"; rm x; echo \"\"",
      "echo $((rm x) )",
      "echo $(( $(rm x) + 1 ))",
      "function f { rm x; }; f",
      "f() { rm x; }; f",
      "printf -v 'a[$(rm x)]' %s 1",
      "test -v 'a[$(rm x)]'",
      "[ -v 'a[$(rm x)]' ]",
      "read 'a[$(rm x)]'",
      "declare 'a[$(rm x)]=1'",
      "let 'a[$(rm x)]'",
      "[[ -v 'a[$(rm x)]' ]]",
      "compgen -C 'rm x' y",
      "trap 'rm x' EXIT",
      "echo 'rm x' | bash",
      "echo 'rm x' | bash -s",
      "echo 'rm x' | sh -",
      "echo 'rm x' | zsh",
      "bash -o errexit -c 'rm x'",
      "bash -O extglob -c 'rm x'",
      "bash +o posix -c 'rm x'",
      "bash -c -e 'rm x'",
      "bash -c -- 'rm x'",
      "sh -c -e 'rm x'",
      "bash -ce 'rm x'",
      "bash -cl 'rm x'",
      "zsh -oerrexit -c 'rm x'",
      "zsh -b -c 'rm x'",
      "path=. ls",
      "noglob rm x",
      "nocorrect rm x",
      "- rm x",
      "repeat 2 rm x",
      "=rm x",
      "exec =rm x",
      "FOO=1 rm x",
      "x=1 ls",
      "timeout 1 rm x",
      "nice rm x",
      "env LANG=C rm x",
      "git -C . status",
      "ls $(rm x)",
      "ls `rm x`",
      "ls \"$(rm x)\"",
      "cat <<EOF\n$(rm x)\nEOF",
      "eval 'rm x'",
      "if true; then rm x; fi",
      "{ rm x; }",
      "(rm x)",
      "ls & rm x",
      "true && { ls; rm x; }",
      "a=1; rm x",
      "echo ${x:-$(rm x)}",
      "echo \"${x:-`rm x`}\"",
      "echo $'\\'' ; rm x",
      "echo 'a'\"b\"$'c' ; rm x",
      "ls #; rm x",
      "ls \\; rm x",
      "ls '; rm x'",
      "ls \"; rm x\"",
      "ls\\\nrm x",
  };
  *vectors = seeds.size();
  // The fuzz corpora's scripts.
  for (const char* dir :
       {WARDEN_SOURCE_DIR "/fuzz/corpus/fuzz_decompose",
        WARDEN_SOURCE_DIR "/tests/fuzz_regressions/fuzz_decompose"}) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      std::ifstream in(entry.path(), std::ios::binary);
      std::string text((std::istreambuf_iterator<char>(in)), {});
      if (text.starts_with("sh:")) seeds.push_back(text.substr(3));
    }
  }
  return seeds;
}

// A small generator: literal commands, wrappers, separators and the forms
// of the vectors, nested a few levels.
class Generator {
 public:
  explicit Generator(uint64_t seed) : rng_(seed) {}

  std::string Script(int depth = 0) {
    std::string out = Statement(depth);
    int more = Pick(3);
    for (int i = 0; i < more; ++i) out += Sep() + Statement(depth);
    return out;
  }

 private:
  int Pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  template <size_t N>
  const char* From(const char* const (&a)[N]) {
    return a[Pick(static_cast<int>(N))];
  }

  std::string Sep() {
    static const char* const kSeps[] = {"; ",  " && ", " || ",
                                        " | ", "\n",   " & "};
    return From(kSeps);
  }

  std::string Simple() {
    static const char* const kCmds[] = {"rm x", "ls",    "git status", "curl y",
                                        "evil", "cat f", "x",          "true"};
    static const char* const kPre[] = {"",           "",          "",
                                       "timeout 1 ", "nice ",     "env LANG=C ",
                                       "command ",   "exec ",     "noglob ",
                                       "- ",         "repeat 1 ", "FOO=1 ",
                                       "LANG=C ",    "nohup ",    "xargs ",
                                       "=",          "time ",     "git -C . "};
    return std::string(From(kPre)) + From(kCmds);
  }

  std::string Statement(int depth) {
    if (depth >= 2 || Pick(3) == 0) return Simple();
    std::string in = Script(depth + 1);
    switch (Pick(26)) {
      case 0:
        return "echo $(" + in + ")";
      case 1:
        return "echo `" + Simple() + "`";
      case 2:
        return "( " + in + " )";
      case 3:
        return "{ " + in + "; }";
      case 4:
        return "if true; then " + in + "; fi";
      case 5:
        return "f() { " + in + "; }; f";
      case 6:
        return "function g { " + in + "; }; g";
      case 7:
        return "bash -c " + ShellQuote(in);
      case 8:
        return "sh -c -e " + ShellQuote(in);
      case 9:
        return "zsh -c " + ShellQuote(in);
      case 10:
        return "echo " + ShellQuote(in) + " | bash";
      case 11:
        return "eval " + ShellQuote(in);
      case 12:
        return "printf -v 'a[$(" + Simple() + ")]' 1";
      case 13:
        return "echo $((" + Simple() + ") )";
      case 14:
        return "echo \"$'\"; " + in + "; echo \"'\"";
      case 15:
        return "bash -c -e " + ShellQuote(in);
      case 16:
        return "bash -ce " + ShellQuote(in) + " a0";
      case 17:
        return "zsh -oerrexit -c " + ShellQuote(in);
      case 18:
        return "sh -c -- " + ShellQuote(in);
      case 19:
        return "test -v 'a[$(" + Simple() + ")]'";
      case 20:
        return "[[ -v 'a[$(" + Simple() + ")]' ]]";
      case 21:
        return "echo $(( $(" + Simple() + ") + 1 ))";
      case 22:
        return "trap " + ShellQuote(in) + " EXIT";
      case 23:
        return "printf " + ShellQuote(in) + " | sh";
      case 24:
        return "read 'a[$(" + Simple() + ")]'";
      default:
        return "bash -o errexit -c " + ShellQuote(in);
    }
  }

  std::mt19937_64 rng_;
};

uint64_t EnvNumber(const char* name, uint64_t fallback) {
  const char* v = std::getenv(name);
  return v == nullptr ? fallback : std::strtoull(v, nullptr, 10);
}

void Report(const std::vector<Finding>& findings) {
  for (const Finding& f : findings) {
    ADD_FAILURE() << "`" << f.program << "` ran but warden said complete "
                  << "without it: " << ShellJoin(f.argv);
  }
}

TEST(ShellOracleTest, SeedsInEveryShell) {
  Oracle oracle;
  std::vector<Finding> findings;
  int run = 0;
  size_t vectors = 0;
  std::vector<std::string> seeds = SeedScripts(&vectors);
  for (size_t i = 0; i < seeds.size(); ++i) {
    const std::string& script = seeds[i];
    if (Unsafe(script)) continue;
    for (size_t k = 0; k < 4; ++k) {
      const Shell& s = kShells[k];
      if (!Installed(s.real)) continue;
      // The vectors run in every shell; the fuzz corpora's scripts
      // take turns (all four: WARDEN_ORACLE_ALL_SHELLS=1).
      if (i >= vectors && (i + k) % 4 != 0 &&
          std::getenv("WARDEN_ORACLE_ALL_SHELLS") == nullptr) {
        continue;
      }
      ++run;
      if (auto f = CheckOne(oracle, Argv{s.name, "-c", script})) {
        findings.push_back(*f);
      }
    }
  }
  EXPECT_GT(run, 100);
  Report(findings);
}

TEST(ShellOracleTest, GeneratedScripts) {
  Oracle oracle;
  uint64_t seed = EnvNumber("WARDEN_ORACLE_SEED", 13);
  uint64_t iterations = EnvNumber("WARDEN_ORACLE_ITERATIONS", 150);
  Generator gen(seed);
  std::vector<Finding> findings;
  for (uint64_t i = 0; i < iterations && findings.size() < 20; ++i) {
    std::string script = gen.Script();
    if (Unsafe(script)) continue;
    const Shell& s = kShells[i % 4];
    if (!Installed(s.real)) continue;
    if (auto f = CheckOne(oracle, Argv{s.name, "-c", script})) {
      findings.push_back(*f);
    }
  }
  Report(findings);
}

// The oracle can fail: a recorder that runs is seen, and a decomposition
// that misses it is reported (guards against a harness that sees nothing).
TEST(ShellOracleTest, RecordersAreSeen) {
  if (!Installed("/bin/bash")) GTEST_SKIP();
  Oracle oracle;
  std::set<std::string> ran = oracle.Run(Argv{"bash", "-c", "rm x; ls"});
  EXPECT_TRUE(ran.contains("rm"));
  EXPECT_TRUE(ran.contains("ls"));
  EXPECT_TRUE(ran.contains("bash"));
}

}  // namespace
}  // namespace warden::engine
