// Fuzzes command decomposition and checking: the input's lines are an argv
// (the first line, when it starts with "sh:", is a `bash -lc` script). Must
// never crash, hang, or produce an allow for an incomplete command.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "engine/check.h"
#include "engine/rules/policy.h"
#include "engine/shell/command.h"
#include "fuzz/command_input.h"

namespace {

const warden::engine::Policy& FuzzPolicy() {
  using namespace warden::engine;
  static const Policy* policy = [] {
    PolicyBuilder b;
    for (const char* prog : {"ls", "echo", "git", "cat", "timeout", "env"}) {
      RuleSpec spec;
      spec.pattern.emplace_back(prog);
      spec.decision = Decision::kAllow;
      b.AddPrefixRule(spec);
    }
    RuleSpec evil;
    evil.pattern.emplace_back("rm");
    evil.decision = Decision::kForbidden;
    b.AddPrefixRule(evil);
    return new Policy(*std::move(b).Build());
  }();
  return *policy;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace warden::engine;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> argv = CommandFromFuzzInput(text);
  CommandCheck check = CheckCommand(FuzzPolicy(), argv);
  if (!check.complete && check.decision == Decision::kAllow) std::abort();
  for (const RuleMatch& m : check.matches) {
    if (m.rule->decision == Decision::kForbidden &&
        check.decision != Decision::kForbidden) {
      std::abort();
    }
  }
  return 0;
}
