// Token kinds of the Starlark scanner and their display names.
//
// Tokens carry no text of their own: a Token is a kind plus the byte range it
// covers in the Source, so scanning allocates nothing per token.
#ifndef WARDEN_LANG_TOKEN_H_
#define WARDEN_LANG_TOKEN_H_

#include <cstdint>
#include <string_view>

namespace warden::lang {

enum class Tok : uint8_t {
  kIllegal,
  kEOF,
  kNewline,
  kIndent,
  kOutdent,
  kIdent,
  kInt,
  kFloat,
  kString,
  kBytes,
  kFString,
  // Punctuation. Keep kPlus first and kArrow last: TokenName quotes this range.
  kPlus,
  kMinus,
  kStar,
  kSlash,
  kSlashSlash,
  kPercent,
  kAmp,
  kPipe,
  kCaret,
  kLtLt,
  kGtGt,
  kTilde,
  kDot,
  kComma,
  kEq,
  kSemi,
  kColon,
  kLParen,
  kRParen,
  kLBrack,
  kRBrack,
  kLBrace,
  kRBrace,
  kLt,
  kGt,
  kGe,
  kLe,
  kEqEq,
  kNe,
  kPlusEq,
  kMinusEq,
  kStarEq,
  kSlashEq,
  kSlashSlashEq,
  kPercentEq,
  kAmpEq,
  kPipeEq,
  kCaretEq,
  kLtLtEq,
  kGtGtEq,
  kStarStar,
  kArrow,
  // Keywords.
  kAnd,
  kBreak,
  kContinue,
  kDef,
  kElif,
  kElse,
  kFor,
  kIf,
  kIn,
  kLambda,
  kLoad,
  kNot,
  kOr,
  kPass,
  kReturn,
  kWhile,
  // Synthesized by the parser from `not in`.
  kNotIn,
  kCount,
};

// One token: its kind and the half-open byte range [pos, end) in the source.
struct Token {
  Tok kind = Tok::kIllegal;
  uint32_t pos = 0;
  uint32_t end = 0;
};

// The spelling of an operator or keyword ("+", "for"), or a description of
// the other kinds ("identifier", "end of file").
std::string_view TokenText(Tok kind);

// How the parser names a token in "got X, want Y" messages, following
// starlark-go: punctuation quoted ('+'), keywords and the rest bare.
std::string TokenName(Tok kind);

// Binary operator precedence, following starlark-go: 0 (`or`) is the
// loosest, 9 (`* / // %`) the tightest, 2 is unary `not`. -1: not a binary
// operator. The parser and the formatter share it.
int BinaryPrecedence(Tok kind);

// The keyword kind for `word`, or kIdent.
Tok KeywordOrIdent(std::string_view word);

}  // namespace warden::lang

#endif  // WARDEN_LANG_TOKEN_H_
