/* C baseline for bench/suites/caps.mjs: the same caps workload on libgstreamer.
 *
 *   caps OP FILE MIN_SECONDS
 *
 * FILE holds one caps string per line. OP is parse | print | intersect | subset | fixate, or
 * classify: one JSON line {"kinds": "..."} with a character per line: '-' does not parse, 'A' ANY,
 * 'E' EMPTY, 'y' other caps (the suite picks its pair and fixate workloads from it).
 * Whole passes over the corpus are repeated until MIN_SECONDS have passed; one JSON line goes to
 * stdout: {"op", "passes", "ops", "seconds", "checksum": {...}} where ops counts single operations
 * (caps parsed, pairs intersected, ...). The checksum is of one pass and must equal capsflow's. */
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
  if (argc != 4) {
    fprintf (stderr, "usage: %s parse|print|intersect|subset|fixate|classify FILE MIN_SECONDS\n", argv[0]);
    return 2;
  }
  const char *op = argv[1];
  GPtrArray *lines = bench_read_lines (argv[2]);
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
  double min_seconds = g_ascii_strtod (argv[3], NULL);
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

  Sum first = { 0, 0 };
  gint64 passes = 0;
  double start = bench_now (), elapsed;
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
    elapsed = bench_now () - start;
  } while (elapsed < min_seconds);

  printf ("{\"op\":\"%s\",\"passes\":%" G_GINT64_FORMAT ",\"ops\":%" G_GINT64_FORMAT
      ",\"seconds\":%.6f,\"checksum\":{\"a\":%" G_GINT64_FORMAT ",\"b\":%" G_GINT64_FORMAT,
      op, passes, passes * ops_per_pass, elapsed, first.a, first.b);
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
