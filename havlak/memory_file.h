#ifndef HAVLAK_MEMORY_FILE_H_
#define HAVLAK_MEMORY_FILE_H_

// A file that lives in memory only (memfd_create), for libraries that will
// only write to a file name: gperftools' CPU profiler, jemalloc's heap
// dumps. They write to path(), "/proc/self/fd/N"; nothing reaches the disk
// until the bytes are taken out and written with OutputFile. A full disk
// then gives our error, not the library's abort, and an interrupted run
// leaves nothing behind.
//
// Example:
//   MemoryFile file;
//   if (Status status = file.Create("cpu.prof"); !status.ok()) ...
//   ProfilerStart(file.path().c_str());
//   ... ProfilerStop(); file.ReadAll(&bytes) ...

#include <string>

#include "havlak/status.h"

namespace havlak {

class MemoryFile {
 public:
  MemoryFile() = default;
  ~MemoryFile();
  MemoryFile(const MemoryFile&) = delete;
  MemoryFile& operator=(const MemoryFile&) = delete;

  // `name` shows in /proc/PID/fd only.
  Status Create(const char* name);
  // Where to write it: a name any open() accepts.
  const std::string& path() const { return path_; }
  // Replaces `bytes` with all the bytes written so far.
  Status ReadAll(std::string* bytes) const;

 private:
  int fd_ = -1;
  std::string path_;
};

}  // namespace havlak

#endif  // HAVLAK_MEMORY_FILE_H_
