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

import json
import os
import uuid
from typing import Any, Dict, List, Optional

import zmq

VERSION = b"siftwire/1"
DEFAULT_QUERY_ENDPOINT = "tcp://127.0.0.1:5553"

__all__ = ["SiftwireClient", "SiftwireError", "SiftwireTimeout", "follow_alerts", "VERSION", "DEFAULT_QUERY_ENDPOINT"]


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
