#include "lang/parser.h"

#include <absl/container/flat_hash_map.h>
#include <absl/strings/str_cat.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "lang/scanner.h"

namespace warden::lang {
namespace {

constexpr int kNotPrecedence = 2;
constexpr int kComparePrecedence = 3;

bool TerminatesExprList(Tok t) {
  switch (t) {
    case Tok::kEOF:
    case Tok::kNewline:
    case Tok::kEq:
    case Tok::kRBrace:
    case Tok::kRBrack:
    case Tok::kRParen:
    case Tok::kSemi:
      return true;
    default:
      return false;
  }
}

bool IsAssignOp(Tok t) {
  switch (t) {
    case Tok::kEq:
    case Tok::kPlusEq:
    case Tok::kMinusEq:
    case Tok::kStarEq:
    case Tok::kSlashEq:
    case Tok::kSlashSlashEq:
    case Tok::kPercentEq:
    case Tok::kAmpEq:
    case Tok::kPipeEq:
    case Tok::kCaretEq:
    case Tok::kLtLtEq:
    case Tok::kGtGtEq:
      return true;
    default:
      return false;
  }
}

// A stack of partially built lists shared by all nesting levels: a list is
// pushed above the lists of its enclosing constructs and popped into the
// arena when complete, so building lists allocates nothing in steady state.
template <typename T>
class Scratch {
 public:
  size_t Mark() const { return items_.size(); }
  void Push(T item) { items_.push_back(item); }
  ArenaSpan<T> Pop(Arena& arena, size_t mark) {
    ArenaSpan<T> span;
    span.size = static_cast<uint32_t>(items_.size() - mark);
    if (span.size > 0) {
      span.data =
          static_cast<T*>(arena.Allocate(sizeof(T) * span.size, alignof(T)));
      std::copy(items_.begin() + mark, items_.end(), span.data);
    }
    items_.resize(mark);
    return span;
  }
  size_t Size(size_t mark) const { return items_.size() - mark; }

 private:
  std::vector<T> items_;
};

class Parser {
 public:
  Parser(const Source& source, const ParseOptions& options, File* file)
      : source_(source),
        options_(options),
        file_(file),
        arena_(*file->arena),
        scan_options_{options.allow_tabs, options.fstrings} {}

  bool Run(Diagnostic* error) {
    Scanner scanner(source_, scan_options_);
    sc_ = &scanner;
    Next();
    size_t mark = stmts_.Mark();
    while (tok_.kind != Tok::kEOF) {
      if (tok_.kind == Tok::kNewline) {
        Next();
        continue;
      }
      ParseStmt();
    }
    file_->stmts = stmts_.Pop(arena_, mark);
    file_->comments = scanner.comments();
    file_->num_names = static_cast<uint32_t>(names_.size());
    if (failed_) {
      *error = MakeDiagnostic(source_, error_pos_, error_message_);
      return false;
    }
    return true;
  }

 private:
  // ---- tokens and errors ----
  void Next() {
    if (failed_) {
      tok_ = Token{Tok::kEOF, error_pos_, error_pos_};
      return;
    }
    tok_ = sc_->Next();
    if (tok_.kind == Tok::kIllegal) {
      Error(sc_->error().pos, sc_->error().message);
    }
  }
  // Records the first error and makes the token stream end, so every loop
  // terminates and the parse unwinds.
  void Error(uint32_t pos, std::string message) {
    if (!failed_) {
      failed_ = true;
      error_pos_ = pos;
      error_message_ = std::move(message);
    }
    tok_ = Token{Tok::kEOF, error_pos_, error_pos_};
  }
  uint32_t Consume(Tok want) {
    uint32_t pos = tok_.pos;
    if (tok_.kind != want) {
      Error(tok_.pos, absl::StrCat("got ", TokenName(tok_.kind), ", want ",
                                   TokenName(want)));
      return pos;
    }
    Next();
    return pos;
  }
  bool Enter(uint32_t pos) {
    if (++nesting_ > options_.max_nesting) [[unlikely]] {
      return TooDeep(pos);
    }
    return true;
  }
  [[gnu::noinline]] bool TooDeep(uint32_t pos) {
    Error(pos, absl::StrCat("too many nested expressions or blocks (limit ",
                            options_.max_nesting, ")"));
    return false;
  }
  void Leave() { --nesting_; }

