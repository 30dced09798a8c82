#!/usr/bin/env python3
"""Runs a search and an entity profile against a running Siftwire stack and prints them.

    python3 example.py [QUERY_ENDPOINT] [SEARCH TEXT] [ENTITY NAME]

The endpoint defaults to $SIFTWIRE_QUERY, then tcp://127.0.0.1:5553. Exits 1 with the error
code on an ``error`` reply, 2 when the service does not answer.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from siftwire_client import SiftwireClient, SiftwireError, SiftwireTimeout  # noqa: E402


def main(argv):
    endpoint = argv[1] if len(argv) > 1 else os.environ.get("SIFTWIRE_QUERY", "tcp://127.0.0.1:5553")
    text = argv[2] if len(argv) > 2 else "Idleb"
    name = argv[3] if len(argv) > 3 else "al-Jolani"
    try:
        with SiftwireClient(endpoint, timeout=10.0) as client:
            stats = client.stats()
            print(f"{stats['documents']} documents, {stats['entities']} entities at {endpoint}")

            found = client.search(text, limit=5)
            print(f"\nsearch {text!r}: {found['total']} document(s)")
            for expansion in found.get("expansions", []):
                print(f"  expanded {expansion['term']!r} -> {expansion['entityID']}: {', '.join(expansion['aliases'][:6])}")
            for hit in found["hits"]:
                print(f"  {hit['id']}  {hit.get('date', '          ')}  {hit['title']}")

            profile = client.entity(name, document_limit=5)
            print(f"\nentity {name!r}: {profile['name']} ({profile['type']}, id {profile['id']}, match {profile.get('match', '?')})")
            print(f"  {profile['documentCount']} documents, {profile['mentionCount']} mentions, "
                  f"seen {profile.get('firstSeen', '?')} .. {profile.get('lastSeen', '?')}")
            print("  aliases: " + ", ".join(a["text"] for a in profile["aliases"] if a["count"] > 0))
            for doc in profile["documents"]:
                print(f"  {doc['id']}  {doc.get('date', '          ')}  {doc['title']}")
    except SiftwireTimeout as error:
        print(f"error [{error.code}]: {error.message}", file=sys.stderr)
        return 2
    except SiftwireError as error:
        print(f"error [{error.code}]: {error.message}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
