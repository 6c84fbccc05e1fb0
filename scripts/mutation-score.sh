#!/usr/bin/env bash
# mutation-score.sh: the node code's mutation score, target by target. Each target is a class glob
# and the programs whose library scenarios are its tests (glob=program[,program]); PIT runs once per
# target through the scenarios module's `mutation` profile, and a table of the scores is printed at
# the end (and kept in scenarios/target/mutation-scores/scores.md, each run's mutations.csv beside it).
#
#   scripts/mutation-score.sh                       every node protocol package (an hour or more on 2 cores)
#   scripts/mutation-score.sh 'io.mycel.node.dht.*=dht' 'io.mycel.node.raft.Elections*=raft-kv'
#
# MUTATION_TIMEOUT (ms, default 2000) bounds how long a mutant that loops may run past the normal time.
# The score counts killed and timed-out mutants over all of them; test strength leaves out the ones
# no scenario reaches (no coverage).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/scenarios/target/mutation-scores"
timeout="${MUTATION_TIMEOUT:-2000}"

if [ $# -eq 0 ]; then
  set -- \
    'io.mycel.node.membership.*=mesh,presence' 'io.mycel.node.store.*=mesh,presence' \
    'io.mycel.node.crdt.*=mesh,presence' 'io.mycel.node.overlay.*=mesh,presence' \
    'io.mycel.node.presence.*=presence' 'io.mycel.node.mesh.*=mesh' \
    'io.mycel.node.gcounter.*=gcounter' 'io.mycel.node.energy.*=gcounter,mesh' \
    'io.mycel.node.dht.*=dht' 'io.mycel.node.ring.*=tasks' 'io.mycel.node.tasks.*=tasks' \
    'io.mycel.node.supervisor.*=tasks' 'io.mycel.node.pubsub.*=mqtt' 'io.mycel.node.session.*=presence' \
    'io.mycel.node.kv.*=raft-kv' 'io.mycel.node.registry.*=raft-kv' \
    'io.mycel.node.raft.Elections*=raft-kv' 'io.mycel.node.raft.RaftLog*=raft-kv' \
    'io.mycel.node.raft.LeaderReplication*=raft-kv' 'io.mycel.node.raft.FollowerReplication*=raft-kv' \
    'io.mycel.node.raft.RaftNode*=raft-kv' 'io.mycel.node.raft.Reconfiguration*=raft-kv' \
    'io.mycel.node.raft.*State*=raft-kv' 'io.mycel.node.raft.RaftCodec*=raft-kv'
fi

mkdir -p "$out"
table="$out/scores.md"
printf '| target | programs | mutants | killed | survived | no coverage | score | test strength | minutes |\n' > "$table"
printf '|---|---|---|---|---|---|---|---|---|\n' >> "$table"
cd "$root"
for target in "$@"; do
  classes="${target%%=*}"
  programs="${target#*=}"
  name="$(echo "$classes" | sed "s/io\\.mycel\\.node\\.//; s/\\.\\*\$//; s/\\*/x/g")"
  echo "== $classes (tests: $programs scenarios)" >&2
  start=$(date +%s)
  if ! mvn -B -q -ntp -P mutation -pl scenarios -am test -Dmaven.test.skip.exec=true \
      -Dmutation.classes="$classes" -Dmutation.programs="$programs" -Dmutation.timeoutConstant="$timeout" \
      > "$out/$name.log" 2>&1; then
    echo "   PIT failed; see $out/$name.log" >&2
    printf '| `%s` | %s | PIT failed, see %s.log | | | | | | |\n' "$classes" "$programs" "$name" >> "$table"
    continue
  fi
  minutes=$(( ($(date +%s) - start + 30) / 60 ))
  cp scenarios/target/pit-reports/mutations.csv "$out/$name.csv"
  # mutations.csv: file, class, mutator, method, line, status, killing test
  awk -F, -v t="$classes" -v p="$programs" -v m="$minutes" '
    { n++; s=$6 }
    s=="KILLED" || s=="TIMED_OUT" || s=="MEMORY_ERROR" || s=="RUN_ERROR" { k++ }
    s=="SURVIVED" { sv++ }
    s=="NO_COVERAGE" { nc++ }
    END {
      if (n == 0) { printf "| `%s` | %s | no mutants | | | | | | %d |\n", t, p, m; exit }
      printf "| `%s` | %s | %d | %d | %d | %d | %.0f %% | %.0f %% | %d |\n", t, p, n, k, sv, nc, 100*k/n, (n-nc ? 100*k/(n-nc) : 0), m
    }' "$out/$name.csv" >> "$table"
  tail -1 "$table" >&2
done
echo
cat "$table"
