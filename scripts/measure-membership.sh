#!/usr/bin/env bash
# Runs the SCAMP measurements recorded in docs/simulator.md and prints markdown tables.
# Usage: scripts/measure-membership.sh [OUTDIR]   (needs target/catdit.jar: mvn -B package -DskipTests)
# Takes about 15 minutes on a 2-core machine.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/measurements}
mkdir -p "$out"
jar=target/catdit.jar
sim() { java -Xmx16g -XX:+UseParallelGC -jar "$jar" sim --json --quiet "$@"; }

echo "== N=10,000, c=1, seeds 1..20" >&2
for seed in $(seq 1 20); do
  sim --peers 10000 --c 1 --seed "$seed" > "$out/n10k-seed$seed.json"
done

echo "== N=1,000, c=0..4, seeds 1..10" >&2
for c in 0 1 2 3 4; do
  for seed in $(seq 1 10); do
    sim --peers 1000 --c "$c" --seed "$seed" > "$out/n1k-c$c-seed$seed.json"
  done
done

echo "== indirection off, N=10,000, seeds 1..5" >&2
for seed in 1 2 3 4 5; do
  sim --peers 10000 --c 1 --seed "$seed" --walk-hops 0 > "$out/n10k-nowalk-seed$seed.json"
done

echo "== churn: N=10,000, 20% leave, 10% crash, leases 60 s, heartbeats 2 s" >&2
sim --peers 10000 --c 1 --seed 1 --leave-fraction 0.2 --crash-fraction 0.1 \
  --churn-observe-s 300 --churn-sample-s 10 > "$out/churn-n10k.json"

echo "== N=100,000, c=1" >&2
sim --peers 100000 --c 1 --seed 1 > "$out/n100k.json"

python3 scripts/membership-tables.py "$out"
