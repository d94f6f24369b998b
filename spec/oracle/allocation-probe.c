/*
 * The ALLOCATION oracle: run a gst-launch description to PAUSED (preroll) and print, as JSON lines,
 * what every ALLOCATION query carried and what each basesrc / basetransform / codec / aggregator decided
 * (encoders keep no pool: only their allocator and params).
 *
 *   {"query":"videotestsrc0.src","need_pool":true,"answered":true,"pools":[...],"params":[...],"metas":[...]}
 *   {"decided":"videotestsrc0","pool":"GstVideoBufferPool","size":115200,"min":2,"max":0,"allocator":null,"align":0,...}
 *   {"state":"PAUSED"} or {"state":"failed","message":"..."}
 *
 * A pad probe on every src pad sees the query twice: on the way out (PUSH: need_pool) and, only when
 * the peer answered TRUE, on the way back (PULL: the pools, params and metas downstream proposed).
 * Built and run by spec/oracle/allocation.spec.ts (cc + pkg-config gstreamer-base-1.0).
 */
#include <gst/gst.h>
#include <gst/base/base.h>
#include <gst/video/video.h>
#include <gst/audio/audio.h>
#include <stdio.h>
#include <string.h>

typedef struct {
  gchar *pad;
  gboolean need_pool;
  gboolean answered;
  GString *body;
} Record;

static GMutex lock;
static GPtrArray *records; /* Record*, in the order the queries were sent */

static void json_string(GString *s, const gchar *v) {
  if (v == NULL) { g_string_append(s, "null"); return; }
  g_string_append_c(s, '"');
  for (const gchar *p = v; *p; p++) {
    if (*p == '"' || *p == '\\') g_string_append_c(s, '\\');
    g_string_append_c(s, *p);
  }
  g_string_append_c(s, '"');
}

static gchar *pad_id(GstPad *pad) {
  GstObject *parent = gst_object_get_parent(GST_OBJECT(pad));
  gchar *id = g_strdup_printf("%s.%s", parent ? GST_OBJECT_NAME(parent) : "?", GST_OBJECT_NAME(pad));
  if (parent) gst_object_unref(parent);
  return id;
}

static void describe_query(GString *s, GstQuery *q) {
  guint n = gst_query_get_n_allocation_pools(q);
  g_string_append(s, "\"pools\":[");
  for (guint i = 0; i < n; i++) {
    GstBufferPool *pool = NULL;
    guint size, min, max;
    gst_query_parse_nth_allocation_pool(q, i, &pool, &size, &min, &max);
    g_string_append_printf(s, "%s{\"pool\":", i ? "," : "");
    json_string(s, pool ? G_OBJECT_TYPE_NAME(pool) : NULL);
    g_string_append_printf(s, ",\"size\":%u,\"min\":%u,\"max\":%u}", size, min, max);
    if (pool) gst_object_unref(pool);
  }
  g_string_append(s, "],\"params\":[");
  n = gst_query_get_n_allocation_params(q);
  for (guint i = 0; i < n; i++) {
    GstAllocator *alloc = NULL;
    GstAllocationParams params;
    gst_query_parse_nth_allocation_param(q, i, &alloc, &params);
    g_string_append_printf(s, "%s{\"allocator\":", i ? "," : "");
    json_string(s, alloc ? alloc->mem_type : NULL);
    g_string_append_printf(s, ",\"flags\":%u,\"align\":%" G_GSIZE_FORMAT ",\"prefix\":%" G_GSIZE_FORMAT ",\"padding\":%" G_GSIZE_FORMAT "}",
                           (guint) params.flags, params.align, params.prefix, params.padding);
    if (alloc) gst_object_unref(alloc);
  }
  g_string_append(s, "],\"metas\":[");
  n = gst_query_get_n_allocation_metas(q);
  for (guint i = 0; i < n; i++) {
    GType api = gst_query_parse_nth_allocation_meta(q, i, NULL);
    g_string_append(s, i ? "," : "");
    json_string(s, g_type_name(api));
  }
  g_string_append(s, "]");
}

