#include "engine/approval/assess_output.h"

#include "engine/approval/codex_quote.h"
#include "engine/approval/heuristics.h"
#include "engine/json_output.h"

namespace warden::engine::approval {

using nlohmann::ordered_json;

namespace {

ordered_json OptionalArgv(const std::optional<std::vector<std::string>>& argv) {
  return argv ? ordered_json(*argv) : ordered_json(nullptr);
}

std::string_view SourceName(const AssessedPart& part) {
  return part.heuristic ? "heuristic" : "rule";
}

// The part that decided the command: the first whose decision is the
// command's.
const AssessedPart* DecidingPart(const Assessment& a) {
  for (const AssessedPart& part : a.parts) {
    if (part.decision == a.decision) return &part;
  }
  return nullptr;
}

}  // namespace

ordered_json PartsJson(const Assessment& a, bool detail) {
  ordered_json parts = ordered_json::array();
  for (const AssessedPart& part : a.parts) {
    if (!part.decision) continue;
    ordered_json p = ordered_json::object();
    p["command"] = part.command;
    p["source"] = std::string(SourceName(part));
    p["decision"] = std::string(DecisionName(*part.decision));
    p["heuristic"] =
        part.heuristic
            ? ordered_json(std::string(HeuristicRowName(*part.heuristic)))
            : ordered_json(nullptr);
    if (detail) p["detail"] = part.detail;
    parts.push_back(std::move(p));
  }
  return parts;
}

ordered_json AssessJson(const Assessment& a) {
  ordered_json out = ordered_json::object();
  out["requirement"] = std::string(RequirementName(a.requirement));
  out["reason"] = a.reason ? ordered_json(*a.reason) : ordered_json(nullptr);
  if (a.requirement == Requirement::kSkip)
    out["bypassSandbox"] = a.bypass_sandbox;
  out["proposedAmendment"] = OptionalArgv(a.proposed_amendment);
  ordered_json check = CheckJson(a.check);
  out["decision"] =
      check.contains("decision") ? check["decision"] : ordered_json(nullptr);
  out["matchedRules"] = check["matchedRules"];
  if (!a.check.complete) out["complete"] = false;
  out["knownSafe"] = a.known_safe;
  out["dangerous"] = a.dangerous;
  out["parts"] = PartsJson(a, /*detail=*/false);
  return out;
}

std::string AssessText(const Assessment& a) {
  std::string out(RequirementName(a.requirement));
  out += ": ";
  const AssessedPart* decider = DecidingPart(a);
  if (a.reason) {
    out += *a.reason;
  } else if (decider != nullptr && decider->heuristic) {
    out += std::string(HeuristicRowName(*decider->heuristic)) + " " +
           std::string(HeuristicRowMeaning(*decider->heuristic)) + " (`" +
           CodexShellJoin(decider->command) + "`)";
  } else if (decider != nullptr) {
    out += "allowed by " + decider->detail;
  }
  out += "\nparts:\n";
  for (const AssessedPart& part : a.parts) {
    if (!part.decision) continue;
    std::string source(SourceName(part));
    source.resize(11, ' ');
    std::string decision(DecisionName(*part.decision));
    decision.resize(10, ' ');
    out += "  " + source + decision + CodexShellJoin(part.command) + "  (";
    if (part.heuristic) {
      out += std::string(HeuristicRowName(*part.heuristic)) + " ";
    }
    out += part.detail + ")\n";
  }
  if (a.requirement == Requirement::kSkip) {
    out += std::string("bypass sandbox: ") + (a.bypass_sandbox ? "yes" : "no") +
           "\n";
  }
  out += "proposed amendment: " +
         (a.proposed_amendment ? CodexShellJoin(*a.proposed_amendment)
                               : std::string("none")) +
         "\n";
  return out;
}

ordered_json HeuristicsJson() {
  ordered_json safe = ordered_json::array();
  static constexpr std::string_view kWhenNames[] = {
      "always", "no-argument", "no-token", "sed-print", "known-safe-git"};
  for (const KnownSafeRow& row : KnownSafeTable()) {
    ordered_json r = ordered_json::object();
    r["programs"] = ordered_json::array();
    for (std::string_view p : row.programs) r["programs"].push_back(p);
    r["when"] = kWhenNames[static_cast<int>(row.when)];
    if (!row.exact.empty() || !row.prefixes.empty()) {
      r["unsafeTokens"] = ordered_json::array();
      for (std::string_view t : row.exact) r["unsafeTokens"].push_back(t);
      r["unsafePrefixes"] = ordered_json::array();
      for (std::string_view t : row.prefixes) r["unsafePrefixes"].push_back(t);
    }
    if (!row.pattern.empty()) r["pattern"] = row.pattern;
    r["detail"] = row.why;
    safe.push_back(std::move(r));
  }
  ordered_json dangerous = ordered_json::array();
  static constexpr std::string_view kDangerNames[] = {"forced-rm", "sudo",
                                                      "shell-script"};
  for (const DangerousRow& row : DangerousTable()) {
    ordered_json r = ordered_json::object();
    r["program"] =
        row.program.empty() ? ordered_json(nullptr) : ordered_json(row.program);
    r["when"] = kDangerNames[static_cast<int>(row.when)];
    r["detail"] = row.why;
    dangerous.push_back(std::move(r));
  }
  ordered_json out = ordered_json::object();
  out["knownSafe"] = std::move(safe);
  out["dangerous"] = std::move(dangerous);
  return out;
}

}  // namespace warden::engine::approval
