#include "havlak/memory_file.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace havlak {

MemoryFile::~MemoryFile() {
  if (fd_ >= 0) close(fd_);
}

Status MemoryFile::Create(const char* name) {
  fd_ = memfd_create(name, MFD_CLOEXEC);
  if (fd_ < 0) {
    return Status::Error(std::string("cannot create a file in memory: ") +
                         std::strerror(errno));
  }
  path_ = "/proc/self/fd/" + std::to_string(fd_);
  return Status();
}

Status MemoryFile::ReadAll(std::string* bytes) const {
  bytes->clear();
  char buffer[1 << 16];
  for (off_t offset = 0;;) {
    const ssize_t read = pread(fd_, buffer, sizeof(buffer), offset);
    if (read < 0 && errno == EINTR) continue;
    if (read < 0) {
      return Status::Error(std::string("cannot read a file in memory: ") +
                           std::strerror(errno));
    }
    if (read == 0) return Status();
    bytes->append(buffer, static_cast<std::size_t>(read));
    offset += read;
  }
}

}  // namespace havlak
