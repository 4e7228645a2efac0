#include "lang/eval.h"

#include <absl/container/inlined_vector.h>
#include <absl/strings/cord.h>
#include <absl/strings/str_cat.h>
#include <absl/strings/str_split.h>

#include <string>
#include <utility>
#include <vector>

#include "lang/dict.h"
#include "lang/int.h"
#include "lang/ops.h"

namespace warden::lang {
namespace {

constexpr char kBacktraceUrl[] = "warden.dev/starlark-backtrace";
constexpr char kContextKey[] = "warden.eval.context";

enum class Flow { kNormal, kBreak, kContinue, kReturn, kError };

BinaryOp ToBinaryOp(Tok t) {
  switch (t) {
    case Tok::kPlus:
    case Tok::kPlusEq:
      return BinaryOp::kAdd;
    case Tok::kMinus:
    case Tok::kMinusEq:
      return BinaryOp::kSub;
    case Tok::kStar:
    case Tok::kStarEq:
      return BinaryOp::kMul;
    case Tok::kSlash:
    case Tok::kSlashEq:
      return BinaryOp::kDiv;
    case Tok::kSlashSlash:
    case Tok::kSlashSlashEq:
      return BinaryOp::kFloorDiv;
    case Tok::kPercent:
    case Tok::kPercentEq:
      return BinaryOp::kMod;
    case Tok::kPipe:
    case Tok::kPipeEq:
      return BinaryOp::kBitOr;
    case Tok::kCaret:
    case Tok::kCaretEq:
      return BinaryOp::kBitXor;
    case Tok::kAmp:
    case Tok::kAmpEq:
      return BinaryOp::kBitAnd;
    case Tok::kLtLt:
    case Tok::kLtLtEq:
      return BinaryOp::kShl;
    case Tok::kGtGt:
    case Tok::kGtGtEq:
      return BinaryOp::kShr;
    case Tok::kIn:
      return BinaryOp::kIn;
    case Tok::kNotIn:
      return BinaryOp::kNotIn;
    case Tok::kEqEq:
      return BinaryOp::kEq;
    case Tok::kNe:
      return BinaryOp::kNe;
    case Tok::kLt:
      return BinaryOp::kLt;
    case Tok::kLe:
      return BinaryOp::kLe;
    case Tok::kGt:
      return BinaryOp::kGt;
    default:
      return BinaryOp::kGe;
  }
}

// Small-int arithmetic beyond ops.h's TryFastBinary (multiplication and
// floored division/modulo). False: use the general path.
inline bool FastArith(BinaryOp op, const Value& x, const Value& y, Value* out) {
  if (TryFastBinary(op, x, y, out)) return true;
  if (!(x.IsSmallInt() && y.IsSmallInt())) return false;
  int64_t a = x.AsSmallInt(), b = y.AsSmallInt(), r;
  switch (op) {
    case BinaryOp::kMul:
      if (__builtin_mul_overflow(a, b, &r) || !Value::FitsSmallInt(r)) {
        return false;
      }
      break;
    case BinaryOp::kFloorDiv:
      if (b == 0) return false;
      r = a / b;
      if ((a % b != 0) && ((a < 0) != (b < 0))) --r;
      break;
    case BinaryOp::kMod:
      if (b == 0) return false;
      r = a % b;
      if (r != 0 && ((r < 0) != (b < 0))) r += b;
      break;
    default:
      return false;
  }
  if (!Value::FitsSmallInt(r)) return false;
  *out = Value::SmallInt(r);
  return true;
}

EvalContext* GetContext(Thread& thread) {
  return static_cast<EvalContext*>(thread.Local(kContextKey));
}

class Evaluator {
 public:
  Evaluator(Thread& thread, EvalContext* ctx, ModuleObject* module,
            Value* locals, const Value* freevars, size_t frame_index)
      : thread_(thread),
        heap_(thread.heap()),
        ctx_(ctx),
        module_(module),
        locals_(locals),
        freevars_(freevars),
        frame_index_(frame_index) {}

  Flow Exec(ArenaSpan<Stmt*> stmts);
  bool Eval(const Expr* e, Value* out);

  Value result_;
  absl::Status error_;
  const LoadHook* load_ = nullptr;

 private:
  bool Fail(uint32_t pos, absl::Status status) {
    SetPos(pos);
    error_ = AttachBacktrace(thread_, std::move(status));
    return false;
  }
  void SetPos(uint32_t pos) { thread_.frames()[frame_index_].offset = pos; }

  Flow ExecStmt(const Stmt* s);
  Flow ExecFor(const ForStmt* f);
  Flow ExecLoad(const LoadStmt* l);
  bool Assign(const Expr* lhs, Value v);
  bool AugAssign(const AssignStmt* a);
  bool GetVar(const Ident* id, Value* out);
  bool SetVar(const Ident* id, Value v);
  bool EvalBinary(const BinaryExpr* b, Value* out);
  bool EvalCall(const CallExpr* c, Value* out);
  bool EvalComprehension(const Comprehension* c, Value* out);
  bool CompClause(const Comprehension* c, uint32_t i, const Value& result);
  bool MakeFunction(const Function* code, Value* out);
  bool Constant(const Expr* e, Value* out);

