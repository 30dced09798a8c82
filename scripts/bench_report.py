#!/usr/bin/env python3
"""Renders the JSON that scripts/bench.sh collected into a Markdown section of BENCHMARKS.md,
replacing what stands between <!-- bench:begin --> and <!-- bench:end --> (appended if absent)."""
import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess

BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"


def machine(directory):
    cores = os.cpu_count()
    with open("/proc/meminfo") as f:
        kb = int(next(l for l in f if l.startswith("MemTotal")).split()[1])
    model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.machine())
    load = open("/proc/loadavg").read().split()[:3]
    marker = os.path.join(directory, "commit")
    commit = open(marker).read().strip() if os.path.exists(marker) else \
        subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    return f"{cores} cores ({model}), {kb / 1024 / 1024:.0f} GiB; load average at the end {' '.join(load)}; commit {commit}"


def cpu_ms(runs, prefix):
    """Median CPU milliseconds per document of the services whose name starts with `prefix`, summed."""
    values = [sum(v for k, v in r.get("cpuSeconds", {}).items() if k.startswith(prefix)) * 1000 / r["documents"] for r in runs]
    return f"{statistics.median(values):.2f}" if values and any(values) else "–"


def spread(values, fmt="{:.0f}"):
    return f"{fmt.format(statistics.median(values))} ({fmt.format(min(values))}–{fmt.format(max(values))})"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--dir", required=True)
    p.add_argument("--docs", type=int, required=True)
    p.add_argument("--large", type=int)
    p.add_argument("--markdown", required=True)
    p.add_argument("--note", help="what else is worth saying about this run (load, partial re-runs)")
    a = p.parse_args()
    load = lambda name: json.load(open(os.path.join(a.dir, name)))
    extraction = load("extraction.json")
    pipeline = [json.loads(l) for l in open(os.path.join(a.dir, "pipeline.jsonl")) if l.strip()]
    peers = load("peers.json")
    queries = {a.docs: load(f"query-{a.docs}.json")}
    if a.large:
        queries[a.large] = load(f"query-{a.large}.json")

    out = [BEGIN, "", f"## `make bench`, {datetime.date.today().isoformat()}", "",
           f"Machine: {machine(a.dir)}. Release build. Commands: `scripts/bench.sh` (what `make bench` runs); "
           f"each row names its own. Corpus: `siftwire corpus --seed 1` (generated 2–5 KB articles, corpus v2 from the seed dictionary; rows before 2026-12-01 used the v1 ~3 KB corpus)."
           + (f" {a.note}" if a.note else ""), ""]

    # Extraction
    ac = peers["dictionaryMatcher"]
    out += ["### Extraction throughput (one core)", "",
            "| what | command | MB/s median (min–max) | docs/s |", "|---|---|---|---|",
            f"| Siftwire engine (library) | `siftwire bench extraction --documents 3000 --repetitions 5` | "
            f"{extraction['medianMBPerSecond']:.1f} ({extraction['minMBPerSecond']:.1f}–{extraction['maxMBPerSecond']:.1f}) | "
            f"{extraction['medianDocumentsPerSecond']:.0f} |",
            f"| peer: pyahocorasick over the {ac['names']} dictionary names (finds strings, resolves nothing) | `scripts/bench_peers.py` | "
            f"{ac['megabytesPerSecond']:.1f} ({ac['minMegabytesPerSecond']:.1f}–{ac['maxMegabytesPerSecond']:.1f}) | {ac['documentsPerSecond']:.0f} |",
            "", f"Ratio Siftwire / dictionary matcher: {extraction['medianMBPerSecond'] / ac['megabytesPerSecond']:.2f}. "
            "Target ≥ 20 MB/s per core: " + ("met." if extraction['medianMBPerSecond'] >= 20 else "missed."), ""]

    # Extraction through one extract service: its own CPU time in the 1-extractor pipeline runs.
    singles = [r for r in pipeline if r["extractors"] == 1 and "extract-1" in r.get("cpuSeconds", {})]
    if singles:
        per_core_mb = [r["megabytes"] / r["cpuSeconds"]["extract-1"] for r in singles]
        per_core_docs = [r["documents"] / r["cpuSeconds"]["extract-1"] for r in singles]
        out[-1:-1] = ["", f"Through one extract service (`siftwire bench pipeline --extractors 1`, the extractor's own CPU time: "
                      f"decoding `work.assign`, extracting, encoding and sending `index.put`): {spread(per_core_mb, '{:.1f}')} MB "
                      f"and {spread(per_core_docs)} documents per CPU-second."]

    # Pipeline
    out += ["### Ingest to queryable", "",
            f"`siftwire bench pipeline --documents {a.docs} --extractors X`, each configuration run {len(pipeline) // 3 or 1} time(s): "
            "a fresh stack of the real executables on loopback; peak RSS is VmHWM.", "",
            "| extractors | docs/s median (min–max) | scaling vs 1 | index MB per 1,000 docs | peak RSS MB (ingest / index / query / extract max) | CPU ms per document (ingest / index / extractors) |",
            "|---|---|---|---|---|---|"]
    by = {}
    for r in pipeline:
        by.setdefault(r["extractors"], []).append(r)
    base = statistics.median(r["documentsPerSecond"] for r in by.get(1, pipeline))
    for x in sorted(by):
        rs = by[x]
        rates = [r["documentsPerSecond"] for r in rs]
        rss = rs[-1]["peakRSSMegabytes"]
        extract = max(v for k, v in rss.items() if k.startswith("extract"))
        per1k = statistics.median(r["indexBytes"] / r["documents"] for r in rs) * 1000 / 1e6
        out.append(f"| {x} | {spread(rates)} | {statistics.median(rates) / base / x * 100:.0f} % efficiency ({statistics.median(rates) / base:.2f}×) | "
                   f"{per1k:.1f} | {rss.get('ingest', 0):.0f} / {rss.get('index', 0):.0f} / {rss.get('query', 0):.0f} / {extract:.0f} | "
                   f"{cpu_ms(rs, 'ingest')} / {cpu_ms(rs, 'index')} / {cpu_ms(rs, 'extract')} |")
    fts = peers["fts5"]
    tv = peers["tantivy"]
    best = max(statistics.median(r["documentsPerSecond"] for r in rs) for rs in by.values())
    out += ["", "Peers indexing the same documents (no extraction, no entities):", "",
            "| peer | docs/s | index MB per 1,000 docs | Siftwire best / peer |", "|---|---|---|---|",
            f"| plain SQLite FTS5 (Python sqlite3, one transaction, synchronous=FULL) | {fts['indexDocumentsPerSecond']:.0f} | "
            f"{fts['indexBytes'] / peers['documents'] * 1000 / 1e6:.1f} | {best / fts['indexDocumentsPerSecond']:.3f} |",
            f"| Tantivy (PyPI tantivy) | {tv['indexDocumentsPerSecond']:.0f} | {tv['indexBytes'] / peers['documents'] * 1000 / 1e6:.1f} | "
            f"{best / tv['indexDocumentsPerSecond']:.3f} |",
            "", "Target ≥ 2,000 docs/s end to end on 2 cores: " + ("met." if best >= 2000 else f"missed ({best:.0f})."), ""]

    # Queries
    out += ["### Query latency", "",
            f"`siftwire bench query --documents N --requests R --concurrency 1 8 32`: R requests per kind and concurrency, "
            "each client its own DEALER connection, through the query service to the index.", "",
            "| documents | kind | concurrency | p50 ms | p95 ms | p99 ms | req/s | errors |", "|---|---|---|---|---|---|---|---|"]
    for n, q in queries.items():
        for m in q["measurements"]:
            out.append(f"| {n} | {m['kind']} | {m['concurrency']} | {m['p50Milliseconds']:.2f} | {m['p95Milliseconds']:.2f} | "
                       f"{m['p99Milliseconds']:.2f} | {m['requestsPerSecond']:.0f} | {m['errors']} |")
    def measured(n, kind):
        return next((m for m in queries[n]["measurements"] if m["kind"] == kind and m["concurrency"] == 1), None)

    def ratio(mine, peer):
        return mine["p99Milliseconds"] / max(peer["p99Milliseconds"], 1e-9)

    f1, t1 = fts["searchFreshTable"], tv["search"]
    targets = []
    for n in queries:
        own, literal = measured(n, "search"), measured(n, "search-literal")
        file_peers = fts if n == a.docs else peers.get("fts5Large", {})
        plain, expanded = file_peers.get("searchSiftwireIndexFile"), file_peers.get("searchSiftwireIndexFileExpanded")
        out += ["", f"Search peers at {n} documents, concurrency 1, the same {len(queries[n]['searchQueries'])} queries "
                "(total count + top 10 with snippets; peers skip a query they cannot parse). Siftwire goes through the query "
                "service to the index (two ZeroMQ hops and JSON each way); the peers call SQLite in-process:", "",
                "| search | p50 ms | p95 ms | p99 ms | Siftwire p99 / peer p99 |", "|---|---|---|---|---|"]
        rows = []
        if literal and plain:
            rows.append(("Siftwire, queries as typed (`expand: false`)", literal, None))
            rows.append(("plain FTS5 on Siftwire's index file, the same MATCH text", plain, literal))
        if own and expanded:
            rows.append(("Siftwire, name expansion on (the default)", own, None))
            rows.append(("plain FTS5 on Siftwire's index file, Siftwire's expanded MATCH text", expanded, own))
        if n == a.docs:
            rows.append(("plain FTS5, fresh table, queries as typed", f1, literal or own))
            rows.append(("Tantivy, queries as typed", t1, literal or own))
        for label, r, mine in rows:
            out.append(f"| {label} ({r.get('queries', len(queries[n]['searchQueries']))} queries) | {r['p50Milliseconds']:.2f} | "
                       f"{r['p95Milliseconds']:.2f} | {r['p99Milliseconds']:.2f} | {ratio(mine, r) if mine else 1:.2f} |")
        if literal and plain:
            targets.append(f"{ratio(literal, plain):.2f}× as typed and {ratio(own, expanded):.2f}× expanded at {n}" if own and expanded
                           else f"{ratio(literal, plain):.2f}× at {n}")
    entity_p99 = {n: measured(n, "entity")["p99Milliseconds"] for n in queries if measured(n, "entity")}
    search_p99 = {n: measured(n, "search")["p99Milliseconds"] for n in queries if measured(n, "search")}
    out += ["", "Targets: p99 ≤ 10 ms for entity and search at 100k documents (here: entity "
            + ", ".join(f"{v:.1f} ms at {n}" for n, v in entity_p99.items()) + "; search "
            + ", ".join(f"{v:.1f} ms at {n}" for n, v in search_p99.items())
            + "); search within 1.5× of plain FTS5 on the same MATCH text (here " + "; ".join(targets) + ")."]
    recovery_path = os.path.join(a.dir, "recovery.json")
    if os.path.exists(recovery_path):
        recovery = json.load(open(recovery_path))
        out += ["", "### Recovery after kill -9", "",
                f"`siftwire bench recovery --documents {recovery['documents']} --repetitions 3`: seconds from the SIGKILL (the "
                "service restarted at once, as a supervisor would) until a document submitted after it is indexed and found "
                "by a search through the query service. Documents a killed extractor held come back after the 5 s heartbeat "
                "timeout; this measures when new work flows again.", "",
                "| killed | seconds median (min–max) |", "|---|---|"]
        for m in recovery["measurements"]:
            out.append(f"| {m['service']} | {spread(m['seconds'], '{:.2f}')} |")
    out += ["", END]

    text = open(a.markdown).read() if os.path.exists(a.markdown) else "# Benchmarks\n"
    block = "\n".join(out)
    if BEGIN in text and END in text:
        text = text[:text.index(BEGIN)] + block + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    open(a.markdown, "w").write(text)


if __name__ == "__main__":
    main()
