#!/usr/bin/env python3
"""Consistency checker for Siftwire's annotated evaluation sets (devset/, devset2/, holdout/).

Usage:  python3 scripts/check_gold.py SET-DIR [-v] [--show] [DOC-PREFIX ...]

  SET-DIR the folder holding gold.jsonl, docs/ and reviewed_nonentities.json
  -v      also list the reviewed non-entity words of every document
  --show  print every document with its resolved gold mentions inline

For every line of gold.jsonl it loads the referenced document and applies the
official mention-matching rule (see README.md):

  * every occurrence of a gold mention string in the raw text counts, provided
    the characters on both sides are not letters/digits;
  * whitespace inside a gold string matches any run of whitespace in the text;
  * apostrophe variants (' ’ ‘ ʼ ` ´) are interchangeable;
  * overlapping matches are resolved leftmost-longest, non-overlapping, across
    all strings of the document.

It then reports
  (a) gold strings that never match (typos) or that only ever occur inside a
      longer match (shadowed), duplicate strings, and gold matches that fall on
      boilerplate lines;
  (b) capitalised words (outside boilerplate lines) that no gold mention covers.
      Sentence-initial generic English words, months, weekdays and honorifics
      are skipped; words reviewed by hand and judged to be non-entities are
      listed per document in reviewed_nonentities.json and reported only as a
      count;
  (c) date problems: gold date texts that do not occur, malformed values, the
      publication date missing from line 2, date texts shadowed by longer
      date texts (the scorer resolves dates leftmost-longest too), nested date
      texts with conflicting values, and date-looking expressions in the text
      that no gold date covers;
plus id/type consistency across documents and word counts (150-350).

Exit status is 1 when any (a)/(c)/consistency error or unreviewed (b) word is
found, 0 otherwise.
"""
import json
import os
import re
import sys
from collections import Counter, defaultdict

TYPES = {"PERSON", "ORG", "LOCATION", "NORP"}
APOS = "'\u2019\u2018\u02bc`\u00b4"
ALNUM = r"[^\W_]"  # a Unicode letter or digit

# Lines that are page furniture rather than article text.  Nothing on them is
# annotated, so no entity name should appear on them.
BOILERPLATE_RE = re.compile(
    r"^\s*(share this|leave a (reply|comment)|subscribe|tags?\s*:|filed under|"
    r"posted in|related( stories| reading)?\s*:|read more|follow us|print this|"
    r"\u00a9|\(c\)|copyright|all rights reserved|comments? \(|\d+ comments?|"
    r"click here|sign up|advertisement|--- ?end|this article was|"
    r"editor['’]?s note|correction:|report an error|like this|share:)",
    re.I)

MONTHS = ("January February March April May June July August September October "
          "November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec").split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
# Honorifics / roles, never part of a mention.
TITLES = set("""President Sheikh Shaykh Dr Dr. Gen General Colonel Col Major Lt
Lieutenant Commander Minister Prime Mr Mrs Ms Imam Emir Amir Mullah Brig Brigadier
Sgt Capt Captain Spokesman Spokeswoman Ambassador Secretary Senator Governor
Mayor Patriarch Bishop Father Professor Prof Haji Hajji Mufti Deputy Foreign
Defence Defense Interior Vice Chief Envoy""".split())
# Generic English words that can start a sentence (or a title) without being an
# entity.  Only used for sentence-initial / title positions.
COMMON = set("""a an the this that these those there then thus their they them
he she it its his her we our us you your i me my one two three four five six
seven eight nine ten some many most more much several few all both each every
no not none nor but and or so yet for if when while whereas although though
as at by in on of to from into onto with within without after before during
since until till over under between among against about around across along
near inside outside beyond through throughout despite instead meanwhile
however moreover furthermore still also even only just already again later
earlier today yesterday tomorrow now once here where what which who whom whose
why how asked according speaking local residents officials witnesses sources
analysts critics supporters observers activists fighters militants rebels
troops forces civilians families children women men people others another other
such unlike like neither either whether because given following amid asked
separately elsewhere overall finally first second third last next new old
recent recently initially eventually subsequently nonetheless nevertheless
indeed instead perhaps yes it's there's that's what's
by staff published updated date posted little security members nobody pledges
arrests analyst analysts expect analysis flanked hours removing diplomats
reading weekly bulletin losing yellow aid policy tension blast government
rescuers rescue summary background key events related assessment northwest
whoever demonstrators organisers organizers insurgents insurgent thousands
hundreds dozens statement compiled coastal issue voices commentary casualty
rights late eleven coordination almost blankets convoys eastern statements
context returning rubble landmines research leadership competition tens""".split())

FUNCTION_WORDS = set("a an the on in at of by for to and or but".split())

