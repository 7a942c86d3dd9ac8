"""How answers name reports when more than one is loaded: the citation's report (its symbol, else its doc_id) in the
CLI's Sources, `--json`, the UI's chips and the briefing note; and the question back when "paragraph 7" could be
any report's."""
from __future__ import annotations

from typing import Any, Iterable, Mapping, Sequence

from ingest.types import Document


def describe(doc: Document) -> str:
    """"E/CN.15/2018/5 (Twenty-seventh session, 2018): Title", the parts known."""
    extra = ", ".join(p for p in (doc.session, str(doc.year) if doc.year else "") if p)
    head = doc.symbol or doc.doc_id
    return f"{head}{f' ({extra})' if extra else ''}: {doc.title}" if doc.title else head


def short_names(documents: Iterable[Document]) -> dict[str, str]:
    """{doc_id: the name a citation shows} when several reports are loaded; {} for one (a citation need not say)."""
    docs = list(documents)
    return {d.doc_id: d.short_name for d in docs} if len(docs) > 1 else {}


def names_from_info(info: Mapping[str, Any]) -> dict[str, str]:
    """short_names from `Assistant.info()` (what the UI holds)."""
    docs = info.get("documents") or []
    return {d["doc_id"]: d.get("symbol") or d["doc_id"] for d in docs} if len(docs) > 1 else {}


def clarify_text(label: str, documents: Sequence[Document]) -> str:
    options = "; ".join(describe(d) for d in documents)
    return (f"Paragraph {label} exists in {len(documents)} of the loaded reports: {options}. Which report do you "
            f"mean? Name it in the question (\"paragraph {label} of {documents[0].short_name}\") or choose it "
            f"in the report filter.")


def annotate(record: dict[str, Any], documents: Iterable[Document]) -> dict[str, Any]:
    """An Answer.to_json() (or a hit's) with each citation and hit naming its report: "report" (symbol, else
    doc_id) and "title". Always added, so consumers need not know how many reports are loaded."""
    docs = {d.doc_id: d for d in documents}

    def named(item: dict[str, Any]) -> dict[str, Any]:
        doc = docs.get(item.get("doc_id", ""))
        if doc is not None:
            item = {**item, "report": doc.short_name, "title": doc.title}
            if doc.year:
                item["year"] = doc.year
        return item

    out = dict(record)
    for key in ("citations", "hits"):
        if isinstance(out.get(key), list):
            out[key] = [named(i) for i in out[key]]
    if "doc_id" in out and "citations" not in out:  # a single hit
        out = named(out)
    return out