  template <typename T>
  T* NewExpr(ExprKind kind, uint32_t pos) {
    T* node = arena_.New<T>();
    node->kind = kind;
    node->pos = pos;
    return node;
  }
  template <typename T>
  T* NewStmt(StmtKind kind, uint32_t pos) {
    T* node = arena_.New<T>();
    node->kind = kind;
    node->pos = pos;
    return node;
  }

  Ident* MakeIdent(std::string_view name, uint32_t pos) {
    Ident* id = NewExpr<Ident>(ExprKind::kIdent, pos);
    auto [it, inserted] =
        names_.try_emplace(name, static_cast<uint32_t>(names_.size()));
    id->name = it->first;
    id->name_id = it->second;
    return id;
  }
  std::string_view TokenSource() const {
    return source_.text().substr(tok_.pos, tok_.end - tok_.pos);
  }

  Ident* ParseIdent() {
    if (tok_.kind != Tok::kIdent) {
      Error(tok_.pos, "not an identifier");
      return MakeIdent("_", tok_.pos);
    }
    Ident* id = MakeIdent(TokenSource(), tok_.pos);
    Next();
    return id;
  }

  // ---- statements ----
  void ParseStmt() {
    if (!Enter(tok_.pos)) return;
    switch (tok_.kind) {
      case Tok::kDef:
        stmts_.Push(ParseDef());
        break;
      case Tok::kIf:
        stmts_.Push(ParseIf());
        break;
      case Tok::kFor:
        stmts_.Push(ParseFor());
        break;
      case Tok::kWhile:
        stmts_.Push(ParseWhile());
        break;
      default:
        ParseSimpleStmt();
        break;
    }
    Leave();
  }

  void ParseSimpleStmt() {
    for (;;) {
      stmts_.Push(ParseSmallStmt());
      if (tok_.kind != Tok::kSemi) break;
      Next();
      if (tok_.kind == Tok::kNewline || tok_.kind == Tok::kEOF) break;
    }
    if (tok_.kind != Tok::kEOF) Consume(Tok::kNewline);
  }

  Stmt* ParseSmallStmt() {
    uint32_t pos = tok_.pos;
    switch (tok_.kind) {
      case Tok::kReturn: {
        Next();
        auto* s = NewStmt<ReturnStmt>(StmtKind::kReturn, pos);
        if (tok_.kind != Tok::kEOF && tok_.kind != Tok::kNewline &&
            tok_.kind != Tok::kSemi) {
          s->result = ParseExpr(false);
        }
        return s;
      }
      case Tok::kBreak:
        Next();
        return NewStmt<Stmt>(StmtKind::kBreak, pos);
      case Tok::kContinue:
        Next();
        return NewStmt<Stmt>(StmtKind::kContinue, pos);
      case Tok::kPass:
        Next();
        return NewStmt<Stmt>(StmtKind::kPass, pos);
      case Tok::kLoad:
        return ParseLoad();
      default:
        break;
    }
    Expr* x = ParseExpr(false);
    if (IsAssignOp(tok_.kind)) {
      Tok op = tok_.kind;
      uint32_t op_pos = tok_.pos;
      Next();
      auto* s = NewStmt<AssignStmt>(StmtKind::kAssign, op_pos);
      s->op = op;
      s->lhs = x;
      s->rhs = ParseExpr(false);
      return s;
    }
    auto* s = NewStmt<ExprStmt>(StmtKind::kExpr, x->pos);
    s->x = x;
    return s;
  }

