#!/usr/bin/env python3
"""Peers for `make bench`, measured on the same generated corpus and the same search queries as
Siftwire's own benchmarks, in one run on one machine:

  - plain SQLite FTS5 driven directly (Python's sqlite3): the floor for indexing and for search,
    searched both in a fresh FTS5 table and in Siftwire's own index file (same rows, same MATCH);
  - Tantivy (PyPI `tantivy`): a search-engine peer, indexing and search;
  - a dictionary matcher (PyPI `pyahocorasick`) over the names and aliases of Siftwire's seed actor
    dictionary: the extraction-speed peer (it finds dictionary strings; it resolves nothing).

Usage: bench_peers.py --corpus DIR --queries QUERY_BENCH.json --dictionary actors.tsv [--requests N]
Prints one JSON object. `make bench` installs the packages in a virtual environment first.
"""
import argparse
import json
import os
import sqlite3
import statistics
import sys
import tempfile
import time


def percentiles(samples):
    ordered = sorted(samples)
    def rank(p):
        return ordered[min(len(ordered) - 1, max(0, int(-(-p * len(ordered) // 1)) - 1))] * 1000
    return {"p50Milliseconds": rank(0.50), "p95Milliseconds": rank(0.95), "p99Milliseconds": rank(0.99)}


def timed_queries(run, queries, requests):
    """Runs `requests` queries round-robin (one warm-up pass first); latency percentiles."""
    usable = []
    for q in queries:
        try:
            run(q)
            usable.append(q)
        except Exception as error:  # a peer that cannot parse a query skips it, and says so
            print(f"peer skipped query {q!r}: {error}", file=sys.stderr)
    samples = []
    started = time.perf_counter()
    for n in range(requests):
        q = usable[n % len(usable)]
        t = time.perf_counter()
        run(q)
        samples.append(time.perf_counter() - t)
    elapsed = time.perf_counter() - started
    return {**percentiles(samples), "requests": requests, "queries": len(usable), "requestsPerSecond": requests / elapsed}


def load_corpus(folder):
    docs = []
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            text = f.read()
        title = text.split("\n", 1)[0].lstrip("# ").strip()
        docs.append((name, title, text))
    return docs


def fts5_quote_names(query):
    """Siftwire runs a bare hyphenated name as its phrase; do the same so FTS5 can parse it."""
    out = []
    for word in query.split(" "):
        bare = word.strip("()")
        if "-" in bare[1:-1] and bare.replace("-", "").replace("'", "").isalnum():
            word = word.replace(bare, '"' + bare + '"')
        out.append(word)
    return " ".join(out)


SEARCH_SQL = """SELECT d.id, d.title, snippet(document_fts, 1, '[', ']', '…', 12), bm25(document_fts) AS rank
                FROM document_fts JOIN document d ON d.seq = document_fts.rowid
                WHERE document_fts MATCH ? ORDER BY rank LIMIT 10"""
COUNT_SQL = "SELECT COUNT(*) FROM document_fts WHERE document_fts MATCH ?"


def search_in(connection):
    def run(q):
        connection.execute(COUNT_SQL, (q,)).fetchone()
        connection.execute(SEARCH_SQL, (q,)).fetchall()
    return run


def fts5_on_index_file(report, requests):
    """Plain FTS5 on the index file Siftwire built, with the queries as typed and as Siftwire expanded them."""
    own = sqlite3.connect(f"file:{report['indexStorePath']}?mode=ro", uri=True)
    result = {"searchSiftwireIndexFile": timed_queries(search_in(own), [fts5_quote_names(q) for q in report["searchQueries"]], requests)}
    if report.get("expandedQueries"):
        result["searchSiftwireIndexFileExpanded"] = timed_queries(search_in(own), report["expandedQueries"], requests)
    own.close()
    return result


def fts5(docs, report, requests):
    queries = report["searchQueries"]
    result = {}
    with tempfile.TemporaryDirectory() as tmp:
        db = sqlite3.connect(os.path.join(tmp, "fts5.sqlite"))
        db.executescript("""
            PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
            CREATE TABLE document (seq INTEGER PRIMARY KEY, id TEXT UNIQUE, title TEXT, text TEXT);
            CREATE VIRTUAL TABLE document_fts USING fts5(title, text, content='document', content_rowid='seq',
                                                         tokenize='unicode61 remove_diacritics 2');""")
        started = time.perf_counter()
        with db:
            for seq, (name, title, text) in enumerate(docs, 1):
                db.execute("INSERT INTO document VALUES (?, ?, ?, ?)", (seq, name, title, text))
                db.execute("INSERT INTO document_fts (rowid, title, text) VALUES (?, ?, ?)", (seq, title, text))
        seconds = time.perf_counter() - started
        result["indexDocumentsPerSecond"] = len(docs) / seconds
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        result["indexBytes"] = sum(os.path.getsize(os.path.join(tmp, f)) for f in os.listdir(tmp))
        fts_queries = [fts5_quote_names(q) for q in queries]

        result["searchFreshTable"] = timed_queries(search_in(db), fts_queries, requests)
        db.close()
    result.update(fts5_on_index_file(report, requests))
    return result


def tantivy_peer(docs, queries, requests):
    import tantivy
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True)
    builder.add_text_field("title", stored=True)
    builder.add_text_field("text", stored=True)
    schema = builder.build()
    with tempfile.TemporaryDirectory() as tmp:
        index = tantivy.Index(schema, path=tmp)
        writer = index.writer()
        started = time.perf_counter()
        for name, title, text in docs:
            writer.add_document(tantivy.Document(id=name, title=title, text=text))
        writer.commit()
        writer.wait_merging_threads()
        seconds = time.perf_counter() - started
        index.reload()
        searcher = index.searcher()
        size = sum(os.path.getsize(os.path.join(tmp, f)) for f in os.listdir(tmp))

        def run(q):
            query = index.parse_query(q.replace(" NOT ", " -"), ["title", "text"])
            hits = searcher.search(query, 10)
            snippets = tantivy.SnippetGenerator.create(searcher, query, schema, "text")
            for _, address in hits.hits:
                snippets.snippet_from_doc(searcher.doc(address)).to_html()
        return {"indexDocumentsPerSecond": len(docs) / seconds, "indexBytes": size,
                "search": timed_queries(run, queries, requests)}


def dictionary_automaton(dictionary_path):
    """An Aho-Corasick automaton over the lower-cased canonical names and aliases of actors.tsv, and their count."""
    import ahocorasick
    automaton = ahocorasick.Automaton()
    names = 0
    with open(dictionary_path, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.rstrip("\n").split("\t")
            if len(fields) < 3:
                continue
            for name in [fields[2]] + (fields[3].split("|") if len(fields) > 3 else []):
                if name.strip():
                    automaton.add_word(name.strip().lower(), (fields[0], len(name.strip())))
                    names += 1
    automaton.make_automaton()
    return automaton, names


def dictionary_matcher(docs, dictionary_path, repetitions=3):
    automaton, names = dictionary_automaton(dictionary_path)
    texts = [text.lower() for _, _, text in docs]
    size = sum(len(t.encode("utf-8")) for t in texts)
    rates = []
    found = 0
    for _ in range(repetitions):
        found = 0
        started = time.perf_counter()
        for text in texts:
            for end, (_, length) in automaton.iter(text):
                start = end - length + 1
                # whole words only
                if (start == 0 or not text[start - 1].isalnum()) and (end + 1 == len(text) or not text[end + 1].isalnum()):
                    found += 1
        rates.append(size / 1e6 / (time.perf_counter() - started))
    return {"names": names, "megabytesPerSecond": statistics.median(rates), "minMegabytesPerSecond": min(rates),
            "maxMegabytesPerSecond": max(rates), "mentionsFound": found, "documentsPerSecond": statistics.median(rates) * 1e6 / (size / len(texts))}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--queries", required=True, help="JSON written by `siftwire bench query --json`")
    parser.add_argument("--dictionary", required=True)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--large-queries", help="`siftwire bench query --json` of a larger index: plain FTS5 on its file too")
    args = parser.parse_args()
    with open(args.queries) as f:
        report = json.load(f)
    docs = load_corpus(args.corpus)
    out = {"documents": len(docs), "megabytes": sum(len(t.encode()) for _, _, t in docs) / 1e6}
    out["fts5"] = fts5(docs, report, args.requests)
    if args.large_queries:
        with open(args.large_queries) as f:
            large = json.load(f)
        out["fts5Large"] = {"documents": large["documents"], **fts5_on_index_file(large, args.requests)}
    out["tantivy"] = tantivy_peer(docs, report["searchQueries"], args.requests)
    out["dictionaryMatcher"] = dictionary_matcher(docs, args.dictionary)
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
