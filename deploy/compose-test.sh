#!/usr/bin/env bash
# Exercises docker-compose.yml on a real Docker engine, through the prebuilt path
# (services/Dockerfile.prebuilt + deploy/docker-compose.prebuilt.yml):
#
#   1. engine     install docker.io / docker-compose / debootstrap if missing; start dockerd if none
#                 answers (our own dockerd: no iptables rules, no NAT, no IP forwarding, so
#                 containers reach only each other over the bridge; published ports go through
#                 docker-proxy on the host and the test talks to them on 127.0.0.1)
#   2. base       debian:bookworm-slim made offline: debootstrap --variant=minbase bookworm, with
#                 libzmq5, libsqlite3-0, libcurl4 and ca-certificates included, then `docker import` (skipped when present)
#   3. validate   `docker-compose config -q` and the Compose Specification schema, both files
#   4. build      stage host-built binaries into services/dist/, `docker-compose ... build`
#   5. up         `up -d --scale extract=3`, every healthcheck healthy
#   6. ingest     a generated corpus through published 5550; stats through 5553: documents ==
#                 accepted; `status`: 3 extractors, each completed > 0
#   7. kill       `docker kill` an extractor holding leases mid-run of a second corpus: all indexed,
#                 none dead, documents == total accepted
#   8. restart    `stop` + `start`: counts unchanged (the data is in the named volumes)
#   9. down       `down -v`: containers, network and volumes gone
#
# Exits 0 with "compose-test: 0 passed, 0 failed, 1 skipped" only when no Docker engine can be had
# here (no permission to start one, dockerd dies, containers cannot start). Everything else that
# goes wrong fails. Bounded: COMPOSE_TEST_LIMIT seconds in all (default 1200).
#
# Settings (environment):
#   SIFTWIRE_BIN_DIR     host binaries + resource bundle (default .build-release/release, then
#                        .build/release); built with `swift build -c release --static-swift-stdlib`
#   COMPOSE_TEST_DOCS    documents per corpus (default 600)
#   COMPOSE_TEST_LIMIT   overall time limit in seconds (default 1200)
#   COMPOSE_TEST_MIRROR  Debian mirror for debootstrap (default: first bookworm URI in apt sources)
#   COMPOSE_TEST_KEEP_DIST=1  leave services/dist/ in place afterwards
set -Eeuo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PROJECT=siftwire-compose-test
DOCS=${COMPOSE_TEST_DOCS:-600}
LIMIT=${COMPOSE_TEST_LIMIT:-1200}
BASE_IMAGE=debian:bookworm-slim
INGEST_EP=tcp://127.0.0.1:5550
QUERY_EP=tcp://127.0.0.1:5553
export DOCKER_BUILDKIT=0 COMPOSE_DOCKER_CLI_BUILD=0 COMPOSE_INTERACTIVE_NO_CLI=1
# The stack under test: the prebuilt-binaries path with the production settings on top (limits,
# log rotation, read-only root filesystem), so those are exercised too.
DC=(docker-compose -p "$PROJECT" -f "$ROOT/docker-compose.yml" -f "$ROOT/deploy/docker-compose.prebuilt.yml"
    -f "$ROOT/deploy/docker-compose.production.yml")

START=$SECONDS
TMP=$(mktemp -d /tmp/siftwire-compose-test.XXXXXX)
DOCKERD_PID=
HAD_DOCKER0=1
STACK_STARTED=
STAGED_DIST=
WATCHDOG_PID=
PHASE=setup
PHASE_START=$SECONDS
PHASES=()

log() { printf '[compose-test %4ds] %s\n' "$((SECONDS - START))" "$*"; }

phase() {
    PHASES+=("$(printf '%-9s %4ds' "$PHASE" "$((SECONDS - PHASE_START))")")
    PHASE=$1
    PHASE_START=$SECONDS
    log "== $PHASE"
}

# shellcheck source=deploy/check.sh
source "$ROOT/deploy/check.sh"

die() {
    log "error: $*"
    exit 1
}

skip() {
    SKIPPED=$*
    exit 0
}

remaining() { echo $((LIMIT - (SECONDS - START))); }

