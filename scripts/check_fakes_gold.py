#!/usr/bin/env python3
"""Check the FA-KES claim gold (realdev/fakes/claims.jsonl) against the articles it annotates.

    python3 scripts/check_fakes_gold.py                 # full check + summary
    python3 scripts/check_fakes_gold.py --csv PATH      # another copy of FA-KES-Dataset.csv
    python3 scripts/check_fakes_gold.py --select        # print the selection and split the rule gives

The articles are not in this repository: they are read from ../shared/data/news/fa-kes/FA-KES-Dataset.csv
(or --csv / $FAKES_CSV). Offsets are Unicode code-point offsets into `article_content` (Python str indices).

Errors (exit status 1): a changed article (text_sha256), evidence != text[start:end], an evidence whose first
occurrence under the scorer's matching (whitespace-flexible, apostrophe-insensitive, word boundaries) is not at
`start`, a mention string that never occurs as a word, a string under two entities, an undeclared id, a bad
field value, one id with two types, a split that differs from the rule, an article the selection rule does not pick.
Warnings: mention strings that never count because a longer match swallows every occurrence, claim dates after
the publication date.
"""
import argparse
import collections
import csv
import hashlib
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_CSV = os.path.join(ROOT, "..", "shared", "data", "news", "fa-kes", "FA-KES-Dataset.csv")
GOLD = os.path.join(ROOT, "realdev", "fakes", "claims.jsonl")

# The selection rule (decided before any system output was looked at; see realdev/fakes/README.md).
QUOTA = {"sana": 5, "reuters": 5, "alaraby": 5, "ahram": 5, "manar": 5, "dailysabah": 5, "etilaf": 5,
         "alalam": 4, "sputnik": 4, "trt": 4, "jordantimes": 3, "arabiya": 3, "nna": 3,
         "asharqalawsat": 2, "tass": 2}
EXTRA = {"arrest": r"\b(arrest|arrested|arrests|detained)\b", "deny": r"\b(deny|denied|denies|rejected)\b"}
EXTRA_N = 4
EVENTS = {"kill", "attack", "arrest", "accuse", "deny"}
POLARITIES = {"asserted", "denied", "negated"}
QUALIFIERS = {"at_least", "more_than", "about", "up_to"}
TYPES = {"PERSON", "ORG", "LOCATION", "NORP"}
SPLITS = {"tune", "heldout"}
APOS = "'’‘ʼ`´"
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def h(s):
    return hashlib.sha256(s.encode("utf-8")).hexdigest()


def load_rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def select(rows):
    """The deterministic selection and split: returns {unit_id: split}."""
    idc = collections.Counter(r["unit_id"] for r in rows)
    tc = collections.Counter(r["article_content"] for r in rows)
    rows = [r for r in rows if idc[r["unit_id"]] == 1 and tc[r["article_content"]] == 1]
    chosen = []
    for src, n in QUOTA.items():
        cands = [r for r in rows if r["source"] == src
                 and re.search(r"\bkill", r["article_content"])
                 and re.search(r"\b(said|according to|reported|claimed)\b", r["article_content"])]
        for cap in (350, 450, 10 ** 6):
            c = [r for r in cands if len(r["article_content"].split()) <= cap]
            if len(c) >= n:
                break
        c.sort(key=lambda r: h("fakes-select:" + r["unit_id"]))
        chosen += [(src, r) for r in c[:n]]
    # Two extra strata for the rarer event types: arrests and denials (any outlet, not yet chosen, <= 350 words).
    taken = {r["unit_id"] for _, r in chosen}
    for stratum, rx in EXTRA.items():
        c = [r for r in rows if r["unit_id"] not in taken and len(r["article_content"].split()) <= 350
             and re.search(rx, r["article_content"])]
        c.sort(key=lambda r: h("fakes-select:" + r["unit_id"]))
        chosen += [(stratum, r) for r in c[:EXTRA_N]]
        taken |= {r["unit_id"] for r in c[:EXTRA_N]}
    split = {}
    for stratum in list(QUOTA) + list(EXTRA):
        part = sorted([r for s, r in chosen if s == stratum], key=lambda r: h("fakes-split:" + r["unit_id"]))
        for i, r in enumerate(part):
            split[r["unit_id"]] = "heldout" if i % 3 == 1 else "tune"
    return split


