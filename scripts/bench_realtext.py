#!/usr/bin/env python3
"""Extraction speed and quality on real text, side by side in one run (`scripts/bench_realtext.sh`, part of `make bench`).

The corpus is public annotated news that no one on the team wrote, rebuilt as short documents exactly as
`siftwire eval` rebuilds it (tokens joined by single spaces, sentences by line breaks):
  - the CoNLL-2003 development set (`eng.testa`), one document per `-DOCSTART-`;
  - Groningen Meaning Bank sentences 44001-47959 (the slice Siftwire never trains on), 12 consecutive sentences
    per document.
The text is third-party: it is written under .build/ only, never into the repository.

Subcommands (each prints or writes JSON; `report` turns them into the BENCHMARKS.md table):
  prepare     --ner DIR --out DIR [--copies K]   documents as files (DIR/docs/) and as JSON Lines (DIR/docs.jsonl),
              gold spans (DIR/gold.jsonl), corpus figures (DIR/corpus.json). The speed corpus is K copies of the
              documents (distinct file names) so that a run is long enough to time; quality is scored on copy 0.
  siftwire    --dir DIR --bin PATH [--repeat N]  times `siftwire extract FOLDER` and `siftwire extract -` with and
              without `--rules-only` (CPU seconds of the child from getrusage, wall seconds), scores the output.
  spacy       --dir DIR --model NAME             spaCy's `nlp.pipe` (full pipeline, then NER only) on copy 0, in
              this process, CPU seconds from time.process_time(); scores the entities. Needs spaCy (own venv).
  dictionary  --dir DIR --dictionary actors.tsv  pyahocorasick over the seed dictionary's names (as in
              scripts/bench_peers.py), CPU seconds; speed only. Needs pyahocorasick.
  report      --dir DIR --markdown BENCHMARKS.md writes the table between <!-- realtext:begin/end -->.
Standard library only, except what `spacy` and `dictionary` import.
"""
import argparse
import csv
import datetime
import io
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
import zipfile

BEGIN, END = "<!-- realtext:begin -->", "<!-- realtext:end -->"
KINDS = ("PERSON", "ORG", "LOCATION")
GMB_FIRST, GMB_LAST, GMB_GROUP = 44001, 47959, 12


# ---------------------------------------------------------------------------------------------------- corpus

def conll_documents(path):
    """CoNLL-2003: a list of documents, each a list of sentences of (word, pos, tag)."""
    docs, doc, sentence = [], [], []
    def end_sentence():
        nonlocal sentence
        if sentence:
            doc.append(sentence)
            sentence = []
    def end_document():
        nonlocal doc
        end_sentence()
        if doc:
            docs.append(doc)
            doc = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if not parts:
                end_sentence()
                continue
            if parts[0] == "-DOCSTART-":
                end_document()
                continue
            if len(parts) < 2:
                continue
            sentence.append((parts[0], parts[1] if len(parts) >= 4 else "", parts[-1]))
    end_document()
    return docs


def gmb_sentences(zip_path):
    """The GMB CSV (Latin-1, `Sentence #,Word,POS,Tag`) as sentences in file order."""
    with zipfile.ZipFile(zip_path) as z:
        raw = z.read(z.namelist()[0])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    rows = csv.reader(io.StringIO(text, newline=""))
    next(rows)
    out, sentence = [], []
    for fields in rows:
        if len(fields) < 4:
            continue
        if fields[0] and sentence:
            out.append(sentence)
            sentence = []
        sentence.append((fields[1], fields[2], fields[3]))
    if sentence:
        out.append(sentence)
    return out


def kind_of(scheme, label, pos):
    if scheme == "conll":
        return {"PER": "PERSON", "ORG": "ORG", "LOC": "LOCATION", "MISC": "MISC"}.get(label)
    if label == "per":
        return "PERSON"
    if label == "org":
        return "ORG"
    if label == "geo":
        return "LOCATION"
    if label == "gpe":  # mostly nationality adjectives; a proper noun is a place
        return "LOCATION" if pos == "NNP" else "MISC"
    if label in ("art", "eve", "nat"):
        return "MISC"
    return None


