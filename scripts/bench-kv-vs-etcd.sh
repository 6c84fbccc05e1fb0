#!/usr/bin/env bash
# raft-kv on three real local nodes beside a three-member etcd cluster on loopback, under the same
# closed-loop writers (1, 16 and 64 clients). Installs Debian's etcd-server when etcd is missing
# (its service is not started: the benchmark starts its own members). Run as root.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if ! command -v etcd >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q --no-install-recommends etcd-server >/dev/null
  # Debian starts the packaged service where it can; the benchmark wants its own members only.
  (service etcd stop || pkill -x etcd || true) >/dev/null 2>&1
fi
exec "$root/mycel" hil bench-kv --out "$root/runs/bench-kv" "$@"
