#include "havlak/standard_stream.h"

#include <fcntl.h>

namespace havlak {

bool StandardStreamIsOpen(int fd) {
  const int flags = fcntl(fd, F_GETFD);
  return flags >= 0 && (flags & FD_CLOEXEC) == 0;
}

}  // namespace havlak