DATE_CANDIDATE_RE = re.compile(
    r"\b(?:(?:%s)\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s+\d{4})?|"
    r"\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:%s)\.?(?:,?\s+\d{4})?|"
    r"\d{4}-\d{2}(?:-\d{2})?|\d{1,2}[./]\d{1,2}[./]\d{2,4}|"
    r"(?:19|20)\d{2}s?|%s|(?i:yesterday|today|tonight|tomorrow)|"
    r"(?i:(?:last|this|next|past)\s+(?:week|month|year|weekend|spring|summer|autumn|fall|winter))|"
    r"(?i:(?:this|tonight's)\s+(?:morning|afternoon|evening))|"
    r"(?i:the\s+(?:same|next|following|previous)\s+(?:day|week|month|year))|"
    r"(?i:(?:\w+\s+)?(?:days?|weeks?|months?|years?)\s+ago))\b" % (
        "|".join(MONTHS), "|".join(MONTHS), "|".join(WEEKDAYS)))
DATE_VALUE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def mention_pattern(s):
    """Regex for one gold string under the matching rule."""
    out = []
    for tok in s.split():
        out.append("".join("[%s]" % re.escape(APOS) if c in APOS else re.escape(c)
                           for c in tok))
    return r"(?<!%s)%s(?!%s)" % (ALNUM, r"\s+".join(out), ALNUM)


def norm_apos(s):
    return re.sub("[%s]" % re.escape(APOS), "'", s)


def find_all(pattern, text):
    """All (possibly overlapping) occurrences as (start, end)."""
    return [(m.start(1), m.end(1)) for m in re.finditer("(?=(%s))" % pattern, text)]


def resolve(text, entities):
    """Leftmost-longest, non-overlapping resolution of all gold strings."""
    cands = []
    for ent in entities:
        for s in ent["mentions"]:
            for a, b in find_all(mention_pattern(s), text):
                cands.append((a, b, s, ent["id"], ent["type"]))
    cands.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    chosen, last_end = [], -1
    for c in cands:
        if c[0] >= last_end:
            chosen.append(c)
            last_end = c[1]
    return cands, chosen


def line_spans(text):
    pos = 0
    for line in text.split("\n"):
        yield pos, pos + len(line), line
        pos += len(line) + 1


def boilerplate_ranges(text):
    return [(a, b) for a, b, line in line_spans(text) if BOILERPLATE_RE.match(line)]


def in_ranges(pos, ranges):
    return any(a <= pos < b for a, b in ranges)


WORD_RE = re.compile(r"(?<![\w'\u2019-])[^\W\d_](?:\w|['\u2019\-.](?=[^\W_]))*")


def sentence_initial(text, start):
    """True if the word starting at `start` begins a sentence or paragraph.
    A word at the start of a physical line continues the previous sentence
    (hard-wrapped text) unless the previous line is blank or ends a sentence."""
    i = start - 1
    while i >= 0 and text[i] in " \t\"'\u201c\u2018([\u2014\u2013-*\u2022":
        i -= 1
    if i < 0:
        return True
    if text[i] != "\n":
        return text[i] in ".!?:;\u2026|\u00b7"
    # previous line(s)
    k = i
    while k >= 0 and text[k] in "\n \t":
        if text[k] == "\n" and k > 0 and text[k - 1] == "\n":
            return True  # blank line -> paragraph start
        k -= 1
    if k < 0:
        return True
    return text[k] in ".!?:;\u2026|\u00b7\"\u201d"


