#!/usr/bin/env bash
# Cold vs warm builds and serve's one-post rebuild; see run.py.
# Times quire as scripts/install builds it (scripts/build-static), the binary
# users run, unless QUIRE names another.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -z "${QUIRE:-}" ]; then
    log="$(mktemp)"
    QUIRE="$(scripts/build-static 2>"$log")" || { cat "$log" >&2; rm -f "$log"; exit 1; }
    rm -f "$log"
fi
export QUIRE
exec python3 benchmarks/rebuild/run.py
