#include "havlak/removed_on_signal.h"

#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <mutex>

namespace havlak {
namespace {

constexpr int kSlots = 16;
constexpr int kMaxPath = 4096;
constexpr int kFree = 0;
constexpr int kFilling = -1;  // taken, the path not yet complete

// Set aside before any signal: the handler may not allocate.
struct Slot {
  std::atomic<int> state{kFree};
  char path[kMaxPath];
};
Slot slots[kSlots];
static_assert(std::atomic<int>::is_always_lock_free,
              "the handler reads the slots' state");

constexpr int kSignals[] = {SIGINT, SIGTERM, SIGHUP};

// getdents64's record; glibc declares no type for it.
struct LinuxDirent64 {
  ino64_t inode;
  off64_t offset;
  unsigned short length;
  unsigned char type;
  char name[];
};

// Only system calls from here on: they are async-signal-safe, opendir and
// readdir (which allocate) are not.
void RemoveFolder(const char* path) {
  const int folder = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (folder >= 0) {
    alignas(LinuxDirent64) char buffer[4096];
    long size = 0;
    while ((size = syscall(SYS_getdents64, folder, buffer, sizeof(buffer))) >
           0) {
      for (long offset = 0; offset < size;) {
        const auto* entry =
            reinterpret_cast<const LinuxDirent64*>(buffer + offset);
        offset += entry->length;
        if (std::strcmp(entry->name, ".") != 0 &&
            std::strcmp(entry->name, "..") != 0) {
          unlinkat(folder, entry->name, 0);
        }
      }
    }
    close(folder);
  }
  rmdir(path);
}

void RemoveRegisteredAndDie(int signal_number) {
  const int saved_errno = errno;
  for (Slot& slot : slots) {
    const int state = slot.state.load(std::memory_order_acquire);
    if (state == RemovedOnSignal::kFile) unlink(slot.path);
    if (state == RemovedOnSignal::kFolder) RemoveFolder(slot.path);
  }
  // Die of the signal itself, with its default action.
  struct sigaction default_action {};
  default_action.sa_handler = SIG_DFL;
  sigaction(signal_number, &default_action, nullptr);
  sigset_t unblock;
  sigemptyset(&unblock);
  sigaddset(&unblock, signal_number);
  pthread_sigmask(SIG_UNBLOCK, &unblock, nullptr);
  raise(signal_number);
  errno = saved_errno;
}

void InstallHandlers() {
  for (const int signal_number : kSignals) {
    struct sigaction current {};
    sigaction(signal_number, nullptr, &current);
    if (current.sa_handler != SIG_DFL) continue;  // ignored, or someone's
    struct sigaction action {};
    action.sa_handler = RemoveRegisteredAndDie;
    sigfillset(&action.sa_mask);  // one handler at a time
    action.sa_flags = SA_RESTART;
    sigaction(signal_number, &action, nullptr);
  }
}

}  // namespace

RemovedOnSignal::RemovedOnSignal(std::string_view path, Kind kind) : slot_(-1) {
  static std::once_flag installed;
  std::call_once(installed, InstallHandlers);
  if (path.size() >= kMaxPath) return;
  for (int i = 0; i < kSlots; ++i) {
    int expected = kFree;
    if (slots[i].state.compare_exchange_strong(expected, kFilling)) {
      path.copy(slots[i].path, path.size());
      slots[i].path[path.size()] = '\0';
      slots[i].state.store(kind, std::memory_order_release);
      slot_ = i;
      return;
    }
  }
}

RemovedOnSignal::~RemovedOnSignal() {
  if (slot_ >= 0) slots[slot_].state.store(kFree, std::memory_order_release);
}

}  // namespace havlak