  Stmt* ParseLoad() {
    uint32_t pos = tok_.pos;
    Next();
    uint32_t lparen = Consume(Tok::kLParen);
    auto* s = NewStmt<LoadStmt>(StmtKind::kLoad, pos);
    if (tok_.kind != Tok::kString) {
      Error(tok_.pos,
            "first operand of load statement must be a string literal");
      s->module = NewExpr<StringLit>(ExprKind::kString, tok_.pos);
      return s;
    }
    s->module = static_cast<StringLit*>(ParsePrimary());
    std::vector<Ident*> to;
    std::vector<std::string_view> from;
    std::vector<uint32_t> from_pos;
    while (tok_.kind != Tok::kRParen && tok_.kind != Tok::kEOF) {
      Consume(Tok::kComma);
      if (tok_.kind == Tok::kRParen) break;
      switch (tok_.kind) {
        case Tok::kString: {
          uint32_t p = tok_.pos;
          auto* lit = static_cast<StringLit*>(ParsePrimary());
          // The local name is the quoted name; its position is inside the
          // quote.
          Ident* id = MakeIdent(lit->value, p + 1);
          to.push_back(id);
          from.push_back(lit->value);
          from_pos.push_back(p);
          break;
        }
        case Tok::kIdent: {
          Ident* id = ParseIdent();
          to.push_back(id);
          if (tok_.kind != Tok::kEq) {
            Error(tok_.pos,
                  absl::StrCat("load operand must be \"", std::string(id->name),
                               "\" or ", std::string(id->name),
                               "=\"originalname\""));
            return s;
          }
          Consume(Tok::kEq);
          if (tok_.kind != Tok::kString) {
            Error(
                tok_.pos,
                absl::StrCat("original name of loaded symbol must be quoted: ",
                             std::string(id->name), "=\"originalname\""));
            return s;
          }
          uint32_t p = tok_.pos;
          auto* lit = static_cast<StringLit*>(ParsePrimary());
          from.push_back(lit->value);
          from_pos.push_back(p);
          break;
        }
        default:
          Error(tok_.pos, absl::StrCat("load operand must be \"name\" or "
                                       "localname=\"name\" (got ",
                                       TokenName(tok_.kind), ")"));
          return s;
      }
    }
    s->rparen_pos = Consume(Tok::kRParen);
    if (to.empty() && !failed_) {
      Error(lparen, "load statement must import at least 1 symbol");
    }
    s->to = arena_.Copy(to);
    s->from = arena_.Copy(from);
    s->from_pos = arena_.Copy(from_pos);
    return s;
  }

  ArenaSpan<Stmt*> ParseSuite() {
    size_t mark = stmts_.Mark();
    if (tok_.kind == Tok::kNewline) {
      Next();
      Consume(Tok::kIndent);
      while (tok_.kind != Tok::kOutdent && tok_.kind != Tok::kEOF) {
        ParseStmt();
      }
      if (tok_.kind != Tok::kEOF) Consume(Tok::kOutdent);
    } else {
      ParseSimpleStmt();
    }
    return stmts_.Pop(arena_, mark);
  }

  Stmt* ParseDef() {
    uint32_t pos = tok_.pos;
    Next();
    auto* s = NewStmt<DefStmt>(StmtKind::kDef, pos);
    s->name = ParseIdent();
    Consume(Tok::kLParen);
    Function* fn = arena_.New<Function>();
    fn->name = s->name->name;
    fn->pos = s->name->pos;
    fn->params = ParseParams(/*allow_annotations=*/true);
    Consume(Tok::kRParen);
    if (options_.annotations && tok_.kind == Tok::kArrow) {
      Next();
      ParseTest();  // result type: parsed and ignored
    }
    Consume(Tok::kColon);
    fn->body = ParseSuite();
    s->fn = fn;
    return s;
  }

  ArenaSpan<Param> ParseParams(bool allow_annotations) {
    size_t mark = params_.Mark();
    while (tok_.kind != Tok::kRParen && tok_.kind != Tok::kColon &&
           tok_.kind != Tok::kEOF) {
      if (params_.Size(mark) > 0) Consume(Tok::kComma);
      if (tok_.kind == Tok::kRParen) break;
      if (tok_.kind == Tok::kStar || tok_.kind == Tok::kStarStar) {
        Tok op = tok_.kind;
        uint32_t pos = tok_.pos;
        Next();
        Param p{ParamKind::kStar, pos, nullptr, nullptr};
        if (op == Tok::kStarStar || tok_.kind == Tok::kIdent) {
          p.name = ParseIdent();
          p.kind =
              op == Tok::kStarStar ? ParamKind::kStarStar : ParamKind::kStar;
          MaybeAnnotation(allow_annotations);
        } else {
          p.kind = ParamKind::kBareStar;
        }
        params_.Push(p);
        continue;
      }
      uint32_t pos = tok_.pos;
      Ident* id = ParseIdent();
      MaybeAnnotation(allow_annotations);
      Param p{ParamKind::kNormal, pos, id, nullptr};
      if (tok_.kind == Tok::kEq) {
        Next();
        p.default_value = ParseTest();
      }
      params_.Push(p);
    }
    return params_.Pop(arena_, mark);
  }