# Seconds for one bounded step: the smaller of $1 and what is left of the overall limit (the
# watchdog ends the run when that is used up).
budget() {
    local left
    left=$(remaining)
    ((left < 1)) && left=1
    ((left < $1)) && echo "$left" || echo "$1"
}

json() { # json FILE PYTHON-EXPRESSION-OVER-d
    python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"
}

cleanup() {
    local rc=$?
    set +e
    # A late TERM from the watchdog must not cut the cleanup short (a handler, not SIG_IGN, so
    # the commands below still get the default disposition).
    trap ':' TERM
    trap - EXIT ERR INT
    if [[ -n $WATCHDOG_PID ]]; then
        pkill -P "$WATCHDOG_PID" 2>/dev/null
        kill "$WATCHDOG_PID" 2>/dev/null
    fi
    phase cleanup >/dev/null
    if [[ $rc -ne 0 && -n $STACK_STARTED ]]; then
        log "stack state at failure:"
        timeout 30 "${DC[@]}" ps
        timeout 30 "${DC[@]}" logs --no-color --tail=40 2>&1 | tail -n 200
    fi
    if [[ -n $STACK_STARTED ]]; then
        timeout 120 "${DC[@]}" down -v --remove-orphans >"$TMP/down.log" 2>&1 || cat "$TMP/down.log"
    fi
    [[ -n $STAGED_DIST && -z ${COMPOSE_TEST_KEEP_DIST:-} ]] && rm -rf "$ROOT/services/dist"
    if [[ -n $DOCKERD_PID ]]; then
        [[ $rc -ne 0 ]] && { log "dockerd log (tail):"; tail -n 20 "$TMP/dockerd.log"; }
        kill "$DOCKERD_PID" 2>/dev/null
        for _ in $(seq 1 30); do kill -0 "$DOCKERD_PID" 2>/dev/null || break; sleep 1; done
        kill -9 "$DOCKERD_PID" 2>/dev/null
        # dockerd leaves its default bridge behind; remove it when it was not there before.
        [[ $HAD_DOCKER0 == 0 ]] && ip link del docker0 2>/dev/null
    fi
    rm -rf "$TMP"
    if [[ -n ${SKIPPED:-} ]]; then
        log "SKIP: $SKIPPED"
        echo "compose-test: 0 passed, 0 failed, 1 skipped"
        exit 0
    else
        if [[ $rc -ne 0 && $FAILED -eq 0 ]]; then FAILED=1; fi
        phase end >/dev/null
        echo "compose-test: phase timings"
        printf '  %s\n' "${PHASES[@]:1}"
        printf '  %-9s %4ds\n' total "$((SECONDS - START))"
        echo "compose-test: $PASSED passed, $FAILED failed"
        ((FAILED == 0)) && exit 0 || exit 1
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'log "error: line $LINENO: $BASH_COMMAND (exit $?) in phase $PHASE" >&2' ERR
trap 'log "interrupted (phase $PHASE)"; exit 130' INT
trap 'log "time limit of ${LIMIT}s reached (phase $PHASE)"; exit 124' TERM
# Overall bound: every step below is also bounded by `timeout`, so the TERM is handled promptly.
(sleep "$LIMIT" && kill -TERM $$ 2>/dev/null) >/dev/null 2>&1 &
WATCHDOG_PID=$!

# ---------------------------------------------------------------------------------------------
phase engine

((DOCS >= 100)) || die "COMPOSE_TEST_DOCS=$DOCS: use at least 100, or the kill cannot land mid-run"
BIN=${SIFTWIRE_BIN_DIR:-}
if [[ -z $BIN ]]; then
    for candidate in "$ROOT/.build-release/release" "$ROOT/.build/release"; do
        [[ -x $candidate/siftwire-ingest ]] && { BIN=$candidate; break; }
    done
fi
[[ -n $BIN ]] || die "no release binaries: build with 'swift build -c release --static-swift-stdlib' or set SIFTWIRE_BIN_DIR"
for b in siftwire siftwire-ingest siftwire-extract siftwire-index siftwire-query siftwire-feeds siftwire-web; do
    [[ -x $BIN/$b ]] || die "$BIN/$b missing"
done
[[ -d $BIN/Siftwire_SiftwireResources.resources ]] || die "$BIN/Siftwire_SiftwireResources.resources missing"
CLI=$BIN/siftwire
log "binaries: $BIN"

apt_updated=
apt_install() { # apt_install PACKAGE...
    [[ $(id -u) == 0 ]] || return 1
    if [[ -z $apt_updated ]]; then
        timeout "$(budget 300)" apt-get update -qq >"$TMP/apt.log" 2>&1 || { cat "$TMP/apt.log"; return 1; }
        apt_updated=1
    fi
    log "apt-get install $*"
    DEBIAN_FRONTEND=noninteractive timeout "$(budget 600)" \
        apt-get install -y -qq --no-install-recommends "$@" >>"$TMP/apt.log" 2>&1 || { tail -n 30 "$TMP/apt.log"; return 1; }
}

docker_answers() { timeout 20 docker info >/dev/null 2>&1; }

if ! command -v docker >/dev/null; then
    apt_install docker.io || skip "no docker client and cannot install docker.io (not root or apt failed)"
fi
if ! docker_answers; then
    [[ $(id -u) == 0 ]] || skip "no Docker engine answers and only root can start dockerd here"
    if ! command -v dockerd >/dev/null; then
        apt_install docker.io || die "apt-get install docker.io failed"
    fi
    # Debian's postinst may have started one through systemd; use it if it now answers.
    if ! docker_answers; then
        ip link show docker0 >/dev/null 2>&1 || HAD_DOCKER0=0
        log "starting dockerd (log: $TMP/dockerd.log)"
        # No iptables rules, no NAT, no forwarding: containers talk over the bridge and to the host;
        # published ports go through docker-proxy on the host. Nothing leaves the machine.
        dockerd --iptables=false --ip-forward=false --ip-masq=false >"$TMP/dockerd.log" 2>&1 &
        DOCKERD_PID=$!
        for _ in $(seq 1 60); do
            docker_answers && break
            kill -0 "$DOCKERD_PID" 2>/dev/null || break
            sleep 1
        done
        if ! docker_answers; then
            tail -n 15 "$TMP/dockerd.log"
            kill "$DOCKERD_PID" 2>/dev/null || true
            wait "$DOCKERD_PID" 2>/dev/null || true
            DOCKERD_PID=
            skip "dockerd could not be started here (see its log above: permissions, cgroups, storage)"
        fi
    fi
fi
log "engine: $(docker version --format 'server {{.Server.Version}}, API {{.Server.APIVersion}}' 2>/dev/null)"

command -v docker-compose >/dev/null || apt_install docker-compose || die "apt-get install docker-compose failed"
log "compose: $(docker-compose version --short 2>/dev/null)"
command -v python3 >/dev/null || apt_install python3 || die "python3 missing"
if ! python3 -m check_jsonschema --version >/dev/null 2>&1; then
    log "pip install check-jsonschema"
    timeout "$(budget 300)" python3 -m pip install --quiet --disable-pip-version-check check-jsonschema \
        || die "pip install check-jsonschema failed"
fi
for port in 5550 5553 5557 5580; do
    if [[ -n $(ss -Hltn "sport = :$port" 2>/dev/null) ]]; then
        die "port $port is already in use on this host (a running 'siftwire up' or another stack?)"
    fi
done
# Leftovers of an aborted earlier run of this script (its own project only).
timeout 120 "${DC[@]}" down -v --remove-orphans >/dev/null 2>&1 || true

# ---------------------------------------------------------------------------------------------
phase base

debian_mirror() {
    if [[ -n ${COMPOSE_TEST_MIRROR:-} ]]; then echo "$COMPOSE_TEST_MIRROR"; return; fi
    local f
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [[ -f $f ]] || continue
        # deb [options] URI bookworm components...
        awk '$1 == "deb" { i = 2; if ($i ~ /^\[/) { while ($i !~ /\]$/ && i < NF) i++; i++ }
                           if ($(i + 1) == "bookworm") { print $i; exit } }' "$f"
    done
    for f in /etc/apt/sources.list.d/*.sources; do
        [[ -f $f ]] || continue
        # deb822 stanzas: Types: deb, Suites: ... bookworm ..., URIs: first one
        awk 'BEGIN { RS = ""; FS = "\n" }
             { types = ""; suites = ""; uris = ""; enabled = "yes"
               for (n = 1; n <= NF; n++) {
                   if ($n ~ /^Types:/) types = $n
                   else if ($n ~ /^Suites:/) suites = $n
                   else if ($n ~ /^URIs:/) uris = $n
                   else if ($n ~ /^Enabled:/) enabled = $n }
               if (types ~ /[ \t]deb([ \t]|$)/ && suites ~ /[ \t]bookworm([ \t]|$)/ && enabled !~ /no/) {
                   sub(/^URIs:[ \t]*/, "", uris); split(uris, u, /[ \t]+/); print u[1]; exit } }' "$f"
    done
}

