#ifndef HAVLAK_OUTPUT_FILE_H_
#define HAVLAK_OUTPUT_FILE_H_

// Every file the suite writes (--dump-cfg, --cpuprofile, --heapprofile, the
// benchmark's CFG file) goes through here: complete or not at all, and
// never in place of something that is not ours to replace. Where the bytes
// go depends on what the path names:
//
//   "-"                          standard output
//   nothing yet, or a regular    a temporary file in the same folder,
//   file                         renamed over it once complete (atomic)
//   a symbolic link              its target, by these rules; the link stays
//   a device, FIFO or socket     written in place: never replaced (a FIFO's
//                                open() waits for a reader)
//   a folder                     refused
//
// The temporary file is removed on failure, when the OutputFile is
// destroyed without Commit(), and when SIGINT, SIGTERM or SIGHUP end the
// process (removed_on_signal.h). A write past the file size limit fails
// with "File too large" instead of killing the process (SIGXFSZ ignored).
//
// Example:
//   OutputFile out;
//   if (Status status = out.Open(path); !status.ok()) { ... }
//   ... out.Write(bytes) ...
//   if (Status status = out.Commit(); !status.ok()) { ... }

#include <memory>
#include <string>
#include <string_view>

#include "havlak/removed_on_signal.h"
#include "havlak/status.h"

namespace havlak {

class OutputFile {
 public:
  OutputFile() = default;
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  // A failure names the path and the cause.
  Status Open(const std::string& path);
  Status Write(std::string_view bytes);
  // Makes the file complete: flushed, and renamed into place.
  Status Commit();

  bool is_open() const { return fd_ >= 0; }

 private:
  std::string Name() const;  // for messages: printable, "<stdout>" for "-"
  // Abandons the file; `what` and the path and strerror(error).
  Status Failure(std::string_view what, int error);
  void Abandon();

  std::string path_;       // as given, for messages
  std::string target_;     // `path_` with symbolic links followed
  std::string temporary_;  // "": written in place
  std::unique_ptr<RemovedOnSignal> guard_;
  int fd_ = -1;
  bool owns_fd_ = false;  // false for standard output
};

// Open, Write and Commit in one.
Status WriteOutputFile(const std::string& path, std::string_view contents);

}  // namespace havlak

#endif  // HAVLAK_OUTPUT_FILE_H_
