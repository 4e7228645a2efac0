// The universe table and method installation.
#include "stdlib/universe.h"

#include <mutex>

#include "stdlib/internal.h"

namespace warden::stdlib {

void InstallMethods() {
  static std::once_flag once;
  std::call_once(once, [] {
    RegisterStringMethods();
    RegisterListMethods();
    RegisterDictMethods();
  });
}

const lang::Predeclared& Universe() {
  static const lang::Predeclared* universe = [] {
    InstallMethods();
    auto* p = new lang::Predeclared();
    AddCoreBuiltins(*p);
    return p;
  }();
  return *universe;
}

}  // namespace warden::stdlib