BASE_LABEL="debootstrap minbase bookworm + libzmq5 libsqlite3-0 libcurl4 ca-certificates"
present_label=$(docker image inspect -f '{{index .Config.Labels "org.siftwire.base"}}' "$BASE_IMAGE" 2>/dev/null || true)
if [[ -n $present_label && $present_label != "$BASE_LABEL" ]]; then
    # a base made by an older version of this script lacks a runtime library (the feed poller's libcurl4)
    log "$BASE_IMAGE present but made with other packages ($present_label): making it again"
    docker image rm -f "$BASE_IMAGE" >/dev/null
fi
if docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
    log "$BASE_IMAGE present: $(docker image inspect -f '{{index .Config.Labels "org.siftwire.base"}}' "$BASE_IMAGE" 2>/dev/null || true)"
else
    command -v debootstrap >/dev/null || apt_install debootstrap || die "apt-get install debootstrap failed"
    MIRROR=$(debian_mirror | head -n 1)
    [[ -n $MIRROR ]] || die "no bookworm mirror in /etc/apt/sources.list{,.d/*}; set COMPOSE_TEST_MIRROR"
    log "debootstrap --variant=minbase --include=libzmq5,libsqlite3-0,libcurl4,ca-certificates bookworm from $MIRROR"
    # The runtime libraries go into the base image here, on the host, so that `docker build` needs
    # no network: Dockerfile.prebuilt's apt step runs only when they are missing.
    timeout "$(budget 900)" debootstrap --variant=minbase --include=libzmq5,libsqlite3-0,libcurl4,ca-certificates \
        bookworm "$TMP/rootfs" "$MIRROR" >"$TMP/debootstrap.log" 2>&1 \
        || { tail -n 30 "$TMP/debootstrap.log"; die "debootstrap failed"; }
    rm -rf "$TMP"/rootfs/var/lib/apt/lists/* "$TMP"/rootfs/var/cache/apt/*.bin "$TMP"/rootfs/var/cache/apt/archives/*.deb
    log "docker import -> $BASE_IMAGE"
    tar -C "$TMP/rootfs" -c . | timeout "$(budget 300)" docker import \
        --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'CMD ["bash"]' \
        --change "LABEL org.siftwire.base=\"$BASE_LABEL\"" \
        - "$BASE_IMAGE" >/dev/null
    rm -rf "$TMP/rootfs"
fi
if ! smoke=$(timeout 60 docker run --rm --network none "$BASE_IMAGE" true 2>&1); then
    echo "$smoke"
    skip "the engine answers but cannot run a container here"
fi

# ---------------------------------------------------------------------------------------------
phase validate

cd "$ROOT"
check "docker-compose.yml: docker-compose config -q" \
    timeout 60 docker-compose -f docker-compose.yml config -q
check "docker-compose.yml + prebuilt override: docker-compose config -q" \
    timeout 60 docker-compose -f docker-compose.yml -f deploy/docker-compose.prebuilt.yml config -q
check "docker-compose.yml: Compose Specification schema" \
    timeout 120 python3 -m check_jsonschema --builtin-schema vendor.compose-spec docker-compose.yml
check "deploy/docker-compose.prebuilt.yml: Compose Specification schema" \
    timeout 120 python3 -m check_jsonschema --builtin-schema vendor.compose-spec deploy/docker-compose.prebuilt.yml
check "docker-compose.yml + CURVE override: docker-compose config -q" \
    timeout 60 docker-compose -f docker-compose.yml -f deploy/docker-compose.curve.yml config -q
check "deploy/docker-compose.curve.yml: Compose Specification schema" \
    timeout 120 python3 -m check_jsonschema --builtin-schema vendor.compose-spec deploy/docker-compose.curve.yml
check "docker-compose.yml + production override: docker-compose config -q" \
    timeout 60 docker-compose -f docker-compose.yml -f deploy/docker-compose.production.yml config -q
check "deploy/docker-compose.production.yml: Compose Specification schema" \
    timeout 120 python3 -m check_jsonschema --builtin-schema vendor.compose-spec deploy/docker-compose.production.yml
# compose v1 keeps `condition: service_healthy` only when it reads the file as the Compose Spec.
"${DC[@]}" config >"$TMP/config.yml"
check "merged config keeps depends_on condition service_healthy" \
    test "$(grep -c 'condition: service_healthy' "$TMP/config.yml")" -eq 6
PUBLISHED=$(sed -nE "s/.*published: *[\"']?([0-9]+).*/\1/p" "$TMP/config.yml" | sort | xargs)
check "only 5550, 5553, 5557 and 5580 are published (found: ${PUBLISHED:-none})" test "$PUBLISHED" = "5550 5553 5557 5580"

