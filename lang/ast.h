// Syntax tree of a Starlark file.
//
// Nodes live in the File's Arena (trivially destructible: names and string
// values are string_views into the Source or the arena, lists are
// ArenaSpans). Every node records `pos`, the byte offset where runtime errors
// about it are reported (following starlark-go: the operator of a binary
// expression, the '(' of a call, the '[' of an index, the '.' of a dot
// expression, the start of anything else).
//
// The resolver annotates the tree in place: every Ident gets its Binding,
// every function its local slots and free variables. After resolution the
// evaluator never looks a name up.
#ifndef WARDEN_LANG_AST_H_
#define WARDEN_LANG_AST_H_

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "lang/ast_arena.h"
#include "lang/scanner.h"
#include "lang/source.h"
#include "lang/token.h"

namespace warden::lang {

// Where a resolved name lives.
enum class Scope : uint8_t {
  kUndefined,
  kLocal,        // slot in the function's frame
  kCell,         // slot in the frame, holding a cell shared with closures
  kFree,         // index into the closure's captured cells
  kGlobal,       // slot in the module's globals
  kPredeclared,  // index into the file's predeclared names (host env)
  kUniversal,    // index into the file's predeclared names (universe)
};

// One variable. Bindings are shared by every Ident that names it.
struct Binding {
  Scope scope = Scope::kUndefined;
  int32_t index = 0;
  uint32_t first_pos = 0;  // where it was first bound (for messages)
  std::string_view name;
};

enum class ExprKind : uint8_t {
  kIdent,
  kInt,
  kFloat,
  kString,
  kFString,
  kList,
  kTuple,
  kDict,
  kComprehension,
  kUnary,
  kBinary,
  kCond,
  kCall,
  kIndex,
  kSlice,
  kDot,
  kLambda,
};

enum class StmtKind : uint8_t {
  kExpr,
  kAssign,  // also augmented assignment (op != kEq)
  kDef,
  kIf,
  kFor,
  kWhile,
  kReturn,
  kBreak,
  kContinue,
  kPass,
  kLoad,
};

// Node headers are 8 bytes (the flag packed beside the kind) so that a node's
// first pointer member needs no padding: a 10k-rule file makes ~400k nodes,
// and the bytes written to build them are most of the parse time.
struct Expr {
  ExprKind kind;
  // True when the expression was written in parentheses (matters only for
  // the trailing-comma and assignment-target checks).
  bool parenthesized = false;
  uint32_t pos;
};

struct Stmt {
  StmtKind kind;
  uint32_t pos;
};

struct Ident : Expr {
  std::string_view name;
  uint32_t name_id = 0;  // interned: equal names have equal ids in a file
  Binding* binding = nullptr;
};

struct IntLit : Expr {
  bool small = true;
  int64_t value = 0;         // when small
  std::string_view text;     // the literal as written (for big ints)
  int32_t const_index = -1;  // constant slot, or -1 when the code runs once
};

struct FloatLit : Expr {
  double value = 0;
  std::string_view text;     // the literal as written
  int32_t const_index = -1;  // constant slot, or -1 when the code runs once
};

struct StringLit : Expr {
  std::string_view value;    // decoded
  int32_t const_index = -1;  // constant slot, or -1 when the code runs once
};

// f"text{expr}text": alternating literal text and expressions.
struct FStringPart {
  std::string_view text;  // decoded literal text (when expr is null)
  Expr* expr = nullptr;
};
struct FStringLit : Expr {
  ArenaSpan<FStringPart> parts;
};

struct ListExpr : Expr {  // also TupleExpr (kind kTuple)
  ArenaSpan<Expr*> elems;
};

struct DictEntry {
  Expr* key;
  Expr* value;
  uint32_t colon_pos;
};
struct DictExpr : Expr {
  ArenaSpan<DictEntry> entries;
};

struct CompClause {
  bool is_for;
  uint32_t pos;
  Expr* vars;  // for: loop variables; if: the condition
  Expr* iter;  // for: the iterable
};
struct Comprehension : Expr {
  bool is_dict;
  Expr* body;   // list comprehension element, or dict key
  Expr* value;  // dict comprehension value
  ArenaSpan<CompClause> clauses;
};

struct UnaryExpr : Expr {
  Tok op;  // kPlus kMinus kTilde kNot
  Expr* x;
};

struct BinaryExpr : Expr {
  Tok op;  // arithmetic, comparison, kIn, kNotIn, kAnd, kOr
  Expr* x;
  Expr* y;
};

struct CondExpr : Expr {
  Expr* cond;
  Expr* then_expr;
  Expr* else_expr;
};

enum class ArgKind : uint8_t { kPositional, kNamed, kStar, kStarStar };
struct Argument {
  ArgKind kind;
  uint32_t pos;
  Ident* name;  // kNamed only
  Expr* value;
};
struct CallExpr : Expr {
  Expr* fn;
  ArenaSpan<Argument> args;
  uint32_t num_positional = 0;  // leading kPositional args
  uint32_t num_named = 0;       // kNamed args (after the positional ones)
  bool has_star = false;
  bool has_starstar = false;
  // Interned names of the named arguments, in order, for fast binding.
  ArenaSpan<std::string_view> named_names;
};

struct IndexExpr : Expr {
  Expr* x;
  Expr* index;
};

struct SliceExpr : Expr {
  Expr* x;
  Expr* lo;  // may be null
  Expr* hi;
  Expr* step;
};

struct DotExpr : Expr {
  Expr* x;
  std::string_view name;
  uint32_t name_pos;
};

enum class ParamKind : uint8_t {
  kNormal,    // x or x=default
  kStar,      // *args
  kBareStar,  // *
  kStarStar,  // **kwargs
};
struct Param {
  ParamKind kind;
  uint32_t pos;
  Ident* name;          // null for kBareStar
  Expr* default_value;  // may be null
};

// A def or lambda. The resolver fills the frame layout.
struct Function {
  std::string_view name;  // "lambda" for lambdas
  uint32_t pos;
  ArenaSpan<Param> params;
  ArenaSpan<Stmt*> body;
  Expr* lambda_body = nullptr;  // for lambdas: the expression
  // ---- filled by the resolver ----
  // Frame layout: slots [0, num_params) are the named parameters in order
  // (positional-or-keyword first, then keyword-only), then *args (if any),
  // then **kwargs (if any), then the other locals.
  uint32_t num_params = 0;    // named parameters (excluding *args/**kwargs)
  uint32_t num_kwonly = 0;    // of which keyword-only (the last ones)
  uint32_t num_required = 0;  // leading params without default... see params
  bool has_varargs = false;
  bool has_kwargs = false;
  uint32_t num_locals = 0;  // total slots
  // Defaults in slot order for the named params (null: required).
  ArenaSpan<Expr*> defaults;
  ArenaSpan<std::string_view> param_names;  // slot order, named params
  ArenaSpan<Binding*> locals;               // slot order
  // For each captured variable: the binding in the enclosing function (its
  // scope is kCell or kFree there).
  ArenaSpan<Binding*> freevars;
  // Cell slots that must be initialized with fresh cells on entry (locals
  // captured by nested functions), including captured parameters.
  ArenaSpan<uint32_t> cells;
};

struct LambdaExpr : Expr {
  Function* fn;
};

struct ExprStmt : Stmt {
  Expr* x;
};

struct AssignStmt : Stmt {
  Tok op;  // kEq or an augmented operator (kPlusEq ...)
  Expr* lhs;
  Expr* rhs;
};

struct DefStmt : Stmt {
  Ident* name;
  Function* fn;
};

struct IfStmt : Stmt {
  Expr* cond;
  ArenaSpan<Stmt*> then_body;
  ArenaSpan<Stmt*> else_body;  // an elif is a nested IfStmt
};

struct ForStmt : Stmt {
  Expr* vars;
  Expr* iter;
  ArenaSpan<Stmt*> body;
};

struct WhileStmt : Stmt {
  Expr* cond;
  ArenaSpan<Stmt*> body;
};

struct ReturnStmt : Stmt {
  Expr* result;  // may be null
};

struct LoadStmt : Stmt {
  StringLit* module;
  ArenaSpan<Ident*> to;              // local names
  ArenaSpan<std::string_view> from;  // exported names
  ArenaSpan<uint32_t> from_pos;      // position of each `from` string
  uint32_t rparen_pos;
};

// A parsed file. Owns its arena; keeps a pointer to the Source (which must
// outlive it).
struct File {
  const Source* source = nullptr;
  std::unique_ptr<Arena> arena = std::make_unique<Arena>();
  ArenaSpan<Stmt*> stmts;
  std::vector<Comment> comments;
  uint32_t num_names = 0;  // distinct interned identifier names
  // ---- filled by the resolver ----
  Function* toplevel = nullptr;  // frame of top-level code (comprehension vars,
                                 // file-local loads)
  std::vector<std::string_view> globals;      // slot order
  std::vector<std::string_view> predeclared;  // kPredeclared/kUniversal slots
  std::vector<bool> predeclared_is_universal;
  int32_t num_constants = 0;  // literal slots (Int/Float/StringLit const_index)
  bool resolved = false;
};

// starlark-go's node type name in lower case ("binaryexpr"), for messages.
std::string_view ExprKindName(const Expr* e);

}  // namespace warden::lang

#endif  // WARDEN_LANG_AST_H_