  void MaybeAnnotation(bool allowed) {
    if (allowed && options_.annotations && tok_.kind == Tok::kColon) {
      Next();
      ParseTest();  // the type: parsed and ignored
    }
  }

  Stmt* ParseIf() {
    uint32_t pos = tok_.pos;
    Next();
    auto* s = NewStmt<IfStmt>(StmtKind::kIf, pos);
    s->cond = ParseTest();
    Consume(Tok::kColon);
    s->then_body = ParseSuite();
    IfStmt* tail = s;
    int depth = 0;
    while (tok_.kind == Tok::kElif) {
      // Each elif nests one level deeper in the tree.
      if (!Enter(tok_.pos)) break;
      ++depth;
      auto* elif = NewStmt<IfStmt>(StmtKind::kIf, tok_.pos);
      Next();
      elif->cond = ParseTest();
      Consume(Tok::kColon);
      elif->then_body = ParseSuite();
      Stmt** one =
          static_cast<Stmt**>(arena_.Allocate(sizeof(Stmt*), alignof(Stmt*)));
      *one = elif;
      tail->else_body = ArenaSpan<Stmt*>{one, 1};
      tail = elif;
    }
    if (tok_.kind == Tok::kElse) {
      Next();
      Consume(Tok::kColon);
      tail->else_body = ParseSuite();
    }
    nesting_ -= depth;
    return s;
  }

  Stmt* ParseFor() {
    uint32_t pos = tok_.pos;
    Next();
    auto* s = NewStmt<ForStmt>(StmtKind::kFor, pos);
    s->vars = ParseForLoopVariables();
    Consume(Tok::kIn);
    s->iter = ParseExpr(false);
    Consume(Tok::kColon);
    s->body = ParseSuite();
    return s;
  }

  Stmt* ParseWhile() {
    uint32_t pos = tok_.pos;
    Next();
    auto* s = NewStmt<WhileStmt>(StmtKind::kWhile, pos);
    s->cond = ParseTest();
    Consume(Tok::kColon);
    s->body = ParseSuite();
    return s;
  }

  Expr* ParseForLoopVariables() {
    // Not ParseExpr: it would consume the `in`.
    Expr* v = ParsePrimaryWithSuffix();
    if (tok_.kind != Tok::kComma) return v;
    size_t mark = exprs_.Mark();
    exprs_.Push(v);
    while (tok_.kind == Tok::kComma) {
      Next();
      if (TerminatesExprList(tok_.kind)) break;
      exprs_.Push(ParsePrimaryWithSuffix());
    }
    auto* t = NewExpr<ListExpr>(ExprKind::kTuple, v->pos);
    t->elems = exprs_.Pop(arena_, mark);
    return t;
  }

  // ---- expressions ----
  // Expr = Test {',' Test} (a tuple when there is a comma).
  Expr* ParseExpr(bool in_parens) {
    Expr* x = ParseTest();
    if (tok_.kind != Tok::kComma) return x;
    size_t mark = exprs_.Mark();
    exprs_.Push(x);
    ParseExprs(mark, in_parens);
    auto* t = NewExpr<ListExpr>(ExprKind::kTuple, x->pos);
    t->elems = exprs_.Pop(arena_, mark);
    return t;
  }

  void ParseExprs(size_t mark, bool allow_trailing_comma) {
    (void)mark;
    while (tok_.kind == Tok::kComma) {
      uint32_t pos = tok_.pos;
      Next();
      if (TerminatesExprList(tok_.kind)) {
        if (!allow_trailing_comma) {
          Error(pos, "unparenthesized tuple with trailing comma");
        }
        break;
      }
      exprs_.Push(ParseTest());
    }
  }

  Expr* ParseTest() {
    if (tok_.kind == Tok::kLambda) return ParseLambda(true);
    if (!Enter(tok_.pos)) return ErrorExpr();
    Expr* x = ParseBinop(0);
    if (tok_.kind == Tok::kIf) {
      uint32_t if_pos = tok_.pos;
      Next();
      Expr* cond = ParseBinop(0);
      if (tok_.kind != Tok::kElse) {
        Error(if_pos, "conditional expression without else clause");
        Leave();
        return x;
      }
      Next();
      auto* c = NewExpr<CondExpr>(ExprKind::kCond, if_pos);
      c->cond = cond;
      c->then_expr = x;
      c->else_expr = ParseTest();
      x = c;
    }
    Leave();
    return x;
  }

