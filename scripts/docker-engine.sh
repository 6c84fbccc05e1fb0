#!/usr/bin/env bash
# docker-engine.sh up|down: a Docker engine of the lab's own, for the hardware-in-the-loop docker backend.
#
# up:   installs Debian's docker.io if missing, starts dockerd without systemd on a socket of its own
#       (no firewall rules of Docker's: --iptables=false), adds an nftables guard so that nothing a
#       container sends leaves the machine, waits until the engine answers, prints DOCKER_HOST.
# down: removes the engine's containers, stops dockerd, removes the guard.
# Env: MYCEL_DOCKER_ROOT (default /var/lib/mycel-docker; keep it short: the socket path is limited).
set -euo pipefail
state=${MYCEL_DOCKER_ROOT:-/var/lib/mycel-docker}
socket="$state/docker.sock"
pool=172.30.0.0/16
export DOCKER_HOST="unix://$socket"

up() {
  mkdir -p "$state"
  if ! command -v dockerd >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q --no-install-recommends docker.io >/dev/null || { apt-get update -q >/dev/null; apt-get install -y -q --no-install-recommends docker.io >/dev/null; }
  fi
  if docker version >/dev/null 2>&1; then
    echo "DOCKER_HOST=$DOCKER_HOST"; return
  fi
  # A second engine beside another one needs its own roots, pidfile and socket, and no default bridge.
  bridge=()
  if [ -S /var/run/docker.sock ] && [ "$socket" != /var/run/docker.sock ]; then bridge=(--bridge=none); fi
  setsid nohup dockerd --data-root "$state/data" --exec-root "$state/exec" --pidfile "$state/dockerd.pid" \
    -H "$DOCKER_HOST" --iptables=false --ip-masq=false --storage-driver=overlay2 \
    --default-address-pool "base=$pool,size=24" --dns-opt timeout:1 --dns-opt attempts:1 "${bridge[@]}" \
    >"$state/dockerd.log" 2>&1 </dev/null &
  # Containers reach each other and this host, nothing beyond (the embedded DNS would forward out).
  nft -f - <<NFT
table inet mycel_docker_guard
delete table inet mycel_docker_guard
table inet mycel_docker_guard {
  chain forward { type filter hook forward priority -10; ip saddr $pool ip daddr != $pool reject with icmpx admin-prohibited; }
}
NFT
  for _ in $(seq 1 240); do
    if docker version >/dev/null 2>&1; then echo "DOCKER_HOST=$DOCKER_HOST"; return; fi
    sleep 0.25
  done
  echo "dockerd did not answer within 60 s; the end of $state/dockerd.log:" >&2
  tail -20 "$state/dockerd.log" >&2
  exit 1
}

down() {
  ids=$(docker ps -aq 2>/dev/null || true)
  if [ -n "$ids" ]; then docker rm -f $ids >/dev/null 2>&1 || true; fi
  nft delete table inet mycel_docker_guard 2>/dev/null || true
  pid=$(cat "$state/dockerd.pid" 2>/dev/null || true)
  [ -z "$pid" ] && return
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
  kill -KILL "$pid" 2>/dev/null || true
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  *) echo "usage: $0 up|down" >&2; exit 2 ;;
esac
