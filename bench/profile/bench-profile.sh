#!/usr/bin/env bash
# Profiles `oso bench tc` or `oso bench transfer` with dotnet-trace (EventPipe, sampled thread time), attached only while
# the measured part runs (not the preparation or warm-up), and prints where the managed time goes (cpu-breakdown.py).
#   dotnet tool install -g dotnet-trace     # from the served NuGet
#   bench/profile/bench-profile.sh tc|transfer OUT_DIR [COUNT] [CONCURRENCY] [SECONDS]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
KIND=${1:?tc or transfer}; OUT=${2:?output directory}
case "$KIND" in
  tc) N=${3:-4000}; C=${4:-16}; MARK="Meten:" ;;
  transfer) N=${3:-300}; C=${4:-8}; MARK="overdrachten over het volledige protocol" ;;
  *) echo "tc or transfer" >&2; exit 2 ;;
esac
D=${5:-15}
mkdir -p "$OUT"
export PATH="$PATH:$HOME/.dotnet/tools" DOTNET_TC_CallCountingDelayMs=0
"$ROOT/oso" --help >/dev/null   # build first, so the build is not traced
uptime > "$OUT/uptime.txt"
dotnet "$ROOT/.build/cli/oso.dll" bench "$KIND" --count "$N" --concurrency "$C" --json >"$OUT/bench.json" 2>"$OUT/bench.err" &
PID=$!
until grep -q "$MARK" "$OUT/bench.err" 2>/dev/null; do sleep 0.2; done
sleep 1
dotnet-trace collect -p "$PID" --profile dotnet-sampled-thread-time --duration "00:00:00:$D" -o "$OUT/$KIND.nettrace" >"$OUT/trace.log" 2>&1
wait "$PID"
uptime >> "$OUT/uptime.txt"
dotnet-trace convert "$OUT/$KIND.nettrace" --format Speedscope -o "$OUT/$KIND" >/dev/null
python3 "$(dirname "$0")/cpu-breakdown.py" "$OUT/$KIND.speedscope.json"