  Thread& thread_;
  Heap& heap_;
  [[maybe_unused]] EvalContext* ctx_;  // kept for host hooks; not read yet
  ModuleObject* module_;
  Value* locals_;
  const Value* freevars_;
  size_t frame_index_;
};

bool Evaluator::GetVar(const Ident* id, Value* out) {
  const Binding* b = id->binding;
  switch (b->scope) {
    case Scope::kLocal: {
      const Value& v = locals_[b->index];
      if (v.IsAbsent()) break;
      *out = v;
      return true;
    }
    case Scope::kCell: {
      const Value& v = locals_[b->index].As<CellObject>()->value;
      if (v.IsAbsent()) break;
      *out = v;
      return true;
    }
    case Scope::kFree: {
      const Value& v = freevars_[b->index].As<CellObject>()->value;
      if (v.IsAbsent()) break;
      *out = v;
      return true;
    }
    case Scope::kGlobal: {
      const Value& v = module_->globals()[b->index];
      if (v.IsAbsent()) {
        return Fail(id->pos, Error("global variable ", std::string(id->name),
                                   " referenced before assignment"));
      }
      *out = v;
      return true;
    }
    case Scope::kPredeclared:
    case Scope::kUniversal: {
      const Value& v = module_->predeclared()[b->index];
      if (v.IsAbsent()) {
        return Fail(id->pos, Error("undefined: ", std::string(id->name)));
      }
      *out = v;
      return true;
    }
    case Scope::kUndefined:
      return Fail(id->pos, Error("undefined: ", std::string(id->name)));
  }
  return Fail(id->pos, Error("local variable ", std::string(id->name),
                             " referenced before assignment"));
}

bool Evaluator::SetVar(const Ident* id, Value v) {
  const Binding* b = id->binding;
  switch (b->scope) {
    case Scope::kLocal:
      locals_[b->index] = std::move(v);
      return true;
    case Scope::kCell:
      locals_[b->index].As<CellObject>()->value = std::move(v);
      return true;
    case Scope::kFree:
      freevars_[b->index].As<CellObject>()->value = std::move(v);
      return true;
    case Scope::kGlobal:
      module_->globals()[b->index] = std::move(v);
      return true;
    default:
      return Fail(id->pos, Error("cannot assign to ", std::string(id->name)));
  }
}

// A literal with a constant slot (code that may run again) is made once and
// reused; one without (top-level code, which runs once) is made each time.
bool Evaluator::Constant(const Expr* e, Value* out) {
  if (e->kind == ExprKind::kInt) {
    auto* lit = static_cast<const IntLit*>(e);
    if (lit->small && Value::FitsSmallInt(lit->value)) {
      *out = Value::SmallInt(lit->value);
      return true;
    }
    Value fresh = Value::Absent();
    Value& slot =
        lit->const_index >= 0 ? module_->constants()[lit->const_index] : fresh;
    if (slot.IsAbsent()) {
      auto v = lit->small ? absl::StatusOr<Value>(MakeInt(heap_, lit->value))
                          : ParseIntLiteral(heap_, lit->text);
      if (!v.ok()) return Fail(e->pos, v.status());
      slot = *std::move(v);
    }
    *out = slot;
    return true;
  }
  // Floats and strings: made by `make`, once per slot when there is one.
  auto literal = [&](int32_t const_index, auto make) {
    if (const_index < 0) {
      *out = make();
      return true;
    }
    Value& slot = module_->constants()[const_index];
    if (slot.IsAbsent()) slot = make();
    *out = slot;
    return true;
  };
  if (e->kind == ExprKind::kFloat) {
    auto* lit = static_cast<const FloatLit*>(e);
    return literal(lit->const_index,
                   [&] { return MakeFloat(heap_, lit->value); });
  }
  auto* lit = static_cast<const StringLit*>(e);
  return literal(lit->const_index,
                 [&] { return MakeString(heap_, lit->value); });
}

bool Evaluator::Eval(const Expr* e, Value* out) {
  switch (e->kind) {
    case ExprKind::kIdent:
      return GetVar(static_cast<const Ident*>(e), out);
    case ExprKind::kInt:
    case ExprKind::kFloat:
    case ExprKind::kString:
      return Constant(e, out);
    case ExprKind::kFString: {
      std::string s;
      Value v;
      for (const FStringPart& p : static_cast<const FStringLit*>(e)->parts) {
        if (p.expr == nullptr) {
          s.append(p.text);
        } else {
          if (!Eval(p.expr, &v)) return false;
          WriteStr(&s, v);
        }
      }
      *out = MakeString(heap_, std::move(s));
      return true;
    }
    case ExprKind::kList:
    case ExprKind::kTuple: {
      auto* l = static_cast<const ListExpr*>(e);
      std::vector<Value> elems(l->elems.size);
      for (uint32_t i = 0; i < l->elems.size; ++i) {
        if (!Eval(l->elems[i], &elems[i])) return false;
      }
      *out = e->kind == ExprKind::kList ? MakeList(heap_, std::move(elems))
                                        : MakeTuple(heap_, std::move(elems));
      return true;
    }
    case ExprKind::kDict: {
      Value dict = MakeDict(heap_);
      auto* d = dict.As<DictObject>();
      Value k, v;
      for (const DictEntry& entry : static_cast<const DictExpr*>(e)->entries) {
        if (!Eval(entry.key, &k) || !Eval(entry.value, &v)) return false;
        auto old = d->Get(k);
        if (!old.ok()) return Fail(entry.colon_pos, old.status());
        if (!old->IsAbsent()) {
          return Fail(entry.colon_pos, Error("duplicate key: ", Repr(k)));
        }
        if (auto st = d->Set(k, v); !st.ok()) return Fail(entry.colon_pos, st);
      }
      *out = std::move(dict);
      return true;
    }
    case ExprKind::kComprehension:
      return EvalComprehension(static_cast<const Comprehension*>(e), out);
    case ExprKind::kUnary: {
      auto* u = static_cast<const UnaryExpr*>(e);
      Value x;
      if (!Eval(u->x, &x)) return false;
      if (u->op == Tok::kNot) {
        *out = Value::Bool(!Truth(x));
        return true;
      }
      if (u->op == Tok::kMinus && x.IsSmallInt() &&
          Value::FitsSmallInt(-x.AsSmallInt())) {
        *out = Value::SmallInt(-x.AsSmallInt());
        return true;
      }
      UnaryOp op = u->op == Tok::kMinus  ? UnaryOp::kMinus
                   : u->op == Tok::kPlus ? UnaryOp::kPlus
                                         : UnaryOp::kInvert;
      auto r = Unary(thread_, op, x);
      if (!r.ok()) return Fail(u->pos, r.status());
      *out = *std::move(r);
      return true;
    }
    case ExprKind::kBinary:
      return EvalBinary(static_cast<const BinaryExpr*>(e), out);
    case ExprKind::kCond: {
      auto* c = static_cast<const CondExpr*>(e);
      Value cond;
      if (!Eval(c->cond, &cond)) return false;
      return Eval(Truth(cond) ? c->then_expr : c->else_expr, out);
    }
    case ExprKind::kCall:
      return EvalCall(static_cast<const CallExpr*>(e), out);
    case ExprKind::kIndex: {
      auto* ix = static_cast<const IndexExpr*>(e);
      Value x, i;
      if (!Eval(ix->x, &x) || !Eval(ix->index, &i)) return false;
      auto r = Index(thread_, x, i);
      if (!r.ok()) return Fail(ix->pos, r.status());
      *out = *std::move(r);
      return true;
    }
    case ExprKind::kSlice: {
      auto* s = static_cast<const SliceExpr*>(e);
      Value x, lo, hi, step;
      if (!Eval(s->x, &x)) return false;
      if (s->lo && !Eval(s->lo, &lo)) return false;
      if (s->hi && !Eval(s->hi, &hi)) return false;
      if (s->step && !Eval(s->step, &step)) return false;
      auto r = Slice(thread_, x, lo, hi, step);
      if (!r.ok()) return Fail(s->pos, r.status());
      *out = *std::move(r);
      return true;
    }
    case ExprKind::kDot: {
      auto* d = static_cast<const DotExpr*>(e);
      Value x;
      if (!Eval(d->x, &x)) return false;
      auto r = GetAttr(thread_, x, d->name);
      if (!r.ok()) return Fail(d->pos, r.status());
      *out = *std::move(r);
      return true;
    }
    case ExprKind::kLambda:
      return MakeFunction(static_cast<const LambdaExpr*>(e)->fn, out);
  }
  return Fail(e->pos, Error("internal error: unknown expression"));
}

bool Evaluator::EvalBinary(const BinaryExpr* b, Value* out) {
  Value x;
  if (!Eval(b->x, &x)) return false;
  if (b->op == Tok::kAnd) {
    if (!Truth(x)) {
      *out = std::move(x);
      return true;
    }
    return Eval(b->y, out);
  }
  if (b->op == Tok::kOr) {
    if (Truth(x)) {
      *out = std::move(x);
      return true;
    }
    return Eval(b->y, out);
  }
  Value y;
  if (!Eval(b->y, &y)) return false;
  BinaryOp op = ToBinaryOp(b->op);
  if (FastArith(op, x, y, out)) return true;
  auto r = Binary(thread_, op, x, y);
  if (!r.ok()) return Fail(b->pos, r.status());
  *out = *std::move(r);
  return true;
}

bool Evaluator::MakeFunction(const Function* code, Value* out) {
  std::vector<Value> defaults;
  if (!code->defaults.empty()) {
    defaults.resize(code->defaults.size, Value::Absent());
    for (uint32_t i = 0; i < code->defaults.size; ++i) {
      if (code->defaults[i] && !Eval(code->defaults[i], &defaults[i])) {
        return false;
      }
    }
  }
  std::vector<Value> free;
  free.reserve(code->freevars.size);
  for (const Binding* b : code->freevars) {
    // The captured variable is a cell of this frame or one of our own
    // captured cells.
    free.push_back(b->scope == Scope::kCell ? locals_[b->index]
                                            : freevars_[b->index]);
  }
  *out = heap_.NewValue<StarlarkFunction>(code, Value(module_),
                                          std::move(defaults), std::move(free));
  return true;
}

bool Evaluator::EvalCall(const CallExpr* c, Value* out) {
  Value fn, recv;
  const DotExpr* method = nullptr;
  if (c->fn->kind == ExprKind::kDot) {
    method = static_cast<const DotExpr*>(c->fn);
    if (!Eval(method->x, &recv)) return false;
    Kind k = recv.kind();
    if (k == Kind::kOther || k == Kind::kFunction || k == Kind::kBuiltin) {
      // Host objects answer attributes themselves.
      auto attr = GetAttr(thread_, recv, method->name);
      if (!attr.ok()) return Fail(method->pos, attr.status());
      fn = *std::move(attr);
      method = nullptr;
    }
  } else if (!Eval(c->fn, &fn)) {
    return false;
  }
  absl::InlinedVector<Value, 8> positional;
  absl::InlinedVector<NamedArg, 4> named;
  std::vector<Value> keep;  // keeps **kwargs keys alive (named holds views)
  for (const Argument& a : c->args) {
    switch (a.kind) {
      case ArgKind::kPositional: {
        positional.emplace_back();
        if (!Eval(a.value, &positional.back())) return false;
        break;
      }
      case ArgKind::kNamed: {
        named.emplace_back(a.name->name, Value());
        if (!Eval(a.value, &named.back().second)) return false;
        break;
      }
      case ArgKind::kStar: {
        Value v;
        if (!Eval(a.value, &v)) return false;
        Kind k = v.kind();
        if (k == Kind::kList || k == Kind::kTuple) {
          for (const Value& x : SequenceElems(v)) positional.push_back(x);
        } else {
          if (!IsIterable(v)) {
            return Fail(a.pos, Error("argument after * must be iterable, not ",
                                     std::string(TypeName(v))));
          }
          auto all = Collect(thread_, v);
          if (!all.ok()) return Fail(a.pos, all.status());
          for (Value& x : *all) positional.push_back(std::move(x));
        }
        break;
      }
      case ArgKind::kStarStar: {
        Value v;
        if (!Eval(a.value, &v)) return false;
        auto* d = v.TryAs<DictObject>();
        if (d == nullptr) {
          return Fail(a.pos, Error("argument after ** must be a mapping, not ",
                                   std::string(TypeName(v))));
        }
        for (const DictObject::Entry& entry : d->raw_entries()) {
          if (entry.key.IsAbsent()) continue;
          if (!entry.key.Is(Kind::kString)) {
            return Fail(a.pos, Error("keywords must be strings, not ",
                                     std::string(TypeName(entry.key))));
          }
          keep.push_back(entry.key);
          named.emplace_back(StringView(entry.key), entry.value);
        }
        break;
      }
    }
  }
  SetPos(c->pos);
  absl::StatusOr<Value> r;
  if (method != nullptr) {
    r = CallMethod(thread_, recv, method->name, positional, named);
  } else if (auto* f = fn.TryAs<StarlarkFunction>()) {
    r = CallStarlark(thread_, f, positional, named);
  } else {
    r = Call(thread_, fn, positional, named);
  }
  if (!r.ok()) return Fail(c->pos, r.status());
  *out = *std::move(r);
  return true;
}

bool Evaluator::EvalComprehension(const Comprehension* c, Value* out) {
  Value result = c->is_dict ? MakeDict(heap_) : MakeList(heap_);
  if (!CompClause(c, 0, result)) return false;
  *out = std::move(result);
  return true;
}

bool Evaluator::CompClause(const Comprehension* c, uint32_t i,
                           const Value& result) {
  if (i == c->clauses.size) {
    if (c->is_dict) {
      Value k, v;
      if (!Eval(c->body, &k) || !Eval(c->value, &v)) return false;
      auto st = result.As<DictObject>()->Set(k, std::move(v));
      if (!st.ok()) return Fail(c->body->pos, st);
      return true;
    }
    Value v;
    if (!Eval(c->body, &v)) return false;
    auto st = result.As<ListObject>()->Append(std::move(v));
    if (!st.ok()) return Fail(c->pos, st);
    return true;
  }
  const struct CompClause& cl = c->clauses[i];
  if (!cl.is_for) {
    Value cond;
    if (!Eval(cl.vars, &cond)) return false;
    return !Truth(cond) || CompClause(c, i + 1, result);
  }
  Value seq;
  if (!Eval(cl.iter, &seq)) return false;
  auto it = Iterate(seq);
  if (!it.ok()) return Fail(cl.pos, it.status());
  Value x;
  while (it->Next(heap_, &x)) {
    if (!thread_.Step()) return Fail(cl.pos, thread_.StepsError());
    if (!Assign(cl.vars, std::move(x))) return false;
    if (!CompClause(c, i + 1, result)) return false;
  }
  return true;
}

bool Evaluator::Assign(const Expr* lhs, Value v) {
  switch (lhs->kind) {
    case ExprKind::kIdent:
      return SetVar(static_cast<const Ident*>(lhs), std::move(v));
    case ExprKind::kIndex: {
      auto* ix = static_cast<const IndexExpr*>(lhs);
      Value x, i;
      if (!Eval(ix->x, &x) || !Eval(ix->index, &i)) return false;
      auto st = SetIndex(thread_, x, i, v);
      if (!st.ok()) return Fail(ix->pos, st);
      return true;
    }
    case ExprKind::kDot: {
      auto* d = static_cast<const DotExpr*>(lhs);
      Value x;
      if (!Eval(d->x, &x)) return false;
      return Fail(d->pos, Error("cannot set field .", std::string(d->name),
                                " of ", std::string(TypeName(x)), " value"));
    }
    case ExprKind::kTuple:
    case ExprKind::kList: {
      auto* l = static_cast<const ListExpr*>(lhs);
      std::vector<Value> collected;
      absl::Span<const Value> elems;
      Kind k = v.kind();
      if (k == Kind::kList || k == Kind::kTuple) {
        elems = SequenceElems(v);
      } else if (k != Kind::kString && IsIterable(v)) {
        auto all = Collect(thread_, v);
        if (!all.ok()) return Fail(lhs->pos, all.status());
        collected = *std::move(all);
        elems = collected;
      } else {
        return Fail(lhs->pos, Error("got ", std::string(TypeName(v)),
                                    " in sequence assignment"));
      }
      if (elems.size() != l->elems.size) {
        return Fail(lhs->pos,
                    Error(elems.size() < l->elems.size ? "too few" : "too many",
                          " values to unpack (got ", elems.size(), ", want ",
                          l->elems.size, ")"));
      }
      // Copy: assigning may mutate the sequence (x[0], x[1] = x).
      std::vector<Value> copy(elems.begin(), elems.end());
      for (uint32_t i = 0; i < l->elems.size; ++i) {
        if (!Assign(l->elems[i], std::move(copy[i]))) return false;
      }
      return true;
    }
    default:
      return Fail(lhs->pos,
                  Error("cannot assign to ", std::string(ExprKindName(lhs))));
  }
}

bool Evaluator::AugAssign(const AssignStmt* a) {
  BinaryOp op = ToBinaryOp(a->op);
  const Expr* lhs = a->lhs;
  Value old, y, result;
  Value x, i;
  switch (lhs->kind) {
    case ExprKind::kIdent:
      if (!GetVar(static_cast<const Ident*>(lhs), &old)) return false;
      break;
    case ExprKind::kIndex: {
      auto* ix = static_cast<const IndexExpr*>(lhs);
      if (!Eval(ix->x, &x) || !Eval(ix->index, &i)) return false;
      auto r = Index(thread_, x, i);
      if (!r.ok()) return Fail(ix->pos, r.status());
      old = *std::move(r);
      break;
    }
    case ExprKind::kDot: {
      auto* d = static_cast<const DotExpr*>(lhs);
      if (!Eval(d->x, &x)) return false;
      auto r = GetAttr(thread_, x, d->name);
      if (!r.ok()) return Fail(d->pos, r.status());
      old = *std::move(r);
      break;
    }
    default:
      return Fail(a->pos, Error("cannot use ", std::string(ExprKindName(lhs)),
                                " in augmented assignment"));
  }
  if (!Eval(a->rhs, &y)) return false;
  if (!FastArith(op, old, y, &result)) {
    auto r = InplaceBinary(thread_, op, old, y);
    if (!r.ok()) return Fail(a->pos, r.status());
    result = *std::move(r);
  }
  switch (lhs->kind) {
    case ExprKind::kIdent:
      return SetVar(static_cast<const Ident*>(lhs), std::move(result));
    case ExprKind::kIndex: {
      auto st = SetIndex(thread_, x, i, result);
      if (!st.ok()) return Fail(lhs->pos, st);
      return true;
    }
    default: {
      auto* d = static_cast<const DotExpr*>(lhs);
      return Fail(d->pos, Error("cannot set field .", std::string(d->name),
                                " of ", std::string(TypeName(x)), " value"));
    }
  }
}

Flow Evaluator::Exec(ArenaSpan<Stmt*> stmts) {
  for (const Stmt* s : stmts) {
    Flow f = ExecStmt(s);
    if (f != Flow::kNormal) return f;
  }
  return Flow::kNormal;
}

Flow Evaluator::ExecStmt(const Stmt* s) {
  if (!thread_.Step()) {
    Fail(s->pos, thread_.StepsError());
    return Flow::kError;
  }
  switch (s->kind) {
    case StmtKind::kExpr: {
      Value v;
      return Eval(static_cast<const ExprStmt*>(s)->x, &v) ? Flow::kNormal
                                                          : Flow::kError;
    }
    case StmtKind::kAssign: {
      auto* a = static_cast<const AssignStmt*>(s);
      if (a->op != Tok::kEq) return AugAssign(a) ? Flow::kNormal : Flow::kError;
      Value v;
      if (!Eval(a->rhs, &v)) return Flow::kError;
      return Assign(a->lhs, std::move(v)) ? Flow::kNormal : Flow::kError;
    }
    case StmtKind::kDef: {
      auto* d = static_cast<const DefStmt*>(s);
      Value fn;
      if (!MakeFunction(d->fn, &fn)) return Flow::kError;
      return SetVar(d->name, std::move(fn)) ? Flow::kNormal : Flow::kError;
    }
    case StmtKind::kIf: {
      auto* i = static_cast<const IfStmt*>(s);
      Value cond;
      if (!Eval(i->cond, &cond)) return Flow::kError;
      return Exec(Truth(cond) ? i->then_body : i->else_body);
    }
    case StmtKind::kFor:
      return ExecFor(static_cast<const ForStmt*>(s));
    case StmtKind::kWhile: {
      auto* w = static_cast<const WhileStmt*>(s);
      for (;;) {
        Value cond;
        if (!Eval(w->cond, &cond)) return Flow::kError;
        if (!Truth(cond)) return Flow::kNormal;
        if (!thread_.Step()) {
          Fail(s->pos, thread_.StepsError());
          return Flow::kError;
        }
        Flow f = Exec(w->body);
        if (f == Flow::kBreak) return Flow::kNormal;
        if (f == Flow::kReturn || f == Flow::kError) return f;
      }
    }
    case StmtKind::kReturn: {
      auto* r = static_cast<const ReturnStmt*>(s);
      if (r->result == nullptr) {
        result_ = Value::None();
      } else if (!Eval(r->result, &result_)) {
        return Flow::kError;
      }
      return Flow::kReturn;
    }
    case StmtKind::kBreak:
      return Flow::kBreak;
    case StmtKind::kContinue:
      return Flow::kContinue;
    case StmtKind::kPass:
      return Flow::kNormal;
    case StmtKind::kLoad:
      return ExecLoad(static_cast<const LoadStmt*>(s));
  }
  return Flow::kNormal;
}

Flow Evaluator::ExecFor(const ForStmt* f) {
  Value seq;
  if (!Eval(f->iter, &seq)) return Flow::kError;
  // Ranges of small ints iterate without an iterator object.
  if (auto* r = seq.TryAs<RangeObject>()) {
    const int64_t n = r->size();
    for (int64_t k = 0; k < n; ++k) {
      if (!thread_.Step()) {
        Fail(f->pos, thread_.StepsError());
        return Flow::kError;
      }
      if (!Assign(f->vars, MakeInt(heap_, r->at(k)))) return Flow::kError;
      Flow fl = Exec(f->body);
      if (fl == Flow::kBreak) break;
      if (fl == Flow::kReturn || fl == Flow::kError) return fl;
    }
    return Flow::kNormal;
  }
  auto it = Iterate(seq);
  if (!it.ok()) {
    Fail(f->iter->pos, it.status());
    return Flow::kError;
  }
  Value x;
  while (it->Next(heap_, &x)) {
    if (!thread_.Step()) {
      Fail(f->pos, thread_.StepsError());
      return Flow::kError;
    }
    if (!Assign(f->vars, std::move(x))) return Flow::kError;
    Flow fl = Exec(f->body);
    if (fl == Flow::kBreak) break;
    if (fl == Flow::kReturn || fl == Flow::kError) return fl;
  }
  return Flow::kNormal;
}

Flow Evaluator::ExecLoad(const LoadStmt* l) {
  std::string_view module = l->module->value;
  if (load_ == nullptr || !*load_) {
    Fail(l->pos, Error("load not implemented by this application"));
    return Flow::kError;
  }
  SetPos(l->pos);
  auto table = (*load_)(thread_, module);
  if (!table.ok()) {
    Fail(l->pos, Error("cannot load ", std::string(module), ": ",
                       std::string(table.status().message())));
    return Flow::kError;
  }
  for (uint32_t i = 0; i < l->to.size; ++i) {
    const Value* v = (*table)->Find(l->from[i]);
    if (v == nullptr) {
      std::string suggestion = NearestName(l->from[i], (*table)->Names());
      Fail(l->from_pos[i], Error("load: name ", std::string(l->from[i]),
                                 " not found in module ", std::string(module),
                                 suggestion.empty() ? "" : " (did you mean ",
                                 suggestion, suggestion.empty() ? "" : "?)"));
      return Flow::kError;
    }
    if (!SetVar(l->to[i], *v)) return Flow::kError;
  }
  return Flow::kNormal;
}

std::string BacktraceLine(const Frame& f) {
  if (f.source == nullptr)
    return absl::StrCat("<builtin>: in ", std::string(f.name));
  Position p = f.source->PositionOf(f.offset);
  return absl::StrCat(f.source->name(), ":", p.line, ":", p.col, ": in ",
                      std::string(f.name));
}

// Binds the call's arguments to the function's parameter slots, with
// starlark-go's error messages.
absl::Status BindArgs(Thread& thread, StarlarkFunction* fn,
                      absl::Span<const Value> positional,
                      absl::Span<const NamedArg> named, Value* slots) {
  const Function* code = fn->code();
  const uint32_t nparams = code->num_params;
  const uint32_t npos = nparams - code->num_kwonly;
  std::string_view name = code->name;
  // Positional arguments.
  size_t n = positional.size();
  if (n > npos) {
    if (!code->has_varargs) {
      bool at_most = false;
      for (uint32_t i = 0; i < npos; ++i) {
        if (!fn->defaults().empty() && !fn->defaults()[i].IsAbsent())
          at_most = true;
      }
      return Error("function ", std::string(name), " accepts ",
                   at_most ? "at most " : "", npos, " positional argument",
                   npos == 1 ? "" : "s", " (", n, " given)");
    }
    slots[nparams] = MakeTuple(
        thread.heap(),
        std::vector<Value>(positional.begin() + npos, positional.end()));
    n = npos;
  } else if (code->has_varargs) {
    slots[nparams] = MakeTuple(thread.heap(), {});
  }
  for (size_t i = 0; i < n; ++i) slots[i] = positional[i];
  // Keyword arguments.
  Value kwargs;
  DictObject* kw = nullptr;
  if (code->has_kwargs) {
    kwargs = MakeDict(thread.heap());
    kw = kwargs.As<DictObject>();
    kw->Reserve(named.size());
  }
  for (const NamedArg& arg : named) {
    uint32_t i = 0;
    for (; i < nparams; ++i) {
      if (code->param_names[i] == arg.first) break;
    }
    if (i < nparams) {
      if (!slots[i].IsAbsent()) {
        return Error("function ", std::string(name),
                     " got multiple values for parameter \"",
                     std::string(arg.first), "\"");
      }
      slots[i] = arg.second;
      continue;
    }
    if (kw == nullptr) {
      std::vector<std::string> names(code->param_names.begin(),
                                     code->param_names.end());
      std::string suggestion = NearestName(arg.first, names);
      return Error("function ", std::string(name),
                   " got an unexpected keyword argument \"",
                   std::string(arg.first), "\"",
                   suggestion.empty() ? "" : " (did you mean ", suggestion,
                   suggestion.empty() ? "" : "?)");
    }
    absl::StatusOr<bool> inserted =
        kw->InsertNew(MakeString(thread.heap(), arg.first), arg.second);
    if (!inserted.ok()) return inserted.status();
    if (!*inserted) {
      return Error("function ", std::string(name),
                   " got multiple values for parameter \"",
                   std::string(arg.first), "\"");
    }
  }
  if (code->has_kwargs) {
    slots[nparams + (code->has_varargs ? 1 : 0)] = std::move(kwargs);
  }
  // Defaults and missing parameters.
  std::vector<std::string_view> missing;
  for (uint32_t i = 0; i < nparams; ++i) {
    if (!slots[i].IsAbsent()) continue;
    if (!fn->defaults().empty() && !fn->defaults()[i].IsAbsent()) {
      slots[i] = fn->defaults()[i];
    } else {
      missing.push_back(code->param_names[i]);
    }
  }
  if (!missing.empty()) {
    std::string list;
    for (auto m : missing) {
      if (!list.empty()) list += ", ";
      list += m;
    }
    return Error("function ", std::string(name), " missing ", missing.size(),
                 " argument", missing.size() == 1 ? "" : "s", " (", list, ")");
  }
  return absl::OkStatus();
}

}  // namespace

bool StackLocation(const Thread& thread, Diagnostic* d) {
  const auto& frames = thread.frames();
  const Frame* innermost = nullptr;
  for (auto it = frames.rbegin(); it != frames.rend(); ++it) {
    if (it->source != nullptr) {
      innermost = &*it;
      break;
    }
  }
  if (innermost == nullptr) return false;
  d->file = innermost->source->name();
  d->pos = innermost->source->PositionOf(innermost->offset);
  d->source_line = std::string(innermost->source->Line(d->pos.line));
  if (frames.size() > 1) {  // a single frame needs no backtrace
    d->backtrace.push_back("Traceback (innermost first):");
    for (auto it = frames.rbegin(); it != frames.rend(); ++it) {
      d->backtrace.push_back(absl::StrCat("  ", BacktraceLine(*it)));
    }
  }
  return true;
}

absl::Status AttachBacktrace(Thread& thread, absl::Status status) {
  if (status.ok() || status.GetPayload(kBacktraceUrl).has_value()) {
    return status;
  }
  // Payload lines: file, line, col, source line, then the backtrace lines.
  Diagnostic d;
  if (!StackLocation(thread, &d)) return status;
  std::string text = absl::StrCat(d.file, "\n", d.pos.line, "\n", d.pos.col,
                                  "\n", d.source_line);
  for (const std::string& line : d.backtrace)
    absl::StrAppend(&text, "\n", line);
  status.SetPayload(kBacktraceUrl, absl::Cord(text));
  return status;
}

Diagnostic ErrorDiagnostic(const absl::Status& status, const Source& fallback) {
  Diagnostic d;
  d.message = std::string(status.message());
  auto payload = status.GetPayload(kBacktraceUrl);
  if (!payload.has_value()) {
    d.file = fallback.name();
    return d;
  }
  std::string text(*payload);
  std::vector<std::string> lines = absl::StrSplit(text, '\n');
  if (lines.size() < 4) {
    d.file = fallback.name();
    return d;
  }
  d.file = lines[0];
  d.pos.line = std::atoi(lines[1].c_str());
  d.pos.col = std::atoi(lines[2].c_str());
  d.source_line = lines[3];
  d.backtrace.assign(lines.begin() + 4, lines.end());
  return d;
}

absl::StatusOr<Value> CallStarlark(Thread& thread, StarlarkFunction* fn,
                                   absl::Span<const Value> positional,
                                   absl::Span<const NamedArg> named) {
  const Function* code = fn->code();
  ModuleObject* module = fn->module();
  EvalContext* ctx = GetContext(thread);
  if (ctx != nullptr && ctx->stack_base != nullptr) {
    // The real frame address (not a local's, which sanitizers may move to
    // a fake stack).
    const char* here = static_cast<const char*>(__builtin_frame_address(0));
    if (static_cast<size_t>(ctx->stack_base - here) > ctx->max_stack_bytes) {
      return Error("Starlark computation nested too deeply (stack limit)");
    }
  }
  if (!module->options().recursion) {
    for (const Frame& f : thread.frames()) {
      if (f.callable != nullptr && f.callable->kind() == Kind::kFunction &&
          static_cast<const StarlarkFunction*>(f.callable)->code() == code) {
        return Error("function ", std::string(code->name),
                     " called recursively");
      }
    }
  }
  if (!thread.Step()) return thread.StepsError();
  absl::InlinedVector<Value, 16> slots(code->num_locals, Value::Absent());
  if (auto st = BindArgs(thread, fn, positional, named, slots.data());
      !st.ok()) {
    return st;
  }
  for (uint32_t idx : code->cells) {
    auto* cell = thread.heap().New<CellObject>();
    cell->value = std::move(slots[idx]);
    slots[idx] = Value(cell);
  }
  if (auto st =
          thread.PushFrame(Frame{fn, code->name, &module->source(), code->pos});
      !st.ok()) {
    return st;
  }
  size_t frame_index = thread.frames().size() - 1;
  Evaluator ev(thread, ctx, module, slots.data(), fn->freevars().data(),
               frame_index);
  Value result;
  bool ok;
  if (code->lambda_body != nullptr) {
    ok = ev.Eval(code->lambda_body, &result);
  } else {
    ok = ev.Exec(code->body) != Flow::kError;
    result = std::move(ev.result_);
  }
  thread.PopFrame();
  if (!ok) return ev.error_;
  return result;
}

absl::Status ExecModule(Thread& thread, ModuleObject* module,
                        const LoadHook& load, size_t max_stack_bytes) {
  // The first evaluation on this thread records where the stack starts.
  EvalContext* ctx = GetContext(thread);
  std::unique_ptr<EvalContext> owned;
  if (ctx == nullptr) {
    owned = std::make_unique<EvalContext>();
    owned->stack_base = static_cast<const char*>(__builtin_frame_address(0));
    owned->max_stack_bytes = max_stack_bytes;
    ctx = owned.get();
    thread.SetLocal(kContextKey, ctx);
  }
  const Function* top = module->file().toplevel;
  absl::InlinedVector<Value, 8> slots(top->num_locals, Value::Absent());
  for (uint32_t idx : top->cells) {
    auto* cell = thread.heap().New<CellObject>();
    slots[idx] = Value(cell);
  }
  absl::Status status =
      thread.PushFrame(Frame{nullptr, "<toplevel>", &module->source(), 0});
  if (status.ok()) {
    Evaluator ev(thread, ctx, module, slots.data(), nullptr,
                 thread.frames().size() - 1);
    ev.load_ = &load;
    if (ev.Exec(module->file().stmts) == Flow::kError) status = ev.error_;
    thread.PopFrame();
  }
  if (owned) thread.SetLocal(kContextKey, nullptr);
  return status;
}

// ---- function.h ----

void ModuleObject::FreezeChildren(std::vector<Object*>& work) {
  for (auto* vec : {&globals_, &constants_}) {
    for (const Value& v : *vec) {
      if (v.IsObject()) work.push_back(v.object());
    }
  }
}

void ModuleObject::ClearReferences() {
  globals_.clear();
  constants_.clear();
  predeclared_.clear();
}

void CellObject::FreezeChildren(std::vector<Object*>& work) {
  if (value.IsObject()) work.push_back(value.object());
}

absl::StatusOr<Value> StarlarkFunction::Call(Thread& thread,
                                             absl::Span<const Value> positional,
                                             absl::Span<const NamedArg> named) {
  // Called from native code: give the caller's frame (if Starlark) nothing
  // new; errors inside carry their own backtrace.
  return CallStarlark(thread, this, positional, named);
}

void StarlarkFunction::Repr(std::string* out, ReprContext&) const {
  absl::StrAppend(out, "<function ", std::string(code_->name), ">");
}

absl::StatusOr<uint32_t> StarlarkFunction::Hash() const {
  return static_cast<uint32_t>(reinterpret_cast<uintptr_t>(this) >> 4);
}

void StarlarkFunction::FreezeChildren(std::vector<Object*>& work) {
  if (module_.IsObject()) work.push_back(module_.object());
  for (auto* vec : {&defaults_, &freevars_}) {
    for (const Value& v : *vec) {
      if (v.IsObject()) work.push_back(v.object());
    }
  }
}

void StarlarkFunction::ClearReferences() {
  module_ = Value::None();
  defaults_.clear();
  freevars_.clear();
}

}  // namespace warden::lang
