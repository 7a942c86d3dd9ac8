"""ParagraphRetriever: a LangChain BaseRetriever over the Searcher."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from langchain_core.runnables import RunnableLambda

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from doubles import HashEmbedder, write_synthetic_corpus  # noqa: E402

from app.retrieval.langchain_retriever import ParagraphRetriever  # noqa: E402
from app.retrieval.searcher import Searcher  # noqa: E402
from ingest.build import build_index  # noqa: E402
from ingest.store import load_index  # noqa: E402


@pytest.fixture(scope="module")
def hash_searcher(tmp_path_factory):
    root = tmp_path_factory.mktemp("lc")
    write_synthetic_corpus(root / "corpus")
    build_index(root / "corpus", root / "index", HashEmbedder(), progress=False)
    return Searcher(load_index(root / "index"), HashEmbedder())


def test_documents_with_paragraph_metadata(hash_searcher):
    retriever = ParagraphRetriever(searcher=hash_searcher, k=2)
    assert isinstance(retriever, BaseRetriever)
    docs = retriever.invoke("inspectors trained in laboratory analysis of heavy metals")
    assert len(docs) == 2 and all(isinstance(d, Document) for d in docs)
    top = docs[0]
    assert top.metadata["paragraph"] == 3 and top.metadata["doc_id"] == "synthetic-report"
    assert top.page_content.startswith("The Office trained 420 inspectors")
    assert top.metadata["section"] == "II. Water > A. River pollution"
    assert top.metadata["section_path"] == ["II. Water", "A. River pollution"]
    assert top.metadata["title"] == "Synthetic report on rivers and forests"
    assert isinstance(top.metadata["score"], float)


def test_per_call_overrides_and_lcel_composition(hash_searcher):
    retriever = ParagraphRetriever(searcher=hash_searcher, k=5, section="III")
    assert {d.metadata["paragraph"] for d in retriever.invoke("the Office")} == {5, 6}
    assert len(retriever.invoke("the Office", k=1, section="II")) == 1
    chain = retriever | RunnableLambda(lambda docs: [d.metadata["paragraph"] for d in docs])
    assert chain.invoke("guide on forest crime") [0] == 6
    assert [len(x) for x in retriever.batch(["water", "forest"])] == [2, 2]


def test_real_report(real_index_dir, embedder):
    searcher = Searcher(load_index(real_index_dir), embedder)
    docs = ParagraphRetriever(searcher=searcher, k=3).invoke(
        "How many States had become parties to the Organized Crime Convention?")
    assert 7 in [d.metadata["paragraph"] for d in docs]
    docs = ParagraphRetriever(searcher=searcher, k=3).invoke("¶68")
    assert docs[0].metadata["paragraph"] == 68 and "$14,086,600" in docs[0].page_content


@pytest.mark.parametrize("question", [
    "How many States were parties to the Organized Crime Convention?",
    "What did UNODC do to counter cybercrime?",
    "What does paragraph 68 say?",
])
def test_the_chain_and_the_langchain_retriever_retrieve_the_same(assistant, question):
    """The chain calls the Searcher directly; ParagraphRetriever is the same retrieval for LangChain users."""
    from app.retrieval.langchain_retriever import ParagraphRetriever

    via_langchain = [d.metadata["hit"] for d in ParagraphRetriever(searcher=assistant.searcher, k=5).invoke(question)]
    turn = assistant.chain().prepare(question, k=5)
    assert via_langchain and list(turn.hits) == via_langchain
    assert [name for name, _ in turn.timings] == ["condense", "retrieve", "pack", "score", "grade"]
