/* Shared helpers for the C baselines: a monotonic clock and reading one caps string / pipeline per line. */
#ifndef CAPSFLOW_BENCH_H
#define CAPSFLOW_BENCH_H

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static inline double bench_now (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

/* CPU time of the whole process (all threads): on a loaded machine it says more than wall time. */
static inline double bench_cpu (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

/* Lines of FILE, without their newline; empty lines are kept so indices match the JS side. */
static inline GPtrArray *bench_read_lines (const char *path)
{
  gchar *text = NULL;
  GError *err = NULL;
  if (!g_file_get_contents (path, &text, NULL, &err)) {
    fprintf (stderr, "cannot read %s: %s\n", path, err->message);
    exit (2);
  }
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  gchar **parts = g_strsplit (text, "\n", -1);
  guint n = g_strv_length (parts);
  /* a trailing newline yields one empty last part: drop it */
  if (n > 0 && parts[n - 1][0] == '\0')
    n--;
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (lines, g_strdup (parts[i]));
  g_strfreev (parts);
  g_free (text);
  return lines;
}

#endif
