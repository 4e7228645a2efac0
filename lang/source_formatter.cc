// The formatter works on the token stream, not on the syntax tree: tokens
// carry every comment's exact neighbour, and re-spacing tokens cannot change
// what they mean. The parser is used before (a file that does not parse is
// refused) and after (the output must parse to the same tree).
//
// Pipeline: scan -> attach each comment to a token (trailing: same line as the
// token before it; leading: otherwise, before the next token) -> split into
// logical lines with their block depth -> per line, build a bracket tree ->
// print each bracket group flat when it fits and holds no comment, else one
// element per line (recursively).
#include "lang/source_formatter.h"

#include <absl/strings/str_cat.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "lang/scanner.h"

namespace warden::lang {
namespace {

constexpr int kIndent = 4;

// Display width in code points; text spanning lines never "fits".
int Width(std::string_view s) {
  if (s.find('\n') != std::string_view::npos) return 1 << 20;
  int w = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++w;
  }
  return w;
}

bool IsOpen(Tok k) {
  return k == Tok::kLParen || k == Tok::kLBrack || k == Tok::kLBrace;
}
bool IsClose(Tok k) {
  return k == Tok::kRParen || k == Tok::kRBrack || k == Tok::kRBrace;
}
bool IsLayout(Tok k) {
  return k == Tok::kNewline || k == Tok::kIndent || k == Tok::kOutdent ||
         k == Tok::kEOF;
}
// Tokens after which `(`/`[` is a call/subscript and `-` is binary.
bool IsOperandEnd(Tok k) {
  switch (k) {
    case Tok::kIdent:
    case Tok::kInt:
    case Tok::kFloat:
    case Tok::kString:
    case Tok::kBytes:
    case Tok::kFString:
    case Tok::kRParen:
    case Tok::kRBrack:
    case Tok::kRBrace:
      return true;
    default:
      return false;
  }
}

// Rewrites a string literal with double quotes when that needs no more
// backslashes than the original; the decoded value never changes.
std::string NormalizeQuotes(std::string_view text) {
  size_t q = text.find_first_of("'\"");
  if (q == std::string_view::npos || text[q] == '"') return std::string(text);
  std::string_view prefix = text.substr(0, q);
  bool raw = prefix.find_first_of("rR") != std::string_view::npos;
  bool fstring = prefix.find_first_of("fF") != std::string_view::npos;
  bool triple = text.substr(q, 3) == "'''";
  size_t quote_len = triple ? 3 : 1;
  if (text.size() < q + 2 * quote_len) return std::string(text);
  std::string_view body =
      text.substr(q + quote_len, text.size() - q - 2 * quote_len);
  bool has_double = body.find('"') != std::string_view::npos;
  std::string quotes = triple ? "\"\"\"" : "\"";
  if (triple || raw || fstring) {
    // Bodies are copied verbatim: only safe when they hold no '"'.
    if (has_double) return std::string(text);
    return std::string(prefix) + quotes + std::string(body) + quotes;
  }
  std::string out;
  int added = 0, removed = 0;
  for (size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (c == '\\' && i + 1 < body.size()) {
      if (body[i + 1] == '\'') {
        out += '\'';
        ++removed;
      } else {
        out += c;
        out += body[i + 1];
      }
      ++i;
    } else if (c == '"') {
      out += "\\\"";
      ++added;
    } else {
      out += c;
    }
  }
  if (added > removed) return std::string(text);
  return std::string(prefix) + "\"" + out + "\"";
}

struct CommentRef {
  std::string_view text;  // without trailing blanks
  int line = 0;
  int col = 0;
  bool blank_before = false;  // a blank line separates it from what precedes
};

struct FTok {
  Tok kind = Tok::kIllegal;
  uint32_t pos = 0;
  uint32_t end = 0;
  std::string text;
  int line = 0;
  int col = 0;
  int end_line = 0;
  std::vector<CommentRef> leading;     // own-line comments before the token
  std::optional<CommentRef> trailing;  // comment later on its last line
  bool blank_before = false;
  bool unary = false;        // prefix + - ~, or * / ** of *args / **kwargs
  bool slice_colon = false;  // `:` of a slice (no spaces around)
};

enum class GroupKind { kCall, kParen, kList, kIndex, kDict };

struct Group;
struct Node {
  int tok = -1;                  // a token, when group is null
  std::shared_ptr<Group> group;  // a bracketed group (shared: pieces copy)
};
using Seq = std::vector<Node>;
struct Elem {
  Seq nodes;
  int comma = -1;  // the comma token after this element, if any
};
struct Group {
  int open = 0;
  int close = 0;
  GroupKind kind = GroupKind::kParen;
  std::vector<Elem> elems;
  bool trailing_comma = false;
  bool comprehension = false;
};

struct LogicalLine {
  std::vector<int> toks;  // indices of real tokens
  int depth = 0;
};

class Formatter {
 public:
  Formatter(const Source& source, const FormatOptions& options)
      : source_(source), options_(options) {}

