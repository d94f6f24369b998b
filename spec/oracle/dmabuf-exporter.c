/*
 * The memory:DMABuf rule run in real GStreamer: a test exporter that follows the allocators documentation
 * (GST_CAPS_FEATURE_MEMORY_DMABUF), and an importer check on every sink.
 *
 * capsflowexporter (a GstPushSrc, registered as a static element before the pipeline is parsed):
 *  - memory=memfd|sealed-memfd: every buffer wraps a fresh memfd with GstDmaBufAllocator; sealed-memfd adds
 *    F_SEAL_WRITE (with SHRINK and GROW), so the kernel refuses a shared writable mapping (EPERM): the
 *    stand-in for protected dma-bufs that user space cannot map READWRITE;
 *  - caps=...: what the device offers (template order kept; default NV12 320x240 30/1, memory:DMABuf first);
 *  - before negotiating (get_caps) it allocates such a buffer and tries gst_memory_map(READWRITE). Refused →
 *    it offers the memory:DMABuf structures of its caps only (system-memory ones turned into their DMABuf
 *    variant); mapped → the feature is not used: the system-memory structures only (DMABuf ones turned
 *    into system memory). decide_allocation probes again with the negotiated frame size and reports it.
 *
 * Usage: dmabuf-exporter PIPELINE... ; each description runs in a forked child (fresh object-name counters,
 * so element names are those gst-launch would give), to EOS, an error or a timeout, and prints one JSON line:
 *   {"pipeline":"...","verdict":"negotiated|not-negotiated|link-failed|syntax|error|timeout","message":"...",
 *    "element":"...","pads":{"el.pad":"caps",...},"probes":[{"element":..,"readwrite":..,"errno":..}],
 *    "imports":{"fakesink0":{"buffers":3,"dmabuf":3,"protected":true},...}}
 * pads: the caps each top-level element's pad had (property-notify of "caps", as gst-launch -v prints them,
 * plus the current caps at the end). imports: a pad probe on each sink element's sink pads counts the
 * buffers that arrive and those whose every memory passes gst_is_dmabuf_memory, and says whether a protected
 * (sealed-memfd) exporter feeds that sink.
 * Built and run by spec/oracle/dmabuf-exporter.ts (cc + pkg-config gstreamer-base-1.0 gstreamer-allocators-1.0).
 */
#define _GNU_SOURCE
#include <gst/gst.h>
#include <gst/base/gstpushsrc.h>
#include <gst/allocators/allocators.h>
#include <gst/video/video.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define DEFAULT_CAPS                                                                                     \
  "video/x-raw(memory:DMABuf), format=NV12, width=320, height=240, framerate=30/1; "                     \
  "video/x-raw, format=NV12, width=320, height=240, framerate=30/1"

/* ---- the exporter ------------------------------------------------------------------------------ */

typedef struct {
  GstPushSrc parent;
  gboolean sealed;
  GstCaps *device_caps;
  GstAllocator *allocator;
  gsize size;
  gboolean probed, readwrite;
  int probe_errno;
  guint64 offset;
} CapsflowExporter;
typedef struct {
  GstPushSrcClass parent_class;
} CapsflowExporterClass;

GType capsflow_exporter_get_type(void);
G_DEFINE_TYPE(CapsflowExporter, capsflow_exporter, GST_TYPE_PUSH_SRC)

enum { PROP_0, PROP_MEMORY, PROP_CAPS };

static GstStaticPadTemplate src_template =
    GST_STATIC_PAD_TEMPLATE("src", GST_PAD_SRC, GST_PAD_ALWAYS, GST_STATIC_CAPS("video/x-raw(memory:DMABuf); video/x-raw"));

/* a memfd of `size` bytes, write-sealed when asked; -1 on failure */
static int make_fd(gsize size, gboolean sealed) {
  int fd = memfd_create("capsflow-exporter", MFD_CLOEXEC | MFD_ALLOW_SEALING);
  if (fd < 0) return -1;
  if (ftruncate(fd, (off_t) size) != 0 ||
      (sealed && fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE | F_SEAL_SHRINK | F_SEAL_GROW) != 0)) {
    close(fd);
    return -1;
  }
  return fd;
}

