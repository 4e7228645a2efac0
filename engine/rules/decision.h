// The three outcomes a rule can give a command, ordered by strictness.
#ifndef WARDEN_ENGINE_RULES_DECISION_H_
#define WARDEN_ENGINE_RULES_DECISION_H_

#include <optional>
#include <string_view>

namespace warden::engine {

// Invariant: the numeric order is the strictness order (allow < prompt <
// forbidden), so "strictest" is std::max.
enum class Decision { kAllow = 0, kPrompt = 1, kForbidden = 2 };

// "allow" / "prompt" / "forbidden" (case-sensitive); nullopt otherwise.
std::optional<Decision> ParseDecision(std::string_view text);

// The user-visible spelling of `decision` ("allow", "prompt", "forbidden").
std::string_view DecisionName(Decision decision);

}  // namespace warden::engine

#endif  // WARDEN_ENGINE_RULES_DECISION_H_
