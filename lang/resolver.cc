#include "lang/resolver.h"

#include <absl/container/flat_hash_map.h>
#include <absl/strings/str_cat.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <utility>

namespace warden::lang {
namespace {

struct FnState;

// A lexical block: a function body or a comprehension.
struct Block {
  Block* parent = nullptr;
  FnState* fn = nullptr;
  absl::flat_hash_map<uint32_t, Binding*> names;  // by interned name id
};

// A function being resolved (the module's top level is one too).
struct FnState {
  Function* fn = nullptr;
  FnState* parent = nullptr;
  Block block;
  std::vector<Binding*> locals;
  std::vector<Binding*> freevars;  // bindings in the parent (see Function)
  absl::flat_hash_map<uint32_t, Binding*> free;  // this function's kFree ones
};

class Resolver {
 public:
  Resolver(File& file, const DialectOptions& options, const ResolveEnv& env)
      : file_(file),
        source_(*file.source),
        options_(options),
        env_(env),
        arena_(*file.arena) {}

  std::vector<Diagnostic> Run() {
    Function* top = arena_.New<Function>();
    top->name = "<toplevel>";
    file_.toplevel = top;
    FnState state;
    state.fn = top;
    state.block.fn = &state;
    toplevel_ = &state;
    // Phase A: bind every top-level name (so uses anywhere in the file,
    // even before the definition, see the global).
    BindModule(file_.stmts);
    // Phase B: resolve uses and check statements.
    fn_ = &state;
    block_ = &state.block;
    Stmts(file_.stmts);
    Finish(state);
    std::stable_sort(errors_.begin(), errors_.end(),
                     [](const Diagnostic& a, const Diagnostic& b) {
                       return a.pos.line != b.pos.line ? a.pos.line < b.pos.line
                                                       : a.pos.col < b.pos.col;
                     });
    file_.resolved = errors_.empty();
    return std::move(errors_);
  }

 private:
  void Error(uint32_t pos, std::string message) {
    errors_.push_back(MakeDiagnostic(source_, pos, std::move(message)));
  }
  std::string Where(uint32_t pos) const {
    Position p = source_.PositionOf(pos);
    return absl::StrCat(source_.name(), ":", p.line, ":", p.col);
  }

  Binding* NewBinding(Scope scope, int32_t index, uint32_t pos,
                      std::string_view name) {
    Binding* b = arena_.New<Binding>();
    b->scope = scope;
    b->index = index;
    b->first_pos = pos;
    b->name = name;
    return b;
  }

  Binding* NewLocal(FnState* fn, Ident* id) {
    Binding* b =
        NewBinding(Scope::kLocal, static_cast<int32_t>(fn->locals.size()),
                   id->pos, id->name);
    fn->locals.push_back(b);
    return b;
  }

  // ---- phase A: module bindings ----
  void BindModule(ArenaSpan<Stmt*> stmts) {
    for (Stmt* s : stmts) {
      switch (s->kind) {
        case StmtKind::kAssign: {
          auto* a = static_cast<AssignStmt*>(s);
          BindModuleTargets(a->lhs, a->op != Tok::kEq);
          break;
        }
        case StmtKind::kDef:
          BindGlobal(static_cast<DefStmt*>(s)->name);
          break;
        case StmtKind::kFor: {
          auto* f = static_cast<ForStmt*>(s);
          BindModuleTargets(f->vars, false);
          BindModule(f->body);
          break;
        }
        case StmtKind::kWhile:
          BindModule(static_cast<WhileStmt*>(s)->body);
          break;
        case StmtKind::kIf: {
          auto* i = static_cast<IfStmt*>(s);
          BindModule(i->then_body);
          BindModule(i->else_body);
          break;
        }
        case StmtKind::kLoad: {
          auto* l = static_cast<LoadStmt*>(s);
          for (Ident* id : l->to) BindLoad(id);
          break;
        }
        default:
          break;
      }
    }
  }

