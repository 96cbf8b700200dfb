#!/usr/bin/env bash
# Builds the OpenOSO image and runs Central and a School node from it on this machine — in production mode, with a
# test PKI made here by openssl (not a development CA), SQLite data volumes and a read-only root filesystem — then plays
# `oso demo` through them (a transfer, and a request refused, notified and fulfilled), checks /health/ready, /metrics
# and the trace ids, and removes everything again. No image registry is needed: the base image is built from Debian
# with mmdebstrap and the build stage uses this machine's .NET SDK and NuGet cache (see docs/operations.md).
#
#   deploy/try-image.sh            # needs root (rootful podman); installs podman, buildah, mmdebstrap, runc when missing
#   KEEP=1 deploy/try-image.sh     # leave the containers running afterwards (ports 17400/17401/17410/17411)
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
WORK=${OSO_TRY_DIR:-/tmp/oso-try}
IMAGE=localhost/openoso:try
BASE=localhost/oso-bookworm-min
NET=oso-try
SUBNET=10.89.7.0/24
SYSTEM=openoso-proef
START=$(date +%s)
step() { printf '[%4ss] %s\n' "$(( $(date +%s) - START ))" "$*"; }
fail() { echo "try-image: $*" >&2; exit 1; }

if ! command -v podman >/dev/null || ! command -v mmdebstrap >/dev/null; then
  step "podman, buildah, mmdebstrap en runc installeren"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman buildah mmdebstrap runc uidmap >/dev/null
fi
mkdir -p "$WORK"
# this VM needs runc and explicit ulimits (crun fails on setrlimit and on hybrid cgroups; ../shared/docs/STACK.md)
cat > "$WORK/containers.conf" <<'CONF'
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=4096:4096"]
[engine]
runtime = "runc"
CONF
export CONTAINERS_CONF="$WORK/containers.conf"

cleanup() {
  [ "${KEEP:-0}" = 1 ] && return
  podman rm -f -t 5 oso-try-central oso-try-school >/dev/null 2>&1 || true
  podman volume rm -f oso-try-central oso-try-school >/dev/null 2>&1 || true
  podman network rm -f "$NET" >/dev/null 2>&1 || true
}
trap cleanup EXIT
cleanup

# 1. the base image: Debian bookworm, minimal, plus what .NET needs at run time (runtime-deps)
if ! podman image exists "$BASE"; then
  step "basisimage maken met mmdebstrap (eenmalig, ~3 min)"
  mmdebstrap --quiet --variant=minbase --include=libssl3,ca-certificates,tzdata,zlib1g bookworm "$WORK/rootfs.tar"
  podman import --quiet "$WORK/rootfs.tar" "$BASE" >/dev/null
  rm -f "$WORK/rootfs.tar"
fi

# 2. the image (deploy/Containerfile); the build stage borrows this machine's SDK, NuGet cache and CA bundle
step "image bouwen (deploy/Containerfile)"
DOTNET_ROOT=${DOTNET_ROOT:-$(dirname "$(readlink -f "$(command -v dotnet)")")}
mkdir -p "$HOME/.nuget/packages"
podman build --quiet --format docker --network host -f "$ROOT/deploy/Containerfile" \
  --build-arg SDK_IMAGE="$BASE" --build-arg BASE_IMAGE="$BASE" \
  --volume "$DOTNET_ROOT:/usr/share/dotnet:ro" --volume "$HOME/.nuget/packages:/root/.nuget/packages" \
  --volume /etc/ssl/certs:/etc/ssl/certs:ro -t "$IMAGE" "$ROOT" >/dev/null
step "image klaar: $(podman image inspect "$IMAGE" --format '{{.Size}}' | awk '{printf "%.0f MB", $1/1000000}')"

# 3. a test PKI (a stand-in for PKIoverheid): a root, server certificates for both services, the node's system certificate
step "test-PKI maken (openssl)"
PKI="$WORK/pki"; rm -rf "$PKI"; mkdir -p "$PKI"
key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$PKI/$1.key" 2>/dev/null; }
key ca
openssl req -x509 -new -key "$PKI/ca.key" -subj "/CN=Proef Root CA/O=Proef PKI" -days 30 -out "$PKI/ca.crt" \
  -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
