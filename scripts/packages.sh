# The Debian packages of the GStreamer oracles, sourced by scripts/oracles.sh and scripts/import-registry.sh.
# A "full install" is every GStreamer plugin package that registers elements without hardware; the
# embedded registries (fixtures/registry/gstreamer-1.22.json, -1.26.json) are imported from exactly these.

# plugin packages, the same names in Debian 12 (GStreamer 1.22) and Debian 13 (GStreamer 1.26).
# Not gstreamer1.0-plugins-rtp: it is the old out-of-tree gst-plugins-rtp set (1.14.4.1 in Debian 12,
# 1.18.1.2 in 13) whose one plugin, nrtp, registers rtpsrc and rtpsink again over plugins-bad's
# (rtpmanagerbad): with both installed, which one the registry keeps depends on how the registry cache
# was scanned (gst-plugin-scanner or in-process), so the snapshot would not be reproducible.
# gstreamer1.0-pulseaudio is a transitional package in Debian 12 (the plugin is in plugins-good).
GST_PLUGIN_PACKAGES="gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-bad
  gstreamer1.0-plugins-ugly gstreamer1.0-libav gstreamer1.0-gl gstreamer1.0-x gstreamer1.0-alsa
  gstreamer1.0-pulseaudio gstreamer1.0-gtk3 gstreamer1.0-qt5"

# what the oracle tests run and compile against: gst-launch/gst-inspect, the C harnesses' headers
GST_TOOL_PACKAGES="gstreamer1.0-tools libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev pkg-config gcc"

# the host (Debian 12): the 1.22 oracle, Chromium for the picture tests, debootstrap for the 1.26 root
# gst-discoverer-1.0 (plugins-base-apps) records and checks what the media fixtures hold
# xvfb: xvfb-run gives spec/oracle/x-sinks.spec.ts an X display (24-bit TrueColor) for ximagesink
HOST_PACKAGES="$GST_TOOL_PACKAGES $GST_PLUGIN_PACKAGES gstreamer1.0-plugins-base-apps chromium debootstrap xvfb xauth"

# the Debian 13 root (GStreamer 1.26): the same oracle, and nodejs to run the registry importer in it
ROOT_PACKAGES="$GST_TOOL_PACKAGES $GST_PLUGIN_PACKAGES nodejs"

# where the 1.26 root lives (made once per machine by ../shared/tools/debian13-root.sh)
CAPSFLOW_DEBIAN13_ROOT=${CAPSFLOW_DEBIAN13_ROOT:-/var/tmp/capsflow-debian13}
