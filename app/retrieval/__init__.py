"""Hybrid retrieval over a stored index: dense (FAISS) + lexical (BM25), fused, per paragraph."""