# ---------------------------------------------------------------------------------------------
phase build

rm -rf services/dist
mkdir -p services/dist
STAGED_DIST=1
# Stripped (debug info is two thirds of each binary: ~100 MB -> ~66 MB).
for b in siftwire siftwire-ingest siftwire-extract siftwire-index siftwire-query siftwire-feeds siftwire-web; do
    strip -o "services/dist/$b" "$BIN/$b"
done
cp -R "$BIN/Siftwire_SiftwireResources.resources" services/dist/
timeout "$(budget 600)" "${DC[@]}" build >"$TMP/build.log" 2>&1 || { tail -n 40 "$TMP/build.log"; die "build failed"; }
grep -q 'already in the base image' "$TMP/build.log" && log "runtime libraries came from the base image (no apt in build)"
# Earlier builds' images, left dangling by this one (Dockerfile.prebuilt labels its image).
docker image prune -f --filter label=org.opencontainers.image.title=siftwire >/dev/null || true
check "image siftwire:latest built" docker image inspect siftwire:latest
check "image USER is siftwire (non-root)" test "$(docker image inspect -f '{{.Config.User}}' siftwire:latest)" = siftwire
log "image size: $(docker image inspect -f '{{.Size}}' siftwire:latest | awk '{printf "%.0f MB", $1 / 1e6}')"

