"""Runs the gold set through each configuration side by side and scores it.

`run_eval(settings, backends, out_dir)` is what `paracite eval` calls; `evaluate(system, gold)` scores one system and
is what the regression gate (tests/eval/test_gate.py) uses on the default configuration.
"""
from __future__ import annotations

import argparse
import json
import logging
import shutil
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Sequence

from app.answer.base import names as answer_backends
from eval import metrics as m
from eval.gold import GROUP_ORDER, GoldQuestion, GoldSet, Split, load_gold
from eval.systems import DEFAULT_CONFIGS, Config, ParaCiteSystem, Response, System, paracite_variant

log = logging.getLogger(__name__)

RETRIEVAL_K = 10
LLM_READERS = ("openai", "llamacpp", "llm")  # Answer.backend of an answer an LLM wrote (auto's are "auto:<llm>")
GATED = ("recall@5", "citation_precision", "key_fact_recall", "unanswerable_handled")  # higher is better, all four


@dataclass
class QuestionResult:
    id: str
    type: str
    question: str
    section: str | None
    answerable: bool
    gold: list[int]
    retrieved: list[list[Any]]  # [[doc_id, paragraph], ...] best first, as searched (top RETRIEVAL_K)
    answer: str
    abstained: bool
    cited: list[int]
    status: str = ""
    group: str = ""
    standalone: str = ""
    hit1: float | None = None
    hit5: float | None = None
    recall5: float | None = None
    mrr: float | None = None
    ndcg10: float | None = None
    key_fact_recall: float | None = None
    missing_facts: list[str] = field(default_factory=list)
    citation_precision: float | None = None
    citation_recall: float | None = None
    quote_validity: float | None = None
    numeric_ok: bool | None = None
    unsupported_numbers: list[str] = field(default_factory=list)
    unsupported_sentences: list[str] = field(default_factory=list)  # claims the cited paragraphs do not support
    backend: str = ""  # which reader answered ("extractive", "openai", "auto:openai", the peer's "llm")
    top_dense: float | None = None  # best dense cosine among the top 5 searched paragraphs
    relevance: dict[str, Any] | None = None
    search_s: float = 0.0
    ask_s: float = 0.0
    error: str = ""
    failures: list[str] = field(default_factory=list)


@dataclass
class ConfigResult:
    config: Config
    summary: dict[str, float | None]
    by_type: dict[str, dict[str, float | None]]
    questions: list[QuestionResult]

    @property
    def failed(self) -> list[QuestionResult]:
        return [q for q in self.questions if q.failures]


@dataclass
class EvalRun:
    configs: list[ConfigResult]
    gold_path: str
    n_questions: int
    created: str
    calibration: dict[str, Any] = field(default_factory=dict)
    out_dir: str = ""
    files: list[str] = field(default_factory=list)
    # the first configuration on the dev split, beside the main run on the test split: the failure list and the
    # gate's calibration are read from dev only, so nothing tuned reads the locked test questions
    dev: ConfigResult | None = None
    dev_path: str = ""
    every: int = 1  # every Nth question of the split was asked (LLM runs of hours); 1 = all of them

    def get(self, name: str) -> ConfigResult:
        return next(c for c in self.configs if c.config.name == name)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> "EvalRun":
        """Read back results.json (to re-render a report without re-running the questions)."""
        def result(c: dict[str, Any]) -> ConfigResult:
            return ConfigResult(Config(**c["config"]), c["summary"], c["by_type"],
                                [QuestionResult(**q) for q in c["questions"]])

        return cls([result(c) for c in d["configs"]], d["gold_path"], d["n_questions"], d["created"],
                   d.get("calibration", {}), d.get("out_dir", ""), d.get("files", []),
                   result(d["dev"]) if d.get("dev") else None, d.get("dev_path", ""), int(d.get("every", 1)))


# ------------------------------------------------------------------------------------------------ scoring

