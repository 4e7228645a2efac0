#include "engine/cases/case_file.h"

#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <tuple>
#include <utility>

#include "engine/shell/shell_words.h"
#include "lang/read_file.h"

namespace warden::engine {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kDecisionChoices =
    "allow, prompt, forbidden or none";

class Reader {
 public:
  explicit Reader(const lang::Source& source) : source_(source) {
    result_.file.path = source.name();
  }

  CaseFileResult Run() {
    toml::table root;
    try {
      root = toml::parse(source_.text(), source_.name());
    } catch (const toml::parse_error& e) {
      Error(e.source().begin, "invalid TOML: " + std::string(e.description()));
      return std::move(result_);
    }
    bool saw_case = false;
    for (auto&& [key, node] : root) {
      if (key.str() == "rules") {
        ReadRules(node, &result_.file.rules);
      } else if (key.str() == "case") {
        saw_case = true;
        ReadCases(node);
      } else {
        Error(key.source().begin, "unknown key `" + std::string(key.str()) +
                                      "` (expected `rules` or [[case]])");
      }
    }
    if (!root.contains("rules")) {
      std::string implied = DefaultRulesFor(source_.name());
      if (!implied.empty()) result_.file.rules.push_back(implied);
    }
    if (!saw_case && result_.errors.empty()) {
      Error(toml::source_position{1, 1},
            "no cases: add at least one [[case]] table");
    }
    // toml++ tables iterate in key order; report in file order.
    std::stable_sort(result_.errors.begin(), result_.errors.end(),
                     [](const lang::Diagnostic& a, const lang::Diagnostic& b) {
                       return std::tie(a.pos.line, a.pos.col) <
                              std::tie(b.pos.line, b.pos.col);
                     });
    return std::move(result_);
  }

 private:
  void Error(const toml::source_position& where, std::string message) {
    lang::Diagnostic d;
    d.file = source_.name();
    d.pos = lang::Position{static_cast<int32_t>(where.line),
                           static_cast<int32_t>(where.column)};
    d.message = std::move(message);
    d.source_line = std::string(source_.Line(d.pos.line));
    result_.errors.push_back(std::move(d));
  }

  std::string Resolve(std::string_view relative) const {
    fs::path rel(relative);
    if (rel.is_absolute()) return rel.string();
    fs::path dir = fs::path(source_.name()).parent_path();
    return dir.empty() ? rel.string() : (dir / rel).string();
  }

  void ReadRules(const toml::node& node, std::vector<std::string>* out) {
    if (const auto* s = node.as_string()) {
      if (s->get().empty()) {
        Error(node.source().begin, "`rules` must not be empty");
        return;
      }
      out->push_back(Resolve(s->get()));
      return;
    }
    const auto* array = node.as_array();
    if (array == nullptr) {
      Error(node.source().begin,
            "`rules` must be a string or a list of strings");
      return;
    }
    for (const auto& item : *array) {
      const auto* s = item.as_string();
      if (s == nullptr || s->get().empty()) {
        Error(item.source().begin,
              "`rules` must be a string or a list of non-empty strings");
        continue;
      }
      out->push_back(Resolve(s->get()));
    }
  }

  void ReadCases(const toml::node& node) {
    const auto* array = node.as_array();
    if (array == nullptr || !array->is_array_of_tables()) {
      Error(node.source().begin,
            "`case` must be an array of tables: write each case as [[case]]");
      return;
    }
    for (const auto& item : *array) ReadCase(*item.as_table());
  }

