"""Manages the feeds a siftwire-feeds service polls: add, list, add again, remove, and the errors.

    python3 feeds_example.py [FEEDS_ENDPOINT] [FEED_URL]

Prints one line per check; exits 1 on the first failure.
"""

import sys

from siftwire_client import SiftwireClient, SiftwireError

endpoint = sys.argv[1] if len(sys.argv) > 1 else "tcp://127.0.0.1:5557"
url = sys.argv[2] if len(sys.argv) > 2 else "http://127.0.0.1:8000/feed.xml"


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        sys.exit(1)


def code_of(call):
    try:
        call()
    except SiftwireError as error:
        return error.code
    return None


with SiftwireClient(endpoint, timeout=10) as feeds:
    added = feeds.feeds_add(url, interval_seconds=600)
    check(added["created"] and added["feed"]["url"] == url and added["feed"]["intervalSeconds"] == 600, "feeds.add creates the feed")
    again = feeds.feeds_add(url, interval_seconds=900)
    check(not again["created"] and again["feed"]["intervalSeconds"] == 900, "adding it again changes its interval")
    listed = feeds.feeds_list()["feeds"]
    check([f["url"] for f in listed].count(url) == 1, "feeds.list shows it once")
    check(code_of(lambda: feeds.feeds_add("ftp://example.org/feed.xml")) == "invalid_argument", "a URL that is not http(s) is refused")
    removed = feeds.feeds_remove(url)
    check(removed["feed"]["url"] == url, "feeds.remove removes it")
    check(code_of(lambda: feeds.feeds_remove(url)) == "not_found", "removing it again is not_found")
    check(url not in [f["url"] for f in feeds.feeds_list()["feeds"]], "it is no longer listed")
print("done")
