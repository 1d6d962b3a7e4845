#!/usr/bin/env bash
# The peer benchmark (not a test): makes its venv from the machine's pip index on first use (pinned in
# requirements.txt), builds the CPU backend's test classes, then runs peer_benchmark.py with the arguments given.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
if [ ! -x "$here/.venv/bin/python" ]; then
    python3 -m venv "$here/.venv"
    "$here/.venv/bin/pip" install -q -r "$here/requirements.txt"
fi
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
(cd "$repo" && ./mvnw -B -q -o -pl backends/cpu -am test-compile)
exec "$here/.venv/bin/python" "$here/peer_benchmark.py" --repo "$repo" "$@"
