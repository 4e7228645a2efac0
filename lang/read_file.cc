#include "lang/read_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "lang/memory.h"

namespace warden::lang {
namespace {

// strerror's text with a lower-case first letter, as our messages use.
std::string Reason(int err) {
  std::string text = std::strerror(err);
  if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') text[0] += 'a' - 'A';
  return text;
}

constexpr size_t kPage = 4096;

size_t RoundUpToPage(size_t bytes) {
  return (bytes + kPage - 1) & ~(kPage - 1);
}

}  // namespace

FileText::~FileText() {
  if (capacity_ != 0) UnmapRegion(data_, capacity_);
}

void FileText::Swap(FileText& other) noexcept {
  std::swap(data_, other.data_);
  std::swap(size_, other.size_);
  std::swap(capacity_, other.capacity_);
}

bool ReadFile(const std::string& path, FileText* contents, std::string* error) {
  *contents = FileText();
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *error = Reason(errno);
    return false;
  }
  auto fail = [&](int err) {
    *error = Reason(err);
    *contents = FileText();
    close(fd);
    return false;
  };
  struct stat st;
  if (fstat(fd, &st) != 0) return fail(errno);
  if (S_ISDIR(st.st_mode)) return fail(EISDIR);
  // The size is a hint: a pipe reports 0 and a file may grow; read until
  // end of file either way. One spare byte lets the common case see end of
  // file without growing the buffer.
  size_t size = S_ISREG(st.st_mode) ? static_cast<size_t>(st.st_size) : 0;
  FileText& text = *contents;
  for (;;) {
    if (text.size_ == text.capacity_) {
      size_t capacity =
          RoundUpToPage(text.capacity_ == 0 ? size + 1 : 2 * text.capacity_);
      auto* data = static_cast<char*>(MapRegion(capacity));
      if (data == nullptr) return fail(ENOMEM);
      if (text.size_ > 0) std::memcpy(data, text.data_, text.size_);
      if (text.capacity_ != 0) UnmapRegion(text.data_, text.capacity_);
      text.data_ = data;
      text.capacity_ = capacity;
    }
    ssize_t n = read(fd, text.data_ + text.size_, text.capacity_ - text.size_);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail(errno);
    }
    if (n == 0) break;
    text.size_ += static_cast<size_t>(n);
  }
  close(fd);
  return true;
}

bool ReadFile(const std::string& path, std::string* contents,
              std::string* error) {
  contents->clear();
  FileText text;
  if (!ReadFile(path, &text, error)) return false;
  contents->assign(text.view());
  return true;
}

}  // namespace warden::lang
