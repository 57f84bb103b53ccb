#ifndef HAVLAK_STANDARD_STREAM_H_
#define HAVLAK_STANDARD_STREAM_H_

namespace havlak {

// Whether standard input (fd 0) or output (fd 1) was open when the program
// started. Started with one closed (`<&-`, `>&-`), a process gives that
// descriptor to the first file it opens, and libraries open some before
// main (libunwind's pipe): reading or writing it would use theirs. A
// descriptor inherited across exec never has FD_CLOEXEC set, and theirs
// have: so one with it set is not the standard stream.
bool StandardStreamIsOpen(int fd);

}  // namespace havlak

#endif  // HAVLAK_STANDARD_STREAM_H_