def word_count(s):
    return len(re.findall(r"[^\s\u2014\u2013\u00b7|]+", s))


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    if not args or not os.path.isdir(args[0]):
        print("usage: python3 scripts/check_gold.py SET-DIR [-v] [--show] [DOC-PREFIX ...]", file=sys.stderr)
        return 2
    ROOT = os.path.abspath(args.pop(0))
    GOLD = os.path.join(ROOT, "gold.jsonl")
    REVIEWED = os.path.join(ROOT, "reviewed_nonentities.json")
    verbose = "-v" in sys.argv
    show = "--show" in sys.argv  # print each document with its resolved mentions
    reviewed = {}
    if os.path.exists(REVIEWED):
        with open(REVIEWED, encoding="utf-8") as f:
            reviewed = {k: set(v) for k, v in json.load(f).items() if not k.startswith("_")}

    errors = 0
    unreviewed_total = 0
    reviewed_total = 0
    id_types = defaultdict(set)
    id_docs = defaultdict(set)
    id_strings = defaultdict(set)
    string_ids = defaultdict(set)
    mention_counts = Counter()
    string_counts = Counter()
    total_words = 0
    ndocs = 0
    seen_docs = set()

    with open(GOLD, encoding="utf-8") as f:
        lines = [l for l in f.read().split("\n") if l.strip()]

    for lineno, raw in enumerate(lines, 1):
        try:
            g = json.loads(raw)
        except json.JSONDecodeError as e:
            print("gold.jsonl:%d: invalid JSON: %s" % (lineno, e))
            errors += 1
            continue
        doc = g.get("document", "")
        key = os.path.basename(doc)[:2]
        if args and not any(os.path.basename(doc).startswith(a) for a in args):
            continue
        problems = []
        if set(g) != {"document", "date", "entities", "dates"}:
            problems.append("top-level keys: %s" % sorted(g))
        if doc in seen_docs:
            problems.append("document listed twice")
        seen_docs.add(doc)
        path = os.path.join(ROOT, doc)
        if not os.path.exists(path):
            print("== %s: FILE MISSING" % doc)
            errors += 1
            continue
        with open(path, encoding="utf-8") as f:
            text = f.read()
        ndocs += 1
        boiler = boilerplate_ranges(text)
        entities = g.get("entities", [])

        # ---- structural checks
        ids_here = Counter(e.get("id") for e in entities)
        for i, n in ids_here.items():
            if n > 1:
                problems.append("id %r appears in %d entity objects" % (i, n))
        norm_seen = {}
        for e in entities:
            if set(e) != {"id", "type", "mentions"}:
                problems.append("entity keys %s" % sorted(e))
            if e.get("type") not in TYPES:
                problems.append("bad type %r for %s" % (e.get("type"), e.get("id")))
            if not e.get("mentions"):
                problems.append("no mentions for %s" % e.get("id"))
            id_types[e["id"]].add(e["type"])
            id_docs[e["id"]].add(key)
            for s in e["mentions"]:
                if s != s.strip() or "  " in s:
                    problems.append("untrimmed mention %r" % s)
                n = norm_apos(s)
                if n in norm_seen:
                    problems.append("(a) string %r listed twice (%s, %s)" % (s, norm_seen[n], e["id"]))
                norm_seen[n] = e["id"]
                id_strings[e["id"]].add(n)
                string_ids[n].add(e["id"])

        # ---- (a) mention matching
        cands, chosen = resolve(text, entities)
        raw_hits = Counter(c[2] for c in cands)
        kept_hits = Counter(c[2] for c in chosen)
        for e in entities:
            for s in e["mentions"]:
                if raw_hits[s] == 0:
                    problems.append("(a) %s %r occurs 0 times" % (e["id"], s))
                elif kept_hits[s] == 0:
                    problems.append("(a) %s %r only occurs inside longer matches" % (e["id"], s))
        for e in entities:
            for s in e["mentions"]:
                exact = r"\s+".join(map(re.escape, s.split()))
                if raw_hits[s] and not re.search(exact, text):
                    problems.append("(a) %s %r matches only with a different apostrophe" % (e["id"], s))
        for a, b, s, i, t in chosen:
            if in_ranges(a, boiler):
                problems.append("(a) %s %r matched on a boilerplate line" % (i, s))
            mention_counts[t] += 1
        string_counts.update(t for e in entities for t in [e["type"]] for _ in e["mentions"])

        # ---- (c) dates
        pub = g.get("date")
        if pub is not None and not re.match(r"^\d{4}-\d{2}-\d{2}$", pub):
            problems.append("(c) bad publication date %r" % pub)
        date_spans = []
        pub_listed = False
        for d in g.get("dates", []):
            if set(d) != {"text", "value"}:
                problems.append("(c) date keys %s" % sorted(d))
                continue
            v = d["value"]
            if v is not None and not DATE_VALUE_RE.match(v):
                problems.append("(c) bad value %r for %r" % (v, d["text"]))
            hits = find_all(mention_pattern(d["text"]), text)
            if not hits:
                problems.append("(c) date text %r occurs 0 times" % d["text"])
            date_spans += hits
            if v == pub and hits and any(text.count("\n", 0, h[0]) == 1 for h in hits):
                pub_listed = True
        # a date text nested inside another date text must not carry a
        # different value (the scorer could not tell them apart)
        dl = [(d["text"], d["value"], find_all(mention_pattern(d["text"]), text))
              for d in g.get("dates", []) if set(d) == {"text", "value"}]
        for t1, v1, h1 in dl:
            for t2, v2, h2 in dl:
                if t1 != t2 and v1 != v2 and any(
                        b2a <= a1 and b1 <= b2b for a1, b1 in h1 for b2a, b2b in h2):
                    problems.append("(c) date text %r occurs inside %r with a different value" % (t1, t2))
        # the scorer resolves date texts leftmost-longest among themselves
        dents = [{"id": "d%d" % k, "type": "DATE", "mentions": [d["text"]]}
                 for k, d in enumerate(g.get("dates", [])) if set(d) == {"text", "value"}]
        _, dchosen = resolve(text, dents)
        dkept = Counter(c[2] for c in dchosen)
        for de in dents:
            t_ = de["mentions"][0]
            if find_all(mention_pattern(t_), text) and not dkept[t_]:
                problems.append("(c) date text %r only occurs inside longer date texts" % t_)
        if pub is not None and not pub_listed:
            problems.append("(c) publication date %s not annotated on line 2" % pub)
        for m in DATE_CANDIDATE_RE.finditer(text):
            a, b = m.span()
            if in_ranges(a, boiler):
                continue
            if any(da <= a < db or da < b <= db for da, db in date_spans):
                continue
            if any(ca <= a < cb for ca, cb, *_ in chosen):
                continue  # part of an entity name (e.g. "Mar Elias")
            # a bare year inside an ISO-like token or a number is noise
            problems.append("(c) unannotated date-like text %r" % m.group())

        if show:
            out, pos = [], 0
            for a, b, s_, i, t in chosen:
                out.append(text[pos:a])
                out.append("[%s|%s %s]" % (text[a:b], t[:3], i))
                pos = b
            out.append(text[pos:])
            print("".join(out))
        # ---- (b) uncovered capitalised words
        covered = [(a, b) for a, b, *_ in chosen]
        header_end = text.find("\n", text.find("\n") + 1)  # title + byline
        flagged = []
        for m in WORD_RE.finditer(text):
            w, a = m.group(), m.start()
            if in_ranges(a, boiler):
                continue
            segs = re.split(r"['\u2019\-.]", w)
            if not any(sg[:1].isupper() for sg in segs if sg):
                continue
            if any(ca <= a < cb or ca < m.end() <= cb for ca, cb in covered):
                continue
            if any(da <= a < db for da, db in date_spans):
                continue
            bare = re.sub("['\u2019]s$", "", w.rstrip("."))
            if bare in MONTHS or bare in WEEKDAYS or bare in TITLES or w == "I":
                continue
            if bare.lower() in FUNCTION_WORDS:
                continue
            initial = a < header_end or sentence_initial(text, a)
            if initial and bare.lower() in COMMON:
                continue
            flagged.append((bare, initial))
        rev = reviewed.get(key, set())
        unrev = [(w, ini) for w, ini in flagged if w not in rev]
        reviewed_total += sum(1 for w, ini in flagged if w in rev)
        stale = rev - {w for w, _ in flagged}

        # ---- words
        body = text.split("\n", 3)[3] if text.count("\n") >= 3 else text
        body_lines = [l for a, b, l in line_spans(body) if not BOILERPLATE_RE.match(l)]
        wc_file = word_count(text)
        wc_body = word_count("\n".join(body_lines))
        total_words += wc_file
        if not 150 <= wc_file <= 350:
            problems.append("word count %d outside 150-350" % wc_file)
        lines_ = text.split("\n")
        if len(lines_) < 4 or lines_[2].strip() != "":
            problems.append("layout: line 3 must be blank")

        # ---- report
        if problems or unrev or stale or verbose:
            print("== %s  (%d words, %d gold mentions)" % (doc, wc_file, len(chosen)))
            for p in problems:
                print("   " + p)
            if unrev:
                print("   (b) uncovered capitalised words: " + ", ".join(
                    "%s%s" % (w, "*" if ini else "") for w, ini in unrev))
            if stale:
                print("   note: reviewed words no longer flagged: %s" % ", ".join(sorted(stale)))
            if verbose and rev:
                print("   reviewed non-entities: " + ", ".join(sorted(rev)))
        errors += len(problems)
        unreviewed_total += len(unrev)

    # ---- cross-document consistency
    for i, ts in sorted(id_types.items()):
        if len(ts) > 1:
            print("id %r has several types: %s" % (i, sorted(ts)))
            errors += 1
    for s, ids in sorted(string_ids.items()):
        if len(ids) > 1:
            print("note: string %r is used for ids %s (check this is intended)" % (s, sorted(ids)))

    multi = sum(1 for i in id_docs if len(id_docs[i]) >= 2)
    print()
    print("SUMMARY")
    print("  documents checked     : %d" % ndocs)
    print("  total words           : %d" % total_words)
    print("  gold mention matches  : %d  (%s)" % (sum(mention_counts.values()), ", ".join(
        "%s %d" % (t, mention_counts[t]) for t in sorted(TYPES))))
    print("  distinct gold strings : %d  (%s)" % (sum(string_counts.values()), ", ".join(
        "%s %d" % (t, string_counts[t]) for t in sorted(TYPES))))
    print("  distinct ids          : %d  (in 2+ documents: %d)" % (len(id_docs), multi))
    print("  errors                : %d" % errors)
    print("  (b) unreviewed words  : %d   (reviewed non-entities skipped: %d)" % (
        unreviewed_total, reviewed_total))
    return 1 if errors or unreviewed_total else 0


if __name__ == "__main__":
    sys.exit(main())