  Expr* ParseTestNoCond() {
    if (tok_.kind == Tok::kLambda) return ParseLambda(false);
    return ParseBinop(0);
  }

  Expr* ParseLambda(bool allow_cond) {
    uint32_t pos = tok_.pos;
    Next();
    if (!Enter(pos)) return ErrorExpr();
    Function* fn = arena_.New<Function>();
    fn->name = "lambda";
    fn->pos = pos;
    if (tok_.kind != Tok::kColon) fn->params = ParseParams(false);
    Consume(Tok::kColon);
    fn->lambda_body = allow_cond ? ParseTest() : ParseTestNoCond();
    auto* l = NewExpr<LambdaExpr>(ExprKind::kLambda, pos);
    l->fn = fn;
    Leave();
    return l;
  }

  // Precedence climbing over binary operators of precedence >= min_prec.
  Expr* ParseBinop(int min_prec) {
    Expr* x;
    if (tok_.kind == Tok::kNot && min_prec <= kNotPrecedence) {
      uint32_t pos = tok_.pos;
      Next();
      if (!Enter(pos)) return ErrorExpr();
      auto* u = NewExpr<UnaryExpr>(ExprKind::kUnary, pos);
      u->op = Tok::kNot;
      u->x = ParseBinop(kNotPrecedence);
      Leave();
      x = u;
    } else {
      x = ParsePrimaryWithSuffix();
    }
    int depth = 0;
    for (;;) {
      if (tok_.kind == Tok::kNot) {
        Next();
        if (tok_.kind != Tok::kIn) {
          Error(tok_.pos,
                absl::StrCat("got ", TokenName(tok_.kind), ", want in"));
          break;
        }
        tok_.kind = Tok::kNotIn;
      }
      int prec = BinaryPrecedence(tok_.kind);
      if (prec < min_prec) break;
      if (prec == kComparePrecedence && x->kind == ExprKind::kBinary &&
          !x->parenthesized &&
          BinaryPrecedence(static_cast<BinaryExpr*>(x)->op) ==
              kComparePrecedence) {
        Error(tok_.pos,
              absl::StrCat(
                  std::string(TokenText(static_cast<BinaryExpr*>(x)->op)),
                  " does not associate with ",
                  std::string(TokenText(tok_.kind))));
        break;
      }
      // Each operator of a chain deepens the (left-leaning) tree.
      if (!Enter(tok_.pos)) break;
      ++depth;
      auto* b = NewExpr<BinaryExpr>(ExprKind::kBinary, tok_.pos);
      b->op = tok_.kind;
      Next();
      b->x = x;
      b->y = ParseBinop(prec + 1);
      x = b;
    }
    nesting_ -= depth;
    return x;
  }

  Expr* ParsePrimaryWithSuffix() {
    Expr* x = ParsePrimary();
    int depth = 0;
    for (;;) {
      Tok k = tok_.kind;
      if (k != Tok::kDot && k != Tok::kLBrack && k != Tok::kLParen) break;
      if (!Enter(tok_.pos)) break;
      ++depth;
      if (k == Tok::kDot) {
        auto* d = NewExpr<DotExpr>(ExprKind::kDot, tok_.pos);
        Next();
        d->x = x;
        d->name_pos = tok_.pos;
        Ident* id = ParseIdent();
        d->name = id->name;
        x = d;
      } else if (k == Tok::kLBrack) {
        x = ParseSliceSuffix(x);
      } else {
        x = ParseCallSuffix(x);
      }
    }
    nesting_ -= depth;
    return x;
  }