  void BindModuleTargets(Expr* lhs, bool augmented) {
    switch (lhs->kind) {
      case ExprKind::kIdent:
        BindGlobal(static_cast<Ident*>(lhs), augmented);
        break;
      case ExprKind::kTuple:
      case ExprKind::kList:
        if (augmented) break;  // an error reported in phase B
        for (Expr* e : static_cast<ListExpr*>(lhs)->elems) {
          BindModuleTargets(e, false);
        }
        break;
      default:
        break;
    }
  }

  void BindGlobal(Ident* id, bool augmented = false) {
    if (Binding** local = Find(toplevel_->block.names, id->name_id)) {
      if (!options_.globalreassign) {
        Error(id->pos,
              absl::StrCat("cannot reassign local ", std::string(id->name)));
      }
      id->binding = *local;
      return;
    }
    auto it = globals_.find(id->name_id);
    if (it != globals_.end()) {
      if (!options_.globalreassign) {
        if (augmented) {
          Error(id->pos,
                absl::StrCat("cannot reassign global ", std::string(id->name)));
        } else {
          Error(id->pos,
                absl::StrCat("cannot reassign global ", std::string(id->name),
                             " declared at ", Where(it->second->first_pos)));
        }
      }
      id->binding = it->second;
      return;
    }
    Binding* b =
        NewBinding(Scope::kGlobal, static_cast<int32_t>(file_.globals.size()),
                   id->pos, id->name);
    file_.globals.push_back(id->name);
    globals_.emplace(id->name_id, b);
    id->binding = b;
  }

  void BindLoad(Ident* id) {
    if (options_.loadbindsglobally) {
      BindGlobal(id);
      return;
    }
    bool exists = Find(toplevel_->block.names, id->name_id) != nullptr ||
                  globals_.contains(id->name_id);
    if (exists && !options_.globalreassign) {
      Error(id->pos,
            absl::StrCat("cannot reassign top-level ", std::string(id->name)));
    }
    if (Binding** local = Find(toplevel_->block.names, id->name_id)) {
      id->binding = *local;
      return;
    }
    Binding* b = NewLocal(toplevel_, id);
    toplevel_->block.names.emplace(id->name_id, b);
    id->binding = b;
  }

  template <typename Map>
  static Binding** Find(Map& map, uint32_t key) {
    auto it = map.find(key);
    return it == map.end() ? nullptr : &it->second;
  }

  // ---- phase A for a function: its locals ----
  void BindLocals(FnState* fn, ArenaSpan<Stmt*> stmts) {
    for (Stmt* s : stmts) {
      switch (s->kind) {
        case StmtKind::kAssign: {
          auto* a = static_cast<AssignStmt*>(s);
          if (a->op == Tok::kEq || a->lhs->kind == ExprKind::kIdent) {
            BindLocalTargets(fn, a->lhs);
          }
          break;
        }
        case StmtKind::kDef:
          BindLocal(fn, static_cast<DefStmt*>(s)->name);
          break;
        case StmtKind::kFor: {
          auto* f = static_cast<ForStmt*>(s);
          BindLocalTargets(fn, f->vars);
          BindLocals(fn, f->body);
          break;
        }
        case StmtKind::kWhile:
          BindLocals(fn, static_cast<WhileStmt*>(s)->body);
          break;
        case StmtKind::kIf: {
          auto* i = static_cast<IfStmt*>(s);
          BindLocals(fn, i->then_body);
          BindLocals(fn, i->else_body);
          break;
        }
        default:
          break;
      }
    }
  }

  void BindLocalTargets(FnState* fn, Expr* lhs) {
    if (lhs->kind == ExprKind::kIdent) {
      BindLocal(fn, static_cast<Ident*>(lhs));
    } else if (lhs->kind == ExprKind::kTuple || lhs->kind == ExprKind::kList) {
      for (Expr* e : static_cast<ListExpr*>(lhs)->elems)
        BindLocalTargets(fn, e);
    }
  }

  void BindLocal(FnState* fn, Ident* id) {
    auto [it, inserted] = fn->block.names.try_emplace(id->name_id, nullptr);
    if (inserted) it->second = NewLocal(fn, id);
    id->binding = it->second;
  }