  bool Run(std::string* out, Diagnostic* error) {
    if (!Scan(error)) return false;
    AttachComments();
    MarkUnary();
    BuildLines();
    Print();
    *out = std::move(out_);
    return true;
  }

 private:
  // ---- scanning -----------------------------------------------------------

  bool Scan(Diagnostic* error) {
    ScanOptions scan;
    scan.allow_tabs = options_.parse.allow_tabs;
    scan.fstrings = options_.parse.fstrings;
    Scanner scanner(source_, scan);
    for (;;) {
      Token t = scanner.Next();
      if (scanner.failed()) {
        *error = MakeDiagnostic(source_, scanner.error().pos,
                                scanner.error().message);
        return false;
      }
      FTok f;
      f.kind = t.kind;
      f.pos = t.pos;
      f.end = t.end;
      if (!IsLayout(t.kind)) {
        std::string_view text = source_.text().substr(t.pos, t.end - t.pos);
        bool is_string = t.kind == Tok::kString || t.kind == Tok::kBytes ||
                         t.kind == Tok::kFString;
        f.text = is_string ? NormalizeQuotes(text) : std::string(text);
        Position p = source_.PositionOf(t.pos);
        f.line = p.line;
        f.col = p.col;
        f.end_line = source_.PositionOf(t.end > t.pos ? t.end - 1 : t.pos).line;
      }
      toks_.push_back(std::move(f));
      if (t.kind == Tok::kEOF) break;
    }
    for (const Comment& c : scanner.comments()) {
      std::string_view text = source_.text().substr(c.pos, c.end - c.pos);
      while (!text.empty() && (text.back() == ' ' || text.back() == '\t' ||
                               text.back() == '\r' || text.back() == '\f')) {
        text.remove_suffix(1);
      }
      Position p = source_.PositionOf(c.pos);
      comments_.push_back(CommentRef{text, p.line, p.col, false});
      comment_pos_.push_back(c.pos);
    }
    return true;
  }

  void AttachComments() {
    std::vector<int> real;
    for (int i = 0; i < static_cast<int>(toks_.size()); ++i) {
      if (!IsLayout(toks_[i].kind)) real.push_back(i);
    }
    // Blank lines: walk tokens and comments in source order.
    size_t ci = 0;
    int last_line = 0;
    auto blank = [&](int line) {
      return last_line > 0 && line - last_line >= 2;
    };
    for (int r : real) {
      while (ci < comments_.size() && comment_pos_[ci] < toks_[r].pos) {
        comments_[ci].blank_before = blank(comments_[ci].line);
        last_line = comments_[ci].line;
        ++ci;
      }
      toks_[r].blank_before = blank(toks_[r].line);
      last_line = toks_[r].end_line;
    }
    for (; ci < comments_.size(); ++ci) {
      comments_[ci].blank_before = blank(comments_[ci].line);
      last_line = comments_[ci].line;
    }
    // Attach.
    size_t next = 0;  // index into `real` of the first token after comment
    for (size_t i = 0; i < comments_.size(); ++i) {
      while (next < real.size() && toks_[real[next]].pos < comment_pos_[i]) {
        ++next;
      }
      if (next > 0 && toks_[real[next - 1]].end_line == comments_[i].line &&
          !toks_[real[next - 1]].trailing.has_value()) {
        toks_[real[next - 1]].trailing = comments_[i];
      } else if (next < real.size()) {
        toks_[real[next]].leading.push_back(comments_[i]);
      } else {
        eof_comments_.push_back(comments_[i]);
      }
    }
  }

  void MarkUnary() {
    Tok prev = Tok::kNewline;
    for (FTok& t : toks_) {
      if (t.kind == Tok::kMinus || t.kind == Tok::kPlus ||
          t.kind == Tok::kTilde) {
        t.unary = !IsOperandEnd(prev);
      } else if (t.kind == Tok::kStar || t.kind == Tok::kStarStar) {
        t.unary =
            prev == Tok::kLParen || prev == Tok::kComma || prev == Tok::kLambda;
      }
      prev = t.kind;
    }
  }

  void BuildLines() {
    int depth = 0;
    LogicalLine current;
    for (int i = 0; i < static_cast<int>(toks_.size()); ++i) {
      switch (toks_[i].kind) {
        case Tok::kIndent:
          ++depth;
          break;
        case Tok::kOutdent:
          --depth;
          break;
        case Tok::kNewline:
        case Tok::kEOF:
          if (!current.toks.empty()) lines_.push_back(std::move(current));
          current = LogicalLine();
          break;
        default:
          if (current.toks.empty()) current.depth = depth;
          current.toks.push_back(i);
          break;
      }
    }
  }

