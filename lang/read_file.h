// Reading a whole file into memory, the one way every layer does it.
//
// Rule files can be megabytes (generated policies): the file is sized with
// fstat and read straight into its final string, instead of streaming it
// through an ostringstream (which copied it several times and dominated
// `warden eval` on a 2 MB file).
#ifndef WARDEN_LANG_READ_FILE_H_
#define WARDEN_LANG_READ_FILE_H_

#include <string>

namespace warden::lang {

// Reads the regular file (or pipe) at `path` into `*contents`. On failure
// returns false, leaves `*contents` empty and sets `*error` to a short
// lower-case reason ("no such file or directory", "is a directory",
// "permission denied", ...), suitable after "cannot read PATH: ".
bool ReadFile(const std::string& path, std::string* contents,
              std::string* error);

}  // namespace warden::lang

#endif  // WARDEN_LANG_READ_FILE_H_