  // ---- phase B ----
  void Stmts(ArenaSpan<Stmt*> stmts) {
    for (Stmt* s : stmts) Statement(s);
  }

  // The body of a for or while loop: break/continue are allowed in it, and
  // at top level it counts as a top-level block.
  void LoopBody(ArenaSpan<Stmt*> body) {
    ++loop_depth_;
    ++control_depth_;
    bool saved_loop = in_loop_;
    in_loop_ = true;
    bool saved = in_toplevel_block_;
    in_toplevel_block_ = AtTopLevel() || in_toplevel_block_;
    Stmts(body);
    in_toplevel_block_ = saved;
    in_loop_ = saved_loop;
    --control_depth_;
    --loop_depth_;
  }
  bool AtTopLevel() const { return fn_ == toplevel_; }
  // Whether code here can run more than once: only then does a literal get
  // a constant slot (its value is made once and reused). Top-level code of
  // a rules file runs once, and caching its tens of thousands of literals
  // would keep them all alive for nothing.
  bool MayRunTwice() const {
    return !AtTopLevel() || loop_depth_ > 0 || comp_depth_ > 0;
  }
  // A literal gets a constant slot only where it may be evaluated again.
  void ConstantSlot(int32_t* const_index) {
    if (MayRunTwice()) *const_index = file_.num_constants++;
  }

  void Statement(Stmt* s) {
    switch (s->kind) {
      case StmtKind::kExpr:
        Expression(static_cast<ExprStmt*>(s)->x);
        break;
      case StmtKind::kAssign: {
        auto* a = static_cast<AssignStmt*>(s);
        Expression(a->rhs);
        if (a->op != Tok::kEq) {
          Expr* lhs = a->lhs;
          if (lhs->kind == ExprKind::kTuple || lhs->kind == ExprKind::kList) {
            Error(a->pos,
                  absl::StrCat("can't use ",
                               lhs->kind == ExprKind::kList ? "list" : "tuple",
                               " expression in augmented assignment"));
            break;
          }
        }
        Target(a->lhs);
        break;
      }
      case StmtKind::kDef: {
        auto* d = static_cast<DefStmt*>(s);
        Target(d->name);
        FunctionDef(d->fn);
        break;
      }
      case StmtKind::kIf: {
        auto* i = static_cast<IfStmt*>(s);
        if (AtTopLevel() && !options_.toplevelcontrol && !in_toplevel_block_) {
          Error(s->pos, "if statement not within a function");
        }
        Expression(i->cond);
        ++control_depth_;
        bool saved = in_toplevel_block_;
        in_toplevel_block_ = AtTopLevel() || in_toplevel_block_;
        Stmts(i->then_body);
        Stmts(i->else_body);
        in_toplevel_block_ = saved;
        --control_depth_;
        break;
      }
      case StmtKind::kFor: {
        auto* f = static_cast<ForStmt*>(s);
        if (AtTopLevel() && !options_.toplevelcontrol && !in_toplevel_block_) {
          Error(s->pos, "for loop not within a function");
        }
        Expression(f->iter);
        Target(f->vars);
        LoopBody(f->body);
        break;
      }
      case StmtKind::kWhile: {
        auto* w = static_cast<WhileStmt*>(s);
        if (!options_.while_stmt) {
          Error(s->pos, "dialect does not support while loops");
        } else if (AtTopLevel() && !options_.toplevelcontrol &&
                   !in_toplevel_block_) {
          Error(s->pos, "while loop not within a function");
        }
        Expression(w->cond);
        LoopBody(w->body);
        break;
      }
      case StmtKind::kReturn: {
        auto* r = static_cast<ReturnStmt*>(s);
        if (AtTopLevel())
          Error(s->pos, "return statement not within a function");
        if (r->result) Expression(r->result);
        break;
      }
      case StmtKind::kBreak:
        if (loop_depth_ == 0) Error(s->pos, "break not in a loop");
        break;
      case StmtKind::kContinue:
        if (loop_depth_ == 0) Error(s->pos, "continue not in a loop");
        break;
      case StmtKind::kPass:
        break;
      case StmtKind::kLoad: {
        auto* l = static_cast<LoadStmt*>(s);
        if (!AtTopLevel()) {
          Error(s->pos, "load statement within a function");
          break;
        }
        if (control_depth_ > 0) {
          Error(s->pos, in_loop_ ? "load statement within a loop"
                                 : "load statement within a conditional");
          break;
        }
        for (uint32_t i = 0; i < l->from.size; ++i) {
          std::string_view from = l->from[i];
          if (from.empty()) {
            Error(l->from_pos[i], "load: empty identifier");
          } else if (from[0] == '_') {
            Error(l->from_pos[i],
                  absl::StrCat("load: names with leading underscores are not "
                               "exported: ",
                               std::string(from)));
          }
        }
        // Bindings were made in phase A.
        break;
      }
    }
  }

