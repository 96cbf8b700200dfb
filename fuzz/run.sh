#!/usr/bin/env bash
# Runs one fuzz target under afl-fuzz for SECONDS and prints one line:
#   TARGET: execs N, execs/s N, paths N, crashes N, hangs N (N s fuzzing, build N s, instrument N s)
# Exit status: 0 when no crash and no hang was found, 1 when one was, 2 on wrong usage or a setup failure.
#
#   fuzz/run.sh TARGET SECONDS      e.g. fuzz/run.sh soap 120
#   fuzz/run.sh --list              the targets
#
# It installs what it needs (Debian afl++; the sharpfuzz dotnet tool into fuzz/.tools), builds the harness in Release,
# instruments our assemblies (Oso.Dossier, Oso.Protocol, Oso.School, Oso.Central) and writes the seed corpus from the
# official examples in ../shared/standard and the repository's samples. Everything it writes is under fuzz/.build
# (ignored by git): fuzz/.build/TARGET/findings holds afl's output, crashes/ and hangs/ the inputs to look at.
#   OSO_FUZZ_REUSE=1    reuse the instrumented build of an earlier run (skip build and instrumentation)
#   OSO_FUZZ_RESUME=1   continue the target's previous campaign (its queue) instead of starting from the seeds
#   OSO_FUZZ_TIMEOUT=MS the time after which an input counts as a hang (default 1000)
#   OSO_FUZZ_EXECS=N    stop after about N executions when that comes before SECONDS (afl-fuzz -E)
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
FUZZ="$ROOT/fuzz"
OUT="$FUZZ/.build/out"
SHARED_STANDARD=$(cd "$ROOT/.." && pwd)/shared/standard

target=${1:-}
seconds=${2:-}
if [ "$target" = "--list" ] && [ -f "$OUT/Oso.Fuzz.dll" ]; then exec dotnet "$OUT/Oso.Fuzz.dll" --list; fi
if [ -z "$target" ] || ! [[ "$seconds" =~ ^[0-9]+$ ]]; then
  echo "gebruik: fuzz/run.sh DOEL SECONDEN   (doelen: dossier dossier-readers soap las-json parents-form evidence-upload)" >&2
  exit 2
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# ---------------------------------------------------------------- tools
if ! command -v afl-fuzz >/dev/null 2>&1; then
  echo "run.sh: installing afl++" >&2
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >/dev/null 2>&1 || true
  $SUDO apt-get install -y -qq --no-install-recommends afl++ >/dev/null || { echo "run.sh: could not install afl++" >&2; exit 2; }
fi
SHARPFUZZ="$FUZZ/.tools/sharpfuzz"
if [ ! -x "$SHARPFUZZ" ]; then
  echo "run.sh: installing the sharpfuzz tool into fuzz/.tools" >&2
  dotnet tool install --tool-path "$FUZZ/.tools" SharpFuzz.CommandLine --version 2.3.0 >/dev/null || { echo "run.sh: could not install sharpfuzz" >&2; exit 2; }
fi

# ---------------------------------------------------------------- build and instrument
build_s=0; instrument_s=0
if [ "${OSO_FUZZ_REUSE:-0}" != 1 ] || [ ! -f "$OUT/.instrumented" ]; then
  start=$(date +%s)
  rm -rf "$OUT" "$FUZZ/.build/seeds"
  if ! dotnet build "$FUZZ/Oso.Fuzz/Oso.Fuzz.csproj" -c Release -o "$OUT" --nologo -v q -clp:ErrorsOnly >"$FUZZ/.build.log" 2>&1; then
    cat "$FUZZ/.build.log" >&2; echo "run.sh: the build failed" >&2; exit 2
  fi
  build_s=$(( $(date +%s) - start )); start=$(date +%s)
  # the seeds before instrumenting: instrumented code runs only under afl (outside it, it writes to a map that is not there)
  for t in $(dotnet "$OUT/Oso.Fuzz.dll" --list | awk '{ print $1 }'); do
    dotnet "$OUT/Oso.Fuzz.dll" "$t" --seeds "$FUZZ/.build/seeds/$t" "$SHARED_STANDARD" >/dev/null || { echo "run.sh: no seeds for $t" >&2; exit 2; }
  done
  for assembly in Oso.Dossier Oso.Protocol Oso.School Oso.Central; do
    "$SHARPFUZZ" "$OUT/$assembly.dll" >/dev/null || { echo "run.sh: could not instrument $assembly.dll" >&2; exit 2; }
  done
  touch "$OUT/.instrumented"
  instrument_s=$(( $(date +%s) - start ))