def score_question(q: GoldQuestion, resp: Response, retrieved: list, search_s: float, system: System) -> QuestionResult:
    ranking = [r.key for r in retrieved]
    dense = [r.dense_score for r in retrieved[:5] if r.dense_score is not None]
    cited_nums = [p for _, p in dict.fromkeys(resp.cited)]
    r = QuestionResult(
        id=q.id, type=q.type, question=q.question, section=q.section, answerable=q.answerable,
        gold=list(q.gold_paragraphs), retrieved=[list(k) for k in ranking], answer=resp.text,
        abstained=resp.abstained, cited=cited_nums, status=resp.status, group=q.group, standalone=resp.standalone,
        top_dense=max(dense) if dense else None, relevance=resp.relevance, search_s=search_s, ask_s=resp.seconds,
        error=resp.error, backend=resp.backend,
    )
    texts = {k: system.paragraph_text(k) or "" for k in resp.cited}
    if resp.quotes:
        r.quote_validity = m.quote_validity((quote, texts.get(k, "")) for k, quote in resp.quotes)
    if not resp.abstained and resp.text:
        faith = m.numeric_faithfulness(resp.text if resp.claims is None else resp.claims, texts.values())
        r.numeric_ok, r.unsupported_numbers = faith.ok, list(faith.unsupported)
        r.unsupported_sentences = m.unsupported_sentences(resp.text if resp.claims is None else resp.claims,
                                                          texts.values())
    if q.answerable:
        gold = q.gold_keys
        r.hit1, r.hit5 = m.hit_at_k(ranking, gold, 1), m.hit_at_k(ranking, gold, 5)
        r.recall5, r.mrr, r.ndcg10 = m.recall_at_k(ranking, gold, 5), m.reciprocal_rank(ranking, gold), \
            m.ndcg_at_k(ranking, gold, 10)
        answer = "" if resp.abstained else resp.text
        r.key_fact_recall = m.key_fact_recall(answer, q.key_facts)
        r.missing_facts = [f for f in q.key_facts if m.key_fact_recall(answer, [f]) == 0.0]
        r.citation_precision = m.citation_precision(resp.cited, gold)
        r.citation_recall = m.citation_recall(resp.cited, gold)
    r.failures = _failures(r)
    return r


def _failures(r: QuestionResult) -> list[str]:
    out = [f"error: {r.error}"] if r.error else []
    if not r.answerable:
        return out + (["answered an unanswerable question"] if r.status == "answered" else [])
    if r.abstained:
        out.append("abstained on an answerable question")
    elif r.status == "partial":
        out.append("graded partial although the report answers it")
    if not r.hit5:
        out.append("no gold paragraph in the top 5")
    if r.missing_facts and not r.abstained:
        out.append("missing key facts: " + "; ".join(r.missing_facts))
    if not r.abstained and r.citation_precision is None:
        out.append("no citation")
    elif r.citation_precision == 0.0:
        out.append("cites no gold paragraph")
    if r.quote_validity is not None and r.quote_validity < 1.0:
        out.append("a quote is not in its cited paragraph")
    if r.numeric_ok is False:
        out.append("numbers not in any cited paragraph: " + ", ".join(r.unsupported_numbers))
    return out


def summarize(results: Sequence[QuestionResult]) -> dict[str, float | None]:
    ans = [r for r in results if r.answerable]
    rates = m.abstention_rates([(r.answerable, r.abstained) for r in results])
    out: dict[str, float | None] = {
        "n": float(len(results)),
        "hit@1": m.mean(r.hit1 for r in ans),
        "hit@5": m.mean(r.hit5 for r in ans),
        "recall@5": m.mean(r.recall5 for r in ans),
        "mrr": m.mean(r.mrr for r in ans),
        "ndcg@10": m.mean(r.ndcg10 for r in ans),
        "key_fact_recall": m.mean(r.key_fact_recall for r in ans),
        "all_key_facts": m.mean(float(r.key_fact_recall == 1.0) for r in ans) if ans else None,
        "citation_precision": m.mean(r.citation_precision for r in ans),
        "citation_recall": m.mean(r.citation_recall for r in ans),
        "quote_validity": m.mean(r.quote_validity for r in results),
        "numeric_faithfulness": m.mean(None if r.numeric_ok is None else float(r.numeric_ok) for r in results),
        "abstention": rates.abstention,
        "false_abstention": rates.false_abstention,
        # graded answers: an unanswerable question is handled when it is not graded "answered" (declined, or partial
        # with the gap named first); an answerable one graded partial still carries its cited fact
        "unanswerable_handled": m.mean(float(r.status != "answered") for r in results if not r.answerable),
        "partial_on_answerable": m.mean(float(r.status == "partial") for r in ans),
        "cited_per_single_fact": m.mean(float(len(set(r.cited))) for r in ans
                                        if r.type != "multi" and r.cited and not r.abstained),
        "wrong_number_answers": float(sum(1 for r in results if r.numeric_ok is False)),
        "unsupported_sentences": float(sum(len(r.unsupported_sentences) for r in results)),
        "llm_answered": m.mean(float(":" in r.backend or r.backend in LLM_READERS) for r in results),
        "failed": float(sum(1 for r in results if r.failures)),
    }
    for stage, values in (("search", [r.search_s for r in results]), ("ask", [r.ask_s for r in results])):
        lat = m.latency(values) if values else None
        out[f"{stage}_p50_ms"] = lat.p50 * 1000 if lat else None
        out[f"{stage}_p95_ms"] = lat.p95 * 1000 if lat else None
    return out


