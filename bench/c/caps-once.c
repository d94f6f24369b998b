/* C baseline for the cold-start half of bench/suites/cli.mjs: what `capsflow caps intersect A B` does,
 * as a program a user could have written instead. One process: gst_init, parse both caps, one
 * gst_caps_intersect, print the result as gst_caps_to_string writes it, exit.
 *
 *   caps-once CAPS_A CAPS_B
 *
 * Exit status: 0 non-empty result, 1 empty, 2 a caps string does not parse (capsflow's codes). */
#include <gst/gst.h>
#include <stdio.h>

int main (int argc, char **argv)
{
  gst_init (NULL, NULL);
  if (argc != 3) {
    fprintf (stderr, "usage: caps-once CAPS_A CAPS_B\n");
    return 2;
  }
  GstCaps *a = gst_caps_from_string (argv[1]);
  GstCaps *b = gst_caps_from_string (argv[2]);
  if (!a || !b) {
    fprintf (stderr, "caps do not parse\n");
    return 2;
  }
  GstCaps *r = gst_caps_intersect (a, b);
  gchar *s = gst_caps_to_string (r);
  printf ("%s\n", s);
  int empty = gst_caps_is_empty (r);
  g_free (s);
  gst_caps_unref (r);
  gst_caps_unref (a);
  gst_caps_unref (b);
  return empty ? 1 : 0;
}
