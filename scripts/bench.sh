#!/usr/bin/env bash
# `make bench`: Siftwire's benchmarks and its peers on the same generated corpus, in a release
# build, written to BENCHMARKS.md (between the `bench:begin`/`bench:end` markers) with the machine
# and the commands; scripts/bench_realtext.sh adds extraction on real text beside spaCy (its own markers).
# Settings (environment):
#   BENCH_DOCS      documents for the pipeline, query and peer runs (default 10000)
#   BENCH_REPEAT    runs of each pipeline configuration, for median/min/max (default 3)
#   BENCH_REQUESTS  requests per query kind and concurrency (default 1000), within
#   BENCH_QUERY_SECONDS seconds each (default 20; slow kinds make fewer requests)
#   BENCH_LARGE     also measure queries at this many documents (e.g. 100000; default: skipped)
set -euo pipefail
cd "$(dirname "$0")/.."
DOCS=${BENCH_DOCS:-10000}
REPEAT=${BENCH_REPEAT:-3}
REQUESTS=${BENCH_REQUESTS:-1000}
LARGE=${BENCH_LARGE:-}
OUT=.build/bench
BIN=.build-release/release
mkdir -p "$OUT"
log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

git rev-parse --short HEAD >"$OUT/commit" 2>/dev/null || echo unknown >"$OUT/commit"
log "release build"
swift build -c release --static-swift-stdlib --build-path .build-release >&2
log "peers' virtual environment (tantivy, pyahocorasick)"
[[ -x $OUT/venv/bin/python ]] || python3 -m venv "$OUT/venv"
"$OUT/venv/bin/pip" install --quiet --disable-pip-version-check tantivy pyahocorasick >&2

log "extraction engine, one core"
$BIN/siftwire bench extraction --documents 3000 --repetitions 5 --json >"$OUT/extraction.json"
SIFTWIRE_BIN=$BIN/siftwire scripts/bench_realtext.sh  # real text, with spaCy and the matcher: BENCHMARKS.md, realtext markers

: >"$OUT/pipeline.jsonl"
for extractors in 1 2 4; do
    for run in $(seq 1 "$REPEAT"); do
        log "pipeline: $DOCS documents, $extractors extractor(s), run $run/$REPEAT"
        $BIN/siftwire bench pipeline --documents "$DOCS" --extractors "$extractors" --json | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)))' >>"$OUT/pipeline.jsonl"
    done
done

log "queries at $DOCS documents (data kept in $OUT/data-$DOCS)"
$BIN/siftwire bench query --documents "$DOCS" --requests "$REQUESTS" --seconds "${BENCH_QUERY_SECONDS:-20}" --concurrency 1 8 32 --data "$OUT/data-$DOCS" --json >"$OUT/query-$DOCS.json"
if [[ -n $LARGE ]]; then
    log "queries at $LARGE documents (data kept in $OUT/data-$LARGE)"
    $BIN/siftwire bench query --documents "$LARGE" --requests "$REQUESTS" --seconds "${BENCH_QUERY_SECONDS:-20}" --concurrency 1 8 32 --data "$OUT/data-$LARGE" --json >"$OUT/query-$LARGE.json"
fi

log "recovery after kill -9 of each service (2,000 documents in the stores)"
$BIN/siftwire bench recovery --documents 2000 --repetitions 3 --json >"$OUT/recovery.json"

log "peers on the same $DOCS documents and queries"
rm -rf "$OUT/corpus-$DOCS"
$BIN/siftwire corpus --count "$DOCS" --seed 1 --out "$OUT/corpus-$DOCS" >/dev/null 2>&1
"$OUT/venv/bin/python" scripts/bench_peers.py --corpus "$OUT/corpus-$DOCS" --queries "$OUT/query-$DOCS.json" \
    --dictionary Sources/SiftwireResources/Resources/actors.tsv --requests "$REQUESTS" \
    ${LARGE:+--large-queries "$OUT/query-$LARGE.json"} >"$OUT/peers.json"

log "writing BENCHMARKS.md"
python3 scripts/bench_report.py --dir "$OUT" --docs "$DOCS" ${LARGE:+--large "$LARGE"} --markdown BENCHMARKS.md
log "done"