  // ---- bracket trees --------------------------------------------------------

  // Builds the nodes of toks[*i...] up to (not including) a closing bracket
  // or the end of `line`. Inside a group, commas split elements.
  std::shared_ptr<Group> ParseGroup(const std::vector<int>& line, size_t* i,
                                    int prev_tok) {
    auto g = std::make_shared<Group>();
    g->open = line[*i];
    Tok open = toks_[g->open].kind;
    bool after_operand = prev_tok >= 0 && (IsOperandEnd(toks_[prev_tok].kind) ||
                                           toks_[prev_tok].kind == Tok::kLoad);
    if (open == Tok::kLParen) {
      g->kind = after_operand ? GroupKind::kCall : GroupKind::kParen;
    } else if (open == Tok::kLBrack) {
      g->kind = after_operand ? GroupKind::kIndex : GroupKind::kList;
    } else {
      g->kind = GroupKind::kDict;
    }
    ++*i;
    Elem cur;
    int lambdas = 0;
    int prev = g->open;
    while (*i < line.size() && !IsClose(toks_[line[*i]].kind)) {
      int t = line[*i];
      Tok k = toks_[t].kind;
      if (IsOpen(k)) {
        Node n;
        n.group = ParseGroup(line, i, prev);
        prev = n.group->close;
        cur.nodes.push_back(std::move(n));
        continue;
      }
      if (k == Tok::kComma) {
        cur.comma = t;
        g->elems.push_back(std::move(cur));
        cur = Elem();
      } else {
        if (k == Tok::kLambda) ++lambdas;
        if (k == Tok::kColon) {
          if (lambdas > 0) {
            --lambdas;
          } else if (g->kind == GroupKind::kIndex) {
            toks_[t].slice_colon = true;
          }
        }
        if (k == Tok::kFor) g->comprehension = true;
        Node n;
        n.tok = t;
        cur.nodes.push_back(std::move(n));
      }
      prev = t;
      ++*i;
    }
    // The parser accepted the file, so the closing bracket is there.
    g->close = *i < line.size() ? line[*i] : line.back();
    ++*i;
    if (!cur.nodes.empty()) {
      g->elems.push_back(std::move(cur));
    } else if (!g->elems.empty()) {
      g->trailing_comma = true;
    }
    return g;
  }

  Seq ParseLine(const std::vector<int>& line) {
    Seq seq;
    size_t i = 0;
    int prev = -1;
    while (i < line.size()) {
      int t = line[i];
      if (IsOpen(toks_[t].kind)) {
        Node n;
        n.group = ParseGroup(line, &i, prev);
        prev = n.group->close;
        seq.push_back(std::move(n));
        continue;
      }
      Node n;
      n.tok = t;
      seq.push_back(std::move(n));
      prev = t;
      ++i;
    }
    return seq;
  }

  static int FirstTok(const Node& n) { return n.group ? n.group->open : n.tok; }
  static int LastTok(const Node& n) { return n.group ? n.group->close : n.tok; }

  // ---- spacing --------------------------------------------------------------

  bool NeedSpace(int prev, int next) const {
    if (prev < 0) return false;
    const FTok& p = toks_[prev];
    const FTok& n = toks_[next];
    if (IsClose(n.kind) || n.kind == Tok::kComma || n.kind == Tok::kSemi ||
        n.kind == Tok::kDot || n.kind == Tok::kColon) {
      return false;
    }
    if (IsOpen(p.kind) || p.kind == Tok::kDot) return false;
    if (p.kind == Tok::kColon && p.slice_colon) return false;
    if (p.unary) return false;
    if ((n.kind == Tok::kLParen || n.kind == Tok::kLBrack) &&
        (IsOperandEnd(p.kind) || p.kind == Tok::kLoad)) {
      return false;
    }
    return true;
  }

  // ---- flat rendering -------------------------------------------------------

  void AppendTok(std::string* out, int* prev, int t) const {
    if (NeedSpace(*prev, t)) *out += ' ';
    *out += toks_[t].text;
    *prev = t;
  }

  static bool KeepTrailingCommaFlat(const Group& g) {
    return g.trailing_comma &&
           ((g.kind == GroupKind::kParen && g.elems.size() == 1) ||
            g.kind == GroupKind::kIndex);
  }

  static bool CommaWhenBroken(const Group& g) {
    if (g.comprehension) return false;
    switch (g.kind) {
      case GroupKind::kIndex:
        return g.trailing_comma;
      case GroupKind::kParen:
        return g.trailing_comma || g.elems.size() >= 2;
      default:
        return true;
    }
  }

