#!/usr/bin/env bash
# A local two-node setup on one shared event log: a Redis of its own (no persistence, in a temporary
# folder), node a with the demo source on :9321 and the edge node b (no source) on :9322.
# Ctrl+C stops all three. See docs/STREAMING.md, "Running several nodes".
set -euo pipefail
cd "$(dirname "$0")/.."

redis_port=${REDIS_PORT:-6390}
command -v redis-server >/dev/null || { echo "two-nodes: redis-server is missing (apt-get install redis-server)" >&2; exit 1; }
dir=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT INT TERM

redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$dir" --save "" --appendonly no --logfile "$dir/redis.log" &
pids+=($!)
until redis-cli -p "$redis_port" ping >/dev/null 2>&1; do sleep 0.1; done

dotnet build -v q -nologo src/G6.Summary.Cli >/dev/null
node() {
  G6_BACKPLANE=redis G6_REDIS="127.0.0.1:$redis_port" G6_NODE_ID="$1" G6_SUMMARY_SOURCE="$2" G6_SSE_PORT="$3" \
    dotnet run --no-build --project src/G6.Summary.Cli -- serve &
  pids+=($!)
}
node a demo 9321
node b none 9322
echo "two-nodes: node a http://127.0.0.1:9321 (demo), node b http://127.0.0.1:9322 (edge), Redis 127.0.0.1:$redis_port; Ctrl+C stops them"
wait