  Expr* ParseSliceSuffix(Expr* x) {
    uint32_t lbrack = tok_.pos;
    Next();
    Expr *lo = nullptr, *hi = nullptr, *step = nullptr;
    if (tok_.kind != Tok::kColon) {
      Expr* y = ParseExpr(false);
      if (tok_.kind == Tok::kRBrack) {
        Next();
        auto* ix = NewExpr<IndexExpr>(ExprKind::kIndex, lbrack);
        ix->x = x;
        ix->index = y;
        return ix;
      }
      lo = y;
    }
    if (tok_.kind == Tok::kColon) {
      Next();
      if (tok_.kind != Tok::kColon && tok_.kind != Tok::kRBrack)
        hi = ParseTest();
    }
    if (tok_.kind == Tok::kColon) {
      Next();
      if (tok_.kind != Tok::kRBrack) step = ParseTest();
    }
    Consume(Tok::kRBrack);
    auto* s = NewExpr<SliceExpr>(ExprKind::kSlice, lbrack);
    s->x = x;
    s->lo = lo;
    s->hi = hi;
    s->step = step;
    return s;
  }

  Expr* ParseCallSuffix(Expr* fn) {
    uint32_t lparen = tok_.pos;
    Next();
    auto* call = NewExpr<CallExpr>(ExprKind::kCall, lparen);
    call->fn = fn;
    size_t mark = args_.Mark();
    while (tok_.kind != Tok::kRParen && tok_.kind != Tok::kEOF) {
      if (args_.Size(mark) > 0) Consume(Tok::kComma);
      if (tok_.kind == Tok::kRParen) break;
      uint32_t pos = tok_.pos;
      if (tok_.kind == Tok::kStar || tok_.kind == Tok::kStarStar) {
        ArgKind kind =
            tok_.kind == Tok::kStar ? ArgKind::kStar : ArgKind::kStarStar;
        Next();
        args_.Push(Argument{kind, pos, nullptr, ParseTest()});
        continue;
      }
      Expr* x = ParseTest();
      if (tok_.kind == Tok::kEq) {
        if (x->kind != ExprKind::kIdent || x->parenthesized) {
          Error(tok_.pos, "keyword argument must have form name=expr");
          break;
        }
        Next();
        args_.Push(Argument{ArgKind::kNamed, pos, static_cast<Ident*>(x),
                            ParseTest()});
        continue;
      }
      args_.Push(Argument{ArgKind::kPositional, pos, nullptr, x});
    }
    Consume(Tok::kRParen);
    call->args = args_.Pop(arena_, mark);
    return call;
  }

  Expr* ParsePrimary() {
    uint32_t pos = tok_.pos;
    switch (tok_.kind) {
      case Tok::kIdent:
        return ParseIdent();
      case Tok::kInt: {
        auto* lit = NewExpr<IntLit>(ExprKind::kInt, pos);
        lit->small = sc_->int_small();
        lit->value = sc_->int_value();
        lit->text = TokenSource();
        Next();
        return lit;
      }
      case Tok::kFloat: {
        if (!options_.floats) {
          Error(pos, "floats are not supported");
          return ErrorExpr();
        }
        auto* lit = NewExpr<FloatLit>(ExprKind::kFloat, pos);
        lit->text = TokenSource();
        // strtod reads exactly the scanner's syntax (digits, '.', exponent)
        // and reports overflow as ERANGE with an infinite result; underflow
        // gives 0 or a subnormal, as in starlark-go.
        std::string text(lit->text);
        errno = 0;
        lit->value = std::strtod(text.c_str(), nullptr);
        if (errno == ERANGE && std::isinf(lit->value)) {
          Error(pos, "invalid float literal");
          return ErrorExpr();
        }
        Next();
        return lit;
      }
      case Tok::kBytes:
        Error(pos, "bytes literals are not supported");
        return ErrorExpr();
      case Tok::kString: {
        auto* lit = NewExpr<StringLit>(ExprKind::kString, pos);
        // Literals without escapes point into the source (which outlives
        // the tree); decoded ones are copied into the arena.
        lit->value = sc_->string_in_source()
                         ? sc_->string_value()
                         : arena_.CopyString(sc_->string_value());
        Next();
        return lit;
      }
      case Tok::kFString:
        return ParseFString();
      case Tok::kLBrack:
        return Nested(&Parser::ParseList);
      case Tok::kLBrace:
        return Nested(&Parser::ParseDict);
      case Tok::kLParen:
        return Nested(&Parser::ParseParen);
      case Tok::kMinus:
      case Tok::kPlus:
      case Tok::kTilde: {
        Tok op = tok_.kind;
        Next();
        if (!Enter(pos)) return ErrorExpr();
        auto* u = NewExpr<UnaryExpr>(ExprKind::kUnary, pos);
        u->op = op;
        u->x = ParsePrimaryWithSuffix();
        Leave();
        return u;
      }
      default:
        Error(pos, absl::StrCat("got ", TokenName(tok_.kind),
                                ", want primary expression"));
        return ErrorExpr();
    }
  }

