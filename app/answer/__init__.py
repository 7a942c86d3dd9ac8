"""Answerer backends behind one small contract and a registry (see base.py)."""
from app.answer.base import Answerer, Backend, get_backend, make_answerer, names, register, registered

__all__ = ["Answerer", "Backend", "get_backend", "make_answerer", "names", "register", "registered"]