  // An assignment target: binds (already done in phase A) or evaluates.
  void Target(Expr* lhs) {
    switch (lhs->kind) {
      case ExprKind::kIdent: {
        // Bound in phase A (module, function) or by BindCompVars.
        auto* id = static_cast<Ident*>(lhs);
        if (id->binding == nullptr) Use(id);
        break;
      }
      case ExprKind::kTuple:
      case ExprKind::kList:
        for (Expr* e : static_cast<ListExpr*>(lhs)->elems) Target(e);
        break;
      case ExprKind::kIndex: {
        auto* ix = static_cast<IndexExpr*>(lhs);
        Expression(ix->x);
        Expression(ix->index);
        break;
      }
      case ExprKind::kDot:
        Expression(static_cast<DotExpr*>(lhs)->x);
        break;
      default:
        Error(lhs->pos,
              absl::StrCat("can't assign to ", std::string(ExprKindName(lhs))));
        break;
    }
  }

  void Expression(Expr* e) {
    switch (e->kind) {
      case ExprKind::kIdent:
        Use(static_cast<Ident*>(e));
        break;
      case ExprKind::kInt:
        ConstantSlot(&static_cast<IntLit*>(e)->const_index);
        break;
      case ExprKind::kFloat:
        ConstantSlot(&static_cast<FloatLit*>(e)->const_index);
        break;
      case ExprKind::kString:
        ConstantSlot(&static_cast<StringLit*>(e)->const_index);
        break;
      case ExprKind::kFString:
        for (const FStringPart& p : static_cast<FStringLit*>(e)->parts) {
          if (p.expr) Expression(p.expr);
        }
        break;
      case ExprKind::kList:
      case ExprKind::kTuple:
        for (Expr* x : static_cast<ListExpr*>(e)->elems) Expression(x);
        break;
      case ExprKind::kDict:
        for (const DictEntry& d : static_cast<DictExpr*>(e)->entries) {
          Expression(d.key);
          Expression(d.value);
        }
        break;
      case ExprKind::kComprehension:
        Comp(static_cast<Comprehension*>(e));
        break;
      case ExprKind::kUnary:
        Expression(static_cast<UnaryExpr*>(e)->x);
        break;
      case ExprKind::kBinary: {
        auto* b = static_cast<BinaryExpr*>(e);
        Expression(b->x);
        Expression(b->y);
        break;
      }
      case ExprKind::kCond: {
        auto* c = static_cast<CondExpr*>(e);
        Expression(c->cond);
        Expression(c->then_expr);
        Expression(c->else_expr);
        break;
      }
      case ExprKind::kCall:
        Call(static_cast<CallExpr*>(e));
        break;
      case ExprKind::kIndex: {
        auto* ix = static_cast<IndexExpr*>(e);
        Expression(ix->x);
        Expression(ix->index);
        break;
      }
      case ExprKind::kSlice: {
        auto* s = static_cast<SliceExpr*>(e);
        Expression(s->x);
        if (s->lo) Expression(s->lo);
        if (s->hi) Expression(s->hi);
        if (s->step) Expression(s->step);
        break;
      }
      case ExprKind::kDot:
        Expression(static_cast<DotExpr*>(e)->x);
        break;
      case ExprKind::kLambda:
        FunctionDef(static_cast<LambdaExpr*>(e)->fn);
        break;
    }
  }

