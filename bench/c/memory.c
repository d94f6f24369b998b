/* GStreamer baseline for bench/suites/memory.mjs: per cycle a 64 KiB memfd is wrapped by the fd (or
 * dmabuf) allocator, mapped READWRITE, one byte written, unmapped and freed.
 * Modes "raw" and "arena" are no GStreamer: "raw" makes GStreamer's syscalls bare (mmap/munmap), "arena"
 * the ones capsflow's crash-proof mapping makes (fstat and F_SEAL_SHRINK before mapping, MAP_FIXED into
 * a reserved range, an anonymous range back over it at unmap); they tell the kernel's share of a cycle
 * from GStreamer's and from FFI/JS.
 * usage: memory fd|dmabuf|raw|arena SIZE CYCLES_PER_PASS MIN_SECONDS
 * prints one JSON line: {"op","passes","ops","seconds","opsPerSec","cpuNsPerOp","checksum"} */
#define _GNU_SOURCE
#include "bench.h"
#include <gst/gst.h>
#include <gst/allocators/allocators.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/resource.h>
#include <unistd.h>

static GstAllocator *allocator;
static gboolean arena_mode, raw_mode;
static char *arena;
static gsize arena_size, arena_bump;

/* user + system CPU seconds of this process: steadier than wall time on a loaded machine */
static double cpu_seconds (void)
{
  struct rusage r;
  getrusage (RUSAGE_SELF, &r);
  return r.ru_utime.tv_sec + r.ru_utime.tv_usec / 1e6 + r.ru_stime.tv_sec + r.ru_stime.tv_usec / 1e6;
}
static gboolean dmabuf;

/* one pass: the checksum is the sum of the bytes read back after writing them */
static guint64 pass (gsize size, int cycles)
{
  guint64 sum = 0;
  for (int i = 0; i < cycles; i++) {
    int fd = memfd_create ("bench", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (fd < 0 || ftruncate (fd, size) != 0) {
      perror ("memfd");
      exit (1);
    }
    if (arena_mode) {
      struct stat st;
      if (fstat (fd, &st) != 0 || (gsize) st.st_size < size || fcntl (fd, F_ADD_SEALS, F_SEAL_SHRINK) != 0) {
        perror ("fstat / F_ADD_SEALS");
        exit (1);
      }
      if (arena_bump + size > arena_size)
        arena_bump = 0;
      guint8 *p = (guint8 *) arena + arena_bump;
      arena_bump += size;
      if (mmap (p, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, fd, 0) == MAP_FAILED) {
        perror ("mmap");
        exit (1);
      }
      p[0] = (guint8) i;
      sum += p[0];
      mmap (p, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0);
      close (fd);
      continue;
    }
    if (raw_mode) {
      guint8 *p = mmap (NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
      if (p == MAP_FAILED) {
        perror ("mmap");
        exit (1);
      }
      p[0] = (guint8) i;
      sum += p[0];
      munmap (p, size);
      close (fd);
      continue;
    }
    GstMemory *mem = dmabuf
        ? gst_dmabuf_allocator_alloc_with_flags (allocator, fd, size, GST_FD_MEMORY_FLAG_NONE)
        : gst_fd_allocator_alloc (allocator, fd, size, GST_FD_MEMORY_FLAG_NONE);
    GstMapInfo info;
    if (!gst_memory_map (mem, &info, GST_MAP_READWRITE)) {
      fprintf (stderr, "map failed\n");
      exit (1);
    }
    info.data[0] = (guint8) i;
    sum += info.data[0];
    gst_memory_unmap (mem, &info);
    gst_memory_unref (mem);
  }
  return sum;
}

int main (int argc, char **argv)
{
  if (argc != 5) {
    fprintf (stderr, "usage: %s fd|dmabuf|raw|arena SIZE CYCLES_PER_PASS MIN_SECONDS\n", argv[0]);
    return 2;
  }
  gst_init (NULL, NULL);
  dmabuf = strcmp (argv[1], "dmabuf") == 0;
  arena_mode = strcmp (argv[1], "arena") == 0;
  raw_mode = strcmp (argv[1], "raw") == 0;
  allocator = dmabuf ? gst_dmabuf_allocator_new () : gst_fd_allocator_new ();
  gsize size = (gsize) g_ascii_strtoull (argv[2], NULL, 10);
  if (arena_mode) {
    arena_size = (gsize) 1 << 32;
    arena = mmap (NULL, arena_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (arena == MAP_FAILED) {
      perror ("mmap arena");
      return 1;
    }
  }
  int cycles = atoi (argv[3]);
  double min_seconds = g_ascii_strtod (argv[4], NULL);

  /* warm up as the JS side does */
  double warm_end = bench_now () + min_seconds / 2;
  guint64 checksum = pass (size, cycles);
  while (bench_now () < warm_end)
    pass (size, cycles);

  int passes = 0;
  double cpu_start = cpu_seconds ();
  double start = bench_now (), elapsed;
  do {
    guint64 c = pass (size, cycles);
    if (c != checksum) {
      fprintf (stderr, "checksum changed\n");
      return 1;
    }
    passes++;
    elapsed = bench_now () - start;
  } while (elapsed < min_seconds);

  double cpu = cpu_seconds () - cpu_start;
  double ops = (double) passes * cycles;
  printf ("{\"op\":\"%s\",\"passes\":%d,\"ops\":%.0f,\"seconds\":%.6f,\"opsPerSec\":%.1f,\"cpuNsPerOp\":%.1f,\"checksum\":%" G_GUINT64_FORMAT "}\n",
      argv[1], passes, ops, elapsed, ops / elapsed, cpu * 1e9 / ops, checksum);
  gst_object_unref (allocator);
  return 0;
}
