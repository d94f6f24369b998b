/*
 * The allocation facts of element factories, read through GStreamer's own struct definitions (not the
 * importer's offsets): one JSON line per factory named on the command line.
 *
 *   {"name":"videobalance","vfuncs":{...},"transform":{...},"padFlags":{"sink":[],"src":[]}}
 *
 * vfuncs: for each vmethod, the most distant ancestor type (down to the base class) whose class holds the
 * same function as the element's class, or null. Built and run by spec/oracle/registry-facts.spec.ts.
 */
#include <gst/gst.h>
#include <gst/base/base.h>
#include <gst/video/video.h>
#include <gst/audio/audio.h>
#include <stdio.h>
#include <string.h>

typedef gpointer (*Read) (gpointer klass);
typedef struct { const char *base; const char *name; Read read; } VFunc;

#define BT(f) static gpointer bt_##f (gpointer k) { return (gpointer) ((GstBaseTransformClass *) k)->f; }
BT(set_caps) BT(query) BT(decide_allocation) BT(filter_meta) BT(propose_allocation) BT(transform) BT(transform_ip)
#define VF(f) static gpointer vf_##f (gpointer k) { return (gpointer) ((GstVideoFilterClass *) k)->f; }
VF(set_info) VF(transform_frame) VF(transform_frame_ip)
static gpointer src_decide (gpointer k) { return (gpointer) ((GstBaseSrcClass *) k)->decide_allocation; }
static gpointer src_query (gpointer k) { return (gpointer) ((GstBaseSrcClass *) k)->query; }
static gpointer sink_propose (gpointer k) { return (gpointer) ((GstBaseSinkClass *) k)->propose_allocation; }
static gpointer sink_query (gpointer k) { return (gpointer) ((GstBaseSinkClass *) k)->query; }
#define CODEC(prefix, T) \
  static gpointer prefix##_decide (gpointer k) { return (gpointer) ((T *) k)->decide_allocation; } \
  static gpointer prefix##_propose (gpointer k) { return (gpointer) ((T *) k)->propose_allocation; } \
  static gpointer prefix##_sinkq (gpointer k) { return (gpointer) ((T *) k)->sink_query; }
CODEC(venc, GstVideoEncoderClass) CODEC(vdec, GstVideoDecoderClass) CODEC(aenc, GstAudioEncoderClass)
CODEC(adec, GstAudioDecoderClass) CODEC(agg, GstAggregatorClass)

static const VFunc VFUNCS[] = {
  {"GstBaseTransform", "set_caps", bt_set_caps}, {"GstBaseTransform", "query", bt_query},
  {"GstBaseTransform", "decide_allocation", bt_decide_allocation}, {"GstBaseTransform", "filter_meta", bt_filter_meta},
  {"GstBaseTransform", "propose_allocation", bt_propose_allocation}, {"GstBaseTransform", "transform", bt_transform},
  {"GstBaseTransform", "transform_ip", bt_transform_ip},
  {"GstVideoFilter", "set_info", vf_set_info}, {"GstVideoFilter", "transform_frame", vf_transform_frame},
  {"GstVideoFilter", "transform_frame_ip", vf_transform_frame_ip},
  {"GstBaseSrc", "decide_allocation", src_decide}, {"GstBaseSrc", "query", src_query},
  {"GstBaseSink", "propose_allocation", sink_propose}, {"GstBaseSink", "query", sink_query},
  {"GstVideoEncoder", "decide_allocation", venc_decide}, {"GstVideoEncoder", "propose_allocation", venc_propose},
  {"GstVideoEncoder", "sink_query", venc_sinkq},
  {"GstVideoDecoder", "decide_allocation", vdec_decide}, {"GstVideoDecoder", "propose_allocation", vdec_propose},
  {"GstVideoDecoder", "sink_query", vdec_sinkq},
  {"GstAudioEncoder", "decide_allocation", aenc_decide}, {"GstAudioEncoder", "propose_allocation", aenc_propose},
  {"GstAudioEncoder", "sink_query", aenc_sinkq},
  {"GstAudioDecoder", "decide_allocation", adec_decide}, {"GstAudioDecoder", "propose_allocation", adec_propose},
  {"GstAudioDecoder", "sink_query", adec_sinkq},
  {"GstAggregator", "decide_allocation", agg_decide}, {"GstAggregator", "propose_allocation", agg_propose},
  {"GstAggregator", "sink_query", agg_sinkq},
};