def lexicon_words(name):
    """A word list of Sources/SiftwireExtraction/Engine/Lexicon.swift (a triple-quoted `static let NAME`)."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources", "SiftwireExtraction", "Engine", "Lexicon.swift")
    text = open(path, encoding="utf-8").read()
    start = text.index(f"static let {name} = \"\"\"") + len(f"static let {name} = \"\"\"")
    return set(text[start:text.index('"""', start)].split())


TITLES = None


def is_title(word):
    global TITLES
    if TITLES is None:
        TITLES = lexicon_words("titlesWords") | lexicon_words("titleModifiersWords")
    return word.lower().strip(".") in TITLES


def build_document(sentences, scheme):
    """Text and gold spans [start, end, kind] in code points, as AnnotatedNews.document does (IOB1 and IOB2:
    an I- tag with the open span's label continues it, anything else starts a new span or closes it; GMB person
    spans lose leading titles, "President Bush" -> "Bush", and a title alone is no person)."""
    parts, spans, offset = [], [], 0
    for si, sentence in enumerate(sentences):
        if si:
            parts.append("\n")
            offset += 1
        open_span, starts = None, []

        def close():
            s, e, kind, _, first = open_span
            if scheme == "gmb" and kind == "PERSON":
                k = first
                while k + 1 < len(starts) and is_title(sentence[k][0]) and starts[k + 1] < e:
                    k += 1
                    s = starts[k]
                if is_title(sentence[k][0]) and starts[k] + len(sentence[k][0]) >= e:
                    return
            spans.append([s, e, kind])

        for ti, (word, pos, tag) in enumerate(sentence):
            if ti:
                parts.append(" ")
                offset += 1
            start = offset
            starts.append(start)
            parts.append(word)
            offset += len(word)
            prefix, _, label = tag.partition("-")
            kind = kind_of(scheme, label, pos) if prefix != "O" else None
            if kind is None:
                if open_span:
                    close()
                open_span = None
                continue
            if open_span and prefix == "I" and open_span[3] == label:
                open_span[1] = offset
                continue
            if open_span:
                close()
            open_span = [start, offset, kind, label, ti]
        if open_span:
            close()
    return "".join(parts), [s for s in spans if s[2] in KINDS]


def prepare(args):
    conll = [build_document(d, "conll") for d in conll_documents(os.path.join(args.ner, "conll2003", "eng.testa"))]
    sentences = gmb_sentences(os.path.join(args.ner, "gmb", "ner_dataset.csv.zip"))[GMB_FIRST - 1:GMB_LAST]
    gmb = [build_document(sentences[i:i + GMB_GROUP], "gmb") for i in range(0, len(sentences), GMB_GROUP)]
    docs = [(f"conll-{i:04d}", "conll", t, s) for i, (t, s) in enumerate(conll, 1)] + \
           [(f"gmb-{i:04d}", "gmb", t, s) for i, (t, s) in enumerate(gmb, 1)]
    folder = os.path.join(args.out, "docs")
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    with open(os.path.join(args.out, "docs.jsonl"), "w", encoding="utf-8") as jsonl, \
         open(os.path.join(args.out, "gold.jsonl"), "w", encoding="utf-8") as gold:
        for copy in range(args.copies):
            for name, corpus, text, spans in docs:
                doc_id = f"c{copy}-{name}"
                with open(os.path.join(folder, doc_id + ".txt"), "w", encoding="utf-8", newline="") as f:
                    f.write(text)
                jsonl.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")
                if copy == 0:
                    gold.write(json.dumps({"id": doc_id, "corpus": corpus, "text": text, "spans": spans}, ensure_ascii=False) + "\n")
    summary = {"copies": args.copies, "corpora": {}}
    for corpus in ("conll", "gmb"):
        mine = [d for d in docs if d[1] == corpus]
        summary["corpora"][corpus] = {
            "documents": len(mine), "bytes": sum(len(d[2].encode("utf-8")) for d in mine),
            "tokens": sum(len(d[2].split()) for d in mine), "goldSpans": sum(len(d[3]) for d in mine),
            "nonASCIIDocuments": sum(1 for d in mine if not d[2].isascii())}
    summary["documents"] = len(docs) * args.copies
    summary["bytes"] = sum(c["bytes"] for c in summary["corpora"].values()) * args.copies
    with open(os.path.join(args.out, "corpus.json"), "w") as f:
        json.dump(summary, f, indent=1)
    print(json.dumps(summary))


