#ifndef HAVLAK_REMOVED_ON_SIGNAL_H_
#define HAVLAK_REMOVED_ON_SIGNAL_H_

// Temporary files and folders that must not outlive the process. If SIGINT,
// SIGTERM or SIGHUP ends it while one is registered, a signal handler
// removes it, then the process dies of the signal as it would have, so its
// exit status still names the signal. Signals the process was started
// ignoring stay ignored. At most 16 paths are registered at once (the
// handler can only use storage set aside before it runs); a path past
// that, or longer than 4095 bytes, is not protected.
//
// Example:
//   const RemovedOnSignal guard(temporary, RemovedOnSignal::kFile);
//   ... create, write and rename `temporary` ...
//   // the destructor unregisters it

#include <string_view>

namespace havlak {

class RemovedOnSignal {
 public:
  enum Kind {
    kFile = 1,
    kFolder = 2,  // the files in it, then the folder
  };

  RemovedOnSignal(std::string_view path, Kind kind);
  ~RemovedOnSignal();
  RemovedOnSignal(const RemovedOnSignal&) = delete;
  RemovedOnSignal& operator=(const RemovedOnSignal&) = delete;

 private:
  int slot_;  // -1: not registered
};

}  // namespace havlak

#endif  // HAVLAK_REMOVED_ON_SIGNAL_H_