/* allocate one buffer's memory as the exporter does and try a READWRITE map */
static void probe(CapsflowExporter *self, gsize size) {
  int fd = make_fd(size, self->sealed);
  if (fd < 0) {
    self->probed = TRUE;
    self->readwrite = FALSE;
    self->probe_errno = errno;
    return;
  }
  GstMemory *mem = gst_dmabuf_allocator_alloc(self->allocator, fd, size);
  GstMapInfo info;
  errno = 0;
  self->readwrite = gst_memory_map(mem, &info, GST_MAP_READWRITE);
  self->probe_errno = self->readwrite ? 0 : errno;
  if (self->readwrite) gst_memory_unmap(mem, &info);
  gst_memory_unref(mem);
  self->probed = TRUE;
}

/* a DMA_DRM structure (1.24+) in system memory: format= the GStreamer formats its drm-format entries stand for
 * (gst_video_dma_drm_format_to_gst_format; entries without one are left out), drm-format removed; NULL when none
 * is left. Other structures are copied. */
static GstStructure *system_memory_structure(const GstStructure *in) {
  GstStructure *s = gst_structure_copy(in);
#if GST_CHECK_VERSION(1, 24, 0)
  if (g_strcmp0(gst_structure_get_string(in, "format"), "DMA_DRM") != 0) return s;
  const GValue *drm = gst_structure_get_value(in, "drm-format");
  GValue formats = G_VALUE_INIT;
  g_value_init(&formats, GST_TYPE_LIST);
  guint n = drm == NULL ? 0 : GST_VALUE_HOLDS_LIST(drm) ? gst_value_list_get_size(drm) : 1;
  for (guint i = 0; i < n; i++) {
    const GValue *v = GST_VALUE_HOLDS_LIST(drm) ? gst_value_list_get_value(drm, i) : drm;
    if (!G_VALUE_HOLDS_STRING(v)) continue;
    guint64 modifier = 0;
    guint32 fourcc = gst_video_dma_drm_fourcc_from_string(g_value_get_string(v), &modifier);
    GstVideoFormat f = gst_video_dma_drm_format_to_gst_format(fourcc, modifier);
    if (f == GST_VIDEO_FORMAT_UNKNOWN) continue;
    GValue name = G_VALUE_INIT;
    g_value_init(&name, G_TYPE_STRING);
    g_value_set_string(&name, gst_video_format_to_string(f));
    gboolean seen = FALSE;
    for (guint k = 0; k < gst_value_list_get_size(&formats); k++)
      seen = seen || gst_value_compare(gst_value_list_get_value(&formats, k), &name) == GST_VALUE_EQUAL;
    if (!seen) gst_value_list_append_value(&formats, &name);
    g_value_unset(&name);
  }
  gst_structure_remove_field(s, "drm-format");
  if (gst_value_list_get_size(&formats) == 0) {
    g_value_unset(&formats);
    gst_structure_free(s);
    return NULL;
  }
  if (gst_value_list_get_size(&formats) == 1) gst_structure_set_value(s, "format", gst_value_list_get_value(&formats, 0));
  else gst_structure_set_value(s, "format", &formats);
  g_value_unset(&formats);
#endif
  return s;
}

/* the device's caps with the feature the probe decides: DMABuf only when READWRITE was refused; mapped, the
 * system-memory variant (a DMA_DRM structure becomes its GStreamer formats, as a 1.24+ exporter offers them) */
static GstCaps *offered_caps(CapsflowExporter *self) {
  if (!self->probed) probe(self, 4096);
  GstCaps *out = gst_caps_new_empty();
  guint n = gst_caps_get_size(self->device_caps);
  for (guint i = 0; i < n; i++) {
    const GstStructure *in = gst_caps_get_structure(self->device_caps, i);
    GstStructure *s = self->readwrite ? system_memory_structure(in) : gst_structure_copy(in);
    if (s == NULL) continue;
    GstCapsFeatures *f = self->readwrite ? gst_caps_features_new_empty()
                                         : gst_caps_features_new(GST_CAPS_FEATURE_MEMORY_DMABUF, NULL);
    out = gst_caps_merge_structure_full(out, s, f); /* a structure already offered is not repeated */
  }
  return out;
}

static GstCaps *cf_get_caps(GstBaseSrc *src, GstCaps *filter) {
  CapsflowExporter *self = (CapsflowExporter *) src;
  GstCaps *caps = offered_caps(self);
  if (filter != NULL) {
    GstCaps *t = gst_caps_intersect_full(filter, caps, GST_CAPS_INTERSECT_FIRST);
    gst_caps_unref(caps);
    caps = t;
  }
  return caps;
}