# ---------------------------------------------------------------------------------------------------- scoring

def load_gold(directory):
    with open(os.path.join(directory, "gold.jsonl"), encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def score(gold_docs, predicted):
    """Per corpus and kind: exact (same start, end, kind) and overlapping (same kind, one to one) counts, as
    SpanScores in Sources/SiftwireExtraction/Evaluation/SpanScoring.swift. `predicted`: id -> [[start, end, kind]]."""
    out = {}
    for doc in gold_docs:
        counts = out.setdefault(doc["corpus"], {k: {"gold": 0, "predicted": 0, "exact": 0, "overlap": 0} for k in KINDS})
        spans = predicted.get(doc["id"], [])
        for kind in KINDS:
            g = [(s, e) for s, e, k in doc["spans"] if k == kind]
            p = [(s, e) for s, e, k in spans if k == kind]
            c = counts[kind]
            c["gold"] += len(g)
            c["predicted"] += len(p)
            gold_set = set(g)
            c["exact"] += sum(1 for span in p if span in gold_set)
            used = set()
            for s, e in sorted(p):
                hit = next((i for i, (gs, ge) in enumerate(g) if i not in used and gs < e and s < ge), None)
                if hit is not None:
                    used.add(hit)
                    c["overlap"] += 1
    return out


def f1(counts, what):
    c = {"gold": 0, "predicted": 0, "exact": 0, "overlap": 0}
    for kind in KINDS:
        for key in c:
            c[key] += counts[kind][key]
    p = c[what] / c["predicted"] if c["predicted"] else 0
    r = c[what] / c["gold"] if c["gold"] else 0
    return 2 * p * r / (p + r) if p + r else 0


def check_offsets(texts, predicted):
    """Spans whose offsets, read as code points with Python str indexing, do not give the mention's text."""
    bad = 0
    for doc_id, spans in predicted.items():
        text = texts.get(doc_id)
        if text is None:
            continue
        for s, e, _, surface in spans:
            if text[s:e] != surface:
                bad += 1
    return bad


# ---------------------------------------------------------------------------------------------------- siftwire

def timed(command, stdin_path=None, stdout_path=os.devnull):
    """Runs a command; CPU seconds of the child (user + sys, getrusage of children) and wall seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    with open(stdin_path or os.devnull, "rb") as stdin, open(stdout_path, "wb") as stdout:
        result = subprocess.run(command, stdin=stdin, stdout=stdout, stderr=subprocess.PIPE)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} exited {result.returncode}: {result.stderr.decode(errors='replace')[-2000:]}")
    return {"cpuSeconds": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
            "userSeconds": after.ru_utime - before.ru_utime, "systemSeconds": after.ru_stime - before.ru_stime,
            "wallSeconds": wall}


def siftwire_spans(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            doc_id = os.path.splitext(os.path.basename(doc["document"]))[0]
            spans = out.setdefault(doc_id, [])
            for entity in doc["entities"]:
                if entity["type"] in KINDS:  # NORP is not scored
                    for m in entity["mentions"]:
                        spans.append((m["start"], m["end"], entity["type"], m["text"]))
    return out


def siftwire(args):
    corpus = json.load(open(os.path.join(args.dir, "corpus.json")))
    gold = load_gold(args.dir)
    texts = {d["id"]: d["text"] for d in gold}
    folder, jsonl = os.path.join(args.dir, "docs"), os.path.join(args.dir, "docs.jsonl")
    # a fixed cost per run: the dictionary, gazetteer and model loaded with no document to extract
    startup = {}
    for label, extra in (("tagger", []), ("rulesOnly", ["--rules-only"])):
        startup[label] = statistics.median(timed([args.bin, "extract", "-", *extra])["cpuSeconds"] for _ in range(args.repeat))
    results = []
    for label, extra in (("tagger", []), ("rulesOnly", ["--rules-only"])):
        for mode, command, stdin in (("folder", [args.bin, "extract", folder, *extra], None),
                                     ("jsonl", [args.bin, "extract", "-", *extra], jsonl)):
            output = os.path.join(args.dir, f"siftwire-{label}-{mode}.jsonl")
            runs = [timed(command, stdin, output) for _ in range(args.repeat)]
            spans = siftwire_spans(output)
            if len(spans) < corpus["documents"] * 0.99:
                sys.exit(f"siftwire wrote {len(spans)} documents of {corpus['documents']} ({output})")
            results.append({"engine": label, "input": mode, "runs": runs,
                            "command": " ".join(["siftwire", "extract", "FOLDER" if mode == "folder" else "-", *extra])
                                       + (" < docs.jsonl" if mode == "jsonl" else "") + " > out.jsonl",
                            "scores": score(gold, {k: [s[:3] for s in v] for k, v in spans.items()}),
                            "offsetMismatches": check_offsets(texts, spans),
                            "documentsOut": len(spans)})
    print(json.dumps({"startupCPUSeconds": startup, "repeat": args.repeat, "results": results}, indent=1))


# ---------------------------------------------------------------------------------------------------- spaCy

SPACY_TYPES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "LOCATION", "LOC": "LOCATION", "FAC": "LOCATION"}


def spacy_run(args):
    import spacy
    gold = load_gold(args.dir)
    texts = [d["text"] for d in gold]
    size = sum(len(t.encode("utf-8")) for t in texts)
    out = {"model": args.model, "spacyVersion": spacy.__version__, "documents": len(texts), "bytes": size, "runs": {}}
    for label in ("full", "nerOnly"):
        nlp = spacy.load(args.model)
        if label == "nerOnly":
            # keep ner and whatever it listens to; en_core_web_sm's ner has its own embedding layer
            keep = {"ner"}
            ner_config = nlp.get_pipe_config("ner")
            if "Listener" in json.dumps(ner_config.get("model", {}), default=str):
                keep.add("tok2vec")
            for name in list(nlp.pipe_names):
                if name not in keep:
                    nlp.disable_pipe(name)
        out.setdefault("pipes", {})[label] = list(nlp.pipe_names)
        list(nlp.pipe(texts[:16], batch_size=64))  # warm-up
        cpu, wall = time.process_time(), time.perf_counter()
        predicted, bad, total = {}, 0, 0
        for doc_gold, doc in zip(gold, nlp.pipe(texts, batch_size=64, n_process=1)):
            spans = predicted.setdefault(doc_gold["id"], [])
            for ent in doc.ents:
                kind = SPACY_TYPES.get(ent.label_)
                if kind:  # NORP and the rest are not scored
                    spans.append([ent.start_char, ent.end_char, kind])
                    total += 1
                    if doc_gold["text"][ent.start_char:ent.end_char] != ent.text:
                        bad += 1
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        out["runs"][label] = {"cpuSeconds": cpu, "wallSeconds": wall, "scores": score(gold, predicted),
                              "offsetMismatches": bad, "entities": total}
    print(json.dumps(out, indent=1))


# ---------------------------------------------------------------------------------------------------- dictionary matcher

def dictionary(args):
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from bench_peers import dictionary_automaton  # the same matcher as the generated-corpus benchmark
    automaton, names = dictionary_automaton(args.dictionary)
    with open(os.path.join(args.dir, "docs.jsonl"), encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f]
    size = sum(len(t.encode("utf-8")) for t in texts)
    runs = []
    for _ in range(args.repeat):
        found = 0
        cpu, wall = time.process_time(), time.perf_counter()
        for text in texts:
            text = text.lower()  # counted: the matcher works on lower case
            for end, (_, length) in automaton.iter(text):
                start = end - length + 1
                if (start == 0 or not text[start - 1].isalnum()) and (end + 1 == len(text) or not text[end + 1].isalnum()):
                    found += 1
        runs.append({"cpuSeconds": time.process_time() - cpu, "wallSeconds": time.perf_counter() - wall})
    print(json.dumps({"names": names, "documents": len(texts), "bytes": size, "mentionsFound": found, "runs": runs}, indent=1))


# ---------------------------------------------------------------------------------------------------- report

def spread(values, fmt="{:.1f}"):
    return f"{fmt.format(statistics.median(values))} ({fmt.format(min(values))}–{fmt.format(max(values))})"


def kind_f1(counts, what):
    p = counts[what] / counts["predicted"] if counts["predicted"] else 0
    r = counts[what] / counts["gold"] if counts["gold"] else 0
    return 2 * p * r / (p + r) if p + r else 0


def report(args):
    d = args.dir
    corpus = json.load(open(os.path.join(d, "corpus.json")))
    sift = json.load(open(os.path.join(d, "siftwire.json")))
    spacy_path, dict_path = os.path.join(d, "spacy.json"), os.path.join(d, "dictionary.json")
    sp = json.load(open(spacy_path)) if os.path.exists(spacy_path) else None
    dm = json.load(open(dict_path)) if os.path.exists(dict_path) else None
    loads = json.load(open(os.path.join(d, "load.json"))) if os.path.exists(os.path.join(d, "load.json")) else {}
    mb, docs = corpus["bytes"] / 1e6, corpus["documents"]
    cc, cg = corpus["corpora"]["conll"], corpus["corpora"]["gmb"]

    def quality(scores):
        return " | ".join(f"{f1(scores[c], 'exact'):.2f} / {f1(scores[c], 'overlap'):.2f}" for c in ("conll", "gmb"))

    rows, per_cpu = [], {}
    names = {"tagger": "Siftwire, tagger + dictionary + rules (the default)", "rulesOnly": "Siftwire `--rules-only` (dictionary + rules, no tagger)"}
    for r in sift["results"]:
        rates = [mb / x["cpuSeconds"] for x in r["runs"]]
        per_cpu[(r["engine"], r["input"])] = statistics.median(rates)
        rows.append(f"| {names[r['engine']]}, {'a folder of files' if r['input'] == 'folder' else 'JSON Lines on stdin'} | "
                    f"`{r['command']}` | {spread(rates)} | {statistics.median(docs / x['cpuSeconds'] for x in r['runs']):,.0f} | "
                    f"{statistics.median(docs / x['wallSeconds'] for x in r['runs']):,.0f} | {quality(r['scores'])} |")
    spacy_rate = {}
    if sp:
        smb = sp["bytes"] / 1e6
        for label, title in (("full", "full pipeline"), ("nerOnly", "NER only (" + " + ".join(sp["pipes"]["nerOnly"]) + ")")):
            run = sp["runs"][label]
            spacy_rate[label] = smb / run["cpuSeconds"]
            rows.append(f"| spaCy {sp['spacyVersion']} `{sp['model']}`, {title} | `nlp.pipe(texts, batch_size=64)`, one process | "
                        f"{smb / run['cpuSeconds']:.3f} | {sp['documents'] / run['cpuSeconds']:,.0f} | "
                        f"{sp['documents'] / run['wallSeconds']:,.0f} | {quality(run['scores'])} |")
    if dm:
        dmb = dm["bytes"] / 1e6
        rates = [dmb / x["cpuSeconds"] for x in dm["runs"]]
        rows.append(f"| pyahocorasick over the {dm['names']:,} names of `actors.tsv` (finds strings, resolves nothing) | "
                    f"`scripts/bench_realtext.py dictionary` | {spread(rates)} | "
                    f"{statistics.median(dm['documents'] / x['cpuSeconds'] for x in dm['runs']):,.0f} | "
                    f"{statistics.median(dm['documents'] / x['wallSeconds'] for x in dm['runs']):,.0f} | – | – |")

    best = per_cpu.get(("tagger", "folder"), 0)
    best_jsonl = per_cpu.get(("tagger", "jsonl"), 0)
    lines = [BEGIN, "",
             f"### Real text, {datetime.date.today().isoformat()}", "",
             f"Commit {args.commit}; release build (`swift build -c release --product siftwire`); {os.cpu_count()} cores; "
             f"load average {loads.get('start', '?')} at the start and {loads.get('end', '?')} at the end (other builds on the machine). "
             f"Corpus: the CoNLL-2003 dev set ({cc['documents']} documents, {cc['tokens']:,} tokens, {cc['bytes'] / 1e3:.0f} KB) and GMB "
             f"sentences {GMB_FIRST}–{GMB_LAST} ({cg['documents']} documents of {GMB_GROUP} sentences, {cg['tokens']:,} tokens, "
             f"{cg['bytes'] / 1e3:.0f} KB); Siftwire and the dictionary matcher read {corpus['copies']} "
             f"{'copy' if corpus['copies'] == 1 else 'copies'} "
             f"({docs:,} documents, {mb:.2f} MB), spaCy one copy; quality is scored on one copy.", "",
             "| engine | command | MB per CPU-second, median (min–max) | docs per CPU-second | docs per wall-second | "
             "CoNLL dev F1 exact / overlap | GMB 44001–47959 F1 exact / overlap |",
             "|---|---|---|---|---|---|---|", *rows, ""]
    startup = sift["startupCPUSeconds"]
    notes = [f"Siftwire: median of {sift['repeat']} runs, CPU = user + sys of the child process (getrusage), including "
             f"start-up: loading the dictionary, gazetteer and model with no document costs {startup['tagger']:.2f} CPU-s "
             f"({startup['rulesOnly']:.2f} s with `--rules-only`) per run."]
    if best:
        notes.append(f"Target ≥ 5 MB/s per core through `siftwire extract` over a folder of short real news files: "
                     + ("met" if best >= 5 else "missed") + f" ({best:.1f}; {best_jsonl:.1f} from JSON Lines).")
    if spacy_rate:
        notes.append(f"Ratio Siftwire (tagger, folder) / spaCy small: {best / spacy_rate['full']:.0f}× the full pipeline, "
                     f"{best / spacy_rate['nerOnly']:.0f}× NER only. Target ≥ 30×: "
                     + ("met." if best / spacy_rate["full"] >= 30 else "missed (full pipeline).")
                     + " spaCy: one pass each after a 16-document warm-up, time.process_time().")
    notes.append("F1 over PERSON, ORG and LOCATION mentions (NORP and MISC not scored; spaCy GPE/LOC/FAC → LOCATION); "
                 "exact = same start, end and type; overlap = same type and overlapping, one to one; gold as `siftwire eval` "
                 "reads it (GMB person spans without leading titles: \"President Bush\" → \"Bush\").")
    lines += [" ".join(notes), ""]
    # per type: the default engine, the rules alone, spaCy's full pipeline
    typed = [(names[r["engine"]].split(" (")[0].split(",")[0] + (", tagger" if r["engine"] == "tagger" else ""), r["scores"])
             for r in sift["results"] if r["input"] == "folder"]
    if sp:
        typed.append((f"spaCy `{sp['model']}`", sp["runs"]["full"]["scores"]))
    lines += ["F1 per type, exact / overlap (gold mentions: CoNLL " + ", ".join(
                  f"{k} {sift['results'][0]['scores']['conll'][k]['gold']:,}" for k in KINDS)
              + "; GMB " + ", ".join(f"{k} {sift['results'][0]['scores']['gmb'][k]['gold']:,}" for k in KINDS) + "):", "",
              "| engine | corpus | PERSON | ORG | LOCATION |", "|---|---|---|---|---|"]
    for label, scores in typed:
        for c, cname in (("conll", "CoNLL dev"), ("gmb", "GMB 44001–47959")):
            lines.append(f"| {label} | {cname} | " + " | ".join(
                f"{kind_f1(scores[c][k], 'exact'):.2f} / {kind_f1(scores[c][k], 'overlap'):.2f}" for k in KINDS) + " |")
    lines += ["", END]
    text = open(args.markdown).read()
    block = "\n".join(lines)
    if BEGIN in text and END in text:
        text = text[:text.index(BEGIN)] + block + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    open(args.markdown, "w").write(text)
    print(block)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)
    a = sub.add_parser("prepare")
    a.add_argument("--ner", required=True)
    a.add_argument("--out", required=True)
    a.add_argument("--copies", type=int, default=4)
    a = sub.add_parser("siftwire")
    a.add_argument("--dir", required=True)
    a.add_argument("--bin", required=True)
    a.add_argument("--repeat", type=int, default=3)
    a = sub.add_parser("spacy")
    a.add_argument("--dir", required=True)
    a.add_argument("--model", default="en_core_web_sm")
    a = sub.add_parser("dictionary")
    a.add_argument("--dir", required=True)
    a.add_argument("--dictionary", required=True)
    a.add_argument("--repeat", type=int, default=3)
    a = sub.add_parser("report")
    a.add_argument("--dir", required=True)
    a.add_argument("--markdown", required=True)
    a.add_argument("--commit", default="unknown")
    args = p.parse_args()
    {"prepare": prepare, "siftwire": siftwire, "spacy": spacy_run, "dictionary": dictionary, "report": report}[args.command](args)


if __name__ == "__main__":
    main()
