#include "fuzz/syntax_equal.h"

#include <cstring>
#include <string_view>

namespace warden::fuzz {
namespace {

using namespace warden::lang;

// Walks two trees in lockstep. Every Fail() records the first difference
// only, so the message points at the outermost node that differs.
class Comparer {
 public:
  explicit Comparer(std::string* where) : where_(where) {}

  bool Stmts(const ArenaSpan<Stmt*>& a, const ArenaSpan<Stmt*>& b) {
    if (a.size != b.size) return Fail("statement count");
    for (uint32_t i = 0; i < a.size; ++i) {
      if (!Statement(a[i], b[i])) return false;
    }
    return true;
  }

 private:
  bool Fail(std::string_view what) {
    if (where_ != nullptr && where_->empty()) *where_ = std::string(what);
    return false;
  }

  bool Str(std::string_view a, std::string_view b, std::string_view what) {
    return a == b || Fail(what);
  }

  bool Statement(const Stmt* a, const Stmt* b) {
    if (a->kind != b->kind) return Fail("statement kind");
    switch (a->kind) {
      case StmtKind::kExpr:
        return E(static_cast<const ExprStmt*>(a)->x,
                 static_cast<const ExprStmt*>(b)->x);
      case StmtKind::kAssign: {
        auto* x = static_cast<const AssignStmt*>(a);
        auto* y = static_cast<const AssignStmt*>(b);
        if (x->op != y->op) return Fail("assignment operator");
        return E(x->lhs, y->lhs) && E(x->rhs, y->rhs);
      }
      case StmtKind::kDef: {
        auto* x = static_cast<const DefStmt*>(a);
        auto* y = static_cast<const DefStmt*>(b);
        return E(x->name, y->name) && Fn(x->fn, y->fn);
      }
      case StmtKind::kIf: {
        auto* x = static_cast<const IfStmt*>(a);
        auto* y = static_cast<const IfStmt*>(b);
        return E(x->cond, y->cond) && Stmts(x->then_body, y->then_body) &&
               Stmts(x->else_body, y->else_body);
      }
      case StmtKind::kFor: {
        auto* x = static_cast<const ForStmt*>(a);
        auto* y = static_cast<const ForStmt*>(b);
        return E(x->vars, y->vars) && E(x->iter, y->iter) &&
               Stmts(x->body, y->body);
      }
      case StmtKind::kWhile: {
        auto* x = static_cast<const WhileStmt*>(a);
        auto* y = static_cast<const WhileStmt*>(b);
        return E(x->cond, y->cond) && Stmts(x->body, y->body);
      }
      case StmtKind::kReturn:
        return E(static_cast<const ReturnStmt*>(a)->result,
                 static_cast<const ReturnStmt*>(b)->result);
      case StmtKind::kBreak:
      case StmtKind::kContinue:
      case StmtKind::kPass:
        return true;
      case StmtKind::kLoad: {
        auto* x = static_cast<const LoadStmt*>(a);
        auto* y = static_cast<const LoadStmt*>(b);
        if (!E(x->module, y->module)) return false;
        if (x->to.size != y->to.size || x->from.size != y->from.size) {
          return Fail("load bindings");
        }
        for (uint32_t i = 0; i < x->to.size; ++i) {
          if (!E(x->to[i], y->to[i])) return false;
        }
        for (uint32_t i = 0; i < x->from.size; ++i) {
          if (!Str(x->from[i], y->from[i], "load name")) return false;
        }
        return true;
      }
    }
    return Fail("unknown statement kind");
  }

  bool Fn(const Function* a, const Function* b) {
    if (a->params.size != b->params.size) return Fail("parameter count");
    for (uint32_t i = 0; i < a->params.size; ++i) {
      const Param& p = a->params[i];
      const Param& q = b->params[i];
      if (p.kind != q.kind) return Fail("parameter kind");
      if (!E(p.name, q.name) || !E(p.default_value, q.default_value)) {
        return false;
      }
    }
    if ((a->lambda_body == nullptr) != (b->lambda_body == nullptr)) {
      return Fail("lambda body");
    }
    if (a->lambda_body != nullptr) return E(a->lambda_body, b->lambda_body);
    return Stmts(a->body, b->body);
  }

