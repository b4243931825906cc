#!/usr/bin/env bash
# Checks deploy/systemd/g6-summary.service with systemd-analyze verify, and that its stop timeout and file
# limit fit the settings. Works without systemd running (in a container): verify only parses and checks.
# Usage: scripts/check-systemd-unit.sh [path/to/published/g6-summary]
set -euo pipefail
unit=deploy/systemd/g6-summary.service
binary=${1:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# verify insists that ExecStart's program exists; the unit names where DEPLOY.md installs it
# (/opt/g6-summary/g6-summary), so a copy points at the published binary (or any executable) instead.
target=${binary:-/bin/true}
sed "s|^ExecStart=/opt/g6-summary/g6-summary |ExecStart=$(realpath "$target") |" "$unit" > "$work/g6-summary.service"
grep -q "^ExecStart=$(realpath "$target") serve$" "$work/g6-summary.service" || { echo "check-systemd-unit: ExecStart not as expected" >&2; exit 1; }
touch "$work/g6-summary.env"
sed -i "s|^EnvironmentFile=.*|EnvironmentFile=$work/g6-summary.env|" "$work/g6-summary.service"

out=$(systemd-analyze verify "$work/g6-summary.service" 2>&1) || { echo "$out" >&2; echo "check-systemd-unit: systemd-analyze verify failed" >&2; exit 1; }
# verify exits 0 for some complaints it only prints; any line about our unit is a failure.
if echo "$out" | grep -q "g6-summary.service"; then
  echo "$out" >&2
  echo "check-systemd-unit: systemd-analyze verify reported problems" >&2
  exit 1
fi

# TimeoutStopSec above the shutdown grace the env file sets (default 5 s), so systemd never kills a graceful stop.
stop=$(grep -oP '^TimeoutStopSec=\K[0-9]+' "$unit")
grace=$(grep -oP '^G6_SHUTDOWN_GRACE_SEC=\K[0-9.]+' deploy/systemd/g6-summary.env || echo 5)
awk -v s="$stop" -v g="$grace" 'BEGIN { exit !(s > g + 5) }' || { echo "check-systemd-unit: TimeoutStopSec=$stop must exceed G6_SHUTDOWN_GRACE_SEC=$grace by more than 5 s" >&2; exit 1; }

# LimitNOFILE above the default stream cap plus Kestrel's 1,024 spare connections.
files=$(grep -oP '^LimitNOFILE=\K[0-9]+' "$unit")
[ "$files" -ge $((12000 + 1024 + 256)) ] || { echo "check-systemd-unit: LimitNOFILE=$files is below G6_SSE_MAX_CONNECTIONS (12000) + 1280" >&2; exit 1; }
for directive in DynamicUser=yes ProtectSystem=strict NoNewPrivileges=yes RestrictAddressFamilies= EnvironmentFile=; do
  grep -q "^$directive" "$unit" || { echo "check-systemd-unit: $unit lacks $directive" >&2; exit 1; }
done
echo "check-systemd-unit: $unit verifies (systemd-analyze $(systemd-analyze --version | head -n 1 | awk '{ print $2 }')); TimeoutStopSec=$stop > grace ${grace} s; LimitNOFILE=$files"
