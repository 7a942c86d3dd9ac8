"""ParaCite's retrieval as a LangChain retriever: the answering chain and any LangChain user get paragraphs as
`Document`s whose metadata carries the citation (doc_id + paragraph number)."""
from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever

from app.types import Hit


def hit_to_document(hit: Hit) -> Document:
    return Document(
        page_content=hit.text,
        metadata={
            "doc_id": hit.doc_id,
            "paragraph": hit.paragraph,
            "section": hit.section,
            "section_path": list(hit.section_path),
            "score": hit.score,
            "title": hit.title,
            "match": hit.match,
            "dense_score": hit.dense_score,
            "lexical_score": hit.lexical_score,
            "footnotes": list(hit.footnotes),
            "hit": hit,  # the typed original, so the answering chain need not rebuild it from the fields above
        },
    )


class ParagraphRetriever(BaseRetriever):
    """Wraps a Searcher. `retriever.invoke(question)` uses the fields; `invoke(question, k=3, section="II.C")`
    overrides them for one call. `doc_ids` restricts it to those reports."""

    searcher: Any  # app.retrieval.searcher.Searcher (Any: pydantic need not validate it)
    k: int = 5
    section: str | None = None
    doc_ids: frozenset[str] | None = None  # the reports searched (None: every one)

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun,
                                k: int | None = None, section: str | None = None, **_: Any) -> list[Document]:
        section = section if section is not None else self.section
        if self.doc_ids is None:  # a searcher without report filters (a test double, an older plug-in) still works
            hits = self.searcher.search(query, k=k or self.k, section=section)
        else:
            hits = self.searcher.search(query, k=k or self.k, section=section, doc_ids=self.doc_ids)
        return [hit_to_document(h) for h in hits]
