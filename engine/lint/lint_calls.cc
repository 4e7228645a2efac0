#include "engine/lint/lint_calls.h"

#include <absl/container/flat_hash_map.h>

#include <algorithm>
#include <memory>
#include <string_view>
#include <utility>

#include "engine/shell/shell_words.h"
#include "lang/ast.h"
#include "lang/parser.h"
#include "lang/scanner.h"

namespace warden::engine {
namespace {

using lang::Expr;
using lang::ExprKind;
using lang::Stmt;
using lang::StmtKind;

// The .rules dialect's syntax options (SPEC A1), as the loader uses them.
lang::ParseOptions RulesParseOptions() {
  lang::ParseOptions options;
  options.fstrings = true;
  options.annotations = true;
  options.floats = false;  // as the loader (SPEC A1)
  return options;
}

class CallFinder {
 public:
  CallFinder(const lang::Source& source,
             const absl::flat_hash_map<uint32_t, uint32_t>& closing)
      : source_(source), closing_(closing) {}

  std::vector<RuleCallSite> calls;

  void Stmts(const lang::ArenaSpan<Stmt*>& stmts) {
    for (const Stmt* s : stmts) Statement(s);
  }

 private:
  void Statement(const Stmt* s) {
    switch (s->kind) {
      case StmtKind::kExpr:
        E(static_cast<const lang::ExprStmt*>(s)->x);
        break;
      case StmtKind::kAssign: {
        auto* a = static_cast<const lang::AssignStmt*>(s);
        E(a->lhs);
        E(a->rhs);
        break;
      }
      case StmtKind::kDef:
        Fn(static_cast<const lang::DefStmt*>(s)->fn);
        break;
      case StmtKind::kIf: {
        auto* i = static_cast<const lang::IfStmt*>(s);
        E(i->cond);
        Stmts(i->then_body);
        Stmts(i->else_body);
        break;
      }
      case StmtKind::kFor: {
        auto* f = static_cast<const lang::ForStmt*>(s);
        E(f->vars);
        E(f->iter);
        Stmts(f->body);
        break;
      }
      case StmtKind::kWhile: {
        auto* w = static_cast<const lang::WhileStmt*>(s);
        E(w->cond);
        Stmts(w->body);
        break;
      }
      case StmtKind::kReturn:
        E(static_cast<const lang::ReturnStmt*>(s)->result);
        break;
      default:
        break;
    }
  }

  void Fn(const lang::Function* fn) {
    for (const lang::Param& p : fn->params) E(p.default_value);
    if (fn->lambda_body != nullptr) {
      E(fn->lambda_body);
    } else {
      Stmts(fn->body);
    }
  }

  void E(const Expr* e) {
    if (e == nullptr) return;
    switch (e->kind) {
      case ExprKind::kFString:
        for (const auto& p : static_cast<const lang::FStringLit*>(e)->parts) {
          E(p.expr);
        }
        break;
      case ExprKind::kList:
      case ExprKind::kTuple:
        for (const Expr* x : static_cast<const lang::ListExpr*>(e)->elems) {
          E(x);
        }
        break;
      case ExprKind::kDict:
        for (const auto& d : static_cast<const lang::DictExpr*>(e)->entries) {
          E(d.key);
          E(d.value);
        }
        break;
      case ExprKind::kComprehension: {
        auto* c = static_cast<const lang::Comprehension*>(e);
        E(c->body);
        E(c->value);
        for (const auto& cl : c->clauses) {
          E(cl.vars);
          E(cl.iter);
        }
        break;
      }
      case ExprKind::kUnary:
        E(static_cast<const lang::UnaryExpr*>(e)->x);
        break;
      case ExprKind::kBinary: {
        auto* b = static_cast<const lang::BinaryExpr*>(e);
        E(b->x);
        E(b->y);
        break;
      }
      case ExprKind::kCond: {
        auto* c = static_cast<const lang::CondExpr*>(e);
        E(c->cond);
        E(c->then_expr);
        E(c->else_expr);
        break;
      }
      case ExprKind::kCall: {
        auto* c = static_cast<const lang::CallExpr*>(e);
        Call(c);
        E(c->fn);
        for (const auto& a : c->args) E(a.value);
        break;
      }
      case ExprKind::kIndex: {
        auto* i = static_cast<const lang::IndexExpr*>(e);
        E(i->x);
        E(i->index);
        break;
      }
      case ExprKind::kSlice: {
        auto* s = static_cast<const lang::SliceExpr*>(e);
        E(s->x);
        E(s->lo);
        E(s->hi);
        E(s->step);
        break;
      }
      case ExprKind::kDot:
        E(static_cast<const lang::DotExpr*>(e)->x);
        break;
      case ExprKind::kLambda:
        Fn(static_cast<const lang::LambdaExpr*>(e)->fn);
        break;
      default:
        break;
    }
  }

  static bool IsNone(const Expr* e) {
    return e->kind == ExprKind::kIdent &&
           static_cast<const lang::Ident*>(e)->name == "None";
  }

  // A list literal of string literals or lists of string literals.
  std::optional<LiteralExamples> Literal(const Expr* e) const {
    if (e->kind != ExprKind::kList) return std::nullopt;
    auto it = closing_.find(e->pos);
    if (it == closing_.end()) return std::nullopt;
    LiteralExamples out;
    out.begin = e->pos;
    out.end = it->second;
    for (const Expr* x : static_cast<const lang::ListExpr*>(e)->elems) {
      LiteralExample example;
      example.offset = x->pos;
      if (x->kind == ExprKind::kString) {
        auto words =
            SplitExampleString(static_cast<const lang::StringLit*>(x)->value);
        if (words.ok()) {
          example.argv = *std::move(words);
        } else {
          example.error = std::string(words.status().message());
        }
      } else if (x->kind == ExprKind::kList) {
        for (const Expr* w : static_cast<const lang::ListExpr*>(x)->elems) {
          if (w->kind != ExprKind::kString) return std::nullopt;
          example.argv.emplace_back(
              static_cast<const lang::StringLit*>(w)->value);
        }
        if (example.argv.empty()) {
          example.error = "invalid example: example cannot be an empty list";
        }
      } else {
        return std::nullopt;
      }
      out.examples.push_back(std::move(example));
    }
    return out;
  }