  void FlatSeq(const Seq& seq, std::string* out, int* prev) const {
    for (const Node& n : seq) {
      if (n.group) {
        FlatGroup(*n.group, out, prev);
      } else {
        AppendTok(out, prev, n.tok);
      }
    }
  }

  void FlatGroup(const Group& g, std::string* out, int* prev) const {
    AppendTok(out, prev, g.open);
    for (size_t i = 0; i < g.elems.size(); ++i) {
      FlatSeq(g.elems[i].nodes, out, prev);
      if (g.elems[i].comma >= 0 &&
          (i + 1 < g.elems.size() || KeepTrailingCommaFlat(g))) {
        AppendTok(out, prev, g.elems[i].comma);
      }
    }
    AppendTok(out, prev, g.close);
  }

  // ---- comments inside ------------------------------------------------------

  void CollectToks(const Seq& seq, std::vector<int>* out) const {
    for (const Node& n : seq) {
      if (!n.group) {
        out->push_back(n.tok);
        continue;
      }
      out->push_back(n.group->open);
      for (const Elem& e : n.group->elems) {
        CollectToks(e.nodes, out);
        if (e.comma >= 0) out->push_back(e.comma);
      }
      out->push_back(n.group->close);
    }
  }

  // Comments anywhere but before the first token or after the last.
  bool HasInnerComments(const std::vector<int>& toks) const {
    for (size_t i = 0; i < toks.size(); ++i) {
      const FTok& t = toks_[toks[i]];
      if (i > 0 && !t.leading.empty()) return true;
      if (i + 1 < toks.size() && t.trailing.has_value()) return true;
    }
    return false;
  }

  bool GroupHasComments(const Group& g) const {
    Seq one;
    std::vector<int> toks;
    toks.push_back(g.open);
    for (const Elem& e : g.elems) {
      CollectToks(e.nodes, &toks);
      if (e.comma >= 0) toks.push_back(e.comma);
    }
    toks.push_back(g.close);
    return HasInnerComments(toks);
  }

  // ---- printing -------------------------------------------------------------

  void Write(std::string_view s) {
    out_ += s;
    size_t nl = s.rfind('\n');
    if (nl == std::string_view::npos) {
      col_ += Width(s);
    } else {
      std::string_view last = s.substr(nl + 1);
      col_ = 0;
      for (char c : last) {
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++col_;
      }
    }
  }

  void TrimTrailingBlanks() {
    while (!out_.empty() && out_.back() == ' ') out_.pop_back();
  }

  // Ends the current line (plus one blank line when `blank`) and indents the
  // next one.
  void Newline(int indent, bool blank = false) {
    TrimTrailingBlanks();
    out_ += '\n';
    if (blank) out_ += '\n';
    out_.append(indent, ' ');
    col_ = indent;
    line_indent_ = indent;
  }

  void WriteTrailing(const CommentRef& c) {
    Write("  ");
    Write(c.text);
  }

  bool Fits(int width) const { return width <= options_.max_width; }

  // Prints `seq` starting at the current column; `suffix` is the width of
  // what must follow on the same line (a comma). Returns the comment trailing
  // the last token, which the caller prints (after its comma).
  // Binding strength of a binary operator token, lowest first; -1 when `t`
  // is not a binary operator at this level.
  int OperatorRank(int t) const {
    const FTok& f = toks_[t];
    if (f.unary) return -1;
    switch (f.kind) {
      case Tok::kIf:
      case Tok::kElse:
        return 0;
      case Tok::kIn:  // also the `in` of `for x in`: never a split point
        return -1;
      default: {
        int precedence = BinaryPrecedence(f.kind);
        return precedence < 0 ? -1 : precedence + 1;
      }
    }
  }

  // Where a too-long element inside brackets is split: before each `for` and
  // filter `if` of a comprehension, else before each operator of the weakest
  // binding present. Marks split[k] = 1 at each split point.
  bool FindSplits(const Seq& seq, std::vector<int>* split) const {
    bool any = false;
    bool seen_for = false;
    for (size_t k = 1; k < seq.size(); ++k) {
      if (seq[k].group) continue;
      Tok kind = toks_[seq[k].tok].kind;
      if (kind == Tok::kFor || (seen_for && kind == Tok::kIf)) {
        seen_for = true;
        (*split)[k] = 1;
        any = true;
      }
    }
    if (any) return true;
    int lowest = 1 << 20;
    for (size_t k = 1; k < seq.size(); ++k) {
      if (seq[k].group) continue;
      int rank = OperatorRank(seq[k].tok);
      if (rank >= 0 && rank < lowest) lowest = rank;
    }
    if (lowest == 1 << 20) return false;
    for (size_t k = 1; k < seq.size(); ++k) {
      if (!seq[k].group && OperatorRank(seq[k].tok) == lowest) {
        (*split)[k] = 1;
      }
    }
    return true;
  }