fi
if ! dotnet "$OUT/Oso.Fuzz.dll" --list | grep -q "^$target "; then
  echo "run.sh: onbekend doel '$target'" >&2; dotnet "$OUT/Oso.Fuzz.dll" --list >&2; exit 2
fi

# ---------------------------------------------------------------- seeds and campaign
WORK="$FUZZ/.build/$target"
mkdir -p "$WORK"
dictionary=$(dotnet "$OUT/Oso.Fuzz.dll" --list | awk -v t="$target" '$1 == t { sub(/.*dictionary: /, ""); sub(/\)$/, ""); print }')
if [ "${OSO_FUZZ_RESUME:-0}" = 1 ] && [ -d "$WORK/findings/default/queue" ]; then
  input="-"
else
  rm -rf "$WORK/findings"
  input="$FUZZ/.build/seeds/$target"
fi
export OSO_FUZZ_WARMUP="$FUZZ/.build/seeds/$target"   # the harness runs these once before afl's first input
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1 \
  AFL_FORKSRV_INIT_TMOUT=60000 AFL_SKIP_CRASHES=0
afl-fuzz -i "$input" -o "$WORK/findings" -t "${OSO_FUZZ_TIMEOUT:-1000}" -m none -x "$FUZZ/dictionaries/$dictionary.dict" -V "$seconds" \
  ${OSO_FUZZ_EXECS:+-E "$OSO_FUZZ_EXECS"} \
  -- dotnet "$OUT/Oso.Fuzz.dll" "$target" >"$WORK/afl.log" 2>&1
afl_status=$?

stats="$WORK/findings/default/fuzzer_stats"
if [ ! -f "$stats" ]; then
  tail -30 "$WORK/afl.log" >&2; echo "run.sh: afl-fuzz did not start (exit $afl_status; log: $WORK/afl.log)" >&2; exit 2
fi
stat() { awk -F': *' -v k="$1" '$1 ~ "^"k" *$" { print $2 }' "$stats"; }
execs=$(stat execs_done); rate=$(stat execs_per_sec); paths=$(stat corpus_count)
crashes=$(stat saved_crashes); hangs=$(stat saved_hangs)
run_s=$(( $(stat last_update) - $(stat start_time) ))
for kind in crashes hangs; do
  for f in "$WORK/findings/default/$kind"/id:*; do
    [ -e "$f" ] && echo "  $kind: $f   (fuzz/replay.sh $target '$f')" >&2
  done
done
# in process, a hang (afl kills the harness) or a stack overflow ends the fork server and the campaign: count it as a hang
if grep -q "PROGRAM ABORT" "$WORK/afl.log"; then
  echo "  afl-fuzz stopped early ($(grep -A1 'PROGRAM ABORT' "$WORK/afl.log" | tr -d '\033' | sed 's/\[[0-9;]*m//g' | tr '\n' ' ')); the input it ran: $WORK/findings/default/.cur_input" >&2
  hangs=$((hangs + 1))
fi
echo "$target: execs $execs, execs/s $rate, paths $paths, crashes $crashes, hangs $hangs (${run_s} s fuzzing, build ${build_s} s, instrument ${instrument_s} s)"
[ "$crashes" = 0 ] && [ "$hangs" = 0 ]