  void Call(const lang::CallExpr* c) {
    if (c->fn->kind != ExprKind::kIdent ||
        static_cast<const lang::Ident*>(c->fn)->name != "prefix_rule") {
      return;
    }
    RuleCallSite site;
    site.offset = c->pos;
    site.pos = source_.PositionOf(c->pos);
    site.name_offset = c->fn->pos;
    int positional = 0;
    for (const auto& a : c->args) {
      std::string_view name;
      if (a.kind == lang::ArgKind::kPositional) {
        static constexpr std::string_view kOrder[] = {
            "pattern", "decision", "match", "not_match", "justification"};
        if (positional < 5) name = kOrder[positional];
        ++positional;
      } else if (a.kind == lang::ArgKind::kNamed) {
        name = a.name->name;
      } else {
        // *args / **kwargs: anything may be passed; assume it is explicit.
        site.has_decision = true;
        continue;
      }
      if (name == "decision") {
        site.has_decision = !IsNone(a.value);
      } else if (name == "match") {
        site.match_given = !IsNone(a.value);
        if (site.match_given) site.match = Literal(a.value);
      } else if (name == "not_match") {
        site.not_match_given = !IsNone(a.value);
        if (site.not_match_given) site.not_match = Literal(a.value);
      } else if (name == "pattern" && a.value->kind == ExprKind::kList) {
        for (const Expr* x :
             static_cast<const lang::ListExpr*>(a.value)->elems) {
          std::vector<const Expr*> strings;
          if (x->kind == ExprKind::kString) strings.push_back(x);
          if (x->kind == ExprKind::kList) {
            for (const Expr* y : static_cast<const lang::ListExpr*>(x)->elems) {
              if (y->kind == ExprKind::kString) strings.push_back(y);
            }
          }
          for (const Expr* s : strings) {
            site.pattern_strings.emplace_back(
                s->pos,
                std::string(static_cast<const lang::StringLit*>(s)->value));
          }
        }
      }
    }
    calls.push_back(std::move(site));
  }

  const lang::Source& source_;
  const absl::flat_hash_map<uint32_t, uint32_t>& closing_;
};

}  // namespace

bool MadeBy(const PrefixRule& rule, const RuleCallSite& site,
            const lang::Source& source) {
  if (rule.source.file != source.name()) return false;
  lang::Position name = source.PositionOf(site.name_offset);
  return (site.pos.line == rule.source.line &&
          site.pos.col == rule.source.col) ||
         (name.line == rule.source.line && name.col == rule.source.col);
}

RuleCallScan ScanRuleCalls(const lang::Source& source) {
  RuleCallScan result;
  lang::Diagnostic error;
  std::unique_ptr<lang::File> file =
      lang::Parse(source, RulesParseOptions(), &error);
  if (file == nullptr) {
    result.syntax_error = std::move(error);
    return result;
  }
  // '[' offset -> offset just past its ']' (the parser accepted the file, so
  // brackets balance).
  absl::flat_hash_map<uint32_t, uint32_t> closing;
  lang::ScanOptions scan;
  scan.fstrings = true;
  lang::Scanner scanner(source, scan);
  std::vector<uint32_t> open;
  for (;;) {
    lang::Token t = scanner.Next();
    if (t.kind == lang::Tok::kEOF || t.kind == lang::Tok::kIllegal) break;
    if (t.kind == lang::Tok::kLBrack || t.kind == lang::Tok::kLParen ||
        t.kind == lang::Tok::kLBrace) {
      open.push_back(t.pos);
    } else if (t.kind == lang::Tok::kRBrack || t.kind == lang::Tok::kRParen ||
               t.kind == lang::Tok::kRBrace) {
      if (open.empty()) break;
      closing[open.back()] = t.end;
      open.pop_back();
    }
  }
  CallFinder finder(source, closing);
  finder.Stmts(file->stmts);
  result.calls = std::move(finder.calls);
  std::sort(result.calls.begin(), result.calls.end(),
            [](const RuleCallSite& a, const RuleCallSite& b) {
              return a.offset < b.offset;
            });
  return result;
}

std::string BlankLiteralExamples(const lang::Source& source,
                                 const std::vector<RuleCallSite>& calls) {
  std::string text(source.text());
  auto blank = [&](const std::optional<LiteralExamples>& list) {
    if (!list || list->end <= list->begin + 3 || list->end > text.size()) {
      return;  // "[]" is too short for "None"; an empty list checks nothing
    }
    // "None" goes at the first stretch of 4 bytes without a newline, so
    // every line keeps its number; blanks inside brackets are harmless.
    uint32_t at = list->begin;
    while (at + 4 <= list->end && std::string_view(text).substr(at, 4).find(
                                      '\n') != std::string_view::npos) {
      ++at;
    }
    if (at + 4 > list->end) return;
    for (uint32_t i = list->begin; i < list->end; ++i) {
      if (text[i] != '\n') text[i] = ' ';
    }
    text.replace(at, 4, "None");
  };
  for (const RuleCallSite& call : calls) {
    blank(call.match);
    blank(call.not_match);
  }
  return text;
}

}  // namespace warden::engine