  const CommentRef* EmitSeq(const Seq& seq, int suffix, int* prev,
                            bool in_brackets) {
    std::vector<int> toks;
    CollectToks(seq, &toks);
    const FTok& last = toks_[toks.back()];
    const CommentRef* tail = last.trailing ? &*last.trailing : nullptr;
    if (!HasInnerComments(toks)) {
      std::string flat;
      int p = *prev;
      FlatSeq(seq, &flat, &p);
      if (Fits(col_ + Width(flat) + suffix)) {
        Write(flat);
        *prev = p;
        return tail;
      }
    }
    // Inside brackets, a long expression first splits before its weakest
    // operators (or comprehension clauses), each piece laid out recursively.
    std::vector<int> split(seq.size(), 0);
    if (in_brackets && FindSplits(seq, &split)) {
      size_t begin = 0;
      const CommentRef* piece_tail = nullptr;
      for (size_t k = 1; k <= seq.size(); ++k) {
        if (k < seq.size() && split[k] == 0) continue;
        Seq piece;
        piece.assign(seq.begin() + begin, seq.begin() + k);
        if (begin > 0) {
          if (piece_tail) WriteTrailing(*piece_tail);
          Newline(line_indent_);
          *prev = -1;
          const FTok& head = toks_[FirstTok(piece.front())];
          if (!head.leading.empty())
            EmitLeadingComments(head, line_indent_, false);
        }
        piece_tail =
            EmitSeq(piece, k == seq.size() ? suffix : 0, prev, in_brackets);
        begin = k;
      }
      return piece_tail;
    }
    // Break: every group holding a comment, the last non-empty group, and
    // earlier groups while the text before the first broken one is too long.
    std::vector<bool> brk(seq.size(), false);
    int last_group = -1;
    for (size_t k = 0; k < seq.size(); ++k) {
      if (!seq[k].group) continue;
      if (GroupHasComments(*seq[k].group)) brk[k] = true;
      if (!seq[k].group->elems.empty()) last_group = static_cast<int>(k);
    }
    if (last_group >= 0) brk[last_group] = true;
    bool head_fits = last_group >= 0;
    for (;;) {
      int first = -1;
      for (size_t k = 0; k < seq.size(); ++k) {
        if (brk[k]) {
          first = static_cast<int>(k);
          break;
        }
      }
      if (first < 0) break;
      std::string head;
      int p = *prev;
      for (int k = 0; k < first; ++k) {
        Seq one;  // render node k alone
        if (seq[k].group) {
          FlatGroup(*seq[k].group, &head, &p);
        } else {
          AppendTok(&head, &p, seq[k].tok);
        }
      }
      AppendTok(&head, &p, seq[first].group->open);
      head_fits = Fits(col_ + Width(head));
      if (head_fits) break;
      int earlier = -1;
      for (int k = first - 1; k >= 0; --k) {
        if (seq[k].group && !seq[k].group->elems.empty()) {
          earlier = k;
          break;
        }
      }
      if (earlier < 0) break;
      brk[earlier] = true;
    }
    const int continuation = line_indent_ + kIndent;
    for (size_t k = 0; k < seq.size(); ++k) {
      const Node& n = seq[k];
      int first = FirstTok(n);
      if (k > 0 && !toks_[first].leading.empty()) {
        for (const CommentRef& c : toks_[first].leading) {
          Newline(continuation);
          Write(c.text);
        }
        Newline(continuation);
        *prev = -1;
      }
      if (!n.group) {
        std::string text;
        AppendTok(&text, prev, n.tok);
        Write(text);
      } else if (brk[k]) {
        EmitBrokenGroup(*n.group, prev);
      } else {
        std::string text;
        FlatGroup(*n.group, &text, prev);
        Write(text);
      }
      const FTok& end = toks_[LastTok(n)];
      if (k + 1 < seq.size() && end.trailing) {
        WriteTrailing(*end.trailing);
        Newline(continuation);
        *prev = -1;
      }
    }
    return tail;
  }

  void EmitLeadingComments(const FTok& t, int indent, bool allow_blank) {
    for (size_t j = 0; j < t.leading.size(); ++j) {
      Write(t.leading[j].text);
      bool blank = j + 1 < t.leading.size() ? t.leading[j + 1].blank_before
                                            : t.blank_before;
      Newline(indent, blank && allow_blank);
    }
  }

  // A call whose only argument is a bracketed group that cannot fit on a line
  // of its own "hugs" it: `f([` ... `])` instead of a needless extra level.
  bool ShouldHug(const Group& g) const {
    if (g.kind != GroupKind::kCall || g.elems.size() != 1 || g.trailing_comma ||
        g.elems[0].nodes.size() != 1 || !g.elems[0].nodes[0].group) {
      return false;
    }
    const Group& in = *g.elems[0].nodes[0].group;
    if (in.elems.empty() || toks_[g.open].trailing ||
        !toks_[in.open].leading.empty() || toks_[in.close].trailing ||
        !toks_[g.close].leading.empty()) {
      return false;
    }
    std::string flat;
    int p = -1;
    FlatGroup(in, &flat, &p);
    return GroupHasComments(in) ||
           !Fits(line_indent_ + kIndent + Width(flat) + 1);
  }

