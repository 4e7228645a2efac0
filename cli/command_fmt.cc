// `warden fmt`: the canonical layout of .rules files (lang/source_formatter.h).
//
//   warden fmt [--check] [--diff] [-w] [--format text|json] [--color WHEN]
//              PATHS...
//
// Without flags the formatted text is printed. --check names the files that
// would change and exits 1 if there are any; --diff prints a unified diff;
// -w rewrites the files in place. `-` reads standard input. A file that does
// not parse is reported on stderr and left alone (exit 2). --format json
// prints one object instead (see kJsonHelp), errors included; exit codes are
// the same.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/diagnostic_render.h"
#include "cli/terminal.h"
#include "cli/unified_diff.h"
#include "engine/json_output.h"
#include "engine/lint/lint.h"
#include "lang/read_file.h"
#include "lang/source_formatter.h"

namespace warden::cli {
namespace {

namespace fs = std::filesystem;

struct FmtFlags {
  bool check = false;
  bool diff = false;
  bool write = false;
  std::string format = "text";
  ColorMode color = ColorMode::kAuto;
  std::vector<std::string> paths;
};

// `-` is standard input (read as a stream: it may be a terminal or a pipe);
// anything else a file path. On failure `*error` is the reason.
bool ReadInput(const std::string& path, std::string* text, std::string* error) {
  if (path == "-") {
    *text = std::string(std::istreambuf_iterator<char>(std::cin),
                        std::istreambuf_iterator<char>());
    if (std::cin.bad()) {
      *error = "read error";
      return false;
    }
    return true;
  }
  return lang::ReadFile(path, text, error);
}

// Replaces `path` atomically (write a sibling, rename over), keeping its
// permission bits.
bool WriteInPlace(const std::string& path, const std::string& text) {
  std::string tmp = path + ".warden-fmt.tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return false;
    out << text;
    if (!out.flush()) return false;
  }
  std::error_code ec;
  fs::permissions(tmp, fs::status(path, ec).permissions(), ec);
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return false;
  }
  return true;
}

constexpr char kJsonHelp[] =
    R"(JSON (--format json): one object, keys in this order:
  {"mode": "print" | "check" | "diff" | "write",
   "files": [{"file", "status", "diagnostic", "output" | "diff"}],
   "summary": {"files", "formatted", "wouldChange", "rewritten", "failed"}}
"status" is formatted (already canonical), would_change (formatting changes
it), rewritten (-w changed it) or failed (not read, parsed or written);
"diagnostic" is null or {"line", "column", "message", "sourceLine"}.
"output" (the formatted text) is there in print mode and for - with -w;
"diff" in diff mode for files that would change. Nothing goes to stderr;
exit codes are the same as for text.)";

using Json = nlohmann::ordered_json;

Json DiagnosticJson(const lang::Diagnostic& d) {
  Json out = Json::object();
  out["line"] = d.pos.line;
  out["column"] = d.pos.col;
  out["message"] = d.message;
  out["sourceLine"] = d.source_line;
  return out;
}

std::string ModeName(const FmtFlags& flags) {
  if (flags.write) return "write";
  if (flags.diff) return "diff";
  if (flags.check) return "check";
  return "print";
}

