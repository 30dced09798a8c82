"""A small Python client for the Siftwire query service (protocol ``siftwire/1``).

Requires pyzmq (``pip install pyzmq``). Every message is four ZeroMQ frames:
``[b"siftwire/1", kind, request id, JSON body]``; see PROTOCOL.md.

    from siftwire_client import SiftwireClient, SiftwireError
    with SiftwireClient("tcp://127.0.0.1:5553") as client:
        for hit in client.search('"Bab al-Hawa"', limit=5)["hits"]:
            print(hit["title"])
        try:
            client.entity("Nobody al-Nobody")
        except SiftwireError as error:
            print(error.code)          # "not_found"
"""

from __future__ import annotations

import csv
import email.utils
import json
import os
import re
import uuid
from typing import Any, Dict, Iterable, Iterator, List, Optional, Tuple

import zmq

VERSION = b"siftwire/1"
DEFAULT_QUERY_ENDPOINT = "tcp://127.0.0.1:5553"
DEFAULT_INGEST_ENDPOINT = "tcp://127.0.0.1:5550"

__all__ = ["SiftwireClient", "SiftwireError", "SiftwireTimeout", "follow_alerts", "VERSION", "DEFAULT_QUERY_ENDPOINT",
           "DEFAULT_INGEST_ENDPOINT", "new_document", "parse_mapping", "read_records", "normalize_published",
           "ingest_file", "RecordError"]


class SiftwireError(Exception):
    """An ``error`` reply. ``code`` is one of the stable codes of PROTOCOL.md §2
    (``invalid_argument``, ``invalid_query``, ``not_found``, ``unavailable``, …)."""

    def __init__(self, code: str, message: str, kind: str = "") -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.kind = kind


class SiftwireTimeout(SiftwireError):
    """No reply within the timeout (after the retries); ``code`` is ``unavailable``."""

    def __init__(self, kind: str, endpoint: str, seconds: float) -> None:
        super().__init__("unavailable", f"no reply to {kind} from {endpoint} within {seconds:g} seconds", kind)


def _without_none(body: Dict[str, Any]) -> Dict[str, Any]:
    # Optional fields are left out rather than sent as null.
    return {key: value for key, value in body.items() if value is not None}