  void EmitBrokenGroup(const Group& g, int* prev) {
    const int base = line_indent_;
    const int inner = base + kIndent;
    {
      std::string text;
      AppendTok(&text, prev, g.open);
      Write(text);
    }
    if (ShouldHug(g)) {
      EmitBrokenGroup(*g.elems[0].nodes[0].group, prev);
      std::string text;
      AppendTok(&text, prev, g.close);
      Write(text);
      return;
    }
    if (toks_[g.open].trailing) WriteTrailing(*toks_[g.open].trailing);
    const bool comma_last = CommaWhenBroken(g);
    for (size_t i = 0; i < g.elems.size(); ++i) {
      const Elem& e = g.elems[i];
      const FTok& first = toks_[FirstTok(e.nodes.front())];
      bool blank =
          i > 0 && (first.leading.empty() ? first.blank_before
                                          : first.leading.front().blank_before);
      Newline(inner, blank);
      EmitLeadingComments(first, inner, i > 0);
      int p = -1;
      bool comma = i + 1 < g.elems.size() || comma_last;
      const CommentRef* tail = EmitSeq(e.nodes, comma ? 1 : 0, &p, true);
      if (e.comma >= 0 && !toks_[e.comma].leading.empty()) {
        for (const CommentRef& c : toks_[e.comma].leading) {
          Newline(inner);
          Write(c.text);
        }
        Newline(inner);
      }
      if (comma) Write(",");
      if (tail) WriteTrailing(*tail);
      if (e.comma >= 0 && toks_[e.comma].trailing) {
        if (tail) {
          Newline(inner);
          Write(toks_[e.comma].trailing->text);
        } else {
          WriteTrailing(*toks_[e.comma].trailing);
        }
      }
    }
    for (const CommentRef& c : toks_[g.close].leading) {
      Newline(inner);
      Write(c.text);
    }
    Newline(base);
    *prev = -1;
    std::string text;
    AppendTok(&text, prev, g.close);
    Write(text);
  }

  // ---- statements -----------------------------------------------------------

  // Starts a statement-level line at `depth`.
  void StartLine(int depth, bool blank) {
    if (!out_.empty()) {
      Newline(depth * kIndent, blank);
    } else {
      out_.append(depth * kIndent, ' ');
      col_ = depth * kIndent;
      line_indent_ = col_;
    }
  }

  // Splits the comments before a line's first token into those that close
  // deeper blocks (by their column) and those that lead the line. Returns the
  // block-closing ones with their depth.
  std::vector<std::pair<CommentRef, int>> BlockEndComments(
      std::vector<CommentRef>* leading, int depth, int prev_depth,
      int token_col) {
    std::vector<std::pair<CommentRef, int>> out;
    if (prev_depth <= depth) return out;
    int limit = prev_depth;
    size_t taken = 0;
    for (; taken < leading->size(); ++taken) {
      const CommentRef& c = (*leading)[taken];
      if (c.col <= token_col) break;
      int chosen = -1;
      for (int k = limit; k > depth; --k) {
        if (k < static_cast<int>(block_col_.size()) && block_col_[k] <= c.col) {
          chosen = k;
          break;
        }
      }
      if (chosen < 0) break;
      out.emplace_back(c, chosen);
      limit = chosen;
    }
    leading->erase(leading->begin(), leading->begin() + taken);
    return out;
  }

  void Print() {
    int prev_depth = 0;
    bool first_line = true;
    for (size_t li = 0; li < lines_.size(); ++li) {
      const LogicalLine& line = lines_[li];
      FTok& head = toks_[line.toks.front()];
      auto closing =
          BlockEndComments(&head.leading, line.depth, prev_depth, head.col);
      for (const auto& [c, d] : closing) {
        StartLine(d, c.blank_before);
        Write(c.text);
      }
      // No blank line at the start of the file or of a block.
      bool allow_blank = !first_line && line.depth <= prev_depth;
      bool blank = head.leading.empty() ? head.blank_before
                                        : head.leading.front().blank_before;
      if (!closing.empty()) allow_blank = true;
      StartLine(line.depth, blank && allow_blank);
      if (!head.leading.empty()) {
        EmitLeadingComments(head, line.depth * kIndent, true);
      }
      block_col_.resize(line.depth + 1);
      block_col_[line.depth] = head.col;
      Seq seq = ParseLine(line.toks);
      int prev = -1;
      const CommentRef* tail = EmitSeq(seq, 0, &prev, false);
      if (tail) WriteTrailing(*tail);
      prev_depth = line.depth;
      first_line = false;
    }
    std::vector<CommentRef> rest = eof_comments_;
    auto closing = BlockEndComments(&rest, 0, prev_depth, 1);
    for (const auto& [c, d] : closing) {
      StartLine(d, c.blank_before);
      Write(c.text);
    }
    for (const CommentRef& c : rest) {
      StartLine(0, c.blank_before);
      Write(c.text);
    }
    TrimTrailingBlanks();
    if (!out_.empty()) out_ += '\n';
  }

