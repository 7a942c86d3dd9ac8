"""eval/LLM.md: the readers side by side (extractive, LLM only, auto, and the LangChain tutorial with the same LLM).

An LLM question takes 15-35 s on 2 CPU cores, so the two runs behind the page differ in size:
- the auto run asks the whole locked test split (`paracite eval --backend auto --configs hybrid`): most questions
  never reach the LLM;
- the LLM-only and peer run asks every Nth test question (`paracite eval --backend openai --configs
  hybrid,langchain-tutorial --every N`), and the page compares all four systems on exactly those questions (auto's
  rows there are its answers to the same questions, taken from the full run).

usage: python -m eval.llm_report AUTO_RUN/results.json SAMPLE_RUN/results.json [--out eval/LLM.md]
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Sequence

from eval.gold import GROUP_ORDER
from eval.harness import ConfigResult, EvalRun, config_result
from eval.report import READER_METRICS, _fmt, _md_table, readers_table


def _restricted(c: ConfigResult, ids: set[str]) -> ConfigResult:
    return config_result(c.config, [q for q in c.questions if q.id in ids])


def _gain(ours: ConfigResult, base: ConfigResult, group: str) -> str:
    a, b = ours.by_type.get(f"group:{group}", {}), base.by_type.get(f"group:{group}", {})
    x, y = a.get("key_fact_recall"), b.get("key_fact_recall")
    return "–" if x is None or y is None else f"{x - y:+.3f}"


def markdown(full: EvalRun, sample: EvalRun, settings_note: str = "") -> str:
    extractive, auto = full.configs[0], next(c for c in full.configs if c.config.backend == "auto")
    ids = {q.id for q in sample.configs[0].questions}
    # extractive and auto come from the whole-split run (the sample run may predate a change to the gate)
    four = [_restricted(extractive, ids) if c.config.reads_extractively else c for c in sample.configs
            if not c.config.name.endswith("+auto")]
    four.insert(2 if len(four) > 2 else len(four), _restricted(auto, ids))
    gains = [[g, _gain(auto, extractive, g)] for g in GROUP_ORDER]
    return "\n".join([
        "# ParaCite with a local LLM: extractive, LLM only, auto, and the LangChain tutorial", "",
        f"Locked test split (`{Path(full.gold_path).name}`); the LLM is Qwen2.5-Coder-1.5B-Instruct Q4_K_M served by "
        "`paracite llm serve` (llama.cpp's OpenAI-compatible server, 2 CPU cores), reached through the `openai` "
        "backend exactly as Ollama or vLLM would be. " + settings_note, "",
        "Columns: key-fact recall (answerable questions; a decline scores 0); citation precision; answers with a "
        "number that no cited paragraph has; unsupported sentences (claims whose words or numbers the cited "
        "paragraphs lack, one lexical rule for every system); declined = graded not in the report although the "
        "report answers; near-miss handled = an unanswerable near-miss not graded answered; LLM wrote the answer = "
        "share of questions whose kept answer is the LLM's; latency per question, warm.", "",
        f"## auto vs extractive on the whole test split ({full.n_questions} questions)", "",
        readers_table([extractive, auto]), "",
        _md_table(["group", "auto − extractive, key-fact recall"], gains), "",
        f"## All four on 1 in {sample.every} test questions ({sample.n_questions} questions, the same for each)", "",
        "The peer is the LangChain RAG tutorial (RecursiveCharacterTextSplitter 1000/200, the same embedder, FAISS, "
        "top 4 chunks, the tutorial's prompt) with the same model on the same server; its citations are the "
        "paragraphs its chunks overlap, and it declines when it says it does not know.", "",
        readers_table(four), "",
    ]) + "\n"


README_START, README_END = "<!-- llm table: python -m eval.llm_report ... --readme README.md -->", "<!-- end of llm table -->"
README_METRICS = ("key_fact_recall", "citation_precision", "wrong_number_answers", "unsupported_sentences",
                  "false_abstention", "unanswerable_handled", "ask_p50_ms", "ask_p95_ms")


def readme_table(full: EvalRun, sample: EvalRun) -> str:
    """The README's summary: auto vs extractive per group on the whole split, then the four systems on the sample."""
    extractive, auto = full.configs[0], next(c for c in full.configs if c.config.backend == "auto")
    ids = {q.id for q in sample.configs[0].questions}
    labels = dict(READER_METRICS)
    head = ["questions", "system", *[labels[k] for k in README_METRICS]]
    rows = []
    for g in ["all", *[f"group:{g}" for g in GROUP_ORDER]]:
        for c in (extractive, auto):
            stats = c.summary if g == "all" else c.by_type.get(g, {})
            rows.append([f"test, {g.removeprefix('group:')} ({int(stats.get('n') or 0)})", c.config.name,
                         *[_fmt(stats.get(k), k) for k in README_METRICS]])
    others = [c for c in sample.configs if not c.config.reads_extractively]
    for c in [_restricted(auto, ids), *others]:
        rows.append([f"1 in {sample.every} test questions ({sample.n_questions})", c.config.name,
                     *[_fmt(c.summary.get(k), k) for k in README_METRICS]])
    return _md_table(head, rows)


def write_readme(path: Path, table: str) -> None:
    text = path.read_text(encoding="utf-8")
    start, end = text.index(README_START), text.index(README_END)
    path.write_text(text[:start] + README_START + "\n" + table + "\n" + text[end:], encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m eval.llm_report", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("full", help="results.json of the auto run over the whole test split")
    p.add_argument("sample", help="results.json of the openai + peer run over every Nth test question")
    p.add_argument("--out", default="eval/LLM.md")
    p.add_argument("--note", default="", help="a sentence on the settings used (route threshold, context budget)")
    p.add_argument("--readme", metavar="README.md", help="also replace the summary table between the llm-table "
                   "markers of this file")
    args = p.parse_args(argv)
    load = lambda path: EvalRun.from_json(json.loads(Path(path).read_text(encoding="utf-8")))  # noqa: E731
    full, sample = load(args.full), load(args.sample)
    Path(args.out).write_text(markdown(full, sample, args.note), encoding="utf-8")
    print(f"wrote {args.out}")
    if args.readme:
        write_readme(Path(args.readme), readme_table(full, sample))
        print(f"updated the table in {args.readme}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
