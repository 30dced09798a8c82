#!/usr/bin/env python3
"""Latency of the web workbench's pages, as a browser would see it.

Starts a stack (`siftwire up` with siftwire-web) on free loopback ports, ingests the demo corpus and
N generated articles (`siftwire corpus`), adds an account and signs in through /login, then asks each
page kind REQUESTS times from CONCURRENCY clients (separate processes, one keep-alive connection
each, so the client's own interpreter lock does not queue requests) and prints p50/p95/p99 per kind.

    swift build -c release
    python3 scripts/bench_web.py --bin .build/release --documents 1000 --requests 800 --concurrency 8

Target (issue 17): pages render in <= 50 ms p99 for the demo corpus at concurrency 8.
"""
import argparse
import http.client
import json
import multiprocessing
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse

from loopback import free_port_block

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
DEMO = os.path.join(ROOT, "Sources", "SiftwireResources", "Resources", "demo")

# What an analyst would open: searches the demo corpus answers (transliteration variants included),
# entity pages by id, documents found by those searches, the contradictions page.
SEARCHES = ["Idleb", "al-Jolani", "\"Tahrir al-Sham\"", "Afrin", "checkpoint AND Aleppo", "Baghouz", "Ahrar", "Sarm*"]
ENTITIES = ["loc:idlib", "org:hts", "loc:afrin", "loc:aleppo", "org:isis", "loc:baghouz"]


def request(connection, path, cookie, method="GET", body=None, headers=None):
    all_headers = {"Cookie": cookie} if cookie else {}
    all_headers.update(headers or {})
    connection.request(method, path, body=body, headers=all_headers)
    response = connection.getresponse()
    return response.status, response.getheaders(), response.read()


def sign_in(port, name, password):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    status, headers, page = request(connection, "/login", None)
    login_cookie = next(v.split(";")[0] for k, v in headers if k.lower() == "set-cookie" and v.startswith("siftwire_login="))
    csrf = re.search(rb'name="csrf" value="([^"]+)"', page).group(1).decode()
    form = urllib.parse.urlencode({"name": name, "password": password, "csrf": csrf, "next": "/"})
    status, headers, _ = request(connection, "/login", login_cookie, "POST", form,
                                 {"Content-Type": "application/x-www-form-urlencoded"})
    session = next((v.split(";")[0] for k, v in headers if k.lower() == "set-cookie" and v.startswith("siftwire_session=")), None)
    if status != 303 or not session:
        raise RuntimeError(f"sign-in failed: HTTP {status}")
    return session


def server_timing(headers):
    """{kind: (ms, requests)} and the total from a Server-Timing header."""
    value = next((v for k, v in headers if k.lower() == "server-timing"), "")
    parts = {}
    for entry in value.split(","):
        fields = [f.strip() for f in entry.split(";")]
        name = fields[0]
        dur = next((float(f[4:]) for f in fields[1:] if f.startswith("dur=")), 0.0)
        count = next((int(f[5:].strip('"')) for f in fields[1:] if f.startswith("desc=")), 1)
        if name:
            parts[name] = (dur, count)
    return parts


def worker(job):
    """One client: its share of one kind's requests over one keep-alive connection; latencies in ms,
    and the summed Server-Timing of its responses (time per query kind, as the server measured it)."""
    port, cookie, paths, count, offset = job
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    times, errors, timing = [], 0, {}
    for n in range(count):
        path = paths[(offset + n) % len(paths)]
        start = time.perf_counter()
        try:
            status, headers, _ = request(connection, path, cookie)
            if status != 200:
                errors += 1
                continue
        except (OSError, http.client.HTTPException):
            errors += 1
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            continue
        times.append((time.perf_counter() - start) * 1000)
        for name, (dur, requests) in server_timing(headers).items():
            total, asked = timing.get(name, (0.0, 0))
            timing[name] = (total + dur, asked + requests)
    return times, errors, timing


