#include "engine/rules/decision.h"

namespace warden::engine {

std::optional<Decision> ParseDecision(std::string_view text) {
  if (text == "allow") return Decision::kAllow;
  if (text == "prompt") return Decision::kPrompt;
  if (text == "forbidden") return Decision::kForbidden;
  return std::nullopt;
}

std::string_view DecisionName(Decision decision) {
  switch (decision) {
    case Decision::kAllow:
      return "allow";
    case Decision::kPrompt:
      return "prompt";
    case Decision::kForbidden:
      return "forbidden";
  }
  return "allow";
}

}  // namespace warden::engine
