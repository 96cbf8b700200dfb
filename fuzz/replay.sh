#!/usr/bin/env bash
# Runs inputs through a fuzz target in process, without afl and without instrumentation, and prints each outcome (and
# the exception of a crash). Exit status 1 when an input crashes.
#   fuzz/replay.sh TARGET FILE|DIR...
set -uo pipefail
cd "$(dirname "$0")/.."
target=${1:?gebruik: fuzz/replay.sh DOEL BESTAND|MAP...}; shift
dotnet build fuzz/Oso.Fuzz/Oso.Fuzz.csproj -c Debug --nologo -v q -clp:ErrorsOnly >/dev/null || exit 2
exec dotnet fuzz/Oso.Fuzz/bin/Debug/net10.0/Oso.Fuzz.dll "$target" --replay "$@"
