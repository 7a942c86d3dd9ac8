#!/usr/bin/env bash
# Install ParaCite with its test tools into .venv (and Debian's chromium for the browser test, when run as root),
# then run the whole test suite offline. Extra arguments go to pytest (e.g. -k retrieval).
set -euo pipefail
cd "$(dirname "$0")"
PARACITE_EXTRAS="test" source scripts/install.sh
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing chromium for the browser test (apt-get)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  else
    echo "note: /usr/bin/chromium is missing: the real-browser test will be skipped (apt-get install chromium)"
  fi
fi
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
# the layers (pyproject.toml [tool.importlinter]): ingest <- app <- eval, bench
lint-imports --no-cache
exec python -m pytest "$@"
