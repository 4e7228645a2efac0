// Reading a whole file into memory, the one way every layer does it.
//
// Rule files can be megabytes (generated policies): the file is sized with
// fstat and read straight into its final buffer, instead of streaming it
// through an ostringstream (which copied it several times and dominated
// `warden eval` on a 2 MB file). The buffer of a FileText is memory mapped
// for it (MapRegion: populated up front, huge pages from 2 MiB), so neither
// zero-filling a std::string nor first writes to 4 KiB pages cost time.
#ifndef WARDEN_LANG_READ_FILE_H_
#define WARDEN_LANG_READ_FILE_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace warden::lang {

// The bytes of a file, in a buffer of their own. Move-only.
class FileText {
 public:
  FileText() = default;
  FileText(FileText&& other) noexcept { Swap(other); }
  FileText& operator=(FileText&& other) noexcept {
    FileText old(std::move(other));
    Swap(old);
    return *this;
  }
  ~FileText();

  std::string_view view() const { return {data_, size_}; }

 private:
  friend bool ReadFile(const std::string& path, FileText* contents,
                       std::string* error);
  void Swap(FileText& other) noexcept;

  char* data_ = nullptr;
  size_t size_ = 0;
  size_t capacity_ = 0;  // of the mapping; 0 when nothing is mapped
};

// Reads the regular file (or pipe) at `path` into `*contents`. On failure
// returns false, leaves `*contents` empty and sets `*error` to a short
// lower-case reason ("no such file or directory", "is a directory",
// "permission denied", ...), suitable after "cannot read PATH: ".
bool ReadFile(const std::string& path, FileText* contents, std::string* error);
// The same into a std::string (one copy more; for small files).
bool ReadFile(const std::string& path, std::string* contents,
              std::string* error);

}  // namespace warden::lang

#endif  // WARDEN_LANG_READ_FILE_H_