  void Call(CallExpr* call) {
    Expression(call->fn);
    bool seen_varargs = false, seen_kwargs = false;
    std::vector<std::string_view> names;
    uint32_t positional = 0;
    for (const Argument& a : call->args) {
      switch (a.kind) {
        case ArgKind::kStarStar:
          if (seen_kwargs) Error(a.pos, "multiple **kwargs not allowed");
          seen_kwargs = true;
          call->has_starstar = true;
          break;
        case ArgKind::kStar:
          if (seen_kwargs) {
            Error(a.pos, "*args may not follow **kwargs");
          } else if (seen_varargs) {
            Error(a.pos, "multiple *args not allowed");
          }
          seen_varargs = true;
          call->has_star = true;
          break;
        case ArgKind::kNamed:
          if (seen_kwargs) {
            Error(a.pos, "keyword argument may not follow **kwargs");
          } else if (seen_varargs) {
            Error(a.pos, "keyword argument may not follow *args");
          }
          if (std::find(names.begin(), names.end(), a.name->name) !=
              names.end()) {
            Error(a.name->pos,
                  absl::StrCat("keyword argument \"", std::string(a.name->name),
                               "\" is repeated"));
          }
          names.push_back(a.name->name);
          break;
        case ArgKind::kPositional:
          ++positional;
          if (seen_varargs) {
            Error(a.pos, "positional argument may not follow *args");
          } else if (seen_kwargs) {
            Error(a.pos, "positional argument may not follow **kwargs");
          } else if (!names.empty()) {
            Error(a.pos, "positional argument may not follow named");
          }
          break;
      }
      Expression(a.value);
    }
    call->num_positional = positional;
    call->num_named = static_cast<uint32_t>(names.size());
    call->named_names = arena_.Copy(names);
  }

  void Comp(Comprehension* c) {
    // The first iterable is evaluated in the enclosing block.
    Expression(c->clauses[0].iter);
    Block block;
    block.parent = block_;
    block.fn = fn_;
    // Bind every loop variable of the comprehension up front.
    for (const CompClause& cl : c->clauses) {
      if (cl.is_for) BindCompVars(&block, cl.vars);
    }
    Block* saved = block_;
    block_ = &block;
    ++comp_depth_;
    for (uint32_t i = 0; i < c->clauses.size; ++i) {
      const CompClause& cl = c->clauses[i];
      if (cl.is_for) {
        if (i > 0) Expression(cl.iter);
        CompTarget(cl.vars);
      } else {
        Expression(cl.vars);
      }
    }
    Expression(c->body);
    if (c->value) Expression(c->value);
    --comp_depth_;
    block_ = saved;
  }

  void BindCompVars(Block* block, Expr* vars) {
    if (vars->kind == ExprKind::kIdent) {
      auto* id = static_cast<Ident*>(vars);
      auto [it, inserted] = block->names.try_emplace(id->name_id, nullptr);
      if (inserted) it->second = NewLocal(fn_, id);
      id->binding = it->second;
    } else if (vars->kind == ExprKind::kTuple ||
               vars->kind == ExprKind::kList) {
      for (Expr* e : static_cast<ListExpr*>(vars)->elems)
        BindCompVars(block, e);
    }
  }

  void CompTarget(Expr* vars) {
    switch (vars->kind) {
      case ExprKind::kIdent:
        break;  // bound by BindCompVars
      case ExprKind::kTuple:
      case ExprKind::kList:
        for (Expr* e : static_cast<ListExpr*>(vars)->elems) CompTarget(e);
        break;
      default:
        Target(vars);  // x[i] / x.f targets, or an error
        break;
    }
  }

