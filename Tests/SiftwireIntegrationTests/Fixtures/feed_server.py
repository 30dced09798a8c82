#!/usr/bin/env python3
"""A small HTTP server for the feed poller's tests: serves the files of --root with ETag and
Last-Modified, answers conditional GETs with 304, 404 for missing files, and counts requests per
path at GET /_stats (JSON: {path: {"requests", "conditional", "notModified", "ifNoneMatch",
"ifModifiedSince"}}). Paths named slow* answer after 6 s. Prints its port on the first line of stdout. Standard library only."""
import argparse
import email.utils
import hashlib
import json
import os
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

stats = {}
lock = threading.Lock()


def count(path, **flags):
    with lock:
        entry = stats.setdefault(path, {"requests": 0, "conditional": 0, "notModified": 0, "ifNoneMatch": 0, "ifModifiedSince": 0})
        entry["requests"] += 1
        for name, value in flags.items():
            if value:
                entry[name] += 1


class Handler(BaseHTTPRequestHandler):
    root = "."

    def log_message(self, *args):
        pass

    def send_body(self, status, body, content_type, headers=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path == "/_stats":
            with lock:
                body = json.dumps(stats).encode()
            return self.send_body(200, body, "application/json")
        if_none_match = self.headers.get("If-None-Match")
        if_modified_since = self.headers.get("If-Modified-Since")
        if os.path.basename(path).startswith("slow"):
            # Longer than any poller timeout in the tests: the poll times out.
            count(path)
            time.sleep(6)
            return self.send_body(200, b"<rss/>", "application/xml")
        file = os.path.join(self.root, os.path.basename(path))
        if not os.path.isfile(file):
            count(path)
            return self.send_body(404, b"not found", "text/plain")
        with open(file, "rb") as handle:
            body = handle.read()
        etag = '"%s"' % hashlib.sha256(body).hexdigest()[:16]
        mtime = int(os.stat(file).st_mtime)
        last_modified = email.utils.formatdate(mtime, usegmt=True)
        # RFC 9110: If-None-Match decides when present; If-Modified-Since only without it.
        if if_none_match is not None:
            not_modified = etag in [tag.strip() for tag in if_none_match.split(",")]
        elif if_modified_since is not None:
            since = email.utils.parsedate_to_datetime(if_modified_since)
            not_modified = since is not None and mtime <= int(since.timestamp())
        else:
            not_modified = False
        count(path, conditional=bool(if_none_match or if_modified_since), notModified=not_modified,
              ifNoneMatch=bool(if_none_match), ifModifiedSince=bool(if_modified_since))
        headers = [("ETag", etag), ("Last-Modified", last_modified)]
        if not_modified:
            self.send_response(304)
            for name, value in headers:
                self.send_header(name, value)
            self.end_headers()
            return
        self.send_body(200, body, "application/xml; charset=utf-8", headers)


def main():
    # A test runner may start us with SIGTERM blocked (the mask is inherited): unblock it.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", required=True)
    parser.add_argument("--port", type=int, default=0)
    arguments = parser.parse_args()
    Handler.root = arguments.root
    server = ThreadingHTTPServer(("127.0.0.1", arguments.port), Handler)
    print(server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
