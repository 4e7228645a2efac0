// How the command-reading fuzz targets turn their input into a command:
// "sh:SCRIPT" is `bash -lc SCRIPT`, anything else is argv, one word per line
// (at most 64 words).
#ifndef WARDEN_FUZZ_COMMAND_INPUT_H_
#define WARDEN_FUZZ_COMMAND_INPUT_H_

#include <string>
#include <string_view>
#include <vector>

inline std::vector<std::string> CommandFromFuzzInput(std::string_view text) {
  if (text.substr(0, 3) == "sh:") {
    return {"bash", "-lc", std::string(text.substr(3))};
  }
  std::vector<std::string> argv;
  size_t start = 0;
  while (start <= text.size() && argv.size() < 64) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    argv.emplace_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return argv;
}

#endif  // WARDEN_FUZZ_COMMAND_INPUT_H_
