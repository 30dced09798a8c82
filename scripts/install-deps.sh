#!/usr/bin/env bash
# Installs what Siftwire needs on Debian/Ubuntu when it is missing: libzmq and SQLite
# headers (pkg-config finds libzmq). Swift itself must already be on PATH.
set -euo pipefail

need=()
for pkg in libzmq3-dev libsqlite3-dev pkg-config; do
    dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done

if ((${#need[@]})); then
    echo "installing ${need[*]} …"
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

if ! command -v swift >/dev/null 2>&1; then
    echo "error: swift is not on PATH; install Swift 6.1 or later from swift.org first" >&2
    exit 1
fi
