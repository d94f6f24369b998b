/* C baseline for bench/suites/negotiate.mjs: real GStreamer takes each pipeline to PAUSED in-process.
 *
 *   pipelines verdicts FILE TIMEOUT_MS [PASSES]
 *       one JSON line per pipeline and pass (default 1): {"i", "pass", "verdict", "ms", "message"}
 *   pipelines bench FILE ROUND_SECONDS TIMEOUT_MS [ROUNDS]
 *       one untimed pass, then ROUNDS rounds (default 1) of whole passes until ROUND_SECONDS;
 *       one JSON line {"opsPerPass", "rounds": [{"passes", "seconds", "cpu"}], "verdicts"}
 *
 * verdict: "negotiated" (ASYNC_DONE), "failed" (parse/link error or ERROR on the bus) or "timeout"
 * (neither came, e.g. a tee without queues deadlocks in preroll). A live source prerolls only in
 * PLAYING, so NO_PREROLL moves on to PLAYING and waits there. */
#include <gst/gst.h>
#include "bench.h"

typedef enum { NEGOTIATED, FAILED, TIMEOUT } Verdict;
static const char *verdict_names[] = { "negotiated", "failed", "timeout" };

static Verdict run_one (const char *description, guint timeout_ms, gchar **message)
{
  GError *err = NULL;
  GstElement *pipeline = gst_parse_launch (description, &err);
  if (err) {
    /* gst_parse_launch may hand back a pipeline with a recoverable error (e.g. could not link) */
    if (message)
      *message = g_strdup (err->message);
    g_clear_error (&err);
    if (pipeline)
      gst_object_unref (pipeline);
    return FAILED;
  }
  if (!pipeline) {
    if (message)
      *message = g_strdup ("no pipeline");
    return FAILED;
  }

  Verdict v = TIMEOUT;
  GstBus *bus = gst_element_get_bus (pipeline);
  GstStateChangeReturn ret = gst_element_set_state (pipeline, GST_STATE_PAUSED);
  if (ret == GST_STATE_CHANGE_NO_PREROLL)
    ret = gst_element_set_state (pipeline, GST_STATE_PLAYING);
  if (ret == GST_STATE_CHANGE_FAILURE) {
    /* the ERROR that explains it is usually already on the bus */
    v = FAILED;
  }
  GstMessage *msg = gst_bus_timed_pop_filtered (bus, (GstClockTime) timeout_ms * GST_MSECOND,
      GST_MESSAGE_ASYNC_DONE | GST_MESSAGE_ERROR);
  if (msg) {
    if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ERROR) {
      v = FAILED;
      if (message) {
        GError *e = NULL;
        gst_message_parse_error (msg, &e, NULL);
        *message = g_strdup_printf ("%s: %s", GST_OBJECT_NAME (GST_MESSAGE_SRC (msg)), e->message);
        g_error_free (e);
      }
    } else if (v != FAILED) {
      v = NEGOTIATED;
    }
    gst_message_unref (msg);
  } else if (v == FAILED && message) {
    *message = g_strdup ("state change failed");
  }
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (bus);
  gst_object_unref (pipeline);
  return v;
}

int main (int argc, char **argv)
{
  gst_init (&argc, &argv);
  if ((argc == 4 || argc == 5) && !strcmp (argv[1], "verdicts")) {
    GPtrArray *lines = bench_read_lines (argv[2]);
    guint timeout_ms = (guint) atoi (argv[3]);
    guint passes = argc == 5 ? (guint) atoi (argv[4]) : 1;
    for (guint pass = 0; pass < passes; pass++)
    for (guint i = 0; i < lines->len; i++) {
      gchar *message = NULL;
      double t0 = bench_now ();
      Verdict v = run_one (g_ptr_array_index (lines, i), timeout_ms, &message);
      double ms = (bench_now () - t0) * 1000.0;
      gchar *escaped = g_strescape (message ? message : "", NULL);
      printf ("{\"i\":%u,\"pass\":%u,\"verdict\":\"%s\",\"ms\":%.3f,\"message\":\"%s\"}\n", i, pass, verdict_names[v], ms, escaped);
      fflush (stdout);
      g_free (escaped);
      g_free (message);
    }
    g_ptr_array_unref (lines);
    return 0;
  }
  if ((argc == 5 || argc == 6) && !strcmp (argv[1], "bench")) {
    GPtrArray *lines = bench_read_lines (argv[2]);
    double round_seconds = g_ascii_strtod (argv[3], NULL);
    guint timeout_ms = (guint) atoi (argv[4]);
    int rounds = argc == 6 ? atoi (argv[5]) : 1;
    guint n = lines->len;
    gchar *first = g_malloc0 (n + 1), *cur = g_malloc0 (n + 1);
    /* one untimed pass loads the plugins, as the JS side warms up its JIT */
    for (guint i = 0; i < n; i++) {
      first[i] = "NFT"[run_one (g_ptr_array_index (lines, i), timeout_ms, NULL)];
      /* the first run of an encoder can overrun the timeout on a loaded machine (its library loads):
       * ask again with time to spare, so a slow first run is not taken for a pipeline that hangs */
      if (first[i] == 'T')
        first[i] = "NFT"[run_one (g_ptr_array_index (lines, i), timeout_ms * 20, NULL)];
    }
    /* rounds of whole passes; the suite takes the best round (robust against other load) */
    printf ("{\"opsPerPass\":%u,\"rounds\":[", n);
    int restarts = 0;
    for (int r = 0; r < rounds; r++) {
      gint64 passes = 0;
      double start = bench_now (), cpu_start = bench_cpu (), elapsed;
      do {
        gboolean slow = FALSE;
        for (guint i = 0; i < n; i++) {
          cur[i] = "NFT"[run_one (g_ptr_array_index (lines, i), timeout_ms, NULL)];
          /* a pipeline that prerolls or fails normally can overrun the timeout on a loaded machine
           * (an encoder's library init): that is no new verdict; ask again with time to spare */
          if (cur[i] == 'T' && first[i] != 'T') {
            cur[i] = "NFT"[run_one (g_ptr_array_index (lines, i), timeout_ms * 20, NULL)];
            slow = TRUE;
          }
        }
        if (memcmp (first, cur, n)) {
          fprintf (stderr, "a pass gave different verdicts: %s vs %s\n", cur, first);
          return 3;
        }
        if (slow && restarts < 5) {
          /* the overrun spoiled this round's time: start the round again */
          restarts++;
          passes = 0;
          start = bench_now ();
          cpu_start = bench_cpu ();
          elapsed = 0;
          continue;
        }
        passes++;
        elapsed = bench_now () - start;
      } while (elapsed < round_seconds);
      printf ("%s{\"passes\":%" G_GINT64_FORMAT ",\"seconds\":%.6f,\"cpu\":%.6f}", r ? "," : "", passes, elapsed,
          bench_cpu () - cpu_start);
    }
    /* N negotiated, F failed, T timeout, per pipeline */
    printf ("],\"verdicts\":\"%s\"}\n", first);
    g_free (first);
    g_free (cur);
    g_ptr_array_unref (lines);
    return 0;
  }
  fprintf (stderr, "usage: %s verdicts FILE TIMEOUT_MS | bench FILE ROUND_SECONDS TIMEOUT_MS [ROUNDS]\n", argv[0]);
  return 2;
}