# ---------------------------------------------------------------------------------------------
phase up

containers() { # containers SERVICE [extra docker ps args]
    local service=$1
    shift
    docker ps -q --no-trunc --filter "label=com.docker.compose.project=$PROJECT" \
        --filter "label=com.docker.compose.service=$service" "$@"
}

# All of ingest, index, query, feeds running and healthy, and N extractors running and healthy (each
# answers `health` on its own container's loopback).
wait_healthy() { # wait_healthy SECONDS EXTRACTORS
    local deadline=$((SECONDS + $(budget "$1"))) service id state
    while ((SECONDS < deadline)); do
        local ready=1
        for service in ingest index query feeds web; do
            id=$(containers "$service")
            state=
            [[ -n $id ]] && state=$(docker inspect -f '{{.State.Status}}/{{if .State.Health}}{{.State.Health.Status}}{{end}}' "$id" 2>/dev/null)
            [[ $state == running/healthy ]] || ready=0
        done
        [[ $(containers extract --filter status=running --filter health=healthy | wc -l) -eq $2 ]] || ready=0
        ((ready)) && return 0
        sleep 2
    done
    log "not healthy after $1 s:"
    docker ps -a --filter "label=com.docker.compose.project=$PROJECT" --format '  {{.Names}} {{.Status}}'
    return 1
}

