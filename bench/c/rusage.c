/* For bench/suites/cli.mjs: run a command and write its CPU time (user and system, microseconds, from
 * wait4's rusage, which /usr/bin/time prints only to 10 ms) and its exit status to FILE as
 * "USER_US SYS_US STATUS". The command's stdin is closed; stdout and stderr are the wrapper's.
 *
 *   rusage FILE COMMAND [ARGS...] */
#include <gst/gst.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main (int argc, char **argv)
{
  if (argc < 3) {
    fprintf (stderr, "usage: rusage FILE COMMAND [ARGS...]\n");
    return 125;
  }
  pid_t pid = fork ();
  if (pid < 0) return 125;
  if (pid == 0) {
    execvp (argv[2], argv + 2);
    perror (argv[2]);
    _exit (127);
  }
  int status;
  struct rusage ru;
  if (wait4 (pid, &status, 0, &ru) < 0) return 125;
  FILE *f = fopen (argv[1], "w");
  if (!f) return 125;
  int code = WIFEXITED (status) ? WEXITSTATUS (status) : 128 + WTERMSIG (status);
  fprintf (f, "%ld %ld %d\n", (long) ru.ru_utime.tv_sec * 1000000L + ru.ru_utime.tv_usec, (long) ru.ru_stime.tv_sec * 1000000L + ru.ru_stime.tv_usec, code);
  fclose (f);
  return code;
}