leaf() { # name subject extensions
  key "$1"
  openssl req -new -key "$PKI/$1.key" -subj "/CN=$2/O=Proef PKI" -out "$PKI/$1.csr" 2>/dev/null
  printf '%s\n' "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature" "subjectKeyIdentifier=hash" \
    "authorityKeyIdentifier=keyid" "$3" "$4" > "$PKI/$1.ext"
  openssl x509 -req -in "$PKI/$1.csr" -CA "$PKI/ca.crt" -CAkey "$PKI/ca.key" -CAcreateserial -days 30 -extfile "$PKI/$1.ext" \
    -out "$PKI/$1.crt" 2>/dev/null
}
leaf central central "extendedKeyUsage=serverAuth" "subjectAltName=DNS:central,DNS:localhost,IP:127.0.0.1"
leaf school school "extendedKeyUsage=serverAuth" "subjectAltName=DNS:school,DNS:localhost,IP:127.0.0.1"
leaf system "$SYSTEM" "extendedKeyUsage=clientAuth" "subjectAltName=URI:urn:oso:systeem:$SYSTEM"
rm -f "$PKI"/*.csr "$PKI"/*.ext "$PKI"/*.srl "$PKI/ca.key"
head -c 32 /dev/urandom | base64 > "$PKI/master.key"
chmod 755 "$PKI"; chmod 644 "$PKI"/*   # the containers run as uid 10001; in production: 0640 root:oso, or secrets/credentials

# 4. the configuration files (as a vendor writes them; see deploy/*.example.json)
cat > "$WORK/central.json" <<JSON
{ "DataDirectory": "/var/lib/oso/central", "BindAddress": "0.0.0.0", "HostNames": [ "central" ],
  "TrustAnchorPems": [ "/etc/oso/pki/ca.crt" ], "ServerCertificatePem": "/etc/oso/pki/central.crt", "ServerKeyPem": "/etc/oso/pki/central.key",
  "LogFormat": "Json", "Telemetry": { "MetricsNetworks": [ "$SUBNET", "127.0.0.1/32" ] } }
JSON
cat > "$WORK/school.json" <<JSON
{ "DataDirectory": "/var/lib/oso/school", "BindAddress": "0.0.0.0",
  "TrafficCenterUrl": "https://central:7401/oso/tc", "RevocationListUrl": "https://central:7400/api/certificaten/ingetrokken",
  "SystemCertificate": "/etc/oso/pki/system.crt", "SystemKey": "/etc/oso/pki/system.key", "TrustAnchors": [ "/etc/oso/pki/ca.crt" ],
  "ServerCertificate": "/etc/oso/pki/school.crt", "ServerKey": "/etc/oso/pki/school.key", "MasterKeyFile": "/etc/oso/pki/master.key",
  "PublicProtocolUrl": "https://school:7411/", "TrafficCenterCheckInterval": "00:00:05",
  "LogFormat": "Json", "Telemetry": { "MetricsNetworks": [ "$SUBNET", "127.0.0.1/32" ] } }
JSON
chmod 644 "$WORK"/*.json

# 5. both services, each in its own container on one network, read-only, with a data volume
step "Central en School-node starten"
podman network create --subnet "$SUBNET" "$NET" >/dev/null
run() { # name port1 port2 service
  podman run -d --name "oso-try-$1" --hostname "$1" --network "$NET" --network-alias "$1" --read-only \
    -v "oso-try-$1:/var/lib/oso" -v "$PKI:/etc/oso/pki:ro" -v "$WORK/$1.json:/etc/oso/$1.json:ro" \
    -e OSO_HEALTH_URL="https://127.0.0.1:$2/health/live" -p "127.0.0.1:1$2:$2" -p "127.0.0.1:1$3:$3" \
    "$IMAGE" "$4" serve --config "/etc/oso/$1.json" >/dev/null 2>>"$WORK/podman.log" # without systemd podman cannot time HEALTHCHECKs: run below
}
run central 7400 7401 central
run school 7410 7411 school
ready() { # url
  for _ in $(seq 1 120); do
    curl -sf --cacert "$PKI/ca.crt" "$1" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  return 1
}
ready https://127.0.0.1:17400/health/live || { podman logs oso-try-central | tail -20; fail "Central start niet"; }
ready https://127.0.0.1:17410/health/live || { podman logs oso-try-school | tail -20; fail "de School-node start niet"; }
healthy() { for _ in 1 2 3 4 5; do podman healthcheck run "$1" >/dev/null 2>&1 && return 0; sleep 2; done; return 1; }
healthy oso-try-central && healthy oso-try-school || fail "de HEALTHCHECK van het image faalt"
step "beide draaien (productie): $(podman logs oso-try-central 2>&1 | grep -o 'OSO Central draait ([a-z]*)' | head -1)"

# 6. the register at Central and the schools on the node, with the admin commands inside the running containers
step "register en node inrichten (beheeropdrachten in de containers)"
c() { podman exec oso-try-central /opt/oso/oso central "$@" --config /etc/oso/central.json >/dev/null; }
s() { podman exec oso-try-school /opt/oso/oso school "$@" --config /etc/oso/school.json; }
c board add --id 40001 --naam "Stichting Proef"
c school add --brin 91PO --naam "Basisschool De Regenboog" --sector PO --bestuur 40001
c school add --brin 92VO --naam "Het Stadslyceum" --sector VO --bestuur 40001
c system add --id "$SYSTEM" --naam "OpenOSO School-node (proef)" --leverancier "OpenOSO"
c cert register --system "$SYSTEM" --certificaat /etc/oso/pki/system.crt
YESTERDAY=$(date -u -d yesterday +%F)
declare -A RK=([91PO]=0000000700091PO00001 [92VO]=0000000700092VO00001)
declare -A NAAM=([91PO]="Basisschool De Regenboog" [92VO]="Het Stadslyceum")
declare -A SECTOR=([91PO]=PO [92VO]=VO)
declare -A LAS
for brin in 91PO 92VO; do
  c mandate add --bestuur 40001 --brin "$brin" --systeem "$SYSTEM" --van "$YESTERDAY"
  c qualification approve --brin "$brin"
  c endpoint add --routeringskenmerk "${RK[$brin]}" --url "https://school:7411/oso/aanleverpunt/${RK[$brin]}" --systeem "$SYSTEM" --doel Ov --van "$YESTERDAY"
  s add "$brin" --naam "${NAAM[$brin]}" --sector "${SECTOR[$brin]}" --plaats Utrecht >/dev/null
  s aanleverpunt add "$brin" "${RK[$brin]}" >/dev/null
  LAS[$brin]=$(s las add "$brin" --naam Proef-LAS --json)
done
c qualification approve --system "$SYSTEM"
ready https://127.0.0.1:17410/health/ready || { curl -s --cacert "$PKI/ca.crt" https://127.0.0.1:17410/health/ready; fail "de School-node wordt niet gereed"; }
step "School-node gereed: $(curl -s --cacert "$PKI/ca.crt" https://127.0.0.1:17410/health/ready)"

# 7. the whole story through the LAS API, from the same image on the same network
step "oso demo door de containers"
DEMO="$WORK/demo"; rm -rf "$DEMO"; mkdir -p "$DEMO"
las() { printf '{"brin":"%s","naam":"%s","sector":"%s","routeringsKenmerk":"%s","lasClientId":"%s","lasSleutel":"%s"}' "$1" "${NAAM[$1]}" \
  "${SECTOR[$1]}" "${RK[$1]}" "$(sed -n 's/.*"id":"\([^"]*\)".*/\1/p' <<<"${LAS[$1]}")" "$(sed -n 's/.*"apiSleutel":"\([^"]*\)".*/\1/p' <<<"${LAS[$1]}")"; }