  Expr* Nested(Expr* (Parser::*parse)()) {
    if (!Enter(tok_.pos)) return ErrorExpr();
    Expr* x = (this->*parse)();
    Leave();
    return x;
  }

  Expr* ParseParen() {
    uint32_t lparen = tok_.pos;
    Next();
    if (tok_.kind == Tok::kRParen) {
      Next();
      auto* t = NewExpr<ListExpr>(ExprKind::kTuple, lparen);
      t->parenthesized = true;
      return t;
    }
    Expr* e = ParseExpr(true);
    Consume(Tok::kRParen);
    e->parenthesized = true;
    return e;
  }

  Expr* ParseList() {
    uint32_t lbrack = tok_.pos;
    Next();
    auto* list = NewExpr<ListExpr>(ExprKind::kList, lbrack);
    if (tok_.kind == Tok::kRBrack) {
      Next();
      return list;
    }
    Expr* x = ParseTest();
    if (tok_.kind == Tok::kFor) {
      return ParseComprehensionSuffix(lbrack, x, nullptr, Tok::kRBrack);
    }
    size_t mark = exprs_.Mark();
    exprs_.Push(x);
    if (tok_.kind == Tok::kComma) ParseExprs(mark, true);
    Consume(Tok::kRBrack);
    list->elems = exprs_.Pop(arena_, mark);
    return list;
  }

  Expr* ParseDict() {
    uint32_t lbrace = tok_.pos;
    Next();
    auto* dict = NewExpr<DictExpr>(ExprKind::kDict, lbrace);
    if (tok_.kind == Tok::kRBrace) {
      Next();
      return dict;
    }
    DictEntry first = ParseDictEntry();
    if (tok_.kind == Tok::kFor) {
      return ParseComprehensionSuffix(lbrace, first.key, first.value,
                                      Tok::kRBrace);
    }
    size_t mark = entries_.Mark();
    entries_.Push(first);
    while (tok_.kind == Tok::kComma) {
      Next();
      if (tok_.kind == Tok::kRBrace) break;
      entries_.Push(ParseDictEntry());
    }
    Consume(Tok::kRBrace);
    dict->entries = entries_.Pop(arena_, mark);
    return dict;
  }

  DictEntry ParseDictEntry() {
    DictEntry e;
    e.key = ParseTest();
    e.colon_pos = Consume(Tok::kColon);
    e.value = ParseTest();
    return e;
  }

  Expr* ParseComprehensionSuffix(uint32_t lbrace, Expr* body, Expr* value,
                                 Tok close) {
    auto* c = NewExpr<Comprehension>(ExprKind::kComprehension, lbrace);
    c->is_dict = close == Tok::kRBrace;
    c->body = body;
    c->value = value;
    size_t mark = clauses_.Mark();
    while (tok_.kind != close && tok_.kind != Tok::kEOF) {
      uint32_t pos = tok_.pos;
      if (tok_.kind == Tok::kFor) {
        Next();
        Expr* vars = ParseForLoopVariables();
        Consume(Tok::kIn);
        // As in Python 3, the operand of `in` may not be a conditional, a
        // lambda, or an unparenthesized tuple.
        Expr* iter = ParseBinop(0);
        clauses_.Push(CompClause{true, pos, vars, iter});
      } else if (tok_.kind == Tok::kIf) {
        Next();
        clauses_.Push(CompClause{false, pos, ParseTestNoCond(), nullptr});
      } else {
        Error(pos, absl::StrCat("got ", TokenName(tok_.kind), ", want ",
                                TokenName(close), ", for, or if"));
        break;
      }
    }
    Consume(close);
    c->clauses = clauses_.Pop(arena_, mark);
    return c;
  }