STACK_STARTED=1
timeout "$(budget 240)" "${DC[@]}" up -d --no-build --scale extract=3 >"$TMP/up.log" 2>&1 \
    || { cat "$TMP/up.log"; die "up failed"; }
check "all healthchecks healthy, 3 extractors running and healthy (<= 120 s)" wait_healthy 120 3
for service in ingest index query feeds; do
    id=$(containers "$service")
    check "$service runs as the non-root user" test "$(docker exec "$id" id -u)" = 10001
done
check "siftwire health on PATH in the image" \
    docker exec "$(containers ingest)" siftwire health tcp://127.0.0.1:5550
check "/data owned by the non-root user in every volume" \
    bash -c 'for id in "$@"; do [[ $(docker exec "$id" stat -c %u /data) == 10001 ]] || exit 1; done' _ \
    $(containers ingest) $(containers index) $(containers query) $(containers feeds) $(containers extract)
check "the image's HEALTHCHECK is siftwire health" \
    test "$(docker image inspect -f '{{json .Config.Healthcheck.Test}}' siftwire:latest)" = '["CMD","siftwire","health"]'
check "production limits applied: index 2 GiB, extract 256 MiB, 1 CPU each" \
    test "$(docker inspect -f '{{.HostConfig.Memory}}/{{.HostConfig.NanoCpus}}' "$(containers index)")/$(docker inspect -f '{{.HostConfig.Memory}}' "$(containers extract | head -n 1)")" \
        = "2147483648/1000000000/268435456"
check "production log rotation: json-file, max-size 10m" \
    test "$(docker inspect -f '{{.HostConfig.LogConfig.Type}}/{{index .HostConfig.LogConfig.Config "max-size"}}' "$(containers ingest)")" = "json-file/10m"
check "production: root filesystem read-only, stores still written" \
    bash -c '[[ $(docker inspect -f "{{.HostConfig.ReadonlyRootfs}}" "$1") == true ]] && ! docker exec "$1" touch /usr/local/bin/x 2>/dev/null' _ "$(containers index)"
check "host reaches ingest on 127.0.0.1:5550" timeout 10 "$CLI" health "$INGEST_EP"
check "host reaches query on 127.0.0.1:5553" timeout 10 "$CLI" health "$QUERY_EP"
check "host reaches feeds on 127.0.0.1:5557" timeout 10 "$CLI" health tcp://127.0.0.1:5557
check "siftwire feeds list answers through 5557" timeout 10 "$CLI" feeds list --feeds tcp://127.0.0.1:5557
check "host reaches the web workbench on 127.0.0.1:5580 (/healthz)" timeout 10 curl -fsS http://127.0.0.1:5580/healthz
check "index port 5552 not published on the host" \
    bash -c '! timeout 5 "$1" health --timeout 2 tcp://127.0.0.1:5552 >/dev/null 2>&1' _ "$CLI"

# ---------------------------------------------------------------------------------------------
phase ingest

client=(--ingest "$INGEST_EP" --query "$QUERY_EP")
"$CLI" corpus --count "$DOCS" --seed 11 --out "$TMP/corpus1" >/dev/null 2>&1
timeout "$(budget 300)" "$CLI" ingest "$TMP/corpus1" --wait --json "${client[@]}" >"$TMP/ingest1.json"
ACCEPTED1=$(json "$TMP/ingest1.json" 'd["accepted"]')
log "corpus 1: $(json "$TMP/ingest1.json" '{k: (len(v) if isinstance(v, list) else v) for k, v in d.items()}')"
check "corpus 1: all $DOCS accepted, none rejected" test "$ACCEPTED1" -eq "$DOCS" -a "$(json "$TMP/ingest1.json" 'len(d["rejected"])')" -eq 0
check "corpus 1: all indexed, none dead" \
    test "$(json "$TMP/ingest1.json" 'd["indexed"]')" -eq "$ACCEPTED1" -a "$(json "$TMP/ingest1.json" 'len(d["dead"])')" -eq 0
