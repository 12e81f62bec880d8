#!/usr/bin/env bash
# The slow adversarial cases (kills mid-swap, concurrent builds, the dev server
# under attack, resource bombs) against a release build; see run.py.
# Needs strace (for the kill-at-rename cases) and python3.
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/install-deps >/dev/null
command -v strace >/dev/null || { echo "run.sh needs strace (apt-get install strace)" >&2; exit 1; }
swift build -c release --product quire >/dev/null
exec python3 benchmarks/adversarial/run.py --quire .build/release/quire "$@"