def pattern(s):
    """The scorer's matching of a gold string: whitespace-flexible, apostrophes interchangeable, word boundaries."""
    out = []
    for ch in s:
        if ch.isspace():
            if not out or out[-1] != r"\s+":
                out.append(r"\s+")
        elif ch in APOS:
            out.append("[" + re.escape(APOS) + "]")
        else:
            out.append(re.escape(ch))
    return re.compile(r"(?<![^\W_])" + "".join(out) + r"(?![^\W_])")


def leftmost_longest(strings, text):
    """Spans (start, end, index) of the non-overlapping leftmost-longest matches of all strings."""
    cands = []
    for i, s in enumerate(strings):
        for m in pattern(s).finditer(text):
            cands.append((m.start(), -(m.end() - m.start()), i, m.end()))
    cands.sort()
    out, pos = [], 0
    for st, negl, i, en in cands:
        if st >= pos:
            out.append((st, en, i))
            pos = en
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--csv", default=os.environ.get("FAKES_CSV", DEFAULT_CSV))
    ap.add_argument("--gold", default=GOLD)
    ap.add_argument("--select", action="store_true")
    args = ap.parse_args()
    rows = load_rows(args.csv)
    rule = select(rows)
    if args.select:
        for uid, sp in sorted(rule.items(), key=lambda kv: (kv[1], kv[0])):
            src = next(r["source"] for r in rows if r["unit_id"] == uid)
            print(uid, src, sp)
        return 0
    by_id = collections.defaultdict(list)
    for r in rows:
        by_id[r["unit_id"]].append(r)
    errors, warnings = [], []
    id_types = collections.defaultdict(set)
    seen = set()
    stats = collections.Counter()
    per_outlet = collections.Counter()
    per_event = collections.Counter()
    speakers = collections.Counter()
    with open(args.gold, encoding="utf-8") as f:
        lines = [l for l in f if l.strip()]
    for n, raw in enumerate(lines, 1):
        d = json.loads(raw)
        uid = d.get("unit_id")
        where = f"line {n} ({uid})"
        for k in ("unit_id", "source", "date", "published", "split", "text_sha256", "entities", "claims"):
            if k not in d:
                errors.append(f"{where}: missing field {k}")
        if uid in seen:
            errors.append(f"{where}: duplicate unit_id")
        seen.add(uid)
        if len(by_id.get(uid, [])) != 1:
            errors.append(f"{where}: unit_id occurs {len(by_id.get(uid, []))} times in the CSV")
            continue
        row = by_id[uid][0]
        text = row["article_content"]
        if h(text) != d["text_sha256"]:
            errors.append(f"{where}: text_sha256 differs: the article changed")
            continue
        if row["source"] != d["source"]:
            errors.append(f"{where}: source {d['source']} != CSV {row['source']}")
        m_, d_, y_ = row["date"].split("/")
        if d["date"] != "%04d-%02d-%02d" % (int(y_), int(m_), int(d_)):
            errors.append(f"{where}: date {d['date']} != CSV {row['date']}")
        if not DATE_RE.match(d.get("published") or ""):
            errors.append(f"{where}: bad published {d.get('published')}")
        if d["split"] not in SPLITS:
            errors.append(f"{where}: bad split {d['split']}")
        if rule.get(uid) != d["split"]:
            errors.append(f"{where}: split {d['split']} but the rule gives {rule.get(uid)}")
        per_outlet[(d["source"], d["split"])] += 1
        # entities
        ids = set()
        owner = {}
        strings, string_owner = [], []
        for e in d["entities"]:
            if e["id"] in ids:
                errors.append(f"{where}: entity {e['id']} declared twice")
            ids.add(e["id"])
            if e["type"] not in TYPES:
                errors.append(f"{where}: entity {e['id']} has bad type {e['type']}")
            id_types[e["id"]].add(e["type"])
            for s in e["mentions"]:
                if s in owner:
                    errors.append(f"{where}: mention {s!r} under {owner[s]} and {e['id']}")
                owner[s] = e["id"]
                if not pattern(s).search(text):
                    errors.append(f"{where}: mention {s!r} of {e['id']} does not occur as a word")
                strings.append(s)
                string_owner.append(e["id"])
        counted = {strings[i] for _, _, i in leftmost_longest(strings, text)}
        for s in strings:
            if s not in counted and pattern(s).search(text):
                warnings.append(f"{where}: mention {s!r} never counts (always inside a longer match)")
        # claims
        for c in d["claims"]:
            cw = f"{where} claim {c.get('evidence')!r}"
            ev, st, en = c.get("evidence"), c.get("start"), c.get("end")
            if not isinstance(st, int) or not isinstance(en, int) or text[st:en] != ev:
                errors.append(f"{cw}: text[{st}:{en}] = {text[st:en] if isinstance(st, int) and isinstance(en, int) else None!r}")
                continue
            m = pattern(ev).search(text)
            if not m:
                errors.append(f"{cw}: evidence not at word boundaries")
            elif m.start() != st:
                errors.append(f"{cw}: the scorer finds the evidence first at {m.start()}, not at {st}")
            if c.get("event") not in EVENTS:
                errors.append(f"{cw}: bad event {c.get('event')}")
            if c.get("polarity") not in POLARITIES:
                errors.append(f"{cw}: bad polarity {c.get('polarity')}")
            sp = c.get("speaker")
            if sp is not None and sp != "unnamed" and sp not in ids:
                errors.append(f"{cw}: speaker {sp} not declared")
            for slot in ("actor", "target"):
                v = c.get(slot)
                if v is not None and v not in ids:
                    errors.append(f"{cw}: {slot} {v} not declared")
            for slot, one in (("actors", "actor"), ("targets", "target")):
                vs = c.get(slot)
                if vs is not None:
                    if not isinstance(vs, list) or len(vs) < 2:
                        errors.append(f"{cw}: {slot} must list two or more ids")
                    else:
                        for v in vs:
                            if v not in ids:
                                errors.append(f"{cw}: {slot} member {v} not declared")
                        if c.get(one) not in vs:
                            errors.append(f"{cw}: {one} {c.get(one)} not among {slot}")
            for k in ("quantity", "wounded"):
                v = c.get(k)
                if v is not None and (not isinstance(v, int) or v < 0):
                    errors.append(f"{cw}: bad {k} {v}")
            if c.get("quantity_qualifier") is not None:
                if c["quantity_qualifier"] not in QUALIFIERS:
                    errors.append(f"{cw}: bad quantity_qualifier {c['quantity_qualifier']}")
                if c.get("quantity") is None:
                    errors.append(f"{cw}: quantity_qualifier without quantity")
            dt = c.get("date")
            if dt is not None:
                if not DATE_RE.match(dt):
                    errors.append(f"{cw}: bad date {dt}")
                elif dt > d.get("published", "9999"):
                    warnings.append(f"{cw}: date {dt} after publication {d.get('published')}")
            stats["claims"] += 1
            stats["claims_" + d["split"]] += 1
            per_event[(c.get("event"), d["split"])] += 1
            speakers["narrator (null)" if sp is None else "unnamed" if sp == "unnamed" else "entity"] += 1
            for k in ("actor", "target", "quantity", "date"):
                if c.get(k) is not None:
                    stats["with_" + k] += 1
            if c.get("polarity") != "asserted":
                stats["not_asserted"] += 1
    for i, ts in id_types.items():
        if len(ts) > 1:
            errors.append(f"id {i} has types {sorted(ts)}")
    missing = set(rule) - seen
    extra = seen - set(rule)
    if missing:
        errors.append(f"selected by the rule but not annotated: {sorted(missing)}")
    if extra:
        errors.append(f"annotated but not selected by the rule: {sorted(extra)}")

    print(f"{len(lines)} articles, {stats['claims']} claims (tune {stats['claims_tune']}, heldout {stats['claims_heldout']})")
    print("articles per outlet (tune/heldout):")
    for src in QUOTA:
        print(f"  {src:14s} {per_outlet[(src, 'tune')]:2d} / {per_outlet[(src, 'heldout')]:2d}")
    print("claims per event (tune/heldout):")
    for e in sorted(EVENTS):
        print(f"  {e:8s} {per_event[(e, 'tune')]:3d} / {per_event[(e, 'heldout')]:3d}")
    print("speakers: " + ", ".join(f"{k} {v}" for k, v in sorted(speakers.items())))
    print("claims with actor {with_actor}, target {with_target}, quantity {with_quantity}, date {with_date}, "
          "denied/negated {not_asserted}".format(**{k: stats[k] for k in
                                                   ("with_actor", "with_target", "with_quantity", "with_date", "not_asserted")}))
    print(f"distinct entity ids {len(id_types)}")
    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("ERROR:", e)
    print(f"{len(errors)} errors, {len(warnings)} warnings")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
