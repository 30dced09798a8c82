#!/usr/bin/env python3
"""Scores `siftwire query contradictions --limit 50 --json` over the FA-KES articles against our labels.

    siftwire ingest ../shared/data/news/fa-kes/FA-KES-Dataset.csv \
        --map article_content=text,article_title=title,source=source,date=published
    siftwire query contradictions --limit 50 --json > contra.json
    python3 scripts/check_fakes_contradictions.py contra.json [realdev/fakes/contradiction-labels.jsonl]

A returned group matches a label when its event type, place and set of documents are the same (document ids are
content hashes, so they are stable across runs). Prints how many returned groups are labelled, how many of those
are real disagreements about one event, and the groups no label covers (to be judged and added).
"""
import json
import sys


def key(event_type, location, document_ids):
    return (event_type, location or None, tuple(sorted(document_ids)))


def main():
    reply = json.load(open(sys.argv[1]))
    labels_path = sys.argv[2] if len(sys.argv) > 2 else "realdev/fakes/contradiction-labels.jsonl"
    labels = {}
    for line in open(labels_path):
        if line.strip():
            x = json.loads(line)
            labels[key(x["eventType"], x.get("location"), x["documentIDs"])] = x
    groups = reply.get("groups", [])
    labelled, real, unlabelled = 0, 0, []
    for n, g in enumerate(groups, 1):
        docs = {d for v in g["versions"] for d in v["documentIDs"]}
        k = key(g["eventType"], (g.get("location") or {}).get("name"), docs)
        x = labels.get(k)
        if x is None:
            unlabelled.append(n)
            continue
        labelled += 1
        real += x["label"] == "real"
    print(f"groups returned {len(groups)}, labelled {labelled}, real {real}"
          + (f" ({real / labelled:.0%} of labelled)" if labelled else "")
          + (f", unlabelled: {unlabelled}" if unlabelled else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
