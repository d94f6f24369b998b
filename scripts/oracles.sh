#!/usr/bin/env bash
# Sets up both GStreamer oracles the tests compare against, as CI does (.ci/run calls this):
#  - GStreamer 1.22 on this Debian 12 system: the tools, a full install of plugins (scripts/packages.sh)
#    and the -dev packages the C harnesses build against, plus Chromium and debootstrap;
#  - GStreamer 1.26 in a Debian 13 root beside the system ($CAPSFLOW_DEBIAN13_ROOT, default
#    /var/tmp/capsflow-debian13), built once per machine by ../shared/tools/debian13-root.sh from the
#    Debian mirror the system's apt sources name, and reused when it already has the packages.
# Needs root (or sudo) for apt-get, debootstrap and chroot. Idempotent: a second run changes nothing.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
. "$repo/scripts/packages.sh"
export DEBIAN_FRONTEND=noninteractive
sudo=; [ "$(id -u)" -eq 0 ] || sudo=sudo

missing=()
for p in $HOST_PACKAGES; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "oracles: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

tool=${CAPSFLOW_DEBIAN13_TOOL:-$repo/../shared/tools/debian13-root.sh}
if [ ! -f "$tool" ]; then
  echo "oracles: $tool not found (a clone of the project's shared/ beside the repository, or set CAPSFLOW_DEBIAN13_TOOL)" >&2
  exit 1
fi
# word splitting of the package list is intended
# shellcheck disable=SC2086
$sudo sh "$tool" "$CAPSFLOW_DEBIAN13_ROOT" $ROOT_PACKAGES >/dev/null

echo "oracles: $(gst-launch-1.0 --version | sed -n 2p) on the system;" \
  "$($sudo chroot "$CAPSFLOW_DEBIAN13_ROOT" gst-launch-1.0 --version | sed -n 2p) in $CAPSFLOW_DEBIAN13_ROOT" >&2
