#!/usr/bin/env bash
# Runs every OpenOSO test. Installs what the tests need when it is missing, builds, runs all test
# projects and ends with one line: "N passed, N failed, N skipped". Exit status is non-zero when a
# test failed or the build broke.
#
#   ./test.sh                 all tests
#   ./test.sh --filter EXPR   dotnet test filter (e.g. FullyQualifiedName~Dossier)
#   OSO_REQUIRE_STANDARD=1    fail (instead of skip) when ../shared's official standard files are absent
#   OSO_TEST_POSTGRES=0       do not start PostgreSQL (tests that need it are skipped)
set -uo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)

filter=()
if [ "${1:-}" = "--filter" ] && [ -n "${2:-}" ]; then filter=(--filter "$2"); fi

# ---------------------------------------------------------------- prerequisites
need=()
command -v xmllint >/dev/null 2>&1 || need+=(libxml2-utils)
[ -e /usr/share/java/Saxon-HE.jar ] || need+=(libsaxonhe-java)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
command -v python3 >/dev/null 2>&1 || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
  echo "test.sh: installing ${need[*]}" >&2
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >/dev/null 2>&1 || true
  $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
    || { echo "test.sh: could not install ${need[*]}" >&2; exit 2; }
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# ---------------------------------------------------------------- build
echo "test.sh: building" >&2
if ! dotnet build OpenOso.slnx -c Debug --nologo -v q -clp:ErrorsOnly; then
  echo "0 passed, 1 failed, 0 skipped"
  echo "test.sh: the build failed" >&2
  exit 1
fi

# ---------------------------------------------------------------- run
results="$ROOT/TestResults"
rm -rf "$results"; mkdir -p "$results"
status=0
for project in tests/*.Tests/*.csproj; do
  name=$(basename "$project" .csproj)
  echo "test.sh: $name" >&2
  dotnet test "$project" -c Debug --no-build --nologo -v q \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" "${filter[@]}" || status=1
done

# ---------------------------------------------------------------- summary
summary=$(python3 - "$results" <<'PY'
import sys, glob, xml.etree.ElementTree as ET
ns = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    for r in ET.parse(f).getroot().iter(ns + "UnitTestResult"):
        o = r.get("outcome")
        if o == "Passed": passed += 1
        elif o in ("NotExecuted", "Skipped", "Inconclusive"): skipped += 1
        else: failed += 1
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
)
echo "$summary"
if [ $status -ne 0 ] || ! grep -q ' 0 failed' <<<"$summary"; then exit 1; fi
exit 0
