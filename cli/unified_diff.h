// A unified diff of two texts, as `warden fmt --diff` prints it.
#ifndef WARDEN_CLI_UNIFIED_DIFF_H_
#define WARDEN_CLI_UNIFIED_DIFF_H_

#include <string>

#include "cli/terminal.h"

namespace warden::cli {

// A unified diff (3 lines of context, hunks closer than 6 lines merged) of
// `before` and `after`, headed `--- from_label` / `+++ to_label`, from a
// longest common subsequence of their lines; deletions come before
// insertions, as in diff(1). Only the header, hunk lines and changed lines are
// styled. Equal texts give just the two header lines. Inputs are small
// (rules files): beyond 16M line pairs the whole text is shown as replaced
// rather than spend quadratic memory.
std::string UnifiedDiff(const std::string& from_label,
                        const std::string& to_label, const std::string& before,
                        const std::string& after, const Style& style);

}  // namespace warden::cli

#endif  // WARDEN_CLI_UNIFIED_DIFF_H_
