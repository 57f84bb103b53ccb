#include "havlak/output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <utility>

#include "havlak/standard_stream.h"
#include "havlak/text_format.h"

namespace havlak {
namespace {

// Follows symbolic links until a path that is not one (it may not exist).
// Returns 0 or an errno.
int FollowLinks(std::string& path) {
  for (int hops = 0; hops < 40; ++hops) {
    struct stat status {};
    if (lstat(path.c_str(), &status) != 0) {
      return errno == ENOENT ? 0 : errno;
    }
    if (!S_ISLNK(status.st_mode)) return 0;
    std::string link(status.st_size > 0 ? status.st_size + 1 : 4096, '\0');
    const ssize_t length = readlink(path.c_str(), link.data(), link.size());
    if (length < 0) return errno;
    link.resize(length);
    if (link.starts_with('/')) {
      path = link;
    } else {
      const std::size_t slash = path.rfind('/');
      path = (slash == path.npos ? "" : path.substr(0, slash + 1)) + link;
    }
  }
  return ELOOP;
}

void IgnoreFileSizeSignal() {
  struct sigaction current {};
  sigaction(SIGXFSZ, nullptr, &current);
  if (current.sa_handler == SIG_DFL) std::signal(SIGXFSZ, SIG_IGN);
}

}  // namespace

OutputFile::~OutputFile() { Abandon(); }

std::string OutputFile::Name() const {
  return path_ == "-" ? "<stdout>" : PrintableName(path_);
}

Status OutputFile::Failure(std::string_view what, int error) {
  std::string message =
      std::string(what) + " " + Name() + ": " + std::strerror(error);
  Abandon();
  return Status::Error(std::move(message));
}

void OutputFile::Abandon() {
  if (fd_ >= 0 && owns_fd_) close(fd_);
  fd_ = -1;
  if (!temporary_.empty()) unlink(temporary_.c_str());
  temporary_.clear();
  guard_.reset();
}

Status OutputFile::Open(const std::string& path) {
  Abandon();
  path_ = path;
  IgnoreFileSizeSignal();
  if (path == "-") {
    if (!StandardStreamIsOpen(STDOUT_FILENO)) {
      return Status::Error("cannot write <stdout>: standard output is closed");
    }
    std::fflush(stdout);  // what was printed before comes first
    fd_ = STDOUT_FILENO;
    owns_fd_ = false;
    return Status();
  }
  target_ = path;
  if (const int error = FollowLinks(target_); error != 0) {
    return Failure("cannot write", error);
  }
  owns_fd_ = true;
  struct stat status {};
  const bool exists = stat(target_.c_str(), &status) == 0;
  if (exists && S_ISDIR(status.st_mode)) return Failure("cannot write", EISDIR);
  if (exists && !S_ISREG(status.st_mode)) {
    fd_ = open(target_.c_str(), O_WRONLY | O_CLOEXEC);
    return fd_ < 0 ? Failure("cannot write", errno) : Status();
  }
  // A new name per attempt: registered before it exists, so a signal
  // between open() and the guard cannot leave it behind.
  static std::atomic<int> counter{0};
  for (int attempt = 0; attempt < 100; ++attempt) {
    temporary_ = target_ + ".tmp." + std::to_string(getpid()) + "." +
                 std::to_string(counter++);
    guard_ =
        std::make_unique<RemovedOnSignal>(temporary_, RemovedOnSignal::kFile);
    fd_ =
        open(temporary_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd_ >= 0) break;
    const int error = errno;
    temporary_.clear();
    guard_.reset();
    if (error != EEXIST) return Failure("cannot write", error);
  }
  if (fd_ < 0) return Failure("cannot write", EEXIST);
  // A replaced file keeps its permissions; a new one gets the umask's.
  if (exists && fchmod(fd_, status.st_mode & 07777) != 0) {
    return Failure("cannot write", errno);
  }
  return Status();
}

Status OutputFile::Write(std::string_view bytes) {
  if (fd_ < 0) return Status::Error("cannot write " + Name() + ": not open");
  while (!bytes.empty()) {
    const ssize_t written = write(fd_, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return Failure("cannot write", errno);
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
  return Status();
}

Status OutputFile::Commit() {
  if (fd_ < 0) return Status::Error("cannot write " + Name() + ": not open");
  if (temporary_.empty()) {
    if (owns_fd_ && close(fd_) != 0) {
      fd_ = -1;
      return Failure("cannot write", errno);
    }
    fd_ = -1;
    return Status();
  }
  // Flushed before the rename, so the name never points at a file the
  // disk has not got (a full disk can surface only here).
  if (fsync(fd_) != 0) return Failure("cannot write", errno);
  const int closed = close(fd_);
  fd_ = -1;
  if (closed != 0) return Failure("cannot write", errno);
  if (rename(temporary_.c_str(), target_.c_str()) != 0) {
    return Failure("cannot rename into", errno);
  }
  temporary_.clear();
  guard_.reset();
  return Status();
}

Status WriteOutputFile(const std::string& path, std::string_view contents) {
  OutputFile out;
  if (Status status = out.Open(path); !status.ok()) return status;
  if (Status status = out.Write(contents); !status.ok()) return status;
  return out.Commit();
}

}  // namespace havlak