def evaluate(system: System, gold: GoldSet, config: Config | None = None, *, progress: bool = False,
             checkpoint: str | Path | None = None) -> ConfigResult:
    """Ask every gold question (follow-ups after the question they follow, with its answer as history), search the
    question actually asked (the condensed one for follow-ups), and score both.

    checkpoint: a JSONL file each scored question is appended to as it is done; questions already in it (same id and
    wording) are not asked again, so an LLM run of hours that is stopped resumes where it was."""
    config = config or Config(getattr(system, "name", "system"))
    answers: dict[str, str] = {}
    results = []
    done = _read_checkpoint(checkpoint)
    sink = open(checkpoint, "a", encoding="utf-8") if checkpoint else None  # noqa: SIM115 - closed below
    if sink is not None and sink.tell() and not Path(checkpoint).read_bytes().endswith(b"\n"):
        sink.write("\n")  # after a line cut by a crash, the next result starts a line of its own
    try:
        for i, q in enumerate(gold.questions, 1):
            earlier = done.get(q.id)
            if earlier is not None and earlier.question == q.question:
                answers[q.id] = earlier.answer
                results.append(earlier)
                continue
            results.append(_ask_one(system, gold, q, answers))
            if sink is not None:
                sink.write(json.dumps(asdict(results[-1]), default=str) + "\n")
                sink.flush()
            if progress and i % 25 == 0:
                print(f"  {config.name}: {i}/{len(gold)}", file=sys.stderr, flush=True)
    finally:
        if sink is not None:
            sink.close()
    return config_result(config, results)


def config_result(config: Config, results: list[QuestionResult]) -> ConfigResult:
    """The summary of these scored questions, overall, per type and per reader's-wording group."""
    types = sorted({r.type for r in results})
    by = {t: summarize([r for r in results if r.type == t]) for t in types}
    # the reader's-wording groups (worded like the report, paraphrased, multi-paragraph, near-miss) beside the types
    by.update({f"group:{g}": summarize([r for r in results if r.group == g]) for g in GROUP_ORDER
               if any(r.group == g for r in results)})
    return ConfigResult(config, summarize(results), by, results)


def _read_checkpoint(path: str | Path | None) -> dict[str, QuestionResult]:
    if path is None or not Path(path).is_file():
        return {}
    out = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        try:
            r = QuestionResult(**json.loads(line))
        except (ValueError, TypeError):  # a line cut by a crash mid-write: that question is asked again
            continue
        out[r.id] = r
    return out


def _ask_one(system: System, gold: GoldSet, q: GoldQuestion, answers: dict[str, str]) -> QuestionResult:
    history = []
    if q.follows and q.follows in answers:
        history = [(gold.by_id()[q.follows].question, answers[q.follows])]
    elif q.history:
        history = [(hq, ha or "") for hq, ha in q.history]
    resp = system.ask(q.question, history=history, section=q.section)
    answers[q.id] = resp.text
    query = resp.standalone or q.question
    t = time.perf_counter()
    try:
        retrieved = system.search(query, k=RETRIEVAL_K, section=q.section)
    except Exception as err:  # noqa: BLE001 - one failing question must not end the run; it is reported
        retrieved, resp.error = [], resp.error or f"search failed: {err}"
    return score_question(q, resp, retrieved, time.perf_counter() - t, system)


# ------------------------------------------------------------------------------------------------ calibration

