#!/usr/bin/env bash
# The deployable build (docs/DEPLOY.md): publishes the self-contained single-file linux-x64 binary, then
# checks that it starts, serves a stream, and on SIGTERM sends bye and exits 0.
# Usage: scripts/check-publish.sh [output-dir]   (default: a temporary directory, removed afterwards)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-}
work=$(mktemp -d)
if [ -z "$out" ]; then out="$work/dist"; fi
pid=""
curl_pid=""
trap '[ -n "$curl_pid" ] && kill "$curl_pid" 2>/dev/null; [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; rm -rf "$work"' EXIT

# The one documented command (the project sets self-contained, single file, invariant globalization for a RID).
dotnet publish src/G6.Summary.Cli -c Release -r linux-x64 -o "$out" -v quiet -nologo
binary="$out/g6-summary"
[ -x "$binary" ] || { echo "check-publish: $binary is missing" >&2; exit 1; }
extra=$(find "$out" -type f ! -name g6-summary | wc -l)
[ "$extra" -eq 0 ] || { echo "check-publish: the build is not a single file:" >&2; ls -la "$out" >&2; exit 1; }

# Started with no .NET on the PATH, as on a host without the SDK.
env -i PATH=/usr/bin:/bin HOME="$work" G6_SSE_PORT=0 G6_SUMMARY_REFRESH_SEC=0.2 G6_SHUTDOWN_GRACE_SEC=5 \
  "$binary" serve > "$work/serve.out" 2> "$work/serve.err" &
pid=$!
base=""
for _ in $(seq 1 300); do
  base=$(grep -oE 'http://127\.0\.0\.1:[0-9]+' "$work/serve.out" | head -n 1 || true)
  [ -n "$base" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/serve.out" "$work/serve.err" >&2; echo "check-publish: the binary exited at start" >&2; exit 1; }
  sleep 0.1
done
[ -n "$base" ] || { echo "check-publish: no address in the banner after 30 s" >&2; exit 1; }

curl -sN --max-time 30 "$base/summary/events" > "$work/stream" &
curl_pid=$!
for _ in $(seq 1 300); do
  grep -q '^event: full_snapshot' "$work/stream" && break
  sleep 0.1
done
grep -q '^event: hello' "$work/stream" && grep -q '^event: full_snapshot' "$work/stream" \
  || { echo "check-publish: no hello and full_snapshot on the stream" >&2; exit 1; }
curl -sf "$base/summary/health" > /dev/null || { echo "check-publish: health did not answer" >&2; exit 1; }

started=$(date +%s%N)
kill -TERM "$pid"
set +e
wait "$pid"
code=$?
set -e
pid=""
elapsed_ms=$(( ($(date +%s%N) - started) / 1000000 ))
wait "$curl_pid" 2>/dev/null || true
curl_pid=""
[ "$code" -eq 0 ] || { cat "$work/serve.err" >&2; echo "check-publish: exit code $code after SIGTERM (expected 0)" >&2; exit 1; }
grep -q '^event: bye' "$work/stream" || { echo "check-publish: the open stream got no bye" >&2; exit 1; }
if grep -qiE 'exception|   at ' "$work/serve.out" "$work/serve.err"; then
  echo "check-publish: the log holds a stack trace or exception text" >&2; exit 1
fi
size=$(du -m "$binary" | cut -f1)
echo "check-publish: $binary (${size} MB, one file) started, served a stream (hello, full_snapshot), and on SIGTERM sent bye and exited 0 in ${elapsed_ms} ms"