class SiftwireClient:
    """A DEALER connected to one Siftwire endpoint (the query service by default).

    Requests are matched to replies by request id; late replies to earlier requests are
    dropped. On a timeout the socket is closed and remade ("lazy pirate") and the request
    is sent again, ``retries`` times; queries are reads, so retrying is safe.
    """

    def __init__(self, endpoint: Optional[str] = None, timeout: float = 10.0, retries: int = 1,
                 context: Optional[zmq.Context] = None) -> None:
        self.endpoint = endpoint or os.environ.get("SIFTWIRE_QUERY", DEFAULT_QUERY_ENDPOINT)
        self.timeout = timeout
        self.retries = retries
        self._context = context or zmq.Context.instance()
        self._socket: Optional[zmq.Socket] = None

    # -- plumbing -------------------------------------------------------------------------

    def _connect(self) -> zmq.Socket:
        if self._socket is None:
            socket = self._context.socket(zmq.DEALER)
            socket.setsockopt(zmq.LINGER, 0)
            socket.connect(self.endpoint)
            self._socket = socket
        return self._socket

    def close(self) -> None:
        if self._socket is not None:
            self._socket.close(linger=0)
            self._socket = None

    def __enter__(self) -> "SiftwireClient":
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def call(self, kind: str, body: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
        """Sends one request and returns the reply body; raises SiftwireError on ``error``."""
        payload = json.dumps(_without_none(body or {}), separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        for _attempt in range(self.retries + 1):
            request_id = uuid.uuid4().hex
            socket = self._connect()
            socket.send_multipart([VERSION, kind.encode("utf-8"), request_id.encode("utf-8"), payload])
            deadline_ms = int(self.timeout * 1000)
            while socket.poll(deadline_ms):
                frames = socket.recv_multipart()
                if len(frames) != 4:
                    continue
                _version, reply_kind, reply_id, reply_body = frames
                if reply_id.decode("utf-8", "replace") != request_id:
                    continue  # a late reply to an earlier request
                reply = json.loads(reply_body)
                if reply_kind == b"error":
                    raise SiftwireError(reply.get("code", "internal"), reply.get("message", ""), kind)
                return reply
            self.close()  # lazy pirate: a fresh socket for the retry
        raise SiftwireTimeout(kind, self.endpoint, self.timeout)

    # -- typed-ish helpers ------------------------------------------------------------------

    def health(self) -> Dict[str, Any]:
        """``health`` → ``{service, version, status, uptimeSeconds, details}``."""
        return self.call("health", {})

    def stats(self) -> Dict[str, Any]:
        """``query.stats`` → corpus counts: documents, entities, mentions, aliases, dates, …"""
        return self.call("query.stats", {})

    def search(self, text: str, limit: int = 10, offset: int = 0, *, entity: Optional[str] = None,
               entity_type: Optional[str] = None, date_from: Optional[str] = None, date_to: Optional[str] = None,
               source: Optional[str] = None, expand: Optional[bool] = None) -> Dict[str, Any]:
        """``query.search`` → ``{total, hits[{id, title, date?, source?, snippet, rank}], limitCap, expansions}``."""
        return self.call("query.search", {
            "text": text, "limit": limit, "offset": offset, "entity": entity, "entityType": entity_type,
            "dateFrom": date_from, "dateTo": date_to, "source": source, "expand": expand,
        })

    def entity(self, name: str, document_limit: int = 10, fuzzy: Optional[bool] = None) -> Dict[str, Any]:
        """``query.entity`` → profile ``{id, name, type, aliases, documentCount, mentionCount, firstSeen?,
        lastSeen?, documents, comentions, match, score?, alternatives?}``."""
        return self.call("query.entity", {"name": name, "documentLimit": document_limit, "fuzzy": fuzzy})

    def document(self, doc_id: str) -> Dict[str, Any]:
        """``query.doc`` → ``{document, mentions, dates}``."""
        return self.call("query.doc", {"id": doc_id})

    def entities(self, type: Optional[str] = None, prefix: Optional[str] = None, sort: Optional[str] = None,
                 limit: int = 20, offset: int = 0) -> Dict[str, Any]:
        """``query.entities`` → ``{total, entities[{id, name, type, documents, mentions, matchedAlias?}], limitCap}``."""
        return self.call("query.entities", {"type": type, "prefix": prefix, "sort": sort, "limit": limit, "offset": offset})

    def comentions(self, name: str, depth: int = 1, min_weight: int = 1, limit: int = 50) -> Dict[str, Any]:
        """``query.comentions`` → ``{center, nodes[…], edges[{source, target, weight}], truncated, nodeCap, …}``."""
        return self.call("query.comentions", {"name": name, "depth": depth, "minWeight": min_weight, "limit": limit})

    def timeline(self, names: List[str], bucket: str = "month", date_from: Optional[str] = None,
                 date_to: Optional[str] = None, document_limit: int = 10) -> Dict[str, Any]:
        """``query.timeline`` → ``{bucket, series[{entityID, name, type, mentions, undated, buckets[…]}], documentIDCap}``."""
        return self.call("query.timeline", {"names": list(names), "bucket": bucket, "dateFrom": date_from,
                                            "dateTo": date_to, "documentLimit": document_limit})

    def sources(self, prefix: Optional[str] = None, limit: int = 100) -> Dict[str, Any]:
        """``query.sources`` → ``{sources[{source, documents, undated, first?, last?}], total, unattributed}``."""
        return self.call("query.sources", {"prefix": prefix, "limit": limit})

    # -- ingest (connect this client to the ingest endpoint, 5550 by default) ---------------

    def submit(self, documents: List[Dict[str, Any]]) -> Dict[str, Any]:
        """``ingest.submit`` → ``{results[{id?, outcome, reason?}], limits}``. Each document is a dict
        with ``text`` and optionally ``title``, ``source``, ``date``, ``id``, ``url``, ``published``,
        ``language``, ``author``, ``tags`` (see ``new_document``). Send to an ingest endpoint."""
        return self.call("ingest.submit", {"documents": [_without_none(d) for d in documents]})

    # -- feeds (connect this client to the feeds endpoint, 5557 by default) -------------------

    def feeds_add(self, url: str, interval_seconds: Optional[int] = None) -> Dict[str, Any]:
        """``feeds.add`` → ``{feed{url, intervalSeconds, nextPollAt, consecutiveFailures, …}, created}``: polls
        the RSS/Atom feed at ``url`` every ``interval_seconds`` (default 300) and ingests new items."""
        return self.call("feeds.add", {"url": url, "intervalSeconds": interval_seconds})

    def feeds_list(self) -> Dict[str, Any]:
        """``feeds.list`` → ``{feeds[…]}``, each with its validators, next poll, failures and last error."""
        return self.call("feeds.list", {})

    def feeds_remove(self, url: str) -> Dict[str, Any]:
        """``feeds.remove`` → ``{feed}``; an unknown URL is ``not_found``."""
        return self.call("feeds.remove", {"url": url})

    # -- curation ---------------------------------------------------------------------------

    def merge(self, from_entity: str, into: str, by: Optional[str] = None, note: Optional[str] = None) -> Dict[str, Any]:
        """``query.merge``: ``from_entity`` is the same as ``into`` (ids or any name)."""
        return self.call("query.merge", {"from": from_entity, "into": into, "by": by or _user(), "note": note})

    def split(self, entity: str, alias: str, new_name: Optional[str] = None, by: Optional[str] = None,
              note: Optional[str] = None) -> Dict[str, Any]:
        """``query.split``: the surface form ``alias`` is not ``entity``; it becomes an entity of its own."""
        return self.call("query.split", {"entity": entity, "alias": alias, "newName": new_name, "by": by or _user(), "note": note})

    def distinct(self, a: str, b: str, by: Optional[str] = None, note: Optional[str] = None) -> Dict[str, Any]:
        """``query.distinct``: record that ``a`` and ``b`` are not the same (a later merge is refused)."""
        return self.call("query.distinct", {"a": a, "b": b, "by": by or _user(), "note": note})

    # -- watchlists -------------------------------------------------------------------------

    def watch_add(self, name: str, *, entity: Optional[str] = None, search: Optional[str] = None) -> Dict[str, Any]:
        """``query.watch.add``: exactly one of ``entity`` or ``search``."""
        return self.call("query.watch.add", {"name": name, "entity": entity, "search": search})

    def watch_list(self) -> Dict[str, Any]:
        """``query.watch.list`` → ``{watches: [...]}``."""
        return self.call("query.watch.list", {})

    def watch_remove(self, name: str) -> Dict[str, Any]:
        """``query.watch.remove``."""
        return self.call("query.watch.remove", {"name": name})


def _user() -> str:
    return os.environ.get("USER") or os.environ.get("LOGNAME") or "python-client"


def follow_alerts(publish_endpoint: str, timeout: Optional[float] = None):
    """Yields ``query.alert`` bodies published by the query service (its PUB socket, default
    tcp://127.0.0.1:5555) as they arrive; stops after ``timeout`` seconds of silence if given.
    PUB/SUB drops alerts while nobody listens, by design."""
    context = zmq.Context.instance()
    socket = context.socket(zmq.SUB)
    socket.setsockopt(zmq.LINGER, 0)
    socket.setsockopt(zmq.SUBSCRIBE, b"")
    socket.connect(publish_endpoint)
    try:
        while socket.poll(int(timeout * 1000) if timeout is not None else -1):
            frames = socket.recv_multipart()
            if len(frames) == 4 and frames[0] == VERSION and frames[1] == b"query.alert":
                yield json.loads(frames[3])
        return
    finally:
        socket.close()


# -- documents with metadata, and JSON Lines / CSV files ---------------------------------------

FIELDS = ("text", "title", "source", "url", "published", "language", "author", "tags", "id")

# The input-field names read for each document field when a mapping does not name it (as `siftwire ingest`).
DEFAULT_ALIASES: Dict[str, List[str]] = {
    "text": ["text", "body", "content"],
    "title": ["title", "headline"],
    "source": ["source", "outlet", "publisher", "site_name"],
    "url": ["url", "link"],
    "published": ["published", "date", "published_at", "pubdate", "datepublished"],
    "language": ["language", "lang"],
    "author": ["author", "byline"],
    "tags": ["tags", "keywords", "categories"],
    "id": ["id"],
}


class RecordError(Exception):
    """A record that could not be read: ``code`` (``invalid_json``, ``missing_text``, ``invalid_date``,
    ``field_count``, …) and ``line`` (and ``row`` for CSV), like ``siftwire ingest`` reports them."""

    def __init__(self, code: str, message: str, line: int, row: Optional[int] = None) -> None:
        where = f"row {row} (line {line})" if row is not None else f"line {line}"
        super().__init__(f"{code}: {where}: {message}")
        self.code = code
        self.message = message
        self.line = line
        self.row = row


def new_document(text: str, *, title: Optional[str] = None, source: Optional[str] = None,
                 url: Optional[str] = None, published: Optional[str] = None, language: Optional[str] = None,
                 author: Optional[str] = None, tags: Optional[List[str]] = None, id: Optional[str] = None,
                 date: Optional[str] = None) -> Dict[str, Any]:
    """A document for ``submit``; ``published`` is normalised (``normalize_published``)."""
    if published is not None:
        normalised = normalize_published(published)
        if normalised is None:
            raise ValueError(f"published {published!r} is not a date in a known form")
        published = normalised
    return _without_none({"text": text, "title": title, "source": source, "url": url, "published": published,
                          "language": language, "author": author, "tags": tags or None, "id": id, "date": date})


def parse_mapping(spec: Optional[str]) -> List[Tuple[str, str]]:
    """``"content=text,outlet=source"`` → ``[("content", "text"), ("outlet", "source")]`` (as ``--map``)."""
    pairs: List[Tuple[str, str]] = []
    if not spec or not spec.strip():
        return pairs
    for entry in spec.split(","):
        entry = entry.strip()
        if "=" not in entry:
            raise ValueError(f"{entry!r} is not source=target (e.g. content=text)")
        name, field = (part.strip() for part in entry.split("=", 1))
        if not name or not field:
            raise ValueError(f"{entry!r} needs a name on both sides of =")
        if field.lower() not in FIELDS:
            raise ValueError(f"unknown document field {field!r}; fields are: {', '.join(FIELDS)}")
        pairs.append((name.lower(), field.lower()))
    return pairs


def _inputs(field: str, mapping: List[Tuple[str, str]]) -> List[str]:
    explicit = [name for name, target in mapping if target == field]
    if explicit:
        return explicit
    claimed = {name for name, _ in mapping}
    return [name for name in DEFAULT_ALIASES[field] if name not in claimed]


_MONTHS = {name: number for number, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")], start=1) for name in names}


def _day(year: int, month: int, day: int) -> Optional[str]:
    import datetime
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def normalize_published(raw: str) -> Optional[str]:
    """A publication date as ``siftwire ingest`` normalises it: ``YYYY-MM-DD``, or
    ``YYYY-MM-DDTHH:MM:SSZ`` (UTC) for date-times. Reads ISO 8601, ``M/D/YYYY`` (US order, as
    exports use), ``5 July 2016``, ``July 5, 2016`` and RFC 822. None when unreadable."""
    import datetime
    text = raw.strip()
    if not text:
        return None
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        return _day(int(m[1]), int(m[2]), int(m[3]))
    m = re.fullmatch(r"(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?", text)
    if m:
        try:
            zone = m[3] or "Z"
            if zone != "Z" and ":" not in zone:
                zone = zone[:3] + ":" + zone[3:]
            value = datetime.datetime.fromisoformat(f"{m[1]}T{m[2]}{'+00:00' if zone == 'Z' else zone}")
        except ValueError:
            return None
        return value.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
    if m:
        return _day(int(m[3]), int(m[1]), int(m[2]))
    m = re.fullmatch(r"(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})", text)
    if m and m[2].lower() in _MONTHS:
        return _day(int(m[3]), _MONTHS[m[2].lower()], int(m[1]))
    m = re.fullmatch(r"([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})", text)
    if m and m[1].lower() in _MONTHS:
        return _day(int(m[3]), _MONTHS[m[1].lower()], int(m[2]))
    try:
        value = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.timezone.utc)
    return value.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _record(fields: Dict[str, Any], mapping: List[Tuple[str, str]], line: int, row: Optional[int]) -> Dict[str, Any]:
    lowered = {str(key).lower(): value for key, value in fields.items()}
    document: Dict[str, Any] = {}
    for field in FIELDS:
        for name in _inputs(field, mapping):
            value = lowered.get(name)
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            if field == "tags":
                tags = value if isinstance(value, list) else [t.strip() for t in str(value).split(",")]
                document["tags"] = [str(t).strip() for t in tags if str(t).strip()]
            elif isinstance(value, (dict, list)):
                raise RecordError("invalid_field", f"field {name!r} is not text", line, row)
            elif field == "published":
                normalised = normalize_published(str(value))
                if normalised is None:
                    raise RecordError("invalid_date", f"field {name!r}: {str(value)[:60]!r} is not a date in a known form", line, row)
                document["published"] = normalised
            elif field == "text":
                document["text"] = str(value)
            else:
                document[field] = str(value).strip()
            break
    if not document.get("text", "").strip():
        raise RecordError("missing_text", "the record has no text (map the text column with text=…)", line, row)
    return document


def read_records(path: str, format: Optional[str] = None, mapping: Optional[str] = None
                 ) -> Iterator[Tuple[int, Optional[int], Any]]:
    """Streams a JSON Lines or CSV file: yields ``(line, row, document)`` where ``document`` is a dict
    for ``submit`` or a ``RecordError`` for a record that could not be read (the rest are still read)."""
    pairs = parse_mapping(mapping)
    kind = (format or os.path.splitext(path)[1].lstrip(".")).lower()
    if kind in ("jsonl", "ndjson", "json-lines"):
        with open(path, encoding="utf-8", errors="replace") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    value = json.loads(line)
                except ValueError as error:
                    yield number, None, RecordError("invalid_json", str(error), number)
                    continue
                if not isinstance(value, dict):
                    yield number, None, RecordError("not_an_object", "the line is JSON but not an object", number)
                    continue
                try:
                    yield number, None, _record(value, pairs, number, None)
                except RecordError as error:
                    yield number, None, error
    elif kind == "csv":
        with open(path, encoding="utf-8", errors="replace", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            if header is None:
                yield 1, None, RecordError("missing_header", "the file has no header row", 1)
                return
            row = 0
            start = reader.line_num + 1
            for values in reader:
                row += 1
                line = start
                start = reader.line_num + 1
                if not any(v.strip() for v in values):
                    continue
                if len(values) != len(header):
                    yield line, row, RecordError("field_count", f"{len(values)} fields; the header has {len(header)}", line, row)
                    continue
                try:
                    yield line, row, _record(dict(zip(header, values)), pairs, line, row)
                except RecordError as error:
                    yield line, row, error
    else:
        raise ValueError(f"{path}: format {kind!r} is not jsonl or csv")


def ingest_file(client: "SiftwireClient", path: str, format: Optional[str] = None, mapping: Optional[str] = None,
                batch: int = 100) -> Dict[str, Any]:
    """Sends every record of a JSON Lines or CSV file to ingest (``client`` connected to the ingest
    endpoint) in batches, reading as it goes. Returns ``{records, accepted, duplicates, rejected,
    unreadable, ids}``; ``rejected`` and ``unreadable`` list ``(where, reason)`` per record."""
    summary: Dict[str, Any] = {"records": 0, "accepted": 0, "duplicates": 0, "rejected": [], "unreadable": [], "ids": []}
    pending: List[Tuple[str, Dict[str, Any]]] = []

    def flush() -> None:
        if not pending:
            return
        reply = client.submit([document for _, document in pending])
        for (where, _), result in zip(pending, reply["results"]):
            if result["outcome"] == "accepted":
                summary["accepted"] += 1
                summary["ids"].append(result["id"])
            elif result["outcome"] == "duplicate":
                summary["duplicates"] += 1
            else:
                summary["rejected"].append((where, result.get("reason", "rejected")))
        pending.clear()

    for line, row, item in read_records(path, format, mapping):
        where = f"{path} row {row} (line {line})" if row is not None else f"{path} line {line}"
        if isinstance(item, RecordError):
            summary["unreadable"].append((where, str(item)))
            continue
        summary["records"] += 1
        pending.append((where, item))
        if len(pending) >= batch:
            flush()
    flush()
    return summary
