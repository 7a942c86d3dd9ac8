from app.context import format_marker, pack_context
from app.types import Hit


def _hit(n, text, doc="d1"):
    return Hit(doc_id=doc, paragraph=n, section_path=("II. X",), text=text, score=1.0)


def test_pack_respects_budget_and_keeps_best_first():
    from ingest.chunk import count_tokens

    hits = [_hit(1, "alpha " * 50), _hit(2, "beta " * 500), _hit(3, "gamma " * 20)]
    ctx = pack_context("q", hits, 150)
    assert [p.hit.paragraph for p in ctx.paragraphs] == [1, 3]  # 2 does not fit; 3 still does
    assert ctx.n_tokens <= 150 and [h.paragraph for h in ctx.dropped] == [2]
    assert sum(count_tokens(p.text) for p in ctx.paragraphs) < ctx.n_tokens
    assert ctx.render().startswith("[¶1] (Section: II. X)")


def test_oversized_best_hit_is_truncated_not_dropped():
    ctx = pack_context("q", [_hit(1, "word " * 3000)], 100)
    assert len(ctx.paragraphs) == 1 and ctx.paragraphs[0].truncated and ctx.n_tokens <= 100
    assert ctx.hits[0].text.startswith(ctx.paragraphs[0].text)


def test_multi_document_labels():
    ctx = pack_context("q", [_hit(7, "a"), _hit(7, "b", doc="d2")], 1000)
    assert ctx.multi_document and [p.label for p in ctx.paragraphs] == ["d1 ¶7", "d2 ¶7"]
    assert ctx.resolve(7) is None and ctx.resolve(7, "d2").text == "b"
    assert format_marker(ctx.hits, True) == "[d1 ¶7, d2 ¶7]"
