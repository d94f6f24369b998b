#!/usr/bin/env bash
# Regenerates an embedded registry from a full install (scripts/packages.sh) with the project's own
# importer (`capsflow registry import`, which reads libgstreamer in-process through koffi), and its
# package provenance (scripts/registry-provenance.mjs):
#   scripts/import-registry.sh 1.22   this Debian 12 system  → fixtures/registry/gstreamer-1.22.json
#   scripts/import-registry.sh 1.26   the Debian 13 root     → fixtures/registry/gstreamer-1.26.json
# For 1.26 the built importer runs inside the root (its nodejs, its libgstreamer) with the repository
# bind-mounted at /mnt/capsflow; koffi's prebuilt binary loads there. Run scripts/oracles.sh and
# `npm run build` first. Refuses a machine with other plugin packages than the full install.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
. "$repo/scripts/packages.sh"
version=${1:?usage: scripts/import-registry.sh 1.22|1.26}
out=fixtures/registry/gstreamer-$version.json
# one line: the lists go into a chroot'ed sh -c
plugin_pkgs=$(echo $GST_PLUGIN_PACKAGES)
allowed="$plugin_pkgs libgstreamer1.0-0"
cd "$repo"
[ -f dist/cli/main.js ] || { echo "import-registry: run npm run build first" >&2; exit 1; }

case $version in
  1.22)
    # shellcheck disable=SC2086
    for p in $plugin_pkgs; do dpkg -s "$p" >/dev/null 2>&1 || { echo "import-registry: $p is not installed (scripts/oracles.sh)" >&2; exit 1; }; done
    node dist/cli/main.js registry import --out "$out"
    # shellcheck disable=SC2086
    node scripts/registry-provenance.mjs "$out" $allowed
    ;;
  1.26)
    root=$CAPSFLOW_DEBIAN13_ROOT
    [ -x "$root/usr/bin/node" ] || { echo "import-registry: $root has no nodejs (scripts/oracles.sh)" >&2; exit 1; }
    mkdir -p "$root/mnt/capsflow"
    mount --bind "$repo" "$root/mnt/capsflow"
    # plugins read /proc (CPU features, the cpuinfo library): give the root one for the import
    if mountpoint -q "$root/proc"; then
      trap 'umount "$root/mnt/capsflow"' EXIT
    else
      mount -t proc proc "$root/proc"
      trap 'umount "$root/mnt/capsflow"; umount "$root/proc"' EXIT
    fi
    # shellcheck disable=SC2086
    chroot "$root" sh -c "cd /mnt/capsflow && for p in $plugin_pkgs; do dpkg -s \$p >/dev/null 2>&1 || { echo \"import-registry: \$p is not installed in $root\" >&2; exit 1; }; done &&
      node dist/cli/main.js registry import --out $out && node scripts/registry-provenance.mjs $out $allowed"
    ;;
  *) echo "import-registry: unknown version '$version' (1.22 or 1.26)" >&2; exit 2 ;;
esac
