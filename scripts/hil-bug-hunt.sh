#!/usr/bin/env bash
# hil-bug-hunt.sh [RUNS] [BACKEND]: the library's planted bugs that fit real nodes (mains power, a
# run of seconds, a few nodes), each run on real nodes until caught or RUNS runs (default 3) have
# passed; prints how many runs each took. Bugs that need the power model, days of virtual time or
# dozens of nodes are left to the simulator.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs=${1:-3}
backend=${2:-local}
bugs=(gcounter-ack-before-sync mesh-counter-forget-deltas mesh-counter-merge-not-idempotent mesh-set-remove-drops-adds
      presence-no-expiry raft-kv-commit-beyond-match raft-kv-stale-reads raft-kv-truncate-on-stale-append
      raft-kv-unfenced-writes raft-kv-vote-without-log-check tasks-no-dedup tasks-handoff-drops-last)
printf '%-36s %s\n' "planted bug" "on real nodes ($backend), at most $runs runs"
for bug in "${bugs[@]}"; do
  out=$("$root/mycel" hil run "$root/scenarios/library/$bug.yaml" --backend "$backend" --runs "$runs" \
        --out "$root/runs/hil-bugs" 2>&1)
  verdict=$(printf '%s\n' "$out" | grep -E '^planted bug (caught|not caught)' | tail -1)
  printf '%-36s %s\n' "$bug" "${verdict:-error: $(printf '%s\n' "$out" | grep -v '^SLF4J' | tail -1)}"
done
