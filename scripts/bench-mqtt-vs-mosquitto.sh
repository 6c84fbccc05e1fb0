#!/usr/bin/env bash
# One real node running the mqtt program beside Debian's Mosquitto, under the same Paho load (100
# publishers and 100 subscribers by default) at QoS 0 and 1. Installs mosquitto when it is missing
# (its service is not kept running: the benchmark starts its own broker). Run as root.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if ! command -v mosquitto >/dev/null 2>&1 && [ ! -x /usr/sbin/mosquitto ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q --no-install-recommends mosquitto >/dev/null
  (service mosquitto stop || pkill -x mosquitto || true) >/dev/null 2>&1
fi
exec "$root/mycel" hil bench-mqtt --out "$root/runs/bench-mqtt" "$@"
