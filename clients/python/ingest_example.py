"""Ingests a JSON Lines file and a CSV export with metadata, then finds them by outlet and date.

    python3 ingest_example.py [QUERY_ENDPOINT] [INGEST_ENDPOINT]

Prints one line per check; exits 1 on the first failure.
"""

import os
import sys
import tempfile
import time

from siftwire_client import SiftwireClient, SiftwireError, ingest_file, new_document

query_endpoint = sys.argv[1] if len(sys.argv) > 1 else "tcp://127.0.0.1:5553"
ingest_endpoint = sys.argv[2] if len(sys.argv) > 2 else "tcp://127.0.0.1:5550"


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        sys.exit(1)


folder = tempfile.mkdtemp(prefix="siftwire-py-")
jsonl = os.path.join(folder, "wire.jsonl")
with open(jsonl, "w", encoding="utf-8") as handle:
    handle.write('{"id": "py-1", "headline": "Quarnetto council reopens the grain market", '
                 '"body": "The council of Quarnetto reopened the grain market on Monday after a week of closures.", '
                 '"outlet": "Py Wire", "date": "2016-03-14", "lang": "en", "tags": ["markets", "grain"], '
                 '"link": "https://example.org/py-1"}\n')
    handle.write('{"headline": "no text here"}\n')          # missing_text, line 2
    handle.write('not json\n')                               # invalid_json, line 3
    handle.write('{"body": "Quarnetto traders said prices fell after the market reopened.", '
                 '"outlet": "Py Wire", "date": "7/5/2016"}\n')
csv_path = os.path.join(folder, "export.csv")
with open(csv_path, "w", encoding="utf-8", newline="") as handle:
    handle.write("article_title,article_content,outlet_name,when\n")
    handle.write('Quarnetto mayor visits the port,"The mayor of Quarnetto visited the port on Friday, officials said.",Py Daily,15 March 2016\n')
    handle.write('Bad date,"Quarnetto text with an impossible date.",Py Daily,31/31/2016\n')  # invalid_date, row 2

with SiftwireClient(ingest_endpoint) as ingest:
    one = ingest.submit([new_document("Quarnetto single document about the harbour.", source="Py Single",
                                      published="2016-03-20T09:30:00Z", author="A. Writer")])
    check(one["results"][0]["outcome"] == "accepted", "submit with metadata is accepted")
    wire = ingest_file(ingest, jsonl)
    check(wire["accepted"] == 2 and wire["records"] == 2, f"JSON Lines: 2 accepted ({wire['accepted']})")
    check([w.split(" line ")[1] for w, _ in wire["unreadable"]] == ["2", "3"], f"JSON Lines: lines 2 and 3 unreadable {wire['unreadable']}")
    check("py-1" in wire["ids"], "the caller-given id is kept")
    export = ingest_file(ingest, csv_path, mapping="article_title=title,article_content=text,outlet_name=source,when=published")
    check(export["accepted"] == 1 and len(export["unreadable"]) == 1 and "row 2" in export["unreadable"][0][0],
          f"CSV: 1 accepted, row 2 unreadable ({export})")
    again = ingest_file(ingest, jsonl)
    check(again["duplicates"] == 2 and again["accepted"] == 0, "the same file again: duplicates")

with SiftwireClient(query_endpoint) as query:
    deadline = time.time() + 60
    hits = []
    while time.time() < deadline:
        hits = query.search("Quarnetto", limit=10)["hits"]
        if len(hits) >= 4:
            break
        time.sleep(0.3)
    check(len(hits) == 4, f"4 documents searchable ({len(hits)})")
    wire_hits = query.search("Quarnetto", source="py wire")["hits"]
    check(len(wire_hits) == 2, "source filter, any case")
    march = query.search("Quarnetto", source="Py Wire", date_from="2016-03-01", date_to="2016-03-31")["hits"]
    check([h["id"] for h in march] == ["py-1"], "date filter on the publication date")
    meta = march[0]["metadata"]
    check(meta.get("url") == "https://example.org/py-1" and meta.get("language") == "en" and meta.get("tags") == ["markets", "grain"],
          f"hit metadata {meta}")
    sources = {s["source"]: s for s in query.sources()["sources"]}
    check(sources["Py Wire"]["documents"] == 2 and sources["Py Wire"]["first"] == "2016-03-14" and sources["Py Wire"]["last"] == "2016-07-05",
          f"query.sources {sources.get('Py Wire')}")
    check(sources["Py Daily"]["first"] == "2016-03-15", "CSV date normalised")
    try:
        query.call("query.sources", {"limit": 0})
        check(False, "limit 0 refused")
    except SiftwireError as error:
        check(error.code == "invalid_argument", "limit 0 is invalid_argument")
print("done")
