#!/usr/bin/env bash
# node-image.sh JAR TAG: builds the Docker image of a Mycel node without any registry.
#
# The image holds a Java 17 runtime cut down by jlink to the modules the node jar needs (jdeps finds
# them), nft (so a partition can be made inside a container), the shared libraries those load, and
# the jar at /app/mycel-node.jar. It is made from a root file system by `docker import`, so nothing
# is pulled. Needs DOCKER_HOST pointing at a running engine (scripts/docker-engine.sh up).
set -euo pipefail
jar=$1
tag=$2
jdk=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root="$work/rootfs"
mkdir -p "$root"/{app,tmp,etc,proc,sys,dev,run,usr/bin,usr/sbin,usr/lib,usr/lib64}
ln -s usr/bin "$root/bin"; ln -s usr/sbin "$root/sbin"; ln -s usr/lib "$root/lib"; ln -s usr/lib64 "$root/lib64"
chmod 1777 "$root/tmp"

modules=$("$jdk/bin/jdeps" --ignore-missing-deps --multi-release 17 --print-module-deps "$jar")
# jdk.crypto.ec for TLS later; jdk.jcmd's attach needs jdk.attach, useful on a bench.
"$jdk/bin/jlink" --add-modules "$modules,jdk.crypto.ec,jdk.attach" --strip-debug --no-man-pages --no-header-files \
  --compress=2 --output "$root/opt/java"
ln -s /opt/java/bin/java "$root/usr/bin/java"

command -v nft >/dev/null 2>&1 || { DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends nftables >/dev/null; }
for tool in /usr/sbin/nft /bin/sh /bin/kill; do
  target="$root/usr${tool#/usr}"
  mkdir -p "$(dirname "$target")"
  cp -L "$tool" "$target"
done
# Every shared library anything in the image loads, from the host.
find "$root" -type f \( -perm -u+x -o -name '*.so*' \) -print0 | xargs -0 ldd 2>/dev/null | grep -o '/[^ ]*' | sort -u |
  while read -r lib; do
    if [ -e "$lib" ] && [ ! -e "$root$lib" ]; then mkdir -p "$root$(dirname "$lib")"; cp -L "$lib" "$root$lib"; fi
  done
echo 'root:x:0:0:root:/root:/bin/sh' > "$root/etc/passwd"
echo 'root:x:0:' > "$root/etc/group"
echo 'hosts: files dns' > "$root/etc/nsswitch.conf"
cp "$jar" "$root/app/mycel-node.jar"

tar -C "$root" -c . | docker import -c 'ENV PATH=/opt/java/bin:/usr/sbin:/usr/bin' -c 'WORKDIR /app' - "$tag" >/dev/null
docker image inspect "$tag" --format '{{.Size}}' | awk -v t="$tag" '{printf "%s: %.1f MB\n", t, $1/1e6}'
