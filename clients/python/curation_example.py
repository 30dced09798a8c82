#!/usr/bin/env python3
"""Curation and watchlists through the Python client against a running stack.

    python3 curation_example.py [QUERY_ENDPOINT]

Marks two entities as distinct, shows that a merge of them is refused, merges two others,
adds an entity watch and a search watch, lists and removes them. Exits 1 on an unexpected
``error`` reply, 2 when the service does not answer.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from siftwire_client import SiftwireClient, SiftwireError, SiftwireTimeout  # noqa: E402


def main(argv):
    endpoint = argv[1] if len(argv) > 1 else os.environ.get("SIFTWIRE_QUERY", "tcp://127.0.0.1:5553")
    try:
        with SiftwireClient(endpoint, timeout=10.0) as client:
            client.distinct("Idlib", "Aleppo", by="example", note="two cities")
            try:
                client.merge("Idlib", "Aleppo", by="example")
                print("merge of a distinct pair was accepted", file=sys.stderr)
                return 1
            except SiftwireError as refused:
                print(f"merge refused [{refused.code}]: {refused.message}")

            merged = client.merge("Jabhat al-Nusra", "Hay'at Tahrir al-Sham", by="example", note="same lineage")
            print(f"merged: {merged['mentionsMoved']} mentions, {merged['documentsMoved']} documents moved")
            profile = client.entity("Hay'at Tahrir al-Sham")
            kinds = sorted({j["kind"] for j in profile.get("judgements", [])})
            print(f"{profile['name']}: {profile['documentCount']} documents, judgements {kinds}")

            client.watch_add("julani", entity="al-Jolani")
            client.watch_add("drones", search="drone")
            names = sorted(w["name"] for w in client.watch_list()["watches"])
            print(f"watches: {', '.join(names)}")
            for name in names:
                client.watch_remove(name)
            print(f"after removal: {len(client.watch_list()['watches'])} watches")
    except SiftwireTimeout as error:
        print(f"error [{error.code}]: {error.message}", file=sys.stderr)
        return 2
    except SiftwireError as error:
        print(f"error [{error.code}]: {error.message}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
