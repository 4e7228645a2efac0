#include "lang/token.h"

#include <array>
#include <string>

namespace warden::lang {
namespace {

constexpr std::array<std::string_view, static_cast<size_t>(Tok::kCount)>
    kTexts = {
        "illegal token",
        "end of file",
        "newline",
        "indent",
        "outdent",
        "identifier",
        "int literal",
        "float literal",
        "string literal",
        "bytes literal",
        "f-string literal",
        "+",
        "-",
        "*",
        "/",
        "//",
        "%",
        "&",
        "|",
        "^",
        "<<",
        ">>",
        "~",
        ".",
        ",",
        "=",
        ";",
        ":",
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        "<",
        ">",
        ">=",
        "<=",
        "==",
        "!=",
        "+=",
        "-=",
        "*=",
        "/=",
        "//=",
        "%=",
        "&=",
        "|=",
        "^=",
        "<<=",
        ">>=",
        "**",
        "->",
        "and",
        "break",
        "continue",
        "def",
        "elif",
        "else",
        "for",
        "if",
        "in",
        "lambda",
        "load",
        "not",
        "or",
        "pass",
        "return",
        "while",
        "not in",
};

}  // namespace

std::string_view TokenText(Tok kind) {
  auto i = static_cast<size_t>(kind);
  return i < kTexts.size() ? kTexts[i] : "illegal token";
}

std::string TokenName(Tok kind) {
  if (kind >= Tok::kPlus && kind <= Tok::kArrow) {
    return "'" + std::string(TokenText(kind)) + "'";
  }
  return std::string(TokenText(kind));
}

Tok KeywordOrIdent(std::string_view w) {
  if (w.size() < 2 || w.size() > 8) return Tok::kIdent;
  switch (w[0]) {
    case 'a':
      if (w == "and") return Tok::kAnd;
      break;
    case 'b':
      if (w == "break") return Tok::kBreak;
      break;
    case 'c':
      if (w == "continue") return Tok::kContinue;
      break;
    case 'd':
      if (w == "def") return Tok::kDef;
      break;
    case 'e':
      if (w == "elif") return Tok::kElif;
      if (w == "else") return Tok::kElse;
      break;
    case 'f':
      if (w == "for") return Tok::kFor;
      break;
    case 'i':
      if (w == "if") return Tok::kIf;
      if (w == "in") return Tok::kIn;
      break;
    case 'l':
      if (w == "lambda") return Tok::kLambda;
      if (w == "load") return Tok::kLoad;
      break;
    case 'n':
      if (w == "not") return Tok::kNot;
      break;
    case 'o':
      if (w == "or") return Tok::kOr;
      break;
    case 'p':
      if (w == "pass") return Tok::kPass;
      break;
    case 'r':
      if (w == "return") return Tok::kReturn;
      break;
    case 'w':
      if (w == "while") return Tok::kWhile;
      break;
    default:
      break;
  }
  return Tok::kIdent;
}

int BinaryPrecedence(Tok t) {
  switch (t) {
    case Tok::kOr:
      return 0;
    case Tok::kAnd:
      return 1;
    // 2 is `not` (unary)
    case Tok::kEqEq:
    case Tok::kNe:
    case Tok::kLt:
    case Tok::kGt:
    case Tok::kLe:
    case Tok::kGe:
    case Tok::kIn:
    case Tok::kNotIn:
      return 3;
    case Tok::kPipe:
      return 4;
    case Tok::kCaret:
      return 5;
    case Tok::kAmp:
      return 6;
    case Tok::kLtLt:
    case Tok::kGtGt:
      return 7;
    case Tok::kMinus:
    case Tok::kPlus:
      return 8;
    case Tok::kStar:
    case Tok::kPercent:
    case Tok::kSlash:
    case Tok::kSlashSlash:
      return 9;
    default:
      return -1;
  }
}

}  // namespace warden::lang
