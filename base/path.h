// Lexical path helpers (no file-system access: layers that must not do I/O,
// such as the engine, use them too).
#ifndef WARDEN_BASE_PATH_H_
#define WARDEN_BASE_PATH_H_

#include <string_view>

namespace warden::base {

// The text after the last '/': "bash" for "/usr/bin/bash", the whole path
// when it has no '/', and "" when it ends in '/'. Purely lexical (unlike
// basename(3), a trailing slash is not stripped), which is what matching a
// program name or a placeholder's name needs.
inline std::string_view Basename(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace warden::base

#endif  // WARDEN_BASE_PATH_H_
