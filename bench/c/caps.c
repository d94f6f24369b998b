/* C baseline for bench/suites/caps.mjs: the same caps workload on libgstreamer.
 *
 *   caps OP FILE ROUND_SECONDS [ROUNDS]
 *
 * FILE holds one caps string per line. OP is parse | print | intersect | subset | fixate, or
 * classify: one JSON line {"kinds": "..."} with a character per line: '-' does not parse, 'A' ANY,
 * 'E' EMPTY, 'y' other caps (the suite picks its pair and fixate workloads from it).
 * detail-OP (after a checksum mismatch): one JSON line {"values": [...]}, the per-item answer of one
 * pass (structures per parse, printed bytes, structures per intersection (-1 empty), subset 0/1,
 * printed bytes per fixate), so the suite can name the inputs where capsflow differs.
 * Timing: ROUNDS rounds (default 1), each of whole passes over the corpus until ROUND_SECONDS have
 * passed; one JSON line goes to stdout: {"op", "opsPerPass", "rounds": [{"passes", "seconds", "cpu"}],
 * "checksum": {...}} where an op is one operation (a caps parsed, a pair intersected, ...). The
 * checksum is of one pass (every pass must repeat it) and must equal capsflow's. */
#include <gst/gst.h>
#include "bench.h"

typedef struct {
  gint64 a, b;
} Sum;

static GstCaps **parse_all (GPtrArray *lines)
{
  GstCaps **caps = g_new0 (GstCaps *, lines->len);
  for (guint i = 0; i < lines->len; i++) {
    caps[i] = gst_caps_from_string (g_ptr_array_index (lines, i));
    if (!caps[i]) {
      fprintf (stderr, "line %u does not parse: %.80s\n", i + 1, (char *) g_ptr_array_index (lines, i));
      exit (3);
    }
  }
  return caps;
}

/* a = caps parsed, b = structures in them (NULL counts as a failed parse: a stays, b += 0) */
static Sum pass_parse (GPtrArray *lines)
{
  Sum s = { 0, 0 };
  for (guint i = 0; i < lines->len; i++) {
    GstCaps *c = gst_caps_from_string (g_ptr_array_index (lines, i));
    if (c) {
      s.a++;
      s.b += gst_caps_get_size (c);
      gst_caps_unref (c);
    }
  }
  return s;
}

/* a = caps parsed, b = total length of their printed form */
static Sum pass_print (GPtrArray *lines)
{
  Sum s = { 0, 0 };
  for (guint i = 0; i < lines->len; i++) {
    GstCaps *c = gst_caps_from_string (g_ptr_array_index (lines, i));
    if (c) {
      gchar *str = gst_caps_to_string (c);
      s.a++;
      s.b += strlen (str);
      g_free (str);
      gst_caps_unref (c);
    }
  }
  return s;
}

/* a = non-empty intersections, b = structures in all results (zig-zag, as gst_caps_intersect) */
static Sum pass_intersect (GstCaps **caps, guint n)
{
  Sum s = { 0, 0 };
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++) {
      GstCaps *r = gst_caps_intersect (caps[i], caps[j]);
      if (!gst_caps_is_empty (r)) {
        s.a++;
        s.b += gst_caps_is_any (r) ? 0 : gst_caps_get_size (r);
      }
      gst_caps_unref (r);
    }
  return s;
}

/* a = ordered pairs (i, j) where caps[i] is a subset of caps[j] */
static Sum pass_subset (GstCaps **caps, guint n)
{
  Sum s = { 0, 0 };
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      s.a += gst_caps_is_subset (caps[i], caps[j]) ? 1 : 0;
  return s;
}

/* a = fixated caps that are fixed, b = structures in them. ANY caps are skipped (a critical in
 * GStreamer); the caller leaves them out of the corpus. The printed length is checked untimed. */
static Sum pass_fixate (GstCaps **caps, guint n)
{
  Sum s = { 0, 0 };
  for (guint i = 0; i < n; i++) {
    /* fixate takes ownership and makes the caps writable: the extra ref makes it copy */
    GstCaps *f = gst_caps_fixate (gst_caps_ref (caps[i]));
    s.a += gst_caps_is_fixed (f) ? 1 : 0;
    s.b += gst_caps_get_size (f);
    gst_caps_unref (f);
  }
  return s;
}

static gint64 fixate_printed_length (GstCaps **caps, guint n)
{
  gint64 total = 0;
  for (guint i = 0; i < n; i++) {
    GstCaps *f = gst_caps_fixate (gst_caps_ref (caps[i]));
    gchar *str = gst_caps_to_string (f);
    total += strlen (str);
    g_free (str);
    gst_caps_unref (f);
  }
  return total;
}