timeout 60 "$CLI" query stats --json "${client[@]}" >"$TMP/stats1.json"
check "query stats (5553): documents == accepted ($ACCEPTED1)" \
    test "$(json "$TMP/stats1.json" 'd["documents"]')" -eq "$ACCEPTED1"
timeout 60 "$CLI" status --json "${client[@]}" >"$TMP/status1.json"
log "extractors: $(json "$TMP/status1.json" '", ".join("%s completed %d" % (e["id"], e["completed"]) for e in d["pipeline"]["extractors"])')"
check "status: 3 extractors connected" test "$(json "$TMP/status1.json" 'len(d["pipeline"]["extractors"])')" -eq 3
check "status: each extractor completed > 0" \
    test "$(json "$TMP/status1.json" 'all(e["completed"] > 0 for e in d["pipeline"]["extractors"])')" = True
check "status: received == indexed == $ACCEPTED1, dead 0" \
    test "$(json "$TMP/status1.json" '(d["pipeline"]["received"], d["pipeline"]["indexed"], d["pipeline"]["dead"])')" = "($ACCEPTED1, $ACCEPTED1, 0)"

# ---------------------------------------------------------------------------------------------
phase kill

"$CLI" corpus --count "$DOCS" --seed 12 --out "$TMP/corpus2" >/dev/null 2>&1
timeout "$(budget 400)" "$CLI" ingest "$TMP/corpus2" --wait --json "${client[@]}" >"$TMP/ingest2.json" 2>"$TMP/ingest2.err" &
INGEST2_PID=$!
# Wait until the run is under way and some extractor holds leases, then kill that one's container.
# An extractor's id is extract-<hostname>-<pid>, and a container's hostname is its short id.
VICTIM=
deadline=$((SECONDS + $(budget 120)))
while ((SECONDS < deadline)) && kill -0 "$INGEST2_PID" 2>/dev/null; do
    if timeout 10 "$CLI" status --json --timeout 5 "${client[@]}" >"$TMP/status-mid.json" 2>/dev/null; then
        progress=$(json "$TMP/status-mid.json" 'd["pipeline"]["indexed"] - '"$ACCEPTED1") || progress=0
        holder=$(json "$TMP/status-mid.json" 'next((e["id"].split("-")[1] for e in d["pipeline"]["extractors"] if e["inFlight"] > 0), "")') || holder=
        if ((progress >= DOCS / 10)) && [[ -n $holder ]]; then
            VICTIM=$(containers extract | grep "^$holder" | head -n 1 || true)
            [[ -n $VICTIM ]] && break
        fi
    fi
    sleep 0.2
done
[[ -n $VICTIM ]] || die "no extractor holding leases found while corpus 2 was running (run too short? raise COMPOSE_TEST_DOCS)"
docker kill "$VICTIM" >/dev/null
log "killed extractor container ${VICTIM:0:12} (held $(json "$TMP/status-mid.json" 'sum(e["inFlight"] for e in d["pipeline"]["extractors"] if e["id"].split("-")[1] == "'"${VICTIM:0:12}"'")') leases) after $progress of $DOCS indexed"
check "killed mid-run: the run was still going" kill -0 "$INGEST2_PID"
wait "$INGEST2_PID" || { cat "$TMP/ingest2.err"; die "ingest of corpus 2 failed or timed out"; }
ACCEPTED2=$(json "$TMP/ingest2.json" 'd["accepted"]')
TOTAL=$((ACCEPTED1 + ACCEPTED2))
log "corpus 2: $(json "$TMP/ingest2.json" '{k: (len(v) if isinstance(v, list) else v) for k, v in d.items()}')"
check "corpus 2: all $DOCS accepted as new documents" test "$ACCEPTED2" -eq "$DOCS"
check "corpus 2: all indexed despite the kill, none dead" \
    test "$(json "$TMP/ingest2.json" 'd["indexed"]')" -eq "$ACCEPTED2" -a "$(json "$TMP/ingest2.json" 'len(d["dead"])')" -eq 0
