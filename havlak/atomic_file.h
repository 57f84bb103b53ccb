#ifndef HAVLAK_ATOMIC_FILE_H_
#define HAVLAK_ATOMIC_FILE_H_

// Files are written under a temporary name and renamed into place, so a
// reader never sees one half-written.

#include <string>
#include <string_view>

namespace havlak {

// The temporary name `path` is written under before the rename.
std::string TemporaryPathFor(const std::string& path);

// Returns "" or an error naming the file.
std::string WriteFileAtomically(const std::string& path,
                                std::string_view contents);

// Renames a finished temporary file into place; returns "" or an error.
std::string CommitTemporaryFile(const std::string& temporary,
                                const std::string& path);

}  // namespace havlak

#endif  // HAVLAK_ATOMIC_FILE_H_
