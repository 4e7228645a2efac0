// Runs the warden binary (or any program) as a real child process and captures
// its exit status, stdout and stderr. Shared by the CLI golden tests and other
// CLI tests.
#ifndef WARDEN_TESTS_CLI_RUN_BINARY_TESTUTIL_H_
#define WARDEN_TESTS_CLI_RUN_BINARY_TESTUTIL_H_

#include <string>
#include <vector>

namespace warden::cli {

struct RunResult {
  int exit_code = -1;  // 128+N when killed by signal N
  std::string out;
  std::string err;
};

// Runs `program` with `args` (argv[1..]) in `cwd`, stdin from /dev/null, with
// NO_COLOR=1 added to the environment.
RunResult RunProgram(const std::string& program,
                     const std::vector<std::string>& args,
                     const std::string& cwd);

// RunProgram on the warden binary under test (WARDEN_BINARY).
RunResult RunWarden(const std::vector<std::string>& args,
                    const std::string& cwd);

// Splits a command line into words like a POSIX shell (single and double
// quotes, backslash escapes; no expansions). False with `*error` set on
// unbalanced quotes.
bool SplitCommandLine(const std::string& line, std::vector<std::string>* words,
                      std::string* error);

}  // namespace warden::cli

#endif  // WARDEN_TESTS_CLI_RUN_BINARY_TESTUTIL_H_