static GstPadProbeReturn on_query(GstPad *pad, GstPadProbeInfo *info, gpointer user) {
  GstQuery *q = GST_PAD_PROBE_INFO_QUERY(info);
  if (GST_QUERY_TYPE(q) != GST_QUERY_ALLOCATION) return GST_PAD_PROBE_OK;
  g_mutex_lock(&lock);
  if (info->type & GST_PAD_PROBE_TYPE_PUSH) {
    Record *r = g_new0(Record, 1);
    r->pad = pad_id(pad);
    gst_query_parse_allocation(q, NULL, &r->need_pool);
    g_ptr_array_add(records, r);
  } else {
    gchar *id = pad_id(pad);
    for (guint i = records->len; i > 0; i--) {
      Record *r = g_ptr_array_index(records, i - 1);
      if (strcmp(r->pad, id) == 0 && !r->answered) {
        r->answered = TRUE;
        r->body = g_string_new(NULL);
        describe_query(r->body, q);
        break;
      }
    }
    g_free(id);
  }
  g_mutex_unlock(&lock);
  return GST_PAD_PROBE_OK;
}

static void watch_pad(GstPad *pad) {
  if (GST_PAD_DIRECTION(pad) == GST_PAD_SRC)
    gst_pad_add_probe(pad, GST_PAD_PROBE_TYPE_QUERY_DOWNSTREAM | GST_PAD_PROBE_TYPE_PUSH | GST_PAD_PROBE_TYPE_PULL, on_query, NULL, NULL);
}

static void on_pad_added(GstElement *el, GstPad *pad, gpointer user) { watch_pad(pad); }

static void watch_element(const GValue *v, gpointer user) {
  GstElement *el = g_value_get_object(v);
  GstIterator *it = gst_element_iterate_src_pads(el);
  GValue item = G_VALUE_INIT;
  while (gst_iterator_next(it, &item) == GST_ITERATOR_OK) {
    watch_pad(g_value_get_object(&item));
    g_value_reset(&item);
  }
  g_value_unset(&item);
  gst_iterator_free(it);
  g_signal_connect(el, "pad-added", G_CALLBACK(on_pad_added), NULL);
}

static void print_decided(const GValue *v, gpointer user) {
  GstElement *el = g_value_get_object(v);
  GstBufferPool *pool = NULL;
  GstAllocator *alloc = NULL;
  GstAllocationParams params;
  gst_allocation_params_init(&params);
  if (GST_IS_BASE_SRC(el)) {
    pool = gst_base_src_get_buffer_pool(GST_BASE_SRC(el));
    gst_base_src_get_allocator(GST_BASE_SRC(el), &alloc, &params);
  } else if (GST_IS_BASE_TRANSFORM(el)) {
    pool = gst_base_transform_get_buffer_pool(GST_BASE_TRANSFORM(el));
    gst_base_transform_get_allocator(GST_BASE_TRANSFORM(el), &alloc, &params);
  } else if (GST_IS_VIDEO_DECODER(el)) {
    pool = gst_video_decoder_get_buffer_pool(GST_VIDEO_DECODER(el));
    gst_video_decoder_get_allocator(GST_VIDEO_DECODER(el), &alloc, &params);
  } else if (GST_IS_VIDEO_ENCODER(el)) {
    gst_video_encoder_get_allocator(GST_VIDEO_ENCODER(el), &alloc, &params); /* encoders keep no pool */
  } else if (GST_IS_AUDIO_DECODER(el)) {
    gst_audio_decoder_get_allocator(GST_AUDIO_DECODER(el), &alloc, &params);
  } else if (GST_IS_AUDIO_ENCODER(el)) {
    gst_audio_encoder_get_allocator(GST_AUDIO_ENCODER(el), &alloc, &params);
  } else if (GST_IS_AGGREGATOR(el)) {
    pool = gst_aggregator_get_buffer_pool(GST_AGGREGATOR(el));
    gst_aggregator_get_allocator(GST_AGGREGATOR(el), &alloc, &params);
  } else {
    return;
  }
  GString *s = g_string_new("{\"decided\":");
  json_string(s, GST_OBJECT_NAME(el));
  g_string_append(s, ",\"pool\":");
  if (pool) {
    GstStructure *config = gst_buffer_pool_get_config(pool);
    guint size = 0, min = 0, max = 0;
    gst_buffer_pool_config_get_params(config, NULL, &size, &min, &max);
    json_string(s, G_OBJECT_TYPE_NAME(pool));
    g_string_append_printf(s, ",\"size\":%u,\"min\":%u,\"max\":%u,\"options\":[", size, min, max);
    guint n = gst_buffer_pool_config_n_options(config);
    for (guint i = 0; i < n; i++) {
      g_string_append(s, i ? "," : "");
      json_string(s, gst_buffer_pool_config_get_option(config, i));
    }
    g_string_append(s, "]");
    gst_structure_free(config);
    gst_object_unref(pool);
  } else {
    g_string_append(s, "null");
  }
  g_string_append(s, ",\"allocator\":");
  json_string(s, alloc ? alloc->mem_type : NULL);
  g_string_append_printf(s, ",\"align\":%" G_GSIZE_FORMAT ",\"prefix\":%" G_GSIZE_FORMAT ",\"padding\":%" G_GSIZE_FORMAT "}", params.align, params.prefix, params.padding);
  if (alloc) gst_object_unref(alloc);
  puts(s->str);
  g_string_free(s, TRUE);
}