  void FunctionDef(Function* fn) {
    // Defaults are evaluated in the enclosing block.
    for (const Param& p : fn->params) {
      if (p.default_value) Expression(p.default_value);
    }
    FnState state;
    state.fn = fn;
    state.parent = fn_;
    state.block.fn = &state;
    state.block.parent = block_;
    BindParams(&state);
    if (fn->lambda_body == nullptr) BindLocals(&state, fn->body);
    FnState* saved_fn = fn_;
    Block* saved_block = block_;
    int saved_loop = loop_depth_, saved_control = control_depth_;
    bool saved_in_loop = in_loop_, saved_top = in_toplevel_block_;
    fn_ = &state;
    block_ = &state.block;
    loop_depth_ = 0;
    control_depth_ = 0;
    in_loop_ = false;
    in_toplevel_block_ = false;
    if (fn->lambda_body) {
      Expression(fn->lambda_body);
    } else {
      Stmts(fn->body);
    }
    fn_ = saved_fn;
    block_ = saved_block;
    loop_depth_ = saved_loop;
    control_depth_ = saved_control;
    in_loop_ = saved_in_loop;
    in_toplevel_block_ = saved_top;
    Finish(state);
  }

  void BindParams(FnState* state) {
    Function* fn = state->fn;
    bool seen_optional = false;
    const Param* star = nullptr;
    const Param* starstar = nullptr;
    uint32_t num_kwonly = 0;
    std::vector<Expr*> defaults;
    std::vector<std::string_view> names;
    auto bind = [&](Ident* id) {
      auto [it, inserted] =
          state->block.names.try_emplace(id->name_id, nullptr);
      if (!inserted) {
        Error(id->pos,
              absl::StrCat("duplicate parameter: ", std::string(id->name)));
        id->binding = it->second;
        return false;
      }
      it->second = NewLocal(state, id);
      id->binding = it->second;
      return true;
    };
    for (const Param& p : fn->params) {
      switch (p.kind) {
        case ParamKind::kNormal:
          if (starstar) {
            Error(p.pos, absl::StrCat(p.default_value ? "optional" : "required",
                                      " parameter may not follow **",
                                      std::string(starstar->name->name)));
          } else if (star) {
            ++num_kwonly;
          } else if (seen_optional && !p.default_value) {
            Error(p.pos, "required parameter may not follow optional");
          }
          if (p.default_value) seen_optional = true;
          if (bind(p.name)) {
            defaults.push_back(p.default_value);
            names.push_back(p.name->name);
          }
          break;
        case ParamKind::kStar:
        case ParamKind::kBareStar:
          if (starstar) {
            Error(p.pos, absl::StrCat("* parameter may not follow **",
                                      std::string(starstar->name->name)));
          } else if (star) {
            Error(p.pos, "multiple * parameters not allowed");
          } else {
            star = &p;
          }
          break;
        case ParamKind::kStarStar:
          if (starstar) {
            Error(p.pos, "multiple ** parameters not allowed");
          } else {
            starstar = &p;
          }
          break;
      }
    }
    fn->num_params = static_cast<uint32_t>(names.size());
    fn->num_kwonly = num_kwonly;
    fn->defaults = arena_.Copy(defaults);
    fn->param_names = arena_.Copy(names);
    // *args and **kwargs come after the named parameters.
    if (star) {
      if (star->kind == ParamKind::kStar) {
        fn->has_varargs = bind(star->name);
      } else if (num_kwonly == 0) {
        Error(star->pos, "bare * must be followed by keyword-only parameters");
      }
    }
    if (starstar) fn->has_kwargs = bind(starstar->name);
  }

  // Records the frame layout of a resolved function.
  void Finish(FnState& state) {
    Function* fn = state.fn;
    fn->num_locals = static_cast<uint32_t>(state.locals.size());
    fn->locals = arena_.Copy(state.locals);
    fn->freevars = arena_.Copy(state.freevars);
    std::vector<uint32_t> cells;
    for (uint32_t i = 0; i < state.locals.size(); ++i) {
      if (state.locals[i]->scope == Scope::kCell) cells.push_back(i);
    }
    fn->cells = arena_.Copy(cells);
  }

