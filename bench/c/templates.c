/* Fallback corpus: every distinct pad-template caps string of the installed registry, as
 * gst_caps_to_string prints it, one per line. Used only when the pinned fixture is absent. */
#include <gst/gst.h>
#include "bench.h"

static int cmp_str (const void *a, const void *b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

int main (int argc, char **argv)
{
  gst_init (&argc, &argv);
  GHashTable *seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GList *features = gst_registry_get_feature_list (gst_registry_get (), GST_TYPE_ELEMENT_FACTORY);
  for (GList *f = features; f; f = f->next) {
    GstElementFactory *factory = GST_ELEMENT_FACTORY (f->data);
    const GList *t = gst_element_factory_get_static_pad_templates (factory);
    for (; t; t = t->next) {
      GstStaticPadTemplate *tmpl = t->data;
      GstCaps *caps = gst_static_caps_get (&tmpl->static_caps);
      gchar *s = gst_caps_to_string (caps);
      gst_caps_unref (caps);
      if (strchr (s, '\n') || g_hash_table_contains (seen, s))
        g_free (s);
      else
        g_hash_table_add (seen, s);
    }
  }
  gst_plugin_feature_list_free (features);
  guint n = 0;
  gchar **keys = (gchar **) g_hash_table_get_keys_as_array (seen, &n);
  /* byte order, so the JS side can sort the same way */
  qsort (keys, n, sizeof (gchar *), cmp_str);
  for (guint i = 0; i < n; i++)
    printf ("%s\n", keys[i]);
  g_free (keys);
  g_hash_table_unref (seen);
  return 0;
}