  void ReadCase(const toml::table& table) {
    TestCase c;
    c.pos = lang::Position{static_cast<int32_t>(table.source().begin.line),
                           static_cast<int32_t>(table.source().begin.column)};
    const size_t errors_before = result_.errors.size();
    const toml::node* command = nullptr;
    const toml::node* argv = nullptr;
    const toml::node* decision = nullptr;
    for (auto&& [key, node] : table) {
      std::string_view k = key.str();
      if (k == "command") {
        command = &node;
      } else if (k == "argv") {
        argv = &node;
      } else if (k == "decision") {
        decision = &node;
      } else if (k == "name") {
        if (const auto* s = node.as_string()) {
          c.name = s->get();
        } else {
          Error(node.source().begin, "`name` must be a string");
        }
      } else if (k == "rules") {
        ReadRules(node, &c.rules);
      } else if (k == "split") {
        if (const auto* b = node.as_boolean()) {
          c.split = b->get();
        } else {
          Error(node.source().begin, "`split` must be true or false");
        }
      } else {
        Error(key.source().begin,
              "unknown key `" + std::string(k) +
                  "` in [[case]] (expected command, argv, decision, name, "
                  "rules or split)");
      }
    }
    toml::source_position here = table.source().begin;
    if (command != nullptr && argv != nullptr) {
      Error(argv->source().begin,
            "[[case]] has both `command` and `argv`; keep one");
    } else if (command != nullptr) {
      ReadCommand(*command, &c);
    } else if (argv != nullptr) {
      ReadArgv(*argv, &c);
    } else {
      Error(here, "[[case]] needs `command` (a string) or `argv` (a list)");
    }
    if (decision == nullptr) {
      Error(here, "[[case]] needs `decision` (" +
                      std::string(kDecisionChoices) + ")");
    } else if (const auto* s = decision->as_string()) {
      if (s->get() == "none") {
        c.expected = std::nullopt;
      } else if (auto d = ParseDecision(s->get())) {
        c.expected = *d;
      } else {
        Error(decision->source().begin,
              "invalid decision `" + s->get() + "` (expected " +
                  std::string(kDecisionChoices) + ")");
      }
    } else {
      Error(decision->source().begin,
            "`decision` must be a string: " + std::string(kDecisionChoices));
    }
    if (result_.errors.size() == errors_before) {
      result_.file.cases.push_back(std::move(c));
    }
  }

  void ReadCommand(const toml::node& node, TestCase* c) {
    const auto* s = node.as_string();
    if (s == nullptr) {
      Error(node.source().begin, "`command` must be a string");
      return;
    }
    // Same splitting as an inline example string, so a case and a `match`
    // example written alike mean the same argv.
    auto words = SplitExampleString(s->get());
    if (!words.ok()) {
      bool empty =
          words.status().message().find("empty") != absl::string_view::npos;
      Error(node.source().begin,
            empty ? "`command` has no words"
                  : "`command` has invalid shell syntax (an unterminated "
                    "quote?)");
      return;
    }
    c->argv = *std::move(words);
    c->display = s->get();
  }

  void ReadArgv(const toml::node& node, TestCase* c) {
    const auto* array = node.as_array();
    if (array == nullptr) {
      Error(node.source().begin, "`argv` must be a list of strings");
      return;
    }
    if (array->empty()) {
      Error(node.source().begin, "`argv` must not be empty");
      return;
    }
    c->display = "[";
    for (const auto& item : *array) {
      const auto* s = item.as_string();
      if (s == nullptr) {
        Error(item.source().begin, "`argv` must be a list of strings");
        return;
      }
      if (c->display.size() > 1) c->display += ", ";
      c->display += "\"" + s->get() + "\"";
      c->argv.push_back(s->get());
    }
    c->display += "]";
  }

  const lang::Source& source_;
  CaseFileResult result_;
};

}  // namespace

std::string DefaultRulesFor(std::string_view path) {
  if (path.size() <= kCaseFileSuffix.size() ||
      path.substr(path.size() - kCaseFileSuffix.size()) != kCaseFileSuffix) {
    return "";
  }
  return std::string(path.substr(0, path.size() - kCaseFileSuffix.size())) +
         ".rules";
}

CaseFileResult ParseCaseFile(const lang::Source& source) {
  return Reader(source).Run();
}

CaseFileResult ReadCaseFile(const std::string& path) {
  std::string text, error;
  if (!lang::ReadFile(path, &text, &error)) {
    CaseFileResult result;
    result.file.path = path;
    lang::Diagnostic d;
    d.file = path;
    d.message = "cannot read " + path + ": " + error;
    result.errors.push_back(std::move(d));
    return result;
  }
  lang::Source source(path, std::move(text));
  return ParseCaseFile(source);
}

}  // namespace warden::engine
