// The `<CMD>` of Codex's reason texts: Codex renders commands with the Rust
// shlex crate's try_join (version 1.3), falling back to a plain space join
// when a word holds a NUL byte. Its quoting differs from POSIX-minimal
// quoting, and the texts must match Codex byte for byte, so this is a
// faithful re-implementation of that behaviour:
//
//  * an empty word is '';
//  * otherwise the word is cut into chunks, each as long as one style can
//    write it, preferring bare > '...' > "...": bare only for ASCII letters,
//    digits and + - . / : @ ] _; single quotes for anything but ' \ and ^;
//    double quotes (with \ before $ ` " \) for anything but $ ` ! ^; bytes
//    above 0x7f never bare; a chunk that starts with ^ is single-quoted.
//
// So `a b` is 'a b', `don't` is "don't", `x=1` is 'x=1', and `$x'` is
// '$x'"'".
#ifndef WARDEN_ENGINE_APPROVAL_CODEX_QUOTE_H_
#define WARDEN_ENGINE_APPROVAL_CODEX_QUOTE_H_

#include <span>
#include <string>
#include <string_view>

namespace warden::engine::approval {

std::string CodexShellQuote(std::string_view word);
std::string CodexShellJoin(std::span<const std::string> argv);

}  // namespace warden::engine::approval

#endif  // WARDEN_ENGINE_APPROVAL_CODEX_QUOTE_H_