  const Source& source_;
  const FormatOptions& options_;
  std::vector<FTok> toks_;
  std::vector<CommentRef> comments_;
  std::vector<uint32_t> comment_pos_;
  std::vector<CommentRef> eof_comments_;
  std::vector<LogicalLine> lines_;
  std::vector<int> block_col_;
  std::string out_;
  int col_ = 0;
  int line_indent_ = 0;
};

// ---- fingerprints -----------------------------------------------------------

class Fingerprinter {
 public:
  std::string out;

  void Stmts(const ArenaSpan<Stmt*>& stmts) {
    out += "{";
    for (const Stmt* s : stmts) Statement(s);
    out += "}";
  }

  void Statement(const Stmt* s) {
    switch (s->kind) {
      case StmtKind::kExpr:
        out += "(expr ";
        E(static_cast<const ExprStmt*>(s)->x);
        break;
      case StmtKind::kAssign: {
        auto* a = static_cast<const AssignStmt*>(s);
        absl::StrAppend(&out, "(assign ", static_cast<int>(a->op), " ");
        E(a->lhs);
        E(a->rhs);
        break;
      }
      case StmtKind::kDef: {
        auto* d = static_cast<const DefStmt*>(s);
        out += "(def ";
        E(d->name);
        Fn(d->fn);
        break;
      }
      case StmtKind::kIf: {
        auto* i = static_cast<const IfStmt*>(s);
        out += "(if ";
        E(i->cond);
        Stmts(i->then_body);
        Stmts(i->else_body);
        break;
      }
      case StmtKind::kFor: {
        auto* f = static_cast<const ForStmt*>(s);
        out += "(for ";
        E(f->vars);
        E(f->iter);
        Stmts(f->body);
        break;
      }
      case StmtKind::kWhile: {
        auto* w = static_cast<const WhileStmt*>(s);
        out += "(while ";
        E(w->cond);
        Stmts(w->body);
        break;
      }
      case StmtKind::kReturn:
        out += "(return ";
        E(static_cast<const ReturnStmt*>(s)->result);
        break;
      case StmtKind::kBreak:
        out += "(break";
        break;
      case StmtKind::kContinue:
        out += "(continue";
        break;
      case StmtKind::kPass:
        out += "(pass";
        break;
      case StmtKind::kLoad: {
        auto* l = static_cast<const LoadStmt*>(s);
        out += "(load ";
        E(l->module);
        for (uint32_t i = 0; i < l->to.size; ++i) {
          E(l->to[i]);
          if (i < l->from.size) Str(l->from[i]);
        }
        break;
      }
      default:
        absl::StrAppend(&out, "(stmt", static_cast<int>(s->kind));
        break;
    }
    out += ")";
  }

  void Str(std::string_view s) {
    static constexpr char kHex[] = "0123456789abcdef";
    out += "\"";
    for (char c : s) {
      auto u = static_cast<unsigned char>(c);
      if (u < 0x20 || u >= 0x7f || c == '"' || c == '\\') {
        out += "\\x";
        out += kHex[u >> 4];
        out += kHex[u & 15];
      } else {
        out += c;
      }
    }
    out += "\"";
  }

  void Fn(const Function* fn) {
    out += "(fn";
    for (const Param& p : fn->params) {
      absl::StrAppend(&out, " (param ", static_cast<int>(p.kind), " ");
      E(p.name);
      E(p.default_value);
      out += ")";
    }
    if (fn->lambda_body != nullptr) {
      E(fn->lambda_body);
    } else {
      Stmts(fn->body);
    }
    out += ")";
  }

