#!/usr/bin/env bash
# Install ParaCite into .venv (if needed), build the index from corpus/ (if needed), and serve the chat UI on
# http://127.0.0.1:7860. Extra arguments go to `paracite serve` (e.g. --port 8080).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/install.sh
exec paracite serve "$@"
