#!/usr/bin/env bash
# Cold vs warm builds and serve's one-post rebuild; see run.py.
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/install-deps >/dev/null
swift build -c release --product quire >/dev/null
exec python3 benchmarks/rebuild/run.py