def percentile(sorted_times, p):
    if not sorted_times:
        return 0.0
    rank = max(0, min(len(sorted_times) - 1, int(-(-p * len(sorted_times) // 1)) - 1))
    return sorted_times[rank]


def measure(port, cookie, kind, paths, requests, concurrency):
    # Warm-up: each path once, so first-use costs (a cold page cache) are not in the figures.
    warm = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    for path in paths:
        request(warm, path, cookie)
    per_client = max(1, requests // concurrency)
    jobs = [(port, cookie, paths, per_client, client * 7) for client in range(concurrency)]
    started = time.perf_counter()
    with multiprocessing.Pool(concurrency) as pool:
        results = pool.map(worker, jobs)
    seconds = time.perf_counter() - started
    times = sorted(t for batch, _, _ in results for t in batch)
    errors = sum(e for _, e, _ in results)
    # Mean server time per page: in all, and in each query kind (summed over the page's requests of it).
    timing = {}
    for _, _, part in results:
        for name, (dur, asked) in part.items():
            total, count = timing.get(name, (0.0, 0))
            timing[name] = (total + dur, count + asked)
    pages = max(1, len(times))
    server = {name: {"msPerPage": round(dur / pages, 2), "requestsPerPage": round(count / pages, 2)} for name, (dur, count) in timing.items()}
    return {"kind": kind, "paths": len(paths), "requests": len(times) + errors, "errors": errors, "concurrency": concurrency,
            "p50": percentile(times, 0.50), "p95": percentile(times, 0.95), "p99": percentile(times, 0.99),
            "max": times[-1] if times else 0.0, "perSecond": (len(times) + errors) / seconds, "server": server}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", default=os.path.join(ROOT, ".build", "release"), help="folder of the built executables")
    parser.add_argument("--documents", type=int, default=1000, help="generated articles added to the demo corpus")
    parser.add_argument("--requests", type=int, default=800, help="requests per page kind")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--extractors", type=int, default=2)
    parser.add_argument("--kinds", default="search,entity,doc,contradictions", help="comma-separated page kinds to measure")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--keep", action="store_true", help="keep the stack's data folder")
    args = parser.parse_args()
    siftwire = os.path.join(args.bin, "siftwire")
    for tool in ("siftwire", "siftwire-web", "siftwire-query", "siftwire-index"):
        if not os.path.exists(os.path.join(args.bin, tool)):
            sys.exit(f"{args.bin}/{tool} is missing: run `swift build -c release` first")
    work = tempfile.mkdtemp(prefix="siftwire-bench-web-")
    log = open(os.path.join(work, "up.log"), "w")
    base, web_port = free_port_block(8), free_port_block(1)
    up = subprocess.Popen([siftwire, "up", "--data", os.path.join(work, "data"), "--base-port", str(base), "--extractors", str(args.extractors),
                           "--log-level", "warning", "--web", f"127.0.0.1:{web_port}"], stdout=log, stderr=subprocess.STDOUT)
    try:
        client = ["--ingest", f"tcp://127.0.0.1:{base}", "--query", f"tcp://127.0.0.1:{base + 3}"]
        deadline = time.time() + 90
        while subprocess.run([siftwire, "health", f"tcp://127.0.0.1:{base + 3}", "--timeout", "1"], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL).returncode != 0:
            if up.poll() is not None or time.time() > deadline:
                raise RuntimeError("stack did not start:\n" + open(os.path.join(work, "up.log")).read())
            time.sleep(0.3)
        corpus = os.path.join(work, "corpus")
        inputs = [DEMO]
        if args.documents > 0:
            subprocess.run([siftwire, "corpus", "--count", str(args.documents), "--out", corpus], check=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
            inputs.append(corpus)
        started = time.time()
        subprocess.run([siftwire, "ingest", *inputs, "--wait", *client], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        indexed = time.time() - started
        accounts = os.path.join(work, "data", "web", "accounts.sqlite")
        subprocess.run([siftwire, "users", "add", "bench", "--role", "viewer", "--accounts", accounts], input="bench-password\n",
                       capture_output=True, text=True, check=True)
        deadline = time.time() + 30
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", web_port, timeout=2)
                if request(connection, "/healthz", None)[0] == 200:
                    break
            except OSError:
                pass
            if time.time() > deadline:
                raise RuntimeError("siftwire-web did not answer")
            time.sleep(0.2)
        cookie = sign_in(web_port, "bench", "bench-password")
        # Documents: those the searches find first (demo and generated).
        connection = http.client.HTTPConnection("127.0.0.1", web_port, timeout=30)
        documents = []
        for text in SEARCHES[:4]:
            page = request(connection, "/search?" + urllib.parse.urlencode({"q": text}), cookie)[2].decode()
            documents += [d for d in re.findall(r'href="(/doc/[^"]+)"', page) if d not in documents][:3]
        stats = request(connection, "/status", cookie)[2].decode()
        count = re.search(r"<th scope=\"row\">Documents</th><td class=\"num\">(\d+)</td>", stats)
        kinds = {
            "search": ["/search?" + urllib.parse.urlencode({"q": text}) for text in SEARCHES],
            "entity": ["/entity/" + urllib.parse.quote(e, safe=":") for e in ENTITIES],
            "doc": documents,
            "contradictions": ["/contradictions"],
        }
        report = {"documents": int(count.group(1)) if count else None, "generated": args.documents, "indexSeconds": round(indexed, 1),
                  "loadAverage": os.getloadavg()[0], "measurements": []}
        for kind in args.kinds.split(","):
            report["measurements"].append(measure(web_port, cookie, kind, kinds[kind], args.requests, args.concurrency))
            if not args.json:
                m = report["measurements"][-1]
                print(f"measured {kind}: p99 {m['p99']:.1f} ms", file=sys.stderr, flush=True)
        report["loadAverageAfter"] = os.getloadavg()[0]
        if args.json:
            print(json.dumps(report, indent=2))
        else:
            print(f"{report['documents']} documents (demo corpus + {args.documents} generated), concurrency {args.concurrency}, "
                  f"load average {report['loadAverage']:.1f} → {report['loadAverageAfter']:.1f}")
            print(f"{'page':<16}{'paths':>6}{'requests':>10}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}{'req/s':>8}")
            for m in report["measurements"]:
                print(f"{m['kind']:<16}{m['paths']:>6}{m['requests']:>10}{m['errors']:>8}{m['p50']:>9.1f}{m['p95']:>9.1f}{m['p99']:>9.1f}"
                      f"{m['max']:>9.1f}{m['perSecond']:>8.0f}")
            print("server time per page (Server-Timing, mean ms; queries of one kind summed, concurrent ones overlap):")
            for m in report["measurements"]:
                parts = [f"{name} {v['msPerPage']:.1f}" + (f" ({v['requestsPerPage']:.1f}×)" if v['requestsPerPage'] != 1 and name != "total" else "")
                         for name, v in m["server"].items()]
                print(f"  {m['kind']:<16}" + ", ".join(parts))
    finally:
        up.send_signal(signal.SIGINT)
        try:
            up.wait(timeout=30)
        except subprocess.TimeoutExpired:
            up.kill()
        if args.keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
