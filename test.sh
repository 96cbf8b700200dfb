#!/usr/bin/env bash
# Runs every OpenOSO test. Installs what the tests need when it is missing, builds, runs all test
# projects and ends with one line: "N passed, N failed, N skipped". Exit status is non-zero when a
# test failed or the build broke.
#
#   ./test.sh                 all tests
#   ./test.sh --filter EXPR   dotnet test filter (e.g. FullyQualifiedName~Dossier)
#   OSO_REQUIRE_STANDARD=1    fail (instead of skip) when ../shared's official standard files are absent
#   OSO_TEST_POSTGRES=0       do not start PostgreSQL (tests that need it are skipped)
#   OSO_REQUIRE_POSTGRES=1, OSO_REQUIRE_BROWSER=1   fail instead of skip when PostgreSQL or Chromium is missing (CI)
#   OSO_FUZZ_SECONDS=N        afterwards, fuzz every target for N seconds (fuzz/run.sh; a crash or hang fails the run)
#   OSO_REQUIRE_ZEEP=1        fail instead of skip when Python zeep (Debian python3-zeep) is missing (CI)
#   OSO_TEST_NATIVE_VALIDATE=1   build the native `oso dossier validate` (NativeAOT, 1-2 min) and require its test (CI)
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
/usr/bin/python3 -c 'import zeep' >/dev/null 2>&1 || need+=(python3-zeep)   # the independent SOAP client of the interoperability test
if [ "${OSO_TEST_POSTGRES:-1}" != 0 ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then need+=(postgresql); fi
[ -x /usr/bin/chromium ] || need+=(chromium)
# the PDF's font, and poppler's pdftotext/pdfinfo to read the PDFs the tests make
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf ] || need+=(fonts-dejavu-core)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v haproxy >/dev/null 2>&1 || need+=(haproxy)   # the load balancer of the cluster tests (oso cluster up)
# the native validator's linker (NativeAOT links with clang or, failing that, gcc; zlib comes with the package)
if [ "${OSO_TEST_NATIVE_VALIDATE:-0}" = 1 ] && ! command -v clang >/dev/null 2>&1 && ! command -v gcc >/dev/null 2>&1; then need+=(gcc); fi
if [ ${#need[@]} -gt 0 ]; then
  echo "test.sh: installing ${need[*]}" >&2
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >/dev/null 2>&1 || true
  $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
    || { echo "test.sh: could not install ${need[*]}" >&2; exit 2; }
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# ---------------------------------------------------------------- PostgreSQL
# A throwaway cluster for this run (port below 32768: higher ports are handed out to client connections).
# Tests read OSO_TEST_POSTGRES and create their own databases in it.
pg_stop() { :; }
if [ "${OSO_TEST_POSTGRES:-1}" != 0 ]; then
  PGROOT=$(mktemp -d /tmp/oso-pg.XXXXXX); PGPORT=${OSO_PGPORT:-15432}
  while (echo >/dev/tcp/127.0.0.1/$PGPORT) 2>/dev/null; do PGPORT=$((PGPORT + 1)); done   # skip ports in use
  PGBIN=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")
  chmod 755 "$PGROOT"
  if [ "$(id -u)" = 0 ]; then RUNAS=(runuser -u postgres --); chown postgres:postgres "$PGROOT"; else RUNAS=(); fi
  echo 'oso-test' > "$PGROOT/pwfile"; [ "$(id -u)" = 0 ] && chown postgres "$PGROOT/pwfile"; chmod 600 "$PGROOT/pwfile"
  if "${RUNAS[@]}" "$PGBIN/initdb" -D "$PGROOT/data" -U postgres --pwfile="$PGROOT/pwfile" --auth-local=trust \
       --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$PGROOT/initdb.log" 2>&1 \
     && "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/server.log" -w -t 60 \
       -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGROOT -c fsync=off -c synchronous_commit=off -c max_connections=300" start >/dev/null; then
    export OSO_TEST_POSTGRES="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Password=oso-test"
    pg_stop() { "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$PGROOT/data" -m fast -w stop >/dev/null 2>&1; rm -rf "$PGROOT"; }
    echo "test.sh: PostgreSQL on 127.0.0.1:$PGPORT" >&2
  else
    echo "test.sh: PostgreSQL did not start (see $PGROOT); its tests will fail" >&2
    cat "$PGROOT/initdb.log" "$PGROOT/server.log" 2>/dev/null | tail -5 >&2
    export OSO_TEST_POSTGRES="unavailable"
  fi
fi
trap pg_stop EXIT

# ---------------------------------------------------------------- build
echo "test.sh: building" >&2
if ! dotnet build OpenOso.slnx -c Debug --nologo -v q -clp:ErrorsOnly; then
  echo "0 passed, 1 failed, 0 skipped"
  echo "test.sh: the build failed" >&2
  exit 1
fi

# ---------------------------------------------------------------- the native validator
# `./oso dossier validate` runs a NativeAOT build of the validator (src/Oso.Cli.Validate, docs/adr/0013), made by the
# launcher on first use; NativeValidatorTests compare it with the full command line. Made here when asked
# (OSO_TEST_NATIVE_VALIDATE=1, as CI does) and brought up to date when this checkout already has one.
if [ "${OSO_TEST_NATIVE_VALIDATE:-0}" = 1 ] || [ -e .build/validate/.stamp ]; then
  echo "test.sh: native validator" >&2
  grep -qx failed .build/validate/.stamp 2>/dev/null && rm -f .build/validate/.stamp   # try again
  if ! OSO_NATIVE_VALIDATE=build ./oso; then
    echo "test.sh: the native validator could not be built; its tests will fail or skip" >&2
    tail -20 .build/validate/build.log >&2 2>/dev/null || true
  fi
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

# ---------------------------------------------------------------- fuzzing (opt-in)
if [ "${OSO_FUZZ_SECONDS:-0}" -gt 0 ] 2>/dev/null; then
  reuse=0
  for target in dossier dossier-readers soap las-json parents-form evidence-upload; do
    echo "test.sh: fuzz $target (${OSO_FUZZ_SECONDS} s)" >&2
    OSO_FUZZ_REUSE=$reuse fuzz/run.sh "$target" "$OSO_FUZZ_SECONDS" >&2 || status=1
    reuse=1
  done
fi

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
