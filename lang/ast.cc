#include "lang/ast.h"

namespace warden::lang {

std::string_view ExprKindName(const Expr* e) {
  switch (e->kind) {
    case ExprKind::kIdent:
      return "ident";
    case ExprKind::kInt:
    case ExprKind::kFloat:
    case ExprKind::kString:
    case ExprKind::kFString:
      return "literal";
    case ExprKind::kList:
      return "listexpr";
    case ExprKind::kTuple:
      return "tupleexpr";
    case ExprKind::kDict:
      return "dictexpr";
    case ExprKind::kComprehension:
      return "comprehension";
    case ExprKind::kUnary:
      return "unaryexpr";
    case ExprKind::kBinary:
      return "binaryexpr";
    case ExprKind::kCond:
      return "condexpr";
    case ExprKind::kCall:
      return "callexpr";
    case ExprKind::kIndex:
      return "indexexpr";
    case ExprKind::kSlice:
      return "sliceexpr";
    case ExprKind::kDot:
      return "dotexpr";
    case ExprKind::kLambda:
      return "lambdaexpr";
  }
  return "expr";
}

}  // namespace warden::lang