static gboolean cf_set_caps(GstBaseSrc *src, GstCaps *caps) {
  CapsflowExporter *self = (CapsflowExporter *) src;
  GstVideoInfo info;
  GstCaps *plain = gst_caps_copy(caps);
  gst_caps_set_features(plain, 0, NULL);
  if (!gst_video_info_from_caps(&info, plain)) {
    gst_caps_unref(plain);
    return FALSE;
  }
  gst_caps_unref(plain);
  self->size = GST_VIDEO_INFO_SIZE(&info);
  return TRUE;
}

/* the documented moment: map at decide_allocation, with the negotiated frame size */
static gboolean cf_decide_allocation(GstBaseSrc *src, GstQuery *query) {
  CapsflowExporter *self = (CapsflowExporter *) src;
  probe(self, self->size > 0 ? self->size : 4096);
  /* buffers come from our own dmabuf allocator, not from a pool */
  while (gst_query_get_n_allocation_pools(query) > 0) gst_query_remove_nth_allocation_pool(query, 0);
  return TRUE;
}

static GstFlowReturn cf_create(GstPushSrc *src, GstBuffer **out) {
  CapsflowExporter *self = (CapsflowExporter *) src;
  gsize size = self->size > 0 ? self->size : 4096;
  int fd = make_fd(size, self->sealed);
  if (fd < 0) {
    GST_ELEMENT_ERROR(src, RESOURCE, NO_SPACE_LEFT, ("memfd_create failed"), (NULL));
    return GST_FLOW_ERROR;
  }
  GstBuffer *b = gst_buffer_new();
  gst_buffer_append_memory(b, gst_dmabuf_allocator_alloc(self->allocator, fd, size));
  GST_BUFFER_PTS(b) = gst_util_uint64_scale(self->offset, GST_SECOND, 30);
  GST_BUFFER_DURATION(b) = GST_SECOND / 30;
  GST_BUFFER_OFFSET(b) = self->offset++;
  *out = b;
  return GST_FLOW_OK;
}

static void cf_set_property(GObject *o, guint id, const GValue *v, GParamSpec *p) {
  CapsflowExporter *self = (CapsflowExporter *) o;
  switch (id) {
    case PROP_MEMORY:
      self->sealed = g_strcmp0(g_value_get_string(v), "sealed-memfd") == 0;
      self->probed = FALSE;
      break;
    case PROP_CAPS: {
      GstCaps *c = gst_caps_from_string(g_value_get_string(v));
      if (c != NULL) gst_caps_replace(&self->device_caps, c);
      if (c != NULL) gst_caps_unref(c);
      break;
    }
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID(o, id, p);
  }
}

static void cf_get_property(GObject *o, guint id, GValue *v, GParamSpec *p) {
  CapsflowExporter *self = (CapsflowExporter *) o;
  switch (id) {
    case PROP_MEMORY:
      g_value_set_string(v, self->sealed ? "sealed-memfd" : "memfd");
      break;
    case PROP_CAPS:
      g_value_take_string(v, gst_caps_to_string(self->device_caps));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID(o, id, p);
  }
}

static void cf_finalize(GObject *o) {
  CapsflowExporter *self = (CapsflowExporter *) o;
  gst_caps_unref(self->device_caps);
  gst_object_unref(self->allocator);
  G_OBJECT_CLASS(capsflow_exporter_parent_class)->finalize(o);
}