int main (int argc, char **argv)
{
  gst_init (&argc, &argv);
  if (argc != 4 && argc != 5) {
    fprintf (stderr, "usage: %s parse|print|intersect|subset|fixate|classify|detail-OP FILE ROUND_SECONDS [ROUNDS]\n", argv[0]);
    return 2;
  }
  const char *op = argv[1];
  GPtrArray *lines = bench_read_lines (argv[2]);
  if (g_str_has_prefix (op, "detail-")) {
    const char *what = op + strlen ("detail-");
    gboolean pairs = !strcmp (what, "intersect") || !strcmp (what, "subset");
    GstCaps **all = strcmp (what, "parse") && strcmp (what, "print") ? parse_all (lines) : NULL;
    guint n = lines->len;
    printf ("{\"values\":[");
    for (guint k = 0; k < (pairs ? n * n : n); k++) {
      guint i = pairs ? k / n : k, j = pairs ? k % n : k;
      gint64 v = 0;
      if (!strcmp (what, "parse") || !strcmp (what, "print")) {
        GstCaps *c = gst_caps_from_string (g_ptr_array_index (lines, i));
        v = -1;
        if (c) {
          gchar *str = !strcmp (what, "print") ? gst_caps_to_string (c) : NULL;
          v = str ? (gint64) strlen (str) : (gint64) gst_caps_get_size (c);
          g_free (str);
          gst_caps_unref (c);
        }
      } else if (!strcmp (what, "intersect")) {
        GstCaps *r = gst_caps_intersect (all[i], all[j]);
        v = gst_caps_is_empty (r) ? -1 : gst_caps_is_any (r) ? 0 : (gint64) gst_caps_get_size (r);
        gst_caps_unref (r);
      } else if (!strcmp (what, "subset")) {
        v = gst_caps_is_subset (all[i], all[j]) ? 1 : 0;
      } else {
        GstCaps *f = gst_caps_fixate (gst_caps_ref (all[i]));
        gchar *str = gst_caps_to_string (f);
        v = strlen (str);
        g_free (str);
        gst_caps_unref (f);
      }
      printf ("%s%" G_GINT64_FORMAT, k ? "," : "", v);
    }
    printf ("]}\n");
    return 0;
  }
  if (!strcmp (op, "classify")) {
    GString *kinds = g_string_new (NULL);
    for (guint i = 0; i < lines->len; i++) {
      GstCaps *c = gst_caps_from_string (g_ptr_array_index (lines, i));
      g_string_append_c (kinds, !c ? '-' : gst_caps_is_any (c) ? 'A' : gst_caps_is_empty (c) ? 'E' : 'y');
      if (c)
        gst_caps_unref (c);
    }
    printf ("{\"kinds\":\"%s\"}\n", kinds->str);
    g_string_free (kinds, TRUE);
    return 0;
  }
  double round_seconds = g_ascii_strtod (argv[3], NULL);
  int rounds = argc == 5 ? atoi (argv[4]) : 1;
  guint n = lines->len;
  GstCaps **caps = NULL;
  gint64 ops_per_pass;
  gint64 printed = -1;

  if (!strcmp (op, "parse") || !strcmp (op, "print")) {
    ops_per_pass = n;
  } else if (!strcmp (op, "intersect") || !strcmp (op, "subset")) {
    caps = parse_all (lines);
    ops_per_pass = (gint64) n * n;
  } else if (!strcmp (op, "fixate")) {
    caps = parse_all (lines);
    for (guint i = 0; i < n; i++)
      if (gst_caps_is_any (caps[i])) {
        fprintf (stderr, "fixate: line %u is ANY caps, which gst_caps_fixate refuses\n", i + 1);
        return 3;
      }
    ops_per_pass = n;
    printed = fixate_printed_length (caps, n);
  } else {
    fprintf (stderr, "unknown op %s\n", op);
    return 2;
  }

  /* Rounds of whole passes, each at least ROUND_SECONDS; the suite takes the best round, which
   * shrugs off other load on the machine better than one long average. */
  Sum first = { 0, 0 };
  gint64 passes = 0;
  printf ("{\"op\":\"%s\",\"opsPerPass\":%" G_GINT64_FORMAT ",\"rounds\":[", op, ops_per_pass);
  for (int r = 0; r < rounds; r++) {
    gint64 round_passes = 0;
    double start = bench_now (), cpu_start = bench_cpu (), elapsed;
    do {
      Sum s;
      if (!strcmp (op, "parse"))
        s = pass_parse (lines);
      else if (!strcmp (op, "print"))
        s = pass_print (lines);
      else if (!strcmp (op, "intersect"))
        s = pass_intersect (caps, n);
      else if (!strcmp (op, "subset"))
        s = pass_subset (caps, n);
      else
        s = pass_fixate (caps, n);
      if (passes == 0)
        first = s;
      else if (s.a != first.a || s.b != first.b) {
        fprintf (stderr, "%s: pass %" G_GINT64_FORMAT " gave a different checksum\n", op, passes);
        return 3;
      }
      passes++;
      round_passes++;
      elapsed = bench_now () - start;
    } while (elapsed < round_seconds);
    printf ("%s{\"passes\":%" G_GINT64_FORMAT ",\"seconds\":%.6f,\"cpu\":%.6f}", r ? "," : "", round_passes, elapsed,
        bench_cpu () - cpu_start);
  }
  printf ("],\"checksum\":{\"a\":%" G_GINT64_FORMAT ",\"b\":%" G_GINT64_FORMAT, first.a, first.b);
  if (printed >= 0)
    printf (",\"printed\":%" G_GINT64_FORMAT, printed);
  printf ("}}\n");

  if (caps) {
    for (guint i = 0; i < n; i++)
      gst_caps_unref (caps[i]);
    g_free (caps);
  }
  g_ptr_array_unref (lines);
  return 0;
}