int main(int argc, char **argv) {
  gst_init(&argc, &argv);
  if (argc != 2) {
    fprintf(stderr, "usage: allocation-probe 'PIPELINE'\n");
    return 2;
  }
  records = g_ptr_array_new();
  GError *err = NULL;
  GstElement *pipeline = gst_parse_launch(argv[1], &err);
  if (pipeline == NULL || err != NULL) {
    GString *s = g_string_new("{\"state\":\"failed\",\"message\":");
    json_string(s, err ? err->message : "parse failed");
    g_string_append(s, "}");
    puts(s->str);
    return 1;
  }
  GstIterator *it = gst_bin_iterate_recurse(GST_BIN(pipeline));
  gst_iterator_foreach(it, watch_element, NULL);
  gst_iterator_free(it);

  gst_element_set_state(pipeline, GST_STATE_PAUSED);
  GstBus *bus = gst_element_get_bus(pipeline);
  GstMessage *msg = gst_bus_timed_pop_filtered(bus, 10 * GST_SECOND, GST_MESSAGE_ASYNC_DONE | GST_MESSAGE_ERROR);
  gboolean ok = msg != NULL && GST_MESSAGE_TYPE(msg) == GST_MESSAGE_ASYNC_DONE;

  g_mutex_lock(&lock);
  for (guint i = 0; i < records->len; i++) {
    Record *r = g_ptr_array_index(records, i);
    GString *s = g_string_new("{\"query\":");
    json_string(s, r->pad);
    g_string_append_printf(s, ",\"need_pool\":%s,\"answered\":%s", r->need_pool ? "true" : "false", r->answered ? "true" : "false");
    if (r->answered) g_string_append_printf(s, ",%s", r->body->str);
    g_string_append(s, "}");
    puts(s->str);
    g_string_free(s, TRUE);
  }
  g_mutex_unlock(&lock);

  it = gst_bin_iterate_recurse(GST_BIN(pipeline));
  gst_iterator_foreach(it, print_decided, NULL);
  gst_iterator_free(it);

  if (ok) {
    puts("{\"state\":\"PAUSED\"}");
  } else {
    GString *s = g_string_new("{\"state\":\"failed\",\"message\":");
    GError *e = NULL;
    if (msg != NULL && GST_MESSAGE_TYPE(msg) == GST_MESSAGE_ERROR) gst_message_parse_error(msg, &e, NULL);
    json_string(s, e ? e->message : "timeout");
    g_string_append(s, "}");
    puts(s->str);
    if (e) g_error_free(e);
  }
  if (msg) gst_message_unref(msg);
  gst_object_unref(bus);
  gst_element_set_state(pipeline, GST_STATE_NULL);
  gst_object_unref(pipeline);
  return ok ? 0 : 1;
}