  void E(const Expr* e) {
    if (e == nullptr) {
      out += "_ ";
      return;
    }
    switch (e->kind) {
      case ExprKind::kIdent:
        out += static_cast<const Ident*>(e)->name;
        break;
      case ExprKind::kInt: {
        auto* i = static_cast<const IntLit*>(e);
        if (i->small) {
          absl::StrAppend(&out, "int:", i->value);
        } else {
          out += "bigint:";
          out += i->text;
        }
        break;
      }
      case ExprKind::kFloat:
        out += "float:";
        out += static_cast<const FloatLit*>(e)->text;
        break;
      case ExprKind::kString:
        Str(static_cast<const StringLit*>(e)->value);
        break;
      case ExprKind::kFString: {
        out += "(f";
        for (const FStringPart& p : static_cast<const FStringLit*>(e)->parts) {
          out += " ";
          if (p.expr != nullptr) {
            E(p.expr);
          } else {
            Str(p.text);
          }
        }
        out += ")";
        break;
      }
      case ExprKind::kList:
      case ExprKind::kTuple: {
        out += e->kind == ExprKind::kList ? "[" : "(tuple ";
        for (const Expr* x : static_cast<const ListExpr*>(e)->elems) E(x);
        out += e->kind == ExprKind::kList ? "]" : ")";
        break;
      }
      case ExprKind::kDict: {
        out += "(dict";
        for (const DictEntry& d : static_cast<const DictExpr*>(e)->entries) {
          out += " ";
          E(d.key);
          E(d.value);
        }
        out += ")";
        break;
      }
      case ExprKind::kComprehension: {
        auto* c = static_cast<const Comprehension*>(e);
        out += c->is_dict ? "(dictcomp " : "(listcomp ";
        E(c->body);
        E(c->value);
        for (const CompClause& cl : c->clauses) {
          out += cl.is_for ? "(for " : "(if ";
          E(cl.vars);
          E(cl.iter);
          out += ")";
        }
        out += ")";
        break;
      }
      case ExprKind::kUnary: {
        auto* u = static_cast<const UnaryExpr*>(e);
        absl::StrAppend(&out, "(unary ", static_cast<int>(u->op), " ");
        E(u->x);
        out += ")";
        break;
      }
      case ExprKind::kBinary: {
        auto* b = static_cast<const BinaryExpr*>(e);
        absl::StrAppend(&out, "(binary ", static_cast<int>(b->op), " ");
        E(b->x);
        E(b->y);
        out += ")";
        break;
      }
      case ExprKind::kCond: {
        auto* c = static_cast<const CondExpr*>(e);
        out += "(cond ";
        E(c->cond);
        E(c->then_expr);
        E(c->else_expr);
        out += ")";
        break;
      }
      case ExprKind::kCall: {
        auto* c = static_cast<const CallExpr*>(e);
        out += "(call ";
        E(c->fn);
        for (const Argument& a : c->args) {
          absl::StrAppend(&out, "(arg ", static_cast<int>(a.kind), " ");
          E(a.name);
          E(a.value);
          out += ")";
        }
        out += ")";
        break;
      }
      case ExprKind::kIndex: {
        auto* i = static_cast<const IndexExpr*>(e);
        out += "(index ";
        E(i->x);
        E(i->index);
        out += ")";
        break;
      }
      case ExprKind::kSlice: {
        auto* s = static_cast<const SliceExpr*>(e);
        out += "(slice ";
        E(s->x);
        E(s->lo);
        E(s->hi);
        E(s->step);
        out += ")";
        break;
      }
      case ExprKind::kDot: {
        auto* d = static_cast<const DotExpr*>(e);
        out += "(dot ";
        E(d->x);
        out += d->name;
        out += ")";
        break;
      }
      case ExprKind::kLambda:
        out += "(lambda ";
        Fn(static_cast<const LambdaExpr*>(e)->fn);
        out += ")";
        break;
      default:
        absl::StrAppend(&out, "(expr", static_cast<int>(e->kind), ")");
        break;
    }
    out += " ";
  }
};

}  // namespace

std::string SyntaxFingerprint(const File& file) {
  Fingerprinter f;
  f.Stmts(file.stmts);
  return std::move(f.out);
}

bool FormatSource(const Source& source, const FormatOptions& options,
                  std::string* out, Diagnostic* error) {
  std::unique_ptr<File> before = Parse(source, options.parse, error);
  if (before == nullptr) return false;
  std::string formatted;
  if (!Formatter(source, options).Run(&formatted, error)) return false;
  // Self-check: the output must parse to the same tree.
  Source after_source(source.name(), formatted);
  Diagnostic after_error;
  std::unique_ptr<File> after =
      Parse(after_source, options.parse, &after_error);
  if (after == nullptr ||
      SyntaxFingerprint(*before) != SyntaxFingerprint(*after)) {
    error->severity = Severity::kError;
    error->file = source.name();
    error->pos = Position{};
    error->source_line.clear();
    error->backtrace.clear();
    error->message =
        "internal error: formatting would change the meaning of this file, "
        "so it was left as is (please report this)";
    if (after == nullptr) {
      absl::StrAppend(&error->message,
                      "; the formatted text fails with: ", after_error.message,
                      " at line ", after_error.pos.line);
    }
    return false;
  }
  *out = std::move(formatted);
  return true;
}

}  // namespace warden::lang