int RunFmt(const FmtFlags& flags) {
  std::vector<std::string> files;
  for (const std::string& p : flags.paths) {
    if (p == "-") {
      files.push_back(p);
    } else {
      for (auto& f : engine::ExpandRulesPaths({p})) files.push_back(f);
    }
  }
  Style err_style(ShouldUseColor(flags.color, stderr));
  Style style(ShouldUseColor(flags.color, stdout));
  const bool json = flags.format == "json";
  Json json_files = Json::array();
  // Outcomes, as indexes into kStatus and `counts`.
  enum Status { kFormatted, kWouldChange, kRewritten, kFailed };
  static constexpr const char* kStatus[] = {"formatted", "would_change",
                                            "rewritten", "failed"};
  int counts[4] = {0, 0, 0, 0};
  // Records one file's outcome for JSON; `extra` is "output"/"diff" or "".
  auto record = [&](const std::string& name, Status status,
                    const lang::Diagnostic* diagnostic,
                    const std::string& extra, const std::string& text) {
    ++counts[status];
    if (!json) return;
    Json item = Json::object();
    item["file"] = name;
    item["status"] = kStatus[status];
    item["diagnostic"] =
        diagnostic != nullptr ? DiagnosticJson(*diagnostic) : Json(nullptr);
    if (!extra.empty()) item[extra] = text;
    json_files.push_back(std::move(item));
  };
  auto plain_error = [](const std::string& message) {
    lang::Diagnostic d;
    d.message = message;
    return d;
  };
  bool failed = false, changed_any = false;
  for (const std::string& path : files) {
    std::string name = path == "-" ? "<stdin>" : path;
    std::string text, read_error;
    if (!ReadInput(path, &text, &read_error)) {
      std::string message = "cannot read " + path + ": " + read_error;
      if (!json) std::fprintf(stderr, "warden fmt: %s\n", message.c_str());
      lang::Diagnostic d = plain_error(message);
      record(name, kFailed, &d, "", "");
      failed = true;
      continue;
    }
    lang::Source source(name, text);
    std::string formatted;
    lang::Diagnostic error;
    if (!lang::FormatSource(source, lang::FormatOptions{}, &formatted,
                            &error)) {
      if (!json) {
        std::string message = RenderDiagnosticText(error, "", "", err_style);
        std::fwrite(message.data(), 1, message.size(), stderr);
      }
      record(name, kFailed, &error, "", "");
      failed = true;
      continue;
    }
    bool changed = formatted != text;
    changed_any = changed_any || changed;
    Status unchanged_or = changed ? kWouldChange : kFormatted;
    if (flags.write) {
      if (changed && path != "-" && !WriteInPlace(path, formatted)) {
        std::string message = "cannot write " + path;
        if (!json) std::fprintf(stderr, "warden fmt: %s\n", message.c_str());
        lang::Diagnostic d = plain_error(message);
        record(name, kFailed, &d, "", "");
        failed = true;
      } else if (path == "-") {
        if (!json) std::fwrite(formatted.data(), 1, formatted.size(), stdout);
        record(name, unchanged_or, nullptr, "output", formatted);
      } else {
        record(name, changed ? kRewritten : kFormatted, nullptr, "", "");
      }
      continue;
    }
    if (flags.diff) {
      if (changed) {
        // JSON carries the diff without colour codes.
        std::string diff = UnifiedDiff(name, name + " (formatted)", text,
                                       formatted, json ? Style(false) : style);
        if (!json) std::fwrite(diff.data(), 1, diff.size(), stdout);
        record(name, kWouldChange, nullptr, "diff", diff);
      } else {
        record(name, kFormatted, nullptr, "", "");
      }
      continue;
    }
    if (flags.check) {
      if (changed && !json) std::printf("%s\n", name.c_str());
      record(name, unchanged_or, nullptr, "", "");
      continue;
    }
    if (!json) std::fwrite(formatted.data(), 1, formatted.size(), stdout);
    record(name, unchanged_or, nullptr, "output", formatted);
  }
  if (json) {
    Json root = Json::object();
    root["mode"] = ModeName(flags);
    root["files"] = std::move(json_files);
    Json summary = Json::object();
    summary["files"] = static_cast<int>(files.size());
    summary["formatted"] = counts[kFormatted];
    summary["wouldChange"] = counts[kWouldChange];
    summary["rewritten"] = counts[kRewritten];
    summary["failed"] = counts[kFailed];
    root["summary"] = std::move(summary);
    std::string out = engine::DumpJson(root, /*pretty=*/true) + "\n";
    std::fwrite(out.data(), 1, out.size(), stdout);
  }
  if (failed) return kExitUsage;
  if (flags.check && changed_any) return kExitCheckFailed;
  return kExitOk;
}

const bool registered = RegisterCommand({
    .name = "fmt",
    .order = 60,
    .attach =
        [](CLI::App& root, int* exit_code) {
          auto flags = std::make_shared<FmtFlags>();
          auto* sub =
              root.add_subcommand("fmt", "Format .rules files canonically");
          auto* check = sub->add_flag(
              "--check", flags->check,
              "Print the files that would change; exit 1 if there are any");
          auto* diff = sub->add_flag("--diff", flags->diff,
                                     "Print what would change as a diff");
          auto* write = sub->add_flag("-w,--write", flags->write,
                                      "Rewrite the files in place");
          write->excludes(check)->excludes(diff);
          sub->add_option("--format", flags->format,
                          "Output format: text (default) or json")
              ->type_name("FORMAT")
              ->check(CLI::IsMember({"text", "json"}));
          AddColorOption(sub, &flags->color);
          sub->add_option("paths", flags->paths,
                          ".rules files, directories of them, or - for "
                          "standard input")
              ->required()
              ->type_name("PATH");
          sub->footer(
              "Layout: 4-space indents; a call, list or dict stays on one "
              "line when it fits in\n100 columns and holds no comment, "
              "otherwise one element per line with a\ntrailing comma; "
              "keyword arguments as `name = value`; double quotes; comments\n"
              "stay where they were. Formatting never changes what a file "
              "means (the result is\nchecked to parse to the same syntax "
              "tree) and is idempotent. Files that do not\nparse are "
              "reported and left alone (exit 2).\n\n" +
              std::string(kJsonHelp) +
              "\n\nExamples:\n"
              "  warden fmt git.rules            # print the formatted file\n"
              "  warden fmt --check rules/       # CI: exit 1 if a file "
              "needs formatting\n"
              "  warden fmt --diff rules/\n"
              "  warden fmt --check --format json rules/   # for tools\n"
              "  warden fmt -w rules/");
          sub->callback([flags, exit_code] { *exit_code = RunFmt(*flags); });
        },
});

}  // namespace
}  // namespace warden::cli
