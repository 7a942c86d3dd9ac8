# Sourced by run.sh and test.sh: create .venv and install the project (editable) with $PARACITE_EXTRAS.
# Re-running is cheap: pip is skipped when pyproject.toml has not changed since the last install.
VENV="${PARACITE_VENV:-.venv}"
PYTHON="${PYTHON:-python3}"
if [ ! -x "$VENV/bin/python" ]; then
  echo "creating $VENV"
  "$PYTHON" -m venv "$VENV"
fi
# shellcheck disable=SC1091
source "$VENV/bin/activate"
stamp="$VENV/.paracite-installed-${PARACITE_EXTRAS:-base}"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "installing ParaCite into $VENV (torch CPU build, sentence-transformers, FAISS, LangChain, Gradio)"
  python -m pip install -q --upgrade pip
  # torch first and pinned: a bare `torch` requirement would pull a multi-GB CUDA build.
  python -m pip install -q "torch==2.13.0"
  if [ -n "${PARACITE_EXTRAS:-}" ]; then
    python -m pip install -q -e ".[${PARACITE_EXTRAS}]"
  else
    python -m pip install -q -e .
  fi
  touch "$stamp"
fi
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 TOKENIZERS_PARALLELISM=false