def calibration(result: ConfigResult) -> dict[str, Any]:
    """How the abstention signals separate answerable from unanswerable questions, and what each threshold on the
    gate's score would give (abstention on unanswerable vs false abstention on answerable)."""
    def dist(values: list[float]) -> dict[str, float] | None:
        if not values:
            return None
        return {"min": min(values), "p25": m.percentile(values, 25), "p50": m.percentile(values, 50),
                "p75": m.percentile(values, 75), "max": max(values), "n": len(values)}

    out: dict[str, Any] = {"config": result.config.name, "signals": {}}
    for signal in ("top_dense", "gate_score"):
        vals = {True: [], False: []}
        for r in result.questions:
            v = r.top_dense if signal == "top_dense" else (r.relevance or {}).get("score")
            if v is not None:
                vals[r.answerable].append(float(v))
        sweep = []
        allv = sorted(set(round(v, 2) for v in vals[True] + vals[False]))
        for t in allv[:: max(1, len(allv) // 40)]:
            sweep.append({"threshold": t,
                          "abstention": m.mean(float(v < t) for v in vals[False]),
                          "false_abstention": m.mean(float(v < t) for v in vals[True])})
        out["signals"][signal] = {"answerable": dist(vals[True]), "unanswerable": dist(vals[False]), "sweep": sweep}
    return out


# ------------------------------------------------------------------------------------------------ running

def build_systems(settings: Any, configs: Sequence[Config], *, embedder: Any = None, workdir: str | Path,
                  backends: Sequence[str] = ("extractive",), progress: bool = False) -> list[tuple[Config, System]]:
    from app.assistant import Assistant
    from app.runtime import serve_one_query_at_a_time
    from ingest.build import build_index

    base = Assistant.load(settings, embedder=embedder, progress=progress)
    serve_one_query_at_a_time()  # as `paracite serve` answers (app/runtime.py)
    out: list[tuple[Config, System]] = []
    no_headers = None
    for c in configs:
        if c.kind == "peer":
            from eval.peer import LangChainTutorialRAG

            llm = _peer_llm(settings) if any(b != "extractive" for b in backends) else None
            out.append((c, LangChainTutorialRAG(settings.corpus_dir, base.stored.paragraphs, base.embedder, llm=llm,
                                                name=c.name)))
            continue
        if c.section_headers != base.settings.section_headers:
            if no_headers is None:
                idx = Path(workdir) / f"index-headers-{c.section_headers}"
                build_index(settings.corpus_dir, idx, base.embedder, section_headers=c.section_headers,
                            progress=progress, allow_external_links=settings.allow_external_links)
                companion = base.searcher.companion
                no_headers = Assistant.load(settings, embedder=base.embedder, index_dir=idx,
                                            section_headers=c.section_headers,
                                            companion_embedder=companion.embedder if companion else None)
            assistant = paracite_variant(no_headers, c)
        else:
            assistant = paracite_variant(base, c)
        for b in backends:
            name = c.name if b == "extractive" else f"{c.name}+{b}"
            if b != "extractive" and c.name != DEFAULT_CONFIGS[0].name:
                continue  # LLM backends are compared on the default retrieval only: they are slow
            # the gate's signals feed the calibration table, which is computed on the first configuration only
            out.append((replace(c, name=name, backend=b),
                        ParaCiteSystem(name, assistant, backend=b, assess=not out)))
    return out


def _peer_llm(settings: Any) -> Any:
    if not (settings.llm_base_url and settings.llm_model):
        return None
    from langchain_openai import ChatOpenAI

    return ChatOpenAI(base_url=settings.llm_base_url, model=settings.llm_model,
                      api_key=settings.llm_api_key or "none", timeout=settings.llm_timeout, temperature=0)


def run_eval(settings: Any, backends: Sequence[str] | str | None = None, out_dir: str | Path = "eval/results", *,
             configs: Sequence[Config] = DEFAULT_CONFIGS, gold_path: str | Path = Split.TEST, embedder: Any = None,
             summary_path: str | Path | None = None, progress: bool = True,
             dev_path: str | Path | None = Split.DEV, resume: bool = False, every: int = 1) -> EvalRun:
    """Evaluate every configuration on the gold set (the locked test split by default), and the first one on the
    dev split too; write results.json, report.md, the plots and failures.md (dev failures) to out_dir, and the
    committed summary to summary_path when given. Returns the results."""
    from eval import report

    if isinstance(backends, str):
        backends = [backends]
    backends = list(dict.fromkeys(["extractive", *(backends or [])]))
    gold = load_gold(gold_path)
    if every > 1:  # a fixed, evenly spread sample: the same questions for every system of the run
        gold = GoldSet(gold.questions[::every], gold.path)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    checkpoints = out_dir / "checkpoints"  # every scored question as it is done (see evaluate)
    if not resume:
        shutil.rmtree(checkpoints, ignore_errors=True)
    checkpoints.mkdir(exist_ok=True)
    results = []
    dev: ConfigResult | None = None
    dev_gold = load_gold(dev_path) if dev_path is not None and Path(load_gold(dev_path).path) != Path(gold.path) \
        else None
    with tempfile.TemporaryDirectory(prefix="paracite-eval-") as work:
        for config, system in build_systems(settings, configs, embedder=embedder, workdir=work, backends=backends,
                                            progress=False):
            if progress:
                print(f"evaluating {config.name} ...", file=sys.stderr, flush=True)
            results.append(evaluate(system, gold, config, progress=progress,
                                    checkpoint=checkpoints / f"{config.name}-{Path(gold.path).stem}.jsonl"))
            if dev is None and dev_gold is not None:
                dev = evaluate(system, dev_gold, config, progress=progress,
                               checkpoint=checkpoints / f"{config.name}-{Path(dev_gold.path).stem}.jsonl")
    run = EvalRun(results, gold.path, len(gold), time.strftime("%Y-%m-%d %H:%M:%S"),
                  calibration=calibration(dev or results[0]), out_dir=str(out_dir), dev=dev,
                  dev_path=dev_gold.path if dev_gold is not None else "", every=every)
    run.files = report.write_all(run, out_dir, summary_path=summary_path)
    return run


def select_configs(names: str | None) -> tuple[Config, ...]:
    """The configurations named in a comma-separated list (all when None)."""
    from ingest.errors import ParaCiteError

    if not names:
        return DEFAULT_CONFIGS
    wanted = [s.strip() for s in names.split(",") if s.strip()]
    unknown = set(wanted) - {c.name for c in DEFAULT_CONFIGS}
    if unknown:
        raise ParaCiteError(f"unknown eval configuration(s) {', '.join(sorted(unknown))}; choose from "
                            + ", ".join(c.name for c in DEFAULT_CONFIGS))
    return tuple(c for c in DEFAULT_CONFIGS if c.name in wanted)


def run_and_print(settings: Any, *, backends: Sequence[str] = (), out_dir: str | Path = "eval/results",
                  configs: str | None = None, gold_path: str | Path = Split.TEST,
                  summary_path: str | Path | None = None, resume: bool = False, every: int = 1) -> int:
    """What `paracite eval` and `python -m eval.harness` do: run, print the table, say where the files are."""
    from eval import report

    run = run_eval(settings, list(backends), out_dir, configs=select_configs(configs), gold_path=gold_path,
                   summary_path=summary_path, resume=resume, every=every)
    print(report.table(run))
    print("\nwrote " + ", ".join(run.files))
    return 0


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The eval options, shared by `paracite eval` and `python -m eval.harness`."""
    p.add_argument("--backend", dest="backends", action="append", default=[],
                   choices=answer_backends(),
                   help="also evaluate this answer backend (repeatable; LLM backends need their settings)")
    p.add_argument("--out", default="eval/results", help="folder for results.json, report.md, plots "
                   "(default eval/results/)")
    p.add_argument("--summary", default=None, help="also write the committed summary here (e.g. eval/REPORT.md)")
    p.add_argument("--configs", default=None, help="comma-separated subset of: "
                   + ", ".join(c.name for c in DEFAULT_CONFIGS))
    p.add_argument("--every", type=int, default=1, metavar="N", help="ask every Nth question of the split only (the "
                   "same ones for every system; for LLM runs of hours on a CPU)")
    p.add_argument("--resume", action="store_true", help="reuse the questions already scored by a stopped run "
                   "(OUT/checkpoints/; for LLM runs of hours); without it a run starts afresh")
    p.add_argument("--gold", default=Split.TEST.value, help="gold split: test (locked: report from it), dev (tune on "
                   "it), or a .jsonl path (default test)")


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m eval.harness [--backend B] [--out DIR] [--summary eval/REPORT.md] [--configs a,b]`."""
    from app.runtime import offline_if_packaged
    from app.settings import Settings

    p = argparse.ArgumentParser(prog="python -m eval.harness", description="Evaluate ParaCite on the gold question set.")
    add_arguments(p)
    args = p.parse_args(argv)
    settings = Settings.from_env()
    offline_if_packaged(settings.embedding_model)  # an entry point (app/runtime.py)
    return run_and_print(settings, backends=args.backends, out_dir=args.out, configs=args.configs,
                         gold_path=args.gold, summary_path=args.summary, resume=args.resume, every=args.every)


if __name__ == "__main__":
    sys.exit(main())
