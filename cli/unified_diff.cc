#include "cli/unified_diff.h"

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

namespace warden::cli {
namespace {

// Lines without their '\n'; a final line without one counts too, and a
// trailing '\n' adds no empty line.
std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

}  // namespace

std::string UnifiedDiff(const std::string& from_label,
                        const std::string& to_label, const std::string& before,
                        const std::string& after, const Style& style) {
  std::vector<std::string> a = SplitLines(before), b = SplitLines(after);
  const size_t n = a.size(), m = b.size();
  // ops: ' ' keep, '-' delete from a, '+' insert from b.
  std::vector<std::pair<char, std::string>> ops;
  if (n * m <= 16u * 1024 * 1024) {
    std::vector<std::vector<uint32_t>> lcs(n + 1,
                                           std::vector<uint32_t>(m + 1, 0));
    for (size_t i = n; i-- > 0;) {
      for (size_t j = m; j-- > 0;) {
        lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1
                                 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    size_t i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[i] == b[j]) {
        ops.emplace_back(' ', a[i++]);
        ++j;
      } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
        ops.emplace_back('-', a[i++]);  // deletions first, as diff(1) does
      } else {
        ops.emplace_back('+', b[j++]);
      }
    }
  } else {
    for (const auto& line : a) ops.emplace_back('-', line);
    for (const auto& line : b) ops.emplace_back('+', line);
  }
  std::string out = style.Bold("--- " + from_label) + "\n" +
                    style.Bold("+++ " + to_label) + "\n";
  const size_t kContext = 3;
  size_t k = 0;
  while (k < ops.size()) {
    if (ops[k].first == ' ') {
      ++k;
      continue;
    }
    // A hunk: from kContext before this change to kContext after the last
    // change that is within 2*kContext of the previous one.
    size_t begin = k >= kContext ? k - kContext : 0;
    size_t end = k;
    size_t last_change = k;
    while (end < ops.size()) {
      if (ops[end].first != ' ') last_change = end;
      if (end - last_change > 2 * kContext) break;
      ++end;
    }
    end = std::min(ops.size(), last_change + kContext + 1);
    // Line numbers of the hunk start in a and b.
    size_t a_line = 1, b_line = 1;
    for (size_t x = 0; x < begin; ++x) {
      if (ops[x].first != '+') ++a_line;
      if (ops[x].first != '-') ++b_line;
    }
    size_t a_count = 0, b_count = 0;
    for (size_t x = begin; x < end; ++x) {
      if (ops[x].first != '+') ++a_count;
      if (ops[x].first != '-') ++b_count;
    }
    out += style.Cyan("@@ -" + std::to_string(a_count ? a_line : a_line - 1) +
                      "," + std::to_string(a_count) + " +" +
                      std::to_string(b_count ? b_line : b_line - 1) + "," +
                      std::to_string(b_count) + " @@") +
           "\n";
    for (size_t x = begin; x < end; ++x) {
      std::string line = std::string(1, ops[x].first) + ops[x].second;
      if (ops[x].first == '-') line = style.Red(line);
      if (ops[x].first == '+') line = style.Green(line);
      out += line + "\n";
    }
    k = end;
  }
  return out;
}

}  // namespace warden::cli
