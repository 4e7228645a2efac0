#include "lang/read_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "lang/memory.h"

namespace warden::lang {
namespace {

// strerror's text with a lower-case first letter, as our messages use.
std::string Reason(int err) {
  std::string text = std::strerror(err);
  if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') text[0] += 'a' - 'A';
  return text;
}

}  // namespace

bool ReadFile(const std::string& path, std::string* contents,
              std::string* error) {
  contents->clear();
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *error = Reason(errno);
    return false;
  }
  struct stat st;
  if (fstat(fd, &st) != 0) {
    *error = Reason(errno);
    close(fd);
    return false;
  }
  if (S_ISDIR(st.st_mode)) {
    *error = Reason(EISDIR);
    close(fd);
    return false;
  }
  // The size is a hint: a pipe reports 0 and a file may grow; read until
  // end of file either way. One spare byte lets the common case see end of
  // file without growing the buffer.
  size_t size = S_ISREG(st.st_mode) ? static_cast<size_t>(st.st_size) : 0;
  contents->reserve(size + (size > 0 ? 1 : 4096));
  PopulateForWrite(contents->data(), contents->capacity());
  contents->resize(contents->capacity());
  size_t used = 0;
  for (;;) {
    if (used == contents->size()) contents->resize(contents->size() * 2);
    ssize_t n = read(fd, contents->data() + used, contents->size() - used);
    if (n < 0) {
      if (errno == EINTR) continue;
      *error = Reason(errno);
      contents->clear();
      close(fd);
      return false;
    }
    if (n == 0) break;
    used += static_cast<size_t>(n);
  }
  close(fd);
  contents->resize(used);
  return true;
}

}  // namespace warden::lang
