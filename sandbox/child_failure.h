// How a set-up step in the forked child reports failure. The child runs
// between fork and exec of a possibly multi-threaded parent, so it may only
// call async-signal-safe functions: no allocation, so steps report static
// strings and pointers into data the parent prepared before fork.
#ifndef WARDEN_SANDBOX_CHILD_FAILURE_H_
#define WARDEN_SANDBOX_CHILD_FAILURE_H_

namespace warden::sandbox {

struct ChildFailure {
  const char* step = "";  // e.g. "landlock_restrict_self"
  const char* path = "";  // the path involved, or ""
  int err = 0;            // errno
};

// Fills `f` and returns false, so a step can `return Fail(f, ...)`.
inline bool Fail(ChildFailure* f, const char* step, int err,
                 const char* path = "") {
  f->step = step;
  f->path = path;
  f->err = err;
  return false;
}

}  // namespace warden::sandbox

#endif  // WARDEN_SANDBOX_CHILD_FAILURE_H_
