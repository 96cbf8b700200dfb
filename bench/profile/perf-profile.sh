#!/usr/bin/env bash
# Real CPU samples of `oso bench transfer`'s measured part with Linux perf (not EventPipe's sampled thread time, which
# counts a thread stopped for a GC or idle in the finalizer loop as "CPU_TIME" and so showed GC ~30 % and the finalizer
# 14-17 % where /proc gives them 1-2 % and 0.2 % of the CPU: bench/results.md §7, "The School node's share").
#   bench/profile/perf-profile.sh OUT_DIR [COUNT] [DELAY_S] [SECONDS]
# The runtime writes perf maps (DOTNET_PerfMapEnabled) without W^X double mapping, and ReadyToRun is off so that every
# method is jitted and named; DELAY_S after the start of the measured transfers lets tiered compilation settle first.
# Prints the CPU by thread (from /proc, the whole measured window) and by part of a transfer (perf-categories.py).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${1:?output directory}; N=${2:-800}; DELAY=${3:-12}; D=${4:-12}
command -v perf >/dev/null || { echo "perf is not installed (apt-get install linux-perf)" >&2; exit 2; }
mkdir -p "$OUT"
"$ROOT/oso" --help >/dev/null   # build first
uptime > "$OUT/uptime.txt"
DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 DOTNET_ReadyToRun=0 DOTNET_TC_CallCountingDelayMs=0 \
  dotnet "$ROOT/.build/cli/oso.dll" bench transfer --count "$N" --concurrency 8 --json >"$OUT/bench.json" 2>"$OUT/bench.err" &
PID=$!
until grep -q "overdrachten over het volledige protocol" "$OUT/bench.err" 2>/dev/null; do sleep 0.1; done
threads() { for t in /proc/$PID/task/*; do echo "$(cat "$t/comm" 2>/dev/null)|$(sed 's/.*) //' "$t/stat" 2>/dev/null | awk '{print $12+$13}')|${t##*/}"; done; }
sleep "$DELAY"
threads > "$OUT/threads.before"
perf record -F 499 -g -p "$PID" -o "$OUT/perf.data" -- sleep "$D" 2>"$OUT/perf.log"
threads > "$OUT/threads.after"
wait "$PID"
uptime >> "$OUT/uptime.txt"
perf script -i "$OUT/perf.data" 2>/dev/null > "$OUT/perf.txt"
python3 - "$OUT" <<'PY'
import sys, collections
o = sys.argv[1]
def read(f):
    r = {}
    for line in open(f):
        n, s, tid = line.rstrip("\n").split("|")
        if s: r[tid] = (n, int(s))
    return r
a, b = read(o + "/threads.before"), read(o + "/threads.after")
use = collections.Counter()
for tid, (n, s) in b.items(): use[n] += s - a.get(tid, (n, 0))[1]
total = sum(use.values()) or 1
print(f"-- CPU by thread over the perf window (/proc): {total / 100:.1f} s")
for n, v in use.most_common(8): print(f"{100 * v / total:6.1f}%  {n}")
PY
python3 "$(dirname "$0")/perf-categories.py" "$OUT/perf.txt"
