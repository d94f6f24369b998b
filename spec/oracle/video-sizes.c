/*
 * GstVideoInfo.size (gst_video_info_set_format) for each format named on the command line at a fixed list of
 * sizes: "FORMAT WxH=SIZE ..." per line, "-" where the format is unknown or refuses the size. Built and run in
 * the GStreamer 1.26 root by spec/oracle/video-info-1.26.spec.ts.
 */
#include <gst/video/video.h>
#include <stdio.h>
int main(int argc, char **argv) {
  gst_init(&argc, &argv);
  int sizes[][2] = {{320,240},{1,1},{3,5},{17,9},{641,479},{1920,1080},{33,2},{2,2},{4,4},{6,3}};
  for (int i = 1; i < argc; i++) {
    GstVideoFormat f = gst_video_format_from_string(argv[i]);
    printf("%s", argv[i]);
    for (int k = 0; k < 10; k++) {
      GstVideoInfo info;
      gst_video_info_init(&info);
      if (!gst_video_info_set_format(&info, f, sizes[k][0], sizes[k][1])) { printf(" -"); continue; }
      printf(" %dx%d=%zu", sizes[k][0], sizes[k][1], info.size);
    }
    printf("\n");
  }
  return 0;
}