printf '{"po":%s,"vo":%s,"systeemId":"%s","logins":[]}' "$(las 91PO)" "$(las 92VO)" "$SYSTEM" > "$DEMO/demo.json"
chown -R 10001:10001 "$DEMO"
podman run --rm --no-healthcheck --network "$NET" --read-only -v "$DEMO:/demo" -v "$PKI:/etc/oso/pki:ro" "$IMAGE" \
  demo --data /demo --node https://school:7410/ --trust-anchor /etc/oso/pki/ca.crt --out /demo/out --json > "$DEMO/uitkomst.json" \
  || { cat "$DEMO/out/transcript.txt" 2>/dev/null; podman logs oso-try-school 2>&1 | tail -20; fail "oso demo slaagde niet"; }
step "demo geslaagd: $(grep -o '"geslaagd":[a-z]*' "$DEMO/uitkomst.json" | head -1)"

# 8. what an operator sees: readiness, metrics, and one trace id per transfer at Central
for url in https://127.0.0.1:17400/health/ready https://127.0.0.1:17410/health/ready; do
  curl -sf --cacert "$PKI/ca.crt" "$url" >/dev/null || fail "$url is niet gereed"
done
METRICS=$(curl -sf --cacert "$PKI/ca.crt" https://127.0.0.1:17410/metrics)
grep -E '^oso_transfers_total\{[^}]*result="OverdrachtGeslaagd"[^}]*role="doel"' <<<"$METRICS" || fail "geen oso_transfers_total voor de doelschool in /metrics"
grep -E '^oso_transfers_total\{[^}]*role="tc"' <<<"$(curl -sf --cacert "$PKI/ca.crt" https://127.0.0.1:17400/metrics)" || fail "geen oso_transfers_total van het Traffic Center"
TRACES=$(podman exec oso-try-central /opt/oso/oso central session list --json --config /etc/oso/central.json | grep -o '"traceId":"[0-9a-f]\{32\}"' | sort -u | wc -l)
[ "$TRACES" -ge 2 ] || fail "Central bewaarde geen trace-id bij de sessies"
step "metrics en $TRACES trace-id's bij de sessies van Central in orde"
step "logregels als JSON (met traceId): Central $(podman logs oso-try-central 2>&1 | grep -c '^{"timestamp"' || true), node $(podman logs oso-try-school 2>&1 | grep -c '^{"timestamp"' || true)"
step "klaar in $(( $(date +%s) - START )) s"
