#!/usr/bin/env bash
# Profiles `oso bench transfer` with dotnet-trace (EventPipe, sampled thread time), attached only while the measured
# transfers run (not the preparation), and prints where the managed time goes (cpu-breakdown.py).
#   dotnet tool install -g dotnet-trace     # from the served NuGet
#   bench/profile/transfer-profile.sh OUT_DIR [COUNT] [CONCURRENCY] [SECONDS]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${1:?output directory}; N=${2:-300}; C=${3:-8}; D=${4:-15}
mkdir -p "$OUT"
export PATH="$PATH:$HOME/.dotnet/tools" DOTNET_TC_CallCountingDelayMs=0
"$ROOT/oso" --help >/dev/null   # build first, so the build is not traced
uptime > "$OUT/uptime.txt"
dotnet "$ROOT/.build/cli/oso.dll" bench transfer --count "$N" --concurrency "$C" --json >"$OUT/bench.json" 2>"$OUT/bench.err" &
PID=$!
until grep -q "overdrachten over het volledige protocol" "$OUT/bench.err" 2>/dev/null; do sleep 0.2; done
sleep 1
dotnet-trace collect -p "$PID" --profile dotnet-sampled-thread-time --duration "00:00:00:$D" -o "$OUT/transfer.nettrace" >"$OUT/trace.log" 2>&1
wait "$PID"
uptime >> "$OUT/uptime.txt"
dotnet-trace convert "$OUT/transfer.nettrace" --format Speedscope -o "$OUT/transfer" >/dev/null
python3 "$(dirname "$0")/cpu-breakdown.py" "$OUT/transfer.speedscope.json"
