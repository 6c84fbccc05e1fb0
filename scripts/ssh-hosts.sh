#!/usr/bin/env bash
# ssh-hosts.sh up N DIR | down DIR: N stand-in "Pis" on this machine for the ssh backend, each a
# network namespace (mycel-pi1..N, address 10.213.0.I on a bridge of their own, 10.213.0.254 for
# this machine) running its own OpenSSH server with key authentication only. Writes DIR/hosts.yaml,
# the file `mycel hil run --backend ssh --hosts` reads. Nothing leaves the machine: the namespaces
# have no default route. Needs root; installs openssh-server when missing.
set -euo pipefail
cmd=${1:-}
bridge=mycel-br0

up() {
  n=$1; dir=$(realpath -m "$2")
  command -v /usr/sbin/sshd >/dev/null 2>&1 || { export DEBIAN_FRONTEND=noninteractive;
    apt-get install -y -q --no-install-recommends openssh-server >/dev/null 2>&1 || { apt-get update -q >/dev/null; apt-get install -y -q --no-install-recommends openssh-server >/dev/null; }; }
  mkdir -p "$dir" /run/sshd
  chmod 700 "$dir"
  [ -f "$dir/client_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -f "$dir/client_ed25519"
  cp "$dir/client_ed25519.pub" "$dir/authorized_keys"
  ip link show "$bridge" >/dev/null 2>&1 || { ip link add "$bridge" type bridge; ip addr add 10.213.0.254/24 dev "$bridge"; }
  ip link set "$bridge" up
  {
    echo "# written by scripts/ssh-hosts.sh: $n stand-in hosts in network namespaces"
    echo "user: root"
    echo "key: $dir/client_ed25519"
    echo "dir: /tmp/mycel-ssh-hosts"
    echo "hosts:"
  } > "$dir/hosts.yaml"
  for i in $(seq 1 "$n"); do
    ns=mycel-pi$i
    ip netns add "$ns" 2>/dev/null || true
    if ! ip link show mycel-v$i >/dev/null 2>&1; then
      ip link add mycel-v$i type veth peer name eth0 netns "$ns"
      ip link set mycel-v$i master "$bridge" up
      ip netns exec "$ns" ip addr add 10.213.0.$i/24 dev eth0
      ip netns exec "$ns" ip link set eth0 up
      ip netns exec "$ns" ip link set lo up
    fi
    host_key="$dir/host_$i"
    [ -f "$host_key" ] || ssh-keygen -q -t ed25519 -N '' -f "$host_key"
    cat > "$dir/sshd_$i.conf" <<CFG
Port 22
ListenAddress 10.213.0.$i
HostKey $host_key
PidFile $dir/sshd_$i.pid
AuthorizedKeysFile $dir/authorized_keys
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
PermitRootLogin prohibit-password
StrictModes no
Subsystem sftp internal-sftp
CFG
    /usr/sbin/sshd -t -f "$dir/sshd_$i.conf"
    if ! { [ -f "$dir/sshd_$i.fg" ] && kill -0 "$(cat "$dir/sshd_$i.fg")" 2>/dev/null; }; then
      setsid nohup ip netns exec "$ns" /usr/sbin/sshd -D -e -f "$dir/sshd_$i.conf" >"$dir/sshd_$i.log" 2>&1 </dev/null &
      echo $! > "$dir/sshd_$i.fg"
    fi
    for _ in $(seq 1 50); do grep -q 'Server listening' "$dir/sshd_$i.log" 2>/dev/null && break; sleep 0.1; done
    fingerprint=$(ssh-keygen -l -E sha256 -f "$host_key.pub" | awk '{print $2}')
    echo "  n$i: {host: 10.213.0.$i, port: 22, fingerprint: \"$fingerprint\", listen: 10.213.0.$i:7400}" >> "$dir/hosts.yaml"
  done
  echo "$dir/hosts.yaml"
}

down() {
  dir=$(realpath -m "$1")
  for fg in "$dir"/sshd_*.fg; do
    [ -f "$fg" ] && kill "$(cat "$fg")" 2>/dev/null || true
  done
  for ns in $(ip netns list 2>/dev/null | awk '/^mycel-pi[0-9]+/ {print $1}'); do
    pids=$(ip netns pids "$ns" 2>/dev/null || true)
    [ -n "$pids" ] && kill -9 $pids 2>/dev/null || true
    ip netns delete "$ns" 2>/dev/null || true
  done
  ip link delete "$bridge" 2>/dev/null || true
}

case "$cmd" in
  up) up "${2:?N}" "${3:?DIR}" ;;
  down) down "${2:?DIR}" ;;
  *) echo "usage: $0 up N DIR | down DIR" >&2; exit 2 ;;
esac
