#include "subprocess.h"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

extern char** environ;

namespace havlak::testing {
namespace {

void Check(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string(what) + ": " + strerror(errno));
}

// posix_spawn's argv and envp: pointers into `argv`, `env` and environ,
// which must outlive them. `env` comes first: getenv takes the first of two
// entries with the same name.
struct SpawnArguments {
  SpawnArguments(const std::vector<std::string>& argv,
                 const std::vector<std::string>& env) {
    for (const std::string& arg : argv) {
      args.push_back(const_cast<char*>(arg.c_str()));
    }
    args.push_back(nullptr);
    for (const std::string& entry : env) {
      environment.push_back(const_cast<char*>(entry.c_str()));
    }
    for (char** entry = environ; *entry != nullptr; ++entry) {
      environment.push_back(*entry);
    }
    environment.push_back(nullptr);
  }
  std::vector<char*> args;
  std::vector<char*> environment;
};

}  // namespace

ProcessResult RunProcess(const std::vector<std::string>& argv,
                         const std::string& input,
                         const std::vector<std::string>& env) {
  // A child that exits without reading its input must not kill the test.
  std::signal(SIGPIPE, SIG_IGN);
  int in[2], out[2], err[2];
  Check(pipe(in) == 0 && pipe(out) == 0 && pipe(err) == 0, "pipe");

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in[0], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err[1], STDERR_FILENO);
  for (const int fd : {in[0], in[1], out[0], out[1], err[0], err[1]}) {
    posix_spawn_file_actions_addclose(&actions, fd);
  }
  SpawnArguments spawn(argv, env);
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, spawn.args[0], &actions, nullptr,
                                   spawn.args.data(), spawn.environment.data());
  posix_spawn_file_actions_destroy(&actions);
  close(in[0]);
  close(out[1]);
  close(err[1]);
  if (spawned != 0) {
    errno = spawned;
    Check(false, argv[0].c_str());
  }

  // Feed stdin and drain both outputs together, so no pipe fills up.
  ProcessResult result;
  size_t written = 0;
  if (input.empty()) {
    close(in[1]);
    in[1] = -1;
  }
  while (true) {
    pollfd fds[3] = {
        {out[0], POLLIN, 0}, {err[0], POLLIN, 0}, {in[1], POLLOUT, 0}};
    if (fds[0].fd < 0 && fds[1].fd < 0) break;
    Check(poll(fds, 3, -1) >= 0 || errno == EINTR, "poll");
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      char buffer[65536];
      const ssize_t n = read(fds[i].fd, buffer, sizeof(buffer));
      if (n > 0) {
        (i == 0 ? result.out : result.err).append(buffer, n);
      } else {
        close(fds[i].fd);
        (i == 0 ? out[0] : err[0]) = -1;
      }
    }
    if (in[1] >= 0 && fds[2].revents != 0) {
      const ssize_t n =
          write(in[1], input.data() + written, input.size() - written);
      if (n > 0) written += n;
      if (n <= 0 || written == input.size()) {
        close(in[1]);
        in[1] = -1;
      }
    }
  }
  if (in[1] >= 0) close(in[1]);
  int status = 0;
  Check(waitpid(pid, &status, 0) == pid, "waitpid");
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  return result;
}

BackgroundProcess::BackgroundProcess(const std::vector<std::string>& argv,
                                     const std::vector<std::string>& env) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  for (const int fd : {STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO}) {
    posix_spawn_file_actions_addopen(
        &actions, fd, "/dev/null", fd == STDIN_FILENO ? O_RDONLY : O_WRONLY, 0);
  }
  SpawnArguments spawn(argv, env);
  // The child starts with default signal actions, whatever the test's.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t all;
  sigfillset(&all);
  posix_spawnattr_setsigdefault(&attributes, &all);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF);
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, spawn.args[0], &actions, &attributes,
                                   spawn.args.data(), spawn.environment.data());
  posix_spawnattr_destroy(&attributes);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    errno = spawned;
    Check(false, argv[0].c_str());
  }
  pid_ = pid;
}

BackgroundProcess::~BackgroundProcess() {
  if (!Ended()) {
    kill(pid_, SIGKILL);
    Wait();
  }
}

void BackgroundProcess::Signal(int signal_number) {
  if (!Ended()) kill(pid_, signal_number);
}

bool BackgroundProcess::Ended() {
  if (!waited_ && waitpid(pid_, &status_, WNOHANG) == pid_) waited_ = true;
  return waited_;
}

ProcessResult BackgroundProcess::Wait() {
  if (!waited_) {
    Check(waitpid(pid_, &status_, 0) == pid_, "waitpid");
    waited_ = true;
  }
  ProcessResult result;
  result.exit_code = WIFEXITED(status_) ? WEXITSTATUS(status_) : -1;
  result.signal = WIFSIGNALED(status_) ? WTERMSIG(status_) : 0;
  return result;
}

TemporaryDirectory::TemporaryDirectory() {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "havlak-test-XXXXXX").string();
  Check(mkdtemp(pattern.data()) != nullptr, "mkdtemp");
  path_ = pattern;
}

TemporaryDirectory::~TemporaryDirectory() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string TemporaryDirectory::Path(const std::string& name) const {
  return path_ + "/" + name;
}

std::string TemporaryDirectory::Write(const std::string& name,
                                      const std::string& contents) const {
  const std::string path = Path(name);
  std::ofstream(path, std::ios::binary) << contents;
  return path;
}

// HAVLAK_TEST_BIN_DIR runs the end-to-end tests on other binaries (an
// older build, to see a test fail without its fix).
std::string BinaryPath(const std::string& name) {
  const char* other = std::getenv("HAVLAK_TEST_BIN_DIR");
  return std::string(other != nullptr ? other : HAVLAK_BIN_DIR) + "/" + name;
}

}  // namespace havlak::testing
