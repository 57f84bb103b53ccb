/* havlak-spawn: runs a program from a small process, so that its peak
 * resident memory is its own.
 *
 * Linux carries a process's peak RSS (ru_maxrss) across fork and exec: a
 * program started straight from the runner (a Python process of 20 MiB or
 * more) reports at least the runner's size, whatever it used itself. Started
 * from this program (about 1 MiB), it reports its own.
 *
 * Usage: havlak-spawn FD PROGRAM [ARG...]
 * Forks, executes PROGRAM in the child, waits for it with wait4 and writes
 * "status maxrss_kib user_seconds system_seconds\n" to file descriptor FD,
 * where status is the child's exit code, or 128 + the signal that ended
 * it. Exits 0 once the line is written; 127 if PROGRAM cannot be executed
 * (the line says 127 too); 125 on its own errors. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: havlak-spawn FD PROGRAM [ARG...]\n");
    return 125;
  }
  int fd = atoi(argv[1]);
  FILE *report = fdopen(fd, "w");
  if (report == NULL) {
    perror("havlak-spawn: report descriptor");
    return 125;
  }
  pid_t child = fork();
  if (child < 0) {
    perror("havlak-spawn: fork");
    return 125;
  }
  if (child == 0) {
    close(fd);
    execvp(argv[2], argv + 2);
    fprintf(stderr, "havlak-spawn: cannot run %s: %s\n", argv[2],
            strerror(errno));
    _exit(127);
  }
  int status;
  struct rusage usage;
  while (wait4(child, &status, 0, &usage) < 0) {
    if (errno != EINTR) {
      perror("havlak-spawn: wait4");
      return 125;
    }
  }
  int code = WIFEXITED(status) ? WEXITSTATUS(status)
                               : 128 + WTERMSIG(status);
  fprintf(report, "%d %ld %ld.%06ld %ld.%06ld\n", code, usage.ru_maxrss,
          (long)usage.ru_utime.tv_sec, (long)usage.ru_utime.tv_usec,
          (long)usage.ru_stime.tv_sec, (long)usage.ru_stime.tv_usec);
  return fclose(report) == 0 ? 0 : 125;
}
