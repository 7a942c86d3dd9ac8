"""Turning an EvalRun into a printed table, results.json, a Markdown report with plots, and the failure list."""
from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any, Sequence

TABLE_METRICS = ("hit@1", "hit@5", "recall@5", "mrr", "ndcg@10", "key_fact_recall", "all_key_facts",
                 "citation_precision", "citation_recall", "quote_validity", "numeric_faithfulness", "abstention",
                 "false_abstention", "search_p50_ms", "search_p95_ms", "ask_p50_ms", "ask_p95_ms")
PLOT_METRICS = ("hit@1", "hit@5", "recall@5", "mrr", "ndcg@10", "key_fact_recall", "citation_precision",
                "abstention", "false_abstention")
TYPE_METRICS = ("hit@5", "key_fact_recall")


def _fmt(v: Any, metric: str = "") -> str:
    if v is None:
        return "–"
    if metric.endswith("_ms"):
        return f"{v:.1f}"
    return f"{v:.3f}" if isinstance(v, float) else str(v)


def _rows(run: Any, metrics: Sequence[str]) -> list[list[str]]:
    return [[c.config.name] + [_fmt(c.summary.get(k), k) for k in metrics] for c in run.configs]


def table(run: Any, metrics: Sequence[str] = TABLE_METRICS) -> str:
    head = ["configuration", *metrics]
    rows = _rows(run, metrics)
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    line = lambda r: "  ".join(cell.rjust(w) if i else cell.ljust(w) for i, (cell, w) in enumerate(zip(r, widths)))
    return "\n".join([line(head), line(["-" * w for w in widths]), *map(line, rows)])