timeout 60 "$CLI" query stats --json "${client[@]}" >"$TMP/stats2.json"
check "query stats: documents == total accepted ($TOTAL)" test "$(json "$TMP/stats2.json" 'd["documents"]')" -eq "$TOTAL"
timeout 60 "$CLI" status --json "${client[@]}" >"$TMP/status2.json"
check "status: received == indexed == $TOTAL, queued 0, leased 0, dead 0" \
    test "$(json "$TMP/status2.json" '(d["pipeline"]["received"], d["pipeline"]["indexed"], d["pipeline"]["queued"], d["pipeline"]["leased"], d["pipeline"]["dead"])')" = "($TOTAL, $TOTAL, 0, 0, 0)"
log "killed container: $(docker inspect -f '{{.State.Status}}, exit {{.State.ExitCode}}, restarts {{.RestartCount}}' "$VICTIM")"
# `restart: unless-stopped` does not bring back a container stopped by `docker kill`; `up --scale`
# restarts it.
timeout "$(budget 120)" "${DC[@]}" up -d --no-build --no-recreate --scale extract=3 >"$TMP/up2.log" 2>&1 \
    || { cat "$TMP/up2.log"; die "up --scale extract=3 after the kill failed"; }
check "3 extractors running again after up --scale" wait_healthy 60 3

# ---------------------------------------------------------------------------------------------
phase restart

timeout "$(budget 120)" "${DC[@]}" stop >"$TMP/stop.log" 2>&1 || { cat "$TMP/stop.log"; die "stop failed"; }
check "stop: no container of the stack running" test -z "$(docker ps -q --filter "label=com.docker.compose.project=$PROJECT")"
# SIGTERM (docker stop) must end every service cleanly: exit status 0, not a kill after the grace period.
check "stop: every service exited 0 on SIGTERM" \
    bash -c 'for id in $(docker ps -aq --filter "label=com.docker.compose.project=$1"); do
                 [[ $(docker inspect -f "{{.State.ExitCode}}" "$id") == 0 ]] || { docker inspect -f "{{.Name}} exit {{.State.ExitCode}}" "$id"; exit 1; }
             done' _ "$PROJECT"
timeout "$(budget 180)" "${DC[@]}" start >"$TMP/start.log" 2>&1 || { cat "$TMP/start.log"; die "start failed"; }
check "start: healthy again, 3 extractors" wait_healthy 120 3
timeout 60 "$CLI" query stats --json "${client[@]}" >"$TMP/stats3.json"
check "after restart: documents still $TOTAL (index volume kept)" test "$(json "$TMP/stats3.json" 'd["documents"]')" -eq "$TOTAL"
check "after restart: entities/mentions unchanged" \
    test "$(json "$TMP/stats3.json" '(d["entities"], d["mentions"])')" = "$(json "$TMP/stats2.json" '(d["entities"], d["mentions"])')"
timeout 60 "$CLI" status --json "${client[@]}" >"$TMP/status3.json"
check "after restart: ingest still knows $TOTAL received, all indexed (ingest volume kept)" \
    test "$(json "$TMP/status3.json" '(d["pipeline"]["received"], d["pipeline"]["indexed"])')" = "($TOTAL, $TOTAL)"
timeout "$(budget 120)" "$CLI" ingest "$TMP/corpus1" --json "${client[@]}" >"$TMP/ingest3.json"
check "after restart: corpus 1 again is all duplicates" \
    test "$(json "$TMP/ingest3.json" '(d["accepted"], d["duplicates"])')" = "(0, $ACCEPTED1)"

# ---------------------------------------------------------------------------------------------
phase down

timeout "$(budget 120)" "${DC[@]}" down -v --remove-orphans >"$TMP/down.log" 2>&1 || { cat "$TMP/down.log"; die "down -v failed"; }
STACK_STARTED=
check "down -v: no container left" test -z "$(docker ps -aq --filter "label=com.docker.compose.project=$PROJECT")"
check "down -v: no volume left" test -z "$(docker volume ls -q --filter "label=com.docker.compose.project=$PROJECT")"
check "down -v: no network left" test -z "$(docker network ls -q --filter "label=com.docker.compose.project=$PROJECT")"