  bool E(const Expr* a, const Expr* b) {
    if (a == nullptr || b == nullptr) {
      return (a == nullptr && b == nullptr) || Fail("missing expression");
    }
    if (a->kind != b->kind) return Fail("expression kind");
    switch (a->kind) {
      case ExprKind::kIdent:
        return Str(static_cast<const Ident*>(a)->name,
                   static_cast<const Ident*>(b)->name, "identifier");
      case ExprKind::kInt: {
        auto* x = static_cast<const IntLit*>(a);
        auto* y = static_cast<const IntLit*>(b);
        if (x->small != y->small) return Fail("int size");
        if (x->small) return x->value == y->value || Fail("int value");
        return Str(x->text, y->text, "big int text");
      }
      case ExprKind::kFloat: {
        double x = static_cast<const FloatLit*>(a)->value;
        double y = static_cast<const FloatLit*>(b)->value;
        return std::memcmp(&x, &y, sizeof x) == 0 || Fail("float value");
      }
      case ExprKind::kString:
        return Str(static_cast<const StringLit*>(a)->value,
                   static_cast<const StringLit*>(b)->value, "string value");
      case ExprKind::kFString: {
        auto* x = static_cast<const FStringLit*>(a);
        auto* y = static_cast<const FStringLit*>(b);
        if (x->parts.size != y->parts.size) return Fail("f-string parts");
        for (uint32_t i = 0; i < x->parts.size; ++i) {
          const FStringPart& p = x->parts[i];
          const FStringPart& q = y->parts[i];
          if ((p.expr == nullptr) != (q.expr == nullptr)) {
            return Fail("f-string part kind");
          }
          if (p.expr != nullptr) {
            if (!E(p.expr, q.expr)) return false;
          } else if (!Str(p.text, q.text, "f-string text")) {
            return false;
          }
        }
        return true;
      }
      case ExprKind::kList:
      case ExprKind::kTuple: {
        auto* x = static_cast<const ListExpr*>(a);
        auto* y = static_cast<const ListExpr*>(b);
        if (x->elems.size != y->elems.size) return Fail("element count");
        for (uint32_t i = 0; i < x->elems.size; ++i) {
          if (!E(x->elems[i], y->elems[i])) return false;
        }
        return true;
      }
      case ExprKind::kDict: {
        auto* x = static_cast<const DictExpr*>(a);
        auto* y = static_cast<const DictExpr*>(b);
        if (x->entries.size != y->entries.size) return Fail("dict entries");
        for (uint32_t i = 0; i < x->entries.size; ++i) {
          if (!E(x->entries[i].key, y->entries[i].key) ||
              !E(x->entries[i].value, y->entries[i].value)) {
            return false;
          }
        }
        return true;
      }
      case ExprKind::kComprehension: {
        auto* x = static_cast<const Comprehension*>(a);
        auto* y = static_cast<const Comprehension*>(b);
        if (x->is_dict != y->is_dict) return Fail("comprehension kind");
        if (!E(x->body, y->body) || !E(x->value, y->value)) return false;
        if (x->clauses.size != y->clauses.size) return Fail("clause count");
        for (uint32_t i = 0; i < x->clauses.size; ++i) {
          const CompClause& p = x->clauses[i];
          const CompClause& q = y->clauses[i];
          if (p.is_for != q.is_for) return Fail("clause kind");
          if (!E(p.vars, q.vars) || !E(p.iter, q.iter)) return false;
        }
        return true;
      }
      case ExprKind::kUnary: {
        auto* x = static_cast<const UnaryExpr*>(a);
        auto* y = static_cast<const UnaryExpr*>(b);
        if (x->op != y->op) return Fail("unary operator");
        return E(x->x, y->x);
      }
      case ExprKind::kBinary: {
        auto* x = static_cast<const BinaryExpr*>(a);
        auto* y = static_cast<const BinaryExpr*>(b);
        if (x->op != y->op) return Fail("binary operator");
        return E(x->x, y->x) && E(x->y, y->y);
      }
      case ExprKind::kCond: {
        auto* x = static_cast<const CondExpr*>(a);
        auto* y = static_cast<const CondExpr*>(b);
        return E(x->cond, y->cond) && E(x->then_expr, y->then_expr) &&
               E(x->else_expr, y->else_expr);
      }
      case ExprKind::kCall: {
        auto* x = static_cast<const CallExpr*>(a);
        auto* y = static_cast<const CallExpr*>(b);
        if (!E(x->fn, y->fn)) return false;
        if (x->args.size != y->args.size) return Fail("argument count");
        for (uint32_t i = 0; i < x->args.size; ++i) {
          const Argument& p = x->args[i];
          const Argument& q = y->args[i];
          if (p.kind != q.kind) return Fail("argument kind");
          if (!E(p.name, q.name) || !E(p.value, q.value)) return false;
        }
        return true;
      }
      case ExprKind::kIndex: {
        auto* x = static_cast<const IndexExpr*>(a);
        auto* y = static_cast<const IndexExpr*>(b);
        return E(x->x, y->x) && E(x->index, y->index);
      }
      case ExprKind::kSlice: {
        auto* x = static_cast<const SliceExpr*>(a);
        auto* y = static_cast<const SliceExpr*>(b);
        return E(x->x, y->x) && E(x->lo, y->lo) && E(x->hi, y->hi) &&
               E(x->step, y->step);
      }
      case ExprKind::kDot: {
        auto* x = static_cast<const DotExpr*>(a);
        auto* y = static_cast<const DotExpr*>(b);
        return E(x->x, y->x) && Str(x->name, y->name, "attribute name");
      }
      case ExprKind::kLambda:
        return Fn(static_cast<const LambdaExpr*>(a)->fn,
                  static_cast<const LambdaExpr*>(b)->fn);
    }
    return Fail("unknown expression kind");
  }

  std::string* where_;
};

}  // namespace

bool SyntaxEqual(const lang::File& a, const lang::File& b, std::string* where) {
  if (where != nullptr) where->clear();
  return Comparer(where).Stmts(a.stmts, b.stmts);
}

}  // namespace warden::fuzz