static void capsflow_exporter_class_init(CapsflowExporterClass *klass) {
  GObjectClass *oc = G_OBJECT_CLASS(klass);
  GstElementClass *ec = GST_ELEMENT_CLASS(klass);
  GstBaseSrcClass *bc = GST_BASE_SRC_CLASS(klass);
  oc->set_property = cf_set_property;
  oc->get_property = cf_get_property;
  oc->finalize = cf_finalize;
  g_object_class_install_property(oc, PROP_MEMORY,
      g_param_spec_string("memory", "memory", "memfd or sealed-memfd", "memfd", G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_property(oc, PROP_CAPS,
      g_param_spec_string("caps", "caps", "the caps the device offers", DEFAULT_CAPS, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
  gst_element_class_add_static_pad_template(ec, &src_template);
  gst_element_class_set_static_metadata(ec, "capsflow test exporter", "Source/Video", "dma-buf exporter following the memory:DMABuf rule", "capsflow");
  bc->get_caps = cf_get_caps;
  bc->set_caps = cf_set_caps;
  bc->decide_allocation = cf_decide_allocation;
  GST_PUSH_SRC_CLASS(klass)->create = cf_create;
}

static void capsflow_exporter_init(CapsflowExporter *self) {
  self->device_caps = gst_caps_from_string(DEFAULT_CAPS);
  self->allocator = gst_dmabuf_allocator_new();
  gst_base_src_set_format(GST_BASE_SRC(self), GST_FORMAT_TIME);
}

/* ---- one pipeline run ---------------------------------------------------------------------------- */

static GHashTable *pads;    /* "el.pad" → caps string */
static GHashTable *imports; /* sink name → guint[2] {buffers, dmabuf} */
static GMutex lock;

static void json_string(GString *s, const gchar *v) {
  if (v == NULL) {
    g_string_append(s, "null");
    return;
  }
  g_string_append_c(s, '"');
  for (const gchar *p = v; *p; p++) {
    if (*p == '"' || *p == '\\') g_string_append_c(s, '\\');
    if (*p == '\n') {
      g_string_append(s, "\\n");
      continue;
    }
    g_string_append_c(s, *p);
  }
  g_string_append_c(s, '"');
}

/* a pad of an element directly in the pipeline: "el.pad"; NULL for pads in bins and proxy pads */
static gchar *pad_key(GstObject *pad, GstElement *pipeline) {
  if (!GST_IS_PAD(pad) || (GST_IS_PROXY_PAD(pad) && !GST_IS_GHOST_PAD(pad))) return NULL;
  GstObject *parent = gst_object_get_parent(pad);
  if (parent == NULL) return NULL;
  GstObject *grand = gst_object_get_parent(parent);
  gchar *key = grand == GST_OBJECT(pipeline) ? g_strdup_printf("%s.%s", GST_OBJECT_NAME(parent), GST_OBJECT_NAME(pad)) : NULL;
  if (grand) gst_object_unref(grand);
  gst_object_unref(parent);
  return key;
}

static void record_caps(GstObject *pad, const GstCaps *caps, GstElement *pipeline) {
  if (caps == NULL) return;
  gchar *key = pad_key(pad, pipeline);
  if (key == NULL) return;
  g_hash_table_insert(pads, key, gst_caps_to_string(caps));
}

static GstPadProbeReturn on_buffer(GstPad *pad, GstPadProbeInfo *info, gpointer user) {
  GstBuffer *b = GST_PAD_PROBE_INFO_BUFFER(info);
  gboolean all = gst_buffer_n_memory(b) > 0;
  for (guint i = 0; i < gst_buffer_n_memory(b); i++) all = all && gst_is_dmabuf_memory(gst_buffer_peek_memory(b, i));
  g_mutex_lock(&lock);
  guint *c = g_hash_table_lookup(imports, user);
  c[0]++;
  if (all) c[1]++;
  g_mutex_unlock(&lock);
  return GST_PAD_PROBE_OK;
}

static void watch_sink(const GValue *v, gpointer user) {
  GstElement *el = g_value_get_object(v);
  if (!GST_OBJECT_FLAG_IS_SET(el, GST_ELEMENT_FLAG_SINK)) return;
  if (GST_OBJECT_PARENT(el) != GST_OBJECT(user)) return; /* a sink inside a bin: its bin is the sink */
  g_hash_table_insert(imports, g_strdup(GST_OBJECT_NAME(el)), g_new0(guint, 2));
  GstIterator *it = gst_element_iterate_sink_pads(el);
  GValue item = G_VALUE_INIT;
  while (gst_iterator_next(it, &item) == GST_ITERATOR_OK) {
    gst_pad_add_probe(g_value_get_object(&item), GST_PAD_PROBE_TYPE_BUFFER, on_buffer, g_strdup(GST_OBJECT_NAME(el)), g_free);
    g_value_reset(&item);
  }
  g_value_unset(&item);
  gst_iterator_free(it);
}

static void final_caps(const GValue *v, gpointer user) {
  GstElement *el = g_value_get_object(v);
  if (GST_OBJECT_PARENT(el) != GST_OBJECT(user)) return;
  GstIterator *it = gst_element_iterate_pads(el);
  GValue item = G_VALUE_INIT;
  while (gst_iterator_next(it, &item) == GST_ITERATOR_OK) {
    GstPad *pad = g_value_get_object(&item);
    GstCaps *c = gst_pad_get_current_caps(pad);
    if (c != NULL) {
      record_caps(GST_OBJECT(pad), c, GST_ELEMENT(user));
      gst_caps_unref(c);
    }
    g_value_reset(&item);
  }
  g_value_unset(&item);
  gst_iterator_free(it);
}

static void print_probe(const GValue *v, gpointer user) {
  GstElement *el = g_value_get_object(v);
  if (!G_TYPE_CHECK_INSTANCE_TYPE(el, capsflow_exporter_get_type())) return;
  CapsflowExporter *x = (CapsflowExporter *) el;
  GString *s = user;
  if (s->str[s->len - 1] != '[') g_string_append_c(s, ',');
  g_string_append(s, "{\"element\":");
  json_string(s, GST_OBJECT_NAME(el));
  g_string_append_printf(s, ",\"readwrite\":%s,\"errno\":", x->readwrite ? "true" : "false");
  json_string(s, x->readwrite ? NULL : x->probe_errno == EPERM ? "EPERM" : g_strerror(x->probe_errno));
  g_string_append_c(s, '}');
}

/* is `el` fed, through any path upstream, by an exporter of protected (sealed) memory? */
static gboolean fed_by_protected(GstElement *el, int depth) {
  if (G_TYPE_CHECK_INSTANCE_TYPE(el, capsflow_exporter_get_type())) return ((CapsflowExporter *) el)->sealed;
  if (depth > 64) return FALSE;
  gboolean found = FALSE;
  GstIterator *it = gst_element_iterate_sink_pads(el);
  GValue item = G_VALUE_INIT;
  while (!found && gst_iterator_next(it, &item) == GST_ITERATOR_OK) {
    GstPad *peer = gst_pad_get_peer(g_value_get_object(&item));
    if (peer != NULL) {
      GstElement *up = gst_pad_get_parent_element(peer);
      if (up != NULL) {
        found = fed_by_protected(up, depth + 1);
        gst_object_unref(up);
      }
      gst_object_unref(peer);
    }
    g_value_reset(&item);
  }
  g_value_unset(&item);
  gst_iterator_free(it);
  return found;
}

static void emit(const gchar *pipeline_text, const gchar *verdict, const gchar *message, const gchar *element, GstElement *pipeline) {
  GString *s = g_string_new("{\"pipeline\":");
  json_string(s, pipeline_text);
  g_string_append(s, ",\"verdict\":");
  json_string(s, verdict);
  g_string_append(s, ",\"message\":");
  json_string(s, message);
  g_string_append(s, ",\"element\":");
  json_string(s, element);
  g_string_append(s, ",\"pads\":{");
  GList *keys = g_list_sort(g_hash_table_get_keys(pads), (GCompareFunc) strcmp);
  for (GList *k = keys; k; k = k->next) {
    if (k != keys) g_string_append_c(s, ',');
    json_string(s, k->data);
    g_string_append_c(s, ':');
    json_string(s, g_hash_table_lookup(pads, k->data));
  }
  g_list_free(keys);
  g_string_append(s, "},\"probes\":[");
  if (pipeline != NULL) {
    GstIterator *it = gst_bin_iterate_recurse(GST_BIN(pipeline));
    gst_iterator_foreach(it, print_probe, s);
    gst_iterator_free(it);
  }
  g_string_append(s, "],\"imports\":{");
  keys = g_list_sort(g_hash_table_get_keys(imports), (GCompareFunc) strcmp);
  for (GList *k = keys; k; k = k->next) {
    guint *c = g_hash_table_lookup(imports, k->data);
    if (k != keys) g_string_append_c(s, ',');
    json_string(s, k->data);
    GstElement *sink = pipeline != NULL ? gst_bin_get_by_name(GST_BIN(pipeline), k->data) : NULL;
    gboolean prot = sink != NULL && fed_by_protected(sink, 0);
    if (sink != NULL) gst_object_unref(sink);
    g_string_append_printf(s, ":{\"buffers\":%u,\"dmabuf\":%u,\"protected\":%s}", c[0], c[1], prot ? "true" : "false");
  }
  g_list_free(keys);
  g_string_append(s, "}}");
  puts(s->str);
  fflush(stdout);
  g_string_free(s, TRUE);
}

/* gst_parse_launch's errors, in the words gst-launch prints after "erroneous pipeline:" */
static const gchar *parse_verdict(const GError *e) {
  if (e->domain == GST_PARSE_ERROR && e->code == GST_PARSE_ERROR_LINK) return "link-failed";
  if (e->domain == GST_PARSE_ERROR && e->code == GST_PARSE_ERROR_NO_SUCH_ELEMENT) return "no-element";
  return "syntax";
}

static int run_one(const gchar *text) {
  pads = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  imports = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  GError *err = NULL;
  GstElement *pipeline = gst_parse_launch(text, &err);
  if (err != NULL) {
    emit(text, parse_verdict(err), err->message, NULL, NULL);
    return 0;
  }
  GstIterator *it = gst_bin_iterate_recurse(GST_BIN(pipeline));
  gst_iterator_foreach(it, watch_sink, pipeline);
  gst_iterator_free(it);
  gst_element_add_property_deep_notify_watch(pipeline, "caps", TRUE);
  GstBus *bus = gst_element_get_bus(pipeline);
  gst_element_set_state(pipeline, GST_STATE_PLAYING);
  const gchar *verdict = "timeout";
  gchar *message = NULL, *element = NULL;
  gint64 deadline = g_get_monotonic_time() + 8 * G_TIME_SPAN_SECOND;
  for (;;) {
    gint64 left = deadline - g_get_monotonic_time();
    if (left <= 0) break;
    GstMessage *m = gst_bus_timed_pop(bus, left * GST_USECOND);
    if (m == NULL) break;
    if (GST_MESSAGE_TYPE(m) == GST_MESSAGE_PROPERTY_NOTIFY) {
      GstObject *obj = NULL;
      const gchar *name = NULL;
      const GValue *val = NULL;
      gst_message_parse_property_notify(m, &obj, &name, &val);
      if (val != NULL && G_VALUE_HOLDS(val, GST_TYPE_CAPS)) record_caps(obj, gst_value_get_caps(val), pipeline);
    } else if (GST_MESSAGE_TYPE(m) == GST_MESSAGE_EOS) {
      verdict = "negotiated";
      gst_message_unref(m);
      break;
    } else if (GST_MESSAGE_TYPE(m) == GST_MESSAGE_ERROR) {
      GError *e = NULL;
      gchar *debug = NULL;
      gst_message_parse_error(m, &e, &debug);
      gboolean nn = (debug != NULL && strstr(debug, "reason not-negotiated") != NULL) ||
                    g_str_has_prefix(e->message, "Filter caps do not completely specify");
      verdict = nn ? "not-negotiated" : "error";
      message = g_strdup_printf("%s (%s)", e->message, debug ? debug : "");
      element = g_strdup(GST_OBJECT_NAME(GST_MESSAGE_SRC(m)));
      g_error_free(e);
      g_free(debug);
      gst_message_unref(m);
      break;
    }
    gst_message_unref(m);
  }
  /* the caps notifications still queued, then what every pad holds now */
  GstMessage *m;
  while ((m = gst_bus_pop_filtered(bus, GST_MESSAGE_PROPERTY_NOTIFY)) != NULL) {
    GstObject *obj = NULL;
    const gchar *name = NULL;
    const GValue *val = NULL;
    gst_message_parse_property_notify(m, &obj, &name, &val);
    if (val != NULL && G_VALUE_HOLDS(val, GST_TYPE_CAPS)) record_caps(obj, gst_value_get_caps(val), pipeline);
    gst_message_unref(m);
  }
  it = gst_bin_iterate_elements(GST_BIN(pipeline));
  gst_iterator_foreach(it, final_caps, pipeline);
  gst_iterator_free(it);
  g_mutex_lock(&lock);
  emit(text, verdict, message, element, pipeline);
  g_mutex_unlock(&lock);
  _exit(0); /* a child: no teardown needed, and none that could hang */
}

int main(int argc, char **argv) {
  gst_init(&argc, &argv);
  if (!gst_element_register(NULL, "capsflowexporter", GST_RANK_NONE, capsflow_exporter_get_type())) return 3;
  if (argc < 2) {
    fprintf(stderr, "usage: dmabuf-exporter PIPELINE...\n");
    return 2;
  }
  for (int i = 1; i < argc; i++) {
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
      alarm(15);
      run_one(argv[i]);
      _exit(0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status)) {
      pads = g_hash_table_new(g_str_hash, g_str_equal);
      imports = g_hash_table_new(g_str_hash, g_str_equal);
      emit(argv[i], "crashed", WIFSIGNALED(status) ? g_strsignal(WTERMSIG(status)) : "abnormal exit", NULL, NULL);
    }
  }
  return 0;
}