static const struct { guint flag; const char *name; } PAD_FLAGS[] = {
  {GST_PAD_FLAG_FIXED_CAPS, "fixed-caps"}, {GST_PAD_FLAG_PROXY_CAPS, "proxy-caps"},
  {GST_PAD_FLAG_PROXY_ALLOCATION, "proxy-allocation"}, {GST_PAD_FLAG_PROXY_SCHEDULING, "proxy-scheduling"},
  {GST_PAD_FLAG_ACCEPT_INTERSECT, "accept-intersect"}, {GST_PAD_FLAG_ACCEPT_TEMPLATE, "accept-template"},
};

static void facts (const char *name) {
  GstElementFactory *factory = gst_element_factory_find (name);
  if (!factory) { printf ("{\"name\":\"%s\",\"missing\":true}\n", name); return; }
  GType type = gst_element_factory_get_element_type (GST_ELEMENT_FACTORY (gst_plugin_feature_load (GST_PLUGIN_FEATURE (factory))));
  GString *s = g_string_new (NULL);
  g_string_append_printf (s, "{\"name\":\"%s\",\"vfuncs\":{", name);
  gboolean first = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (VFUNCS); i++) {
    GType base = g_type_from_name (VFUNCS[i].base);
    if (base == 0 || !g_type_is_a (type, base)) continue;
    gpointer klass = g_type_class_ref (type);
    gpointer own = VFUNCS[i].read (klass);
    const char *owner = NULL;
    if (own) {
      owner = g_type_name (type);
      for (GType t = g_type_parent (type); t != 0 && g_type_is_a (t, base); t = g_type_parent (t)) {
        gpointer k = g_type_class_ref (t);
        gboolean same = VFUNCS[i].read (k) == own;
        g_type_class_unref (k);
        if (!same) break;
        owner = g_type_name (t);
      }
    }
    g_type_class_unref (klass);
    g_string_append_printf (s, "%s\"%s\":", first ? "" : ",", VFUNCS[i].name);
    if (owner) g_string_append_printf (s, "\"%s\"", owner); else g_string_append (s, "null");
    first = FALSE;
  }
  g_string_append (s, "}");
  GstElement *el = gst_element_factory_create (factory, NULL);
  if (el && GST_IS_BASE_TRANSFORM (el)) {
    GstBaseTransformClass *k = GST_BASE_TRANSFORM_GET_CLASS (el);
    g_string_append_printf (s, ",\"transform\":{\"passthroughOnSameCaps\":%s,\"transformIpOnPassthrough\":%s,\"passthrough\":%s,\"inPlace\":%s}",
        k->passthrough_on_same_caps ? "true" : "false", k->transform_ip_on_passthrough ? "true" : "false",
        gst_base_transform_is_passthrough (GST_BASE_TRANSFORM (el)) ? "true" : "false",
        gst_base_transform_is_in_place (GST_BASE_TRANSFORM (el)) ? "true" : "false");
  }
  if (el) {
    g_string_append (s, ",\"padFlags\":{");
    gboolean firstpad = TRUE;
    for (const GList *l = gst_element_factory_get_static_pad_templates (factory); l; l = l->next) {
      GstStaticPadTemplate *t = l->data;
      if (t->presence != GST_PAD_ALWAYS) continue;
      GstPad *pad = gst_element_get_static_pad (el, t->name_template);
      if (!pad) continue;
      g_string_append_printf (s, "%s\"%s\":[", firstpad ? "" : ",", t->name_template);
      gboolean firstflag = TRUE;
      for (guint i = 0; i < G_N_ELEMENTS (PAD_FLAGS); i++) {
        if (!GST_OBJECT_FLAG_IS_SET (pad, PAD_FLAGS[i].flag)) continue;
        g_string_append_printf (s, "%s\"%s\"", firstflag ? "" : ",", PAD_FLAGS[i].name);
        firstflag = FALSE;
      }
      g_string_append (s, "]");
      firstpad = FALSE;
      gst_object_unref (pad);
    }
    g_string_append (s, "}");
    gst_object_unref (gst_object_ref_sink (el));
  }
  g_string_append (s, "}");
  puts (s->str);
  g_string_free (s, TRUE);
  gst_object_unref (factory);
}

int main (int argc, char **argv) {
  gst_init (&argc, &argv);
  for (int i = 1; i < argc; i++) facts (argv[i]);
  return 0;
}