  // Makes `b` (a binding of function `owner`) usable from function `fn`,
  // threading it through the closures in between.
  Binding* Capture(FnState* fn, FnState* owner, Binding* b, uint32_t name_id) {
    if (fn == owner) return b;
    Binding* outer = Capture(fn->parent, owner, b, name_id);
    if (outer->scope == Scope::kLocal) outer->scope = Scope::kCell;
    auto [it, inserted] = fn->free.try_emplace(name_id, nullptr);
    if (inserted) {
      it->second =
          NewBinding(Scope::kFree, static_cast<int32_t>(fn->freevars.size()),
                     b->first_pos, b->name);
      fn->freevars.push_back(outer);
    }
    return it->second;
  }

  void Use(Ident* id) {
    for (Block* b = block_; b != nullptr; b = b->parent) {
      if (Binding** found = Find(b->names, id->name_id)) {
        id->binding = Capture(fn_, b->fn, *found, id->name_id);
        return;
      }
    }
    if (Binding** g = Find(globals_, id->name_id)) {
      id->binding = *g;
      return;
    }
    auto it = predeclared_.find(id->name_id);
    if (it != predeclared_.end()) {
      id->binding = it->second;
      return;
    }
    bool predeclared = env_.is_predeclared && env_.is_predeclared(id->name);
    bool universal =
        !predeclared && env_.is_universal && env_.is_universal(id->name);
    if (universal && id->name == "set" && !options_.set) {
      Error(id->pos, "dialect does not support set");
      id->binding = Undefined();
      return;
    }
    if (predeclared || universal) {
      Binding* b = NewBinding(
          predeclared ? Scope::kPredeclared : Scope::kUniversal,
          static_cast<int32_t>(file_.predeclared.size()), id->pos, id->name);
      file_.predeclared.push_back(id->name);
      file_.predeclared_is_universal.push_back(universal);
      predeclared_.emplace(id->name_id, b);
      id->binding = b;
      return;
    }
    std::string message = absl::StrCat("undefined: ", std::string(id->name));
    std::string suggestion = NearestName(id->name, Candidates());
    if (!suggestion.empty()) {
      absl::StrAppend(&message, " (did you mean ", suggestion, "?)");
    }
    Error(id->pos, std::move(message));
    id->binding = Undefined();
  }

  std::vector<std::string> Candidates() {
    std::vector<std::string> names;
    for (Block* b = block_; b != nullptr; b = b->parent) {
      for (Binding* l : b->fn->locals) {
        if (l->scope != Scope::kUndefined) names.emplace_back(l->name);
      }
    }
    for (std::string_view g : file_.globals) names.emplace_back(g);
    if (env_.all_names) {
      for (auto& n : env_.all_names()) names.push_back(std::move(n));
    }
    return names;
  }

  Binding* Undefined() {
    if (!undefined_) undefined_ = NewBinding(Scope::kUndefined, 0, 0, "");
    return undefined_;
  }

  File& file_;
  const Source& source_;
  const DialectOptions& options_;
  const ResolveEnv& env_;
  Arena& arena_;
  std::vector<Diagnostic> errors_;
  FnState* toplevel_ = nullptr;
  FnState* fn_ = nullptr;
  Block* block_ = nullptr;
  int loop_depth_ = 0;
  int comp_depth_ = 0;  // comprehensions around the current expression
  int control_depth_ = 0;
  bool in_loop_ = false;
  bool in_toplevel_block_ = false;  // inside a top-level if/for/while
  absl::flat_hash_map<uint32_t, Binding*> globals_;
  absl::flat_hash_map<uint32_t, Binding*> predeclared_;
  Binding* undefined_ = nullptr;
};

}  // namespace

std::vector<Diagnostic> Resolve(File& file, const DialectOptions& options,
                                const ResolveEnv& env) {
  Resolver resolver(file, options, env);
  return resolver.Run();
}

}  // namespace warden::lang
