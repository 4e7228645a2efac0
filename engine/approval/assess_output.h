// Renderings of an Assessment and of the heuristic tables (SPEC-runtime
// R1.5, R2.3). JSON key order is part of the contract:
//
//  assess  {"requirement","reason","bypassSandbox" (skip only),
//           "proposedAmendment","decision","matchedRules","complete" (only
//           false),"knownSafe","dangerous","parts":[{"command","source",
//           "decision","heuristic"}]}
//  explain parts (R2.3): the same part objects plus "detail".
#ifndef WARDEN_ENGINE_APPROVAL_ASSESS_OUTPUT_H_
#define WARDEN_ENGINE_APPROVAL_ASSESS_OUTPUT_H_

#include <nlohmann/json.hpp>
#include <span>
#include <string>

#include "engine/approval/assess.h"

namespace warden::engine::approval {

nlohmann::ordered_json AssessJson(const Assessment& assessment);
// One object per counted part; with `detail` for explain.
nlohmann::ordered_json PartsJson(const Assessment& assessment, bool detail);
// `<requirement>: <reason or R1-A row>`, then the parts, the bypass and the
// proposal, one per line.
std::string AssessText(const Assessment& assessment);
nlohmann::ordered_json HeuristicsJson();

}  // namespace warden::engine::approval

#endif  // WARDEN_ENGINE_APPROVAL_ASSESS_OUTPUT_H_