def _md_table(head: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    out = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(out)


def plot(run: Any, path: Path) -> Path:
    """Two panels: the main metrics per configuration, and hit@5 / key-fact recall per question type."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise RuntimeError("the eval plot needs matplotlib: pip install matplotlib") from None
    names = [c.config.name for c in run.configs]
    fig, axes = plt.subplots(2, 1, figsize=(13, 9))
    width = 0.8 / max(1, len(names))
    ax = axes[0]
    for i, c in enumerate(run.configs):
        xs = [j + i * width for j in range(len(PLOT_METRICS))]
        ax.bar(xs, [c.summary.get(k) or 0.0 for k in PLOT_METRICS], width, label=c.config.name)
    ax.set_xticks([j + 0.4 - width / 2 for j in range(len(PLOT_METRICS))], PLOT_METRICS, fontsize=8)
    ax.set_ylim(0, 1.05)
    ax.set_title(f"Metrics per configuration ({run.n_questions} gold questions; false_abstention: lower is better)")
    ax.legend(fontsize=7, ncol=len(names), loc="upper center", bbox_to_anchor=(0.5, -0.08))
    ax = axes[1]
    types = sorted({t for c in run.configs for t in c.by_type if not t.startswith("group:")})
    w2 = 0.8 / max(1, 2 * len(names))
    for i, c in enumerate(run.configs):
        for j, k in enumerate(TYPE_METRICS):
            xs = [t + (2 * i + j) * w2 for t in range(len(types))]
            # unanswerable questions have no hit@5 or key facts: their slot shows the abstention rate
            ys = [(c.by_type.get(t, {}).get("abstention" if t == "unanswerable" else k) or 0.0) if
                  (t != "unanswerable" or j == 0) else 0.0 for t in types]
            ax.bar(xs, ys, w2, color=f"C{i}", hatch="//" if j else None, edgecolor="white" if j else None,
                   label=c.config.name if j == 0 else None)
    ax.set_xticks([t + 0.4 - w2 / 2 for t in range(len(types))], types, fontsize=8)
    ax.set_ylim(0, 1.05)
    ax.set_title("Per question type: hit@5 (plain), key-fact recall (hatched); unanswerable: abstention rate")
    ax.legend(fontsize=7, ncol=len(names), loc="upper center", bbox_to_anchor=(0.5, -0.08))
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)
    return path


GROUP_METRICS = (("key_fact_recall", "key-fact recall"), ("citation_precision", "citation precision"),
                 ("false_abstention", "declined (answerable)"), ("partial_on_answerable", "partial (answerable)"),
                 ("cited_per_single_fact", "cited ¶ per single-fact answer"),
                 ("unanswerable_handled", "near-miss not answered as if stated"))


def _groups_md(run: Any) -> list[str]:
    """Graded answers per reader's-wording group, dev beside test, for the first configuration."""
    sides = [("test", run.configs[0])] + ([("dev", run.dev)] if run.dev is not None else [])
    head = ["group", *[f"{name} n" for name, _ in sides]]
    for _, label in GROUP_METRICS:
        head += [f"{label} ({name})" for name, _ in sides]
    groups = ["all"] + [k for k in run.configs[0].by_type if k.startswith("group:")]
    rows = []
    for g in groups:
        cells = [g.removeprefix("group:")]
        stats = [(c.summary if g == "all" else c.by_type.get(g, {})) for _, c in sides]
        cells += [str(int(s.get("n") or 0)) for s in stats]
        for key, _ in GROUP_METRICS:
            cells += [_fmt(s.get(key)) for s in stats]
        rows.append(cells)
    return [f"## Graded answers by how the question is worded ({run.configs[0].config.name}; test = the locked "
            "split, dev = the split tuned on)", "",
            "Declined = graded not in the report; partial = the report's neighbouring fact, with the gap named first; "
            "a near-miss unanswerable question is handled when it is not graded answered.", "",
            _md_table(head, rows), ""]


READER_METRICS = (("key_fact_recall", "key-fact recall"), ("citation_precision", "citation precision"),
                  ("wrong_number_answers", "answers with a wrong number"),
                  ("unsupported_sentences", "unsupported sentences"), ("false_abstention", "declined (answerable)"),
                  ("unanswerable_handled", "near-miss handled"), ("partial_on_answerable", "partial (answerable)"),
                  ("llm_answered", "LLM wrote the answer"), ("ask_p50_ms", "p50 ms"), ("ask_p95_ms", "p95 ms"))


def readers_table(systems: Sequence[Any]) -> str:
    """One row per wording group (all first) and system, with READER_METRICS."""
    groups = ["all"] + [k for k in systems[0].by_type if k.startswith("group:")]
    rows = []
    for g in groups:
        for c in systems:
            stats = c.summary if g == "all" else c.by_type.get(g)
            if stats:
                rows.append([g.removeprefix("group:"), c.config.name, str(int(stats.get("n") or 0)),
                             *[_fmt(stats.get(k), k) for k, _ in READER_METRICS]])
    return _md_table(["group", "system", "n", *[label for _, label in READER_METRICS]], rows)


def _readers_md(run: Any) -> list[str]:
    """Extractive, LLM-only, auto and the peer side by side per wording group, when the run has an LLM reader."""
    readers = [c for c in run.configs if not c.config.reads_extractively]
    if not any(c.config.backend != "extractive" or any(q.backend == "llm" for q in c.questions) for c in readers):
        return []
    systems = [run.configs[0], *[c for c in readers if c is not run.configs[0]]]
    return ["## Readers: extractive, LLM only, auto, and the LangChain tutorial with the same LLM", "",
            "Same questions, same local model and server for every LLM row. Wrong numbers: answers with a number "
            "that no cited paragraph has. Unsupported sentences: claims whose words or numbers the cited paragraphs "
            "lack (one lexical rule for every system, eval/metrics.py). The peer cites the paragraphs its 4 chunks "
            "overlap and declines when it says it does not know.", "",
            readers_table(systems), ""]


def failures_md(run: Any, config_names: Sequence[str] | None = None) -> str:
    out = ["# Failed questions", ""]
    for c in run.configs:
        if config_names and c.config.name not in config_names:
            continue
        out += [f"## {c.config.name}: {len(c.failed)} of {len(c.questions)} failed", ""]
        for r in c.failed:
            sec = f" (section {r.section})" if r.section else ""
            out.append(f"- **{r.id}** [{r.type}]{sec} {r.question}")
            if r.standalone and r.standalone != r.question:
                out.append(f"  - searched as: {r.standalone}")
            out.append(f"  - why: {'; '.join(r.failures)}")
            out.append(f"  - gold: {r.gold or 'none (unanswerable)'}; retrieved: "
                       f"{[p for _, p in r.retrieved[:5]]}; cited: {r.cited}")
            rel = r.relevance or {}
            if rel or r.top_dense is not None:
                out.append(f"  - top dense {_fmt(r.top_dense)}; gate score {_fmt(rel.get('score'))}")
            answer = " ".join(r.answer.split())
            out.append(f"  - answered: {answer[:400]}{'…' if len(answer) > 400 else ''}")
        out.append("")
    return "\n".join(out)


def _calibration_md(cal: dict[str, Any]) -> str:
    if not cal:
        return ""
    out = [f"## Abstention signals ({cal['config']})", "",
           "Distribution of each signal over answerable and unanswerable questions, and the rates a threshold on it "
           "would give (abstain when the signal is below the threshold).", ""]
    for name, s in cal["signals"].items():
        head = ["signal", "questions", "min", "p25", "p50", "p75", "max"]
        rows = []
        for label in ("answerable", "unanswerable"):
            d = s[label]
            if d:
                rows.append([name, label, *(_fmt(d[k]) for k in ("min", "p25", "p50", "p75", "max"))])
        if rows:
            out += [_md_table(head, rows), ""]
        sweep = s["sweep"]
        if sweep:
            step = max(1, len(sweep) // 12)
            out += [_md_table(["threshold on " + name, "abstention (unanswerable)", "false abstention (answerable)"],
                              [[_fmt(p["threshold"]), _fmt(p["abstention"]), _fmt(p["false_abstention"])]
                               for p in sweep[::step]]), ""]
    return "\n".join(out)


def _versus_peer(run: Any) -> list[str]:
    peers = [c for c in run.configs if c.config.kind == "peer"]
    if not peers or run.configs[0].config.kind == "peer":
        return []
    ours, peer = run.configs[0], peers[0]
    rows = []
    for k in TABLE_METRICS:
        a, b = ours.summary.get(k), peer.summary.get(k)
        diff = "–" if a is None or b is None else (f"{a - b:+.1f}" if k.endswith("_ms") else f"{a - b:+.3f}")
        rows.append([k, _fmt(a, k), _fmt(b, k), diff])
    return [f"## ParaCite ({ours.config.name}) vs the LangChain-tutorial baseline", "",
            _md_table(["metric", ours.config.name, peer.config.name, "difference"], rows), "",
            "The baseline's citations are the paragraphs overlapped by the 4 chunks it puts in its prompt (the "
            "tutorial shows those as sources); it has no quotes and, without an LLM configured, answers with its "
            "3 context sentences most similar to the question and never abstains.", ""]


def markdown(run: Any, *, plot_name: str = "metrics.png", failures_name: str = "failures.md") -> str:
    head = ["configuration", *TABLE_METRICS]
    out = [
        "# ParaCite evaluation", "",
        f"Gold set: `{Path(run.gold_path).name}`, {run.n_questions} hand-labelled questions"
        f"{f' (1 in {run.every} questions of the split)' if getattr(run, 'every', 1) > 1 else ''}; run {run.created}.",
        "Retrieval metrics are at paragraph level over answerable questions (a paragraph retrieved twice counts once); "
        "key-fact recall uses the number-aware normaliser (an abstention scores 0); citation precision is over "
        "answers that cite something; numeric faithfulness = share of non-abstaining answers whose every number "
        "occurs in a cited paragraph; abstention = share of unanswerable questions abstained on; latency is per "
        "question (ask includes retrieval). Configurations run one after another in one process and share the "
        "embedder's cache, so the first pays the cold-cache cost; latencies are only indicative here (see bench/ "
        "for the speed measurements).", "",
        "## Configurations side by side", "",
        _md_table(head, _rows(run, TABLE_METRICS)), "",
        f"![metrics per configuration and per question type]({plot_name})", "",
        "| configuration | description |", "|---|---|",
        *[f"| {c.config.name} | {c.config.description} |" for c in run.configs], "",
        *_versus_peer(run),
        *_readers_md(run),
        "## Per question type (hit@5 / key-fact recall / abstention)", "",
    ]
    out[-2:-2] = _groups_md(run)
    types = sorted({t for c in run.configs for t in c.by_type if not t.startswith("group:")})
    rows = []
    for c in run.configs:
        cells = []
        for t in types:
            s = c.by_type.get(t, {})
            cells.append(_fmt(s.get("abstention")) if t == "unanswerable"
                         else f"{_fmt(s.get('hit@5'))} / {_fmt(s.get('key_fact_recall'))}")
        rows.append([c.config.name, *cells])
    counts = {t: int(run.configs[0].by_type[t]["n"]) for t in types} if run.configs else {}
    out += [_md_table(["configuration", *[f"{t} ({counts.get(t, 0)})" for t in types]], rows), ""]
    out += [_calibration_md(run.calibration), ""]
    out += ["## Failures", "",
            "Every failed question, per configuration, with what was retrieved and answered: "
            f"[{failures_name}]({failures_name}).", ""]
    out += [f"- {c.config.name}: {len(c.failed)} failed" for c in run.configs]
    if run.dev is not None:
        out += ["", f"The committed failure list ({failures_name}) is the dev split's ({len(run.dev.failed)} failed "
                f"of {len(run.dev.questions)}): failures are read to tune, and tuning never reads the test split."]
    return "\n".join(out) + "\n"


def _dev_only(run: Any) -> Any:
    from dataclasses import replace

    return replace(run, configs=[run.dev], gold_path=run.dev_path)


def write_all(run: Any, out_dir: str | Path, *, summary_path: str | Path | None = None) -> list[str]:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    files = []
    p = out_dir / "results.json"
    p.write_text(json.dumps(run.to_json(), indent=1, default=str), encoding="utf-8")
    files.append(str(p))
    files.append(str(plot(run, out_dir / "metrics.png")))
    p = out_dir / "failures.md"
    p.write_text(failures_md(run), encoding="utf-8")
    files.append(str(p))
    p = out_dir / "report.md"
    p.write_text(markdown(run), encoding="utf-8")
    files.append(str(p))
    if summary_path:
        summary_path = Path(summary_path)
        stem = summary_path.stem
        shutil.copyfile(out_dir / "metrics.png", summary_path.parent / f"{stem}_metrics.png")
        # the committed failure list is the dev split's: failures are read to tune, and tuning reads dev only
        failures = failures_md(_dev_only(run)) if run.dev is not None else failures_md(run, [run.configs[0].config.name])
        (summary_path.parent / f"{stem}_failures.md").write_text(failures, encoding="utf-8")
        text = markdown(run, plot_name=f"{stem}_metrics.png", failures_name=f"{stem}_failures.md")
        if (summary_path.parent / "TUNING.md").exists():  # hand-written notes that the numbers above rest on
            text += "\nHow the answer focus, the sentence ranker and the answerability model were tuned (dev split only): [TUNING.md](TUNING.md).\n"
        summary_path.write_text(text, encoding="utf-8")
        languages = summary_path.parent / "MULTILINGUAL.json"
        if languages.exists():  # the figures per language, from their own run (python -m eval.multilingual)
            from eval.multilingual import splice_report

            splice_report(summary_path, json.loads(languages.read_text(encoding="utf-8")))
        files.append(str(summary_path))
    return files
