#!/usr/bin/env bash
# The backplane measurements of docs/STREAMING.md (Performance, Running several nodes), archived under
# archive/<date>/: (1) 1,000 streams with the memory log and with Redis, same scenario; (2) two nodes of
# 5,000 streams each on one Redis next to one node of 10,000; (3) a reconnect storm of 5,000 streams across a
# node restart (SIGTERM, start again), memory and Redis. Loopback only; every process stops by itself.
set -euo pipefail
ulimit -n "$(ulimit -Hn)"   # 10,000 streams are 10,000 descriptors in the server
cd "$(dirname "$0")/.."
day=$(date -u +%Y-%m-%d)
out=archive/$day
mkdir -p "$out"
dotnet build -c Release -v q -nologo src/G6.Summary.Cli >/dev/null
g6() { dotnet src/G6.Summary.Cli/bin/Release/net10.0/g6-summary.dll "$@"; }

redis_port=${REDIS_PORT:-6391}
dir=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$dir"; }
trap cleanup EXIT INT TERM
redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$dir" --save "" --appendonly no --logfile "$dir/redis.log" &
pids+=($!)
until redis-cli -p "$redis_port" ping >/dev/null 2>&1; do sleep 0.1; done
redis=(--server-set G6_BACKPLANE=redis --server-set "G6_REDIS=127.0.0.1:$redis_port")

step() { echo "== $* (load $(cut -d' ' -f1 /proc/loadavg))" >&2; }

if [[ "${1:-all}" == all || "$1" == latency ]]; then
  step "1,000 streams: memory, then redis"
  g6 bench scenario --streams 1000 --no-idle-memory --duration 20 --archive archive --name backplane-memory-1000
  g6 bench scenario --streams 1000 --no-idle-memory --duration 20 --archive archive --name backplane-redis-1000 "${redis[@]}"
fi

# A node of our own on a fixed port, so that it can come back where it was.
serve() { # name port source [extra env...]
  local name=$1 port=$2 source=$3; shift 3
  env -i PATH="$PATH" HOME="$HOME" DOTNET_ROOT="${DOTNET_ROOT:-}" G6_SSE_PORT="$port" G6_SUMMARY_SOURCE="$source" \
    G6_SUMMARY_DEMO_PROFILE=busy G6_SUMMARY_REFRESH_SEC=0.1 G6_LOG_LEVEL=Warning G6_NODE_ID="$name" "$@" \
    dotnet src/G6.Summary.Cli/bin/Release/net10.0/g6-summary.dll serve >"$dir/$name.log" 2>&1 &
  echo $!
}
stop_node() { kill -TERM "$1" 2>/dev/null || true; while kill -0 "$1" 2>/dev/null; do sleep 0.05; done; }
wait_up() { until curl -sf "http://127.0.0.1:$1/summary/health" >/dev/null; do sleep 0.1; done; }
shared=(G6_BACKPLANE=redis "G6_REDIS=127.0.0.1:$redis_port")

if [[ "${1:-all}" == all || "$1" == nodes ]]; then
  step "two nodes x 5,000 (redis) against one node x 10,000 (memory)"
  a=$(serve a 19411 demo "${shared[@]}"); pids+=("$a")
  b=$(serve b 19412 none "${shared[@]}"); pids+=("$b")
  wait_up 19411; wait_up 19412; sleep 10
  g6 bench --url http://127.0.0.1:19411 --streams 5000 --ramp-up 10 --warmup 5 --duration 20 --server-pid "$a" --json --out "$out/backplane-2x5000-a.json" >/dev/null &
  bench_a=$!
  g6 bench --url http://127.0.0.1:19412 --streams 5000 --ramp-up 10 --warmup 5 --duration 20 --server-pid "$b" --json --out "$out/backplane-2x5000-b.json" >/dev/null || true
  wait "$bench_a" || true
  stop_node "$a"; stop_node "$b"
  one=$(serve one 19413 demo); pids+=("$one")
  wait_up 19413; sleep 10
  g6 bench --url http://127.0.0.1:19413 --streams 10000 --ramp-up 20 --warmup 5 --duration 20 --server-pid "$one" --json --out "$out/backplane-1x10000-memory.json" >/dev/null || true
  stop_node "$one"
fi

if [[ "${1:-all}" == all || "$1" == storm ]]; then
  for kind in memory redis; do
    step "reconnect storm, 5,000 streams, $kind"
    extra=(); [[ $kind == redis ]] && extra=("${shared[@]}")
    port=19414
    node=$(serve storm-$kind $port demo "${extra[@]}"); pids+=("$node")
    wait_up $port; sleep 5
    g6 bench --url http://127.0.0.1:$port --streams 5000 --ramp-up 10 --warmup 5 --duration 30 --reconnect --json --out "$out/backplane-storm-$kind.json" >/dev/null &
    bench=$!
    sleep 25                        # ramp + warm-up + 10 s of flow
    stop_node "$node"
    node=$(serve storm-$kind $port demo "${extra[@]}"); pids+=("$node")
    wait "$bench" || true
    stop_node "$node"
  done
fi
echo "archived in $out" >&2
