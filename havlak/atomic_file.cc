#include "havlak/atomic_file.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace havlak {
namespace {

std::string Failure(const std::string& what, const std::string& path) {
  return what + " " + path + ": " + std::strerror(errno);
}

}  // namespace

std::string TemporaryPathFor(const std::string& path) {
  return path + ".tmp." + std::to_string(getpid());
}

std::string WriteFileAtomically(const std::string& path,
                                std::string_view contents) {
  const std::string temporary = TemporaryPathFor(path);
  std::FILE* file = std::fopen(temporary.c_str(), "wb");
  if (file == nullptr) return Failure("cannot write", path);
  const bool written =
      std::fwrite(contents.data(), 1, contents.size(), file) ==
      contents.size();
  if (std::fclose(file) != 0 || !written) {
    std::string error = Failure("cannot write", path);
    std::remove(temporary.c_str());
    return error;
  }
  return CommitTemporaryFile(temporary, path);
}

std::string CommitTemporaryFile(const std::string& temporary,
                                const std::string& path) {
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    std::string error = Failure("cannot rename into", path);
    std::remove(temporary.c_str());
    return error;
  }
  return "";
}

}  // namespace havlak
