#!/usr/bin/env bash
# Validation throughput: OpenOSO vs the official tools, side by side, on the same directory of dossiers.
#
#   bench/validation/run.sh [COPIES]      (default 100 copies of each of the 12 official examples: 1,200 files)
#
# The official tools are measured fairly, as issue 6 asks: ONE xmllint --schema call over all files plus ONE
# Saxon-HE batch run (-s:DIR -o:DIR) per profile family (OV, PaO), JVM start included. OpenOSO runs
# `oso dossier validate` over the directory (all cores), process start included. Prints files/s, MB/s and ratios.
# `./oso dossier validate` is the native build (NativeAOT, docs/adr/0013); OSO_NATIVE_VALIDATE=0 measures the full
# .NET command line instead (the path before, for a side-by-side comparison).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SHARED=${OSO_SHARED:-$(cd "$ROOT/.." && pwd)/shared}
COPIES=${1:-100}
STD="$SHARED/standard/oso-gegevensset-2019.1"
[ -d "$STD" ] || { echo "bench: $STD not found (set OSO_SHARED)" >&2; exit 2; }
command -v xmllint >/dev/null && [ -e /usr/share/java/Saxon-HE.jar ] || { echo "bench: needs libxml2-utils and libsaxonhe-java" >&2; exit 2; }

WORK=$(mktemp -d /tmp/oso-bench-validate.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
# the shared copy stores the XSLT include symlinks as text files: restore them in a private copy
cp -r "$SHARED/standard" "$WORK/standard"; chmod -R u+w "$WORK/standard"
for f in "$WORK"/standard/oso-gegevensset-2019.1/{OV,PaO}/include/*.xsl; do t=$(cat "$f"); rm "$f"; ln -s "$t" "$f"; done
XSD="$WORK/standard/oso-gegevensset-2019.1/common/OSO_gegevensset.xsd"

mkdir -p "$WORK/ov" "$WORK/pao" "$WORK/all" "$WORK/out-ov" "$WORK/out-pao"
for i in $(seq 1 "$COPIES"); do
  for f in "$STD"/OV/examples/*.xml; do cp "$f" "$WORK/ov/$(basename "$f" .xml)-$i.xml"; done
  for f in "$STD"/PaO/examples/*.xml; do cp "$f" "$WORK/pao/$(basename "$f" .xml)-$i.xml"; done
done
ln -s "$WORK"/ov/*.xml "$WORK"/pao/*.xml "$WORK/all/" 2>/dev/null || cp "$WORK"/ov/*.xml "$WORK"/pao/*.xml "$WORK/all/"
FILES=$(ls "$WORK/all" | wc -l)
BYTES=$(cat "$WORK"/ov/*.xml "$WORK"/pao/*.xml | wc -c)
MB=$(python3 -c "print(round($BYTES/1e6,1))")
echo "corpus: $FILES files, $MB MB (12 official examples x $COPIES)"

"$ROOT/oso" --help >/dev/null   # build once, outside the measurement
"$ROOT/oso" dossier validate --help >/dev/null
if [ "${OSO_NATIVE_VALIDATE:-1}" != 0 ] && [ "$(cat "$ROOT/.build/validate/.stamp" 2>/dev/null)" = ok ]; then
  PATH_NAME=native; else PATH_NAME="full CLI"; fi

now() { date +%s.%N; }
t0=$(now)
xmllint --noout --nonet --schema "$XSD" "$WORK"/all/*.xml 2>/dev/null || true
t1=$(now)
java -jar /usr/share/java/Saxon-HE.jar -s:"$WORK/ov" -o:"$WORK/out-ov" -xsl:"$WORK/standard/oso-gegevensset-2019.1/OV/ValideerOverstapprofielen.xsl" >/dev/null 2>&1
java -jar /usr/share/java/Saxon-HE.jar -s:"$WORK/pao" -o:"$WORK/out-pao" -xsl:"$WORK/standard/oso-gegevensset-2019.1/PaO/ValideerSwvPaO-profielen.xsl" >/dev/null 2>&1
t2=$(now)
"$ROOT/oso" dossier validate --json "$WORK/all" > "$WORK/ours.jsonl" || true
t3=$(now)

python3 - "$FILES" "$BYTES" "$t0" "$t1" "$t2" "$t3" "$WORK/ours.jsonl" "$PATH_NAME" <<'PY'
import sys, json
files, size = int(sys.argv[1]), int(sys.argv[2])
path_name = sys.argv[8]
t0, t1, t2, t3 = map(float, sys.argv[3:7])
xsd, xslt, ours = t1 - t0, t2 - t1, t3 - t2
official = xsd + xslt
valid = sum(1 for l in open(sys.argv[7]) if json.loads(l)["valid"])
def rate(t): return f"{files/t:8.0f} files/s {size/1e6/t:7.1f} MB/s"
print(f"official xmllint (XSD)      {xsd:6.2f} s")
print(f"official Saxon-HE (XSLT)    {xslt:6.2f} s")
print(f"official total              {official:6.2f} s  {rate(official)}")
print(f"OpenOSO oso dossier validate {ours:5.2f} s  {rate(ours)}   ({valid}/{files} valid; {path_name})")
print(f"ratio (official / OpenOSO)  {official/ours:6.1f}x")
PY