  // f"text{expr}text": the literal parts are decoded like strings; each
  // field is parsed as an expression from its own range of the source.
  Expr* ParseFString() {
    uint32_t pos = tok_.pos;
    uint32_t begin = sc_->body_begin(), end = sc_->body_end();
    bool raw = sc_->body_raw();
    Token after = tok_;
    (void)after;
    std::string_view text = source_.text();
    std::vector<FStringPart> parts;
    std::string literal;
    std::string decoded;
    uint32_t lit_start = begin;
    auto flush = [&](uint32_t upto) -> bool {
      literal.append(text.substr(lit_start, upto - lit_start));
      return true;
    };
    auto emit_literal = [&]() -> bool {
      if (literal.empty()) return true;
      ScanError err;
      if (!DecodeStringBody(literal, lit_start, raw, false, &decoded, &err)) {
        Error(pos, err.message);
        return false;
      }
      parts.push_back(FStringPart{arena_.CopyString(decoded), nullptr});
      literal.clear();
      return true;
    };
    uint32_t i = begin;
    while (i < end && !failed_) {
      char c = text[i];
      if (c == '\\' && !raw) {
        i += 2;
        continue;
      }
      if (c == '}') {
        if (i + 1 < end && text[i + 1] == '}') {
          flush(i + 1);
          i += 2;
          lit_start = i;
          continue;
        }
        Error(i, "f-string: single '}' is not allowed");
        break;
      }
      if (c != '{') {
        ++i;
        continue;
      }
      if (i + 1 < end && text[i + 1] == '{') {
        flush(i + 1);
        i += 2;
        lit_start = i;
        continue;
      }
      flush(i);
      if (!emit_literal()) break;
      // Find the matching '}' (brackets nest; quotes are skipped).
      uint32_t j = i + 1;
      int depth = 0;
      char quote = 0;
      for (; j < end; ++j) {
        char d = text[j];
        if (quote) {
          if (d == '\\') {
            ++j;
          } else if (d == quote) {
            quote = 0;
          }
          continue;
        }
        if (d == '"' || d == '\'') {
          quote = d;
        } else if (d == '(' || d == '[' || d == '{') {
          ++depth;
        } else if (d == ')' || d == ']' || d == '}') {
          if (d == '}' && depth == 0) break;
          --depth;
        }
      }
      if (j >= end) {
        Error(i, "f-string: expecting '}'");
        break;
      }
      Expr* e = ParseNestedExpression(i + 1, j);
      if (failed_) break;
      parts.push_back(FStringPart{{}, e});
      i = j + 1;
      lit_start = i;
    }
    if (!failed_) {
      flush(end);
      emit_literal();
    }
    Next();
    auto* f = NewExpr<FStringLit>(ExprKind::kFString, pos);
    f->parts = arena_.Copy(parts);
    return f;
  }

  Expr* ParseNestedExpression(uint32_t begin, uint32_t end) {
    Scanner nested(source_, scan_options_, begin, end,
                   /*expression_mode=*/true);
    Scanner* outer = sc_;
    Token saved = tok_;
    sc_ = &nested;
    Next();
    Expr* e = ParseTest();
    if (tok_.kind != Tok::kEOF && !failed_) {
      Error(tok_.pos, absl::StrCat("got ", TokenName(tok_.kind),
                                   ", want '}' in f-string"));
    }
    if (e->kind == ExprKind::kIdent && begin < end && !failed_ &&
        static_cast<Ident*>(e)->name.empty()) {
      Error(begin, "f-string: empty expression");
    }
    sc_ = outer;
    if (!failed_) tok_ = saved;
    return e;
  }

  Expr* ErrorExpr() { return MakeIdent("_", tok_.pos); }

  const Source& source_;
  const ParseOptions& options_;
  File* file_;
  Arena& arena_;
  ScanOptions scan_options_;
  Scanner* sc_ = nullptr;
  Token tok_;
  bool failed_ = false;
  uint32_t error_pos_ = 0;
  std::string error_message_;
  int nesting_ = 0;
  absl::flat_hash_map<std::string_view, uint32_t> names_;
  Scratch<Stmt*> stmts_;
  Scratch<Expr*> exprs_;
  Scratch<Param> params_;
  Scratch<Argument> args_;
  Scratch<DictEntry> entries_;
  Scratch<CompClause> clauses_;
};

}  // namespace

std::unique_ptr<File> Parse(const Source& source, const ParseOptions& options,
                            Diagnostic* error) {
  auto file = std::make_unique<File>();
  file->source = &source;
  Parser parser(source, options, file.get());
  if (!parser.Run(error)) return nullptr;
  return file;
}

}  // namespace warden::lang
