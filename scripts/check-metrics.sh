#!/usr/bin/env bash
# Starts the built service, makes some traffic, and validates /metrics with Prometheus's own checker.
# Usage: scripts/check-metrics.sh [path/to/g6-summary.dll]
set -euo pipefail
dll=${1:-src/G6.Summary.Cli/bin/Debug/net10.0/g6-summary.dll}
out=$(mktemp)
G6_SSE_PORT=0 G6_SUMMARY_REFRESH_SEC=0.1 dotnet "$dll" serve > "$out" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; rm -f "$out"' EXIT

base=""
for _ in $(seq 1 300); do
  base=$(grep -oE 'http://127\.0\.0\.1:[0-9]+' "$out" | head -n 1 || true)
  [ -n "$base" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$out" >&2; exit 1; }
  sleep 0.1
done
[ -n "$base" ] || { echo "check-metrics: service did not start" >&2; exit 1; }

# Traffic that moves every family: a stream, a resync, a refusal-free run of cycles.
curl -sN --max-time 2 "$base/summary/events" > /dev/null || true
curl -s "$base/summary/resync" > /dev/null
metrics=$(curl -s "$base/metrics")
set +e
findings=$(echo "$metrics" | promtool check metrics 2>&1)
code=$?
set -e
# Exit 1 is a parse error (the exposition is broken): always fatal. Exit 3 is lint. The only lint we
# accept is promtool's guess that "summary" in g6_summary_* names a metric type: PROTOCOL.md makes
# those names binding (the subsystem is called the summary), so they cannot change.
accepted="^g6_summary_[a-z_]+ metric name should not include type 'summary'$"
other=$(echo "$findings" | grep -vE "$accepted" | grep -v '^$' || true)
if [ "$code" -eq 1 ] || [ -n "$other" ]; then
  echo "check-metrics: promtool found problems:" >&2
  echo "$findings" >&2
  exit 1
fi
echo "check-metrics: $(echo "$metrics" | grep -c '^# TYPE') metric families parse and lint clean with promtool" \
  "($(echo "$findings" | grep -cE "$accepted") accepted notes on the protocol's g6_summary_ names)"

# Every metric the alert rules name must be one this build exposes (a renamed metric would silence an alert).
families=$(echo "$metrics" | grep '^# TYPE' | awk '{ print $3 }')
missing=""
for name in $(grep -oE 'g6_[a-z_]+' deploy/prometheus/alerts.yml | sed -E 's/_(bucket|sum|count)$//' | sort -u); do
  echo "$families" | grep -qx "$name" || missing="$missing $name"
done
if [ -n "$missing" ]; then
  echo "check-metrics: deploy/prometheus/alerts.yml names metrics the service does not expose:$missing" >&2
  exit 1
fi
echo "check-metrics: every metric named in deploy/prometheus/alerts.yml is exposed"
